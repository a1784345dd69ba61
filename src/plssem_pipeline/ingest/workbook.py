"""Reading one sheet of an Excel workbook (``.xlsx``, ``.xlsm``) as text cells, with openpyxl.

The workbook is opened read-only, never written. Each cell becomes the text a
CSV saved from the sheet would hold (:func:`plssem_pipeline.ingest.formats.cell_text`);
each record keeps its spreadsheet row number, so that every message names the
row Excel shows.

A formula cell is read as the result Excel saved with the workbook. A formula
whose result was never saved (a workbook written by a program that does not
calculate, and not opened in Excel since) stops the run, naming the cells,
rather than being read as a blank.
"""
from __future__ import annotations

from ..errors import UserError
from .formats import cell_text

__all__ = ["read_sheet"]

#: How many cells a message lists.
_LISTED = 12


def _open(path: str, data_only: bool):
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UserError(f"cannot read the Excel workbook ({type(error).__name__}: {error}); it may be damaged: "
                        "open it in Excel and save it again as .xlsx, or save the sheet as CSV (UTF-8)",
                        file=path) from None


def _listed(names: list[str]) -> str:
    """The workbook's sheets as a message lists them: ``1: 'Notes', 2: 'Responses'``."""
    return ", ".join(f"{k}: {name!r}" for k, name in enumerate(names, start=1))


def _pick_sheet(book, sheet, path: str) -> str:
    """The name of the sheet ``data.sheet`` selects: a name, a 1-based position, or None for the first."""
    names = list(book.sheetnames)
    listed = _listed(names)
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 1 <= sheet <= len(names):
            return names[sheet - 1]
        raise UserError(f"the workbook has {len(names)} sheet(s), so there is no sheet {sheet}; its sheets are "
                        f"{listed}", file=path, key="data.sheet")
    if str(sheet) in names:
        return str(sheet)
    folded = [name for name in names if name.strip().casefold() == str(sheet).strip().casefold()]
    hint = f" (did you mean {folded[0]!r}?)" if folded else ""
    raise UserError(f"the workbook has no sheet named {sheet!r}{hint}; its sheets are {listed}", file=path,
                    key="data.sheet")


def _rows(book, name: str, path: str):
    """(row number, cells) of every row of sheet ``name``, missing rows included as empty."""
    worksheet = book[name]
    if not hasattr(worksheet, "iter_rows"):
        raise UserError(f"sheet {name!r} is a chart, not a table of data; set data.sheet to the sheet that holds "
                        "the responses", file=path, key="data.sheet")
    worksheet.reset_dimensions()  # the size stored in the file may be wrong; read every row there is
    for number, row in enumerate(worksheet.iter_rows(min_row=1), start=1):
        yield number, row


def _check_data_rows(records: list, name: str, names: list[str], sheet, path: str) -> None:
    """Refuse a sheet without a header and a data row, naming ``data.sheet`` and the workbook's sheets (the
    responses are often on another sheet than the first, which is read when ``data.sheet`` is not set)."""
    filled = sum(1 for _, cells in records if any(c.strip() for c in cells))
    if filled >= 2:
        return
    what = ("is empty; expected a header row and one row per respondent" if not filled
            else "has a header but no data rows (expected one row per respondent)")
    which = "data.sheet is not set, so the first sheet was read: " if sheet is None else ""
    raise UserError(f"sheet {name!r} {what}; {which}set data.sheet to the sheet that holds the responses (the "
                    f"workbook's sheets are {_listed(names)})", file=path, key="data.sheet")


def read_sheet(path: str, sheet=None):
    """The cells of one sheet of a workbook, as text, with their spreadsheet row numbers.

    Parameters
    ----------
    path : str
    sheet : str, int or None
        ``data.sheet``: the sheet's name, its 1-based position, or None for the first sheet.

    Returns
    -------
    records : list of (int, list of str)
        Every row of the sheet from row 1 (the header, if it is there) to its last
        row with a value: the spreadsheet row number and the cells as text
        (rows have different lengths; missing trailing cells are not there).
    name : str
        The sheet read.
    names : list of str
        Every sheet of the workbook, in order.

    Raises
    ------
    UserError
        An unreadable workbook; no such sheet (``data.sheet``), naming the sheets
        there are; a chart sheet; a sheet without a header and a data row (``data.sheet``,
        naming the sheets); formula cells with no saved result.
    """
    from openpyxl.utils import get_column_letter

    book = _open(path, data_only=False)
    try:
        names = list(book.sheetnames)
        name = _pick_sheet(book, sheet, path)
        records, formulas = [], {}
        for number, row in _rows(book, name, path):
            cells = []
            for j, cell in enumerate(row):
                if getattr(cell, "data_type", None) == "f":
                    formulas[(number, j)] = len(records)
                cells.append(cell_text(cell.value))
            records.append((number, cells))
    finally:
        book.close()
    while records and not any(c.strip() for c in records[-1][1]):
        records.pop()  # formatted but empty rows after the table are not rows of it
    if formulas:
        unsaved = []
        book = _open(path, data_only=True)
        try:
            for number, row in _rows(book, name, path):
                for j, cell in enumerate(row):
                    if (number, j) in formulas:
                        if cell.value is None:
                            unsaved.append(f"{get_column_letter(j + 1)}{number}")
                        records[formulas[(number, j)]][1][j] = cell_text(cell.value)
        finally:
            book.close()
        if unsaved:
            more = f" and {len(unsaved) - _LISTED} more" if len(unsaved) > _LISTED else ""
            raise UserError(f"sheet {name!r}: the formula cell(s) {', '.join(unsaved[:_LISTED])}{more} have no saved "
                            "result (the workbook was written by a program that does not calculate formulas); "
                            "open it in Excel and save it, or replace the formulas by their values", file=path)
    _check_data_rows(records, name, names, sheet, path)
    return records, name, names
