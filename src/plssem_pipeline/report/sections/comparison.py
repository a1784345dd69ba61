"""Published against reproduced: the audit's comparison rows beside the tables they belong to.

Wherever the audit compared a published value with the reproduced one, the
table's cell is marked when the difference is beyond the audit's tolerance
(:func:`attach_comparison`), and a comparison table follows the table
(:func:`comparison_table`); the rows of no numbered table are listed in the
audit section.
"""
from __future__ import annotations

import math
import re

from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, number, number_cell, row_key

__all__ = ["attach_comparison", "comparison_table", "table_name", "table_number", "tally"]

#: The published tables whose comparison rows stand under the table itself (the others: the audit section).
PAPER_TABLES = ("1", "2", "3", "4", "5", "6")


def table_number(text) -> str | None:
    """The number of the published table an audit id names: ``"table3_reliability"`` -> ``"3"``.

    Parameters
    ----------
    text : str
        The audit's ``table`` column.

    Returns
    -------
    str or None
        The first run of digits; None when the id has none (rows of no numbered table).

    Examples
    --------
    >>> table_number("table3_reliability"), table_number("hypotheses")
    ('3', None)
    """
    match = re.search(r"(\d+)", str(text))
    return match.group(1) if match else None


def table_name(inputs: ReportInputs, text) -> str:
    """The published table an audit id names, as the report calls it.

    Parameters
    ----------
    inputs : ReportInputs
        For the word "Table" in the report's language.
    text : str
        The audit's ``table`` column (``"table3_reliability"``).

    Returns
    -------
    str
        ``"Table 3"``; any id not of a table unchanged.
    """
    number = table_number(text)
    return f"{inputs.t('table')} {number}" if number and str(text).lower().startswith("tab") else str(text)


def tally(rows) -> tuple:
    """Count comparison rows by verdict.

    Parameters
    ----------
    rows : list of dict
        Rows of :attr:`ReportInputs.comparisons`.

    Returns
    -------
    tuple of int
        ``(total, within, out)``: all rows, those within and those out of tolerance (the rest were not judged).
    """
    return (len(rows), sum(1 for r in rows if r["within"]), sum(1 for r in rows if r["within"] is False))


def _plain(value: float) -> str:
    """Whole numbers from 1 without decimals (a published n), any other value with three."""
    return fmt(value, 0) if float(value).is_integer() and abs(value) >= 1 else fmt(value)


def _signed(value: float) -> str:
    """A difference with its sign, ``+`` included (none on a zero)."""
    return ("+" if value > 0 and fmt(value) != "0.000" else "") + fmt(value)


def _comparison_row(t, r) -> Row:
    within = r["within"]
    flag = "fail" if within is False else ("pass" if within else None)
    verdict = t("within_yes") if within else t("within_no") if within is False else t("within_na")
    difference = number_cell(r["difference"], _signed)
    if within is False:
        difference.flag = "out"
    return Row([Cell(r["row"]), Cell(r["statistic"]), number_cell(r["published"], _plain),
                number_cell(r["reproduced"], _plain), difference, number_cell(r["tolerance"], _plain),
                Cell(verdict, flag=flag)])


def comparison_table(inputs: ReportInputs, number, rows, caption) -> Table:
    """The audit's rows of one published table (or of none: ``number`` None) as a table of their own.

    Parameters
    ----------
    inputs : ReportInputs
        For the labels and the link to the audit's file.
    number : str or None
        The published table's number; None for the rows of no numbered table.
    rows : list of dict
        Rows of :attr:`ReportInputs.comparisons`.
    caption : str

    Returns
    -------
    Table
        Unnumbered; each row's difference marked when out of tolerance, and a note counting the verdicts.
    """
    t = inputs.t
    total, within, out = tally(rows)
    note = (t("n_comparison", within=within, total=total, out=out) if within + out
            else t("n_comparison_none", total=total))
    return Table(
        id=f"comparison-{number or 'other'}", number=None, caption=caption,
        columns=[Column(t("c_row"), "l"), Column(t("c_statistic"), "l"), Column(t("c_published")),
                 Column(t("c_reproduced")), Column(t("c_difference")), Column(t("c_tolerance")),
                 Column(t("c_within"), "l")],
        rows=[_comparison_row(t, r) for r in rows], notes=[note],
        sources=[inputs.file(inputs.audit["published_vs_reproduced"])], font="footnotesize",
    )


def _same(a: float, b: float) -> bool:
    return (math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
            or math.isclose(abs(a), abs(b), rel_tol=1e-9, abs_tol=1e-12))


def _mark(table: Table, r, title: str) -> None:
    """Mark the first cell of the row ``r`` names that holds its reproduced value (sign aside)."""
    reproduced = number(r["reproduced"])
    key = row_key(r["row"])
    for row in table.rows:
        if row.group is not None or key not in {row_key(k) for k in row.keys}:
            continue
        for cell in row.cells[1:]:
            if cell.value is not None and reproduced is not None and _same(cell.value, reproduced):
                cell.flag = "out"
                cell.title = f"{title}: {r['published']}"
                table.marked += 1
                return


def attach_comparison(inputs: ReportInputs, table: Table, number: str) -> Table:
    """Mark the cells the audit found out of tolerance and attach the comparison table.

    Parameters
    ----------
    inputs : ReportInputs
        Its ``comparisons``: nothing is attached without the audit's file.
    table : Table
        One of the report's tables of a published table.
    number : str
        The published table's number (the audit's ``table`` column names it).

    Returns
    -------
    Table
        ``table``, changed in place: flagged cells, a note, ``comparison``.
    """
    if inputs.comparisons is None:
        return table
    rows = [r for r in inputs.comparisons if table_number(r["table"]) == number]
    if not rows:
        return table
    for r in rows:
        if r["within"] is False:
            _mark(table, r, inputs.t("c_published"))
    if table.marked:
        table.notes.append(inputs.t("n_marked"))
    table.comparison = comparison_table(inputs, number, rows, inputs.t("comparison_caption", number=number))
    return table
