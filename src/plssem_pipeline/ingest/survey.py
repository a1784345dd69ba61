"""Reading a survey file exactly as a researcher's spreadsheet wrote it.

:func:`read_survey` returns every cell as text, with the file line each record
came from, so that cleaning (:mod:`plssem_pipeline.ingest.cleaning`) can check and log
each value against its row and column. It recognises what spreadsheets produce:

* UTF-8 and UTF-16 byte-order marks (removed and recorded), and UTF-16 without
  one (:mod:`.csv_text`);
* the field delimiter: ``,``, ``;`` (Excel in locales with a decimal comma,
  e.g. Indonesian or German), tab or ``|``, named by Excel's ``sep=`` first line
  or detected from the header line;
* quoted cells holding line breaks: row numbers are the rows a spreadsheet shows;
* decimal commas (``3,5``), detected by :func:`detect_decimal` and parsed
  by :func:`parse_number`;
* Excel workbooks (``.xlsx``, ``.xlsm``; :mod:`.workbook`), SPSS (``.sav``,
  ``.zsav``) and Stata (``.dta``) data files (:mod:`.spss_stata`), recognised by
  their signature (:mod:`.formats`) and read into the same text cells a CSV
  export would hold, with the file's value labels and missing values.

Every problem is a :class:`~plssem_pipeline.errors.UserError` naming the file
and line.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from .csv_columns import columns_of_rows, plain_csv_columns
from .csv_text import decode, excel_sep_line, numbered_records
from .formats import FORMAT_NAMES, number_text, survey_format

__all__ = ["RawSurvey", "read_survey", "detect_delimiter", "detect_decimal", "parse_number"]

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_COMMA_DECIMAL = re.compile(r"^\s*[+-]?\d*,\d+\s*$")
_NUMBER = {
    ".": re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"),
    ",": re.compile(r"^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$"),
}


@dataclass
class RawSurvey:
    """A survey file as text cells.

    Attributes
    ----------
    path : str
    header : list of str
        Column names, surrounding whitespace removed.
    columns : list of (ndarray, ndarray)
        The data records' cells column by column, each padded or trimmed to the header's width (only
        empty trailing fields are ever trimmed): one ``(codes, texts)`` pair per header column
        (:func:`plssem_pipeline.ingest.csv_columns.factorized`; :meth:`column` gives the cells,
        :attr:`rows` the records).
    lines : list of int
        The row of each record as a spreadsheet shows it (the header is row 1; a record whose
        quoted cell holds a line break is one row; Excel's ``sep=`` line is not a row).
    delimiter : str
    encoding : str
        Codec actually used.
    bom : str or None
        ``"utf-8"``, ``"utf-16-le"``... if the file started with a byte-order mark.
    blank_lines : list of int
        Empty lines skipped.
    file_format : {"csv", "xlsx", "xlsm", "sav", "zsav", "dta"}
        What the file is (:func:`plssem_pipeline.ingest.formats.survey_format`); only a CSV
        has a delimiter, an encoding and a decimal mark of its own.
    sheet : str or None
        The workbook sheet read (``data.sheet``); ``sheets`` lists all of them.
    value_labels : dict
        Column -> {code as cell text: label}, from an SPSS or Stata file.
    variable_labels : dict
        Column -> label, from an SPSS or Stata file.
    missing : dict
        Column -> list of ``(lo, hi)``: the file's own missing values (SPSS user-missing
        values and ranges, Stata ``.a``-``.z``), text for string variables.
    missing_source : str
        What those missing values are called in the exclusions log.
    text_notes : dict
        CSV only: ``encoding_from`` (how the encoding was known: byte-order mark, zero bytes of
        UTF-16 without one, or ``data.encoding``) and ``excel_sep_line`` (the file began with
        Excel's ``sep=`` line, which named the delimiter).
    """

    path: str
    header: list[str]
    columns: list
    lines: list[int]
    delimiter: str
    encoding: str
    bom: str | None = None
    blank_lines: list[int] = field(default_factory=list)
    file_format: str = "csv"
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    value_labels: dict = field(default_factory=dict)
    variable_labels: dict = field(default_factory=dict)
    missing: dict = field(default_factory=dict)
    missing_source: str = ""
    text_notes: dict = field(default_factory=dict)

    def distinct(self, name: str):
        """Column ``name`` as ``(codes, texts)``: its distinct cell texts and, per record, the index of its text."""
        return self.columns[self.header.index(name)]

    def column(self, name: str) -> list[str]:
        """The cells of column ``name``, in row order."""
        codes, texts = self.distinct(name)
        return texts[codes].tolist()

    @property
    def rows(self) -> list[list[str]]:
        """The data records, each a list of cells as wide as the header."""
        return [list(record) for record in zip(*(texts[codes].tolist() for codes, texts in self.columns))]

    def declared_missing(self, column: str, text: str) -> str | None:
        """Why cell ``text`` of ``column`` is one of the file's own missing values, or None if it is not.

        The file's missing values (:attr:`missing`) are matched by number (a range
        includes its ends) or, for text, exactly.
        """
        declared = self.missing.get(column)
        if not declared:
            return None
        stripped = text.strip()
        number = parse_number(stripped)
        for lo, hi in declared:
            if isinstance(lo, str):
                hit = stripped == lo.strip()
            else:
                hit = number is not None and lo <= number <= hi
            if hit:
                values = ", ".join(_missing_text(lo, hi) for lo, hi in declared)
                return f"{self.missing_source} (missing values of {column} in the file: {values})"
        return None

    @property
    def format(self) -> dict:
        """What was detected, for the step summary."""
        common = {"file_format": self.file_format, "file_type": FORMAT_NAMES[self.file_format],
                  "columns": len(self.header), "records": len(self.lines),
                  "blank_lines_skipped": len(self.blank_lines)}
        if self.file_format == "csv":
            return {"delimiter": self.delimiter, "delimiter_name": _DELIMITER_NAMES.get(self.delimiter, self.delimiter),
                    "encoding": self.encoding, "byte_order_mark": self.bom, **self.text_notes, **common}
        if self.sheet is not None:
            return {**common, "sheet": self.sheet, "sheets": list(self.sheets)}
        return {**common, "value_labels": sorted(self.value_labels), "variable_labels": sorted(self.variable_labels),
                "missing_values": {column: [_missing_text(lo, hi) for lo, hi in declared]
                                   for column, declared in sorted(self.missing.items())}}


def _missing_text(lo, hi) -> str:
    """A declared missing value or range as SPSS shows it (``9``, ``-99 thru -90``, ``.a``)."""
    if isinstance(lo, str):
        return repr(lo) if lo.strip() != lo or not lo.startswith(".") else lo
    show = [number_text(x) for x in (lo, hi)]
    return show[0] if lo == hi else f"{show[0]} thru {show[1]}"


def detect_delimiter(header_line: str) -> str:
    """The candidate delimiter that splits the header line into the most fields.

    Ties are broken in the order ``, ; tab |``. A header with none of them
    (a single column) gives ``","``.

    >>> detect_delimiter("respondent_id;KP1;KP2")
    ';'
    """
    best, best_fields = ",", 1
    for candidate in DELIMITERS:
        fields = len(next(csv.reader([header_line], delimiter=candidate), []))
        if fields > best_fields:
            best, best_fields = candidate, fields
    return best


def detect_decimal(cells: Iterable[str], delimiter: str) -> str:
    """``","`` if the delimiter is not a comma and some cell is a decimal-comma number (``3,5``), else ``"."``.

    >>> detect_decimal(["4", "3,5"], ";"), detect_decimal(["4", "3.5"], ";")
    (',', '.')
    """
    if delimiter == ",":
        return "."
    return "," if any(_COMMA_DECIMAL.match(c) for c in cells) else "."


def parse_number(text: str, decimal: str = ".") -> float | None:
    """The number written in ``text`` with decimal mark ``decimal``, or ``None`` if it is not one.

    Surrounding whitespace is ignored; thousands separators are not accepted
    (an item score never has them, and ``1.234`` would be ambiguous).

    >>> parse_number("3,5", ","), parse_number(" 4 "), parse_number("empat")
    (3.5, 4.0, None)
    """
    text = text.strip()
    if not _NUMBER[decimal].match(text):
        return None
    return float(text.replace(",", ".")) if decimal == "," else float(text)


def read_survey(path, *, delimiter: str = "auto", encoding: str = "utf-8", sheet=None) -> RawSurvey:
    """Read a survey file -- CSV, Excel workbook, SPSS or Stata -- into text cells.

    The format is recognised from the file's signature, else its extension
    (:func:`plssem_pipeline.ingest.formats.survey_format`). Whatever it is, the
    result holds the text a CSV export of the same data would hold, with the
    row numbers a spreadsheet shows (header = 1).

    Parameters
    ----------
    path : path
    delimiter : {"auto", ",", ";", "\\t", "|"}
        CSV only (``data.delimiter``).
    encoding : str
        CSV only (``data.encoding``); used unless the file starts with a byte-order mark.
    sheet : str, int or None
        Workbooks only (``data.sheet``): the sheet's name or 1-based position; None for the first.

    Raises
    ------
    UserError
        Missing, empty, binary or unreadable file; no such sheet; duplicate or
        blank column names; no data rows; a record with more non-empty fields
        than the header.
    """
    path = str(path)
    if not Path(path).is_file():
        raise UserError("file not found", file=path)
    kind = survey_format(path)
    if kind == "csv":
        text, delimiter, used, bom, notes = _csv_text(path, delimiter, encoding)
        plain = plain_csv_columns(text, delimiter)
        if plain is not None:
            header, columns, lines, blank = _plain_table(path, *plain)
        else:
            header, columns, lines, blank = _table(path, numbered_records(text, delimiter, path), "the file",
                                                   delimiter)
        return RawSurvey(path, header, columns, lines, delimiter, used, bom, blank, text_notes=notes)
    if kind in ("xlsx", "xlsm"):
        from .workbook import read_sheet

        records, name, names = read_sheet(path, sheet)
        header, columns, lines, blank = _table(path, records, f"sheet {name!r}", None)
        return RawSurvey(path, header, columns, lines, "", "", None, blank, kind, name, names)
    from .spss_stata import read_data_file

    records, meta = read_data_file(path, kind)
    header, columns, lines, blank = _table(path, records, "the file", None)
    by_name = {name: {unicodedata.normalize("NFC", k): v for k, v in meta[name].items()}  # keyed as the header
               for name in ("value_labels", "variable_labels", "missing")}
    return RawSurvey(path, header, columns, lines, "", "", None, blank, kind, **by_name,
                     missing_source=meta["missing_source"])


def _csv_text(path: str, delimiter: str, encoding: str):
    """The text of a delimited text file after Excel's ``sep=`` line; the delimiter, codec, BOM and notes."""
    text, used, bom, source = decode(Path(path).read_bytes(), encoding, path)
    if "\x00" in text:
        raise UserError("the file contains NUL characters: it is binary, not a CSV text file", file=path)
    text, delimiter, sep_line = excel_sep_line(text, delimiter, path)
    if not text.strip():
        raise UserError("the file is empty; expected a header line and one row per respondent", file=path)
    first = text.lstrip("\r\n").splitlines()[0]
    if delimiter == "auto":
        delimiter = detect_delimiter(first)
    return text, delimiter, used, bom, {"encoding_from": source, "excel_sep_line": sep_line}


def _plain_table(path: str, written: list[str], columns: list):
    """Header, columns, line numbers and blank lines of a plain CSV (:func:`.csv_columns.plain_csv_columns`)."""
    import numpy as np

    header = [unicodedata.normalize("NFC", c.strip()) for c in written]
    holds = [any(t.strip() for t in texts) for _, texts in columns]
    _check_header(path, [c.strip() for c in written], header, 1, holds)
    return header, columns, np.arange(2, len(columns[0][0]) + 2).tolist(), []


def _table(path: str, records, what: str, delimiter: str | None):
    """Header, columns (:func:`.csv_columns.columns_of_rows`), line numbers and blank lines of ``records``.

    ``delimiter`` is None for a sheet or data file, whose rows may be shorter than
    the header (trailing empty cells are not stored) but never hold a value beyond it.
    """
    header: list[str] | None = None
    rows, lines, blank = [], [], []
    for line, record in records:
        if not record or all(not c.strip() for c in record):
            blank.append(line)
            continue
        if header is None:
            written = [c.strip() for c in record]
            header = [unicodedata.normalize("NFC", c) for c in written]  # compared in NFC, as the config (study.names)
            while delimiter is None and header and not header[-1]:
                header.pop()  # a sheet's trailing empty cells are no columns
            header_line = line
            continue
        width = len(header)
        if len(record) > width:
            if any(c.strip() for c in record[width:]):
                raise UserError(_too_wide(record, width, header_line, delimiter), file=path, row=line)
            record = record[:width]
        elif len(record) < width:
            if delimiter is not None:
                raise UserError(f"{len(record)} fields, but the header (line {header_line}) has {width} "
                                f"(delimiter {_DELIMITER_NAMES.get(delimiter, delimiter)})", file=path, row=line)
            record = record + [""] * (width - len(record))
        rows.append(record)
        lines.append(line)
    if header is None:
        raise UserError(f"{what} is empty; expected a header row and one row per respondent", file=path)
    _check_header(path, written, header, header_line,
                  [bool(not name and any(row[j].strip() for row in rows)) for j, name in enumerate(header)])
    if not rows:
        raise UserError(f"{what} has a header but no data rows (expected one row per respondent)", file=path)
    return header, columns_of_rows(rows, len(header)), lines, blank


def _check_header(path: str, written: list[str], header: list[str], header_line: int, holds: list[bool]) -> None:
    """Refuse a header with a blank name over a column that holds values (``holds[j]``), or a name twice."""
    blanks = [j + 1 for j, name in enumerate(header) if not name]
    if blanks and any(holds[j - 1] for j in blanks):
        raise UserError(f"column(s) {', '.join(map(str, blanks))} of the header have no name but hold values; "
                        "give every column a name", file=path, row=header_line)
    duplicates = [name for name, count in Counter(h for h in header if h).items() if count > 1]
    if duplicates:
        where = "; ".join(f"{name!r} in columns " + ", ".join(str(j + 1) for j, h in enumerate(header) if h == name)
                          for name in duplicates)
        alike = " (the same name once Unicode-normalised, NFC)" if len(set(written) - {""}) > len(set(header) - {""}) \
            else ""
        raise UserError(f"duplicate column name(s) in the header: {where}{alike}; every column needs a unique name",
                        file=path, row=header_line)


def _too_wide(record: list[str], width: int, header_line: int, delimiter: str | None) -> str:
    """The message for a record with a value beyond the header's last column."""
    if delimiter is not None:
        return (f"{len(record)} fields, but the header (line {header_line}) has {width}; check for a stray "
                f"delimiter {delimiter!r} in a value (quote values that contain it)")
    beyond = next(j for j in range(width, len(record)) if record[j].strip())
    letters, k = "", beyond + 1
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(65 + r) + letters
    return (f"a value in column {letters}, but the header (row {header_line}) names only {width} column(s); "
            "give that column a name in the header row or delete the value")
