#!/usr/bin/env python
"""Benchmark the two-stage moderation bootstrap against the plain bootstrap (issue 13: within 2x).

Run from the repository root, with plssem installed::

    python benchmarks/moderation_bootstrap.py              # 15 alternating pairs (about 1 minute on 2 cores)
    python benchmarks/moderation_bootstrap.py --pairs 5    # quicker
    python benchmarks/moderation_bootstrap.py --json out.json

Model and data: the paper's model of ``benchmarks/engine.py`` (KP, EC, IP, KU, all Mode A;
KP->IP, EC->IP, KP->KU, EC->KU, IP->KU; ``data/raw/survey.csv``, 140 respondents, or the
simulated stand-in that script uses) and the same model with one interaction term made by
the two-stage approach (SmartPLS 4's default): ``KP x EC -> KU``, EC moderating KP -> KU.

Each bootstrap is 5,000 subsamples (``plssem.bootstrap``, chunks of 1,000, seed of
``engine.py``) followed by ``plssem.summarize`` on the path coefficients. The moderation
bootstrap re-estimates the main-effects model on every subsample, rebuilds the term from
that subsample's first-stage scores and then estimates the final model: two PLS fits per
subsample where the plain bootstrap has one. The two are timed in alternating pairs
(plain, moderation, plain, ...) after one uncounted warm-up of each, so that both see the
same load on the machine; the ratio reported is the median of the per-pair ratios
moderation / plain (and, as a check, the ratio of the fastest runs). Wall time by
``time.perf_counter``; beside it the process's CPU time (``time.process_time``, all its threads),
which other work on a shared machine disturbs much less than the wall time. It is a
benchmark, not a test: it prints and never fails.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

import plssem
from engine import B, BLOCKS, PATHS, SEED, load_data, load_average, machine, print_load, spread

#: Issue 13: the two-stage moderation bootstrap within this multiple of the plain bootstrap's time.
TARGET_RATIO = 2.0
TERM_PATH = "KP x EC -> KU"


def models() -> tuple[plssem.Model, plssem.Model]:
    """The paper's model, and the same model with the two-stage interaction term ``KP x EC -> KU``."""
    plain = plssem.Model.from_spec(BLOCKS, PATHS)
    moderated = plssem.Model.from_spec(BLOCKS, PATHS + [TERM_PATH],
                                       moderation={"method": "two_stage", "standardize_term": True})
    return plain, moderated


def bootstrap_and_summarize(fit: plssem.PLSResult) -> object:
    """5,000 subsamples and the path summary, as the pipeline's bootstrap step does for the paths."""
    draws = plssem.bootstrap(fit.observed_data.standardized, fit.model, seed=SEED, stop=B)
    return plssem.summarize(fit.paths.to_numpy(), draws.values["paths"]), draws


def timed(fit: plssem.PLSResult) -> tuple[float, float]:
    """Wall and CPU seconds of one :func:`bootstrap_and_summarize`."""
    wall, cpu = time.perf_counter(), time.process_time()
    bootstrap_and_summarize(fit)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=15, help="alternating pairs plain / moderation (default 15)")
    parser.add_argument("--json", metavar="PATH", help="write the figures to this JSON file")
    args = parser.parse_args(argv)

    items, source = load_data()
    info = machine()
    plain_model, moderated_model = models()
    plain_fit = plssem.estimate(items, plain_model)
    moderated_fit = plssem.estimate(items, moderated_model)
    load_start = load_average()
    print("plssem moderation bootstrap benchmark (issue 13)")
    print(f"date      {info['date']}")
    print(f"data      {source}")
    print(f"model     {', '.join(f'{k} ({len(v)} items, Mode A)' for k, v in BLOCKS.items())}; paths "
          f"{', '.join(PATHS)}; moderated: + {TERM_PATH} (two-stage, standardised term)")
    print(f"machine   {info['cpu_count']} CPUs ({info['cpus_usable']} usable), {info['cpu_model']}; Python "
          f"{info['python']}; numpy {info['numpy']}; plssem {plssem.__version__}")
    print(f"bootstrap {B:,} subsamples, chunks of 1,000, seed {SEED}, + summarize(paths); "
          f"{args.pairs} alternating pairs after one warm-up each\n", flush=True)

    (_, plain_draws), (_, moderated_draws) = bootstrap_and_summarize(plain_fit), bootstrap_and_summarize(moderated_fit)
    pairs = [(timed(plain_fit), timed(moderated_fit)) for _ in range(args.pairs)]
    plain, moderated = [p[0] for p, _ in pairs], [m[0] for _, m in pairs]
    plain_cpu, moderated_cpu = [p[1] for p, _ in pairs], [m[1] for _, m in pairs]
    ratios = [m / p for p, m in zip(plain, moderated)]
    cpu_ratios = [m / p for p, m in zip(plain_cpu, moderated_cpu)]
    load_end = load_average()
    result = {
        "machine": info, "data": source, "subsamples": B, "pairs": args.pairs,
        "plain_s": float(np.median(plain)), "moderation_s": float(np.median(moderated)),
        "plain_fastest_s": min(plain), "moderation_fastest_s": min(moderated),
        "ratio": float(np.median(ratios)), "ratio_fastest": min(moderated) / min(plain),
        "plain_cpu_s": float(np.median(plain_cpu)), "moderation_cpu_s": float(np.median(moderated_cpu)),
        "cpu_ratio": float(np.median(cpu_ratios)), "cpu_ratio_fastest": min(moderated_cpu) / min(plain_cpu),
        "failed": {"plain": int(plain_draws.failed.sum()), "moderation": int(moderated_draws.failed.sum())},
        "target_ratio": TARGET_RATIO, "loadavg_start": load_start, "loadavg_end": load_end,
    }
    result["met"] = result["ratio"] <= TARGET_RATIO
    result["met_cpu"] = result["cpu_ratio"] <= TARGET_RATIO
    print(f"{'bootstrap':<34} {'wall s':>8} {'CPU s':>8}   wall time of the runs")
    print("-" * 100)
    print(f"{'plain (4 constructs, 5 paths)':<34} {result['plain_s']:>8.3f} {result['plain_cpu_s']:>8.3f}   "
          f"{spread(plain)}")
    print(f"{'two-stage moderation (+ KP x EC)':<34} {result['moderation_s']:>8.3f} {result['moderation_cpu_s']:>8.3f}   "
          f"{spread(moderated)}")
    print(f"\nratio moderation / plain, wall: {result['ratio']:.2f}x (median of {args.pairs} pairs; fastest runs "
          f"{result['ratio_fastest']:.2f}x); CPU: {result['cpu_ratio']:.2f}x (fastest {result['cpu_ratio_fastest']:.2f}x)")
    print(f"failed subsamples: plain {result['failed']['plain']}, moderation {result['failed']['moderation']}")
    print_load(load_start, load_end)
    verdict = {True: "met", False: "NOT MET"}
    print(f"target (issue 13): two-stage moderation bootstrap <= {TARGET_RATIO:g}x the plain bootstrap: "
          f"{verdict[result['met']]} on the wall-time median, {verdict[result['met_cpu']]} on CPU time")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str) + "\n")
    return result


if __name__ == "__main__":
    main()
