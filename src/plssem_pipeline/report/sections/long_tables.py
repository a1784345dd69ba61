"""A long table of effects in the main text: the rows a reader needs, and the rest summarised.

A model of 12 constructs and 21 paths has some 940 specific indirect effects; a table with a row for each is
unreadable and takes dozens of pages. :func:`main_rows` keeps a table whole while it has at most :data:`ROWS`
rows; beyond that it keeps the hypothesised effects (the config's ``hypotheses``) and the :data:`TOP` largest
of the others by ``|O|``, in table order, and :func:`summary_note` says how many there are, how many are
significant, which are shown and where all of them are (the results CSV and the workbook, which keep every row).
"""
from __future__ import annotations

import math

__all__ = ["ROWS", "TOP", "main_rows", "summary_note"]

#: The most rows of a table of effects in the main text before it is cut to the rows a reader needs.
ROWS = 15
#: Beside the hypothesised effects, this many of the others, the largest by |O|.
TOP = 5


def _size(record) -> float:
    value = record.get("original")
    try:
        value = abs(float(value))
    except (TypeError, ValueError):
        return -1.0
    return value if not math.isnan(value) else -1.0


def main_rows(records: list, hypothesised, significant, *, rows: int = ROWS,
              top: int = TOP) -> tuple[list, dict | None]:
    """The rows of ``records`` a table in the main text shows, and what was left out.

    Parameters
    ----------
    records : list of dict
        The table's rows in table order, each with ``original`` (O).
    hypothesised, significant : callable
        ``record -> bool``: whether the row is one of the config's hypotheses; whether it is significant
        (:meth:`plssem_pipeline.report.inputs.ReportInputs.significant`, the pipeline's one rule).
    rows, top : int
        :data:`ROWS`, :data:`TOP`.

    Returns
    -------
    (list, dict or None)
        All of ``records`` and None while there are at most ``rows``; else the hypothesised rows and the
        ``top`` largest ``|O|`` of the others (ties in table order), in table order, and ``{"total",
        "significant", "hypothesised", "top"}`` (counts).
    """
    if len(records) <= rows:
        return records, None
    wanted = [hypothesised(r) for r in records]
    others = sorted((k for k, w in enumerate(wanted) if not w), key=lambda k: -_size(records[k]))[:top]
    keep = sorted({k for k, w in enumerate(wanted) if w} | set(others))
    return [records[k] for k in keep], {"total": len(records), "significant": sum(map(significant, records)),
                                        "hypothesised": sum(wanted), "top": len(others)}


def summary_note(t, summary: dict, *, effects: str, rule: str, where: str, sheet: str) -> str:
    """The note under a cut table: ``summary`` as :func:`main_rows` returns it; ``effects`` what the rows are
    (e.g. "specific indirect effects"), ``rule`` when one counts as significant, ``where`` the results file,
    ``sheet`` the workbook's sheet. ``t`` is the report's catalogue."""
    return t("n_long_table", effects=effects, rule=rule, where=where, sheet=sheet, **summary)
