"""Published against reproduced: the audit's comparison rows beside the tables they belong to.

Wherever the audit compared a published value with the reproduced one, a
comparison table follows the table (:func:`attach_comparison`,
:func:`comparison_table`), its difference marked † when beyond the audit's
tolerance; the reproduced table itself shows the reproduced results unmarked
(a † there would read as a mark of the result, not of the paper). The rows of
no numbered table are listed in the audit section.
"""
from __future__ import annotations

import math
import re

from ...audit.catalogue import AuditCatalogue
from ...audit.compare import CR_READ_AS, display_row
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, integer, number, number_cell, pvalue, row_key

__all__ = ["attach_comparison", "claim_text", "comparison_table", "table_name", "table_number", "tally"]

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
        The audit's ``table`` column (``"table3_reliability"``; several tables joined by ``+``).

    Returns
    -------
    str
        ``"Table 3"`` (``"Table 4 + Table 5"`` for ``"table4_r_squared+table5_path_coefficients"``); any id not
        of a table unchanged.
    """
    if "+" in str(text):
        return " + ".join(table_name(inputs, part) for part in str(text).split("+"))
    number = table_number(text)
    if number and str(text).lower().startswith("tab"):
        return f"{inputs.t('table')} {number}"
    return inputs.t(_UNNUMBERED[str(text)]) if str(text) in _UNNUMBERED else str(text)


#: The published parts that are no numbered table, by the audit's id -> their name in the report's catalogue.
_UNNUMBERED = {"hypotheses": "sec_hypotheses", "mediation_claims": "claims_table"}
_CLAIM = re.compile(r"mediation_claims\[(\d+)\]")


def claim_text(inputs: ReportInputs, text) -> str:
    """A text of the audit with each paper's mediation claim named as the report names it.

    Parameters
    ----------
    inputs : ReportInputs
        For the words in the report's language.
    text : str
        A row or item of the audit's files (``"mediation_claims[0] (KP -> IP -> KU): p"``).

    Returns
    -------
    str
        ``"Mediation claim 1 (KP -> IP -> KU): p"``: the claim's place in the published list, counted from 1.
    """
    return _CLAIM.sub(lambda m: inputs.t("claim_row", n=int(m.group(1)) + 1), str(text))


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


#: The audit's statistic ids -> the report's name of the statistic (its column header, SmartPLS's name), for the
#: rows no column of the table names.
STATISTIC_NAMES = {"n": "c_n", "percent": "c_percent", "loading": "c_loading", "ave": "c_ave",
                   "cronbach_alpha": "c_alpha", "rho_a": "c_rho_a", "rho_c": "c_rho_c",
                   CR_READ_AS + "rho_c": "c_cr_as_rho_c", CR_READ_AS + "rho_a": "c_cr_as_rho_a",
                   "r2": "c_r2", "r2_adj": "c_r2_adj", "original": "c_original", "mean": "c_mean", "sd": "c_sd",
                   "t": "c_t", "p": "c_p", "supported": "c_supported_binary"}
#: Statistics that count (respondents, supported hypotheses as 1/0): whole numbers, no decimals.
COUNTS = ("n", "supported")


def _plain(value: float) -> str:
    """Whole numbers from 1 without decimals (a published t tolerance of 2), any other value with three."""
    return fmt(value, 0) if float(value).is_integer() and abs(value) >= 1 else fmt(value)


def _signed(value: float, shown=fmt) -> str:
    """A difference with its sign, ``+`` included (none on a zero)."""
    text = shown(value)
    return ("+" if value > 0 and text.strip("0.,") else "") + text


def _formats(inputs: ReportInputs, statistic: str) -> tuple:
    """How a comparison row writes its values and its difference: counts whole, p values as p values."""
    if statistic in COUNTS:
        count = lambda v: integer(round(v), inputs.language)  # noqa: E731
        return count, count
    if statistic == "p":
        return (lambda v: pvalue(v, inputs.language)), fmt
    return _plain, fmt


def _comparison_row(inputs: ReportInputs, r) -> Row:
    t = inputs.t
    within = r["within"]
    flag = "fail" if within is False else ("pass" if within else None)
    verdict = t("within_yes") if within else t("within_no") if within is False else t("within_na")
    value, difference_text = _formats(inputs, r["statistic"])
    difference = number_cell(r["difference"], lambda v: _signed(v, difference_text))
    if within is False:
        difference.flag = "out"
    tolerance = number_cell(r["tolerance"], value if r["statistic"] in COUNTS else _plain)
    name = STATISTIC_NAMES.get(r["statistic"])
    statistic = r.get("statistic_label") or (t(name) if name else r["statistic"])
    row = r.get("label") or claim_text(inputs, display_row(r["row"], AuditCatalogue(inputs.language)))
    return Row([Cell(row), Cell(statistic),
                number_cell(r["published"], value), number_cell(r["reproduced"], value), difference, tolerance,
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
        # LaTeX widths wrap the long row and statistic names so that the table fits the text width
        columns=[Column(t("c_row"), "l", width=3.4), Column(t("c_statistic"), "l", width=3.0),
                 Column(t("c_published")), Column(t("c_reproduced")), Column(t("c_difference")),
                 Column(t("c_tolerance")), Column(t("c_within"), "l", width=1.8)],
        rows=[_comparison_row(inputs, r) for r in rows], notes=[note],
        sources=[inputs.file(inputs.audit["published_vs_reproduced"])], font="footnotesize",
    )


def _same(a: float, b: float) -> bool:
    return (math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
            or math.isclose(abs(a), abs(b), rel_tol=1e-9, abs_tol=1e-12))


def _locate(table: Table, r) -> tuple:
    """Where the row ``r`` of the audit stands in ``table``: ``(row, column, key)``.

    ``row`` is the index of the first row one of whose keys names it (``key``: which of its keys); ``column``
    the index of its cell holding the reproduced value (sign aside), None when no cell holds it; ``(None,
    None, None)`` when no row names it.
    """
    reproduced = number(r["reproduced"])
    key = row_key(r["row"])
    for i, row in enumerate(table.rows):
        keys = [row_key(k) for k in row.keys]
        if row.group is not None or key not in keys:
            continue
        column = next((j for j, cell in enumerate(row.cells) if j and cell.value is not None
                       and reproduced is not None and _same(cell.value, reproduced)), None)
        return i, column, keys.index(key)
    return None, None, None


def _group(table: Table, index: int) -> str | None:
    """The group heading the row at ``index`` stands under (None in a table without groups)."""
    return next((row.group for row in reversed(table.rows[:index]) if row.group is not None), None)


def _labelled(table: Table, r, place: tuple) -> dict:
    """The audit's row ``r`` named as ``table`` names it: its category or construct label, its column header.

    A row the audit names by an identifier (``business_type = 1``) takes the table's row header under its
    group heading (``Business type: Food and beverage``); the statistic takes its column's header
    (``cronbach_alpha`` -> ``Cronbach's α``) unless it is a composite reliability read as a coefficient
    (``composite_reliability as rho_a``: the name says both).
    """
    i, column, key = place
    out = dict(r)
    if i is None:
        return out
    header = table.rows[i].cells[0].text
    if key == 0 and row_key(header) != row_key(r["row"]):
        group = _group(table, i)
        out["label"] = f"{group}: {header}" if group else header
    if column is not None and not str(r["statistic"]).startswith(CR_READ_AS):
        out["statistic_label"] = table.columns[column].label
    return out


def attach_comparison(inputs: ReportInputs, table: Table, number: str) -> Table:
    """Attach the comparison table of the audit's rows of a published table (its † marks stay in it).

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
        ``table``, changed in place: its ``comparison``; its own cells are not marked.
    """
    if inputs.comparisons is None:
        return table
    rows = [r for r in inputs.comparisons if table_number(r["table"]) == number]
    if not rows:
        return table
    places = [_locate(table, r) for r in rows]   # to order and name the comparison's rows as the table does
    # in the order of the table: by row, then by column; rows the table does not show last, as the audit lists them
    order = sorted(range(len(rows)), key=lambda k: (places[k][0] is None, places[k][0] or 0,
                                                    places[k][1] is None, places[k][1] or 0, k))
    labelled = [_labelled(table, rows[k], places[k]) for k in order]
    table.comparison = comparison_table(inputs, number, labelled, inputs.t("comparison_caption"))
    return table
