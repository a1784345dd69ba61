"""Predictive power and model fit through the real Snakemake DAG (issue 14): rules predict_chunk, predict,
alternative and fit, and the config keys predict, fit and alternatives.

The engine's statistics are tested against seminr/seminrExtras in tests/engine/; here the plumbing: the
results files have the contract's layout and hold what the engine gives when called directly on the run's
cleaned survey (``results/clean/survey.csv``), PLSpredict split into 1 or 3 jobs gives byte-identical
files, a model PLSpredict cannot take gets header-only tables, and bad settings are named by their key.

Runs: the shared ``default_run`` (PLSpredict in 1 job) and ``chunked_run`` (3 jobs); the moderation study's
run; and ``predict_run`` below, leave-one-out with two alternative models, built to the predict and fit
targets only (no bootstrap, no report).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import moderation_study
import run_pool_helpers
from pipeline_helpers import TEST_SAMPLES, make_project, minimal_config, filled_config, simulate_survey, snakemake, \
    study_config

from plssem_pipeline import io, study
from plssem_pipeline.errors import UserError
from plssem_pipeline.study import ConfigError, check_semantics, load_schema, schema_problems

PREDICT_FILES = ["items.csv", "constructs.csv", "cvpat.csv", "errors.csv"]
ITEMS = ["construct", "indicator", "q2_predict", "pls_rmse", "pls_mae", "lm_rmse", "lm_mae", "ia_rmse", "ia_mae",
         "error_skewness", "lower_than_lm"]
CONSTRUCTS = ["construct", "q2_predict", "rmse", "mae", "indicators", "q2_positive", "lower_than_lm", "metric",
              "verdict"]
CVPAT = ["benchmark", "construct", "pls_loss", "benchmark_loss", "average_loss_difference", "t", "p", "boot_t",
         "boot_p", "decision"]
FIT = ["statistic", "saturated", "estimated", "saturated_hi95", "saturated_hi99", "estimated_hi95", "estimated_hi99"]
CRITERIA = ["model", "construct", "r2", "predictors", "antecedents", "n", "AIC", "AICc", "BIC", "HQ"]
COMPARISON = ["construct", "model", "antecedents", "predictors_differ", "BIC", "bic_weight", "AIC", "aic_weight"]
#: Competing models of the simulated study (KP -> IP, EC -> IP, KP -> KU, EC -> KU, IP -> KU).
ALTERNATIVES = {"NoDirect": {"paths": ["KP -> IP", "EC -> IP", "IP -> KU"]},
                "NoMediator": {"paths": ["KP -> IP", "EC -> IP", "KP -> KU", "EC -> KU"]}}
FIT_SAMPLES, CVPAT_SAMPLES = 100, 300


def _build_predict_run(directory: Path) -> Path:
    config = study_config("data/raw/survey.csv", samples=TEST_SAMPLES, chunks=1,
                          predict={"folds": "loo", "chunks": 2, "cvpat": {"samples": CVPAT_SAMPLES}},
                          fit={"samples": FIT_SAMPLES}, alternatives=ALTERNATIVES)
    make_project(directory, survey=simulate_survey(), config=config)
    snakemake(directory, "results/predict/summary.json", "results/fit/summary.json", "--cores", "2")
    return directory


run_pool_helpers.register("predict_run", _build_predict_run, "test_predict_fit.py::predict_run",
                          "test_predictive_report.py::predict_run")


@pytest.fixture(scope="module")
def predict_run(tmp_path_factory) -> Path:
    """Leave-one-out PLSpredict and two alternative models; only the predict and fit targets."""
    return run_pool_helpers.result("predict_run", tmp_path_factory)


@pytest.fixture(scope="module")
def moderation_run(tmp_path_factory) -> Path:
    return moderation_study.moderation_study_run(tmp_path_factory)


def _csv(run: Path, name: str) -> pd.DataFrame:
    return io.read_csv(run / "results" / name)


def _summary(run: Path, step: str) -> dict:
    return json.loads((run / "results" / step / "summary.json").read_text(encoding="utf-8"))


def _engine(run: Path):
    """``(config, model, survey, result)``: the run's study estimated by the engine on its cleaned survey."""
    import plssem
    import yaml

    config = filled_config(yaml.safe_load((run / "config.yaml").read_text(encoding="utf-8")))
    model = study.model_from_spec(study.model_spec(config))
    survey = _csv(run, "clean/survey.csv")
    return config, model, survey, plssem.estimate(survey, model)


def _predictions(run: Path, folds=None, repetitions=None):
    """The engine's PLSpredict draws, metrics and CVPAT on the run's cleaned survey, called directly."""
    from plssem.cvpat import construct_losses, cvpat
    from plssem.predict import plspredict
    from plssem.predict_metrics import prediction_metrics

    config, model, survey, _ = _engine(run)
    settings = config["predict"]
    data = survey[list(model.observed_indicators)].to_numpy(dtype=float)
    folds = folds or settings["folds"]
    draws = plspredict(data, model, folds=folds, repetitions=repetitions or settings["repetitions"],
                       seed=config["bootstrap"]["seed"], approach=settings["approach"])
    metrics = prediction_metrics(draws, model)
    k = draws.constructs.size
    pls = construct_losses(metrics["pls_errors"], draws.item_construct, k)
    tests = {name: cvpat(pls, construct_losses(metrics[errors], draws.item_construct, k),
                         samples=settings["cvpat"]["samples"], seed=config["bootstrap"]["seed"],
                         test=settings["cvpat"]["test"])
             for name, errors in (("IA", "ia_errors"), ("LM", "lm_errors"))}
    return model, draws, metrics, tests


# --------------------------------------------------------------------------- layouts


def test_layouts_of_the_default_run(default_run):
    run = default_run
    items, constructs, cvpat = (_csv(run, f"predict/{name}") for name in PREDICT_FILES[:3])
    assert items.columns.tolist() == ITEMS and constructs.columns.tolist() == CONSTRUCTS
    assert cvpat.columns.tolist() == CVPAT
    endogenous = {"IP": [f"IP{i}" for i in range(1, 10)], "KU": [f"KU{i}" for i in range(1, 7)]}
    assert items["indicator"].tolist() == endogenous["IP"] + endogenous["KU"]
    assert items["construct"].tolist() == ["IP"] * 9 + ["KU"] * 6
    assert constructs["construct"].tolist() == ["IP", "KU"] and set(constructs["metric"]) == {"rmse"}
    assert set(constructs["verdict"]) <= {"none", "low", "medium", "high"}
    assert cvpat[["benchmark", "construct"]].values.tolist() == [[b, c] for b in ("IA", "LM")
                                                                 for c in ("IP", "KU", "Overall")]
    assert set(cvpat["decision"]) <= {"PLS-SEM better", "benchmark better", "no difference"}
    errors = _csv(run, "predict/errors.csv")
    assert errors.columns.tolist() == items["indicator"].tolist()
    assert len(errors) == len(_csv(run, "clean/survey.csv"))
    fit = _csv(run, "fit/fit.csv")
    assert fit.columns.tolist() == FIT and fit["statistic"].tolist() == ["SRMR", "d_ULS", "d_G", "Chi-square", "NFI"]
    assert fit.loc[fit["statistic"].isin(["Chi-square", "NFI"]), FIT[3:]].isna().all().all()
    assert fit.loc[fit["statistic"].isin(["SRMR", "d_ULS", "d_G"]), FIT[1:]].notna().all().all()
    criteria = _csv(run, "fit/criteria.csv")
    assert criteria.columns.tolist() == CRITERIA
    assert criteria[["model", "construct"]].values.tolist() == [["Model", "IP"], ["Model", "KU"]]
    comparison = _csv(run, "fit/model_comparison.csv")
    assert comparison.columns.tolist() == COMPARISON and comparison.empty   # no alternatives
    assert not (run / "results" / "alternatives").exists()
    summary = _summary(run, "predict")
    assert summary["details"]["applicable"] is True and summary["details"]["reason"] is None
    assert summary["details"]["repetitions"] == 10 and summary["details"]["folds"] == 10
    assert summary["config"]["predict"]["seed"] == summary["seed"] == 20260130   # predict.seed null: bootstrap's
    fit_summary = _summary(run, "fit")
    assert fit_summary["details"]["exact_fit_test"] is True and fit_summary["details"]["samples"] == TEST_SAMPLES


def test_new_files_are_in_the_manifest_and_the_chain(default_run):
    manifest = json.loads((default_run / "results" / "provenance.json").read_text(encoding="utf-8"))
    outputs = manifest["files"]["outputs"]
    assert {f"results/predict/{name}" for name in PREDICT_FILES + ["summary.json"]} <= set(outputs)
    assert {f"results/fit/{name}" for name in ("fit.csv", "criteria.csv", "model_comparison.csv")} <= set(outputs)
    from plssem_pipeline.audit.chain import producer_of

    assert producer_of(default_run / "results/predict/items.csv", default_run).step == "predict"
    assert producer_of(default_run / "results/fit/fit.csv", default_run).step == "fit"


# --------------------------------------------------------------------------- the engine, called directly


def test_items_constructs_errors_and_cvpat_equal_the_engine(default_run):
    from plssem.predict_metrics import verdict

    model, draws, metrics, tests = _predictions(default_run)
    items = _csv(default_run, "predict/items.csv")
    # rtol 1e-12: the test process's BLAS may use other threads than the job's one (summation order)
    for column in ITEMS[2:-1]:
        np.testing.assert_allclose(items[column], metrics[column], rtol=1e-12, atol=0, err_msg=column)
    assert items["lower_than_lm"].tolist() == (metrics["pls_rmse"] < metrics["lm_rmse"]).tolist()
    constructs = _csv(default_run, "predict/constructs.csv")
    for column, key in (("q2_predict", "construct_q2_predict"), ("rmse", "construct_rmse"), ("mae", "construct_mae")):
        np.testing.assert_allclose(constructs[column], metrics[key], rtol=1e-12, atol=0, err_msg=column)
    for c, row in constructs.iterrows():
        own = draws.item_construct == c
        judged = verdict(metrics["pls_rmse"][own], metrics["lm_rmse"][own], metrics["q2_predict"][own])
        assert (row["verdict"], row["indicators"], row["lower_than_lm"], row["q2_positive"]) == \
            (judged["verdict"], judged["indicators"], judged["lower_than_lm"], judged["q2_positive"])
    np.testing.assert_allclose(_csv(default_run, "predict/errors.csv").to_numpy(), metrics["pls_errors"],
                               rtol=1e-12, atol=1e-14)
    cvpat = _csv(default_run, "predict/cvpat.csv")
    for benchmark, test in tests.items():
        rows = cvpat[cvpat["benchmark"] == benchmark]
        for column in CVPAT[2:-1]:
            np.testing.assert_allclose(rows[column], test[column], rtol=1e-9, atol=1e-300, err_msg=column)
        significant = test["p"] < 0.05
        expected = np.where(significant & (test["t"] > 0), "PLS-SEM better",
                            np.where(significant, "benchmark better", "no difference"))
        assert rows["decision"].tolist() == expected.tolist()


def test_predict_jobs_do_not_change_a_byte(default_run, chunked_run):
    assert len(list((default_run / "results/predict/chunks").glob("*.npz"))) == 1
    assert len(list((chunked_run / "results/predict/chunks").glob("*.npz"))) == 3
    for name in PREDICT_FILES + ["../fit/fit.csv", "../fit/criteria.csv"]:
        assert (default_run / "results/predict" / name).read_bytes() == \
            (chunked_run / "results/predict" / name).read_bytes(), name


# --------------------------------------------------------------------------- leave-one-out, alternatives


def test_leave_one_out_is_one_repetition_in_one_job(predict_run):
    assert [p.name for p in (predict_run / "results/predict/chunks").glob("*.npz")] == ["repetitions_0-1.npz"]
    summary = _summary(predict_run, "predict")["details"]
    n = len(_csv(predict_run, "clean/survey.csv"))
    assert (summary["folds"], summary["repetitions"], summary["n"]) == (n, 1, n)
    assert "leave-one-out" in summary["note"]
    _, _, metrics, tests = _predictions(predict_run, folds=n, repetitions=1)
    items = _csv(predict_run, "predict/items.csv")
    for column in ITEMS[2:-1]:
        np.testing.assert_allclose(items[column], metrics[column], rtol=1e-12, atol=0, err_msg=column)
    cvpat = _csv(predict_run, "predict/cvpat.csv")
    np.testing.assert_allclose(cvpat.loc[cvpat["benchmark"] == "LM", "boot_t"], tests["LM"]["boot_t"], rtol=1e-9)


def test_alternative_models_and_their_comparison(predict_run):
    import plssem
    from plssem.criteria import akaike_weights

    config, _, survey, result = _engine(predict_run)
    criteria = _csv(predict_run, "fit/criteria.csv")
    assert criteria.columns.tolist() == CRITERIA
    assert list(dict.fromkeys(criteria["model"])) == ["Model", *ALTERNATIVES]
    for name, spec in ALTERNATIVES.items():
        own = _csv(predict_run, f"alternatives/{name}/criteria.csv")
        assert own.columns.tolist() == CRITERIA and set(own["model"]) == {name}
        pd.testing.assert_frame_equal(own, criteria[criteria["model"] == name].reset_index(drop=True))
        model = study.model_from_spec(study.alternative_spec(config, name))
        alternative = plssem.estimate(survey, model)
        r2 = alternative.r2["r2"].reindex(own["construct"])
        np.testing.assert_allclose(own["r2"], r2, rtol=1e-12)
        targets = [path.split("->")[1].strip() for path in spec["paths"]]
        assert own["predictors"].tolist() == [targets.count(c) for c in own["construct"]]
        sources = {c: {p.split("->")[0].strip() for p in spec["paths"] if p.split("->")[1].strip() == c}
                   for c in own["construct"]}
        assert [set(a.split(" + ")) for a in own["antecedents"]] == [sources[c] for c in own["construct"]]
        assert set(own["n"]) == {len(survey)}
        # AIC = n log(SSE/n) + 2(p + 1), SSE = (1 - R²)(n - 1) (Sharma et al. 2019), from the run's own R²
        n = len(survey)
        np.testing.assert_allclose(own["AIC"], n * np.log((1 - own["r2"]) * (n - 1) / n) + 2 * (own["predictors"] + 1),
                                   rtol=1e-12)
        assert json.loads((predict_run / f"results/alternatives/{name}/summary.json").read_text())["step"] \
            == "alternative"
    np.testing.assert_allclose(criteria.loc[criteria["model"] == "Model", "r2"], result.r2["r2"], rtol=1e-12)
    comparison = _csv(predict_run, "fit/model_comparison.csv")
    assert comparison.columns.tolist() == COMPARISON
    assert comparison[["construct", "model"]].values.tolist() == [[c, m] for c in ("IP", "KU")
                                                                  for m in ("Model", *ALTERNATIVES)]
    for construct, rows in comparison.groupby("construct", sort=False):
        expected = criteria[criteria["construct"] == construct].set_index("model").loc[rows["model"]]
        np.testing.assert_array_equal(rows["BIC"], expected["BIC"])
        np.testing.assert_allclose(rows["bic_weight"], akaike_weights(expected["BIC"].to_numpy()), rtol=1e-15)
        np.testing.assert_allclose(rows["aic_weight"], akaike_weights(expected["AIC"].to_numpy()), rtol=1e-15)
        assert rows["bic_weight"].sum() == pytest.approx(1, abs=1e-12)
        assert rows["antecedents"].tolist() == expected["antecedents"].tolist()
        assert set(rows["predictors_differ"]) == {expected["antecedents"].nunique() > 1}
    # IP has KP and EC as antecedents in all three models; KU's differ
    assert comparison.groupby("construct", sort=False)["predictors_differ"].first().to_dict() == {"IP": False,
                                                                                                   "KU": True}
    from plssem_pipeline.audit.chain import producer_of

    assert producer_of(predict_run / "results/alternatives/NoDirect/criteria.csv", predict_run).step == "alternative"
    assert _summary(predict_run, "fit")["details"]["samples"] == FIT_SAMPLES


# --------------------------------------------------------------------------- a model PLSpredict cannot take


def test_moderation_study_gets_header_only_predict_tables(moderation_run):
    for name, columns in zip(PREDICT_FILES[:3], (ITEMS, CONSTRUCTS, CVPAT)):
        frame = _csv(moderation_run, f"predict/{name}")
        assert frame.columns.tolist() == columns and frame.empty, name
    errors = _csv(moderation_run, "predict/errors.csv")
    assert errors.empty and errors.columns.tolist() == moderation_study.BLOCKS["M"] + moderation_study.BLOCKS["Y"]
    details = _summary(moderation_run, "predict")["details"]
    assert details["applicable"] is False and "no published solution for PLSpredict" in details["reason"]
    fit = _csv(moderation_run, "fit/fit.csv")
    assert fit.columns.tolist() == FIT and fit[FIT[3:]].isna().all().all() and fit[FIT[1:3]].notna().all().all()
    fit_details = _summary(moderation_run, "fit")["details"]
    assert fit_details["exact_fit_test"] is False and "no published solution" in fit_details["note"]


# --------------------------------------------------------------------------- bad settings


@pytest.fixture
def config(tmp_path):
    return minimal_config(tmp_path)


@pytest.mark.parametrize("change, message", [
    (lambda c: c.update(predict={"repetitions": 2, "chunks": 3}),
     "config key predict.chunks: 3 chunks for 2 repetitions (predict.repetitions)"),
    (lambda c: c.update(fit={"samples": 2_000_000}), "config key fit.samples: 2000000 resamples; at most 1,000,000"),
    (lambda c: c.update(alternatives={"M2": {"paths": ["X -> Q", "M -> Y", "X -> M"]}}),
     "config key alternatives.M2.paths[0] ('X -> Q'): unknown construct 'Q'"),
    (lambda c: c.update(alternatives={"M2": {"paths": ["X -> Y", "X -> M", "M -> Y"]}}),
     "config key alternatives.M2.paths: the same paths as config key paths"),
    (lambda c: c.update(alternatives={"M2": {"paths": ["X -> M", "M -> Y", "Y -> X"]}}),
     "config key alternatives.M2.paths: the structural model has a cycle"),
    (lambda c: c.update(alternatives={"M2": {"paths": ["X -> M"]}}),
     "config key alternatives.M2.paths (constructs.Y): construct 'Y' is in no path"),
    (lambda c: c.update(alternatives={"M2": {"paths": ["X -> M", "M -> Y", "X x M -> Y"]}}),
     "config key alternatives.M2.paths[2] ('X x M -> Y'): the interaction term needs the main effect 'X -> Y'"),
    (lambda c: c.update(alternatives={"M2": {"paths": ["X -> M", "M -> Y", "M -> Y"]}}),
     "config key alternatives.M2.paths[2] ('M -> Y'): same path as alternatives.M2.paths[1]"),
    (lambda c: c.update(alternatives={"Model": {"paths": ["X -> M", "M -> Y"]}}),
     "config key alternatives.Model: 'Model' names the study's own model"),
])
def test_semantic_errors_name_the_key(config, tmp_path, change, message):
    change(config)
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path, file="study.yaml")
    assert message in str(info.value)


def test_a_problem_of_the_study_is_named_beside_the_same_problem_of_an_alternative(config, tmp_path):
    config["constructs"]["Y"]["model"] = "common_factor"   # PLSc with an interaction term: refused, for each model
    config["paths"].append("X x M -> Y")
    config["alternatives"] = {"NoTerm": {"paths": ["X -> M", "M -> Y", "X -> Y"]},
                              "Term": {"paths": ["M -> Y", "X -> Y", "X x M -> Y"]}}
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path)
    problems = info.value.problems
    assert len(problems) == 2, problems
    assert problems[0].startswith("config keys constructs / paths: common factors (model: common_factor) cannot yet")
    assert problems[1].startswith("config key alternatives.Term.paths: common factors (model: common_factor) cannot")


@pytest.mark.parametrize("paths, problem", [
    (["X -> M", "x -> Y"], "config key alternatives.M2.paths[1] ('x -> Y'): unknown construct 'x' (did you mean 'X'?); "
                           "constructs defined under constructs: X, M, Y"),
    (["X -> M", "Mediator -> Y"], "config key alternatives.M2.paths[1] ('Mediator -> Y'): 'Mediator' is the label of "
                                  "construct 'M'; paths and hypotheses use construct names (the keys under constructs)"),
])
def test_a_misnamed_construct_in_an_alternative_is_one_problem(config, tmp_path, paths, problem):
    config["constructs"]["M"]["label"] = "Mediator"
    config["alternatives"] = {"M2": {"paths": paths}}
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path)
    assert info.value.problems == [problem]   # no "construct ... is in no path" after it


@pytest.mark.parametrize("section, message", [
    ({"predict": {"folds": 1}}, "config key predict.folds: 1 is less than the minimum of 2"),
    ({"predict": {"folds": "LOO"}}, "config key predict.folds: got 'LOO': write loo (in lower case) — Number of folds"),
    ({"predict": {"folds": "10"}},
     "config key predict.folds: got '10', a number written in quotes (text): write 10 without quotes — Number of"),
    ({"predict": {"folds": "ten"}}, "config key predict.folds: 'ten' is not written as expected here — Number of"),
    ({"predict": {"approach": "DA"}}, "config key predict.approach: expected one of 'direct', 'earliest'"),
    ({"predict": {"cvpat": {"test": "greater"}}}, "config key predict.cvpat.test: expected one of"),
    ({"fit": {"seed": -1}}, "config key fit.seed: -1 is less than the minimum of 0"),
    ({"alternatives": {"M2": {}}}, "config key alternatives.M2.paths: required but missing"),
    ({"alternatives": {"M 2": {"paths": ["X -> Y"]}}}, "config key alternatives: the name 'M 2' is not written as "
                                                       "expected here — An alternative model's name: a letter, then "
                                                       "letters, digits, _ or - (no spaces)"),
    ({"alternatives": {"M2": {"paths": ["X Y"]}}}, "config key alternatives.M2.paths[0]: 'X Y' is not written as "
                                                   "expected here — A path: a construct (or an interaction term), an "
                                                   "arrow -> and a construct"),
])
def test_schema_errors_name_the_key(config, section, message):
    config.update(section)
    problems = schema_problems(config, load_schema(Path(__file__).parents[2] / "workflow/schemas/config.schema.yaml"))
    assert any(p.startswith(message) for p in problems), problems
    assert not any("does not match" in p for p in problems), problems   # words, not a regular expression


def test_settings_resolve_null_and_loo(config):
    filled = filled_config({**config, "bootstrap": {"seed": 7, "samples": 300}, "predict": {"folds": "loo"}})
    settings = study.predict_settings(filled)
    assert (settings["folds"], settings["repetitions"], settings["chunks"], settings["seed"]) == ("loo", 1, 1, 7)
    assert study.fit_settings(filled) == {"samples": 300, "seed": 7}
    filled = filled_config({**config, "predict": {"seed": 3, "folds": 5}, "fit": {"samples": 40, "seed": 4}})
    assert study.predict_settings(filled)["seed"] == 3 and study.fit_settings(filled) == {"samples": 40, "seed": 4}


def test_as_many_folds_as_respondents_is_leave_one_out():
    assert study.fold_count(60, 60, 1) == 60 and study.fold_count("loo", 60, 1) == 60
    with pytest.raises(UserError) as info:
        study.fold_count(60, 60, 10)
    assert str(info.value).startswith("config key predict.folds: 60 folds for 60 respondents (the cleaned survey) is "
                                      "leave-one-out")
    assert "write folds: loo (one repetition), or use fewer folds" in str(info.value)


def test_folds_beyond_the_respondents_and_too_many_chunks_stop_the_run(tmp_path):
    make_project(tmp_path, survey=simulate_survey(n=60),
                 config=study_config("data/raw/survey.csv", predict={"folds": 61, "repetitions": 1, "chunks": 1}))
    done = snakemake(tmp_path, "results/predict/items.csv", "--cores", "1", check=False)
    assert done.returncode == 1
    assert "Error in rule predict_chunk: config key predict.folds: 61 folds for 60 respondents" in done.stderr
    assert "Traceback" not in done.stderr
    done = snakemake(tmp_path, "results/predict/items.csv", "--cores", "2", "--config",
                     "predict={folds: 60, repetitions: 4, chunks: 2}", check=False)   # folds = n: leave-one-out
    assert done.returncode == 1 and "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert "Error in rule predict_chunk: config key predict.folds: 60 folds for 60 respondents (the cleaned " \
           "survey) is leave-one-out" in done.stderr
    done = snakemake(tmp_path, "-n", "--config", "predict={folds: 10, repetitions: 2, chunks: 3}", check=False)
    assert done.returncode == 1
    assert "config key predict.chunks: 3 chunks for 2 repetitions" in done.stderr
