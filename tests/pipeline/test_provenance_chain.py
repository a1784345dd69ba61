"""The provenance chain (issue 11, kind 2): an edited intermediate result stops the run, naming the file.

The hashes the tests compare against come from :mod:`hashlib` on the files' bytes, independently of the
pipeline's ``sha256_file``; the end-to-end case is the issue's own (edit ``results/outer/loadings.csv``,
run ``snakemake`` again).
"""
import hashlib
import json
import shutil
from types import SimpleNamespace

import pandas as pd
import pytest

from pipeline_helpers import snakemake
from plssem_pipeline import io
from plssem_pipeline.audit import chain, provenance
from plssem_pipeline.audit.manifest import verify_manifest
from plssem_pipeline.errors import UserError
from plssem_pipeline.steps.runner import run
from plssem_pipeline.verify import main as verify_main


def _project(tmp_path, monkeypatch):
    """results/outer/ written by a producer `outer`, results/mediation/ by a consumer that read its loadings."""
    monkeypatch.chdir(tmp_path)
    loadings = "results/outer/loadings.csv"
    io.write_csv(pd.DataFrame({"construct": ["KP"], "indicator": ["KP1"], "loading": [0.8468]}), loadings)
    provenance.write_json(provenance.step_summary("outer", inputs=[], outputs=[loadings]),
                          "results/outer/summary.json")
    io.write_csv(pd.DataFrame({"x": [1]}), "results/mediation/indirect.csv")
    provenance.write_json(provenance.step_summary("mediation", inputs=[loadings],
                                                  outputs=["results/mediation/indirect.csv"]),
                          "results/mediation/summary.json")
    return tmp_path / loadings


def _edit(path):
    path.write_text(path.read_text().replace("0.8468", "0.9468"))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_untouched_inputs_pass_and_the_producer_is_found(tmp_path, monkeypatch):
    loadings = _project(tmp_path, monkeypatch)
    record = chain.producer_of("results/outer/loadings.csv")
    assert record.step == "outer" and record.sha256 == hashlib.sha256(loadings.read_bytes()).hexdigest()
    chain.check_inputs(["results/outer/loadings.csv", "results/outer/summary.json", "config.yaml"])
    assert chain.verify_chain(tmp_path) == []


def test_an_edited_input_stops_the_step_naming_file_and_producer(tmp_path, monkeypatch, capsys):
    loadings = _project(tmp_path, monkeypatch)
    now = _edit(loadings)
    ran = []
    smk = SimpleNamespace(log=[str(tmp_path / "m.log")], rule="mediation", output=[],
                          input=["results/outer/loadings.csv"])
    with pytest.raises(SystemExit) as info:
        run(lambda smk, log: ran.append(1), smk)
    err = capsys.readouterr().err
    assert info.value.code == 1 and not ran and "Traceback" not in err
    assert err.startswith("Error in rule mediation: results/outer/loadings.csv: changed after rule outer wrote it")
    assert now[:12] in err and "results/outer/summary.json" in err
    assert "Delete results/outer/loadings.csv" in err and "snakemake --cores 4 -R outer" in err


def test_verify_finds_an_edit_that_a_rerun_laundered(tmp_path, monkeypatch, capsys):
    """The issue's case after the fact: the consumer re-ran on the edited file and recorded its hash."""
    loadings = _project(tmp_path, monkeypatch)
    recorded = hashlib.sha256(loadings.read_bytes()).hexdigest()
    now = _edit(loadings)
    provenance.write_json(provenance.step_summary("mediation", inputs=["results/outer/loadings.csv"],
                                                  outputs=["results/mediation/indirect.csv"]),
                          "results/mediation/summary.json")
    lines = chain.verify_chain(tmp_path)      # one line per summary, summaries in path order
    assert lines[1].startswith("edited   results/outer/loadings.csv (differs from what rule outer recorded")
    assert lines[0] == (f"chain    results/mediation/summary.json: rule mediation read results/outer/loadings.csv "
                        f"with SHA-256 {now[:12]}..., not the file rule outer wrote ({recorded[:12]}...)")
    assert len(lines) == 2
    # the manifest itself can be rebuilt after the edit: verification still fails on the chain
    files = {"inputs": {}, "code": {}, "outputs": {p: hashlib.sha256((tmp_path / p).read_bytes()).hexdigest()
                                                    for p in ("results/outer/loadings.csv",)}, "other": {}}
    result = verify_manifest({"files": files, "walked": []}, tmp_path / "results" / "provenance.json", root=tmp_path)
    assert not result.ok and not result.changed and result.chain == lines


@pytest.mark.parametrize("text", ["{not json", '{"step": "outer", "outputs": []}', "[1, 2]", '{"inputs": {}}'])
def test_a_producer_summary_of_the_wrong_shape_is_named(tmp_path, monkeypatch, text):
    _project(tmp_path, monkeypatch)
    (tmp_path / "results/outer/summary.json").write_text(text)
    with pytest.raises(UserError) as info:
        chain.check_inputs(["results/outer/loadings.csv"])
    assert str(info.value).startswith("results/outer/summary.json: not a step summary")
    assert "snakemake -R outer" in str(info.value)
    assert chain.verify_chain(tmp_path)[0].startswith("summary  results/outer/summary.json: not a step summary")
    with pytest.raises(UserError, match="^results/outer/summary.json: not a step summary"):
        chain.check_inputs(["results/outer/summary.json"])     # read as an input (the report reads summaries)

def test_snakemake_stops_on_a_hand_edited_intermediate(default_run, tmp_path):
    """Issue 11's example: edit results/outer/loadings.csv, run again: the first step reading it stops."""
    project = tmp_path / "project"
    shutil.copytree(default_run, project, symlinks=True)
    loadings = project / "results/outer/loadings.csv"
    lines = loadings.read_text().splitlines(keepends=True)
    construct, indicator, loading, *rest = lines[1].split(",")
    lines[1] = ",".join([construct, indicator, repr(float(loading) + 0.1), *rest])
    loadings.write_text("".join(lines))
    # mtime only: the case (the steps after the edited file rerun), whatever code changed meanwhile
    done = snakemake(project, "--cores", "1", "--rerun-triggers", "mtime", check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "results/outer/loadings.csv: changed after rule outer wrote it" in output
    assert "-R outer" in output and "Traceback" not in output
    assert loadings.read_text() == "".join(lines)           # the user's edit is not touched
    assert verify_main([str(project / "results/provenance.json")]) == 1
    summary = json.loads((project / "results/outer/summary.json").read_text())
    assert summary["outputs"]["results/outer/loadings.csv"] != hashlib.sha256(loadings.read_bytes()).hexdigest()
    # no step read the edit and recorded it: the chain shows the edited file and nothing laundered
    assert chain.verify_chain(project) == [
        "edited   results/outer/loadings.csv (differs from what rule outer recorded in results/outer/summary.json)"]
