"""A representative subset of the corpus through the real ``snakemake`` command line.

One case per failure family (config schema, config semantics, config paths,
survey file, survey values), a clean run whose recodes land in
``results/clean/exclusions.csv``, and every numerical fault. A user error
ends the run with a non-zero exit and the message — naming the file, row,
column or config key and what was expected — on the terminal and in the
failing rule's log (config errors stop Snakemake before any rule, so they are
on the terminal only); a numerical fault that does not stop the run is a
``Warning in rule ...`` on the terminal, in the log and in the step's
``summary.json``. Never a traceback; the raw survey is never modified.
"""
import json

import pandas as pd
import pytest

from badinput_corpus import BY_NAME, CORPUS

IN_SNAKEMAKE = [case for case in CORPUS if case.snakemake]
#: The rule whose log holds a case's message.
RULE = {"clean": "clean", "estimate": "outer", "bootstrap": "bootstrap"}


def _read(done, path):
    return json.loads((done.directory / path).read_text()) if path.endswith(".json") else \
        pd.read_csv(done.directory / path, keep_default_na=False, dtype=str)


@pytest.mark.parametrize("case", IN_SNAKEMAKE, ids=lambda c: c.name)
def test_corpus_case_in_snakemake(case, snakemake_runs):
    done = snakemake_runs[case.name]
    output = done.output
    assert "Traceback" not in output, output[-3000:]
    assert done.survey_after == done.survey_before, "the raw survey was modified"
    if case.outcome == "error":
        assert done.process.returncode != 0
        terminal = done.process.stderr
        for fragment in case.expect:
            assert fragment in terminal, f"{fragment!r} not on the terminal:\n{terminal[-3000:]}"
        if case.stage == "config":
            assert "Error: config.yaml: " in terminal
            # nothing written: no results/ at all, or (a survey placed in results/) only the user's own file
            written = sorted(p for p in (done.directory / "results").rglob("*") if p.is_file())
            assert written in ([], [done.directory / case.survey_name]), written
        else:
            rule = RULE[case.stage]
            assert f"Error in rule {rule}: " in terminal
            log = done.log(rule) + done.log("outer") + done.log("inner")
            for fragment in case.expect:
                assert fragment in log, f"{fragment!r} not in the log of rule {rule}:\n{log[-3000:]}"
    else:
        assert done.process.returncode == 0, output[-3000:]


def test_clean_run_logs_every_recode(snakemake_runs):
    case = BY_NAME["blank_cells"]
    done = snakemake_runs["blank_cells"]
    exclusions = _read(done, "results/clean/exclusions.csv")
    rows = {(int(r), c): (v, reason, action) for r, c, v, reason, action in
            exclusions[["row", "column", "raw_value", "reason", "action"]].values}
    for row, column, raw, reason, action in case.exclusions:
        value, got_reason, got_action = rows[(row, column)]
        assert value == raw and got_reason.startswith(reason) and got_action.startswith(action)
    respondents = _read(done, "results/describe/respondents.csv")
    missing = respondents[(respondents["variable"] == "business_type") & (respondents["category"] == "(missing)")]
    assert missing["n"].tolist() == ["1"]
    summary = _read(done, "results/clean/summary.json")
    assert summary["details"]["missing_indicator_values"] == 2


def test_non_convergence_is_reported_then_stops_the_bootstrap(snakemake_runs):
    done = snakemake_runs["not_converged"]
    terminal = done.process.stderr
    for rule in ("outer", "inner"):
        summary = _read(done, f"results/{rule}/summary.json")["details"]
        assert summary["converged"] is False and summary["iterations"] == 1
        assert summary["warnings"] and summary["warnings"][0].startswith("the PLS algorithm did not converge")
        assert f"Warning in rule {rule}: the PLS algorithm did not converge" in terminal
        assert "WARNING the PLS algorithm did not converge" in done.log(rule)
    assert "Error in rule bootstrap: config key algorithm.max_iter: 60 of 60 bootstrap subsamples failed" in terminal
    assert not (done.directory / "results/bootstrap/paths.csv").exists()   # no summary built on nothing


def test_failed_subsamples_are_counted_listed_and_left_out(snakemake_runs):
    done = snakemake_runs["failed_subsamples"]
    summary = _read(done, "results/bootstrap/summary.json")["details"]
    subsamples = _read(done, "results/bootstrap/subsamples.csv")
    failed = subsamples[subsamples["failed"] == "True"]["subsample"].astype(int).tolist()
    assert 5 <= len(failed) < 60
    assert summary["failed"] == len(failed) and summary["failed_subsamples"] == failed
    assert summary["failed_by_reason"] == {"constant_indicator": len(failed), "not_converged": 0, "singular": 0}
    assert summary["not_converged"] == 0            # a constant-item failure is not also counted as non-converged
    reasons = subsamples[subsamples["failed"] == "True"]["failed_reason"]
    assert set(reasons) == {"constant_indicator"} and set(subsamples[subsamples["failed"] == "False"]["failed_reason"]) == {""}
    assert summary["usable"] == 60 - len(failed)
    message = f"{len(failed)} of 60 bootstrap subsamples failed"
    assert f"Warning in rule bootstrap: {message}" in done.process.stderr
    assert message in done.log("bootstrap") and summary["warnings"][0].startswith(message)
    for table in ("bootstrap/paths.csv", "bootstrap/loadings.csv", "mediation/indirect.csv"):
        assert set(_read(done, f"results/{table}")["n_valid"]) == {str(60 - len(failed))}, table


def test_construct_named_na_is_a_name_in_every_result(snakemake_runs):
    """Issue 11 (4): a construct named NA runs through mediation, hypotheses and the report, its rows named NA."""
    done = snakemake_runs["construct_named_NA"]
    assert done.process.returncode == 0, done.output[-3000:]
    indirect = _read(done, "results/mediation/indirect.csv")
    assert "NA" in set(indirect["source"]) and indirect["path"].str.startswith("NA -> ").any()
    hypotheses = _read(done, "results/hypotheses/hypotheses.csv")
    assert hypotheses["path"].str.startswith("NA -> ").sum() == 2        # NA -> IP, NA -> KU
    assert "NA → IP" in (done.directory / "report/results.html").read_text(encoding="utf-8") or \
        "NA -&gt; IP" in (done.directory / "report/results.html").read_text(encoding="utf-8")
