"""SmartPLS 4's bootstrapping layout, shared by Tables 5 and 6: O, M, STDEV, |O/STDEV|, P values and the
confidence interval."""
from __future__ import annotations

from ..inputs import ReportInputs
from ..tables import Cell, Column, fmt, pvalue

__all__ = ["bootstrap_cells", "bootstrap_columns"]


def bootstrap_cells(inputs: ReportInputs, record, test: bool = True) -> list:
    """The statistics of one bootstrap row as cells, T as ``|O/STDEV|``.

    Parameters
    ----------
    inputs : ReportInputs
        For the significance rule.
    record : mapping
        A row with ``original``, ``mean``, ``sd``, ``t``, ``p``, ``ci_low``, ``ci_high``.
    test : bool
        False for a statistic whose test against zero has no meaning (reliability, AVE): no T and P cells.

    Returns
    -------
    list of Cell
        Seven cells (five without ``test``); the P value in the report's p convention
        (:func:`~plssem_pipeline.report.tables.pvalue`),
        flagged when the row is not significant.
    """
    o, m, sd, tt, p, low, high = (float(record[k]) for k in ("original", "mean", "sd", "t", "p", "ci_low",
                                                               "ci_high"))
    tests = [Cell(fmt(abs(tt)), abs(tt)),
             Cell(pvalue(p, inputs.language), p, flag=None if inputs.significant(record) else "warn")] if test else []
    return [Cell(fmt(o), o), Cell(fmt(m), m), Cell(fmt(sd), sd), *tests, Cell(fmt(low), low), Cell(fmt(high), high)]


def bootstrap_columns(inputs: ReportInputs, first: str, test: bool = True) -> list:
    """The columns of the layout.

    Parameters
    ----------
    inputs : ReportInputs
        For the labels and the interval's bounds (from ``bootstrap.alpha``).
    first : str
        Header of the row-header column.
    test : bool
        False: without the T and P columns (see :func:`bootstrap_cells`).

    Returns
    -------
    list of Column
    """
    t = inputs.t
    low, high = inputs.ci_bounds
    widths = ((t("c_original"), 1.55), (t("c_mean"), 1.45), (t("c_sd"), 1.75), (t("c_t"), 1.75), (t("c_p"), 1.2),
              (low, 1.1), (high, 1.1))
    dropped = set() if test else {t("c_t"), t("c_p")}
    return [Column(first, "l")] + [Column(label, width=width) for label, width in widths
                                   if label not in dropped]
