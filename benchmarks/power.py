#!/usr/bin/env python
"""Benchmark Monte Carlo power (issue 17): replications per second of ``plssem.power`` against a plain loop.

Run from the repository root, with plssem installed::

    python benchmarks/power.py                      # about 2 minutes on 2 cores
    python benchmarks/power.py --quick              # fewer replications, about 30 s
    python benchmarks/power.py --json out.json      # also write the figures as JSON

Model and population: the paper's model of ``benchmarks/engine.py`` (KP, EC, IP, KU, all Mode A; read
from ``config.yaml``) estimated on ``data/raw/survey.csv`` (or that script's simulated stand-in), its
estimated model as the population (:func:`plssem.population.from_estimates`); n = 200, the pipeline's
default significance rule (bootstrap p, two-tailed, α = 0.05), seed of ``engine.py``.

For each test, in the same run:

* **engine**: :func:`plssem.power.power_chunk` (``test="bootstrap"`` with 500 subsamples per replication,
  or ``test="normal"``) over ``R`` replications, vectorised over replications and subsamples;
* **plain loop**: one replication at a time, its data from :func:`plssem.power.simulate`, then
  ``plssem.estimate`` and, for the bootstrap test, ``plssem.bootstrap`` on the replication's own
  subsamples and :func:`plssem.inference.summarize_directional` (the pipeline's summary) on the paths and
  specific indirect effects; for the normal test that one estimation (the test itself,
  :func:`plssem.power_tests.shift_significance`, needs every replication of an n and runs once in
  :func:`plssem.power.summarise`, timed with the engine).

It prints replications per second of both, the ratio engine / loop and how many verdicts (bootstrap) or
estimates (normal, to 1e-10) of the replications both computed agree (they must all agree). Timing: wall time
(``time.perf_counter``) of one run each after an uncounted warm-up of a few replications, and CPU time (``time.process_time``, all
threads of the process), whose ratio other work on the machine distorts less; BLAS threads as configured. It is a
benchmark, not a test: it prints and never fails.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

import plssem
from plssem.inference import summarize_directional
from plssem.population import from_estimates
from plssem.power import power_chunk, simulate, summarise
from engine import BLOCKS, PATHS, SEED, load_average, load_data, machine, print_load

N = 200
SAMPLES = 500
ALPHA = 0.05
#: Replications timed: (engine, plain loop) per test; --quick divides them.
REPLICATIONS = {"bootstrap": (40, 8), "normal": (4000, 200)}


def loop_bootstrap(population, start: int, stop: int) -> np.ndarray:
    """Verdicts ``(R, m)`` of replications ``start .. stop - 1``, one ``estimate`` + ``bootstrap`` each."""
    model = population.model
    stream = plssem.named_stream(f"power bootstrap n={N}")
    out = []
    for r in range(start, stop):
        data = pd.DataFrame(simulate(population, N, seed=SEED, start=r, stop=r + 1)[0], columns=model.indicator_names)
        result = plssem.estimate(data, model)
        draws = plssem.bootstrap(result.observed_data.standardized, model, seed=SEED, start=r * SAMPLES,
                                 stop=(r + 1) * SAMPLES, stream=stream)
        verdicts = []
        for family, original in (("paths", result.paths.to_numpy()),
                                 ("specific_indirect", result.specific_indirect_effects.to_numpy())):
            summary = summarize_directional(original, draws.values[family], np.ones(original.size), alpha=ALPHA)
            verdicts += list(summary["p"].to_numpy() < ALPHA)
        out.append(verdicts)
    return np.array(out)


def loop_normal(population, start: int, stop: int) -> np.ndarray:
    """Estimates ``(R, m)`` of replications ``start .. stop - 1``, one ``estimate`` each."""
    model = population.model
    out = []
    for r in range(start, stop):
        data = pd.DataFrame(simulate(population, N, seed=SEED, start=r, stop=r + 1)[0], columns=model.indicator_names)
        result = plssem.estimate(data, model)
        out.append(np.concatenate([result.paths.to_numpy(), result.specific_indirect_effects.to_numpy()]))
    return np.array(out)


def engine_normal(population, stop: int):
    """:func:`power_chunk` with the normal test, then :func:`summarise`, which decides it."""
    draws = power_chunk(population, N, seed=SEED, start=0, stop=stop, test="normal", alpha=ALPHA)
    summarise([draws], population.effects, alpha=ALPHA, test="normal")
    return draws


def timed(fn) -> tuple[float, float, object]:
    """Wall and CPU seconds (``time.process_time``: this process, all its threads) of ``fn()``, and its output."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def run_test(population, test: str, engine_reps: int, loop_reps: int) -> dict:
    """Time the engine and the plain loop on one test; compare their verdicts on the loop's replications."""
    engine = (lambda stop: power_chunk(population, N, seed=SEED, start=0, stop=stop, samples=SAMPLES,  # noqa: E731
                                       alpha=ALPHA)) if test == "bootstrap" else (
        lambda stop: engine_normal(population, stop))
    loop = loop_bootstrap if test == "bootstrap" else loop_normal
    engine(2), loop(population, 0, 1)                                    # warm-up (imports, caches)
    engine_s, engine_cpu, draws = timed(lambda: engine(engine_reps))
    loop_s, loop_cpu, verdicts = timed(lambda: loop(population, 0, loop_reps))
    mine = draws.significant[:loop_reps] if test == "bootstrap" else draws.estimates[:loop_reps]
    agree = int((mine == verdicts).sum() if test == "bootstrap" else (np.abs(mine - verdicts) < 1e-10).sum())
    return {"test": test, "engine_replications": engine_reps, "engine_s": engine_s, "engine_cpu_s": engine_cpu,
            "engine_per_s": engine_reps / engine_s, "loop_replications": loop_reps, "loop_s": loop_s,
            "loop_cpu_s": loop_cpu, "loop_per_s": loop_reps / loop_s,
            "ratio": (engine_reps / engine_s) / (loop_reps / loop_s),
            "cpu_ratio": (engine_reps / engine_cpu) / (loop_reps / loop_cpu),
            "verdicts_agree": agree, "verdicts": int(verdicts.size), "failed": int(draws.failed.sum())}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of the replications")
    parser.add_argument("--json", metavar="PATH", help="write the figures to this JSON file")
    args = parser.parse_args(argv)

    items, source = load_data()
    model = plssem.Model.from_spec(BLOCKS, PATHS)
    population = from_estimates(plssem.estimate(items, model))
    info = machine()
    load_start = load_average()
    print("plssem Monte Carlo power benchmark (issue 17)")
    print(f"date      {info['date']}")
    print(f"data      {source} (population: the estimated model)")
    print(f"model     {', '.join(f'{k} ({len(v)} items, Mode A)' for k, v in BLOCKS.items())}; "
          f"paths {', '.join(PATHS)}; {len(population.effects)} effects tested")
    print(f"machine   {info['cpu_count']} CPUs ({info['cpus_usable']} usable), {info['cpu_model']}; Python "
          f"{info['python']}; numpy {info['numpy']}; BLAS threads as configured")
    print(f"task      n = {N}; bootstrap test {SAMPLES} subsamples per replication, p < {ALPHA} two-tailed; "
          f"seed {SEED}\n", flush=True)
    divisor = 4 if args.quick else 1
    rows = [run_test(population, test, max(engine // divisor, 2), max(loop // divisor, 2))
            for test, (engine, loop) in REPLICATIONS.items()]
    load_end = load_average()
    print(f"{'test':<10} {'engine rep/s':>13} {'(R, wall)':>16} {'loop rep/s':>11} {'(R, wall)':>14} {'ratio':>7} "
          f"{'CPU ratio':>10}  verdicts")
    print("-" * 103)
    for row in rows:
        print(f"{row['test']:<10} {row['engine_per_s']:>13.2f} {row['engine_replications']:>7}, "
              f"{row['engine_s']:>6.1f} s {row['loop_per_s']:>11.2f} {row['loop_replications']:>5}, "
              f"{row['loop_s']:>6.1f} s {row['ratio']:>6.1f}x {row['cpu_ratio']:>9.1f}x  "
              f"{row['verdicts_agree']}/{row['verdicts']} agree")
    print("\nratio = engine replications per second / plain-loop replications per second, wall time (same run);"
          "\nCPU ratio = the same per CPU second of this process (less sensitive to other work on the machine)")
    print_load(load_start, load_end)
    result = {"machine": info, "data": source, "n": N, "samples": SAMPLES, "alpha": ALPHA, "tests": rows,
              "loadavg_start": load_start, "loadavg_end": load_end}
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str) + "\n")
    return result


if __name__ == "__main__":
    main()
