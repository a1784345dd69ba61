"""Measurement-model reporting (issue 12), on the default study's run (no new DAG run).

* Table 2: indicator reliability λ² beside each loading, the verdict on it (loading criterion, 0.40);
* Table 3b: the signed HTMT beside SmartPLS's absolute-value HTMT, recomputed here from the cleaned
  survey; the threshold from ``audit.criteria.htmt`` (verdicts, note, methods, and the HTMT figure: the
  ``figures`` rule alone rerun by the real Snakemake on a copy of the run); an estimate outside its own
  interval explained;
* Table 3c: the outer VIF of reflective indicators shown but not judged (formative: test_formative_study.py);
* Table 3f: the full-collinearity VIF (Kock 2015), only with ``report.common_method_bias``, its values
  recomputed by least squares on construct scores built from the cleaned survey and the outer weights.
"""
from __future__ import annotations

import copy
import itertools
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from plssem_pipeline.report import render_html
from plssem_pipeline.report.catalogue import Catalogue
from plssem_pipeline.report.sections.measurement import LOADING_REMOVE

import run_pool_helpers
from pipeline_helpers import snakemake
from report_helpers import TEMPLATES, context_for, resolved_config, tool


def _tables(context) -> dict:
    return {table.number: table for table in context["tables"]}


def _indicator_rows(table) -> list:
    return [row for row in table.rows if row.group is None]


def _blocks(config: dict) -> dict:
    return {name: [str(i) for i in spec["indicators"]] for name, spec in config["constructs"].items()}


def _survey_correlations(run, config) -> pd.DataFrame:
    survey = pd.read_csv(run / "results/clean/survey.csv")
    items = [i for block in _blocks(config).values() for i in block]
    return survey[items].fillna(survey[items].mean()).corr()


def _expected_reliability_verdict(t, loading: float, threshold: float) -> str:
    return t("ir_reliable") if loading >= threshold else t("ir_weak") if loading >= 0.40 else t("ir_remove")


@pytest.mark.parametrize("language", ["en", "id"])
def test_table2_reports_indicator_reliability_beside_each_loading(study_run, language):
    config = resolved_config(study_run)
    t = Catalogue(language)
    table = _tables(context_for(study_run, config=config, audit=None, language=language))["2"]
    assert [c.label for c in table.columns][1:3] == [t("c_loading"), t("c_indicator_reliability")]
    loadings = pd.read_csv(study_run / "results/outer/loadings.csv").set_index("indicator")["loading"]
    threshold = config["audit"]["criteria"]["loading"]
    for row in _indicator_rows(table):
        loading = loadings[row.cells[0].text]
        assert row.cells[1].value == loading and row.cells[2].value == loading * loading
        assert row.cells[-1].text == _expected_reliability_verdict(t, loading, threshold)
    note = table.notes[0]
    assert "0.708" in note.replace(",", ".") and "λ²" in note and "audit.criteria.loading" in note


def test_table2_verdicts_follow_the_loading_criterion_and_040(study_run, tmp_path):
    """Three loadings moved into each band (a copy of loadings.csv): reliable, weak (0.40 to the criterion:
    removed only if AVE or ρ_C rises, as the note says) and below 0.40 (removed)."""
    loadings = pd.read_csv(study_run / "results/outer/loadings.csv")
    config = resolved_config(study_run)
    threshold = config["audit"]["criteria"]["loading"]
    loadings.loc[0, "loading"] = (threshold + LOADING_REMOVE) / 2
    loadings.loc[1, "loading"] = LOADING_REMOVE / 2
    loadings.to_csv(tmp_path / "loadings.csv", index=False)
    t = Catalogue("en")
    table = _tables(context_for(study_run, config=config, audit=None, files={"loadings": tmp_path / "loadings.csv"}))["2"]
    verdicts = {row.cells[0].text: (row.cells[-1].text, row.cells[1].flag) for row in _indicator_rows(table)}
    first, second = (str(i) for i in loadings["indicator"][:2])
    assert verdicts[first] == (t("ir_weak"), "warn") and verdicts[second] == (t("ir_remove"), "fail")
    assert {verdicts[str(i)] for i in loadings["indicator"][2:]} == {(t("ir_reliable"), None)}
    assert f"between {LOADING_REMOVE:.2f} and {threshold:.2f}" in table.notes[0]


def _signed_htmt(corr: pd.DataFrame, first: list, second: list) -> float:
    """Henseler, Ringle & Sarstedt's (2015, eq. 6) ratio on signed correlations, written out."""
    def mono(block):
        return np.mean([corr.loc[g, h] for g, h in itertools.combinations(block, 2)])
    hetero = np.mean([corr.loc[g, h] for g in first for h in second])
    return hetero / np.sqrt(mono(first) * mono(second))


def test_table3b_shows_the_signed_htmt_beside_the_absolute_one(study_run):
    config = resolved_config(study_run)
    table = _tables(context_for(study_run, config=config, audit=None))["3b"]
    t = Catalogue("en")
    assert [c.label for c in table.columns][1:3] == [t("c_htmt"), t("c_htmt_signed")]
    corr, blocks = _survey_correlations(study_run, config), _blocks(config)
    boot = pd.read_csv(study_run / "results/bootstrap/htmt.csv")
    signs = []
    for row, record in zip(table.rows, boot.to_dict("records")):
        a, b = record["construct_1"], record["construct_2"]
        assert row.cells[0].text == f"{a} – {b}" and row.cells[1].value == record["original"]
        signed = _signed_htmt(corr, blocks[a], blocks[b])
        absolute = _signed_htmt(corr.abs(), blocks[a], blocks[b])
        assert row.cells[2].value == pytest.approx(signed, abs=1e-12)
        assert row.cells[1].value == pytest.approx(absolute, abs=1e-12)
        signs.append(np.sign(signed))
    assert -1 in signs        # the default study's KP – EC: a negative signed ratio, a positive absolute one
    assert t("n_t3b_absolute") in table.notes
    assert "results/outer/htmt_signed.csv" in str(table.sources)


@pytest.mark.parametrize("threshold", [0.90, 0.85, 0.60])
def test_htmt_threshold_comes_from_the_config(study_run, threshold):
    config = resolved_config(study_run)
    config["audit"]["criteria"]["htmt"] = threshold
    context = context_for(study_run, config=config, audit=None)
    table = _tables(context)["3b"]
    t = Catalogue("en")
    boot = pd.read_csv(study_run / "results/bootstrap/htmt.csv")
    expected = [t("discriminant_ok") if high < threshold else t("discriminant_problem") for high in boot["ci_high"]]
    assert [row.cells[-1].text for row in table.rows] == expected
    assert table.notes[0] == t("n_t3b", threshold=f"{threshold:.2f}")
    assert "Henseler, Ringle & Sarstedt (2015)" in table.notes[0] and "0.85" in table.notes[0]
    html = render_html(context, TEMPLATES)
    assert t("f_htmt", threshold=f"{threshold:.2f}") in html
    assert f"HTMT &lt; {threshold:.2f}" in html or f"HTMT < {threshold:.2f}" in html      # the methods paragraph


def _htmt_threshold_run(project):
    """The ``figures`` rule alone, rerun on a copy of the default study run with ``audit.criteria.htmt: 0.85``."""
    import yaml

    run = run_pool_helpers.result("default_study")
    shutil.rmtree(project)
    shutil.copytree(run, project, ignore=shutil.ignore_patterns(".snakemake", "results.*"))
    config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
    config["audit"]["criteria"]["htmt"] = 0.85
    (project / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    snakemake(project, "report/figures/htmt.pdf", "--cores", "1", "--forcerun", "figures", "--allowed-rules", "figures")
    return project


run_pool_helpers.register("htmt_threshold_085", _htmt_threshold_run, "htmt_threshold_run")


@pytest.fixture(scope="module")
def htmt_threshold_run(tmp_path_factory):
    return run_pool_helpers.result("htmt_threshold_085", tmp_path_factory)


@pytest.mark.skipif(tool("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_htmt_figure_draws_the_configured_threshold(htmt_threshold_run):
    """The ``figures`` rule alone, rerun on a copy of the run with ``audit.criteria.htmt: 0.85``."""
    project = htmt_threshold_run
    text = subprocess.run(["pdftotext", str(project / "report/figures/htmt.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert Catalogue("en")("fig_htmt_title", threshold="0.85") in text


def test_an_estimate_outside_its_own_interval_is_explained(study_run):
    config = resolved_config(study_run)
    boot = pd.read_csv(study_run / "results/bootstrap/htmt.csv")
    outside = boot[(boot["original"] < boot["ci_low"]) | (boot["original"] > boot["ci_high"])]
    pairs = [f"{a} – {b}" for a, b in zip(outside["construct_1"], outside["construct_2"])]
    assert pairs, "the default study's KP – EC HTMT lies below its percentile interval: the case this note is for"
    t = Catalogue("en")
    table = _tables(context_for(study_run, config=config, audit=None))["3b"]
    notes = [n for n in table.notes if n.startswith(", ".join(pairs) + ":")]
    assert len(notes) == 1 and "bootstrap bias" in notes[0] and "Davison & Hinkley" in notes[0]
    assert notes[0].endswith(t("n_t3b_bca"))                 # percentile intervals: BCa corrects the bias
    for row in table.rows:
        expected = "fail" if row.cells[1].value >= config["audit"]["criteria"]["htmt"] else \
            "warn" if row.cells[0].text in pairs else None
        assert row.cells[1].flag == expected
    config["bootstrap"]["ci"] = "bca"                         # the files stay; only the hint goes
    notes = _tables(context_for(study_run, config=config, audit=None))["3b"].notes
    assert not any(t("n_t3b_bca") in n for n in notes) and any(n.startswith(", ".join(pairs)) for n in notes)


def test_reflective_indicator_vif_is_shown_but_not_judged(study_run):
    config = resolved_config(study_run)
    assert all(spec.get("mode", "A") == "A" for spec in config["constructs"].values())
    table = _tables(context_for(study_run, config=config, audit=None))["3c"]
    t = Catalogue("en")
    vif = pd.read_csv(study_run / "results/outer/vif.csv")
    rows = _indicator_rows(table)
    assert [r.cells[0].text for r in rows] == vif["indicator"].astype(str).tolist()
    assert [r.cells[1].value for r in rows] == vif["vif"].tolist()
    assert (vif["vif"] >= 3).any()                  # values the formative rule would flag: not flagged here
    assert len(table.columns) == 2 and all(len(r.cells) == 2 and r.cells[1].flag is None for r in rows)
    assert table.notes == [t("n_t3c")]


def _lstsq_full_collinearity(run, config) -> pd.Series:
    """Kock's (2015) VIFs: construct scores from the cleaned survey and the outer weights, each regressed by
    least squares on all the others."""
    survey = pd.read_csv(run / "results/clean/survey.csv")
    weights = pd.read_csv(run / "results/outer/loadings.csv")
    scores = {}
    for construct, block in weights.groupby("construct", sort=False):
        items = survey[block["indicator"].astype(str)]
        z = (items - items.mean()) / items.std()
        scores[str(construct)] = z.to_numpy() @ block["weight"].to_numpy()
    frame = pd.DataFrame(scores)
    out = {}
    for name in frame:
        y, x = frame[name].to_numpy(), frame.drop(columns=name).to_numpy()
        x = np.column_stack([np.ones(len(y)), x])
        residual = y - x @ np.linalg.lstsq(x, y, rcond=None)[0]
        out[name] = 1 / (residual @ residual / ((y - y.mean()) @ (y - y.mean())))
    return pd.Series(out)


def test_full_collinearity_vif_file_against_least_squares(study_run):
    config = resolved_config(study_run)
    written = pd.read_csv(study_run / "results/outer/full_collinearity_vif.csv")
    assert written.columns.tolist() == ["construct", "vif"]
    expected = _lstsq_full_collinearity(study_run, config)
    assert written["construct"].tolist() == list(config["constructs"]) == expected.index.tolist()
    np.testing.assert_allclose(written["vif"], expected.to_numpy(), rtol=0, atol=1e-9)


@pytest.mark.parametrize("language", ["en", "id"])
def test_common_method_bias_table_only_when_asked(study_run, language):
    config = resolved_config(study_run)
    assert config["report"]["common_method_bias"] is False
    assert "3f" not in _tables(context_for(study_run, config=config, audit=None, language=language))
    written = pd.read_csv(study_run / "results/outer/full_collinearity_vif.csv")
    t = Catalogue(language)
    for threshold in (config["audit"]["criteria"]["full_collinearity_vif"], float(written["vif"].median())):
        on = copy.deepcopy(config)
        on["report"]["common_method_bias"] = True
        on["audit"]["criteria"]["full_collinearity_vif"] = threshold
        context = context_for(study_run, config=on, audit=None, language=language)
        table = _tables(context)["3f"]
        assert [r.cells[1].value for r in table.rows] == written["vif"].tolist()
        assert [r.cells[-1].text for r in table.rows] == [t("cmb_ok") if v <= threshold else t("cmb_problem")
                                                          for v in written["vif"]]
        assert "Kock" in table.notes[0] and "audit.criteria.full_collinearity_vif" in table.notes[0]
        assert t("sec_common_method_bias") in render_html(context, TEMPLATES)


@pytest.mark.parametrize("key, value", [("audit.criteria.htmt", 0), ("audit.criteria.full_collinearity_vif", 1),
                                        ("report.common_method_bias", "yes")])
def test_bad_settings_are_refused_naming_the_key(key, value):
    from plssem_pipeline.study import load_schema, schema_problems

    from report_helpers import ROOT

    config = resolved_config(ROOT)                    # the project's config.yaml
    section, *rest = key.split(".")
    target = config[section]
    for part in rest[:-1]:
        target = target[part]
    target[rest[-1]] = value
    problems = schema_problems(config, load_schema(ROOT / "workflow" / "schemas" / "config.schema.yaml"))
    assert len(problems) == 1 and problems[0].startswith(f"config key {key}: ")
