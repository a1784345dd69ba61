"""The results as one Excel workbook, ``report/results.xlsx``, the way SmartPLS users exchange them.

A first sheet, "Contents", lists every other sheet: its name, what it holds
(in the report's language) and the results file it copies. Each other sheet
is one results CSV (``results/<step>/*.csv``) under the name SmartPLS 4 gives
that table ("Outer loadings", "Path coefficients", "R-square", ...; at most 31
characters, as Excel allows), with the CSV's own header row (bold, frozen)
and its values: numbers as numeric cells at full precision (the double the
CSV's shortest repr stands for), ``True``/``False`` as Boolean cells, an empty
CSV cell as an empty cell. A CSV without rows (no formative construct, no
redundancy analysis) gets no sheet.

As in the report, reflective criteria are not applied to formative (Mode B)
constructs (Hair et al. 2022, ch. 5), nor any measurement criterion to interaction
terms and control variables (ch. 7): their rows (and, in the Fornell–Larcker
matrix, their column) are left out of the sheets of :data:`REFLECTIVE`, and the
Contents say so. The sheets of the lower-order constructs (the first stage of a
staged higher-order construct) and of the moderation (interaction effects, simple
slopes, moderated mediation) are there only when the model has them (their CSVs
have rows), as is the model comparison (only with alternative models, config key ``alternatives``) and
PLSpredict's and CVPAT's (not for a model PLSpredict cannot take). The bootstrap t and p of :data:`NO_TEST` sheets (HTMT,
reliability and AVE) test the statistic against zero, which has no meaning for
them (HTMT is judged against 0.85 / 0.90 by its interval, α and AVE against
their thresholds), so those two columns are left out (O, M, STDEV and the
interval stay).

The file is byte-for-byte the same for the same inputs: the document's
created and modified times and every zip entry's time are
``SOURCE_DATE_EPOCH`` when it is set, else 1980-01-01 00:00:00 UTC (the
earliest time a zip entry can carry); openpyxl would stamp the current time.
"""
from __future__ import annotations

import csv
import datetime
import io
import math
import os
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

__all__ = ["SHEETS", "CONTENTS", "REFLECTIVE", "NO_TEST", "typed_columns", "write_workbook"]

#: (rule input name, sheet name, catalogue key of its caption), in the order of the report.
SHEETS = (
    ("respondents", "Respondent profile", "xlsx_respondents"),
    ("indicators", "Indicator descriptives", "xlsx_indicators"),
    ("lower_order_loadings", "Lower-order outer loadings", "xlsx_lower_order_loadings"),
    ("lower_order_reliability", "Lower-order reliability", "xlsx_lower_order_reliability"),
    ("lower_order_htmt", "Lower-order HTMT", "xlsx_lower_order_htmt"),
    ("loadings", "Outer loadings", "xlsx_loadings"),
    ("reliability", "Reliability and validity", "xlsx_reliability"),
    ("fornell_larcker", "Fornell-Larcker criterion", "xlsx_fornell_larcker"),
    ("htmt", "Discriminant validity - HTMT", "xlsx_htmt"),
    ("htmt_signed", "HTMT (signed)", "xlsx_htmt_signed"),
    ("boot_htmt", "HTMT - confidence intervals", "xlsx_boot_htmt"),
    ("cross_loadings", "Cross loadings", "xlsx_cross_loadings"),
    ("outer_vif", "Collinearity (VIF) - outer", "xlsx_outer_vif"),
    ("full_collinearity_vif", "Full collinearity VIF", "xlsx_full_collinearity_vif"),
    ("redundancy", "Redundancy analysis", "xlsx_redundancy"),
    ("formative", "Formative indicators", "xlsx_formative"),
    ("boot_loadings", "Outer loadings (bootstrap)", "xlsx_boot_loadings"),
    ("boot_weights", "Outer weights (bootstrap)", "xlsx_boot_weights"),
    ("boot_reliability", "Reliability (bootstrap)", "xlsx_boot_reliability"),
    ("r2", "R-square", "xlsx_r2"),
    ("boot_r2", "R-square (bootstrap)", "xlsx_boot_r2"),
    ("f2", "f-square", "xlsx_f2"),
    ("inner_vif", "Collinearity (VIF) - inner", "xlsx_inner_vif"),
    ("fit", "Model fit", "xlsx_fit"),
    ("paths", "Path coefficients", "xlsx_paths"),
    ("specific_indirect", "Specific indirect effects", "xlsx_specific_indirect"),
    ("total_indirect", "Total indirect effects", "xlsx_total_indirect"),
    ("total_effects", "Total effects", "xlsx_total_effects"),
    ("mediation", "Mediation", "xlsx_mediation"),
    ("interactions", "Interaction effects", "xlsx_interactions"),
    ("simple_slopes", "Simple slopes", "xlsx_simple_slopes"),
    ("moderated_mediation", "Moderated mediation", "xlsx_moderated_mediation"),
    ("hypotheses", "Hypotheses", "xlsx_hypotheses"),
    ("predict_items", "MV prediction summary", "xlsx_predict_items"),        # SmartPLS: manifest variables (MV)
    ("predict_constructs", "LV prediction summary", "xlsx_predict_constructs"),   # and latent variables (LV)
    ("predict_cvpat", "CVPAT", "xlsx_predict_cvpat"),
    ("fit_criteria", "Information criteria", "xlsx_fit_criteria"),
    ("model_comparison", "Model comparison", "xlsx_model_comparison"),
    # issue 15: one sheet each for every compared pair or group (files given as a list, see write_workbook)
    ("group_bootstrap", "Bootstrap MGA - groups", "xlsx_group_bootstrap"),
    ("micom", "MICOM", "xlsx_micom"),
    ("mga", "MGA", "xlsx_mga"),
    ("ipma_constructs", "IPMA", "xlsx_ipma"),
    ("ipma_indicators", "IPMA - indicators", "xlsx_ipma_indicators"),
    ("power_table", "Power", "xlsx_power"),     # issue 17: the Monte Carlo power analysis, when configured
    ("power_minimum_n", "Power - minimum n", "xlsx_power_minimum_n"),
)

#: Sheets of reflective criteria: a formative construct's rows (and Fornell–Larcker column) are left out.
REFLECTIVE = ("reliability", "fornell_larcker", "boot_reliability")
#: Bootstrap sheets whose t and p (a test against zero) are left out.
NO_TEST = ("boot_htmt", "boot_reliability")

#: The name of the first sheet.
CONTENTS = "Contents"

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_PADDED = re.compile(r"-?0[0-9]+")
_BOOLEAN = {"True": True, "False": False}
_ZIP_EPOCH = datetime.datetime(1980, 1, 1)


def typed_columns(header: list, rows: list) -> list:
    """The cells of a CSV with their types, decided column by column.

    A column whose every non-empty cell is a whole number becomes ``int``; a
    column with a zero-padded code (``"01"``) stays text; else one whose every non-empty cell
    reads as a float becomes ``float`` (``float(text)``, the exact double of
    the CSV's shortest repr); else one of ``True``/``False`` only becomes
    ``bool``; any other column stays text. An empty cell is None.

    Parameters
    ----------
    header : list of str
        The CSV's column names.
    rows : list of list of str
        Its data rows, as :mod:`csv` reads them.

    Returns
    -------
    list of list
        ``rows`` with every cell converted.
    """
    def kind(column: int):
        cells = [row[column] for row in rows if row[column] != ""]
        if all(_INTEGER.fullmatch(c) for c in cells):
            return int
        if any(_PADDED.fullmatch(c) for c in cells):
            return str   # codes written with leading zeros are names, not numbers
        try:
            for cell in cells:
                float(cell)
            return float
        except ValueError:
            return (lambda c: _BOOLEAN[c]) if all(c in _BOOLEAN for c in cells) else str

    kinds = [kind(k) for k in range(len(header))]
    return [[None if cell == "" else convert(cell) for convert, cell in zip(kinds, row)] for row in rows]


def _lines(path) -> tuple:
    with open(path, encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    return lines[0], lines[1:]


def _read(source) -> tuple:
    """The header and typed rows of one CSV, or of several one after another, each row led by its file's key
    columns (``[(key columns, path), ...]``: the pair's codes of a MICOM file, the group's code of a group's
    bootstrap file); the files share their header."""
    if isinstance(source, (str, os.PathLike)):
        header, rows = _lines(source)
    else:
        header, rows = [], []
        for keys, path in source:
            own, lines = _lines(path)
            header = list(keys) + own
            rows += [[str(value) for value in keys.values()] + line for line in lines]
    return header, typed_columns(header, rows)


def _paths(source) -> str:
    """The CSV (or the CSVs, separated by ``; ``) a sheet copies."""
    return str(source) if isinstance(source, (str, os.PathLike)) else "; ".join(str(path) for _, path in source)


def _filtered(name: str, header: list, rows: list, formative: set) -> tuple:
    """``header`` and ``rows`` without the rows and column of the constructs in ``formative`` (formative ones,
    interaction terms and control variables; :data:`REFLECTIVE`) and without the bootstrap's ``t`` and ``p``
    (:data:`NO_TEST`)."""
    dropped = ({"t", "p"} if name in NO_TEST else set()) | (formative if name in REFLECTIVE else set())
    keep = [k for k, column in enumerate(header) if column not in dropped]
    if name in REFLECTIVE:
        rows = [row for row in rows if str(row[header.index("construct")]) not in formative]
    return [header[k] for k in keep], [[row[k] for k in keep] for row in rows]


def _width(value) -> int:
    """Characters a cell needs: a float as Excel's General format shows it (at most 11), anything else in full."""
    if isinstance(value, float):
        return min(len(repr(value)), 11)
    return len(str(value)) if value is not None else 0


def _sheet(book, title: str, header: list, rows: list, bold):
    """A sheet with a bold, frozen header row and column widths from its content (8 to 60 characters)."""
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = bold
    for row in rows:
        sheet.append(row)
        for cell, value in zip(sheet[sheet.max_row], row):
            if isinstance(value, float):
                # openpyxl writes a float with 16 significant digits ("%.16g"), which does not always read back
                # as the same double; the cell gets the shortest repr that does, as a number (type "n"). Excel
                # has no infinity or NaN: those stay text ("inf").
                cell.value, cell.data_type = repr(value), "n" if math.isfinite(value) else "s"
    sheet.freeze_panes = "A2"
    for k, name in enumerate(header):
        width = max([len(str(name))] + [_width(row[k]) for row in rows])
        sheet.column_dimensions[get_column_letter(k + 1)].width = min(max(width + 2, 8), 60)
    return sheet


def _epoch() -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` as a naive UTC time (not before 1980, the zip format's first year), else 1980-01-01."""
    seconds = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not seconds:
        return _ZIP_EPOCH
    moment = datetime.datetime.fromtimestamp(int(seconds), tz=datetime.timezone.utc).replace(tzinfo=None)
    return max(moment, _ZIP_EPOCH)


def _deterministic_zip(data: bytes, moment: datetime.datetime) -> bytes:
    """The zip ``data`` again, entries in the same order and compression, each stamped with ``moment``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=moment.timetuple()[:6])
            info.compress_type, info.external_attr = entry.compress_type, entry.external_attr
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def write_workbook(files: dict, path, caption, formative=(), unassessed=()) -> list:
    """Write the results workbook: a "Contents" sheet, then one sheet per results CSV with rows.

    Parameters
    ----------
    files : dict
        Rule input name (the first item of each :data:`SHEETS` entry) -> the CSV's path; names not given are left out.
        A sheet of one file per compared pair or group (``micom``, ``mga``, ``group_bootstrap``) is given a list of
        ``(key columns, path)``: the files' rows one after another, each led by its key columns (a mapping of
        column name -> value, e.g. ``{"group": "2"}``; empty when the file names its groups itself).
    path : str or Path
        The workbook to write (``report/results.xlsx``).
    caption : callable
        Catalogue key -> text in the report's language (:class:`plssem_pipeline.report.catalogue.Catalogue`),
        for the contents' captions and headers.
    formative : iterable of str
        The formative (Mode B, two or more indicators) constructs, left out of the :data:`REFLECTIVE` sheets.
    unassessed : iterable of str
        The interaction terms and control variables, left out of the :data:`REFLECTIVE` sheets as well.

    Returns
    -------
    list of tuple
        ``(sheet name, CSV path)`` of every data sheet written, in order.

    Raises
    ------
    OSError
        When ``path`` cannot be written.
    """
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    written, contents = [], []
    for name, title, key in SHEETS:
        if name not in files:
            continue
        header, rows = _filtered(name, *_read(files[name]), set(formative) | set(unassessed))
        if not rows:
            continue
        _sheet(book, title, header, rows, bold)
        written.append((title, _paths(files[name])))
        notes = [caption(note, names=", ".join(names)) for note, names in
                 (("xlsx_formative_left_out", formative), ("xlsx_unassessed_left_out", unassessed))
                 if names and name in REFLECTIVE]
        contents.append([title, "; ".join([caption(key), *notes]), _paths(files[name])])
    index = _sheet(book, CONTENTS, [caption("xlsx_sheet"), caption("xlsx_caption"), caption("xlsx_source")],
                   contents, bold)
    for row, (title, _) in enumerate(written, start=2):
        index.cell(row, 1).hyperlink = f"#'{title}'!A1"
    book.move_sheet(CONTENTS, offset=-len(written))
    book.active = 0
    moment = _epoch()
    book.properties.created = book.properties.modified = moment
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()   # openpyxl's save_workbook would stamp the current time
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(_deterministic_zip(buffer.getvalue(), moment))
    return written
