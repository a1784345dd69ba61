"""The provenance chain: every results file a step reads is the file its producer wrote.

Each step records, in the ``summary.json`` beside its results, the SHA-256 of
the files it read (``inputs``) and wrote (``outputs``;
:func:`plssem_pipeline.audit.provenance.step_summary`). A results file edited
by hand after its step wrote it no longer matches its producer's record; a
rerun of the steps after it would carry the edit into the report and record it
as if estimated. Two checks close the chain:

* :func:`check_inputs`, run by :func:`plssem_pipeline.steps.runner.run` before
  every step, stops the step when a file it is about to read differs from what
  its producer recorded, naming the file and the way out (delete it, or rerun
  its producer with ``snakemake -R <rule>``);
* :func:`verify_chain`, part of ``python -m plssem_pipeline.verify``, finds,
  for a finished results folder, every file that differs from its producer's
  record and every step that read a file other than the one its producer wrote.

Files that no step summary lists (the survey, the config, bootstrap chunks,
figures) are not part of the chain; the manifest covers them.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .provenance import sha256_file

__all__ = ["SUMMARY", "Record", "producer_of", "check_inputs", "verify_chain"]

#: The name of every step's summary, beside its results.
SUMMARY = "summary.json"
#: Digits of a SHA-256 shown in messages.
SHOWN = 12


@dataclass(frozen=True)
class Record:
    """What a producer recorded about one of its outputs."""

    summary: Path   # the producer's summary.json
    step: str       # the producer's rule
    sha256: str     # the output's hash when the producer wrote it


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _resolve(path, root: Path) -> Path:
    path = Path(path)
    return (path if path.is_absolute() else root / path).resolve()


def _summary_sections(path: Path, root: Path) -> tuple[str, dict, dict]:
    """``(step, inputs, outputs)`` of a step summary, hash maps keyed by resolved path.

    Raises
    ------
    UserError
        When the file is not a step summary (not JSON, or ``step``/``inputs``/``outputs`` of the wrong type).
    """
    name = _relative(path, root)
    rule = path.parent.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"not a step summary (not JSON text: {error}); rerun its producer: snakemake -R {rule}",
                        file=name) from None
    sections = [data.get(key) if isinstance(data, dict) else None for key in ("inputs", "outputs")]
    if not isinstance(data, dict) or not isinstance(data.get("step"), str) or not all(
            isinstance(s, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in s.items())
            for s in sections):
        raise UserError("not a step summary (expected 'step' and 'inputs'/'outputs' mapping file names to "
                        f"SHA-256 hashes); rerun its producer: snakemake -R {rule}", file=name)
    inputs, outputs = ({_resolve(k, root): v for k, v in s.items()} for s in sections)
    return data["step"], inputs, outputs


class _Summaries:
    """Step summaries read once each, by folder."""

    def __init__(self, root: Path):
        self.root = root
        self.loaded: dict[Path, tuple[str, dict, dict] | None] = {}

    def get(self, summary: Path):
        if summary not in self.loaded:
            self.loaded[summary] = _summary_sections(summary, self.root) if summary.is_file() else None
        return self.loaded[summary]

    def producer_of(self, path: Path) -> Record | None:
        results = (self.root / "results").resolve()
        if results not in path.parents:
            return None
        for folder in path.parents:
            if folder == results:
                return None
            found = self.get(folder / SUMMARY)
            if found is not None and path in found[2]:
                return Record(summary=folder / SUMMARY, step=found[0], sha256=found[2][path])
        return None


def producer_of(path, root=".") -> Record | None:
    """The record of the step that wrote ``path`` (a file under ``results/``), or None when no summary lists it.

    The producer's ``summary.json`` lies in the file's folder or a folder above it, below ``results/``.

    Raises
    ------
    UserError
        When the summary in question is not a step summary.
    """
    root = Path(root).resolve()
    return _Summaries(root).producer_of(_resolve(path, root))


def _edit_message(path: Path, record: Record, now: str, root: Path) -> str:
    return (f"changed after rule {record.step} wrote it (SHA-256 {record.sha256[:SHOWN]}... recorded in "
            f"{_relative(record.summary, root)}, {now[:SHOWN]}... now); a hand-edited intermediate result "
            f"would reach the report as if estimated. Delete {_relative(path, root)} (the next run rebuilds it) "
            f"or rerun its producer: snakemake --cores 4 -R {record.step}")


def check_inputs(paths: Iterable, root=".") -> None:
    """Stop when a results file about to be read differs from what its producer recorded.

    Parameters
    ----------
    paths : iterable of path
        The files a step reads (a rule's ``input``); those no step summary lists are skipped.
    root : path
        Project directory (the working directory of the run).

    Raises
    ------
    UserError
        Naming the first edited file, its producer and what to do; or a summary (a producer's, or one read as
        an input) that is not one.
    """
    root = Path(root).resolve()
    summaries = _Summaries(root)
    for name in paths:
        path = _resolve(name, root)
        if path.name == SUMMARY and path.is_file() and (root / "results").resolve() in path.parents:
            summaries.get(path)      # a step summary read as an input is one (UserError naming it if not)
        record = summaries.producer_of(path)
        if record is None or not path.is_file():
            continue
        now = sha256_file(path)
        if now != record.sha256:
            raise UserError(_edit_message(path, record, now, root), file=_relative(path, root))


def verify_chain(root) -> list[str]:
    """Every break in the chain of a results folder, one line each (empty when it holds).

    ``edited <file> ...``: a file differs from its producer's record; ``chain <summary> ...``: a step read a
    file other than the one its producer recorded (an edit that a rerun laundered); ``summary <file> ...``: a
    summary that is not one.
    """
    root = Path(root).resolve()
    summaries = _Summaries(root)
    lines = []
    for summary in sorted((root / "results").rglob(SUMMARY)) if (root / "results").is_dir() else []:
        try:
            found = summaries.get(summary)
        except UserError as error:
            lines.append(f"summary  {error}")
            continue
        step, inputs, outputs = found
        for path, recorded in sorted(outputs.items()):
            if path.is_file() and sha256_file(path) != recorded:
                lines.append(f"edited   {_relative(path, root)} (differs from what rule {step} recorded in "
                             f"{_relative(summary, root)})")
        for path, read in sorted(inputs.items()):
            try:
                record = summaries.producer_of(path)
            except UserError:
                continue   # that summary's own line says it
            if record is not None and record.sha256 != read:
                lines.append(f"chain    {_relative(summary, root)}: rule {step} read {_relative(path, root)} "
                             f"with SHA-256 {read[:SHOWN]}..., not the file rule {record.step} wrote "
                             f"({record.sha256[:SHOWN]}...)")
    return lines
