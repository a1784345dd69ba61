"""The corpus workflow ``workflow/corpus.smk`` (issue 16), run by Snakemake on a folder of four papers.

``snakemake -s workflow/corpus.smk --config papers=DIR --cores 2`` in a fresh working folder: one ``paper_audit``
job per paper, two at a time, then ``results/corpus/findings.csv`` and ``overview.html``. Required: the run
writes the same bytes as the command line auditing the papers one at a time (``--jobs 1``: the same
``audit_into`` per paper and ``combine``, in order; what one core would write), each paper's folder and the
findings alike, and the overview but for its links (the workflow's paper folders lie in ``papers/``); the
papers are left as they were; the example paper's findings include every finding that its hand transcription
(``data/published/nafia-komaryatin-2026.yaml``) lists in its notes and that a check covers; a missing
``papers`` setting stops the run with a message naming the key.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_helpers import EXAMPLE, HAND_FILE, ROOT, digests, write_corpus
from plssem_pipeline.paper.__main__ import main
from plssem_pipeline.paper.corpus import PAPER_FILES
from plssem_pipeline.study.safety import load_yaml

SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))
WORKFLOW = ROOT / "workflow" / "corpus.smk"
#: The hand file's notes that the checks cover: note id -> (check, verdict, the items' paths).
KNOWN = {
    "t4_prose_percentages": ("variance_explained", "fail", ["IP", "KU"]),
    "t4_thresholds": ("r2_label", "fail", ["IP"]),
    "reversed_inequalities": ("inequality_verdict", "fail", ["KP -> KU", "KP -> IP -> KU", "EC -> IP -> KU"]),
    "kp_ku_p_value": ("prose_vs_table", "fail", ["KP -> KU"]),
    "mediation_p_values_swapped": ("prose_vs_table", "fail", ["KP -> IP -> KU / EC -> IP -> KU"]),  # one row
    "hypothesis_numbering_results_paragraph": ("hypothesis_numbering", "fail", [""]),
    "t5_placement": ("decision_rule", "fail", [""]),
    "t3_cr_is_probably_rho_a": ("composite_reliability_variant", "warn", [""]),
}


def _snakemake(workdir: Path, *config: str, cores: int = 2) -> subprocess.CompletedProcess:
    return subprocess.run([SNAKEMAKE, "-s", str(WORKFLOW), "--directory", str(workdir), "--cores", str(cores),
                           "--config", *config], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    papers = tmp_path_factory.mktemp("papers")
    write_corpus(papers)
    before = digests(papers)
    workdir = tmp_path_factory.mktemp("cores2")
    done = _snakemake(workdir, f"papers={papers}", cores=2)
    assert done.returncode == 0, done.stderr[-3000:]
    out = workdir / "results" / "corpus"
    cli = tmp_path_factory.mktemp("cli") / "papers"
    assert main([str(p) for p in sorted(papers.iterdir())] + ["--out", str(cli), "--jobs", "1"]) == 0
    return {"papers": papers, "before": before, "after": digests(papers), "out": out, "cli": cli}


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_two_cores_write_what_one_paper_at_a_time_writes(runs):
    two = {name for name in digests(runs["out"]) if not name.startswith("logs/")}  # the logs: the run's record
    assert sorted(two) == sorted([f"papers/{p.stem}/{name}" for p in runs["papers"].iterdir() for name in PAPER_FILES]
                                 + ["findings.csv", "overview.html"])
    assert (runs["out"] / "findings.csv").read_bytes() == (runs["cli"] / "findings.csv").read_bytes()
    overview = (runs["cli"] / "overview.html").read_text(encoding="utf-8").replace('<a href="', '<a href="papers/')
    assert (runs["out"] / "overview.html").read_text(encoding="utf-8") == overview


def test_each_paper_folder_is_what_the_command_line_writes(runs):
    cli = {k: v for k, v in digests(runs["cli"]).items() if "/" in k}  # the papers' folders
    assert digests(runs["out"] / "papers") == cli


def test_the_papers_are_left_as_they_were(runs):
    assert runs["after"] == runs["before"]


def test_the_example_papers_known_findings_are_found(runs):
    notes = {note["id"] for note in load_yaml(HAND_FILE)["source"]["notes"]}
    assert set(KNOWN) <= notes
    rows = [r for r in _rows(runs["out"] / "findings.csv") if r["paper"] == EXAMPLE.name]
    missing = [(note, check, path) for note, (check, verdict, paths) in KNOWN.items() for path in paths
               if not any(r["check"] == check and r["verdict"] == verdict and r["item"].startswith(path)
                          for r in rows)]
    assert not missing, missing


def test_the_overview_has_a_row_per_paper(runs):
    html = (runs["out"] / "overview.html").read_text(encoding="utf-8")
    for paper in runs["papers"].iterdir():
        assert f'<a href="papers/{paper.stem}/findings.csv">{paper.name}</a>' in html
    assert "4 papers: 4 audited." in html


def test_without_papers_the_run_stops_naming_the_key(tmp_path):
    done = _snakemake(tmp_path, "out=results/corpus")
    assert done.returncode != 0 and "papers" in done.stderr and "--config papers=DIR" in done.stderr
