"""Command line: ``python -m plssem_pipeline.paper PAPER... [--out DIR] [--jobs N] [--alpha A] [--tails T]
[--language L] [--exit-zero]``.

Audits each paper (a Markdown, plain-text or PDF file, or a folder: its ``.md``, ``.markdown``, ``.txt``,
``.pdf`` files) with :func:`plssem_pipeline.paper.audit_paper` and writes, per paper,
``<out>/<stem>/published.yaml``, ``findings.csv`` and ``status.json``; for several papers also
``<out>/findings.csv`` and ``<out>/overview.html`` (:mod:`.corpus`). Default ``--out``: ``results/papers``.
It never writes into a folder that holds an input paper, and never modifies the papers.

``--jobs N`` audits N papers at a time in N processes; the outputs are the same bytes for any N.

Exit status: 0 when every paper was read and audited (whatever the findings), 1 when a paper could not
be (unreadable, no results table, or an error of the reader: each is named on stderr and in its
``status.json``), 2 for a wrong command line (a missing path, an unknown suffix, two papers with one stem,
``--out`` next to the papers, ``--out`` a file or under one). ``--exit-zero`` gives 0 also when a paper could
not be read (the corpus workflow's per-paper jobs: an unreadable paper is recorded in the overview, not a failed
job). A check that raises on a paper is recorded (its skipped.csv, status.json, the overview; its traceback on
stderr) and the paper's other checks still run. A folder's subfolders are not searched: a note names them.
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

from ..audit.catalogue import STRINGS_DIR
from ..errors import UserError
from ..printable import printable
from . import corpus
from .audit import TAILS

DEFAULT_OUT = "results/papers"
EXIT_UNREAD, EXIT_USAGE = 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m plssem_pipeline.paper",
        description="Audit PLS-SEM papers from their text: extract the SmartPLS-style tables and the numbers "
                    "quoted in the prose, and check them against each other (p against t, AVE against the "
                    "loadings, R² against the variance explained, verdicts against their inequalities, ...).")
    parser.add_argument("papers", nargs="+", metavar="PAPER",
                        help="a paper (.md, .markdown, .txt, .pdf) or a folder of papers")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--jobs", type=int, default=1, help="papers audited at a time, in processes (default 1)")
    parser.add_argument("--alpha", type=float, default=0.05,
                        help="significance level of the verdicts when the paper states none (a level the paper "
                             "states, such as 'alpha = 0.10', is the one its verdicts are judged by; default 0.05)")
    parser.add_argument("--tails", choices=TAILS, default="auto",
                        help="p values two- or one-tailed; auto: as the paper states, else as its p fit its t")
    parser.add_argument("--language", choices=sorted(p.stem for p in STRINGS_DIR.glob("*.yaml")),
                        help="language of the findings' explanations (default: each paper's)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when a paper could not be read (it is still recorded)")
    return parser


def _audit_one(task: tuple) -> tuple[dict, str | None]:
    """:func:`corpus.audit_into` of one ``(path, directory, alpha, tails, language)`` task (a pool's map)."""
    path, directory, alpha, tails, language = task
    return corpus.audit_into(path, directory, alpha=alpha, tails=tails, language=language)


def _check_out(out: Path, papers: list[Path]) -> None:
    """Refuse an output folder that is a file or lies under one, or that holds an input paper (the outputs
    would land next to the papers)."""
    for folder in (out, *out.parents):
        if folder.exists():
            if not folder.is_dir():
                raise UserError(f"--out {out}: {folder} is a file, not a folder; give a folder for the outputs "
                                "(it is created if missing; default results/papers)")
            break
    target = out.resolve()
    for paper in papers:
        if paper.resolve().parent == target:
            raise UserError(f"--out {out} is the folder of the paper {paper}; the audit never writes next to its "
                            "inputs: give another --out (default results/papers)")


def _report(summary: dict, directory: Path) -> None:
    """One line per paper: its counts on stdout, or why it was not audited on stderr."""
    if summary["status"] == "audited":
        v = summary["verdicts"]
        ran, total = summary["checks_run"], summary["checks_total"]
        print(f"{summary['paper']}: {v['fail']} fail, {v['warn']} warn, {v['pass']} pass "
              f"({len(summary['tables'])} tables; {ran} of {total} checks ran"
              f"{', mostly unchecked: see skipped.csv' if 2 * ran < total else ''}) -> {directory / 'findings.csv'}")
    else:
        print(f"{summary['paper']}: not audited: {summary['message']}", file=sys.stderr)


def main(argv=None) -> int:
    """Run the command line; the exit status (see the module docstring)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    if not 0 < args.alpha < 1:
        parser.error(f"--alpha must lie between 0 and 1, got {args.alpha}")
    out = Path(args.out)
    notes: list[str] = []
    try:
        papers = corpus.papers_in(args.papers, notes)
        _check_out(out, papers)
    except UserError as error:
        print(f"Error: {printable(error)}", file=sys.stderr)
        return EXIT_USAGE
    for note in notes:
        print(f"Note: {printable(note)}", file=sys.stderr)
    directories = [out / p.stem for p in papers]
    tasks = [(str(p), d, args.alpha, args.tails, args.language) for p, d in zip(papers, directories)]
    if args.jobs == 1 or len(tasks) == 1:
        results = map(_audit_one, tasks)
        pool = None
    else:
        pool = multiprocessing.Pool(min(args.jobs, len(tasks)))
        results = pool.imap(_audit_one, tasks, chunksize=max(1, min(8, len(tasks) // (4 * args.jobs))))
    unread = 0
    try:
        for directory, (summary, trace) in zip(directories, results):
            if trace:
                print(trace, file=sys.stderr, end="")
            unread += summary["status"] != "audited"
            _report(summary, directory)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    if len(papers) > 1:
        written = corpus.combine(directories, out)
        print(f"{len(papers)} papers ({unread} not audited) -> {written['findings']}, {written['overview']}")
    return EXIT_UNREAD if unread and not args.exit_zero else 0


if __name__ == "__main__":
    sys.exit(main())
