"""Runs of the real ``snakemake`` for the bad-input tests, several at once.

Each :class:`Run` sets up a temporary copy of the project (``make_project``
from ``tests/pipeline/pipeline_helpers.py``), runs the ``snakemake`` command
line in it exactly as a user would, and records the exit status, the
terminal output, the SHA-256 of the raw survey before and after, and whether
a marker file that hostile input tries to create exists. The runs are
independent: they are made in the background with the suite's other shared
runs (``tests/pipeline/run_pool_helpers.py``), to keep the suite within its
time budget.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

import run_pool_helpers
from badinput_corpus import CORPUS, SURVEY, Case, Table
from pipeline_helpers import ROOT, make_project, snakemake, study_config

#: A file that hostile config text tries to create; it must never exist.
MARKER = "PWNED"


@dataclass
class Run:
    name: str
    setup: Callable[[Path], None]
    args: tuple[str, ...]
    survey: str = SURVEY


@dataclass
class Done:
    run: Run
    directory: Path
    process: subprocess.CompletedProcess
    survey_before: str | None
    survey_after: str | None

    @property
    def output(self) -> str:
        return self.process.stdout + self.process.stderr

    def log(self, rule: str) -> str:
        path = self.directory / "results" / "logs" / f"{rule}.log"
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    @property
    def marker_exists(self) -> bool:
        return any(self.directory.rglob(f"{MARKER}*"))


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def corpus_run(case: Case) -> Run:
    def setup(directory: Path) -> None:
        make_project(directory, config=case.make_config())
        case.write(directory)
    return Run(case.name, setup, (*case.snakemake, "--cores", "1", "--keep-going"), case.survey_name)


def _base_project(directory: Path, **config_changes) -> dict:
    config = study_config(SURVEY, samples=20, chunks=1)
    config["published"] = None
    config.update(config_changes)
    make_project(directory, config=config)
    (directory / SURVEY).write_bytes(Table.base().bytes())
    return config


def _append_to_config(text: str, *, first: bool = False):
    def setup(directory: Path) -> None:
        _base_project(directory)
        path = directory / "config.yaml"
        body = path.read_text(encoding="utf-8")
        path.write_text(text + body if first else body + text, encoding="utf-8")
    return setup


def _configfile_with_tag(directory: Path) -> None:
    _base_project(directory)
    (directory / "study.yaml").write_text(
        (directory / "config.yaml").read_text(encoding="utf-8")
        + f"extra: !!python/object/apply:os.system ['touch {MARKER}_configfile']\n", encoding="utf-8")


def _published_with_tag(directory: Path) -> None:
    _base_project(directory, published="data/published/evil.yaml")
    (directory / "data" / "published" / "evil.yaml").write_text(
        f"table2: !!python/object/apply:os.system ['touch {MARKER}_published']\n", encoding="utf-8")


def _boolean_construct_key(directory: Path) -> None:
    """config.yaml with construct KP renamed NO, unquoted: YAML 1.1 reads the key as False (issue 11)."""
    _base_project(directory)
    path = directory / "config.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\n  KP:\n" in text
    path.write_text(text.replace("\n  KP:\n", "\n  NO:\n"), encoding="utf-8")


def _alias_bomb_configfile(directory: Path) -> None:
    """A --configfile whose nested aliases would expand to 9**9 items (a "billion laughs" bomb)."""
    _base_project(directory)
    bomb = ["lol0: &lol0 [x, x, x, x, x, x, x, x, x]"] + [
        f"lol{k}: &lol{k} [{', '.join([f'*lol{k - 1}'] * 9)}]" for k in range(1, 10)]
    (directory / "study.yaml").write_text((directory / "config.yaml").read_text(encoding="utf-8")
                                          + "\n".join(bomb) + "\n", encoding="utf-8")


def _mapping_bomb_config_yaml(directory: Path) -> None:
    """config.yaml ending in nested mapping aliases (9**9 leaves): refused before Snakemake's loader reads it."""
    _base_project(directory)
    bomb = ["m0: &m0 {" + ", ".join(f"k{j}: x" for j in range(9)) + "}"] + [
        f"m{k}: &m{k} {{" + ", ".join(f"k{j}: *m{k - 1}" for j in range(9)) + "}" for k in range(1, 10)]
    with open(directory / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n".join(bomb) + "\n")


#: Safe-execution runs: hostile or careless config files, refused before anything runs.
SAFETY_RUNS = [
    Run("python_tag_in_config_yaml",
        _append_to_config(f"extra: !!python/object/apply:os.system ['touch {MARKER}_tag']\n"), ("-n",)),
    Run("yte_template_in_config_yaml",
        _append_to_config(f"__use_yte__: true\nmarker: ?__import__('pathlib').Path('{MARKER}_yte').touch()\n",
                          first=True), ("-n",)),
    Run("python_tag_in_configfile", _configfile_with_tag, ("-n", "--configfile", "study.yaml")),
    Run("python_tag_in_published", _published_with_tag, ("-n",)),
    Run("boolean_construct_key", _boolean_construct_key, ("-n",)),
    Run("alias_bomb_in_configfile", _alias_bomb_configfile, ("-n", "--configfile", "study.yaml")),
    Run("mapping_bomb_in_config_yaml", _mapping_bomb_config_yaml, ("-n",)),
]

#: Hostile text for the report, fed through construct labels, a variable label, category names and the title.
HOSTILE = {
    "KP": "<script>alert(1)</script>",
    "EC": r"\input{/etc/passwd}",
    "IP": rf"\write18{{touch {MARKER}_tex}} \immediate\write18{{touch {MARKER}_tex2}}",
    "KU": "50% of A&B_1 cost $5 ~ ^ # {x}",
    "variable": r"<b>Type</b> & \input{/etc/passwd}",
    "categories": {1: "<script>alert(2)</script>", 2: rf"\write18{{touch {MARKER}_cat}}", 3: "$ & % _ ^ ~ #",
                   4: r"\def\x{y}\x \catcode`\@=11"},
    "title": r"<img src=x onerror=alert(3)> \input{/etc/passwd} $(touch PWNED_title)",
}
REPORT_RULE = (ROOT / "workflow" / "rules" / "report.smk").is_file()
TEX = shutil.which("pdflatex") is not None


def _hostile_report(directory: Path) -> None:
    config = _base_project(directory)
    for name in ("KP", "EC", "IP", "KU"):
        config["constructs"][name]["label"] = HOSTILE[name]
    config["respondents"]["business_type"] = {"label": HOSTILE["variable"], "categories": HOSTILE["categories"]}
    config["report"] = {"title": HOSTILE["title"], "formats": ["html", "tex", "pdf"], "language": "en"}
    (directory / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                           encoding="utf-8")


#: The report with hostile labels: the whole DAG (only where the report rule exists).
REPORT_RUNS = [Run("hostile_labels_report", _hostile_report,
                   ("report/results.html", "report/results.tex", *(["report/results.pdf"] if TEX else []),
                    "--cores", "2"))] if REPORT_RULE else []

#: Every Snakemake run of the bad-input tests (the longest first).
RUNS = REPORT_RUNS + [corpus_run(case) for case in CORPUS if case.snakemake] + SAFETY_RUNS


def _build(run: Run) -> Callable[[Path], Done]:
    """Make ``run`` in a fresh directory: set it up, run ``snakemake``, hash the survey before and after."""
    def build(directory: Path) -> Done:
        run.setup(directory)
        survey = directory / run.survey
        before = _sha256(survey)
        process = snakemake(directory, *run.args, check=False, timeout=600)
        return Done(run, directory, process, before, _sha256(survey))
    return build


for _run in RUNS:   # made in the background with the suite's other shared runs (run_pool_helpers)
    run_pool_helpers.register(f"badinput_{_run.name}", _build(_run), "snakemake_runs")


class Runs(Mapping):
    """``{run name: Done}`` of :data:`RUNS`; a run is awaited when a test first reads it."""

    def __init__(self, tmp_path_factory):
        self._factory = tmp_path_factory

    def __getitem__(self, name: str) -> Done:
        if name not in {run.name for run in RUNS}:
            raise KeyError(name)
        return run_pool_helpers.result(f"badinput_{name}", self._factory)

    def __iter__(self):
        return iter([run.name for run in RUNS])

    def __len__(self) -> int:
        return len(RUNS)
