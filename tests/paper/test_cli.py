"""The command line ``python -m plssem_pipeline.paper`` (issue 16): outputs, messages, exit status, determinism.

On a folder of four papers (:mod:`corpus_helpers`: the running example and three generated papers): every paper's
``published.yaml`` loads with the audit's own reader and gives the same checks as the findings.csv, the corpus's
findings.csv is the papers' rows, ``--jobs 1`` and ``--jobs 2`` write the same bytes, the inputs are left as they
were and nothing is written next to them; a missing path, an unknown suffix, two papers with one stem and an
output folder among the inputs are refused with a message naming them (exit 2); an unreadable paper is recorded
and gives exit 1 (0 with ``--exit-zero``).
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from corpus_helpers import EXAMPLE, digests, write_corpus
from plssem_pipeline.audit.consistency import CHECKS, COLUMNS, run_checks, ConsistencyOptions
from plssem_pipeline.audit.published import load_published
from plssem_pipeline.paper.__main__ import main
from plssem_pipeline.paper import audit_paper
from plssem_pipeline.paper.corpus import PAPER_FILES, _plain
from plssem_pipeline.paper.model import infer_model
from plssem_pipeline.study.safety import load_yaml


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("papers")
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def runs(papers, tmp_path_factory):
    """The folder audited with --jobs 1 and --jobs 2; the inputs' hashes before and after."""
    before = digests(papers)
    out = {jobs: tmp_path_factory.mktemp(f"jobs{jobs}") / "out" for jobs in (1, 2)}
    codes = {jobs: main([str(papers), "--out", str(path), "--jobs", str(jobs)]) for jobs, path in out.items()}
    return {"out": out, "codes": codes, "before": before, "after": digests(papers)}


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_paper_gets_its_folder_and_the_corpus_its_files(papers, runs):
    out = runs["out"][1]
    assert runs["codes"] == {1: 0, 2: 0}
    stems = sorted(p.stem for p in papers.iterdir())
    assert sorted(p.name for p in out.iterdir()) == sorted(stems + ["findings.csv", "overview.html"])
    corpus_rows = _rows(out / "findings.csv")
    for stem in stems:
        assert sorted(p.name for p in (out / stem).iterdir()) == sorted(PAPER_FILES)
        rows = _rows(out / stem / "findings.csv")
        assert rows and list(rows[0]) == ["paper", *COLUMNS]
        assert [r for r in corpus_rows if r["paper"] == rows[0]["paper"]] == rows
        status = json.loads((out / stem / "status.json").read_text(encoding="utf-8"))
        assert status["status"] == "audited" and sum(status["verdicts"].values()) == len(rows)
    assert [r["paper"] for r in corpus_rows] == sorted(r["paper"] for r in corpus_rows)  # papers by stem


def test_published_yaml_is_what_the_audit_reads(runs):
    """published.yaml loads with load_published, and its checks are the findings.csv's (same model, options)."""
    folder = runs["out"][1] / EXAMPLE.stem
    published = load_published(folder / "published.yaml")
    data = load_yaml(folder / "published.yaml")
    assert data["source"]["extracted_by"] == "plssem_pipeline.paper" and data["provenance"]
    assert data == _plain(audit_paper(EXAMPLE).extraction.published) | {"source": data["source"]}  # nothing lost
    rows = run_checks(published, infer_model(data), ConsistencyOptions(tails="auto", language=data["source"]["language"]))
    assert [(r.check, r.item, r.verdict) for r in rows] == [
        (r["check"], r["item"], r["verdict"]) for r in _rows(folder / "findings.csv")]


def test_any_number_of_jobs_writes_the_same_bytes(runs):
    one, two = (digests(runs["out"][jobs]) for jobs in (1, 2))
    assert one == two and len(one) == 4 * len(PAPER_FILES) + 2


def test_the_inputs_are_left_as_they_were(papers, runs):
    assert runs["after"] == runs["before"]  # no paper modified, nothing written beside them


def test_planted_errors_are_in_the_corpus_findings(runs):
    rows = _rows(runs["out"][2] / "findings.csv")
    failed = {(r["paper"].split("-")[0], r["check"]) for r in rows if r["verdict"] == "fail"}
    assert {("service", "p_from_t"), ("adoption", "variance_explained")} <= failed
    assert not {check for paper, check in failed if paper == "msme"}  # the clean paper


def test_overview_lists_every_paper_with_a_link(runs):
    html = (runs["out"][1] / "overview.html").read_text(encoding="utf-8")
    for folder in runs["out"][1].iterdir():
        if folder.is_dir():
            assert f'href="{folder.name}/findings.csv"' in html
    assert str(runs["out"][1]) not in html  # no machine path: the same corpus gives the same page anywhere


@pytest.mark.parametrize("case", ["missing", "suffix", "stem", "out", "out-file", "out-under-file"])
def test_bad_command_lines_are_refused_with_a_message(case, papers, tmp_path, capsys):
    (tmp_path / "notes.docx").write_text("x", encoding="utf-8")
    (tmp_path / f"{EXAMPLE.stem}.txt").write_text("x", encoding="utf-8")
    arguments = {"missing": [str(tmp_path / "absent.md")],
                 "suffix": [str(tmp_path / "notes.docx")],
                 "stem": [str(papers / EXAMPLE.name), str(tmp_path / f"{EXAMPLE.stem}.txt")],
                 "out": [str(papers), "--out", str(papers)],
                 "out-file": [str(papers / EXAMPLE.name), "--out", str(tmp_path / "notes.docx")],
                 "out-under-file": [str(papers / EXAMPLE.name), "--out", str(tmp_path / "notes.docx" / "x")]}[case]
    before = digests(tmp_path)
    assert main([*arguments, "--out", str(tmp_path / "out")] if "--out" not in arguments else arguments) == 2
    message = capsys.readouterr().err
    expected = {"missing": ["absent.md", "no such file"], "suffix": ["notes.docx", "'.docx'"],
                "stem": [EXAMPLE.name, f"{EXAMPLE.stem}.txt", "the stem"],
                "out": ["never writes next to its inputs"], "out-file": ["notes.docx is a file, not a folder"],
                "out-under-file": ["notes.docx is a file, not a folder"]}[case]
    assert all(word in message for word in expected) and "Traceback" not in message, message
    assert digests(tmp_path) == before and not (tmp_path / "out").exists()


def test_an_unreadable_paper_is_recorded_and_sets_the_exit_status(tmp_path, capsys):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes("Tabel 1. caf\xe9".encode("latin-1"))
    (folder / "notables.md").write_text("# A paper\n\nNo results table here.\n", encoding="utf-8")
    (folder / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    assert main([str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "latin1.txt: not audited" in err and "notables.md: not audited" in err
    statuses = {p: json.loads((tmp_path / "out" / p / "status.json").read_text(encoding="utf-8"))
                for p in ("latin1", "notables")}
    assert {s["status"] for s in statuses.values()} == {"unreadable"}
    assert "UTF-8" in statuses["latin1"]["message"] and "no PLS-SEM results table" in statuses["notables"]["message"]
    assert load_published(tmp_path / "out" / "latin1" / "published.yaml").table_order == []
    html = (tmp_path / "out" / "overview.html").read_text(encoding="utf-8")
    assert "unreadable: " in html and "1 audited, 2 unreadable" in html
    assert main([str(folder / "latin1.txt"), "--out", str(tmp_path / "out2"), "--exit-zero"]) == 0


def test_python_dash_m_runs_it(tmp_path):
    done = subprocess.run([sys.executable, "-m", "plssem_pipeline.paper", str(EXAMPLE), "--out", str(tmp_path),
                           "--language", "en"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{EXAMPLE.name}: " in done.stdout and (tmp_path / EXAMPLE.stem / "findings.csv").is_file()
    assert not (tmp_path / "overview.html").exists()  # one paper: its folder only
    rows = _rows(tmp_path / EXAMPLE.stem / "findings.csv")
    assert any("rounding" in r["explanation"] or "printed" in r["explanation"] for r in rows)  # English


PATHS_ONLY = ("# Results\n\n{n}Table 5. Path coefficients\n\n"
              "| Path | Original sample (O) | Sample mean (M) | Standard deviation (STDEV) | "
              "T statistics (\\|O/STDEV\\|) | P values |\n|---|---|---|---|---|---|\n"
              "| EC -> IP | 0.589 | 0.590 | 0.051 | 11.574 | 0.000 |\n"
              "| KP -> IP | 0.484 | 0.485 | 0.054 | 8.966 | 0.030 |\n")


@pytest.mark.parametrize("n", ["", "The sample comprised 250 respondents.\n\n"], ids=["without n", "with n"])
def test_a_paper_without_a_measurement_model_gets_the_checks_that_need_none(tmp_path, n):
    """No loadings table: no model to infer; t and p are still checked, the rest is recorded as skipped (with n
    stated too: the sample-size rules that need the model are skipped with their reason, not a crash)."""
    paper = tmp_path / "paths-only.md"
    paper.write_text(PATHS_ONLY.format(n=n), encoding="utf-8")
    result = audit_paper(paper)
    verdicts = {(r.check, r.item): r.verdict for r in result.findings}
    assert verdicts == {("t_equals_o_over_sd", "EC -> IP"): "pass", ("t_equals_o_over_sd", "KP -> IP"): "pass",
                        ("p_from_t", "EC -> IP"): "pass", ("p_from_t", "KP -> IP"): "fail"}
    assert any(what == "model" and "no outer loadings table" in reason for what, _, reason in result.skipped)
    assert not any(run.error for run in result.runs)
    if n:
        assert result.extraction.published["n"] == 250
        reasons = {what: reason for what, _, reason in result.skipped}
        assert "no outer loadings table" in reasons["sample_size_10_times_rule"]
        assert "no outer loadings table" in reasons["sample_size_per_indicator"]
        assert "no model" in reasons["sample_size_inverse_square_root"]


def test_a_paper_on_which_most_checks_did_not_run_is_not_shown_as_clean(tmp_path, capsys):
    """A path table only: 0 fail and 0 warn, but the line, status.json and the overview say how little ran."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "paths-only.md").write_text(PATHS_ONLY.format(n=""), encoding="utf-8")
    (folder / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    assert main([str(folder), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    status = json.loads((tmp_path / "out" / "paths-only" / "status.json").read_text(encoding="utf-8"))
    ran, total = status["checks_run"], status["checks_total"]
    assert ran == 2 and total == len(CHECKS) and status["check_errors"] == []
    assert f"paths-only.md: 1 fail, 0 warn, 3 pass (1 tables; 2 of {total} checks ran, mostly unchecked" in out
    skipped = _rows(tmp_path / "out" / "paths-only" / "skipped.csv")
    assert {r["check"] for r in skipped if r["item"] == "all"} >= {"ave", "sample_size", "claims"}
    assert status["skipped"] == len(skipped)
    html = (tmp_path / "out" / "overview.html").read_text(encoding="utf-8")
    row = next(line for line in html.splitlines() if "paths-only.md</a>" in line)
    assert 'class="partial"' in row and "mostly unchecked" in row and f"2 of {total}</a>" in row
    assert 'href="paths-only/skipped.csv"' in row
    example = next(line for line in html.splitlines() if f"{EXAMPLE.name}</a>" in line)
    assert "partial" not in example and "mostly unchecked" not in example


def test_a_check_that_raises_is_recorded_and_the_others_still_run(tmp_path, monkeypatch, capsys):
    """A bug of one check on one paper: that check's error in skipped.csv and status.json, the overview says so,
    every other check's rows as without it; the pipeline (no ``runs=``) still stops on it."""
    from plssem_pipeline.audit import consistency

    def check_broken(pub, model, options):
        raise ZeroDivisionError("on purpose")

    before = {(r.check, r.item, r.verdict) for r in audit_paper(EXAMPLE).findings}
    monkeypatch.setattr(consistency, "CHECKS", [check_broken, *consistency.CHECKS])
    result = audit_paper(EXAMPLE)
    assert {(r.check, r.item, r.verdict) for r in result.findings} == before
    assert [run.error for run in result.runs if run.error] == ["ZeroDivisionError: on purpose"]
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        (folder / name).write_bytes(EXAMPLE.read_bytes())
    assert main([str(folder), "--out", str(tmp_path / "out")]) == 0
    assert "check broken raised ZeroDivisionError" in capsys.readouterr().err
    status = json.loads((tmp_path / "out" / "a" / "status.json").read_text(encoding="utf-8"))
    assert status["check_errors"] == ["broken"]
    skipped = _rows(tmp_path / "out" / "a" / "skipped.csv")
    assert {"check": "broken", "item": "all",
            "reason": "internal error of the check (ZeroDivisionError: on purpose): it did not run; please report it"
            } in skipped
    assert "error: broken" in (tmp_path / "out" / "overview.html").read_text(encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        run_checks(load_published(tmp_path / "out" / "a" / "published.yaml"),
                   infer_model(result.extraction.published), ConsistencyOptions())


def test_no_machine_path_in_the_outputs(tmp_path, monkeypatch):
    """The same folder given relative and absolute writes the same bytes, and no output names where it is."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Tabel 1. caf\xe9".encode("latin-1"))
    (folder / "paths-only.md").write_text(PATHS_ONLY.format(n=""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["papers", "--out", "relative"]) == 1
    assert main([str(folder), "--out", str(tmp_path / "absolute")]) == 1
    assert digests(tmp_path / "relative") == digests(tmp_path / "absolute")
    for path in (tmp_path / "absolute").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert str(tmp_path) not in text and "papers/" not in text, path
