"""Consistent PLS in the pipeline: the config key, the step outputs and the counts of inadmissible results.

``constructs.<C>.model: common_factor`` must reach the engine (the outer, inner and
bootstrap outputs are then the PLSc estimates, checked against the engine run on the
cleaned survey), be refused with Mode B naming the key, and leave the inadmissible
counts in ``results/outer/summary.json`` and ``results/bootstrap/summary.json`` equal
to the flags the engine raised (read back from the bootstrap chunks).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from snakemake.utils import validate

import plssem
from plssem_pipeline import io
from plssem_pipeline.analysis import consistent
from plssem_pipeline.study import ConfigError, check_semantics, load_schema, schema_problems, model_from_config

import run_pool_helpers
from pipeline_helpers import make_project, simulate_survey, snakemake, study_config

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "workflow" / "schemas" / "config.schema.yaml"


def _config(tmp_path: Path, **x_spec) -> dict:
    survey = tmp_path / "data" / "raw" / "survey.csv"
    survey.parent.mkdir(parents=True, exist_ok=True)
    survey.write_text("x\n1\n")
    config = {"data": {"survey": "data/raw/survey.csv"},
              "constructs": {"X": {"indicators": ["x1", "x2"], **x_spec}, "Y": {"indicators": ["y1", "y2"]}},
              "paths": ["X -> Y"]}
    validate(config, str(SCHEMA_PATH))
    return config


def test_schema_default_is_composite_and_bad_values_name_the_key(tmp_path):
    config = _config(tmp_path)
    assert config["constructs"]["X"]["model"] == "composite"
    bad = copy.deepcopy(config)
    bad["constructs"]["X"]["model"] = "factor"
    problems = schema_problems(bad, load_schema(SCHEMA_PATH))
    assert any("constructs.X.model" in p for p in problems), problems


def test_common_factor_in_mode_b_is_refused_naming_the_key(tmp_path):
    config = _config(tmp_path, mode="B", model="common_factor")
    with pytest.raises(ConfigError) as info:
        check_semantics(config, root=tmp_path)
    assert "config key constructs.X.model" in str(info.value) and "Mode B" in str(info.value)


def test_model_from_config_passes_the_key(tmp_path):
    model = model_from_config(_config(tmp_path, model="common_factor")["constructs"], ["X -> Y"])
    assert model.common_factors == (0,)


def _plsc(directory: Path) -> Path:
    config = study_config("data/raw/survey.csv", chunks=2)
    for spec in config["constructs"].values():
        spec["model"] = "common_factor"
    snakemake(make_project(directory, survey=simulate_survey(), config=config), "--cores", "2",
              "results/bootstrap/summary.json", "results/inner/summary.json", "results/outer/summary.json")
    return directory


run_pool_helpers.register("plsc", _plsc, "plsc_run")


@pytest.fixture(scope="module")
def plsc_run(tmp_path_factory) -> Path:
    return run_pool_helpers.result("plsc", tmp_path_factory)


def test_step_outputs_are_the_engines_plsc_estimates(plsc_run):
    config = study_config("data/raw/survey.csv")
    spec = {n: dict(c, model="common_factor") for n, c in config["constructs"].items()}
    model = model_from_config(spec, config["paths"])
    survey = pd.read_csv(plsc_run / "results" / "clean" / "survey.csv")
    ours = plssem.estimate(survey, model, missing="mean_replacement")
    paths = pd.read_csv(plsc_run / "results" / "inner" / "paths.csv")
    np.testing.assert_array_equal(paths["coefficient"].to_numpy(), ours.paths.to_numpy())
    loadings = pd.read_csv(plsc_run / "results" / "outer" / "loadings.csv")
    np.testing.assert_array_equal(loadings["loading"].to_numpy(), ours.outer_loadings.to_numpy())
    composite = plssem.estimate(survey, model_from_config(config["constructs"], config["paths"]),
                                missing="mean_replacement")
    assert np.abs(composite.paths.to_numpy() - ours.paths.to_numpy()).max() > 1e-3   # PLSc did change them
    boot = pd.read_csv(plsc_run / "results" / "bootstrap" / "paths.csv")
    np.testing.assert_array_equal(boot["original"].to_numpy(), ours.paths.to_numpy())


def test_summaries_count_the_engines_flags(plsc_run):
    outer = json.loads((plsc_run / "results" / "outer" / "summary.json").read_text())["details"]
    assert outer["plsc"]["common_factors"] == ["KP", "EC", "IP", "KU"]
    boot = json.loads((plsc_run / "results" / "bootstrap" / "summary.json").read_text())["details"]["plsc"]
    chunks = sorted((plsc_run / "results" / "bootstrap" / "chunks").glob("*.npz"))
    draws = plssem.merge([io.load_draws(path)[0] for path in chunks])
    assert set(draws.inadmissible) == {"reliability", "correlations", "not_positive_definite"}
    usable = draws.converged
    assert boot["not_positive_definite"] == int((draws.inadmissible["not_positive_definite"] & usable).sum())
    names = ["KP", "EC", "IP", "KU"]
    assert boot["rho_a_above_1"] == {n: int((draws.inadmissible["reliability"][:, j] & usable).sum())
                                     for j, n in enumerate(names)}


def test_inadmissible_estimate_is_reported(tmp_path):
    """A constructed case (two-indicator factors correlating 0.2 within, 0.5 across blocks): the
    corrected correlation exceeds 1; the details name the pair and a warning names the config keys."""
    corr = np.array([[1, .2, .5, .5], [.2, 1, .5, .5], [.5, .5, 1, .2], [.5, .5, .2, 1]])
    z = np.random.default_rng(3).standard_normal((150, 4))
    z -= z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False))).T @ np.linalg.cholesky(corr).T
    data = pd.DataFrame(z, columns=["x1", "x2", "y1", "y2"])
    model = model_from_config(_config(tmp_path, model="common_factor")["constructs"]
                              | {"Y": {"indicators": ["y1", "y2"], "model": "common_factor"}}, ["X -> Y"])
    result = plssem.estimate(data, model)
    details, warnings = consistent.estimation_details(result)
    assert details["correlations_above_1"] == [["X", "Y"]] and details["inadmissible"]
    assert len(warnings) == 1 and "X-Y" in warnings[0] and "constructs.<C>.model" in warnings[0]
    draws = plssem.bootstrap(result.data.standardized, model, seed=2, stop=50)
    counted, boot_warnings = consistent.bootstrap_details(draws, model)
    expected = int((draws.inadmissible["correlations"][:, 0] & draws.converged).sum())
    assert counted["correlations_above_1"] == {"X-Y": expected} and expected > 0
    assert "of 50 subsamples" in boot_warnings[0]


@pytest.mark.parametrize("language", ["en", "id"])
def test_methods_paragraph_names_common_factors_and_inadmissible_results(language):
    """The methods paragraph's PLSc sentences, in both languages, from an outer step's details.plsc."""
    from types import SimpleNamespace

    from plssem_pipeline.report.catalogue import Catalogue
    from plssem_pipeline.report.sections import methods

    t = Catalogue(language)
    inputs = SimpleNamespace(t=t, language=language, config={"constructs": {"X": {}, "Y": {}, "Z": {}}})
    plsc = {"common_factors": ["X", "Y"], "rho_a_above_1": ["Y"], "correlations_above_1": [["X", "Y"]],
            "not_positive_definite": True, "inadmissible": True}
    text = methods._consistent(inputs, plsc)
    assert t("m_plsc", constructs="X, Y") in text and t("m_plsc_composites", names="Z") in text
    for part in (t("plsc_rho", names="Y"), t("plsc_corr", pairs="X–Y"), t("plsc_npd")):
        assert part in text
    clean = dict(plsc, rho_a_above_1=[], correlations_above_1=[], not_positive_definite=False, inadmissible=False)
    assert t("m_plsc_admissible") in methods._consistent(inputs, clean)
    assert methods._consistent(inputs, None) == ""
