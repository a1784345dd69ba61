"""Fuzzing the pipeline's entry points with malformed survey files and configs (hypothesis).

Whatever the input, the entry points return a result or raise
:class:`~plssem_pipeline.errors.UserError` with a message; any other exception
is a bug. The entry points are the ones the workflow calls: survey reading and
cleaning (``read_survey`` + ``SurveySpec.from_config`` + ``clean_survey``, as
``scripts/clean.py``) and the config checks (``schema_problems``, Snakemake's
``validate`` and ``check_semantics``, as ``workflow/Snakefile``).

Bounded and deterministic: a fixed number of examples, ``derandomize=True``
(examples derived from the test's source, not from a random seed), no example
database, no deadline (the first call imports pandas).
"""
import bz2
import contextlib
import copy
import csv
import gzip
import hashlib
import io
import lzma
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plssem_pipeline.ingest.cleaning import EXCLUSION_COLUMNS, clean_survey
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.labels import profile_variables
from plssem_pipeline.ingest.survey import read_survey

from badinput_corpus import checked_model

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NAMES = ["id", "sector", "a1", "a2", "b1", "b2"]
DATA = {"survey": "data/raw/survey.csv", "id_column": "id", "scale": {"min": 1, "max": 5},
        "missing_codes": [-99, "NA"]}
RESPONDENTS = {"sector": {"label": "Sector", "categories": {1: "Food", 2: "Fashion", "x": "Other"}}}
CONSTRUCTS = {"A": {"indicators": ["a1", "a2"]}, "B": {"label": "Outcome", "indicators": ["b1", "b2"]}}
PATHS = ["A -> B"]
GOOD_SURVEY = "id,sector,a1,a2,b1,b2\n" + "".join(
    f"R{i},{1 + i % 2},{1 + i % 5},{1 + (i * 2) % 5},{1 + (i * 3) % 5},{1 + (i + 1) % 5}\n" for i in range(12))

JUNK = ["", " ", "NA", "na", "-99", "-99,0", "3,5", "4 ", " 2", "N/A", "empat", "1e308", "-1e400", "nan", "NaN",
        "inf", "-inf", "0", "6", "99", "2.5", "1.", ".5", "+3", "--3", "3e0", "1_000", "９", "١", "\x00", '"', '""',
        "a,b", "a;b", "line\nbreak", "\r", "\ufeff", "é", "Ü", "x" * 300, "=1+1", "<script>", "\\input{x}", "-",
        "99999999999999999999999999", "-0", "0x10", "1/2", "½", "TRUE"]


@contextlib.contextmanager
def project_with_good_survey():
    """A temporary project folder holding data/raw/survey.csv = :data:`GOOD_SURVEY`."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data" / "raw").mkdir(parents=True)
        (root / "data" / "raw" / "survey.csv").write_text(GOOD_SURVEY, encoding="utf-8")
        yield root


VALID = st.sampled_from(["1", "2", "3", "4", "5"])
WILD = st.one_of(st.sampled_from(JUNK), st.integers(-10**25, 10**25).map(str),
                 st.floats(allow_nan=True, allow_infinity=True).map(repr), st.text(max_size=5))


@st.composite
def survey_cases(draw):
    """(file bytes, data settings): a CSV corrupted at a random level, and the config's ``data`` section.

    Level 0 files are well-formed with an occasional junk cell, so that many
    examples get through reading into cleaning; higher levels add junk cells,
    odd header names, ragged rows, empty lines, another delimiter, encoding or
    line end, and at the top level random bytes.
    """
    level = draw(st.integers(0, 3))
    if level == 3 and draw(st.integers(0, 4)) == 0:
        content, encoding = draw(st.binary(max_size=200)), "utf-8"
    else:
        header = list(NAMES)
        if level >= 2 and draw(st.booleans()):
            header = draw(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(["", "A1", "a1 ", "junk"]),
                                             st.text(max_size=4)), max_size=9))
        if draw(st.booleans()):
            header = draw(st.permutations(header))
        junk = [0, 20, 6, 3][level]                          # one junk cell in `junk` (none at level 0 .. often)
        rows = []
        for _ in range(draw(st.integers(4 if level < 2 else 0, 14))):
            width = len(header)
            if level >= 2 and draw(st.integers(0, 9)) == 0:
                width = max(width + draw(st.sampled_from([-2, -1, 1, 2])), 0)
            typical = {"id": st.just(f"R{len(rows)}"), "sector": st.sampled_from(["1", "2", "x", " X", "1.0"])}
            rows.append([draw(WILD) if junk and draw(st.integers(1, junk)) == 1
                         else draw(typical.get(header[j] if j < len(header) else "", VALID))
                         for j in range(width)])
            if level >= 1 and draw(st.integers(0, 14)) == 0:
                rows.append([])                              # an empty line
        delimiter = draw(st.sampled_from([",", ";", "\t", "|", " "])) if level >= 1 else ","
        newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        if draw(st.booleans()):
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=delimiter, lineterminator=newline,
                       quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))).writerows([header, *rows])
            text = buffer.getvalue()
        else:
            text = "".join(delimiter.join(r) + newline for r in [header, *rows])
        if level and draw(st.integers(0, 5)) == 0:          # Excel's delimiter line, right or wrong
            text = draw(st.sampled_from(["sep=", '"sep=', "SEP="])) + draw(st.sampled_from([",", ";", "\t", "|", "#"])) \
                + draw(st.sampled_from(['"', ""])) + newline + text
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-16-le",
                                         "utf-16-be"])) if level else "utf-8"   # utf-16-le/-be: no byte-order mark
        content = text.encode(encoding, errors="replace")
        if level == 3 and draw(st.integers(0, 5)) == 0:
            content = draw(st.sampled_from([gzip.compress, bz2.compress, lzma.compress]))(content)
    data = copy.deepcopy(DATA)
    data.update(
        delimiter=draw(st.sampled_from(["auto", ",", ";", "\t", "|"])) if level >= 2 else "auto",
        decimal=draw(st.sampled_from(["auto", ".", ","])),
        encoding=(draw(st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16", "no-such-codec"])) if level >= 2
                  else {"utf-8-sig": "utf-8"}.get(encoding, encoding)),
        id_column=draw(st.sampled_from(["id", None])),
        invalid_values=draw(st.sampled_from(["error", "missing", "missing"])),
        missing_treatment=draw(st.sampled_from(["mean_replacement", "casewise_deletion", "none"])),
        straight_lining=draw(st.sampled_from(["flag", "exclude"])),
        max_missing_share=draw(st.sampled_from([0.0, 0.15, 0.5, 1.0])),
    )
    return content, data


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_and_clean(path: Path, data: dict, respondents=RESPONDENTS, constructs=CONSTRUCTS, paths=PATHS):
    spec = SurveySpec.from_config(data, respondents, constructs, paths)
    raw = read_survey(path, delimiter=data.get("delimiter", "auto"), encoding=data.get("encoding", "utf-8"))
    return raw, spec, clean_survey(raw, spec)


def _check_cleaned(raw, spec, cleaned) -> None:
    """What a successful cleaning promises: complete, on-scale data; every dropped respondent logged."""
    survey, exclusions, details = cleaned.survey, cleaned.exclusions, cleaned.details
    assert list(exclusions.columns) == EXCLUSION_COLUMNS
    assert details["rows_read"] == details["respondents_kept"] + details["respondents_excluded"] == len(raw.rows)
    assert len(survey) == details["respondents_kept"] >= spec.min_respondents
    rows = sorted(r for r in [*raw.lines, *raw.blank_lines] if r >= raw.lines[0])   # spreadsheet rows: one per
    assert rows == list(range(raw.lines[0], raw.lines[0] + len(rows)))                # record, a line break in a cell or not
    for name in spec.indicators:
        values = survey[name].astype(float)
        assert values.notna().all() and values.between(spec.scale_min, spec.scale_max).all(), name
    kept = set(survey["source_row"])
    excluded = {int(r) for r, a in zip(exclusions["row"], exclusions["action"]) if "excluded" in a}
    assert {line for line in raw.lines if line not in kept} <= excluded


@FUZZ
@given(case=survey_cases())
def test_fuzzed_survey_files_give_a_result_or_a_user_error(case):
    content, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "survey.csv"
        path.write_bytes(content)
        before = _sha256(path)
        try:
            raw, spec, cleaned = _read_and_clean(path, data)
        except UserError as error:
            assert str(error).strip() and str(path) in str(error) or "data." in str(error)
        else:
            _check_cleaned(raw, spec, cleaned)
        assert _sha256(path) == before


# ----------------------------------------------------------------------------- configs

BASE_CONFIG = {
    "data": {**DATA, "delimiter": "auto"},
    "respondents": RESPONDENTS,
    "constructs": CONSTRUCTS,
    "paths": PATHS,
    "algorithm": {"weighting": "path", "max_iter": 300, "tol": 1e-7},
    "bootstrap": {"samples": 100, "seed": 1, "chunks": 2, "ci": "percentile", "alpha": 0.05},
    "mediation": {"significance": "p_value"},
    "report": {"title": "Fuzz", "formats": ["html"], "language": "en"},
    "published": None,
}
PATH_VALUES = ["../x.csv", "data/../../x.csv", "/nonexistent/survey.csv", "", "a\x00b", "x" * 5000, ".", "data",
               "data/raw/survey.csv", "~/survey.csv", "data/raw/survey.csv ", "C:\\survey.csv", "..\\x.csv"]
SPECIAL = ["A -> B", "B -> A", "A -> A", "A -> B -> A", "->", "A ->", "Q -> B", "a1", "", "auto", "path", "bca",
           "1e-7", "5000", "-1", "null", "true", "<script>", "$(touch x)", "KP", "A", "B", "x" * 200]
LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.sampled_from([0, -1, 1, 2, 10**400, -(10**1500)]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8), st.sampled_from(SPECIAL + PATH_VALUES))
VALUE = st.recursive(LEAF, lambda children: st.one_of(
    st.lists(children, max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=6), st.integers(-3, 3), st.sampled_from(["indicators", "label",
                                                                                            "mode", "categories"])),
                    children, max_size=3)), max_leaves=6)


def _locations(node, key=()):
    """Every (key path, value) in a config, containers included."""
    yield key, node
    if isinstance(node, dict):
        for name, sub in node.items():
            yield from _locations(sub, (*key, name))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _locations(sub, (*key, i))


def _parent(config, key):
    node = config
    for part in key[:-1]:
        node = node[part]
    return node


@st.composite
def configs(draw):
    """The valid small study with one to four mutations: a key deleted, added, retyped, or a path made bad."""
    config = copy.deepcopy(BASE_CONFIG)
    for _ in range(draw(st.integers(1, 4))):
        places = [key for key, _ in _locations(config) if key]
        kind = draw(st.sampled_from(["delete", "replace", "replace", "add", "path", "leaf"]))
        if kind == "path":
            if draw(st.booleans()):
                config["published"] = draw(st.sampled_from(PATH_VALUES))
            elif isinstance(config.get("data"), dict):
                config["data"]["survey"] = draw(st.sampled_from(PATH_VALUES))
            continue
        if not places:
            break
        key = draw(st.sampled_from(places))
        parent = _parent(config, key)
        if kind == "delete":
            del parent[key[-1]]
        elif kind == "add":
            containers = [k for k, v in _locations(config) if isinstance(v, dict)]
            holder = _parent(config, (*draw(st.sampled_from(containers)), None))
            holder[draw(st.one_of(st.text(max_size=8), st.sampled_from(["bootstap", "mode", "extra"])))] = draw(VALUE)
        elif kind == "leaf":
            parent[key[-1]] = draw(LEAF)
        else:
            parent[key[-1]] = draw(VALUE)
    return config


def _check_config(config: dict, root: Path):
    """The workflow's sequence (workflow/Snakefile): schema problems, defaults, semantics; then cleaning."""
    model = checked_model(config, root)
    data = config["data"]
    raw = read_survey(root / data["survey"], delimiter=data["delimiter"], encoding=data["encoding"])
    respondents, _ = profile_variables(config["respondents"], raw)   # as the clean step: categories or labels
    spec = SurveySpec.from_config(data, respondents, config["constructs"], config["paths"])
    return model, clean_survey(raw, spec)


@FUZZ
@given(config=configs())
def test_fuzzed_configs_give_a_model_or_a_user_error(config):
    with project_with_good_survey() as root:
        try:
            model, cleaned = _check_config(copy.deepcopy(config), root)
        except UserError as error:
            message = str(error)
            assert message.strip() and ("config" in message or "survey.csv" in message), message
            assert "Traceback" not in message
        else:
            assert model.construct_names and len(cleaned.survey) >= 3


def test_the_unmutated_fuzz_study_is_valid(tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "survey.csv").write_text(GOOD_SURVEY, encoding="utf-8")
    model, cleaned = _check_config(copy.deepcopy(BASE_CONFIG), tmp_path)
    assert model.construct_names == ("A", "B") and len(cleaned.survey) == 12
    assert not any(isinstance(v, float) and math.isnan(v) for _, v in _locations(BASE_CONFIG))
