"""The pieces the templates lay out (tables, rows, cells, figures) and the number formatting of the report.

Every value is plain text (or a number kept beside its text, for tests and for
matching the audit's values): escaping is the templates' job.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..language import number_text

__all__ = ["Cell", "Column", "Row", "Table", "Figure", "KEEP_ROWS", "fmt", "isnan", "integer", "pvalue", "prose",
           "tolerance", "number", "number_cell", "row_key"]


@dataclass
class Column:
    """A table column: header text, alignment (``"l"``/``"r"``) and, for LaTeX, a width in cm (None: natural).

    In HTML a text column with a width wraps its cells, unless ``nowrap`` (a path such as ``A -> M -> B``, which
    reads badly broken, in a table whose numbers leave it room).
    """

    label: str
    align: str = "r"
    width: float | None = None
    mono: bool = False
    nowrap: bool = False


@dataclass
class Cell:
    """A table cell: its text, the number behind it (full precision) and an optional flag.

    ``flag`` is one of ``None``, ``"out"`` (beyond the audit's tolerance of the
    published value), ``"fail"``, ``"warn"``, ``"pass"`` or ``"strong"`` (bold).
    """

    text: str
    value: float | None = None
    flag: str | None = None
    title: str | None = None


@dataclass
class Row:
    """A row of cells (the first is the row header), or a group heading spanning the table (``group``).

    ``detail`` is a longer text shown on a full-width line under the row (the arithmetic of an audit check).
    """

    cells: list = field(default_factory=list)
    group: str | None = None
    keys: tuple = ()
    total: bool = False
    detail: str | None = None


@dataclass
class Table:
    """A numbered table with caption, columns, rows, notes and the results files behind it.

    ``keep_groups``: in the PDF, each group of rows (a heading and its rows) stays on one page, so that no row
    continues on the next page without its group's heading; a group longer than :data:`KEEP_ROWS` rows may break
    every :data:`KEEP_ROWS` rows, its heading repeated there.
    """

    id: str
    number: str | None
    caption: str
    columns: list
    rows: list
    notes: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    comparison: "Table | None" = None
    font: str = "small"
    keep_groups: bool = False

    @property
    def bodies(self) -> list:
        """The rows split at group headings: ``[(heading or None, rows), ...]`` (one ``<tbody>`` each)."""
        out = []
        for row in self.rows:
            if row.group is not None:
                out.append((row.group, []))
            else:
                if not out:
                    out.append((None, []))
                out[-1][1].append(row)
        return out

    def row_ends(self, heading: str | None, rows: list) -> list[str]:
        """How the PDF ends each row of a body (:attr:`bodies`): ``"keep"`` (no page break after it), ``"repeat"``
        (a break allowed, the heading repeated after it) or ``""`` (a break allowed).

        Without :attr:`keep_groups` or a heading, every row may break. With them, the rows stay together, but a
        group longer than :data:`KEEP_ROWS` may break after every :data:`KEEP_ROWS`-th row, where the heading is
        repeated; the last row may break (before the next group's heading).
        """
        if not (self.keep_groups and heading is not None):
            return [""] * len(rows)
        return ["" if k == len(rows) else "repeat" if k % KEEP_ROWS == 0 else "keep" for k in range(1, len(rows) + 1)]


@dataclass
class Figure:
    """A figure: PNG (embedded in the HTML as a data URI) and PDF (included by LaTeX)."""

    id: str
    number: str
    caption: str
    png: str
    pdf: str | None
    data_uri: str = ""
    link: str = ""
    tex_path: str = ""
    wide: bool = False


#: With :attr:`Table.keep_groups`, the rows of a group kept on one page: a longer group may break after every
#: so many of its rows, its heading repeated (a page of the PDF holds about 45 rows).
KEEP_ROWS = 30


# --- formatting --------------------------------------------------------------------------------

def isnan(value) -> bool:
    """Whether a value is missing: ``None`` or NaN (any value unequal to itself).

    Parameters
    ----------
    value : object
        A number from a results file, or anything else (never missing unless unequal to itself).

    Returns
    -------
    bool

    Examples
    --------
    >>> isnan(None), isnan(float("nan")), isnan(0.0), isnan("x")
    (True, True, False, False)
    """
    try:
        return value is None or (isinstance(value, float) and math.isnan(value)) or value != value
    except TypeError:
        return False


def fmt(value, decimals: int = 3) -> str:
    """A number with fixed decimals (``""`` for a missing value; ``-0.000`` written ``0.000``).

    Parameters
    ----------
    value : float or None
    decimals : int
        Digits after the point; 3 for every statistic of the tables, 0 for counts, 1 for percentages.

    Returns
    -------
    str
        The text of a table cell.

    Examples
    --------
    >>> fmt(0.52818), fmt(-0.0001), fmt(float("nan")), fmt(12, 0)
    ('0.528', '0.000', '', '12')
    """
    if isnan(value):
        return ""
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def integer(value, language: str) -> str:
    """A count with thousands separators: ``5,000`` (English), ``5.000`` (Indonesian).

    Parameters
    ----------
    value : int or float
        A whole number (respondents, subsamples).
    language : {"en", "id"}

    Returns
    -------
    str

    Examples
    --------
    >>> integer(5000, "en"), integer(5000, "id")
    ('5,000', '5.000')
    """
    return number_text(int(value), language, ",")


def pvalue(value, language: str = "en") -> str:
    """A p value, one convention for every table, sentence and figure of the report (APA, 7th ed., 6.36).

    Three decimals, ``< .001`` below 0.001; English drops the leading zero a p
    value cannot need (``.037``); Indonesian keeps it, with its decimal comma
    (``0,037``, ``< 0,001``), as Indonesian journals print p.

    Parameters
    ----------
    value : float or None
        A p value in [0, 1]; missing (None, NaN) gives ``""``.
    language : {"en", "id"}
        The report's language (``report.language``).

    Returns
    -------
    str
        The text of a table cell, a sentence or a figure label.

    Examples
    --------
    >>> pvalue(0.0368), pvalue(0.00002), pvalue(1.0), pvalue(0.0368, "id"), pvalue(0.0004, "id")
    ('.037', '< .001', '1.000', '0,037', '< 0,001')
    """
    if isnan(value):
        return ""
    value = float(value)
    text = "< " + number_text(0.001, language, ".3f") if value < 0.001 else number_text(value, language, ".3f")
    return text.replace("0.", ".") if language == "en" and value < 1 else text


def prose(value, language: str, decimals: int | None = None) -> str:
    """A number inside a sentence: decimal comma in Indonesian.

    Parameters
    ----------
    value : float
    language : {"en", "id"}
    decimals : int, optional
        Fixed decimals; None: the shortest text (``%g``).

    Returns
    -------
    str

    Examples
    --------
    >>> prose(0.05, "en"), prose(0.05, "id"), prose(0.7, "id", 2)
    ('0.05', '0,05', '0,70')
    """
    return number_text(value, language, "g" if decimals is None else f".{decimals}f")


def tolerance(value: float) -> str:
    """A convergence tolerance as written in the methods: ``1e-7``, not ``1e-07``.

    Parameters
    ----------
    value : float
        The algorithm's stop criterion (``algorithm.tol``).

    Returns
    -------
    str

    Examples
    --------
    >>> tolerance(1e-7), tolerance(0.001)
    ('1e-7', '0.001')
    """
    text = f"{value:g}"
    return re.sub(r"e([+-])0*(\d)", lambda m: "e" + ("-" if m.group(1) == "-" else "") + m.group(2), text)


def number(value) -> float | None:
    """``value`` as a float, or None when it is missing, NaN or not a number.

    Parameters
    ----------
    value : object
        Usually the text of a CSV cell read as ``str`` (the audit's files).

    Returns
    -------
    float or None

    Examples
    --------
    >>> number("0.5"), number(""), number("n/a"), number(float("nan"))
    (0.5, None, None, None)
    """
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def number_cell(text, shown) -> Cell:
    """A cell of a value written as text (the audit's files): its number formatted, or the text as it is.

    Parameters
    ----------
    text : str
        The value as the file writes it (``"0.047"``, ``"n/a"``, ``""``).
    shown : callable
        Float -> the cell's text (``lambda v: fmt(v, 4)``).

    Returns
    -------
    Cell
        With the number as ``value`` when ``text`` is one.

    Examples
    --------
    >>> number_cell("0.12345", fmt).text, number_cell("n/a", fmt).text
    ('0.123', 'n/a')
    """
    value = number(text)
    return Cell(str(text)) if value is None else Cell(shown(value), value)


def row_key(text) -> str:
    """Normalised row key: case, spaces and arrow styles ignored (``"KP→IP"`` = ``"kp -> ip"``).

    Parameters
    ----------
    text : object
        A row name of the audit's comparison, or one of a :class:`Row`'s ``keys``.

    Returns
    -------
    str

    Examples
    --------
    >>> row_key("KP→IP") == row_key("kp -> ip")
    True
    """
    return re.sub(r"\s+", "", str(text)).replace("→", "->").lower()
