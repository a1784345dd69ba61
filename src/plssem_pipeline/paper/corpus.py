"""Many papers: which files are papers, each paper's outputs, and the corpus's findings and overview.

Used by the command line (:mod:`plssem_pipeline.paper.__main__`) and by the corpus workflow
(``workflow/corpus.smk``), so that both write the same bytes:

* :func:`papers_in` — the papers named on the command line or in a folder (``.md``, ``.markdown``,
  ``.txt``, ``.pdf``), refusing a missing path, another suffix, and two papers with the same stem
  (their outputs would share a folder);
* :func:`write_paper` / :func:`write_unread` — one paper's folder ``<stem>/``: ``published.yaml`` (the
  extraction, readable by :func:`plssem_pipeline.audit.published.load_published`), ``findings.csv``
  (``paper`` and the consistency checks' columns, :data:`FINDINGS_COLUMNS`), ``skipped.csv`` (what was
  not checked and why, :data:`SKIPPED_COLUMNS`) and ``status.json`` (its status, language, tables, the
  count of each check's verdicts, how many checks ran, which raised: what the overview reads);
* :func:`combine` — ``findings.csv`` of all papers (their rows, papers in stem order) and
  ``overview.html`` (papers × checks, the count of fail and warn rows; Jinja2 template
  ``templates/overview.html.j2``).

Nothing here depends on the order in which the papers were audited, nor on the number of processes
or Snakemake jobs: outputs are byte-identical for any ``--jobs`` or ``--cores``. A paper is named by its
file name, never by the path it was given as: the same papers give the same bytes wherever they are.
"""
from __future__ import annotations

import csv
import io
import json
import os
import traceback
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..audit.consistency import COLUMNS, VERDICTS
from ..errors import UserError
from ..io import format_float
from ..printable import printable
from .audit import audit_paper

__all__ = ["PAPER_SUFFIXES", "PAPER_FILES", "FINDINGS_COLUMNS", "SKIPPED_COLUMNS", "papers_in", "paper_files",
           "audit_into", "write_paper", "write_unread", "combine", "read_status"]

#: Suffixes read as papers (:func:`plssem_pipeline.paper.document.read_document`).
PAPER_SUFFIXES = (".md", ".markdown", ".txt", ".pdf")
#: The files of one paper's folder.
PAPER_FILES = ("published.yaml", "findings.csv", "skipped.csv", "status.json")
#: Columns of a findings.csv: the paper's file name, then the consistency checks' columns.
FINDINGS_COLUMNS = ["paper", *COLUMNS]
#: Columns of a skipped.csv: what could not be checked (a check, or what the extraction or the model left
#: out), which item, and why.
SKIPPED_COLUMNS = ["check", "item", "reason"]
#: The reason of a check that gave no row and recorded none itself.
NO_ROW = "gave no row: the paper prints none of the numbers it reads"
TEMPLATE = "overview.html.j2"
TEMPLATE_DIR = Path(__file__).with_name("templates")


def papers_in(arguments: Iterable, notes: list | None = None) -> list[Path]:
    """The papers named by ``arguments``: files as given, folders by their papers (not recursive).

    Parameters
    ----------
    arguments : iterable of str or Path
        Paper files and folders.
    notes : list, optional
        Receives one line per folder with subfolders, naming them (they are not searched).

    Returns
    -------
    list of Path
        In the order given, a folder's papers sorted by name.

    Raises
    ------
    UserError
        A path that does not exist; a file whose suffix is not one of :data:`PAPER_SUFFIXES`; a folder
        without papers (naming its subfolders, which are not searched); two papers with the same stem
        (``a.md`` and ``a.pdf``: both would write ``a/``).
    """
    papers = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PAPER_SUFFIXES)
            folders = sorted(p.name + "/" for p in path.iterdir() if p.is_dir())
            unsearched = (f"{len(folders)} subfolder{'s' if len(folders) > 1 else ''} not searched: "
                          f"{', '.join(folders)} (give {'them' if len(folders) > 1 else 'it'} as an argument)")
            if not found:
                raise UserError(f"the folder holds no paper; expected files ending in {', '.join(PAPER_SUFFIXES)}"
                                + (f"; {unsearched}" if folders else ""), file=str(path))
            if folders and notes is not None:
                notes.append(f"{path}: {unsearched}")
            papers += found
        elif not path.exists():
            raise UserError("no such file or folder; expected a paper (.md, .markdown, .txt, .pdf) or a folder "
                            "of papers", file=str(path))
        elif path.suffix.lower() not in PAPER_SUFFIXES:
            raise UserError(f"cannot read a '{path.suffix or 'suffix-less'}' file as a paper; expected "
                            f"{', '.join(PAPER_SUFFIXES)} (a folder argument takes only those files)", file=str(path))
        else:
            papers.append(path)
    seen: dict[str, Path] = {}
    for path in papers:
        other = seen.setdefault(path.stem, path)
        if other != path:
            raise UserError(f"two papers have the stem '{path.stem}' ({other} and {path}), so their outputs would "
                            "share one folder; rename one", file=str(path))
    return list(dict.fromkeys(papers))


def paper_files(directory) -> dict[str, Path]:
    """``{"published": …/published.yaml, "findings": …/findings.csv, "status": …/status.json}``."""
    directory = Path(directory)
    return {name.split(".")[0]: directory / name for name in PAPER_FILES}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_float(value)
    return str(value)


def _csv_text(rows: Iterable[Mapping], columns: list = FINDINGS_COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(float(row[c]) if c in ("published", "recomputed", "difference")
                               and row[c] is not None else row[c]) for c in columns])
    return buffer.getvalue()


def _skipped_rows(result) -> list[dict]:
    """What :func:`write_paper` writes to skipped.csv: every skipped entry, then each check that gave no row
    and recorded no reason (:data:`NO_ROW`)."""
    entries = list(result.skipped) + [(run.check, "all", NO_ROW) for run in result.runs
                                      if not run.rows and not run.skipped]
    return [dict(zip(SKIPPED_COLUMNS, map(str, entry))) for entry in entries]


def _without_paths(message: str, path) -> str:
    """``message`` with the paper's path (as given, and absolute) replaced by its file name."""
    path = Path(path)
    for spelling in sorted({str(path.resolve()), str(path.absolute()), str(path)}, key=len, reverse=True):
        if spelling != path.name:
            message = message.replace(spelling, path.name)
    return message


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _plain(value):
    """The extraction as YAML-safe data (tuples as lists, numpy scalars as Python numbers)."""
    if isinstance(value, Mapping):
        return {(k if isinstance(k, (str, int, float, bool)) else str(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def _yaml(data: Mapping, name: str) -> str:
    """The extraction as YAML; ``provenance:`` one flow mapping per line, written as JSON (a YAML subset, ASCII
    escaped), which is both the readable layout for hundreds of spans and several times faster to write."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    head = (f"# The published tables of {name}, read from its text by plssem_pipeline.paper (issue 16).\n"
            "# Every number's place in the text is under provenance: (key path -> line, page, start, end, text).\n")
    data = _plain(data)
    provenance = data.pop("provenance", None)
    text = head + yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)
    if provenance is not None:
        text += "provenance:" + (" {}\n" if not provenance else "\n" + "".join(
            f"  {json.dumps(key)}: {json.dumps(span)}\n" for key, span in provenance.items()))
    return text


def _write_status(directory: Path, summary: dict) -> dict:
    _write(paper_files(directory)["status"], json.dumps(summary, indent=1, sort_keys=True, ensure_ascii=False)
           + "\n")
    return summary


def write_paper(result, directory) -> dict:
    """Write one audited paper's folder (:data:`PAPER_FILES`).

    Parameters
    ----------
    result : plssem_pipeline.paper.PaperAudit
        The paper's audit.
    directory : str or Path
        Its folder, ``<out>/<stem>``; created if needed.

    Returns
    -------
    dict
        The status written to ``status.json``: ``paper`` (file name), ``stem``, ``status``
        ("audited"), ``message`` (""), ``language``, ``n``, ``tables`` (ids), ``verdicts`` (verdict ->
        count), ``checks`` (check -> verdict -> count), ``skipped`` (rows of skipped.csv),
        ``checks_run`` / ``checks_total`` (the checks of
        :data:`~plssem_pipeline.audit.consistency.CHECKS` that gave a row / all of them),
        ``check_errors`` (the checks that raised).
    """
    directory = Path(directory)
    name = Path(result.path).name
    files = paper_files(directory)
    published = dict(result.extraction.published)
    published["source"] = {**published.get("source", {}), "file": name}   # never the path it was given as
    _write(files["published"], _yaml(published, name))
    rows = [{"paper": name, **r.row()} for r in result.findings]
    _write(files["findings"], _csv_text(rows))
    skipped = _skipped_rows(result)
    _write(files["skipped"], _csv_text(skipped, columns=SKIPPED_COLUMNS))
    checks: dict[str, Counter] = {}
    for r in result.findings:
        checks.setdefault(r.check, Counter())[r.verdict] += 1
    return _write_status(directory, {
        "paper": name, "stem": Path(result.path).stem, "status": "audited", "message": "",
        "language": result.document.language, "n": published.get("n"),
        "tables": list((published.get("tables") or {}).keys()),
        "verdicts": {v: sum(c[v] for c in checks.values()) for v in VERDICTS},
        "checks": {check: dict(sorted(counts.items())) for check, counts in checks.items()},
        "skipped": len(skipped), "checks_run": sum(1 for run in result.runs if run.rows),
        "checks_total": len(result.runs), "check_errors": [run.check for run in result.runs if run.error]})


def audit_into(path, directory, *, alpha: float = 0.05, tails: str = "auto",
               language: str | None = None) -> tuple[dict, str | None]:
    """Audit one paper and write its folder (:func:`write_paper`), or record why it could not be read.

    What the command line does for each paper and the corpus workflow's ``paper_audit`` job does for its one.

    Parameters
    ----------
    path : str or Path
        The paper.
    directory : str or Path
        Its output folder (``<out>/<stem>``).
    alpha, tails, language
        As for :func:`~plssem_pipeline.paper.audit.audit_paper`.

    Returns
    -------
    tuple of (dict, str or None)
        The paper's ``status.json`` summary, and the traceback of a bug (a check that raised, or the reader
        itself) to show the user, else None. A :class:`UserError` (not a paper, no text layer, no table) is
        recorded as ``unreadable``; any other exception as ``error``: the other papers of a corpus go on.
    """
    try:
        result = audit_paper(path, alpha=alpha, tails=tails, language=language)
        traces = [f"{Path(path).name}: check {run.check} raised {run.error}; please report it\n{run.trace}"
                  for run in result.runs if run.error]
        return write_paper(result, directory), "".join(traces) or None
    except UserError as error:
        return write_unread(path, directory, printable(error)), None
    except Exception as error:  # a bug of the reader: recorded, the other papers go on  # noqa: BLE001
        message = f"internal error of plssem_pipeline.paper ({type(error).__name__}: {error}); please report it"
        return write_unread(path, directory, printable(message), status="error"), traceback.format_exc()


def write_unread(path, directory, message: str, status: str = "unreadable") -> dict:
    """Write the folder of a paper that could not be audited: why, and no findings.

    ``published.yaml`` has the file and the reason under ``source:`` and no tables (it still loads with
    :func:`~plssem_pipeline.audit.published.load_published`); ``findings.csv`` and ``skipped.csv`` have their
    header only. The paper's path in ``message`` becomes its file name.

    Parameters
    ----------
    path : str or Path
        The paper.
    directory : str or Path
        Its folder.
    message : str
        Why it could not be audited (the :class:`~plssem_pipeline.errors.UserError`'s message).
    status : {"unreadable", "error"}
        "unreadable": the paper's fault (not readable, no results table); "error": a bug of the reader.

    Returns
    -------
    dict
        The status (as :func:`write_paper`'s, with empty counts).
    """
    directory, name = Path(directory), Path(path).name
    message = _without_paths(message, path)
    files = paper_files(directory)
    _write(files["published"], _yaml({"source": {"file": name, "error": message}, "tables": {}}, name))
    _write(files["findings"], _csv_text([]))
    _write(files["skipped"], _csv_text([], columns=SKIPPED_COLUMNS))
    return _write_status(directory, {"paper": name, "stem": Path(path).stem, "status": status, "message": message,
                                "language": None, "n": None, "tables": [], "verdicts": {v: 0 for v in VERDICTS},
                                "checks": {}, "skipped": 0, "checks_run": 0, "checks_total": 0,
                                "check_errors": []})


def read_status(directory) -> dict:
    """A paper folder's ``status.json``."""
    with open(paper_files(directory)["status"], encoding="utf-8") as handle:
        return json.load(handle)


def _link(target: Path, out: Path) -> str:
    return Path(os.path.relpath(target, out)).as_posix()


def combine(directories: Iterable, out) -> dict[str, Path]:
    """Write ``<out>/findings.csv`` and ``<out>/overview.html`` from paper folders.

    Parameters
    ----------
    directories : iterable of str or Path
        Paper folders written by :func:`write_paper` / :func:`write_unread` (any order: papers are
        listed by stem).
    out : str or Path
        Where the two files go.

    Returns
    -------
    dict
        ``{"findings": path, "overview": path}``.
    """
    out = Path(out)
    folders = sorted((Path(d) for d in directories), key=lambda d: d.name)
    parts = [_csv_text([])]
    for folder in folders:
        with open(paper_files(folder)["findings"], encoding="utf-8", newline="") as handle:
            handle.readline()
            parts.append(handle.read())
    paths = {"findings": out / "findings.csv", "overview": out / "overview.html"}
    _write(paths["findings"], "".join(parts))
    _write(paths["overview"], overview_html([(read_status(f), {k: _link(paper_files(f)[k], out)
                                                               for k in ("findings", "skipped")})
                                             for f in folders]))
    return paths


def overview_html(papers: list[tuple[dict, dict]]) -> str:
    """The overview page: one row per paper, one column per check, the count of fail and warn rows.

    Each paper also shows how many checks ran (gave a row) of all, linked to its skipped.csv; a paper on
    which fewer than half ran is marked as mostly unchecked (it is not a clean paper), and a check that
    raised is named.

    Parameters
    ----------
    papers : list of (summary, links)
        Each paper's :func:`read_status` and the relative links to its ``findings`` and ``skipped`` CSV
        files, in display order.

    Returns
    -------
    str
        HTML (``templates/overview.html.j2``).
    """
    import jinja2

    checks = sorted({check for summary, _ in papers for check in summary["checks"]})
    rows = []
    for summary, link in papers:
        cells = []
        for check in checks:
            counts = summary["checks"].get(check)
            cells.append(None if counts is None else {v: counts.get(v, 0) for v in VERDICTS})
        partial = summary["status"] == "audited" and 2 * summary["checks_run"] < summary["checks_total"]
        rows.append({"summary": summary, "link": link, "cells": cells, "partial": partial})
    totals = {check: sum(1 for s, _ in papers if s["checks"].get(check, {}).get("fail")) for check in checks}
    status = Counter(s["status"] for s, _ in papers)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template(TEMPLATE).render(checks=checks, rows=rows, totals=totals, status=status,
                                             papers=len(papers), partial=sum(r["partial"] for r in rows))
