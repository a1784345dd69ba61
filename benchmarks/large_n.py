#!/usr/bin/env python
"""Large-n benchmarks of issue 17: a million respondents.

Run from the repository root, with plssem installed::

    python benchmarks/large_n.py                  # n = 1,000,000, B = 5,000 (several minutes on 2 cores)
    python benchmarks/large_n.py --quick          # n = 100,000, B = 256: a smoke run of about a minute
    python benchmarks/large_n.py --json out.json  # also write the figures as JSON
    python benchmarks/large_n.py --section clean  # only the clean step on 10^6 rows (benchmarks/large_n_clean.py)
    python benchmarks/large_n.py --section predict  # only PLSpredict's rules on 10^6 rows (benchmarks/large_n_predict.py)

It is a benchmark, not a test: it prints figures and target met / not met, and never fails.
Every measured part runs in a child interpreter started with one BLAS thread
(``OPENBLAS_NUM_THREADS=1`` etc. set before NumPy is imported), as the pipeline's chunk jobs
run (rule ``bootstrap_chunk``, ``threads: 1``); the parent only starts them and reads their
figures, so its own size never enters a child's peak RSS.

Section "clean": the clean step on n rows, see ``benchmarks/large_n_clean.py``.
Section "predict": rules ``predict_chunk`` and ``predict`` on n rows, see ``benchmarks/large_n_predict.py``.

Section "bootstrap" (memory bounded by the chunk, time within 2x of the matrix products)
-------------------------------------------------------------------------------------------
* Model and data: the default study's model (``config.yaml``: its constructs' indicators, p = 28,
  and paths), n synthetic respondents: standardised composites of a latent model (each
  indicator 0.8 x its construct + noise), saved once as the standardised ``(n, p)`` matrix.
* GEMM rate: the machine's single-thread rate for this kind of product at its best, in GFLOP/s: the
  best of 6 square ``(2048 x 2048) @ (2048 x 2048)`` products and of 6 products of the bootstrap's own
  shape with many rows, ``(512 x 2048) @ (2048 x (p + p (p + 1) / 2))``, measured in the same run (before
  and after the bootstrap; the faster is used, so the reference is never flattered by a slow moment), by
  CPU time and by wall time (other work on a shared machine slows the wall time, much less the CPU time).
* Needed flops: the products the bootstrap cannot avoid, ``Σ c z`` and the upper triangle of
  ``Σ c z z'`` for every subsample: ``2 B n (p + p (p + 1) / 2)``. GEMM time = flops / rate.
* The bootstrap as the pipeline runs it: ``bootstrap.chunks`` (4) jobs over subsample ranges,
  two at a time on this machine's 2 cores, each a child process that loads the data and runs
  ``plssem.bootstrap`` on its range (chunk_size 1000). Reported: elapsed wall time of all jobs
  (start to end, interpreter start and data loading included), the CPU time of the jobs'
  ``plssem.bootstrap`` calls summed (``time.process_time``), the largest peak RSS of a job
  (``ru_maxrss``) and the data's own size.
* Ratios: CPU time / GEMM time (CPU-time rate, one core), and elapsed / (GEMM time by the wall-time
  rate / 2) (two cores). Target < 2.
* Parts: one child times the stages on 512 subsamples (one group of counts at n = 10^6, CPU time): the
  Philox words turned into rows ⌊u n⌋ alone (``plssem.draws._row_pieces``), the counts
  (``plssem.draws.resample_counts``: those rows, counted), the products
  (``plssem.moments.weighted_sums``) and the estimation from the correlations; each scaled to B, in ns a
  draw and as a multiple of the GEMM time.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from large_n_clean import clean_section, print_clean
from large_n_predict import predict_section, print_predict

ROOT = Path(__file__).resolve().parents[1]
SEED = 20260130
#: Issue 17: the n = 10^6 bootstrap within this multiple of its matrix products' GEMM time.
TARGET_RATIO = 2.0
#: Subsamples the parts are timed on: one group of counts at n = 10^6 (``plssem.moments.COUNT_BYTES``).
PART_SAMPLES = 512
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


def _child(code: str, *args) -> dict:
    """Run ``code`` in a fresh one-BLAS-thread interpreter; its last stdout line is JSON, returned with its wall time."""
    env = {**os.environ, **ONE_THREAD, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "benchmarks")])}
    wall = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *map(str, args)], env=env, stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate()
    if proc.returncode:
        raise RuntimeError(f"child failed ({proc.returncode}): {code[:60]}...")
    return json.loads(out.strip().splitlines()[-1]) | {"wall": time.perf_counter() - wall}


# ----------------------------------------------------------------------------------------------------------------
# Section "bootstrap" (H2)
# ----------------------------------------------------------------------------------------------------------------

#: Child: the default study's model spec, as JSON on stdout.
_SPEC = """
import json, yaml
config = yaml.safe_load(open("config.yaml"))
spec = {name: {"indicators": c["indicators"], "mode": c.get("mode", "A")} for name, c in config["constructs"].items()}
print(json.dumps({"spec": spec, "paths": config["paths"]}))
"""

#: Child: simulate n respondents of the model and save the standardised (n, p) matrix to argv[2].
_DATA = """
import json, sys, numpy as np
model = json.loads(sys.argv[1]); n = int(sys.argv[3])
rng = np.random.default_rng(int(sys.argv[4]))
names = list(model["spec"]); k = len(names)
latent = rng.standard_normal((n, k))
for path in model["paths"]:                       # each path adds 0.3 x its source to its target, in order
    a, b = (s.strip() for s in path.split("->"))
    latent[:, names.index(b)] += 0.3 * latent[:, names.index(a)]
z = np.concatenate([0.8 * latent[:, [j]] + 0.6 * rng.standard_normal((n, len(c["indicators"])))
                    for j, c in enumerate(model["spec"].values())], axis=1)
z -= z.mean(axis=0); z /= z.std(axis=0, ddof=1)
np.save(sys.argv[2], z)
print(json.dumps({"p": z.shape[1], "bytes": z.nbytes}))
"""

#: Child: the single-thread GEMM rate in GFLOP/s, best of 6 square products and of 6 of the bootstrap's shape
#: (512 x 2048) @ (2048 x argv[1]), by CPU time and by wall time.
_GEMM = """
import json, sys, time, numpy as np
rng = np.random.default_rng(1); out = {"gflops": 0.0, "gflops_wall": 0.0}
for name, (m, k, n) in {"square": (2048, 2048, 2048), "bootstrap shape": (512, 2048, int(sys.argv[1]))}.items():
    a = rng.random((m, k)); b = rng.random((n, k)).T; cpu = wall = 1e9
    for _ in range(6):
        t, c = time.perf_counter(), time.process_time(); a @ b
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    out[name] = 2 * m * k * n / cpu / 1e9
    out["gflops"] = max(out["gflops"], out[name]); out["gflops_wall"] = max(out["gflops_wall"], 2 * m * k * n / wall / 1e9)
print(json.dumps(out))
"""

#: Child: one chunk job: load the data, bootstrap subsamples argv[3] .. argv[4]-1, report time and peak RSS.
_CHUNK = """
import json, resource, sys, time, numpy as np, plssem
model = json.loads(sys.argv[1])
model = plssem.Model.from_spec(model["spec"], model["paths"])
z = np.load(sys.argv[2])
cpu = time.process_time()
draws = plssem.bootstrap(z, model, seed=%d, start=int(sys.argv[3]), stop=int(sys.argv[4]))
cpu = time.process_time() - cpu
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": cpu, "cpu_job": usage.ru_utime + usage.ru_stime, "peak_rss": usage.ru_maxrss * 1024,
                  "failed": int(draws.failed.sum()), "digest": draws.values["paths"].sum()}))
""" % SEED

#: Child: the stages on argv[3] subsamples, each timed alone (CPU seconds).
_PARTS = """
import json, sys, time, numpy as np, plssem
from plssem import draws, moments
model = json.loads(sys.argv[1])
model = plssem.Model.from_spec(model["spec"], model["paths"])
z = np.load(sys.argv[2]); n = z.shape[0]; b = int(sys.argv[3]); out = {}
def timed(name, f):
    t = time.process_time(); r = f(); out[name] = time.process_time() - t; return r
bits = draws._generator(n, %d, 0, 0).bit_generator
timed("Philox words to rows", lambda: [None for _ in draws._row_pieces(bits, b, n)])
counts = timed("counts (rows, counted)", lambda: draws.resample_counts(n, %d, 0, b, dtype=np.uint8))
sums = timed("products", lambda: moments.weighted_sums(z, counts, 0))
corr = moments.moments_from_sums(*sums)[2]
timed("estimation", lambda: plssem.estimate_batch(z, None, 0, model, {"scheme": "path", "max_iter": 300,
                                                                      "tol": 1e-7}, corr=corr))
print(json.dumps(out))
""" % (SEED, SEED)


def bootstrap_section(n: int, samples: int, chunks: int, workers: int, folder: Path) -> dict:
    """Run the bootstrap section; return its figures (see the module docstring)."""
    model = _child(_SPEC)
    model_json = json.dumps({"spec": model["spec"], "paths": model["paths"]})
    data = folder / "z.npy"
    shape = _child(_DATA, model_json, data, n, SEED)
    p = shape["p"]
    columns = p + p * (p + 1) // 2
    flops = 2.0 * samples * n * columns
    before = _child(_GEMM, columns)
    edges = [round(i * samples / chunks) for i in range(chunks + 1)]
    wall = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        jobs = list(pool.map(lambda r: _child(_CHUNK, model_json, data, *r), zip(edges[:-1], edges[1:])))
    elapsed = time.perf_counter() - wall
    after = _child(_GEMM, columns)
    rate, rate_wall = (max(before[k], after[k]) for k in ("gflops", "gflops_wall"))
    parts = _child(_PARTS, model_json, data, PART_SAMPLES)
    gemm_time = flops / (rate * 1e9)
    cpu = sum(job["cpu"] for job in jobs)
    return {"n": n, "p": p, "samples": samples, "chunks": chunks, "parallel_jobs": workers, "gemm_gflops": rate,
            "needed_gflop": flops / 1e9, "gemm_seconds": gemm_time, "elapsed_seconds": elapsed, "cpu_seconds": cpu,
            "gemm_gflops_wall": rate_wall, "gemm_gflops_by_shape": {k: max(before[k], after[k]) for k in
                                                                   ("square", "bootstrap shape")},
            "ratio_cpu": cpu / gemm_time,
            "ratio_elapsed": elapsed / (flops / (rate_wall * 1e9) / workers),
            "peak_rss_bytes": max(job["peak_rss"] for job in jobs), "data_bytes": shape["bytes"],
            "failed": sum(job["failed"] for job in jobs),
            "parts_seconds_for_B": {k: v * samples / PART_SAMPLES for k, v in parts.items() if k != "wall"}}


def print_bootstrap(fig: dict) -> None:
    """Print the bootstrap section's figures."""
    gb = 1e9
    print(f"bootstrap: n = {fig['n']:,}, p = {fig['p']}, B = {fig['samples']:,} in {fig['chunks']} chunk jobs, "
          f"{fig['parallel_jobs']} at a time, 1 BLAS thread each")
    print(f"  GEMM rate (1 thread)      {fig['gemm_gflops']:8.1f} GFLOP/s by CPU time "
          f"({fig['gemm_gflops_wall']:.1f} by wall time, which the elapsed ratio uses); by shape: "
          + ", ".join(f"{k} {v:.1f}" for k, v in fig["gemm_gflops_by_shape"].items()))
    print(f"  needed flops              {fig['needed_gflop']:8.0f} GFLOP  -> GEMM time {fig['gemm_seconds']:.1f} s "
          f"(1 core), {fig['gemm_seconds'] / fig['parallel_jobs']:.1f} s ({fig['parallel_jobs']} cores)")
    print(f"  elapsed                   {fig['elapsed_seconds']:8.1f} s    ratio {fig['ratio_elapsed']:.2f}")
    print(f"  CPU time (bootstrap calls){fig['cpu_seconds']:8.1f} s    ratio {fig['ratio_cpu']:.2f}")
    met = "met" if max(fig["ratio_cpu"], fig["ratio_elapsed"]) < TARGET_RATIO else "NOT met"
    print(f"  target ratio < {TARGET_RATIO:g}: {met}")
    print(f"  peak RSS of a chunk job   {fig['peak_rss_bytes'] / gb:8.2f} GB  (the data alone: "
          f"{fig['data_bytes'] / gb:.2f} GB)")
    draws = fig["n"] * fig["samples"]
    print(f"  parts, CPU seconds scaled to B (from {PART_SAMPLES} subsamples; ns a draw; x GEMM time):")
    for k, v in fig["parts_seconds_for_B"].items():
        print(f"    {k:38s} {v:8.1f} s  {v / draws * 1e9:6.2f} ns  {v / fig['gemm_seconds']:5.2f}x")
    print(f"  failed subsamples: {fig['failed']}")


def load_average() -> str:
    """The 1/5/15-minute load averages, as text."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="n = 100,000, B = 256: a smoke run")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--section", choices=["all", "bootstrap", "clean", "predict"], default="all",
                        help="run one section only (clean: benchmarks/large_n_clean.py, predict: large_n_predict.py)")
    args = parser.parse_args(argv)
    n, samples = (100_000, 256) if args.quick else (1_000_000, 5000)
    print(f"load average before: {load_average()}")
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        if args.section in ("all", "bootstrap"):
            figures["bootstrap"] = bootstrap_section(n, samples, 4, 2, Path(folder))
            print_bootstrap(figures["bootstrap"])
        if args.section in ("all", "clean"):
            figures["clean"] = clean_section(n, Path(folder), _child)
            print_clean(figures["clean"])
        if args.section in ("all", "predict"):
            figures["predict"] = predict_section(n, Path(folder), _child)
            print_predict(figures["predict"])
    print(f"load average after: {load_average()}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    main()
