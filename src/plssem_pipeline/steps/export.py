"""Rule `export`: the results tables as one Excel workbook, report/results.xlsx (:mod:`..report.workbook`)."""
from __future__ import annotations

from ..report.catalogue import Catalogue
from ..report.inputs import KEYED_FILES
from ..report.workbook import SHEETS, write_workbook


def keyed_files(inputs, pairs) -> dict:
    """The sheets of one file per compared pair or group (issue 15), from the inputs named ``<kind>:<key>``.

    Parameters
    ----------
    inputs : mapping
        Input name -> path, in the rule's order (``micom:2-vs-1``, ``group_bootstrap:2``, ...).
    pairs : mapping
        Pair name -> its two codes ``[first, second]`` (the rule's ``pairs`` param).

    Returns
    -------
    dict
        Kind -> ``[(key columns, path), ...]`` (:func:`..report.workbook.write_workbook`): a MICOM file led by the
        pair's codes ``group_1``, ``group_2``; a group's bootstrap file by its code ``group``; an MGA file names
        its groups itself. The summary files have no sheet.
    """
    out: dict = {}
    for name, path in inputs.items():
        kind, _, key = name.partition(":")
        if kind not in KEYED_FILES or kind == "mga_summary" or not key:
            continue
        columns = ({"group_1": pairs[key][0], "group_2": pairs[key][1]} if kind == "micom"
                   else {"group": key} if kind == "group_bootstrap" else {})
        out.setdefault(kind, []).append((columns, path))
    return out


def main(smk, log):
    inputs = smk.input.keys()
    files = {name: smk.input[name] for name, _, _ in SHEETS if name in inputs}
    files.update(keyed_files({name: smk.input[name] for name in inputs}, smk.params.pairs))
    written = write_workbook(files, smk.output.workbook, Catalogue(smk.params.language), smk.params.formative,
                             smk.params.unassessed)
    log.info("wrote %s: %d sheets after the contents (%s)", smk.output.workbook, len(written),
             ", ".join(title for title, _ in written))
