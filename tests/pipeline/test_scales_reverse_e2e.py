"""A real Snakemake run of a study with a construct on its own scale and reverse-coded items.

The study is the default model on the simulated survey, with EC asked on a 7-point scale
(``constructs.EC.scale: {min: 1, max: 7}``) and its item EC3 stored reverse-coded
(``constructs.EC.reverse: [EC3]``), KP2 stored reverse-coded on ``data.scale``, and a
0-150 euro willingness-to-pay single item (``constructs.WTP.scale: {min: 0, max: 150}``,
KU -> WTP). The test recodes the raw file itself with numpy by the formula
x -> min + max - x and checks the pipeline's estimates against ``plssem.estimate`` on that
data (to 1e-12).
"""
import json

import numpy as np
import pandas as pd
import pytest
import yaml

import plssem
from plssem_pipeline.study import algorithm_options, model_from_config

import run_pool_helpers
from pipeline_helpers import assert_measurement_and_paths_equal, make_project, simulate_survey, snakemake, study_config

SEVEN_POINT = {1: 1, 2: 2, 3: 4, 4: 6, 5: 7}     # the five answers spread over a 7-point scale
REVERSED = {"EC3": (1, 7), "KP2": (1, 5)}       # item -> (min, max) of its scale


def _survey() -> pd.DataFrame:
    frame = simulate_survey(n=140, seed=7)
    for i in range(1, 8):
        frame[f"EC{i}"] = frame[f"EC{i}"].map(SEVEN_POINT)
    ku = frame[[f"KU{i}" for i in range(1, 7)]].mean(axis=1)
    noise = np.random.default_rng(8).standard_normal(len(frame))
    frame["WTP"] = np.clip(np.round(75 + 30 * (ku - ku.mean()) / ku.std() + 20 * noise, 1), 0, 150)
    for item, (lo, hi) in REVERSED.items():     # stored as a negatively worded item would be answered
        frame[item] = lo + hi - frame[item]
    return frame


def _config() -> dict:
    config = study_config("data/raw/survey.csv", chunks=2)
    config["published"] = None
    config["constructs"]["EC"].update(scale={"min": 1, "max": 7}, reverse=["EC3"])
    config["constructs"]["KP"]["reverse"] = ["KP2"]
    config["constructs"]["WTP"] = {"label": "Willingness to pay (EUR)", "indicators": ["WTP"],
                                   "scale": {"min": 0, "max": 150}}
    config["paths"] = list(config["paths"]) + ["KU -> WTP"]
    return config


def _build(directory):
    # the HTML report and the results before it: what the tests read (no .tex, workbook or manifest)
    snakemake(make_project(directory, survey=_survey(), config=_config()), "report/results.html", "--cores", "2")
    return directory


run_pool_helpers.register("scales_reverse", _build, "test_scales_reverse_e2e.py::run")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return run_pool_helpers.result("scales_reverse", tmp_path_factory)


def _recoded(run) -> pd.DataFrame:
    """The raw survey file read with pandas and recoded here, independently of the pipeline."""
    raw = pd.read_csv(run / "data/raw/survey.csv")
    for item, (lo, hi) in REVERSED.items():
        raw[item] = np.float64(lo) + np.float64(hi) - raw[item].to_numpy(dtype=float)
    return raw


def test_cleaned_data_is_the_raw_file_recoded_by_the_formula(run):
    raw = pd.read_csv(run / "data/raw/survey.csv")
    recoded = _recoded(run)
    survey = pd.read_csv(run / "results/clean/survey.csv")
    indicators = [item for construct in _config()["constructs"].values() for item in construct["indicators"]]
    assert len(indicators) == 29
    for column in indicators:
        np.testing.assert_array_equal(survey[column].to_numpy(dtype=float), recoded[column].to_numpy(dtype=float))
    assert (survey["EC3"] != raw["EC3"]).any() and (survey["EC1"] == raw["EC1"]).all()


def test_estimates_equal_the_engine_on_independently_recoded_data(run):
    config = yaml.safe_load((run / "config.yaml").read_text())
    model = model_from_config(config["constructs"], config["paths"])
    result = plssem.estimate(_recoded(run), model, **algorithm_options(config["algorithm"]),
                             missing=config["data"]["missing_treatment"])
    assert_measurement_and_paths_equal(run, result)
    # recoding made the reversed items load positively on their constructs, as their siblings do
    loadings = pd.read_csv(run / "results/outer/loadings.csv").set_index("indicator")["loading"]
    assert loadings["EC3"] > 0.5 and loadings["KP2"] > 0.5


def test_exclusions_log_and_records_of_the_scales(run):
    log = pd.read_csv(run / "results/clean/exclusions.csv", keep_default_na=False)
    raw = pd.read_csv(run / "data/raw/survey.csv")
    rows = log[log["reason"].str.startswith("reverse-coded item")]
    assert rows["column"].tolist() == ["KP2", "EC3"]
    assert (rows["row"] == "").all() and (rows["raw_value"] == "").all()
    assert rows["reason"].tolist() == ["reverse-coded item (constructs.KP.reverse)",
                                       "reverse-coded item (constructs.EC.reverse)"]
    assert rows["action"].tolist() == [
        f"recoded x -> 1 + 5 - x on the scale 1–5 (data.scale) in {raw['KP2'].notna().sum()} cell(s)",
        f"recoded x -> 1 + 7 - x on the scale 1–7 (constructs.EC.scale) in {raw['EC3'].notna().sum()} cell(s)"]
    indicators = pd.read_csv(run / "results/describe/indicators.csv").set_index("indicator")
    assert indicators.loc["WTP", ["scale_min", "scale_max"]].tolist() == [0, 150]
    assert (indicators.loc[[f"EC{i}" for i in range(1, 8)], "scale_max"] == 7).all()
    assert (indicators.loc[[f"KU{i}" for i in range(1, 7)], ["scale_min", "scale_max"]] == [1, 5]).all().all()
    assert indicators.index[indicators["reverse_coded"]].tolist() == ["KP2", "EC3"]
    details = json.loads((run / "results/clean/summary.json").read_text())["details"]
    assert details["scales"]["WTP"]["scale_key"] == "constructs.WTP.scale"
    assert details["reverse_coded"] == ["KP2", "EC3"]


def test_report_states_the_scales_and_the_reversed_items(run):
    html = (run / "report/results.html").read_text(encoding="utf-8")
    assert "The constructs are measured on different response scales: KP, IP, KU (1–5); EC (1–7); WTP (0–150)." \
        in html
    assert "(one row each in the exclusions log): KP2 (1–5), EC3 (1–7)." in html
