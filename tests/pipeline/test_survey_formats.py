"""Survey files in the formats users have: CSV, Excel, SPSS and Stata (plssem_pipeline.ingest).

The same data is written by each format's own writer (pandas, openpyxl, pyreadstat;
survey_formats_helpers.py) and read back through ``read_survey``: every format must
give the text cells the CSV gives, with the same row numbers, and the whole pipeline
must write byte-identical CSV files under ``results/``.
"""
from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest
import yaml
from hypothesis import given, strategies as st

import run_pool_helpers
from pipeline_helpers import make_project, snakemake, study_config
from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.cleaning import clean_survey
from plssem_pipeline.ingest.labels import category_table, profile_variables
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.ingest.survey import read_survey
from survey_formats_helpers import EDITS, EXTENSIONS, SHEET, USER_MISSING, as_float_text, labelled_survey, \
    profile_config, write_survey

FORMATS = list(EXTENSIONS)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return labelled_survey()


@pytest.fixture(scope="module")
def files(tmp_path_factory, frame) -> dict:
    directory = tmp_path_factory.mktemp("formats")
    return {kind: write_survey(frame, kind, directory / f"survey{ext}") for kind, ext in EXTENSIONS.items()}


def _read(files, kind):
    return read_survey(files[kind], sheet=SHEET if kind == "xlsx" else None)


@pytest.mark.parametrize("kind", FORMATS)
def test_every_format_reads_as_the_csv_text(files, frame, kind):
    raw = _read(files, kind)
    assert raw.file_format == kind
    assert raw.header == list(frame.columns)
    assert raw.rows == as_float_text(frame)        # 4.0 written by pyreadstat is read "4", a missing cell ""
    assert raw.lines == list(range(2, len(frame) + 2)) and raw.blank_lines == []


def test_spss_value_labels_variable_labels_and_user_missing(files):
    raw = _read(files, "sav")
    config = profile_config()
    assert raw.value_labels["revenue"] == {**{str(k): v for k, v in config["revenue"]["categories"].items()},
                                           "9": "No answer"}
    assert raw.variable_labels["business_type"] == config["business_type"]["label"]
    assert raw.missing == {c: [(float(r["lo"]), float(r["hi"])) if isinstance(r, dict) else (float(r), float(r))
                               for r in ranges] for c, ranges in USER_MISSING.items()}
    assert raw.declared_missing("EC3", "-99").startswith("SPSS user-missing value")
    assert raw.declared_missing("EC3", "-95") and not raw.declared_missing("EC3", "-89")  # a range, ends included
    assert raw.declared_missing("KP1", "-99") is None                                     # not declared there


@pytest.mark.parametrize("kind", ["sav", "dta"])
def test_value_labels_become_categories_where_config_gives_none(files, kind):
    config = profile_config()
    raw = _read(files, kind)
    bare = {name: {} for name in config}
    variables, sources = profile_variables(bare, raw)
    given, given_sources = profile_variables(config, _read(files, "csv"))
    assert set(sources.values()) == {"value labels in the survey file"}
    expected = category_table(given, given_sources).drop(columns="source")
    got = category_table(variables, sources).drop(columns="source")
    if kind == "dta":   # Stata has no user-missing values: the 'No answer' label of revenue stays a category
        assert got[(got["variable"] == "revenue") & (got["code"] == "9")]["category"].tolist() == ["No answer"]
        got = got[~((got["variable"] == "revenue") & (got["code"] == "9"))].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


def test_categories_required_for_a_csv(files):
    with pytest.raises(UserError, match=r"config key respondents\.revenue\.categories.*a CSV file has none"):
        profile_variables({"revenue": {"label": "Revenue"}}, _read(files, "csv"))


def test_user_missing_cells_are_logged_as_missing(files):
    """Without data.missing_codes, the .sav's own user-missing values are missing; the CSV's -99 is invalid."""
    config = study_config("x")
    data = {**config["data"], "missing_codes": []}
    raw = _read(files, "sav")
    spec = SurveySpec.from_config(data, config["respondents"], config["constructs"], config["paths"])
    cleaned = clean_survey(raw, spec)
    log = cleaned.exclusions
    declared = log[log["reason"].str.startswith("SPSS user-missing value")]
    assert sorted(zip(declared["row"], declared["column"], declared["raw_value"])) == sorted(
        (row, column, str(value)) for row, column, value in EDITS if value is not None)
    with pytest.raises(UserError, match="row 7, column EC3: '-99' is off the scale"):
        clean_survey(_read(files, "csv"), spec)


def test_stata_extended_missing_is_missing(tmp_path):
    frame = pd.DataFrame({"id": ["R1", "R2", "R3"], "KP1": [4.0, "a", None], "g": [1.0, 2.0, "b"]})
    pyreadstat.write_dta(frame, tmp_path / "s.dta", missing_user_values={"KP1": ["a"], "g": ["b"]},
                         variable_value_labels={"g": {1: "Male", 2: "Female", "b": "Refused"}})
    raw = read_survey(tmp_path / "s.dta")
    assert raw.rows == [["R1", "4", "1"], ["R2", ".a", "2"], ["R3", "", ".b"]]
    assert raw.declared_missing("KP1", ".a").startswith("Stata extended missing value")
    variables, _ = profile_variables({"g": {}}, raw)       # the label of .b is no category
    assert variables == {"g": {"categories": {"1": "Male", "2": "Female"}}}


def test_value_labels_that_clash_are_refused(tmp_path):
    """An SPSS string variable labelled 'a' and 'A': a cell cannot tell them apart (issue 11), refused naming the key."""
    frame = pd.DataFrame({"id": ["R1", "R2"], "g": ["a", "A"]})
    pyreadstat.write_sav(frame, tmp_path / "s.sav", variable_value_labels={"g": {"a": "Small", "A": "Large"}})
    with pytest.raises(UserError, match="codes 'a' and 'A' are the same text") as error:
        profile_variables({"g": {}}, read_survey(tmp_path / "s.sav"))
    assert error.value.key == "respondents.g.categories"


def _workbook(path: Path, rows, title="Data"):
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_workbook_cells_as_text(tmp_path):
    """Dates, logicals, formula errors and text in a sheet are read as text, never dropped."""
    path = _workbook(tmp_path / "s.xlsx", [["id", "KP1", None], ["R1", 4.0, None], [], ["R2", 3.25, None],
                                           ["R3", datetime.datetime(2024, 1, 5), None], ["R4", True, None],
                                           ["R5", "#N/A", None], ["R6", " 4 ", None]])
    raw = read_survey(path)
    assert raw.header == ["id", "KP1"] and raw.sheet == "Data"
    assert raw.rows == [["R1", "4"], ["R2", "3.25"], ["R3", "2024-01-05"], ["R4", "TRUE"], ["R5", "#N/A"],
                        ["R6", " 4 "]]
    assert raw.lines == [2, 4, 5, 6, 7, 8] and raw.blank_lines == [3]


def test_workbook_value_beyond_the_header_refused(tmp_path):
    path = _workbook(tmp_path / "s.xlsx", [["id", "KP1"], ["R1", 4, None, 5]])
    with pytest.raises(UserError, match="row 2: a value in column D, but the header"):
        read_survey(path)


@pytest.mark.parametrize("sheet, message", [
    ("Answers", "config key data.sheet: the workbook has no sheet named 'Answers'; its sheets are 1: 'Data'"),
    ("data", "did you mean 'Data'"),
    (2, "has 1 sheet(s), so there is no sheet 2"),
])
def test_missing_sheet_names_the_key_and_the_sheets(tmp_path, sheet, message):
    path = _workbook(tmp_path / "s.xlsx", [["id", "KP1"], ["R1", 4]])
    with pytest.raises(UserError) as info:
        read_survey(path, sheet=sheet)
    assert message in str(info.value) and str(path) in str(info.value)


def test_sheet_by_position_and_empty_sheet(files, frame, tmp_path):
    assert read_survey(files["xlsx"], sheet=2).rows == as_float_text(frame)
    assert read_survey(files["xlsx"]).sheet == "Notes"       # the first sheet by default
    path = _workbook(tmp_path / "e.xlsx", [])
    with pytest.raises(UserError, match="sheet 'Data' is empty; expected a header row"):
        read_survey(path)


@pytest.mark.parametrize("notes", [[["About this survey"]], [["id", "KP1"]]])
def test_first_sheet_without_data_rows_names_data_sheet_and_the_sheets(tmp_path, notes):
    """Responses on the second sheet, data.sheet not set: the first sheet (a note, or a header only) is read, and
    the message says so, naming data.sheet and every sheet of the workbook."""
    path = _workbook(tmp_path / "s.xlsx", notes, title="Notes")
    book = openpyxl.load_workbook(path)
    responses = book.create_sheet("Responses")
    for row in (["id", "KP1"], ["R1", 4], ["R2", 5]):
        responses.append(row)
    book.save(path)
    with pytest.raises(UserError) as info:
        read_survey(path)
    message = str(info.value)
    assert "config key data.sheet" in message and "sheet 'Notes'" in message and str(path) in message
    assert "data.sheet is not set, so the first sheet was read" in message
    assert "the workbook's sheets are 1: 'Notes', 2: 'Responses'" in message
    with pytest.raises(UserError) as info:
        read_survey(path, sheet="Notes")
    assert "config key data.sheet" in str(info.value) and "is not set" not in str(info.value)
    assert read_survey(path, sheet="Responses").rows == [["R1", "4"], ["R2", "5"]]


def test_formula_without_saved_result_refused(tmp_path):
    path = _workbook(tmp_path / "f.xlsx", [["id", "KP1"], ["R1", "=2+2"]])
    with pytest.raises(UserError, match="formula cell.*B2 have no saved result"):
        read_survey(path)


def test_formula_read_as_its_saved_result(tmp_path):
    """A formula is read as the result Excel saved with it (here written into the sheet's XML, as Excel does)."""
    import zipfile

    path = _workbook(tmp_path / "f.xlsx", [["id", "KP1", "KP2"], ["R1", "=2+2", "=7/2"]])
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert sheet.count("<v />") == 2
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("<f>2+2</f><v />", "<f>2+2</f><v>4</v>") \
        .replace("<f>7/2</f><v />", "<f>7/2</f><v>3.5</v>").encode()
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(saved, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    assert read_survey(saved).rows == [["R1", "4", "3.5"]]


@pytest.mark.parametrize("kind, data, expected", [
    ("csv", {"sheet": "Data"}, ["data.sheet ('Data') is not used: the survey is a CSV text file"]),
    ("xlsx", {"sheet": 2, "encoding": "cp1252"}, ["data.encoding ('cp1252') is not used: the survey is an Excel"]),
    ("dta", {"decimal": ",", "delimiter": ";"}, ["data.delimiter (';') is not used", "data.decimal (',') is not used"]),
    ("csv", {"delimiter": ";", "decimal": ",", "encoding": "latin-1", "sheet": None}, []),
])
def test_settings_the_format_does_not_read_are_named(kind, data, expected):
    from plssem_pipeline.ingest.formats import settings_not_applied

    got = settings_not_applied(data, kind)
    assert len(got) == len(expected) and all(e in " ".join(got) for e in expected)


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10**6, 10**6))
def test_number_text_is_what_float_reads_back(x):
    """The text of a number parses (Python's float, and the pipeline's own parse_number) to the same double."""
    from plssem_pipeline.ingest.formats import number_text
    from plssem_pipeline.ingest.survey import parse_number

    text = number_text(x)
    assert float(text) == x and parse_number(text) == x
    assert ("." in text or "e" in text) != (float(x).is_integer() and abs(x) < 2**53)


def test_mislabelled_files(files, frame, tmp_path):
    disguised = tmp_path / "survey.csv"
    disguised.write_bytes(files["sav"].read_bytes())
    assert read_survey(disguised).rows == as_float_text(frame)      # the content decides
    fake = tmp_path / "survey.sav"
    fake.write_bytes(files["csv"].read_bytes())
    with pytest.raises(UserError, match=r"named \.sav but is not an SPSS data file.*extension \.csv"):
        read_survey(fake)
    old = tmp_path / "survey.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    with pytest.raises(UserError, match=r"Excel 97–2003 workbook \(\.xls\)"):
        read_survey(old)


def _digests(directory: Path) -> dict:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((directory / "results").rglob("*.csv"))}


TARGETS = ("results/describe/summary.json", "results/mediation/summary.json")


def _format_run(kind: str):
    """The real Snakemake on the test data as ``kind``: ``(directory, raw file bytes before, after)``."""
    def build(directory: Path):
        survey = f"data/raw/survey{EXTENSIONS[kind]}"
        config = study_config(survey, samples=40, chunks=1)
        config["published"] = None
        if kind == "xlsx":
            config["data"]["sheet"] = SHEET
        config["data"]["missing_codes"] = [-99, 9]
        make_project(directory, config=config)
        raw_file = write_survey(labelled_survey(), kind, directory / survey)
        before = raw_file.read_bytes()
        snakemake(directory, *TARGETS, "--cores", "2")
        return directory, before, raw_file.read_bytes()
    return build


def _bare_profile_run(kind: str):
    """The real Snakemake's respondent table from ``kind``, the config without labels or categories (the
    config and survey of :func:`_format_run` otherwise)."""
    def build(directory: Path):
        survey = f"data/raw/survey{EXTENSIONS[kind]}"
        config = study_config(survey, samples=40, chunks=1)
        config["published"] = None
        config["data"]["missing_codes"] = [-99, 9]
        config["respondents"] = {name: {} for name in config["respondents"]}
        config["data"]["delimiter"] = ";"   # a CSV-only setting: not used, and said so
        make_project(directory, config=config)
        write_survey(labelled_survey(), kind, directory / survey)
        snakemake(directory, "results/describe/respondents.csv", "--cores", "1")
        return directory, config
    return build


PROFILE_RUNS = (("csv", False), ("sav", True))
for _kind in FORMATS:       # made in the background with the suite's other shared runs
    # the CSV run is also the profile test's CSV with labels
    run_pool_helpers.register(f"formats_{_kind}", _format_run(_kind), "format_runs",
                              *(["profile_runs"] if _kind == "csv" else []))
run_pool_helpers.register("formats_profile_sav", _bare_profile_run("sav"), "profile_runs")


@pytest.fixture(scope="module")
def format_runs(tmp_path_factory) -> dict:
    return {kind: run_pool_helpers.result(f"formats_{kind}", tmp_path_factory) for kind in FORMATS}


@pytest.fixture(scope="module")
def profile_runs(tmp_path_factory) -> dict:
    """``{kind: (directory, config)}`` of :data:`PROFILE_RUNS`: the CSV with labels is the format test's CSV run."""
    directory = run_pool_helpers.result("formats_csv", tmp_path_factory)[0]
    return {"csv": (directory, yaml.safe_load((directory / "config.yaml").read_text(encoding="utf-8"))),
            "sav": run_pool_helpers.result("formats_profile_sav", tmp_path_factory)}


def test_same_results_from_every_format(format_runs):
    """The real Snakemake on the same data as CSV, xlsx, sav, zsav and dta: every results CSV byte-identical."""
    digests = {}
    for kind in FORMATS:
        directory, before, after = format_runs[kind]
        assert after == before                                      # the user's file is only read
        digests[kind] = _digests(directory)
    assert len(digests["csv"]) >= 15 and "results/clean/categories.csv" in digests["csv"]
    log = pd.read_csv(format_runs["csv"][0] / "results/clean/exclusions.csv", dtype=str, keep_default_na=False)
    edited = set(zip(log["row"].astype(int), log["column"], log["raw_value"]))
    assert {(row, column, "" if value is None else str(value)) for row, column, value in EDITS} <= edited
    for kind in FORMATS[1:]:
        assert digests[kind] == digests["csv"], kind


def test_profile_from_spss_value_labels_in_snakemake(profile_runs):
    """A .sav whose config leaves out labels and categories gives the respondent table the CSV gives with them."""
    tables = {}
    for kind, bare in PROFILE_RUNS:
        directory, config = profile_runs[kind]
        tables[kind] = (directory / "results/describe/respondents.csv").read_bytes()
        sources = pd.read_csv(directory / "results/clean/categories.csv")["source"].unique().tolist()
        assert sources == (["value labels in the survey file"] if bare else ["config"])
        summary = json.loads((directory / "results/clean/summary.json").read_text())
        assert summary["details"]["categories_from_value_labels"] == (list(config["respondents"]) if bare else [])
        unused = [w for w in summary["details"]["warnings"] if "is not used" in w]
        assert unused == (["config key data.delimiter (';') is not used: the survey is an SPSS data file, and "
                           "only CSV text files have one"] if bare else [])
    assert tables["sav"] == tables["csv"]
