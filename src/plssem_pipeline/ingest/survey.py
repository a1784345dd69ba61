"""Reading a survey file exactly as a researcher's spreadsheet wrote it.

:func:`read_survey` returns every cell as text, with the file line each record
came from, so that cleaning (:mod:`plssem_pipeline.ingest.cleaning`) can check and log
each value against its row and column. It recognises what spreadsheets produce:

* UTF-8 and UTF-16 byte-order marks (removed and recorded);
* the field delimiter: ``,``, ``;`` (Excel in locales with a decimal comma,
  e.g. Indonesian or German), tab or ``|``, detected from the header line;
* decimal commas (``3,5``), detected by :func:`detect_decimal` and parsed
  by :func:`parse_number`;
* an Excel workbook given instead of a CSV, refused with a clear message.

Every problem is a :class:`~plssem_pipeline.errors.UserError` naming the file
and line.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError

__all__ = ["RawSurvey", "read_survey", "detect_delimiter", "detect_decimal", "parse_number"]

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
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
    rows : list of list of str
        Data records, each padded or trimmed to the header's width (only
        empty trailing fields are ever trimmed).
    lines : list of int
        File line number of each record (the header is line 1).
    delimiter : str
    encoding : str
        Codec actually used.
    bom : str or None
        ``"utf-8"``, ``"utf-16-le"``... if the file started with a byte-order mark.
    blank_lines : list of int
        Empty lines skipped.
    """

    path: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    delimiter: str
    encoding: str
    bom: str | None = None
    blank_lines: list[int] = field(default_factory=list)

    def column(self, name: str) -> list[str]:
        """The cells of column ``name``, in row order."""
        j = self.header.index(name)
        return [row[j] for row in self.rows]

    @property
    def format(self) -> dict:
        """What was detected, for the step summary."""
        return {"delimiter": self.delimiter, "delimiter_name": _DELIMITER_NAMES.get(self.delimiter, self.delimiter),
                "encoding": self.encoding, "byte_order_mark": self.bom, "columns": len(self.header),
                "records": len(self.rows), "blank_lines_skipped": len(self.blank_lines)}


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


def _decode(data: bytes, encoding: str, path: str) -> tuple[str, str, str | None]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec), codec, codec
    try:
        return data.decode(encoding), encoding, None
    except LookupError:
        raise UserError(f"unknown text encoding {encoding!r}; use a Python codec name such as utf-8, "
                        "latin-1 or cp1252", key="data.encoding") from None
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise UserError(
            f"byte 0x{data[error.start]:02x} at line {line} is not valid {encoding} text; the file was probably "
            "saved in another encoding: set data.encoding (e.g. latin-1 or cp1252) or save it as UTF-8",
            file=path, row=line,
        ) from None


def read_survey(path, *, delimiter: str = "auto", encoding: str = "utf-8") -> RawSurvey:
    """Read a delimited survey file into text cells.

    Parameters
    ----------
    path : path
    delimiter : {"auto", ",", ";", "\\t", "|"}
    encoding : str
        Used unless the file starts with a byte-order mark.

    Raises
    ------
    UserError
        Missing, empty, binary or spreadsheet file; duplicate or blank column
        names; no data rows; a record with more non-empty fields than the header.
    """
    path = str(path)
    file = Path(path)
    if not file.is_file():
        raise UserError("file not found", file=path)
    data = file.read_bytes()
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        raise UserError("this is an Excel workbook (or another zip/OLE file), not a CSV text file; open it in "
                        "your spreadsheet program and save the sheet as CSV (UTF-8), then point data.survey at "
                        "the .csv file", file=path)
    text, used, bom = _decode(data, encoding, path)
    if "\x00" in text:
        raise UserError("the file contains NUL characters: it is binary, not a CSV text file", file=path)
    if not text.strip():
        raise UserError("the file is empty; expected a header line and one row per respondent", file=path)
    first = text.lstrip("\r\n").splitlines()[0]
    if delimiter == "auto":
        delimiter = detect_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows, lines, blank = [], [], []
    try:
        for record in reader:
            line = reader.line_num
            if not record or all(not c.strip() for c in record):
                blank.append(line)
                continue
            if header is None:
                header = [c.strip() for c in record]
                header_line = line
                continue
            width = len(header)
            if len(record) > width:
                extra = record[width:]
                if any(c.strip() for c in extra):
                    raise UserError(
                        f"{len(record)} fields, but the header (line {header_line}) has {width}; check for a stray "
                        f"delimiter {delimiter!r} in a value (quote values that contain it)",
                        file=path, row=line)
                record = record[:width]
            elif len(record) < width:
                raise UserError(f"{len(record)} fields, but the header (line {header_line}) has {width} "
                                f"(delimiter {_DELIMITER_NAMES.get(delimiter, delimiter)})", file=path, row=line)
            rows.append(record)
            lines.append(line)
    except csv.Error as error:
        raise UserError(f"cannot parse as CSV: {error}", file=path, row=reader.line_num) from None
    if header is None:
        raise UserError("the file has no header line", file=path)
    blanks = [j + 1 for j, name in enumerate(header) if not name]
    if blanks and any(any(row[j - 1].strip() for row in rows) for j in blanks):
        raise UserError(f"column(s) {', '.join(map(str, blanks))} of the header have no name but hold values; "
                        "give every column a name", file=path, row=header_line)
    duplicates = [name for name, count in Counter(h for h in header if h).items() if count > 1]
    if duplicates:
        where = "; ".join(f"{name!r} in columns " + ", ".join(str(j + 1) for j, h in enumerate(header) if h == name)
                          for name in duplicates)
        raise UserError(f"duplicate column name(s) in the header: {where}; every column needs a unique name",
                        file=path, row=header_line)
    if not rows:
        raise UserError("the file has a header but no data rows (expected one row per respondent)", file=path)
    return RawSurvey(path, header, rows, lines, delimiter, used, bom, blank)
