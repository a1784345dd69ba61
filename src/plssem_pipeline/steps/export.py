"""Rule `export`: the results tables as one Excel workbook, report/results.xlsx (:mod:`..report.workbook`)."""
from __future__ import annotations

from ..report.catalogue import Catalogue
from ..report.workbook import SHEETS, write_workbook


def main(smk, log):
    inputs = smk.input.keys()
    files = {name: smk.input[name] for name, _, _ in SHEETS if name in inputs}
    written = write_workbook(files, smk.output.workbook, Catalogue(smk.params.language), smk.params.formative,
                             smk.params.unassessed)
    log.info("wrote %s: %d sheets after the contents (%s)", smk.output.workbook, len(written),
             ", ".join(title for title, _ in written))
