"""The real Snakemake DAG, end to end, on temporary copies of the project.

Each run calls the ``snakemake`` command line exactly as a user does. The
study is the default study's model and config, pointed at a survey simulated
in conftest.py, with 200 bootstrap subsamples.
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import plssem
from plssem_pipeline.analysis.mediation import MEDIATION
from plssem_pipeline.study import algorithm_options, model_from_config

import run_pool_helpers
from pipeline_helpers import (TEST_SAMPLES, assert_measurement_and_paths_equal, make_project, simulate_survey,
                              snakemake, study_config)

CONTRACT = {
    "results/clean/survey.csv": None,
    "results/clean/validated.csv": None,
    "results/clean/exclusions.csv": ["row", "id", "column", "raw_value", "reason", "reason_code", "action"],
    "results/clean/categories.csv": ["variable", "label", "code", "category", "source"],
    "results/describe/respondents.csv": ["variable", "label", "code", "category", "n", "percent"],
    "results/describe/indicators.csv": ["construct", "indicator", "n", "missing", "mean", "median", "min", "max",
                                        "sd", "excess_kurtosis", "skewness", "scale_min", "scale_max",
                                        "reverse_coded"],
    "results/outer/loadings.csv": ["construct", "indicator", "loading", "weight"],
    "results/outer/reliability.csv": ["construct", "cronbach_alpha", "rho_a", "rho_c", "ave"],
    "results/outer/htmt.csv": ["construct", "KP", "EC", "IP", "KU"],
    "results/outer/htmt_signed.csv": ["construct", "KP", "EC", "IP", "KU"],
    "results/outer/fornell_larcker.csv": ["construct", "KP", "EC", "IP", "KU"],
    "results/outer/cross_loadings.csv": ["indicator", "KP", "EC", "IP", "KU"],
    "results/outer/vif.csv": ["construct", "indicator", "vif"],
    "results/outer/full_collinearity_vif.csv": ["construct", "vif"],
    "results/outer/redundancy.csv": ["construct", "global_item", "path", "r2", "threshold", "verdict"],
    "results/bootstrap/formative.csv": ["construct", "indicator", "weight", "weight_mean", "weight_sd", "weight_t",
                                        "weight_p", "weight_ci_low", "weight_ci_high", "weight_significant",
                                        "loading", "loading_sd", "loading_t", "loading_p", "loading_ci_low",
                                        "loading_ci_high", "loading_significant", "vif", "collinearity", "rule",
                                        "decision"],
    "results/inner/paths.csv": ["source", "target", "coefficient"],
    "results/inner/r2.csv": ["construct", "r2", "r2_adj"],
    "results/inner/f2.csv": ["source", "target", "f2"],
    "results/inner/vif.csv": ["source", "target", "vif"],
    "results/inner/effects.csv": ["source", "target", "direct", "total_indirect", "total"],
    "results/inner/specific_indirect.csv": ["path", "source", "target", "effect"],
    "results/inner/fit.csv": ["statistic", "value"],
    "results/bootstrap/paths.csv": ["source", "target", "original", "mean", "sd", "t", "p", "ci_low", "ci_high",
                                    "n_valid"],
    "results/bootstrap/specific_indirect.csv": ["path", "source", "target", "original", "mean", "sd", "t", "p",
                                                "ci_low", "ci_high", "n_valid"],
    "results/bootstrap/total_indirect.csv": ["source", "target", "original", "mean", "sd", "t", "p", "ci_low",
                                             "ci_high", "n_valid"],
    "results/bootstrap/total_effects.csv": ["source", "target", "original", "mean", "sd", "t", "p", "ci_low",
                                            "ci_high", "n_valid"],
    "results/bootstrap/loadings.csv": ["construct", "indicator", "original", "mean", "sd", "t", "p", "ci_low",
                                       "ci_high", "n_valid"],
    "results/bootstrap/weights.csv": ["construct", "indicator", "original", "mean", "sd", "t", "p", "ci_low",
                                      "ci_high", "n_valid"],
    "results/bootstrap/r2.csv": ["construct", "original", "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid"],
    "results/bootstrap/htmt.csv": ["construct_1", "construct_2", "original", "mean", "sd", "t", "p", "ci_low",
                                   "ci_high", "n_valid"],
    "results/bootstrap/reliability.csv": ["statistic", "construct", "original", "mean", "sd", "t", "p", "ci_low",
                                          "ci_high", "n_valid"],
    "results/bootstrap/subsamples.csv": ["subsample", "iterations", "converged", "failed", "failed_reason"],
    "results/mediation/indirect.csv": ["path", "source", "target", "original", "mean", "sd", "t", "p", "ci_low",
                                       "ci_high", "n_valid", "significant", "direct", "direct_p", "direct_ci_low",
                                       "direct_ci_high", "direct_significant", "total_indirect", "total_effect",
                                       "vaf", "vaf_mediation", "vaf_note", "mediation_type", "mediation",
                                       "hypothesis", "direct_hypothesis"],
    "results/hypotheses/hypotheses.csv": ["hypothesis", "path", "kind", "source", "target", "sign", "tails", "alpha",
                                          "ci_level", "original", "mean", "sd", "t", "p", "ci_low", "ci_high",
                                          "n_valid", "significant", "supported", "statement"],
    "results/outer/lower_order_loadings.csv": ["construct", "indicator", "loading", "weight"],
    "results/outer/lower_order_reliability.csv": ["construct", "cronbach_alpha", "rho_a", "rho_c", "ave"],
    "results/outer/lower_order_htmt.csv": ["construct", "KP", "EC", "IP", "KU"],
    "results/bootstrap/moderation.csv": ["term", "iv", "moderator", "target", "statistic", "level", "original",
                                         "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid"],
    "results/bootstrap/moderated_mediation.csv": ["path", "term", "moderator", "statistic", "level", "original",
                                                  "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid"],
    "results/moderation/interactions.csv": ["term", "iv", "moderator", "target", "method", "standardize_term",
                                            "coefficient", "raw_coefficient", "term_sd", "f2", "t", "p", "ci_low",
                                            "ci_high", "jn_lower", "jn_upper", "jn_region", "moderator_min",
                                            "moderator_max"],
    "results/moderation/simple_slopes.csv": ["term", "iv", "moderator", "target", "level", "conditional_effect",
                                             "sd", "t", "p", "ci_low", "ci_high", "iv_effect", "moderator_effect",
                                             "raw_coefficient"],
    "results/moderation/moderated_mediation.csv": ["path", "term", "moderator", "statistic", "level", "original",
                                                   "sd", "t", "p", "ci_low", "ci_high", "decision"],
    # issue 14: predictive power, model fit, model comparison
    "results/predict/items.csv": ["construct", "indicator", "q2_predict", "pls_rmse", "pls_mae", "lm_rmse", "lm_mae",
                                  "ia_rmse", "ia_mae", "error_skewness", "lower_than_lm"],
    "results/predict/constructs.csv": ["construct", "q2_predict", "rmse", "mae", "indicators", "q2_positive",
                                       "lower_than_lm", "metric", "verdict"],
    "results/predict/cvpat.csv": ["benchmark", "construct", "pls_loss", "benchmark_loss", "average_loss_difference",
                                  "t", "p", "boot_t", "boot_p", "decision"],
    "results/predict/errors.csv": ["IP1", "IP2", "IP3", "IP4", "IP5", "IP6", "IP7", "IP8", "IP9", "KU1", "KU2", "KU3",
                                   "KU4", "KU5", "KU6"],
    "results/fit/fit.csv": ["statistic", "saturated", "estimated", "saturated_hi95", "saturated_hi99",
                            "estimated_hi95", "estimated_hi99"],
    "results/fit/criteria.csv": ["model", "construct", "r2", "predictors", "antecedents", "n", "AIC", "AICc", "BIC",
                                 "HQ"],
    "results/fit/model_comparison.csv": ["construct", "model", "antecedents", "predictors_differ", "BIC", "bic_weight",
                                         "AIC", "aic_weight"],
    "results/audit/published_vs_reproduced.csv": ["table", "row", "statistic", "published", "reproduced",
                                                  "difference", "tolerance", "within"],
    "results/audit/consistency.csv": ["check", "table", "item", "published", "recomputed", "difference",
                                      "verdict", "explanation", "location"],
}
SUMMARIES = ["clean", "describe", "outer", "inner", "bootstrap", "hypotheses", "mediation", "moderation", "predict",
             "fit", "audit"]
FIGURES = ["loadings.png", "bootstrap_paths.png", "bootstrap_indirect.png", "htmt.png"]


def test_dag_completes_and_every_contract_file_exists(default_run):
    for name, columns in CONTRACT.items():
        path = default_run / name
        assert path.is_file(), name
        if columns is not None:
            assert pd.read_csv(path).columns.tolist() == columns, name
    for step in SUMMARIES:
        summary = json.loads((default_run / "results" / step / "summary.json").read_text())
        assert summary["step"] == step
        assert summary["inputs"] and all(len(h) == 64 for h in summary["inputs"].values())
        assert {"python", "numpy", "pandas", "plssem", "snakemake"} <= set(summary["versions"])
    boot = json.loads((default_run / "results/bootstrap/summary.json").read_text())
    assert boot["seed"] == 20260130 and boot["details"]["subsamples"] == TEST_SAMPLES
    assert boot["code"]["engine"].startswith(plssem.__version__ + "+sha256:")
    for name in FIGURES:
        png = (default_run / "report" / "figures" / name).read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 5000, name
    rules = {p.stem for p in (default_run / "results" / "logs").glob("*.log")}
    assert rules >= {"clean", "describe", "outer", "inner", "bootstrap", "mediation", "moderation", "predict", "fit",
                     "figures", "audit", "provenance"}
    assert len(list((default_run / "results" / "logs" / "bootstrap_chunk").glob("*.log"))) == 1
    benchmarks = {p.stem for p in (default_run / "results" / "benchmarks").glob("*.tsv")}
    assert benchmarks == rules                                  # every rule has a log: and a benchmark:
    assert len(list((default_run / "results" / "benchmarks" / "bootstrap_chunk").glob("*.tsv"))) == 1
    assert (default_run / "results" / "provenance.json").is_file()


def test_results_contents(default_run):
    respondents = pd.read_csv(default_run / "results/describe/respondents.csv")
    platform = respondents[respondents["variable"] == "ecommerce_platform"]
    assert platform["code"].tolist() == [1, 2, 3, 4, 5, 6]
    assert platform.loc[platform["code"] == 5, "n"].item() == 0            # zero category kept
    assert respondents.groupby("variable")["n"].sum().eq(140).all()          # no total rows, blocks sum to n
    assert pd.read_csv(default_run / "results/bootstrap/paths.csv")["n_valid"].eq(TEST_SAMPLES).all()
    mediation = pd.read_csv(default_run / "results/mediation/indirect.csv")
    assert mediation["path"].tolist() == ["KP -> IP -> KU", "EC -> IP -> KU"]
    assert set(mediation["mediation_type"]) <= set(MEDIATION)


def test_numbers_equal_the_engine_on_the_cleaned_data(default_run):
    config = yaml.safe_load((default_run / "config.yaml").read_text())
    model = model_from_config(config["constructs"], config["paths"])
    data = pd.read_csv(default_run / "results/clean/survey.csv")
    # the config's algorithm settings and missing treatment, as the pipeline's estimation step uses them
    result = plssem.estimate(data, model, **algorithm_options(config["algorithm"]),
                             missing=config["data"]["missing_treatment"])
    assert_measurement_and_paths_equal(default_run, result)
    read = lambda name: pd.read_csv(default_run / "results" / name)  # noqa: E731
    np.testing.assert_allclose(read("outer/htmt.csv").set_index("construct"), result.htmt, rtol=0, atol=1e-12)
    np.testing.assert_allclose(read("inner/f2.csv")["f2"], result.f2, rtol=0, atol=1e-12)
    np.testing.assert_allclose(read("inner/specific_indirect.csv")["effect"], result.specific_indirect_effects,
                               rtol=0, atol=1e-12)
    # the chunked, merged bootstrap equals one unchunked call of the engine
    draws = plssem.bootstrap(result.data.standardized, model, seed=config["bootstrap"]["seed"], stop=TEST_SAMPLES)
    expected = plssem.summarize(result.paths.to_numpy(), draws.values["paths"])
    got = read("bootstrap/paths.csv")
    for column in ["original", "mean", "sd", "t", "p", "ci_low", "ci_high"]:
        np.testing.assert_allclose(got[column], expected[column], rtol=1e-12, atol=1e-14)


def test_byte_identical_whatever_cores_and_chunks(default_run, chunked_run):
    assert len(list((chunked_run / "results/bootstrap/chunks").glob("*.npz"))) == 3
    assert len(list((default_run / "results/bootstrap/chunks").glob("*.npz"))) == 1
    first = sorted(p.relative_to(default_run) for p in (default_run / "results").rglob("*.csv"))
    second = sorted(p.relative_to(chunked_run) for p in (chunked_run / "results").rglob("*.csv"))
    assert first == second and len(first) == len([c for c in CONTRACT if c.endswith(".csv")])
    different = [str(p) for p in first if (default_run / p).read_bytes() != (chunked_run / p).read_bytes()]
    assert different == []
    with np.load(default_run / "results/bootstrap/draws.npz") as a, np.load(chunked_run / "results/bootstrap/draws.npz") as b:
        for name in a.files:
            assert np.array_equal(a[name], b[name], equal_nan=True), name


def test_second_run_has_nothing_to_do_and_report_works(default_run):
    done = snakemake(default_run, "-n", "--cores", "1")
    assert "Nothing to be done" in done.stdout + done.stderr
    snakemake(default_run, "--report", "snakemake_report.html")
    assert (default_run / "snakemake_report.html").stat().st_size > 10000


SECOND_STUDY = {
    "data": {"survey": "data/raw/other_study.csv", "id_column": "case", "missing_codes": [-9],
             "scale": {"min": 1, "max": 7}},
    "respondents": {"gender": {"label": "Gender", "categories": {"f": "Female", "m": "Male", "d": "Diverse"}}},
    "constructs": {"TRUST": {"indicators": ["t1", "t2", "t3"]}, "USE": {"indicators": ["u1", "u2"]},
                   "LOYAL": {"label": "Loyalty", "indicators": ["l1", "l2", "l3"]}},
    "paths": ["TRUST -> USE", "USE -> LOYAL", "TRUST -> LOYAL"],
    "bootstrap": {"samples": 100, "chunks": 2, "seed": 7},
    "report": {"formats": ["html", "tex"]},     # no PDF (LuaLaTeX, some 25 s of CPU): no test here reads it
}


def _second_survey(path: Path) -> None:
    """A ';'-delimited, decimal-comma, UTF-8-BOM survey with a missing code, as a spreadsheet exports it."""
    rng = np.random.default_rng(11)
    n = 90
    trust = rng.standard_normal(n)
    use = 0.6 * trust + 0.8 * rng.standard_normal(n)
    loyal = 0.3 * trust + 0.5 * use + 0.7 * rng.standard_normal(n)
    rows = ["case;gender;t1;t2;t3;u1;u2;l1;l2;l3"]
    for i in range(n):
        items = [np.clip(np.round(4 + 1.2 * (eta + 0.6 * rng.standard_normal()) * 2) / 2, 1, 7)
                 for eta in (trust[i], trust[i], trust[i], use[i], use[i], loyal[i], loyal[i], loyal[i])]
        cells = [f"{v:g}".replace(".", ",") for v in items]
        if i == 5:
            cells[3] = "-9"
        rows.append(";".join([f"C{i + 1}", "fmd"[i % 3], *cells]))
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(rows) + "\r\n").encode("utf-8"))


def _second_study_run(directory: Path) -> Path:
    """The default project, its config.yaml replaced by ``--configfile study2.yaml`` (:data:`SECOND_STUDY`), up to
    the files its test reads (the audit and the mediation step, and what they need)."""
    make_project(directory, survey=simulate_survey())
    _second_survey(directory / "data/raw/other_study.csv")
    (directory / "study2.yaml").write_text(yaml.safe_dump(SECOND_STUDY, sort_keys=False))
    snakemake(directory, "results/audit/summary.json", "results/mediation/summary.json", "--cores", "2",
              "--configfile", "study2.yaml")
    return directory


run_pool_helpers.register("second_study_configfile", _second_study_run, "second_study_configfile_run")


@pytest.fixture(scope="module")
def second_study_configfile_run(tmp_path_factory) -> Path:
    return run_pool_helpers.result("second_study_configfile", tmp_path_factory)


def test_second_study_configfile_replaces_the_default(second_study_configfile_run):
    directory = second_study_configfile_run
    loadings = pd.read_csv(directory / "results/outer/loadings.csv")
    assert loadings["construct"].unique().tolist() == ["TRUST", "USE", "LOYAL"]    # no KP, EC, IP, KU
    assert pd.read_csv(directory / "results/outer/htmt.csv").columns.tolist() == ["construct", "TRUST", "USE",
                                                                                  "LOYAL"]
    assert pd.read_csv(directory / "results/describe/respondents.csv")["variable"].unique().tolist() == ["gender"]
    clean = json.loads((directory / "results/clean/summary.json").read_text())
    assert clean["details"]["format"]["delimiter"] == ";" and clean["details"]["format"]["byte_order_mark"] == "utf-8"
    assert clean["details"]["decimal"] == ","
    assert "business_type" not in clean["config"]["respondents"]
    exclusions = pd.read_csv(directory / "results/clean/exclusions.csv", keep_default_na=False, dtype=str)
    straight = exclusions["reason"].str.startswith("straight-lining")
    assert exclusions[~straight][["row", "id", "column", "raw_value"]].values.tolist() == [["7", "C6", "u1", "-9"]]
    assert exclusions[straight]["action"].str.startswith("flagged, respondent kept").all()
    boot = json.loads((directory / "results/bootstrap/summary.json").read_text())
    assert boot["details"]["subsamples"] == 100 and boot["seed"] == 7   # study2's bootstrap, defaults filled
    assert boot["config"]["bootstrap"]["ci"] == "percentile"
    assert pd.read_csv(directory / "results/mediation/indirect.csv")["path"].tolist() == ["TRUST -> USE -> LOYAL"]
    for name in ("published_vs_reproduced.csv", "consistency.csv"):   # no published tables: headers only
        assert pd.read_csv(directory / "results/audit" / name).empty


def test_dry_run_lists_the_dag(tmp_path, simulated_survey):
    directory = make_project(tmp_path / "project", survey=simulated_survey,
                             config=study_config("data/raw/survey.csv", chunks=4))
    done = snakemake(directory, "-n", "--cores", "4")
    for rule, count in [("clean", 1), ("describe", 1), ("outer", 1), ("inner", 1), ("bootstrap_chunk", 4),
                        ("bootstrap", 1), ("hypotheses", 1), ("mediation", 1), ("figures", 1),
                        ("predict_chunk", 2), ("predict", 1), ("fit", 1)]:   # predict.chunks' default: 2 jobs
        assert any(line.split() == [rule, str(count)] for line in done.stdout.splitlines()), rule
    assert not (directory / "results").exists()
    # --config overrides of single keys still apply to the default study (nested values typed as YAML)
    done = snakemake(directory, "-n", "--cores", "4", "--config", "bootstrap={samples: 90, chunks: 3}")
    assert any(line.split() == ["bootstrap_chunk", "3"] for line in done.stdout.splitlines())
    assert "subsamples_60-90" in done.stdout


def test_lint_asks_only_for_software_environments(tmp_path, simulated_survey):
    directory = make_project(tmp_path / "project", survey=simulated_survey)
    done = snakemake(directory, "--lint", check=False)
    lints = {line.strip()[2:] for line in (done.stdout + done.stderr).splitlines() if line.startswith("    * ")}
    assert lints == {"Specify a conda environment or container for each rule.:"}
    assert "Traceback" not in done.stderr


def test_bad_survey_fails_cleanly(tmp_path, simulated_survey):
    survey = simulated_survey.astype({"KP3": object})
    survey.loc[2, "KP3"] = 6
    directory = make_project(tmp_path / "project", survey=survey)
    raw = (directory / "data/raw/survey.csv").read_bytes()
    done = snakemake(directory, "--cores", "1", check=False)
    assert done.returncode != 0
    message = "data/raw/survey.csv: 1 invalid value(s):\n    row 4, column KP3: '6' is off the scale 1–5"
    assert "Error in rule clean: " + message in done.stderr
    assert "Traceback" not in done.stderr
    assert message in (directory / "results/logs/clean.log").read_text()
    assert (directory / "data/raw/survey.csv").read_bytes() == raw


def test_bad_config_fails_cleanly(tmp_path, simulated_survey):
    config = study_config("data/raw/survey.csv")
    config["paths"].append("KP -> QQ")
    directory = make_project(tmp_path / "project", survey=simulated_survey, config=config)
    done = snakemake(directory, "-n", "--cores", "1", check=False)
    assert done.returncode == 1
    assert "config key paths[5] ('KP -> QQ'): unknown construct 'QQ'" in done.stderr
    assert "Traceback" not in done.stderr
