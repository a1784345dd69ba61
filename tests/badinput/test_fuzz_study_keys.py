"""Fuzzing the config keys and survey formats added after the first fuzz round (issue 11), bounded.

Keys: ``constructs.<C>.scale / reverse / redundancy / model / mode``, ``hypotheses``,
``bootstrap.tails / seed / ci / alpha``, ``data.sheet``, category codes and names that are the
pipeline's own columns; each drawn from valid and hostile values. A config the checks
accept is then read, cleaned, estimated and bootstrapped (5 subsamples, so that
the BCa interval meets originals outside all draws) and summarised, as the
workflow does; anything but a result or a :class:`UserError` is a bug.

Formats: the small study's survey written as an Excel workbook (openpyxl), an SPSS
``.sav`` or a Stata ``.dta`` file (pyreadstat) with junk cells, value labels and
declared missing values: read and cleaned, or refused with a UserError naming the
file; the file is never changed.

Bounded and deterministic as ``test_fuzz.py`` (fixed example counts, ``derandomize``).
"""
import copy
import datetime
import hashlib
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import plssem
from plssem_pipeline import study
from plssem_pipeline.analysis import numerics, tables
from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.cleaning import clean_survey
from plssem_pipeline.ingest.labels import profile_variables
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.ingest.survey import read_survey

from test_fuzz import BASE_CONFIG, JUNK, _check_cleaned, _sha256, project_with_good_survey
from badinput_corpus import checked_model

KEYS_FUZZ = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FORMATS_FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ODD = [None, "", "x", 0, -1, 1.5, float("nan"), 10**400, [], {}, True]
#: key -> (values the small study accepts, hostile values)
CONSTRUCT_KEYS = {
    "scale": ([None, {"min": 1, "max": 5}, {"min": 1, "max": 7}, {"min": 0, "max": 10}],
              [{"min": 5, "max": 1}, {"min": 1}, {"min": 3, "max": 3}, {"min": -1e308, "max": 1e308},
               {"min": 0, "max": 10**400}, {"min": "1", "max": "5"}, "1-5"]),
    "reverse": ([[], ["{0}1"], ["{0}2", "{0}1"]], [["zz"], ["{0}1", "{0}1"], "{0}1", [["{0}1"]], [None], ["a1", "b1"]]),
    "redundancy": ([None], ["a1", "b1", "g1", "id", "sector", "source_row", " a1", 5]),
    "model": (["composite", "common_factor"], ["factor", None, 1]),
    "mode": (["A", "B"], ["C", "a", None]),
}
BOOTSTRAP_KEYS = {
    "tails": ([2, 1], [0, 3, "1", None]),
    "seed": ([0, 1, 2**63, 2**64, 2**128 - 1], [2**128, -1, 2**200, 1.0, "7"]),
    "ci": (["percentile", "bca"], ["BCa", None]),
    "alpha": ([0.05, 0.1, 0.3, 1e-300], [0, 1, -0.1, "0.05", 0.5]),
}
HYPOTHESIS_PATHS = (["A -> B"], ["B -> A", "A -> A", "A -> B -> A", "Q -> B", "", "A->B", "a -> b", "A -> B -> B"])
SIGNS = (["positive", "negative", None], ["+", 1])
SHEETS = ([None], [1, 2, 0, -1, "Data", "", "x" * 300, 10**30, True])
CATEGORIES = ([{1: "Food", 2: "Fashion", "x": "Other"}],
              [{1: "Food", "01": "Food again"}, {"1.0": "a", 1: "b"}, {"M": "Male", "m ": "male"}, {}, {"": "blank"},
               {1: ""}, {10**400: "big"}])
NAMES = (["A", "Ж", "e\u0301", "Kinerja UMKM"], ["construct", "indicator", "NO", "NA", "source_row", "", "A -> B"])
ID_COLUMNS = (["id", None], ["source_row", "sector", "a1"])


@st.composite
def study_configs(draw):
    """The small study with some of the newer keys set; a third of the examples may draw hostile values."""
    hostile = draw(st.integers(0, 2)) == 0

    def pick(choices, extra=()):
        valid, bad = choices
        return copy.deepcopy(draw(st.sampled_from(valid + (bad + list(extra) if hostile else []))))

    config = copy.deepcopy(BASE_CONFIG)
    constructs = config["constructs"]
    for name, letter in (("A", "a"), ("B", "b")):
        for key, choices in CONSTRUCT_KEYS.items():
            if draw(st.booleans()):
                value = pick(choices, ODD)
                if key == "reverse" and isinstance(value, list):
                    value = [v.format(letter) if isinstance(v, str) else v for v in value]
                constructs[name][key] = value
    new = pick(NAMES)
    if new != "A":
        constructs[new] = constructs.pop("A")
        config["paths"] = [f"{new} -> B"]
    if draw(st.booleans()):
        config["hypotheses"] = {"H1": {"path": pick(HYPOTHESIS_PATHS).replace("A", new, 1), "sign": pick(SIGNS)}}
        if hostile and draw(st.booleans()):
            config["hypotheses"] = draw(st.sampled_from([[], {}, "H1", {"H1": None}, {"": {"path": "A -> B"}}]))
    for key, choices in BOOTSTRAP_KEYS.items():
        if draw(st.booleans()):
            config["bootstrap"][key] = pick(choices)
    if draw(st.booleans()):
        config["data"]["sheet"] = pick(SHEETS)
    if draw(st.booleans()):
        config["respondents"] = {"sector": {"label": "Sector", "categories": pick(CATEGORIES)}}
    if draw(st.booleans()):
        config["data"]["id_column"] = pick(ID_COLUMNS)
    return config


def _run_study(config: dict, root: Path):
    """Schema, defaults, semantics; then clean, estimate, bootstrap 5 subsamples and summarise (ci as configured)."""
    model = checked_model(config, root)
    data = config["data"]
    raw = read_survey(root / data["survey"], delimiter=data["delimiter"], encoding=data["encoding"],
                      sheet=data["sheet"])
    respondents, _ = profile_variables(config["respondents"], raw)
    spec = SurveySpec.from_config(data, respondents, config["constructs"], config["paths"])
    cleaned = clean_survey(raw, spec)
    result = numerics.estimate(cleaned.survey, model, config["algorithm"], source="results/clean/survey.csv")
    options = study.algorithm_options(config["algorithm"])
    boot = config["bootstrap"]
    draws = plssem.bootstrap(result.data.standardized, model, seed=boot["seed"], stop=5, **options)
    if int((~draws.failed).sum()) < 2:
        return cleaned, None
    jackknife = plssem.jackknife(result.data.standardized, model, **options) if boot["ci"] == "bca" else None
    return cleaned, tables.bootstrap_tables(result, draws, alpha=boot["alpha"], ci=boot["ci"], jackknife=jackknife)


@KEYS_FUZZ
@given(config=study_configs())
def test_fuzzed_study_keys_give_results_or_a_user_error(config):
    with project_with_good_survey() as root:
        try:
            cleaned, summaries = _run_study(copy.deepcopy(config), root)
        except UserError as error:
            message = str(error)
            assert message.strip() and "Traceback" not in message
            event("refused")
            return
        event("bootstrapped and summarised" if summaries else "cleaned and estimated")
        assert len(cleaned.survey) >= 3
        for family, frame in (summaries or {}).items():
            bounds = frame[["ci_low", "ci_high"]].to_numpy(dtype=float)
            usable = frame["n_valid"].to_numpy() > 0
            assert np.isfinite(bounds[usable]).all(), family    # BCa defined in every case


# ----------------------------------------------------------------------------- survey formats

CELLS = st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), st.sampled_from(JUNK[:20]),
                  st.sampled_from([None, -99, 0, 6, 2.5, datetime.date(2024, 1, 5), True, float("nan")]))


@st.composite
def binary_surveys(draw):
    """(format, rows): the small study's survey with junk cells, for a workbook, .sav or .dta file."""
    fmt = draw(st.sampled_from(["xlsx", "sav", "dta"]))
    rows = [["R%d" % i, 1 + i % 2, 1 + i % 5, 1 + (i * 2) % 5, 1 + (i * 3) % 5, 1 + (i + 1) % 5]
            for i in range(draw(st.integers(0, 14)))]
    for _ in range(draw(st.integers(0, 6))):
        if rows:
            row, column = draw(st.integers(0, len(rows) - 1)), draw(st.integers(1, 5))
            rows[row][column] = draw(CELLS)
    return fmt, rows, draw(st.booleans()), draw(st.sampled_from([None, 1, 2, "Data", "Sheet9"]))


def _write(path: Path, fmt: str, rows, labelled: bool):
    header = ["id", "sector", "a1", "a2", "b1", "b2"]
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        book.active.title = "Data"
        for row in [header, *rows]:
            book.active.append([None if isinstance(v, float) and v != v else v for v in row])
        book.save(path)
        return
    import pyreadstat

    frame = pd.DataFrame(rows, columns=header)
    for column in header[1:]:  # SPSS/Stata columns are numbers or text, not both
        numbers = pd.to_numeric(frame[column].map(lambda v: v if isinstance(v, (int, float)) and not
                                                  isinstance(v, bool) else None), errors="coerce")
        text = frame[column].map(lambda v: v is not None and not isinstance(v, (int, float)))
        frame[column] = frame[column].astype(str) if text.any() else numbers.astype("float64")
    labels = {"sector": {1.0: "Food", 2.0: "Fashion"}} if labelled and frame["sector"].dtype == float else {}
    if fmt == "sav":
        missing = {"a1": [-99.0]} if frame["a1"].dtype == float else {}
        pyreadstat.write_sav(frame, path, variable_value_labels=labels, missing_ranges=missing)
    else:
        pyreadstat.write_dta(frame, path, variable_value_labels=labels)


@FORMATS_FUZZ
@given(case=binary_surveys())
def test_fuzzed_workbooks_and_data_files_give_a_result_or_a_user_error(case):
    fmt, rows, labelled, sheet = case
    config = copy.deepcopy(BASE_CONFIG)
    data = {**config["data"], "delimiter": "auto", "encoding": "utf-8", "invalid_values": "missing",
            "decimal": "auto", "missing_treatment": "mean_replacement", "straight_lining": "flag",
            "max_missing_share": 0.15}
    respondents = {"sector": {"label": "Sector"}} if labelled else config["respondents"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"survey.{fmt}"
        try:
            _write(path, fmt, rows, labelled)
        except Exception:  # a value the writer itself cannot store is no input a user could hand us
            return
        before = _sha256(path)
        try:
            raw = read_survey(path, sheet=sheet if fmt == "xlsx" else None)
            variables, _ = profile_variables(respondents, raw)
            spec = SurveySpec.from_config(data, variables, config["constructs"], config["paths"])
            cleaned = clean_survey(raw, spec)
        except UserError as error:
            assert str(error).strip() and (str(path) in str(error) or "data." in str(error)
                                           or "respondents." in str(error)), str(error)
            event(f"{fmt}: refused")
        else:
            _check_cleaned(raw, spec, cleaned)
            event(f"{fmt}: cleaned")
        assert _sha256(path) == before
