"""The appendix (Tables A1–A6) and the provenance's run table (P1) against the files and tools they report.

Every number of the appendix is read from the report's context of the default study run and compared
with its results CSV; the bootstrap of the reliability is recomputed from the merged draws with numpy;
the run table's commit and dirty flag are git's own (the study's run folder is not a git repository,
so a temporary repository is made here, clean and dirty), its hashes hashlib's.
"""
from __future__ import annotations

import hashlib
import platform
import subprocess

import numpy as np
import pandas as pd
import pytest

from plssem_pipeline.report.catalogue import Catalogue
from plssem_pipeline.report.inputs import ReportInputs
from plssem_pipeline.report.sections import provenance

from report_helpers import FILES, context_for, resolved_config

TOL = 5e-4          # a cell shows 3 decimals: |shown - file| <= 0.0005


@pytest.fixture(scope="module")
def appendix(study_run) -> dict:
    """The appendix's tables by number, from the context of the default study run."""
    context = context_for(study_run, audit="run")
    section = next(s for s in context["sections"] if s["id"] == "appendix")
    return {block["table"].number: block["table"] for block in section["blocks"]}


def _csv(run, path) -> pd.DataFrame:
    return pd.read_csv(run / path)


def _body(table) -> list:
    return [row for row in table.rows if row.group is None]


def _close(cell, expected) -> None:
    """The cell holds the file's number and shows it to 3 decimals (or as a whole number)."""
    assert cell.value == pytest.approx(float(expected), rel=0, abs=1e-12), cell
    assert abs(float(cell.text.replace("\u2212", "-")) - float(expected)) <= TOL, (cell.text, expected)


def test_appendix_tables_are_a1_to_a6_after_the_provenance(study_run, appendix):
    assert list(appendix) == ["A1", "A2", "A3", "A4", "A5", "A6"]
    context = context_for(study_run, audit="run")
    assert [s["id"] for s in context["sections"]][-2:] == ["provenance", "appendix"]
    html = (study_run / "report/results.html").read_text(encoding="utf-8")
    for number in appendix:
        assert f'id="table-{number.lower()}"' in html


def test_a1_indicator_data_equals_describe_indicators(study_run, appendix):
    expected = _csv(study_run, "results/describe/indicators.csv")
    rows = _body(appendix["A1"])
    assert [r.cells[0].text for r in rows] == expected["indicator"].astype(str).tolist()
    columns = ["missing", "mean", "median", "min", "max", "sd", "excess_kurtosis", "skewness"]
    for row, (_, record) in zip(rows, expected.iterrows()):
        for cell, column in zip(row.cells[1:], columns):
            _close(cell, record[column])
    assert all(r.cells[1].text == str(int(m)) for r, m in zip(rows, expected["missing"]))  # a count, no decimals
    groups = [row.group for row in appendix["A1"].rows if row.group is not None]
    assert len(groups) == expected["construct"].nunique()


def test_a2_cross_loadings_equal_the_csv_with_the_own_construct_marked(study_run, appendix):
    expected = _csv(study_run, "results/outer/cross_loadings.csv").set_index("indicator")
    config = resolved_config(study_run)
    owner = {i: c for c, spec in config["constructs"].items() for i in spec["indicators"]}
    table = appendix["A2"]
    assert [c.label for c in table.columns[1:]] == list(expected.columns)
    for row in table.rows:
        indicator = row.cells[0].text
        for cell, construct in zip(row.cells[1:], expected.columns):
            _close(cell, expected.loc[indicator, construct])
            assert (cell.flag == "strong") == (owner[indicator] == construct), (indicator, construct)
    assert len(table.rows) == len(expected)


@pytest.mark.parametrize("number, path", [("A3", "results/bootstrap/loadings.csv"),
                                          ("A4", "results/bootstrap/weights.csv"),
                                          ("A5", "results/bootstrap/r2.csv"),
                                          ("A6", "results/bootstrap/reliability.csv")])
def test_a3_to_a6_bootstrap_tables_equal_the_csvs(study_run, appendix, number, path):
    expected = _csv(study_run, path)
    rows = _body(appendix[number])
    assert len(rows) == len(expected)
    for row, (_, record) in zip(rows, expected.iterrows()):
        if number == "A6":                          # no T or P: a test of α, ρ or AVE against zero means nothing
            o, m, sd, low, high = row.cells[1:]
        else:
            o, m, sd, t, p, low, high = row.cells[1:]
            _close(t, abs(record["t"]))                       # SmartPLS's |O/STDEV|
            assert p.value == pytest.approx(record["p"], rel=0, abs=1e-12)
        for cell, column in ((o, "original"), (m, "mean"), (sd, "sd"), (low, "ci_low"), (high, "ci_high")):
            _close(cell, record[column])
    if number == "A6":
        groups = [row.group for row in appendix[number].rows if row.group is not None]
        assert len(groups) == expected["statistic"].nunique() == 4


def test_reliability_bootstrap_recomputed_from_the_draws(study_run):
    """results/bootstrap/reliability.csv: ``original`` is results/outer/reliability.csv; mean, SD (B' - 1) and
    the percentile interval (R's type 7, numpy's default) recomputed from draws.npz."""
    config = resolved_config(study_run)
    assert config["bootstrap"]["ci"] == "percentile"
    table = _csv(study_run, "results/bootstrap/reliability.csv")
    outer = _csv(study_run, "results/outer/reliability.csv").set_index("construct")
    for _, record in table.iterrows():
        assert record["original"] == pytest.approx(outer.loc[record["construct"], record["statistic"]], abs=1e-12)
    with np.load(study_run / "results/bootstrap/draws.npz") as data:
        draws = data["reliability"]
    assert draws.shape == (config["bootstrap"]["samples"], len(table))
    usable = draws[np.isfinite(draws).all(axis=1)]
    alpha = config["bootstrap"]["alpha"]
    np.testing.assert_allclose(table["mean"], usable.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(table["sd"], usable.std(axis=0, ddof=1), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(table["ci_low"], np.quantile(usable, alpha / 2, axis=0), rtol=1e-12)
    np.testing.assert_allclose(table["ci_high"], np.quantile(usable, 1 - alpha / 2, axis=0), rtol=1e-12)
    assert (table["n_valid"] == len(usable)).all()


# --- provenance: Table P1 ----------------------------------------------------------------------------

def _run_rows(inputs, root=None) -> dict:
    return {row.cells[0].text: row.cells[1].text for row in provenance.run_table(inputs, root).rows}


def _inputs(run, language="en") -> ReportInputs:
    config = resolved_config(run)
    config["report"]["language"] = language
    return ReportInputs(files={name: str(run / path) for name, path in FILES.items()}, config=config)


def test_run_table_of_the_study_run(study_run):
    context = context_for(study_run, audit="run")
    table = context["provenance"]["run"]
    assert table.number == "P1"
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    t = Catalogue("en")
    git = subprocess.run(["git", "-C", str(study_run), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    assert git.returncode != 0                                   # the run's folder is not a git repository
    assert rows[t("run_commit")] == t("run_no_git", reason=t("run_not_repo"))
    assert rows[t("run_platform")] == f"{platform.system()} {platform.release()} ({platform.machine()})"
    assert rows[t("run_python")].startswith(platform.python_version() + " ")
    assert rows[t("run_verify")] == "python -m plssem_pipeline.verify results/provenance.json"
    survey = study_run / "results/clean/survey.csv"
    data = pd.read_csv(survey)
    assert rows[t("run_data")] == f"results/clean/survey.csv: {len(data)} rows, {len(data.columns)} columns"
    assert rows[t("run_data_sha")] == hashlib.sha256(survey.read_bytes()).hexdigest()
    raw = resolved_config(study_run)["data"]["survey"]
    assert rows[t("run_raw")] == raw
    assert rows[t("run_raw_sha")] == hashlib.sha256((study_run / raw).read_bytes()).hexdigest()
    html = (study_run / "report/results.html").read_text(encoding="utf-8")
    assert 'id="table-p1"' in html and "python -m plssem_pipeline.verify results/provenance.json" in html


def test_run_table_date_is_source_date_epoch(study_run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")   # 2023-11-14 22:13:20 UTC
    rows = _run_rows(_inputs(study_run))
    assert rows[Catalogue("en")("run_date")] == "2023-11-14"


def test_run_table_commit_and_dirty_flag_are_gits(study_run, tmp_path):
    def git(*args):
        return subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org",
                               *args], capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q", "-b", "study")
    t = Catalogue("en")
    inputs = _inputs(study_run)
    assert _run_rows(inputs, tmp_path)[t("run_commit")] == t("run_no_git", reason=t("run_no_commits"))
    (tmp_path / "analysis.txt").write_text("first\n")
    git("add", "analysis.txt")
    git("commit", "-q", "-m", "first")
    clean = _run_rows(inputs, tmp_path)
    assert clean[t("run_commit")] == git("rev-parse", "HEAD")
    assert clean[t("run_branch")] == git("rev-parse", "--abbrev-ref", "HEAD") == "study"
    assert clean[t("run_tree")] == t("run_clean") and git("status", "--porcelain") == ""
    (tmp_path / "analysis.txt").write_text("changed\n")
    dirty = _run_rows(inputs, tmp_path)
    assert git("status", "--porcelain", "--untracked-files=no") == "M analysis.txt"
    assert dirty[t("run_tree")] == t("run_dirty", files="analysis.txt")
    assert dirty[t("run_commit")] == clean[t("run_commit")]


def test_both_languages_have_every_string_of_the_appendix_and_the_run_table(study_run):
    """Built in English and in Indonesian (a missing key raises), each caption and header in its language."""
    from plssem_pipeline.report.sections import appendix

    built = {}
    for language in ("en", "id"):
        inputs = _inputs(study_run, language)
        tables = [block["table"] for block in appendix.section(inputs)["blocks"]] + [provenance.run_table(inputs)]
        built[language] = [(table.caption, [c.label for c in table.columns], table.notes) for table in tables]
        assert appendix.section(inputs)["title"] == Catalogue(language)("sec_appendix")
    for english, indonesian in zip(built["en"], built["id"]):
        assert english[0] != indonesian[0] or english[0] == "R² (bootstrap)"
        assert english[2] != indonesian[2]
