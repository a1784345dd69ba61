#!/usr/bin/env python
"""Benchmark the paper audit on a corpus of text papers (issue 16: at least 1,000 papers a minute on 2 cores).

Run from the repository root, with the pipeline and its tests' requirements installed::

    python benchmarks/paper_corpus.py                      # 1,000 papers: the command line and the workflow
    python benchmarks/paper_corpus.py --papers 200 --no-snakemake
    python benchmarks/paper_corpus.py --json out.json

Corpus: ``--papers`` text papers written by the tests' generator (``tests/paper/generator.py``: results
sections of three simulated studies, English and Indonesian, as Markdown with tab tables, plain text with aligned
columns and flattened PDF-like text, clean or with one planted error each), each with its own seed, in a
temporary folder. Timed, each once, by wall time (``time.perf_counter``) around a child process:

* the command line: ``python -m plssem_pipeline.paper DIR --out OUT --jobs 2`` (one process pool of two);
* the workflow: ``snakemake -s workflow/corpus.smk --config papers=DIR out=OUT --cores 2`` (one job per paper).

Both include the interpreter's start and imports. Each is given in wall time and in CPU time (user + system of the
child and its descendants, ``getrusage(RUSAGE_CHILDREN)``), with the papers a minute that CPU time allows on two idle
cores (120 · papers / CPU seconds): on the shared machine other work inflates the wall time, not the CPU time. Before
them, ``--profile`` papers are audited in this process
one by one and the time split by stage (read, extract, model, checks, write): where a paper's time goes. The
load average is printed at the start and the end: on the shared machine other work inflates the wall times.
It is a benchmark, not a test: it prints and never fails.
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from engine import load_average, machine, print_load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "paper"))
#: Issue 16: text papers a minute on 2 cores.
TARGET_PER_MINUTE = 1000
LAYOUTS = ("markdown", "plain", "flat")
PLANTS = (None, "prose_vs_table", "p_from_t", "variance_explained", "inequality_verdict", "ave_from_loadings")


def write_corpus(directory: Path, count: int) -> list[Path]:
    """``count`` generated text papers in ``directory`` (studies x languages x layouts x plants, then seeds)."""
    from generator import PaperSpec, corpus

    variants = itertools.cycle(itertools.product(("msme", "service", "adoption"), ("en", "id"), LAYOUTS, PLANTS))
    specs = [PaperSpec(study, language, layout, plant=plant, seed=i, table_commas=language == "id" and i % 2 == 0)
             for i, (study, language, layout, plant) in zip(range(count), variants)]
    return [path for _, path, _ in corpus(specs, directory)]


def profile(papers: list[Path], out: Path) -> dict[str, float]:
    """CPU seconds per paper in each stage of :func:`plssem_pipeline.paper.audit_paper` and the writing
    (``time.process_time``: other work on the machine does not count)."""
    from plssem_pipeline.audit.consistency import ConsistencyOptions, run_checks
    from plssem_pipeline.audit.published import parse_published
    from plssem_pipeline.paper import PaperAudit, extract, read_document
    from plssem_pipeline.paper.corpus import write_paper
    from plssem_pipeline.paper.model import infer_model

    stages = dict.fromkeys(("read", "extract", "model", "checks", "write"), 0.0)
    for path in papers:
        clock = time.process_time()
        document = read_document(path)
        stages["read"] += time.process_time() - clock
        clock = time.process_time()
        extraction = extract(document)
        stages["extract"] += time.process_time() - clock
        clock = time.process_time()
        published, skipped = parse_published(extraction.published, file=str(path)), []
        model = infer_model(extraction.published, skipped)
        stages["model"] += time.process_time() - clock
        clock = time.process_time()
        runs: list = []   # each check isolated, as audit_paper runs them
        findings = run_checks(published, model, ConsistencyOptions(tails="auto", language=document.language), runs=runs)
        stages["checks"] += time.process_time() - clock
        clock = time.process_time()
        write_paper(PaperAudit(str(path), document, extraction, findings, skipped, runs), out / path.stem)
        stages["write"] += time.process_time() - clock
    return {stage: seconds / len(papers) for stage, seconds in stages.items()}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(command: list[str]) -> tuple[float, float]:
    """Wall seconds of one child process (which must succeed), and the CPU seconds of it and its descendants."""
    cpu, clock = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - clock
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed:\n{done.stderr[-3000:]}")
    return seconds, _children_cpu() - cpu


def _line(name: str, papers: int, wall: float, cpu: float) -> dict:
    """Print and return one timing: papers a minute by wall time, and on two cores given only this CPU time."""
    figures = {"wall_s": wall, "cpu_s": cpu, "per_minute": 60 * papers / wall,
               "per_minute_cpu_2_cores": 120 * papers / cpu}
    print(f"{name:<24} wall {wall:8.1f} s {figures['per_minute']:7.0f} papers a minute;  CPU {cpu:8.1f} s: "
          f"{figures['per_minute_cpu_2_cores']:7.0f} papers a minute on 2 idle cores", flush=True)
    return figures


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=TARGET_PER_MINUTE, help="papers in the corpus (default 1000)")
    parser.add_argument("--profile", type=int, default=12, help="papers audited in-process by stage (default 12)")
    parser.add_argument("--no-snakemake", action="store_true", help="time the command line only")
    parser.add_argument("--json", metavar="PATH", help="write the figures to this JSON file")
    args = parser.parse_args(argv)

    info = machine()
    work = Path(tempfile.mkdtemp(prefix="paper_corpus_"))
    try:
        clock = time.perf_counter()
        papers = write_corpus(work / "papers", args.papers)
        written = time.perf_counter() - clock
        size = sum(p.stat().st_size for p in papers) / len(papers)
        print("plssem_pipeline.paper corpus benchmark (issue 16)")
        print(f"date      {info['date']}")
        print(f"machine   {info['cpu_count']} CPUs ({info['cpus_usable']} usable), {info['cpu_model']}; Python "
              f"{info['python']}")
        print(f"corpus    {len(papers)} generated text papers ({', '.join(LAYOUTS)}; en, id), {size / 1024:.1f} KiB "
              f"on average, written in {written:.1f} s\n", flush=True)
        load_start = load_average()
        stages = profile(papers[:args.profile], work / "profile")
        total = sum(stages.values())
        print(f"one paper in-process, CPU time, mean of {min(args.profile, len(papers))}: {total * 1000:.0f} ms = "
              + ", ".join(f"{stage} {seconds * 1000:.0f} ms" for stage, seconds in stages.items()), flush=True)
        result = {"machine": info, "papers": len(papers), "stage_cpu_seconds": stages,
                  "target_per_minute": TARGET_PER_MINUTE}
        result["cli"] = _line("command line, --jobs 2", len(papers), *timed_run(
            [sys.executable, "-m", "plssem_pipeline.paper", str(work / "papers"), "--out", str(work / "cli"),
             "--jobs", "2"]))
        if not args.no_snakemake:
            result["snakemake"] = _line("Snakemake, --cores 2", len(papers), *timed_run(
                [str(Path(sys.executable).with_name("snakemake")), "-s", "workflow/corpus.smk", "--directory",
                 str(work), "--config", f"papers={work / 'papers'}", "out=smk", "--cores", "2", "--quiet"]))
        result["loadavg_start"], result["loadavg_end"] = load_start, load_average()
        print_load(load_start, result["loadavg_end"])
        result["met_wall"] = result["cli"]["per_minute"] >= TARGET_PER_MINUTE
        result["met_cpu"] = result["cli"]["per_minute_cpu_2_cores"] >= TARGET_PER_MINUTE
        print(f"target (issue 16): >= {TARGET_PER_MINUTE:,} text papers a minute on 2 cores (command line): "
              f"{'met' if result['met_wall'] else 'NOT MET'} by wall time, "
              f"{'met' if result['met_cpu'] else 'NOT MET'} by CPU time on 2 idle cores")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str) + "\n")
    return result


if __name__ == "__main__":
    main()
