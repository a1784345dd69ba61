"""The corpus of bad inputs: every mistake a user can bring, and what the pipeline must answer.

Each :class:`Case` is a study (the default study's config, pointed at a survey
simulated by ``pipeline_helpers.simulate_survey``) with one thing wrong in the
survey file or in the config, and its expected outcome:

* ``"clean"``: the run succeeds, and every recode or exclusion is a row of
  ``results/clean/exclusions.csv`` (``exclusions`` lists the rows the mistake
  must add, beyond the base survey's own straight-lining flags);
* ``"warning"``: the run succeeds, and the numerical fault is reported
  (``expect`` are fragments of the warning, which goes to the terminal, the
  rule's log and the step's ``summary.json``);
* ``"error"``: a user error (non-zero exit, no traceback) whose message holds
  every fragment of ``expect`` — the file, row, column or config key, and
  what was expected.

``run_entry_points`` runs a case through the pipeline's library entry points
(config schema and semantic checks; survey reading and cleaning; estimation
and bootstrap) exactly as the workflow's Snakefile and scripts call them; the
Snakemake tests run a representative subset through the real ``snakemake``.

``python tests/badinput/badinput_corpus.py`` prints the corpus as a table.
"""
from __future__ import annotations

import copy
import datetime
import io
import os
import sys
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "pipeline"))

from pipeline_helpers import ROOT, simulate_survey, study_config  # noqa: E402

SCHEMA_PATH = ROOT / "workflow" / "schemas" / "config.schema.yaml"
SURVEY = "data/raw/survey.csv"
#: Bootstrap subsamples in the corpus runs.
SAMPLES = 60


class Table:
    """A survey as text cells, edited by file line (header = line 1) and column name, then written as bytes."""

    def __init__(self, header: list[str], rows: list[list[str]]):
        self.header, self.rows = header, rows

    @classmethod
    def base(cls, n: int | None = None) -> "Table":
        frame = simulate_survey()
        if n is not None:
            frame = frame.head(n)
        return cls(list(frame.columns), [[str(v) for v in row] for row in frame.itertuples(index=False)])

    def copy(self) -> "Table":
        return Table(list(self.header), [list(r) for r in self.rows])

    def set(self, line: int, column: str, value: str) -> "Table":
        self.rows[line - 2][self.header.index(column)] = value
        return self

    def column(self, column: str, values) -> "Table":
        j = self.header.index(column)
        for row, value in zip(self.rows, values):
            row[j] = str(value)
        return self

    def get(self, line: int, column: str) -> str:
        return self.rows[line - 2][self.header.index(column)]

    def values(self, column: str) -> list[str]:
        j = self.header.index(column)
        return [row[j] for row in self.rows]

    def drop(self, column: str) -> "Table":
        j = self.header.index(column)
        self.header.pop(j)
        for row in self.rows:
            row.pop(j)
        return self

    def text(self, delimiter: str = ",", newline: str = "\n") -> str:
        return "".join(delimiter.join(cells) + newline for cells in [self.header, *self.rows])

    def bytes(self, delimiter: str = ",", encoding: str = "utf-8", newline: str = "\n") -> bytes:
        return self.text(delimiter, newline).encode(encoding)


@dataclass
class Case:
    """One bad input and its expected outcome (see the module docstring)."""

    name: str
    family: str                      # config | survey file | survey values | numerical
    what: str                        # the mistake, in words
    outcome: str                     # clean | warning | error
    expect: tuple[str, ...] = ()     # fragments of the error or warning message
    survey: Callable[[Table], bytes] | None = None   # base table -> file bytes (None: the base survey)
    config: Callable[[dict], None] | None = None     # edits the config in place
    exclusions: tuple = ()           # (row, column, raw_value, reason starts with, action starts with)
    stage: str = "clean"             # where the answer comes from: config | clean | estimate | bootstrap
    survey_name: str = SURVEY
    table: Callable[[], Table] = Table.base
    snakemake: tuple[str, ...] = ()  # targets when the case is in the Snakemake subset

    def make_config(self) -> dict:
        config = study_config(SURVEY, samples=SAMPLES, chunks=1)
        config["published"] = None
        config["data"]["survey"] = self.survey_name
        if self.config:
            self.config(config)
        return config

    def survey_bytes(self) -> bytes:
        table = self.table()
        return self.survey(table) if self.survey else table.bytes()

    def write(self, directory: Path) -> Path:
        """Write the survey into ``directory`` (the config is written by ``make_project``)."""
        path = directory / self.survey_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.survey_bytes())
        return path


def _with_comment(table: Table, comments: dict, encoding: str = "utf-8") -> bytes:
    """``table`` with a last column ``comment``: ``comments`` maps a row (header = 1) to its raw CSV text."""
    lines = table.text().splitlines()
    lines[0] += ",comment"
    for k in range(1, len(lines)):
        lines[k] += "," + comments.get(k + 1, "")
    return ("\n".join(lines) + "\n").encode(encoding)


def _zip_of(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx() -> bytes:
    """A minimal Office Open XML workbook (zip), as Excel saves one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                      'package/2006/content-types"/>')
        book.writestr("xl/workbook.xml", "<workbook/>")
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    return buffer.getvalue()


def _as_workbook(table: Table, sheet: str = "Data", cells=(), empty: bool = False) -> bytes:
    """``table`` as an .xlsx workbook written by openpyxl (numbers as numbers), ``cells`` (line, column, value) set."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = sheet
    if not empty:
        book.active.append(table.header)
        for row in table.rows:
            book.active.append([int(v) if v.lstrip("-").isdigit() else v for v in row])
        for line, column, value in cells:
            book.active.cell(line, table.header.index(column) + 1, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _as_sav(table: Table, user_missing: dict) -> bytes:
    """``table`` as an SPSS .sav written by pyreadstat, with the ``user_missing`` ranges per column."""
    import tempfile

    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame(table.rows, columns=table.header)
    for column in table.header[1:]:
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "survey.sav"
        pyreadstat.write_sav(frame, path, missing_ranges=user_missing)
        return path.read_bytes()


def _edit(*changes):
    """A survey function setting (line, column, value) cells of the base table."""
    def build(table: Table) -> bytes:
        for line, column, value in changes:
            table.set(line, column, value)
        return table.bytes()
    return build


def _mini_table(n: int = 60, seed: int = 5) -> Table:
    """A three-predictor study whose third single-item predictor is the sum of the other two (C = A + B)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    a = rng.integers(1, 6, n)
    b = rng.integers(1, 6, n)
    y = np.clip(np.round((a + b) / 2 + rng.normal(0, 1, (2, n))), 1, 10).astype(int)
    return Table(["a1", "b1", "c1", "y1", "y2"], [[str(v) for v in row] for row in zip(a, b, a + b, *y)])


def _mini_config(config: dict) -> None:
    config["respondents"] = {}
    config["data"].update(id_column=None, scale={"min": 1, "max": 10}, missing_codes=[])
    config["constructs"] = {"A": {"indicators": ["a1"]}, "B": {"indicators": ["b1"]}, "C": {"indicators": ["c1"]},
                            "Y": {"indicators": ["y1", "y2"]}}
    config["paths"] = ["A -> Y", "B -> Y", "C -> Y"]


def _mode_b_table(n: int = 60, seed: int = 6) -> Table:
    """A formative block whose third indicator is the sum of the other two (x3 = x1 + x2)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    x1, x2 = rng.integers(1, 6, n), rng.integers(1, 6, n)
    y = np.clip(np.round((x1 + x2) / 2 + rng.normal(0, 1, (2, n))), 1, 10).astype(int)
    return Table(["x1", "x2", "x3", "y1", "y2"], [[str(v) for v in row] for row in zip(x1, x2, x1 + x2, *y)])


def _mode_b_config(config: dict) -> None:
    config["respondents"] = {}
    config["data"].update(id_column=None, scale={"min": 1, "max": 10}, missing_codes=[])
    config["constructs"] = {"X": {"indicators": ["x1", "x2", "x3"], "mode": "B"},
                            "Y": {"indicators": ["y1", "y2"]}}
    config["paths"] = ["X -> Y"]


def _set(path: str, value):
    """A config function setting the dotted key ``path`` to ``value``."""
    def change(config: dict) -> None:
        node = config
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return change


def _rename_construct(old: str, new: str):
    """A config function renaming construct ``old`` to ``new`` in ``constructs`` and ``paths``."""
    def change(config: dict) -> None:
        config["constructs"] = {new if name == old else name: spec for name, spec in config["constructs"].items()}
        config["paths"] = [" -> ".join(new if part.strip() == old else part.strip() for part in path.split("->"))
                           for path in config["paths"]]
    return change


#: One name written two ways (Unicode Standard Annex #15): composed (U+00DC) and decomposed (U+0055 U+0308).
COMPOSED, DECOMPOSED = "K\u00dc6", "KU\u03086"


def _rename_column(old: str, new: str):
    """A survey function renaming header column ``old`` to ``new``."""
    def build(table: Table) -> bytes:
        table.header = [new if name == old else name for name in table.header]
        return table.bytes()
    return build


def _near_constant(table: Table) -> bytes:
    """KU6 is 4 for every respondent but one: a subsample that misses that one makes KU6 constant."""
    table.column("KU6", ["4"] * len(table.rows))
    table.set(10, "KU6", "2")
    return table.bytes()


def _copy_block(table: Table, source: str, target: str, k: int) -> bytes:
    for i in range(1, k + 1):
        table.column(f"{target}{i}", table.values(f"{source}{i}"))
    return table.bytes()


def _blank_cells(table: Table) -> bytes:
    return _edit((3, "IP2", ""), (11, "KU5", "  "), (5, "business_type", ""))(table)


#: Indicators of the base survey, the lines of three respondents who answer none of them, and the
#: lines where KU3 is left blank in the case of an item missing for 58 of 140 respondents (41.4 %).
_ITEMS = [f"{c}{k}" for c, m in (("KP", 6), ("EC", 7), ("IP", 9), ("KU", 6)) for k in range(1, m + 1)]
_UNANSWERED = (5, 20, 77)
_KU3_BLANK = tuple(range(2, 60))


def _unanswered(table: Table, code: str = "") -> bytes:
    """Three respondents whose every indicator cell is ``code`` (blank: no answer at all)."""
    return _edit(*[(line, item, code) for line in _UNANSWERED for item in _ITEMS])(table)


BASE_ROW = 8  # a line of the base survey used for single-cell edits

CORPUS: list[Case] = [
    # ------------------------------------------------------------------ survey file
    Case("empty_file", "survey file", "the survey file is empty (0 bytes)", "error",
         (SURVEY, "the file is empty", "expected a header line"), survey=lambda t: b""),
    Case("header_only", "survey file", "a header line and no data rows", "error",
         (SURVEY, "header but no data rows", "one row per respondent"),
         survey=lambda t: Table(t.header, []).bytes()),
    Case("semicolon_decimal_comma", "survey file", "';' delimiter and decimal commas (3,5), as Excel writes "
         "in Indonesian/European locales", "clean",
         survey=lambda t: t.set(BASE_ROW, "KP1", "3,5").set(BASE_ROW, "EC2", "4,0").bytes(";")),
    Case("utf8_bom", "survey file", "a UTF-8 byte-order mark (Excel's 'CSV UTF-8') and CRLF line ends", "clean",
         survey=lambda t: b"\xef\xbb\xbf" + t.bytes(newline="\r\n")),
    Case("latin1_label", "survey file", "Latin-1 bytes in a text column ('Café Jepará') with the default "
         "encoding utf-8", "error",
         (SURVEY, "row 4", "byte 0xe9", "not valid utf-8", "data.encoding", "latin-1"),
         survey=lambda t: Table(t.header + ["business_name"],
                                [r + [("Café Jepará" if i == 2 else "Toko")] for i, r in enumerate(t.rows)])
         .bytes(encoding="latin-1"), snakemake=("results/clean/summary.json",)),
    Case("latin1_label_declared", "survey file", "the same file with data.encoding: latin-1", "clean",
         survey=lambda t: Table(t.header + ["business_name"],
                                [r + [("Café Jepará" if i == 2 else "Toko")] for i, r in enumerate(t.rows)])
         .bytes(encoding="latin-1"), config=_set("data.encoding", "latin-1")),
    Case("xlsx_workbook", "survey file", "a damaged Excel .xlsx workbook given as the survey", "error",
         ("data/raw/survey.xlsx", "cannot read the Excel workbook", "damaged"),
         survey=lambda t: _xlsx(), survey_name="data/raw/survey.xlsx"),
    Case("xlsx_missing_sheet", "survey file", "data.sheet names a sheet the workbook does not have", "error",
         ("data/raw/survey.xlsx", "config key data.sheet", "no sheet named 'Responses'", "its sheets are 1: 'Data'"),
         survey=_as_workbook, survey_name="data/raw/survey.xlsx", config=_set("data.sheet", "Responses"),
         snakemake=("results/clean/summary.json",)),
    Case("xlsx_empty_sheet", "survey file", "the workbook's sheet is empty", "error",
         ("data/raw/survey.xlsx", "sheet 'Data' is empty", "expected a header row"),
         survey=lambda t: _as_workbook(t, empty=True), survey_name="data/raw/survey.xlsx"),
    Case("xlsx_text_in_items", "survey values", "a workbook with a text cell, a date cell and a formula error "
         "(#N/A) in item columns", "error",
         ("data/raw/survey.xlsx", "3 invalid value(s)", "row 3, column KP4: 'empat' is not a number",
          "row 5, column EC1: '2024-01-05' is not a number", "row 6, column KU2: '#N/A' is not a number"),
         survey=lambda t: _as_workbook(t, cells=((3, "KP4", "empat"), (5, "EC1", datetime.date(2024, 1, 5)),
                                                 (6, "KU2", "#N/A"))),
         survey_name="data/raw/survey.xlsx"),
    Case("xlsx_survey", "survey file", "the survey as an Excel workbook, data.sheet by position", "clean",
         survey=_as_workbook, survey_name="data/raw/survey.xlsx", config=_set("data.sheet", 1)),
    Case("sav_user_missing", "survey values", "an SPSS file whose -99 cells are user-missing values, "
         "data.missing_codes empty", "clean",
         survey=lambda t: _as_sav(t.set(4, "KP2", "-99").set(7, "EC5", "-99"), {"KP2": [-99], "EC5": [-99]}),
         survey_name="data/raw/survey.sav", config=_set("data.missing_codes", []),
         exclusions=((4, "KP2", "-99", "SPSS user-missing value", "replaced by the mean of KP2"),
                     (7, "EC5", "-99", "SPSS user-missing value", "replaced by the mean of EC5"))),
    Case("ragged_row", "survey file", "a row with more fields than the header (a stray delimiter)", "error",
         (SURVEY, "row 6", "34 fields, but the header (line 1) has 33", "quote values"),
         survey=lambda t: t.set(6, "KU6", "3,4").bytes()),
    Case("multiline_quoted_cell", "survey file", "a quoted comment with a line break in row 4, a blank KU5 in "
         "row 11 (file line 12): the log says row 11, as a spreadsheet shows it", "clean",
         survey=lambda t: _with_comment(t.set(11, "KU5", ""), {4: '"first line\nsecond line"'}),
         exclusions=((11, "KU5", "", "blank cell", "replaced by the mean of KU5"),)),
    Case("multiline_quoted_cells_then_bad_byte", "survey file", "two quoted comments with line breaks, then a "
         "Latin-1 byte in row 9 (file line 12)", "error",
         (SURVEY, "row 9", "byte 0xe9 at file line 12", "data.encoding"),
         survey=lambda t: _with_comment(t, {3: '"a\r\nb"', 5: '"c\n\nd"', 9: "caf\u00e9"}, "latin-1")),
    Case("gzip_survey", "survey file", "the survey CSV gzip-compressed (saved as survey.csv)", "error",
         (SURVEY, "a gzip-compressed file (.gz)", "decompress it", "data.survey"),
         survey=lambda t: __import__("gzip").compress(t.bytes(), mtime=0)),
    Case("zip_of_csv", "survey file", "a zip archive holding the survey CSV", "error",
         (SURVEY, "zip archive (it holds survey.csv)", "extract the survey", "data.survey"),
         survey=lambda t: _zip_of({"survey.csv": t.bytes()})),
    Case("utf16_without_bom", "survey file", "UTF-16 (little-endian) text without a byte-order mark", "clean",
         survey=lambda t: t.bytes(encoding="utf-16-le")),
    Case("excel_sep_line", "survey file", "Excel's 'sep=;' first line above a semicolon file; blank KU5 in row 11 "
         "(file line 12)", "clean",
         survey=lambda t: b"sep=;\r\n" + t.set(11, "KU5", "").bytes(";", newline="\r\n"),
         exclusions=((11, "KU5", "", "blank cell", "replaced by the mean of KU5"),)),
    Case("missing_indicator_column", "survey file", "a configured indicator column (KP3) is not in the file", "error",
         (SURVEY, "row 1", "'KP3' (configured in constructs.KP.indicators)", "column(s) not found"),
         survey=lambda t: t.drop("KP3").bytes()),
    Case("renamed_indicator_column", "survey file", "an indicator column spelt differently (kp3)", "error",
         ("'KP3' (configured in constructs.KP.indicators), did you mean 'kp3'?",),
         survey=lambda t: Table(["kp3" if h == "KP3" else h for h in t.header], t.rows).bytes()),
    Case("duplicate_column_names", "survey file", "two columns named KP2", "error",
         (SURVEY, "row 1", "duplicate column name(s) in the header: 'KP2' in columns 7, 8", "unique name"),
         survey=lambda t: Table(["KP2" if h == "KP3" else h for h in t.header], t.rows).bytes()),
    Case("escape_sequence_in_header", "survey file", "a header name holding a terminal escape sequence (ESC[2J "
         "clears the screen): shown escaped", "error",
         ("'KP3' (configured in constructs.KP.indicators), did you mean 'KP3\\x1b[2J'?",),
         survey=lambda t: Table(["KP3\x1b[2J" if h == "KP3" else h for h in t.header], t.rows).bytes()),
    Case("bidi_override_in_header", "survey file", "a header name holding a right-to-left override and a bell "
         "character: shown escaped", "error",
         (SURVEY, "row 1", "'KP4' (configured in constructs.KP.indicators)", "KP4\\u202e\\x07"),
         survey=lambda t: Table(["KP4\u202e\x07" if h == "KP4" else h for h in t.header], t.rows).bytes()),
    Case("duplicate_ids", "survey values", "respondent id S005 used twice", "error",
         (SURVEY, "column respondent_id", "duplicate respondent id(s): id 'S005' in rows 6, 9", "unique"),
         survey=_edit((9, "respondent_id", "S005"))),
    # ------------------------------------------------------------------ survey values
    Case("off_scale", "survey values", "values off the 1-5 scale: 0, 6 and 99", "error",
         (SURVEY, "3 invalid value(s)", "row 2, column KP1: '0' is off the scale 1–5 (data.scale)",
          "row 5, column EC2: '6' is off the scale", "row 9, column IP3: '99' is off the scale",
          "data.invalid_values: missing"),
         survey=_edit((2, "KP1", "0"), (5, "EC2", "6"), (9, "IP3", "99"))),
    Case("off_scale_as_missing", "survey values", "the same with data.invalid_values: missing", "clean",
         survey=_edit((2, "KP1", "0"), (5, "EC2", "6"), (9, "IP3", "99")),
         config=_set("data.invalid_values", "missing"),
         exclusions=((2, "KP1", "0", "off the scale 1–5", "replaced by the mean of KP1"),
                     (5, "EC2", "6", "off the scale 1–5", "replaced by the mean of EC2"),
                     (9, "IP3", "99", "off the scale 1–5", "replaced by the mean of IP3"))),
    Case("text_in_items", "survey values", "text in items: 'empat', 'N/A' (and '4 ' with a trailing space)",
         "error",
         (SURVEY, "2 invalid value(s)", "row 3, column KP4: 'empat' is not a number (expected a number from 1 to 5",
          "row 6, column KU2: 'N/A' is not a number", "data.missing_codes"),
         survey=_edit((3, "KP4", "empat"), (4, "EC1", "4 "), (6, "KU2", "N/A")),
         snakemake=("results/clean/summary.json",)),
    Case("text_in_items_as_missing", "survey values", "the same with data.invalid_values: missing", "clean",
         survey=_edit((3, "KP4", "empat"), (4, "EC1", "4 "), (6, "KU2", "N/A")),
         config=_set("data.invalid_values", "missing"),
         exclusions=((3, "KP4", "empat", "not a number", "replaced by the mean of KP4"),
                     (4, "EC1", "4 ", "surrounding whitespace", "read as 4"),
                     (6, "KU2", "N/A", "not a number", "replaced by the mean of KU2"))),
    Case("blank_cells", "survey values", "blank cells in two items and a profile variable", "clean",
         survey=_blank_cells,
         exclusions=((3, "IP2", "", "blank cell", "replaced by the mean of IP2"),
                     (5, "business_type", "", "blank cell", "counted as missing in the respondent profile"),
                     (11, "KU5", "  ", "blank cell", "replaced by the mean of KU5")),
         snakemake=("results/clean/exclusions.csv", "results/describe/respondents.csv")),
    Case("blank_cells_casewise", "survey values", "blank cells with data.missing_treatment: casewise_deletion",
         "clean", survey=_blank_cells, config=_set("data.missing_treatment", "casewise_deletion"),
         exclusions=((3, "IP2", "", "blank cell", "respondent excluded (data.missing_treatment: casewise_deletion)"),
                     (5, "business_type", "", "blank cell", "counted as missing in the respondent profile"),
                     (11, "KU5", "  ", "blank cell", "respondent excluded"))),
    Case("empty_rows", "survey values", "empty lines between respondents", "clean",
         survey=lambda t: t.text().replace("\nS010,", "\n\n,,,\nS010,", 1).encode(),
         exclusions=((11, "", "", "empty row", "skipped"), (12, "", "", "empty row", "skipped"))),
    Case("undeclared_missing_code", "survey values", "-99 used for 'no answer' but data.missing_codes is empty",
         "error",
         (SURVEY, "row 4, column KP2: '-99' is off the scale 1–5", "'-99' occurs 3 times",
          "add it to data.missing_codes"),
         survey=_edit((4, "KP2", "-99"), (7, "EC5", "-99"), (12, "KU1", "-99")),
         config=_set("data.missing_codes", [])),
    Case("declared_missing_code", "survey values", "the same with data.missing_codes: [-99]", "clean",
         survey=_edit((4, "KP2", "-99"), (7, "EC5", "-99.0"), (12, "KU1", "-99")),
         config=_set("data.missing_codes", [-99]),
         exclusions=((4, "KP2", "-99", "missing-value code -99", "replaced by the mean of KP2"),
                     (7, "EC5", "-99.0", "missing-value code -99", "replaced by the mean of EC5"),
                     (12, "KU1", "-99", "missing-value code -99", "replaced by the mean of KU1"))),
    Case("unanswered_respondents", "survey values", "three respondents answer no indicator (every item blank)",
         "clean", survey=_unanswered,
         exclusions=tuple((line, "", "", "no valid answer to any of the 28 indicators",
                           "respondent excluded (no valid answer to any indicator: not imputed, not counted in n)")
                          for line in _UNANSWERED)),
    Case("unanswered_missing_codes", "survey values", "one respondent answers every item with the missing code -99",
         "clean", survey=lambda t: _edit(*[(7, item, "-99") for item in _ITEMS])(t),
         config=_set("data.missing_codes", [-99]),
         exclusions=((7, "", "", "no valid answer to any of the 28 indicators", "respondent excluded"),
                     *((7, item, "-99", "missing-value code -99", "respondent excluded (no valid answer")
                       for item in _ITEMS))),
    Case("item_mostly_missing", "survey values", "KU3 blank for 58 of 140 respondents (41.4 %), mean-replaced",
         "warning", ("indicator KU3 (construct KU) is missing for 41.4% of the respondents (58 of 140), more than "
                     "data.max_missing_share (15%", "mean replacement invents these values",
                     "constructs.KU.indicators"),
         survey=lambda t: _edit(*[(line, "KU3", "") for line in _KU3_BLANK])(t),
         exclusions=tuple((line, "KU3", "", "blank cell", "replaced by the mean of KU3") for line in _KU3_BLANK)),
    Case("item_missing_within_limit", "survey values", "the same with data.max_missing_share: 0.5: no warning",
         "clean", survey=lambda t: _edit(*[(line, "KU3", "") for line in _KU3_BLANK])(t),
         config=_set("data.max_missing_share", 0.5),
         exclusions=tuple((line, "KU3", "", "blank cell", "replaced by the mean of KU3") for line in _KU3_BLANK)),
    Case("unknown_category", "survey values", "a profile value that is not a configured category", "error",
         (SURVEY, "row 7, column revenue: '9' is not a category of revenue", "expected one of 1, 2, 3"),
         survey=_edit((7, "revenue", "9"))),
    Case("all_missing_column", "survey values", "an indicator column (KP5) with no value at all", "error",
         (SURVEY, "column KP5", "indicator KP5 has no valid value", "constructs.KP.indicators"),
         survey=lambda t: t.column("KP5", [""] * len(t.rows)).bytes()),
    Case("huge_and_negative_numbers", "survey values", "1e308, -3 and 12345678901234567890 in items", "error",
         ("'1e308' is off the scale 1–5", "'-3' is off the scale", "'12345678901234567890' is off the scale"),
         survey=_edit((2, "KP1", "1e308"), (3, "KP2", "-3"), (4, "KP3", "12345678901234567890"))),
    Case("off_construct_scale", "survey values", "EC asked on a 7-point scale (constructs.EC.scale: 1-7): 6 "
         "and 7 are valid there, 8 and 0 are not", "error",
         (SURVEY, "2 invalid value(s)", "row 5, column EC2: '8' is off the scale 1–7 (constructs.EC.scale)",
          "row 6, column EC4: '0' is off the scale 1–7 (constructs.EC.scale)"),
         survey=_edit((3, "EC1", "6"), (4, "EC3", "7"), (5, "EC2", "8"), (6, "EC4", "0")),
         config=_set("constructs.EC.scale", {"min": 1, "max": 7}), snakemake=("results/clean/summary.json",)),
    Case("reverse_coded_items", "survey values", "KP2 (1-5, data.scale) and EC3 (1-7, constructs.EC.scale) are "
         "reverse-coded (constructs.<C>.reverse)", "clean",
         survey=_edit((3, "EC3", "7")),
         config=lambda c: (c["constructs"]["KP"].update(reverse=["KP2"]),
                           c["constructs"]["EC"].update(scale={"min": 1, "max": 7}, reverse=["EC3"])),
         exclusions=((None, "KP2", "", "reverse-coded item (constructs.KP.reverse)",
                      "recoded x -> 1 + 5 - x on the scale 1–5 (data.scale) in 140 cell(s)"),
                     (None, "EC3", "", "reverse-coded item (constructs.EC.reverse)",
                      "recoded x -> 1 + 7 - x on the scale 1–7 (constructs.EC.scale) in 140 cell(s)"))),
    # ------------------------------------------------------------------ numerical
    Case("constant_indicator", "numerical", "an indicator (EC3) with the same answer from everyone", "error",
         (SURVEY, "EC3 (always 4, construct EC)", "no variance", "remove it"),
         survey=lambda t: t.column("EC3", ["4"] * len(t.rows)).bytes(),
         snakemake=("results/clean/summary.json",)),
    Case("identical_indicators", "numerical", "two identical indicators (KU4 copied into KU3)", "error",
         (SURVEY, "KU3 (construct KU) and KU4 (construct KU) have identical values", "copied twice"),
         survey=lambda t: t.column("KU3", t.values("KU4")).bytes(), snakemake=("results/clean/summary.json",)),
    Case("collinear_constructs", "numerical", "construct EC's items copied from KP's (EC1-EC6 = KP1-KP6, "
         "EC7 dropped): perfectly collinear constructs", "error",
         (SURVEY, "KP1 (construct KP) and EC1 (construct EC) have identical values",
          "KP6 (construct KP) and EC6 (construct EC)"),
         survey=lambda t: _copy_block(t, "KP", "EC", 6),
         config=lambda c: c["constructs"]["EC"].update(indicators=[f"EC{i}" for i in range(1, 7)])),
    Case("reverse_coded_copy", "numerical", "an item that is another one reverse-coded (IP9 = 6 - IP8)", "error",
         ("IP8 (construct IP) and IP9 (construct IP) have mirror-image values (r = -1",),
         survey=lambda t: t.column("IP9", [6 - int(v) for v in t.values("IP8")]).bytes()),
    Case("too_few_respondents", "numerical", "6 respondents for a model with a 9-indicator block", "error",
         (SURVEY, "6 respondent(s) in the file, but the model needs at least 10",
          "construct IP has 9 indicators"),
         table=lambda: Table.base(6), snakemake=("results/clean/summary.json",)),
    Case("too_few_after_exclusions", "numerical", "casewise deletion leaves too few respondents", "error",
         ("9 respondent(s) left of 12 after the exclusions, but the model needs at least 10",
          "data.missing_treatment"),
         table=lambda: Table.base(12), survey=_edit((2, "KP1", ""), (3, "KP2", ""), (4, "KU1", "")),
         config=_set("data.missing_treatment", "casewise_deletion")),
    Case("singular_inner_regression", "numerical", "a construct whose block makes the structural regression "
         "singular: C's only item is A's plus B's (c1 = a1 + b1), all three pointing at Y", "error",
         ("results/clean/survey.csv", "the structural regression of Y on its predecessors is singular",
          "A and B and C together", "paths[0] ('A -> Y')", "paths[2] ('C -> Y')"),
         stage="estimate", table=_mini_table, config=_mini_config,
         snakemake=("results/outer/summary.json",)),
    Case("singular_mode_b_block", "numerical", "a formative (Mode B) block with x3 = x1 + x2", "error",
         ("results/clean/survey.csv", "the indicators of the Mode B construct X are linearly dependent",
          "constructs.X.indicators"),
         stage="estimate", table=_mode_b_table, config=_mode_b_config,
         snakemake=("results/outer/summary.json",)),
    Case("not_converged", "numerical", "algorithm.max_iter: 1 (the algorithm cannot converge)", "error",
         ("the PLS algorithm did not converge: after 1 iterations (algorithm.max_iter = 1)",
          "config key algorithm.max_iter", "60 of 60 bootstrap subsamples failed and 0 are usable",
          "60 because the algorithm did not converge", "Raise algorithm.max_iter"),
         stage="bootstrap", config=_set("algorithm.max_iter", 1),
         snakemake=("results/outer/summary.json", "results/inner/summary.json", "results/bootstrap/summary.json")),
    Case("failed_subsamples", "numerical", "KU6 is 4 for all but one respondent: subsamples that miss that "
         "respondent make KU6 constant and fail", "warning",
         ("of 60 bootstrap subsamples failed", "because an indicator is constant in the subsample",
          "left out of every bootstrap summary", "results/bootstrap/subsamples.csv"),
         stage="bootstrap", survey=_near_constant,
         snakemake=("results/bootstrap/summary.json", "results/mediation/indirect.csv")),
    Case("small_sample_warning", "numerical", "25 respondents: below the ten-times rule (30) but estimable",
         "warning", ("25 respondents: fewer than the ten-times rule of thumb (30",),
         table=lambda: Table.base(25)),
    # ------------------------------------------------------------------ config
    Case("unknown_construct_in_path", "config", "a path to a construct that is not defined", "error",
         ("config key paths[5] ('KP -> QQ'): unknown construct 'QQ'", "constructs defined under constructs"),
         stage="config", config=lambda c: c["paths"].append("KP -> QQ")),
    Case("cycle", "config", "a cycle among the paths (KU -> KP)", "error",
         ("config keys constructs / paths", "cycle"), stage="config", config=lambda c: c["paths"].append("KU -> KP"),
         snakemake=("results/clean/summary.json",)),
    Case("indicator_in_two_constructs", "config", "KP1 also listed under KU", "error",
         ("config key constructs.KU.indicators[6]: indicator 'KP1' is already in construct 'KP'",),
         stage="config", config=lambda c: c["constructs"]["KU"]["indicators"].append("KP1")),
    Case("construct_without_indicators", "config", "a construct with an empty indicator list", "error",
         ("config key constructs.KU.indicators", "should be non-empty"), stage="config",
         config=lambda c: c["constructs"]["KU"].update(indicators=[])),
    Case("construct_without_indicators_key", "config", "a construct with no indicators key", "error",
         ("config key constructs.KU.indicators: required but missing",), stage="config",
         config=lambda c: c["constructs"].update(KU={"label": "MSME performance"})),
    Case("zero_bootstrap_samples", "config", "bootstrap.samples: 0", "error",
         ("config key bootstrap.samples: 0 is less than the minimum of 2",), stage="config",
         config=_set("bootstrap.samples", 0)),
    Case("negative_bootstrap_samples", "config", "bootstrap.samples: -500", "error",
         ("config key bootstrap.samples: -500 is less than the minimum of 2",), stage="config",
         config=_set("bootstrap.samples", -500), snakemake=("results/clean/summary.json",)),
    Case("non_integer_seed", "config", "bootstrap.seed: 12.5", "error",
         ("config key bootstrap.seed: expected integer, got 12.5",), stage="config",
         config=_set("bootstrap.seed", 12.5)),
    Case("text_seed", "config", "bootstrap.seed: 'abc'", "error",
         ("config key bootstrap.seed: expected integer, got 'abc'",), stage="config",
         config=_set("bootstrap.seed", "abc")),
    Case("category_codes_same_number", "config", "respondents.business_type.categories lists 1 and '01' "
         "(one number, two categories: every respondent of 1 counted twice, issue 11)", "error",
         ("config key respondents.business_type.categories: codes 1 and '01' are the same number (1)",
          "keep one code per category"), stage="config",
         config=lambda c: c["respondents"]["business_type"]["categories"].update({"01": "Food (again)"})),
    Case("category_codes_same_text", "config", "respondents.years_established.categories lists '4.0' beside 4, "
         "and 'A' beside 'a '", "error",
         ("config key respondents.years_established.categories: codes 4 and '4.0' are the same number (4)",
          "codes 'a ' and 'A' are the same text (case and spaces ignored)"), stage="config",
         config=lambda c: c["respondents"]["years_established"]["categories"].update(
             {"4.0": "Over 6 years (again)", "a ": "other", "A": "Other"})),
    Case("id_column_source_row", "config", "data.id_column: source_row, the column the clean step adds "
         "(it silently replaced the row numbers, issue 11)", "error",
         ("config key data.id_column: 'source_row' is the name of the column the pipeline adds to "
          "results/clean/survey.csv",), stage="config",
         survey=lambda t: Table(["source_row" if h == "respondent_id" else h for h in t.header], t.rows).bytes(),
         config=_set("data.id_column", "source_row")),
    Case("construct_named_indicator", "config", "a construct named 'indicator' (the first column of "
         "cross_loadings.csv) and a profile variable named source_row", "error",
         ("config key constructs.indicator: a construct cannot be named 'indicator'",
          "config key respondents.source_row: 'source_row' is the name of the column the pipeline adds"),
         stage="config", config=lambda c: (_rename_construct("KP", "indicator")(c),
                                           c["respondents"].update(source_row=c["respondents"].pop("business_type")))),
    Case("seed_beyond_philox", "config", "bootstrap.seed: 2**128 (Philox's key has 128 bits)", "error",
         ("config key bootstrap.seed: 340282366920938463463374607431768211456 is greater than the maximum",
          "from 0 to 2**128 - 1"), stage="config", config=_set("bootstrap.seed", 2**128)),
    Case("unknown_weighting_scheme", "config", "algorithm.weighting: pathway", "error",
         ("config key algorithm.weighting: expected one of 'path', 'centroid', 'factorial', got 'pathway'",),
         stage="config", config=_set("algorithm.weighting", "pathway")),
    Case("nan_alpha", "config", "bootstrap.alpha: .nan (YAML's not-a-number)", "error",
         ("config key bootstrap.alpha: nan is not a finite number",), stage="config",
         config=_set("bootstrap.alpha", float("nan"))),
    Case("survey_outside_project", "config", "data.survey: ../survey.csv (outside the project)", "error",
         ("config key data.survey: '../survey.csv' points outside the project directory", "absolute path"),
         stage="config", config=_set("data.survey", "../survey.csv"), snakemake=("results/clean/summary.json",)),
    Case("survey_escape_in_middle", "config", "data.survey: data/../../x/survey.csv", "error",
         ("config key data.survey: 'data/../../x/survey.csv' points outside the project directory",),
         stage="config", config=_set("data.survey", "data/../../x/survey.csv")),
    Case("survey_missing", "config", "data.survey names a file that does not exist", "error",
         ("config key data.survey: survey file 'data/raw/nope.csv' not found",), stage="config",
         config=_set("data.survey", "data/raw/nope.csv")),
    Case("published_outside_project", "config", "published: ../../etc/passwd", "error",
         ("config key published: '../../etc/passwd' points outside the project directory",), stage="config",
         config=_set("published", "../../etc/passwd")),
    Case("survey_is_an_output", "config", "data.survey: results/clean/survey.csv, the clean step's output (issue 11)",
         "error", ("config key data.survey: 'results/clean/survey.csv' lies in results/, a folder the pipeline "
                   "writes",), stage="config", survey_name="results/clean/survey.csv",
         snakemake=("results/clean/summary.json",)),
    Case("published_in_report", "config", "published: report/published.yaml (a file in the report folder)", "error",
         ("config key published: 'report/published.yaml' lies in report/",), stage="config",
         config=_set("published", "report/published.yaml")),
    Case("survey_path_with_braces", "config", "data.survey: data/raw/survey{2024}.csv, an existing file whose name "
         "Snakemake would read as a wildcard (issue 11)", "error",
         ("config key data.survey: 'data/raw/survey{2024}.csv' contains a brace", "rename the file"),
         stage="config", survey_name="data/raw/survey{2024}.csv", snakemake=("results/clean/summary.json",)),
    Case("published_path_with_escaped_braces", "config", "published: data/{{v2}}/published.yaml (doubled braces)",
         "error", ("config key published: 'data/{{v2}}/published.yaml' contains a brace",), stage="config",
         config=_set("published", "data/{{v2}}/published.yaml")),
    Case("boolean_indicator_name", "config", "an indicator written NO, unquoted: YAML 1.1 reads it as False (issue 11)",
         "error", ("config key constructs.KU.indicators[5]: expected string, got False (YAML 1.1 reads an unquoted "
                   "yes, no, on, off, true or false as a boolean: write the name in quotes, e.g. 'NO')",),
         stage="config", config=lambda c: c["constructs"]["KU"]["indicators"].__setitem__(5, False)),
    Case("boolean_category_label", "config", "a category label written No, unquoted: YAML 1.1 reads it as False",
         "error", ("config key respondents.business_type.categories[1]: expected string, got False (YAML 1.1 reads",),
         stage="config", config=lambda c: c["respondents"]["business_type"]["categories"].__setitem__(1, False)),
    Case("construct_named_NA", "config", "construct KP renamed NA, a string pandas reads as missing by default "
         "(issue 11: rule mediation failed with KeyError ('KP', nan))", "clean",
         config=_rename_construct("KP", "NA"),
         snakemake=("results/mediation/indirect.csv", "results/hypotheses/hypotheses.csv", "report/results.html")),
    Case("indicator_decomposed_in_header", "survey file", "indicator K\u00dc6 composed in the config, decomposed "
         "(U+0055 U+0308) in the survey's header (issue 11)", "clean", survey=_rename_column("KU6", DECOMPOSED),
         config=lambda c: c["constructs"]["KU"]["indicators"].__setitem__(5, COMPOSED),
         snakemake=("results/outer/loadings.csv",)),
    Case("profile_variable_decomposed_in_config", "survey file", "a profile variable jenis_usah\u00e1 composed in "
         "the header, decomposed in the config's respondents", "clean",
         survey=_rename_column("business_type", "jenis_usah\u00e1"),
         config=lambda c: c.__setitem__("respondents", {("jenis_usaha\u0301" if k == "business_type" else k): v
                                                          for k, v in c["respondents"].items()})),
    Case("construct_twice_once_normalised", "config", "constructs K\u00dc and KU\u0308: one name written two ways",
         "error", ("config key constructs: 'K\u00dc' (U+004B U+00DC) and 'KU\u0308' (U+004B U+0055 U+0308) are the "
                   "same name once Unicode-normalised (NFC)",), stage="config",
         config=lambda c: c["constructs"].update({"K\u00dc": c["constructs"]["KU"], "KU\u0308": c["constructs"]["KU"]})),
    Case("header_twice_once_normalised", "survey file", "two header columns K\u00dc6, one composed, one decomposed",
         "error", ("duplicate column name(s) in the header: 'K\u00dc6' in columns 34, 35 (the same name once "
                   "Unicode-normalised, NFC)",),
         survey=lambda t: Table(t.header + [COMPOSED, DECOMPOSED], [r + ["1", "1"] for r in t.rows]).bytes()),
    Case("reverse_item_of_another_construct", "config", "constructs.KP.reverse names EC2, an item of EC", "error",
         ("config key constructs.KP.reverse[0]: 'EC2' is not an indicator of construct 'KP'",
          "it is an indicator of construct 'EC' (list it under constructs.EC.reverse)"), stage="config",
         config=_set("constructs.KP.reverse", ["EC2"])),
    Case("reverse_item_unknown", "config", "constructs.KU.reverse names KU9, which no construct has", "error",
         ("config key constructs.KU.reverse[0]: 'KU9' is not an indicator of construct 'KU' (constructs.KU.indicators: "
          "KU1, KU2, KU3, KU4, KU5, KU6); no construct has it",), stage="config",
         config=_set("constructs.KU.reverse", ["KU9"])),
    Case("redundancy_on_mode_a", "config", "constructs.KU.redundancy names a global item of a Mode A construct",
         "error", ("config key constructs.KU.redundancy: a redundancy analysis assesses a formative construct, and "
                   "'KU' is Mode A (constructs.KU.mode)",), stage="config",
         config=_set("constructs.KU.redundancy", "KU_global")),
    Case("redundancy_is_an_indicator", "config", "constructs.KP.redundancy (KP in Mode B) names EC1, an indicator",
         "error", ("config key constructs.KP.redundancy: 'EC1' is an indicator of construct 'EC' "
                   "(constructs.EC.indicators)",), stage="config",
         config=lambda c: c["constructs"]["KP"].update(mode="B", redundancy="EC1")),
    Case("redundancy_column_missing", "survey file", "constructs.KP.redundancy names KP_global, not in the survey",
         "error", ("'KP_global' (configured in constructs.KP.redundancy)",),
         config=lambda c: c["constructs"]["KP"].update(mode="B", redundancy="KP_global")),
    Case("construct_scale_min_not_below_max", "config", "constructs.EC.scale: {min: 7, max: 1}", "error",
         ("config key constructs.EC.scale: min (7) must be below max (1)",), stage="config",
         config=_set("constructs.EC.scale", {"min": 7, "max": 1})),
    Case("construct_scale_without_max", "config", "constructs.EC.scale: {min: 1} (no max)", "error",
         ("config key constructs.EC.scale.max: required but missing",), stage="config",
         config=_set("constructs.EC.scale", {"min": 1})),
    Case("missing_code_on_construct_scale", "config", "data.missing_codes: [-99] with constructs.EC.scale -100 to "
         "100 (-99 is a valid answer there)", "error",
         ("config key data.missing_codes[0]: -99 is a valid answer on the scale -100–100 (constructs.EC.scale), so it "
          "cannot also mean 'missing'",), stage="config",
         config=_set("constructs.EC.scale", {"min": -100, "max": 100})),
    # ------------------------------------------------------------------ extensions (issue 13)
    Case("interaction_unknown_construct", "config", "an interaction term of an undefined construct (KP x QQ -> KU)",
         "error", ("config key paths[5] ('KP x QQ -> KU'): unknown construct 'QQ'",), stage="config",
         config=lambda c: c["paths"].append("KP x QQ -> KU")),
    Case("interaction_without_main_effect", "config", "an interaction term KP x EC -> IP without the main "
         "effect EC -> IP", "error",
         ("config key paths[4] ('KP x EC -> IP'): the interaction term needs the main effect 'EC -> IP'",),
         stage="config", config=lambda c: c.update(paths=[p for p in c["paths"] if p != "EC -> IP"]
                                                   + ["KP x EC -> IP"])),
    Case("construct_name_like_a_term", "config", "a construct named 'K x P', which a path reads as an interaction "
         "term", "error", ("config key constructs.K x P: a construct name cannot contain ' x ', ' × ' or '*'",),
         stage="config", config=_rename_construct("KP", "K x P")),
    Case("interaction_as_target", "config", "an interaction term as a path's target (KU -> KP x EC)", "error",
         ("config key paths[5] ('KU -> KP x EC'): an interaction term can only be the source of a path",),
         stage="config", config=lambda c: c["paths"].append("KU -> KP x EC")),
    Case("dimension_in_path", "config", "a dimension of a higher-order construct with a path of its own", "error",
         ("config key paths[0] ('KP -> IP'): 'KP' is a dimension of the higher-order construct 'HOC' "
          "(constructs.HOC.dimensions); draw the path from or to 'HOC'",), stage="config",
         config=lambda c: c["constructs"].update(HOC={"dimensions": ["KP", "EC"]})),
    Case("dimension_of_two_constructs", "config", "EC a dimension of two higher-order constructs", "error",
         ("config key constructs.H2.dimensions[0]: 'EC' is already a dimension of 'H1' (constructs.H1.dimensions)",),
         stage="config", config=lambda c: c["constructs"].update(H1={"dimensions": ["KP", "EC"]},
                                                                 H2={"dimensions": ["EC", "IP"]})),
    Case("higher_order_one_dimension", "config", "a higher-order construct with one dimension", "error",
         ("config key constructs.HOC.dimensions: ['KP'] is too short",), stage="config",
         config=lambda c: c["constructs"].update(HOC={"dimensions": ["KP"]})),
    Case("moderation_method_typo", "config", "moderation.method: two-stage (for two_stage)", "error",
         ("config key moderation.method: expected one of 'two_stage', 'product_indicator', 'orthogonal', got "
          "'two-stage' (did you mean 'two_stage'?)",), stage="config", config=_set("moderation.method", "two-stage")),
    Case("control_column_missing", "config", "controls: {age: [KU]} and no age column in the survey", "error",
         (SURVEY, "'age' (configured in controls.age)"), config=_set("controls", {"age": ["KU"]})),
    Case("control_column_not_numeric", "survey values", "text ('forty') in the control variable's column", "error",
         (SURVEY, "row 4, column age: 'forty' is not a number (expected a number: controls.age is a numeric "
          "control variable)"), config=_set("controls", {"age": ["KU"]}),
         survey=lambda t: Table(t.header + ["age"], [r + ["forty" if i == 2 else str(20 + i % 45)]
                                                     for i, r in enumerate(t.rows)]).bytes(),
         snakemake=("results/clean/summary.json",)),   # the clean rule's controls param reaches the cleaning
    Case("control_variable", "survey values", "a numeric control variable (age, 20 to 64 years: on no response "
         "scale) read and kept", "clean", config=_set("controls", {"age": ["KU"]}),
         survey=lambda t: Table(t.header + ["age"], [r + [str(20 + i % 45)] for i, r in enumerate(t.rows)]).bytes()),
    Case("unanswered_with_control", "survey values", "three respondents answer no item but give their age (a control "
         "variable is no answer to an item: they are excluded, not imputed)", "clean",
         config=_set("controls", {"age": ["KU"]}),
         survey=lambda t: _unanswered(Table(t.header + ["age"], [r + [str(20 + i % 45)] for i, r in enumerate(t.rows)])),
         exclusions=tuple((line, "", "", "no valid answer to any of the 28 indicators",
                           "respondent excluded (no valid answer to any indicator") for line in _UNANSWERED)),
    Case("control_is_indicator", "config", "an indicator (KP1) listed as a control variable", "error",
         ("config key controls.KP1: 'KP1' is also an indicator of construct 'KP' (constructs.KP.indicators)",),
         stage="config", config=_set("controls", {"KP1": ["KU"]})),
    Case("control_is_construct", "config", "a construct (EC) listed as a control variable", "error",
         ("config key controls.EC: 'EC' is also a construct (constructs.EC)",), stage="config",
         config=_set("controls", {"EC": ["KU"]})),
    Case("control_target_exogenous", "config", "a control variable pointing at an exogenous construct (KP)", "error",
         ("config key controls.age[0]: 'KP' is exogenous (no path in config key paths points at it)",),
         stage="config", config=_set("controls", {"age": ["KP"]})),
    Case("control_hypothesis", "config", "a control variable's path listed as a hypothesis", "error",
         ("config key hypotheses.H1.path: 'age -> KU' is the path of the control variable 'age' "
          "(config key controls.age); a control variable is never a hypothesis",), stage="config",
         config=lambda c: c.update(controls={"age": ["KU"]}, hypotheses={"H1": {"path": "age -> KU"}})),
    # ------------------------------------------------------------------ issue 13, a fresh user's findings
    Case("interaction_written_both_ways", "config", "KP x EC -> KU beside EC x KP -> KU (one product, two spellings)",
         "error", ("config key paths[6] ('EC x KP -> KU'): the interaction term 'EC x KP' is 'KP x EC' of paths[5] "
                   "written the other way round (the same product); write it as 'KP x EC'",), stage="config",
         config=lambda c: c["paths"].extend(["KP x EC -> KU", "EC x KP -> KU"])),
    Case("interaction_given_twice", "config", "KP x EC -> KU and KP*EC -> KU (one path, two separators)", "error",
         ("config key paths[6] ('KP*EC -> KU'): same path as paths[5]",), stage="config",
         config=lambda c: c["paths"].extend(["KP x EC -> KU", "KP*EC -> KU"])),
    Case("construct_label_in_path", "config", "a path written with the constructs' labels (English and Indonesian)",
         "error", ("config key paths[5] ('Customer engagement*EC -> Kinerja UMKM'): 'Customer engagement' is the label "
                   "of construct 'KP'; paths and hypotheses use construct names",
                   "'Kinerja UMKM' is the label of construct 'KU'"), stage="config",
         config=lambda c: c["paths"].append("Customer engagement*EC -> Kinerja UMKM")),
    Case("interaction_capital_x", "config", "an interaction term written with a capital X (KP X EC -> KU)", "error",
         ("config key paths[5] ('KP X EC -> KU'): unknown construct 'KP X EC': an interaction term is written "
          "'A x B' (a lower-case x between spaces), 'A × B' or 'A*B'",), stage="config",
         config=lambda c: c["paths"].append("KP X EC -> KU")),
    Case("interaction_colon", "config", "an interaction term in R's style (KP:EC -> KU)", "error",
         ("config key paths[5] ('KP:EC -> KU'): unknown construct 'KP:EC': an interaction term is written 'A x B'",),
         stage="config", config=lambda c: c["paths"].append("KP:EC -> KU")),
    Case("hypothesis_term_reversed", "config", "a hypothesis on EC x KP -> KU where the model writes KP x EC", "error",
         ("config key hypotheses.H1.path ('EC x KP -> KU'): the model writes the interaction term 'EC x KP' as "
          "'KP x EC' (config key paths)",), stage="config",
         config=lambda c: c.update(paths=c["paths"] + ["KP x EC -> KU"], hypotheses={"H1": {"path": "EC x KP -> KU"}})),
    Case("hypothesis_two_mistakes", "config", "a hypothesis on an interaction's indirect effect through an unknown "
         "construct: both mistakes named", "error",
         ("config key hypotheses.H1.path ('KP x EC -> IP -> QQ'): unknown construct 'QQ'",
          "config key hypotheses.H1.path: 'KP x EC -> IP -> QQ' starts at the interaction term 'KP x EC'"),
         stage="config", config=lambda c: c.update(paths=c["paths"] + ["KP x EC -> IP"],
                                                   hypotheses={"H1": {"path": "KP x EC -> IP -> QQ"}})),
    Case("control_is_profile_variable", "survey values", "a profile variable (years_established, codes 1-4) also a "
         "control variable with a label; one blank cell, logged once", "clean",
         config=_set("controls", {"years_established": {"targets": ["KU"], "label": {"en": "Years (code)",
                                                                                     "id": "Lama usaha (kode)"}}}),
         survey=_edit((BASE_ROW, "years_established", "")),
         exclusions=((BASE_ROW, "years_established", "", "blank cell", "replaced by the mean of years_established"),)),
    Case("control_profile_text_codes", "survey values", "a control variable that is a profile variable with text "
         "codes (F, C: no numbers)", "error",
         ("controls.business_type is also the profile variable respondents.business_type, whose category code(s) 'F', "
          "'C' are not numbers",),
         config=lambda c: (c["respondents"]["business_type"].update(categories={"F": "Food", "C": "Crafts"}),
                           c.update(controls={"business_type": ["KU"]}))),
    Case("control_label_unknown_language", "config", "a control variable's label in a language the report lacks",
         "error", ("config key controls.age.label.fr: 'fr' is not a report language",), stage="config",
         config=_set("controls", {"age": {"targets": ["KU"], "label": {"en": "Age", "fr": "Âge"}}})),
]

BY_NAME = {case.name: case for case in CORPUS}
assert len(BY_NAME) == len(CORPUS), "case names must be unique"


@contextmanager
def working_directory(path: Path):
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@dataclass
class Outcome:
    """What the entry points answered."""

    kind: str                         # clean | warning | error
    stage: str                        # config | clean | estimate | bootstrap
    message: str = ""
    warnings: list = field(default_factory=list)
    exclusions: object = None
    details: dict = field(default_factory=dict)
    survey: object = None             # the cleaned analysis data
    raw: object = None                # the survey as read (RawSurvey)
    indicators: tuple = ()


def run_entry_points(case: Case, directory: Path) -> Outcome:
    """Run ``case`` (already written into ``directory``) through the pipeline's entry points.

    The same calls, in the same order, as ``workflow/Snakefile`` (config
    schema, defaults, semantics) and the clean / outer / bootstrap scripts;
    relative paths are resolved in ``directory``, as in a Snakemake run.
    """
    import plssem
    from snakemake.utils import validate

    from plssem_pipeline.analysis import numerics
    from plssem_pipeline import study
    from plssem_pipeline.ingest.cleaning import clean_survey
    from plssem_pipeline.ingest.labels import profile_variables
    from plssem_pipeline.ingest.spec import SurveySpec
    from plssem_pipeline.errors import UserError
    from plssem_pipeline.ingest.survey import read_survey

    config = copy.deepcopy(case.make_config())
    with working_directory(directory):
        try:
            problems = study.normalize_config(config)
            problems += study.schema_problems(config, study.load_schema(SCHEMA_PATH))
            if problems:
                raise study.ConfigError(problems, file="config.yaml")
            validate(config, str(SCHEMA_PATH))
            model = study.check_semantics(config, root=".", file="config.yaml")
        except UserError as error:
            return Outcome("error", "config", str(error))
        data = config["data"]
        try:
            raw = read_survey(data["survey"], delimiter=data["delimiter"], encoding=data["encoding"],
                              sheet=data["sheet"])
            respondents, _ = profile_variables(config["respondents"], raw)
            spec = SurveySpec.from_config(data, respondents, config["constructs"], study.model_spec(config)["paths"],
                                          controls=config["controls"])
            cleaned = clean_survey(raw, spec)
        except UserError as error:
            return Outcome("error", "clean", str(error))
        warnings = list(cleaned.details["warnings"])
        outcome = Outcome("warning" if warnings else "clean", "clean", warnings=warnings,
                          exclusions=cleaned.exclusions, details=cleaned.details, survey=cleaned.survey, raw=raw,
                          indicators=tuple(spec.indicators))
        if case.stage not in ("estimate", "bootstrap"):
            return outcome
        source = "results/clean/survey.csv"
        try:
            result = numerics.estimate(cleaned.survey, model, config["algorithm"], source=source)
            warnings += numerics.estimation_warnings(result, config["algorithm"])
            if case.stage == "bootstrap":
                options = study.algorithm_options(config["algorithm"])
                draws = plssem.bootstrap(result.data.standardized, model, seed=config["bootstrap"]["seed"],
                                         stop=config["bootstrap"]["samples"], **options)
                failures = numerics.bootstrap_failures(draws, config["algorithm"])
                outcome.details["bootstrap"] = failures
                if failures["message"]:
                    warnings.append(failures["message"])
        except UserError as error:
            return Outcome("error", case.stage, str(error), warnings=warnings)
        outcome.kind = "warning" if warnings else "clean"
        return outcome


def table() -> str:
    """The corpus as a Markdown table: case, family, mistake, expected outcome."""
    lines = ["| case | family | mistake | outcome | message holds |", "|---|---|---|---|---|"]
    for case in CORPUS:
        outcome = {"clean": "(a) clean run, logged", "warning": "(a) run completes, fault reported",
                   "error": "(b) user error, exit 1"}[case.outcome]
        said = "; ".join(case.expect) or "; ".join(f"row {r} {c} {v!r}: {a}" for r, c, v, _, a in case.exclusions)
        lines.append(f"| {case.name} | {case.family} | {case.what} | {outcome} | {said.replace('|', '/')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())


def checked_model(config: dict, root: Path):
    """The workflow's config sequence (workflow/Snakefile): schema problems, defaults, semantics -> the model.

    Raises the :class:`~plssem_pipeline.study.ConfigError` the workflow would print; fills the defaults in place.
    """
    from snakemake.utils import validate

    from plssem_pipeline import study

    problems = study.schema_problems(config, study.load_schema(SCHEMA_PATH))
    if problems:
        raise study.ConfigError(problems, file="config.yaml")
    validate(config, str(SCHEMA_PATH))
    return study.check_semantics(config, root=root, file="config.yaml")
