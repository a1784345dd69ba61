"""A delimited text file's bytes as records numbered like a spreadsheet's rows.

Three things spreadsheets do to a CSV file that a plain reader gets wrong:

* the encoding: a byte-order mark (UTF-8, UTF-16) says it; a UTF-16 file
  without one (some survey tools and Excel's "Unicode text") is recognised from
  its zero bytes (:func:`utf16_without_bom`), not called binary;
* Excel's ``sep=;`` first line names the delimiter; Excel does not show it, so the
  header is row 1 (:func:`excel_sep_line`);
* a quoted cell may hold a line break; the record is still one row, so row
  numbers count records, not file lines (:func:`numbered_records`).
"""
from __future__ import annotations

import codecs
import csv
import io
import re

from ..errors import UserError

__all__ = ["decode", "utf16_without_bom", "excel_sep_line", "numbered_records"]

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SEP_LINE = re.compile(r'^"?sep=(.)"?[ \t]*(\r\n|\n|\r|$)', re.IGNORECASE)


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` if ``data`` looks like UTF-16 text without a byte-order mark, else None.

    Text of Latin letters and digits in UTF-16 has a zero byte in every second
    position (the high byte of each code unit): the odd bytes in little-endian,
    the even bytes in big-endian order. More than a third of one and almost none
    of the other (under 2 %) is taken as UTF-16 of that order.

    >>> utf16_without_bom("id,KP1".encode("utf-16-le")), utf16_without_bom(b"id,KP1")
    ('utf-16-le', None)
    """
    sample = data[:65536]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0:2 * pairs:2].count(0) / pairs, sample[1:2 * pairs:2].count(0) / pairs
    if odd > 1 / 3 and even < 0.02:
        return "utf-16-le"
    if even > 1 / 3 and odd < 0.02:
        return "utf-16-be"
    return None


def decode(data: bytes, encoding: str, path: str) -> tuple[str, str, str | None, str]:
    """The text of a survey file, the codec used, the byte-order mark found and how the codec was chosen.

    Parameters
    ----------
    data : bytes
    encoding : str
        ``data.encoding``; used unless the file starts with a byte-order mark, or is
        UTF-16 without one while ``encoding`` is not a UTF-16 codec.
    path : str
        Named in errors.

    Returns
    -------
    text, codec, bom, source : str, str, str or None, str
        ``source`` is ``"byte-order mark"``, ``"zero bytes (UTF-16 without byte-order mark)"`` or
        ``"data.encoding"``.

    Raises
    ------
    UserError
        An unknown codec (naming ``data.encoding``); bytes that are not valid text in it (naming the
        row a spreadsheet shows and the file line); UTF-16 by its zero bytes that does not decode as such.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec), codec, codec, "byte-order mark"
    try:
        declared = codecs.lookup(encoding).name
    except LookupError:
        raise UserError(f"unknown text encoding {encoding!r}; use a Python codec name such as utf-8, "
                        "latin-1 or cp1252", key="data.encoding") from None
    guess = None if declared.startswith("utf-16") else utf16_without_bom(data)
    if guess:
        try:
            return data.decode(guess), guess, None, "zero bytes (UTF-16 without byte-order mark)"
        except UnicodeDecodeError:
            raise UserError(f"the file looks like UTF-16 text without a byte-order mark ({guess}: a zero byte in "
                            "every second position) but is not valid UTF-16; save it again as CSV UTF-8",
                            file=path) from None
    try:
        return data.decode(encoding), encoding, None, "data.encoding"
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        prefix = data[:error.start].decode(encoding, errors="replace")
        raise UserError(
            f"byte 0x{data[error.start]:02x} at file line {line} is not valid {encoding} text; the file was "
            "probably saved in another encoding: set data.encoding (e.g. latin-1 or cp1252) or save it as UTF-8",
            file=path, row=_row_at_end(prefix),
        ) from None


def _row_at_end(prefix: str) -> int:
    """The spreadsheet row in which the text after ``prefix`` lies (records, not lines, counted)."""
    rows = 0
    reader = csv.reader(io.StringIO(prefix + "x", newline=""))   # "x": the bad byte's record, even after a newline
    try:
        for _ in reader:
            rows += 1
    except csv.Error:
        rows = max(rows, 1)
    return max(rows, 1)


def excel_sep_line(text: str, delimiter: str, path: str) -> tuple[str, str, bool]:
    """Remove Excel's ``sep=X`` first line, if present, and return the delimiter it names.

    Parameters
    ----------
    text : str
        The decoded file.
    delimiter : str
        ``data.delimiter`` (``"auto"`` or one of ``, ; tab |``).
    path : str

    Returns
    -------
    text, delimiter, found : str, str, bool
        The text after the ``sep=`` line (``text`` itself when there is none), the delimiter
        it names (``delimiter`` when there is none) and whether there was one.

    Raises
    ------
    UserError
        The line names a delimiter other than ``data.delimiter`` set explicitly, or one
        that is not ``, ; tab |``.
    """
    match = _SEP_LINE.match(text)
    if not match:
        return text, delimiter, False
    named = match.group(1)
    if named not in (",", ";", "\t", "|"):
        raise UserError(f"the first line {match.group(0).strip()!r} (Excel's delimiter line) names the delimiter "
                        f"{named!r}; only comma, semicolon, tab or pipe are read: save the file again as CSV",
                        file=path, row=1)
    if delimiter not in ("auto", named):
        raise UserError(f"the file's first line {match.group(0).strip()!r} (Excel's delimiter line) names the "
                        f"delimiter {named!r}, but data.delimiter is {delimiter!r}; set data.delimiter to auto "
                        f"or {named!r}", key="data.delimiter", file=path)
    return text[match.end():], named, True


def numbered_records(text: str, delimiter: str, path: str) -> list[tuple[int, list[str]]]:
    """Every record of ``text`` with the row a spreadsheet shows it in (the first record is row 1).

    A quoted cell holding a line break does not start a new row; an empty line is a row.

    Raises
    ------
    UserError
        Text the CSV reader cannot parse, naming the row.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append((len(records) + 1, record))
    except csv.Error as error:
        raise UserError(f"cannot parse as CSV: {error}", file=path, row=len(records) + 1) from None
    return records
