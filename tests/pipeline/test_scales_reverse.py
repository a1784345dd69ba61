"""Per-construct scales (``constructs.<C>.scale``) and reverse-coded items (``constructs.<C>.reverse``).

The cleaning is checked against the survey file read independently with pandas and recoded
here with numpy by the formula x -> min + max - x; the config checks by the key each message names.
"""
import copy
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from snakemake.utils import validate

from plssem_pipeline.analysis.describe import INDICATOR_COLUMNS, indicator_descriptives
from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.cleaning import EXCLUSION_COLUMNS, clean_survey
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.ingest.survey import read_survey
from plssem_pipeline.report.catalogue import Catalogue
from plssem_pipeline.report.sections.methods import _coding
from plssem_pipeline.study import ConfigError, check_semantics, indicator_scales, load_schema, schema_problems

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "workflow" / "schemas" / "config.schema.yaml"

#: Seven-point items (S), a 0-150 euro single item (WTP), and items on data.scale 1-5 (B).
CONSTRUCTS = {"S": {"indicators": ["S1", "S2", "S3"], "scale": {"min": 1, "max": 7}, "reverse": ["S2"]},
              "WTP": {"indicators": ["WTP"], "scale": {"min": 0, "max": 150}, "reverse": ["WTP"]},
              "B": {"indicators": ["B1", "B2"], "reverse": ["B2"]}}
DATA = {"scale": {"min": 1, "max": 5}, "missing_codes": [-99]}
HEADER = "S1,S2,S3,WTP,B1,B2"
ROWS = ["1,7,2,0,1,5", "3,5,4,150,2,4", "7,1,6,37.5,5,1", "4,,3,12,3,-99", "2,6,1,80,4,2", "5,2,7,99.9,2,3",
        "6,3,5,140,4,2", "4,4,4,4,4,4"]


def write(tmp_path, rows, header=HEADER):
    path = tmp_path / "survey.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def clean(path, constructs=CONSTRUCTS, **data):
    spec = SurveySpec.from_config({**DATA, **data}, {}, constructs, ["S -> WTP", "B -> WTP"])
    return clean_survey(read_survey(path), spec)


def recoded_independently(path, constructs=CONSTRUCTS):
    """The survey read with pandas, -99 as missing, reversed items recoded x -> min + max - x with numpy."""
    frame = pd.read_csv(path, na_values=[-99]).astype(float)
    for spec in constructs.values():
        scale = spec.get("scale") or DATA["scale"]
        for item in spec.get("reverse", []):
            frame[item] = np.float64(scale["min"]) + np.float64(scale["max"]) - frame[item].to_numpy()
    return frame


def test_each_item_is_validated_on_its_own_scale(tmp_path):
    out = clean(write(tmp_path, ROWS))               # 7 on S, 150 and 37.5 on WTP are valid
    assert len(out.survey) == len(ROWS)
    bad = ["8,7,2,0,1,5", "3,5,4,151,2,4", "7,1,6,abc,5,1", "4,1,3,12,6,2", "2,6,0,80,4,2"] + ROWS[5:]
    with pytest.raises(UserError) as info:
        clean(write(tmp_path, bad))
    message = str(info.value)
    assert "row 2, column S1: '8' is off the scale 1–7 (constructs.S.scale)" in message
    assert "row 3, column WTP: '151' is off the scale 0–150 (constructs.WTP.scale)" in message
    assert "row 4, column WTP: 'abc' is not a number (expected a number from 0 to 150, constructs.WTP.scale)" \
        in message
    assert "row 5, column B1: '6' is off the scale 1–5 (data.scale)" in message
    assert "row 6, column S3: '0' is off the scale 1–7 (constructs.S.scale)" in message


def test_reversed_items_equal_the_formula_on_their_own_scale(tmp_path):
    path = write(tmp_path, ROWS)
    out = clean(path)
    expected = recoded_independently(path)
    for column in expected.columns:
        np.testing.assert_array_equal(out.validated[column].to_numpy(dtype=float), expected[column].to_numpy())
        filled = expected[column].fillna(expected[column].mean())       # mean replacement of the recoded values
        np.testing.assert_allclose(out.survey[column].to_numpy(dtype=float), filled.to_numpy(), rtol=0, atol=1e-12)
    # not reversed: as in the file
    np.testing.assert_array_equal(out.survey["S1"], pd.read_csv(path)["S1"])


def test_one_exclusions_row_per_reversed_item(tmp_path):
    path = write(tmp_path, ROWS)
    out = clean(path)
    log = out.exclusions
    assert list(log.columns) == EXCLUSION_COLUMNS
    reversed_rows = log[log["reason"].str.startswith("reverse-coded item")]
    assert reversed_rows["column"].tolist() == ["S2", "WTP", "B2"]      # model order, after the cell rows
    assert reversed_rows.index.tolist() == list(range(len(log) - 3, len(log)))
    assert reversed_rows["row"].isna().all() and (reversed_rows["id"] == "").all()
    assert (reversed_rows["raw_value"] == "").all()
    raw = pd.read_csv(path, na_values=[-99])
    for _, row in reversed_rows.iterrows():
        construct = {"S2": "S", "WTP": "WTP", "B2": "B"}[row["column"]]
        assert row["reason"] == f"reverse-coded item (constructs.{construct}.reverse)"
        assert row["action"].endswith(f"in {int(raw[row['column']].notna().sum())} cell(s)")
    assert "on the scale 1–7 (constructs.S.scale)" in reversed_rows.iloc[0]["action"]
    assert "0 + 150 - x on the scale 0–150 (constructs.WTP.scale)" in reversed_rows.iloc[1]["action"]
    assert "(data.scale)" in reversed_rows.iloc[2]["action"]
    # the missing cells of a reversed item are logged and replaced by the mean of the recoded values
    missing = log[(log["column"] == "B2") & log["row"].notna()]
    assert missing["row"].tolist() == [5] and missing["action"].item().startswith("replaced by the mean of B2")
    assert out.details["exclusion_reasons"]["reverse_coded"] == 3
    assert out.details["reverse_coded"] == ["S2", "WTP", "B2"]
    # written as a blank cell, the other rows as integers
    written = tmp_path / "exclusions.csv"
    log.to_csv(written, index=False)
    assert written.read_text().splitlines()[-1].startswith(",,B2,,reverse-coded item")


def test_straight_lining_is_judged_on_the_answers_as_given(tmp_path):
    out = clean(write(tmp_path, ROWS))
    flags = out.exclusions[out.exclusions["reason"].str.startswith("straight-lining")]
    assert flags["row"].tolist() == [9]                      # '4,4,4,4,4,4', though S2 and B2 are reversed


def test_scales_recorded_for_later_steps(tmp_path):
    out = clean(write(tmp_path, ROWS))
    scales = out.details["scales"]
    assert scales == indicator_scales(DATA, CONSTRUCTS)
    assert scales["WTP"] == {"construct": "WTP", "scale_min": 0, "scale_max": 150, "scale_key": "constructs.WTP.scale",
                             "reverse_coded": True}
    assert scales["B1"] == {"construct": "B", "scale_min": 1, "scale_max": 5, "scale_key": "data.scale",
                            "reverse_coded": False}
    table = indicator_descriptives(out.validated, {c: s["indicators"] for c, s in CONSTRUCTS.items()}, scales)
    assert list(table.columns) == INDICATOR_COLUMNS
    assert table[["scale_min", "scale_max"]].values.tolist() == [[1, 7]] * 3 + [[0, 150]] + [[1, 5]] * 2
    assert table["reverse_coded"].tolist() == [False, True, False, True, False, True]


def test_no_reverse_and_no_scale_change_nothing(tmp_path):
    plain = {name: {"indicators": spec["indicators"]} for name, spec in CONSTRUCTS.items()}
    path = write(tmp_path, ["1,5,2,3,1,5", "3,5,4,1,2,3", "5,1,4,2,5,1", "4,,3,1,3,-99", "2,4,1,5,4,2"])
    out = clean(path, plain)
    assert out.exclusions["row"].notna().all() and len(out.exclusions) == 2      # the two missing cells only
    np.testing.assert_array_equal(out.validated[pd.read_csv(path).columns].to_numpy(dtype=float),
                                  pd.read_csv(path, na_values=[-99]).to_numpy(dtype=float))
    assert out.details["reverse_coded"] == []


# ---------------------------------------------------------------- the config


@pytest.fixture
def config(tmp_path):
    survey = tmp_path / "data" / "raw" / "survey.csv"
    survey.parent.mkdir(parents=True)
    survey.write_text("x\n1\n")
    return {"data": {"survey": "data/raw/survey.csv", "missing_codes": [-99]},
            "constructs": copy.deepcopy(CONSTRUCTS), "paths": ["S -> WTP", "B -> WTP"]}


def problems(config, root):
    config = copy.deepcopy(config)
    found = schema_problems(config, load_schema(SCHEMA_PATH))
    if found:
        return found
    validate(config, str(SCHEMA_PATH))
    try:
        check_semantics(config, root=root)
    except ConfigError as error:
        return error.problems
    return []


def test_the_default_config_fills_scale_and_reverse(config, tmp_path):
    config["constructs"]["S"] = {"indicators": ["S1", "S2", "S3"]}
    assert problems(config, tmp_path) == []
    filled = copy.deepcopy(config)
    validate(filled, str(SCHEMA_PATH))
    assert filled["constructs"]["S"]["scale"] is None and filled["constructs"]["S"]["reverse"] == []


@pytest.mark.parametrize("change, message", [
    (lambda c: c["constructs"]["S"].update(reverse=["S2", "B1"]),
     "config key constructs.S.reverse[1]: 'B1' is not an indicator of construct 'S' (constructs.S.indicators: S1, S2, "
     "S3); it is an indicator of construct 'B' (list it under constructs.B.reverse)"),
    (lambda c: c["constructs"]["S"].update(reverse=["S9"]),
     "config key constructs.S.reverse[0]: 'S9' is not an indicator of construct 'S'"),
    (lambda c: c["constructs"]["S"].update(reverse=["S2", "S2"]),
     "config key constructs.S.reverse[1]: 'S2' is listed twice"),
    (lambda c: c["constructs"]["WTP"].update(scale={"min": 150, "max": 0}),
     "config key constructs.WTP.scale: min (150) must be below max (0)"),
    (lambda c: c["constructs"]["WTP"].update(scale={"min": 5, "max": 5}),
     "config key constructs.WTP.scale: min (5) must be below max (5)"),
    (lambda c: c["data"].update(scale={"min": 5, "max": 1}), "config key data.scale: min (5) must be below max (1)"),
    (lambda c: c["data"].update(missing_codes=[-99, 0]),
     "config key data.missing_codes[1]: 0 is a valid answer on the scale 0–150 (constructs.WTP.scale), so it cannot "
     "also mean 'missing'"),
    (lambda c: c["data"].update(missing_codes=[3]),
     "config key data.missing_codes[0]: 3 is a valid answer on the scale 1–5 (data.scale)"),
    (lambda c: c["constructs"]["WTP"].update(scale={"min": 0}),
     "config key constructs.WTP.scale.max: required but missing"),
    (lambda c: c["constructs"]["WTP"].update(scale={"min": 0, "max": "150"}),
     "config key constructs.WTP.scale.max: expected number, got '150'"),
    (lambda c: c["constructs"]["WTP"].update(reverse="WTP"),
     "config key constructs.WTP.reverse: expected array, got 'WTP'"),
])
def test_config_problems_name_the_key(config, tmp_path, change, message):
    change(config)
    found = problems(config, tmp_path)
    assert any(message in p for p in found), found


def test_data_scale_unused_when_every_construct_has_its_own(config, tmp_path):
    config["constructs"]["B"]["scale"] = {"min": 1, "max": 7}
    config["data"]["missing_codes"] = [-99]
    config["data"]["scale"] = {"min": -100, "max": 100}           # no indicator is on it: -99 is not an answer
    assert problems(config, tmp_path) == []
    config["data"]["missing_codes"] = [99]                        # 99 is a valid answer on WTP's 0-150 scale
    assert problems(config, tmp_path) == [
        "config key data.missing_codes[0]: 99 is a valid answer on the scale 0–150 (constructs.WTP.scale), so it "
        "cannot also mean 'missing'"]


# ---------------------------------------------------------------- the report


@pytest.mark.parametrize("language, scales_text, reverse_text", [
    ("en", "The constructs are measured on different response scales: S (1–7); WTP (0–150); B (1–5).",
     "before the missing-value treatment and estimation (one row each in the exclusions log): S2 (1–7), "
     "WTP (0–150), B2 (1–5)."),
    ("id", "Konstruk-konstruk diukur dengan skala jawaban yang berbeda: S (1–7); WTP (0–150); B (1–5).",
     "(masing-masing satu baris dalam log pengecualian): S2 (1–7), WTP (0–150), B2 (1–5)."),
])
def test_methods_state_the_scales_and_the_reversed_items(language, scales_text, reverse_text):
    inputs = SimpleNamespace(t=Catalogue(language), language=language)
    sentences = _coding(inputs, indicator_scales(DATA, CONSTRUCTS))
    assert sentences[0] == scales_text and sentences[1].endswith(reverse_text)
    same = {name: {"indicators": spec["indicators"]} for name, spec in CONSTRUCTS.items()}
    assert _coding(inputs, indicator_scales(DATA, same)) == []       # one scale, nothing reversed: nothing said
    half = {"S": {"indicators": ["S1"], "scale": {"min": 0.5, "max": 7.5}}}
    assert _coding(inputs, indicator_scales(DATA, half)) == []       # one construct on one scale
