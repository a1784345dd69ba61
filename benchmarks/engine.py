#!/usr/bin/env python
"""Benchmark the plssem engine against seminr and plspm (issue 2, "Speed").

Run from the repository root, with plssem, seminr 0.2.1 and plspm 0.5.7 installed::

    python benchmarks/engine.py            # everything (2-3 minutes on 2 cores)
    python benchmarks/engine.py --quick    # extrapolate seminr from nboot=250, skip B = 100,000 (about 20 s)
    python benchmarks/engine.py --profile  # also print a cProfile of our 5,000-subsample bootstrap
    python benchmarks/engine.py --json out.json   # also write the figures as JSON

In one run, on the same data (the paper's model: KP, EC, IP, KU, all Mode A; paths
KP->IP, EC->IP, KP->KU, EC->KU, IP->KU; 140 respondents, 28 items), it times

* one estimation: ``plssem.estimate``, seminr's ``estimate_pls`` and plspm's ``Plspm``
  (``default_scale=Scale.NUM``, path scheme, 300 iterations, tolerance 1e-7);
* the same bootstrap with consistent PLS (PLSc: every construct declared a common factor,
  so PLSc re-runs on every subsample) against the plain PLS bootstrap (issue 10: within 2x);
* a 5,000-subsample bootstrap: ``plssem.bootstrap`` + ``plssem.summarize`` on the paths,
  seminr's ``bootstrap_model(nboot=5000, cores=1)`` and plspm's bootstrap
  (``bootstrap=True, processes=1``). Peers too slow for 5,000 in reasonable time are
  timed at a smaller number of subsamples and extrapolated linearly; the output says so;

and prints a table (tool, task, seconds, ratio = peer time / our time), our peak memory for
B = 100,000, the machine, and the issue's targets marked met / not met. It asserts nothing.

Peak memory is the peak resident set size of a fresh child interpreter that only loads the
data, estimates and runs ``bootstrap(stop=100_000)`` + ``summarize``: its ``VmHWM`` from
``/proc/self/status`` on Linux, and the ``ru_maxrss`` that ``os.wait4`` (the per-child form of
``getrusage(RUSAGE_CHILDREN)``) returns for it. The two agree here because the child is started
first, while this process is still small: Linux carries the parent's RSS at ``exec`` into the
child's ``ru_maxrss``, so started late (after seminr and plspm have run) ``ru_maxrss`` would
report this process's size instead.

Timings are medians of repeated ``time.perf_counter`` runs after warm-up runs that are not
counted. The BLAS thread pool is left as configured (``OPENBLAS_CORETYPE`` and the thread
count are reported, never changed).

Data: ``data/raw/survey.csv`` if it exists and holds the 28 items without missing values;
otherwise integer 1-5 Likert data simulated from a latent model with a fixed seed (see
:func:`simulate`). The output says which.

plspm 0.5.7 and pandas 3: plspm indexes its path matrix with ``path.loc[dv,]``, a one-element
tuple key, which pandas 3 no longer accepts on a plain index (``ValueError: zip() argument 2
is longer than argument 1``). While plspm runs, and only if the installed pandas needs it,
:func:`plspm_pandas_compat` restores pandas 2's reading of such a key (the tuple's only
element); nothing else in pandas or plspm is changed.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

import plssem

REPO = Path(__file__).resolve().parents[1]
SURVEY = REPO / "data" / "raw" / "survey.csv"

#: The paper's model, read from the default study's config.yaml (all blocks Mode A).
_STUDY = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))
BLOCKS = {name: list(spec["indicators"]) for name, spec in _STUDY["constructs"].items()}
PATHS = list(_STUDY["paths"])
ITEMS = [item for block in BLOCKS.values() for item in block]
N_RESPONDENTS = 140

#: Seed of the simulated data and of every bootstrap in this script.
SEED = 20260130
B = 5_000
B_PEAK = 100_000

#: The targets of issue 2 ("Speed").
TARGET_ESTIMATE_S = 0.005
TARGET_BOOTSTRAP_S = 1.0
TARGET_RATIO_SEMINR = 50.0
TARGET_PEAK_BYTES = 1024**3
#: Issue 10: the PLSc bootstrap within this multiple of the plain PLS bootstrap's time.
TARGET_PLSC_RATIO = 2.0


# --------------------------------------------------------------------------- data
def simulate(n: int = N_RESPONDENTS, seed: int = SEED) -> pd.DataFrame:
    """Integer 1-5 Likert responses from a latent model, ``(n, 28)``.

    KP and EC are standard normal with correlation 0.5; IP = 0.4 KP + 0.4 EC + error and
    KU = 0.3 KP + 0.2 EC + 0.3 IP + error (each latent standardised in the sample). Item
    ``x = l * eta + sqrt(1 - l^2) * e`` with loadings ``l ~ U(0.70, 0.88)``, cut at
    -2.0, -1.2, -0.3, 0.7 into 1..5 (agreement-skewed, as such surveys are).
    All draws come from ``numpy.random.default_rng(seed)`` in a fixed order.
    """
    rng = np.random.default_rng(seed)

    def standardise(x: np.ndarray) -> np.ndarray:
        return (x - x.mean()) / x.std(ddof=1)

    exo = rng.multivariate_normal([0.0, 0.0], [[1.0, 0.5], [0.5, 1.0]], size=n)
    kp, ec = standardise(exo[:, 0]), standardise(exo[:, 1])
    ip = standardise(0.4 * kp + 0.4 * ec + np.sqrt(0.52) * rng.standard_normal(n))
    ku = standardise(0.3 * kp + 0.2 * ec + 0.3 * ip + 0.75 * rng.standard_normal(n))
    latent = {"KP": kp, "EC": ec, "IP": ip, "KU": ku}
    thresholds = np.array([-2.0, -1.2, -0.3, 0.7])
    columns = {}
    for construct, items in BLOCKS.items():
        loadings = rng.uniform(0.70, 0.88, size=len(items))
        for item, load in zip(items, loadings):
            x = load * latent[construct] + np.sqrt(1 - load**2) * rng.standard_normal(n)
            columns[item] = np.digitize(x, thresholds) + 1
    return pd.DataFrame(columns, index=pd.RangeIndex(n, name="respondent"))


def _shown(path: Path) -> str:
    """``path`` relative to the repository when inside it."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


SIMULATED = f"simulated 1-5 Likert data ({N_RESPONDENTS} x {len(ITEMS)}, benchmarks/engine.py:simulate, seed {SEED})"


def load_data() -> tuple[pd.DataFrame, str]:
    """The 28 item columns and a sentence saying where they came from."""
    if SURVEY.exists():
        try:
            frame = pd.read_csv(SURVEY)
        except Exception as exc:  # the file may be being written right now
            return simulate(), f"{SIMULATED}: {_shown(SURVEY)} exists but could not be read ({str(exc).strip()})"
        absent = [c for c in ITEMS if c not in frame.columns]
        if absent:
            return simulate(), f"{SIMULATED}: {_shown(SURVEY)} lacks column(s) {', '.join(absent)}"
        items = frame[ITEMS]
        if not all(pd.api.types.is_numeric_dtype(items[c]) for c in ITEMS) or items.isna().any(axis=None):
            return simulate(), f"{SIMULATED}: {_shown(SURVEY)} has non-numeric or missing item values"
        rel = _shown(SURVEY)
        note = "" if len(items) == N_RESPONDENTS else f" (expected {N_RESPONDENTS} rows)"
        return items.reset_index(drop=True), f"{rel}: {len(items)} respondents x {len(ITEMS)} items{note}"
    return simulate(), f"{SIMULATED}: {_shown(SURVEY)} absent"


# ---------------------------------------------------------------------- helpers
def median_time(fn, repeats: int, warmup: int = 1) -> tuple[float, list[float], object]:
    """Median wall time of ``fn()`` over ``repeats`` runs after ``warmup`` uncounted runs; also the last output."""
    for _ in range(warmup):
        fn()
    times = []
    out = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), times, out


def spread(times: list[float]) -> str:
    """``median of r (min .., max ..)`` for the table's last column."""
    if len(times) == 1:
        return "1 run"
    return f"median of {len(times)} (min {fmt_s(min(times))}, max {fmt_s(max(times))})"


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 0.1 else f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def once(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def maxrss_bytes(rusage) -> int:
    """``ru_maxrss`` in bytes (Linux reports KiB, macOS bytes)."""
    return int(rusage.ru_maxrss) * (1 if sys.platform == "darwin" else 1024)


def high_water_rss() -> int | None:
    """Peak RSS of this process's own address space (``VmHWM``, Linux), in bytes; None elsewhere."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return None


def fmt_bytes(n: float) -> str:
    return f"{n / 1024**2:,.0f} MiB"


_COMPAT_NEEDED: bool | None = None


def _plspm_needs_compat() -> bool:
    global _COMPAT_NEEDED
    if _COMPAT_NEEDED is None:
        probe = pd.DataFrame([[1]], index=["a"], columns=["x"])
        try:
            probe.loc[("a",)]
            _COMPAT_NEEDED = False
        except Exception:
            _COMPAT_NEEDED = True
    return _COMPAT_NEEDED


@contextlib.contextmanager
def plspm_pandas_compat():
    """While active, ``DataFrame.loc[(label,)]`` on a plain index means ``.loc[label]`` (pandas 2).

    Only installed when the running pandas refuses such keys; also silences the
    warnings plspm's pandas calls raise. Child processes forked inside inherit it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not _plspm_needs_compat():
            yield
            return
        from pandas.core.indexing import _LocIndexer

        original = _LocIndexer.__getitem__

        def getitem(self, key):
            if (type(key) is tuple and len(key) == 1 and isinstance(self.obj, pd.DataFrame)
                    and not isinstance(self.obj.index, pd.MultiIndex)):
                key = key[0]
            return original(self, key)

        _LocIndexer.__getitem__ = getitem
        try:
            yield
        finally:
            _LocIndexer.__getitem__ = original


def load_average():
    """The 1/5/15-minute load average (``os.getloadavg``), or None where the platform has none."""
    return os.getloadavg() if hasattr(os, "getloadavg") else None


def print_load(start, end) -> None:
    """Print the load average at the start and the end of a benchmark (other work inflates wall times)."""
    if start and end:
        print(f"load average (1/5/15 min) at start {'/'.join(f'{x:.2f}' for x in start)}, at end "
              f"{'/'.join(f'{x:.2f}' for x in end)}: other work on the machine inflates the timings")


def machine() -> dict:
    info = {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": None,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "blas": None,
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    try:
        from threadpoolctl import threadpool_info

        info["blas"] = [
            {k: pool.get(k) for k in ("user_api", "internal_api", "version", "num_threads", "threading_layer", "architecture")}
            for pool in threadpool_info()
        ]
    except ImportError:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["blas"] = [{"name": blas.get("name"), "version": blas.get("version"),
                         "configuration": blas.get("openblas configuration")}]
    for name in ("seminr", "plspm", "scipy"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            info[name] = version(name)
    info["plssem"] = plssem.__version__
    return info


# ------------------------------------------------------------------ the tools
def build_seminr():
    import seminr

    mm = seminr.constructs(*[seminr.composite(name, items) for name, items in BLOCKS.items()])
    sm = seminr.relationships(*[seminr.paths(from_=s, to=t) for s, t in map(plssem.parse_path, PATHS)])
    return seminr, mm, sm


def build_plspm():
    import plspm.config as c
    from plspm.mode import Mode
    from plspm.plspm import Plspm
    from plspm.scale import Scale
    from plspm.scheme import Scheme

    structure = c.Structure()
    for s, t in map(plssem.parse_path, PATHS):
        structure.add_path([s], [t])
    config = c.Config(structure.path(), default_scale=Scale.NUM)
    for name, items in BLOCKS.items():
        config.add_lv(name, Mode.A, *[c.MV(item) for item in items])

    def fit(data: pd.DataFrame, bootstrap: int = 0):
        with plspm_pandas_compat():
            if bootstrap:
                np.random.seed(SEED)  # plspm's bootstrap draws from the global NumPy generator
                return Plspm(data, config, Scheme.PATH, iterations=300, tolerance=1e-7,
                             bootstrap=True, bootstrap_iterations=bootstrap, processes=1)
            return Plspm(data, config, Scheme.PATH, iterations=300, tolerance=1e-7)

    return fit


def peak_child(data_file: str, b: int) -> None:
    """Child process: estimate, then bootstrap ``b`` subsamples and summarise the paths; print JSON."""
    items = pd.DataFrame(np.load(data_file), columns=ITEMS)
    model = plssem.Model.from_spec(BLOCKS, PATHS)
    fit = plssem.estimate(items, model)
    plssem.summarize(fit.paths.to_numpy(), plssem.bootstrap(fit.data.standardized, model, seed=SEED, stop=10).values["paths"])
    before = high_water_rss()
    t0 = time.perf_counter()
    draws = plssem.bootstrap(fit.data.standardized, model, seed=SEED, stop=b)
    plssem.summarize(fit.paths.to_numpy(), draws.values["paths"])
    seconds = time.perf_counter() - t0
    print(json.dumps({"b": b, "seconds": seconds, "failed": int(draws.failed.sum()),
                      "vmhwm_before_bootstrap": before, "vmhwm": high_water_rss(),
                      "ru_maxrss_self": maxrss_bytes(resource.getrusage(resource.RUSAGE_SELF))}))


def measure_peak(items: pd.DataFrame, b: int) -> dict:
    """Run :func:`peak_child` in a fresh interpreter; its ``VmHWM`` and its ``ru_maxrss`` from ``os.wait4``."""
    with tempfile.TemporaryDirectory() as tmp:
        data_file = os.path.join(tmp, "items.npy")
        np.save(data_file, items.to_numpy(dtype=float))
        proc = subprocess.Popen([sys.executable, __file__, "--peak-child", str(b), data_file],
                                stdout=subprocess.PIPE, text=True)
        out = proc.stdout.read()
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        return {"error": f"child exited with {proc.returncode}"}
    result = json.loads(out.strip().splitlines()[-1])
    result["ru_maxrss_wait4"] = maxrss_bytes(usage)
    result["peak_rss"] = result["vmhwm"] if result.get("vmhwm") else result["ru_maxrss_wait4"]
    return result


def stage_breakdown(fit, model, repeats: int = 5, chunk_size: int = 1000) -> dict[str, float]:
    """Seconds per stage of a 5,000 bootstrap (minimum over ``repeats``), re-running the stages of
    ``plssem.bootstrap`` one by one: resampling counts, subsample correlations, the batched PLS
    fit, collecting the statistics, and ``summarize`` on the paths."""
    from plssem import statistics
    from plssem.algorithm import fit_correlations
    from plssem.bootstrap import resample_counts, weighted_correlations

    z = fit.data.standardized
    best: dict[str, float] = {}
    for _ in range(repeats + 1):  # the first pass is a warm-up
        times = dict.fromkeys(("resample_counts", "weighted_correlations", "fit_correlations", "collect", "summarize"), 0.0)
        paths = []
        for lo in range(0, B, chunk_size):
            t0 = time.perf_counter()
            counts = resample_counts(z.shape[0], SEED, lo, min(lo + chunk_size, B))
            t1 = time.perf_counter()
            corr = weighted_correlations(z, counts, offset=lo)
            t2 = time.perf_counter()
            core = fit_correlations(corr, model)
            t3 = time.perf_counter()
            paths.append(statistics.collect(core, corr, model)["paths"])
            t4 = time.perf_counter()
            for name, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                times[name] += dt
        t0 = time.perf_counter()
        plssem.summarize(fit.paths.to_numpy(), np.concatenate(paths))
        times["summarize"] = time.perf_counter() - t0
        if _ > 0:
            best = {k: min(v, best.get(k, np.inf)) for k, v in times.items()}
    return best


def profile_bootstrap(fit, model) -> None:
    import cProfile
    import pstats

    try:
        stages = stage_breakdown(fit, model)
    except Exception as exc:  # internal functions of plssem may change
        print(f"\nstage breakdown unavailable ({exc})")
    else:
        total = sum(stages.values())
        print(f"\nour {B:,}-subsample bootstrap by stage (chunks of 1,000; minimum of 5 runs):")
        for name, seconds in stages.items():
            print(f"  {name:<24} {seconds * 1000:8.1f} ms  {100 * seconds / total:5.1f} %")
        print(f"  {'total':<24} {total * 1000:8.1f} ms")
    profiler = cProfile.Profile()
    profiler.enable()
    draws = plssem.bootstrap(fit.data.standardized, model, seed=SEED, stop=B)
    plssem.summarize(fit.paths.to_numpy(), draws.values["paths"])
    profiler.disable()
    print(f"\ncProfile of plssem.bootstrap + summarize, B = {B:,} (cumulative time, top 25):")
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("cumulative").print_stats(25)


# ------------------------------------------------------------------------ main
def time_plsc_bootstrap(fit, model, repeats: int) -> dict:
    """The 5,000-subsample bootstrap + summarize with every construct a common factor (PLSc re-run
    on every subsample) against the same bootstrap in plain PLS, timed in alternating pairs so that
    both see the same load on the machine. Returns medians, fastest runs and the median of the
    per-pair ratios PLSc / PLS."""
    factors = plssem.Model.from_spec({name: {"indicators": items, "model": "common_factor"}
                                      for name, items in BLOCKS.items()}, PATHS)
    z = fit.data.standardized
    plsc_paths = plssem.estimate(pd.DataFrame(z, columns=ITEMS), factors).paths.to_numpy()

    def run(m, original):
        return plssem.summarize(original, plssem.bootstrap(z, m, seed=SEED, stop=B).values["paths"])

    run(model, fit.paths.to_numpy()), run(factors, plsc_paths)          # warm-up
    pls, plsc = [], []
    for _ in range(repeats):
        pls.append(once(lambda: run(model, fit.paths.to_numpy()))[0])
        plsc.append(once(lambda: run(factors, plsc_paths))[0])
    ratios = [b / a for a, b in zip(pls, plsc)]
    return {"pls": float(np.median(pls)), "plsc": float(np.median(plsc)), "pls_fastest": min(pls),
            "plsc_fastest": min(plsc), "ratio": float(np.median(ratios)), "ratio_fastest": min(plsc) / min(pls),
            "how": f"{repeats} alternating pairs PLS / PLSc ({spread(plsc)}); every construct a common factor"}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip seminr's full 5,000 bootstrap (extrapolate a small one) and B = 100,000")
    parser.add_argument("--profile", action="store_true", help="print our 5,000 bootstrap by stage and its cProfile")
    parser.add_argument("--json", metavar="PATH", help="write the figures to this JSON file")
    parser.add_argument("--peak-child", nargs=2, metavar=("B", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak_child:
        peak_child(args.peak_child[1], int(args.peak_child[0]))
        return {}

    quick = args.quick
    reps_est = 20 if quick else 50
    reps_plspm_est = 5 if quick else 15
    reps_boot = 5 if quick else 15
    reps_seminr_boot = 1 if quick else 3
    seminr_nboot = 250 if quick else B
    plspm_nboots = (30, 90) if quick else (100, 400)

    items, source = load_data()
    info = machine()
    load_start = load_average()
    print("plssem engine benchmark (issue 2, 'Speed')" + ("  [--quick]" if quick else ""))
    print(f"date      {info['date']}")
    print(f"data      {source}")
    print(f"model     {', '.join(f'{k} ({len(v)} items, Mode A)' for k, v in BLOCKS.items())}; paths {', '.join(PATHS)}")
    print(f"machine   {info['cpu_count']} CPUs ({info['cpus_usable']} usable), {info['cpu_model']}; "
          f"Python {info['python']}; numpy {info['numpy']}; pandas {info['pandas']}; "
          f"seminr {info.get('seminr')}; plspm {info.get('plspm')}; plssem {info['plssem']}")
    for pool in info["blas"]:
        print("BLAS      " + ", ".join(f"{k}={v}" for k, v in pool.items()))
    print(f"          OPENBLAS_CORETYPE={info['OPENBLAS_CORETYPE'] or '(unset)'} (left as found)")
    if _plspm_needs_compat():
        print(f"note      pandas {pd.__version__} refuses plspm's .loc[(label,)] keys; pandas 2's reading is "
              "restored while plspm runs (see the module docstring)")
    print()

    # ---- peak memory first, while this process is small (see the module docstring)
    peak = None
    if quick:
        print(f"peak memory at B = {B_PEAK:,}: skipped (--quick)", flush=True)
    else:
        print(f"measuring peak memory of our bootstrap at B = {B_PEAK:,} in a child process ...", flush=True)
        peak = measure_peak(items, B_PEAK)

    model = plssem.Model.from_spec(BLOCKS, PATHS)
    seminr, mm, sm = build_seminr()
    plspm_fit = build_plspm()
    rows = []  # (tool, task, seconds, how)

    # ---- one estimation
    print("timing one estimation ...", flush=True)
    t_ours_est, ts, _ = median_time(lambda: plssem.estimate(items, model), reps_est, warmup=3)
    rows.append(("plssem", "estimate", t_ours_est, spread(ts)))
    t_seminr_est, ts, _ = median_time(lambda: seminr.estimate_pls(items, mm, sm), reps_est, warmup=3)
    rows.append(("seminr", "estimate", t_seminr_est, spread(ts)))
    t_plspm_est, ts, _ = median_time(lambda: plspm_fit(items), reps_plspm_est, warmup=1)
    rows.append(("plspm", "estimate", t_plspm_est, spread(ts)))

    fit = plssem.estimate(items, model)
    seminr_model = seminr.estimate_pls(items, mm, sm)
    plspm_model = plspm_fit(items)
    ours_paths = fit.paths
    names = list(seminr_model.path_coef.rows)
    seminr_paths = np.array([seminr_model.path_coef.values[names.index(s), names.index(t)] for s, t in ours_paths.index])
    plspm_pc = plspm_model.path_coefficients()
    plspm_paths = np.array([plspm_pc.loc[t, s] for s, t in ours_paths.index])
    agreement = {"seminr": float(np.max(np.abs(seminr_paths - ours_paths.to_numpy()))),
                 "plspm": float(np.max(np.abs(plspm_paths - ours_paths.to_numpy())))}

    # ---- bootstrap
    print(f"timing our {B:,}-subsample bootstrap ...", flush=True)

    def ours_boot():
        draws = plssem.bootstrap(fit.data.standardized, model, seed=SEED, stop=B)
        return plssem.summarize(fit.paths.to_numpy(), draws.values["paths"])

    t_ours_boot, ts, ours_summary = median_time(ours_boot, reps_boot, warmup=1)
    min_ours_boot = min(ts)
    rows.append(("plssem", f"bootstrap {B:,}", t_ours_boot, spread(ts) + "; bootstrap + summarize(paths)"))
    print(f"timing our {B:,}-subsample PLSc bootstrap against the plain one, in alternating pairs ...", flush=True)
    plsc_timing = time_plsc_bootstrap(fit, model, reps_boot)

    print(f"timing seminr's bootstrap_model (nboot={seminr_nboot:,}, cores=1) ...", flush=True)
    seminr.bootstrap_model(seminr_model, nboot=20, seed=SEED, cores=1)  # warm-up (lazy imports)
    t_seminr_run, ts, seminr_boot = median_time(
        lambda: seminr.bootstrap_model(seminr_model, nboot=seminr_nboot, seed=SEED, cores=1), reps_seminr_boot, warmup=0)
    min_seminr_boot = min(ts) * B / seminr_nboot
    if seminr_nboot == B:
        t_seminr_boot, seminr_how = t_seminr_run, spread(ts) + "; nboot=5000, cores=1"
    else:
        t_seminr_boot = t_seminr_run * B / seminr_nboot
        seminr_how = (f"EXTRAPOLATED linearly from nboot={seminr_nboot} ({t_seminr_run:.2f} s, {spread(ts)}) "
                      f"x {B / seminr_nboot:g}")
    rows.append(("seminr", f"bootstrap {B:,}", t_seminr_boot, seminr_how))

    b1, b2 = plspm_nboots
    print(f"timing plspm's bootstrap (bootstrap_iterations={b1} and {b2}, processes=1) ...", flush=True)
    t_p1, _ = once(lambda: plspm_fit(items, bootstrap=b1))
    t_p2, plspm_boot = once(lambda: plspm_fit(items, bootstrap=b2))
    slope = (t_p2 - t_p1) / (b2 - b1)
    t_plspm_boot = t_p2 + slope * (B - b2)
    rows.append(("plspm", f"bootstrap {B:,}", t_plspm_boot,
                 f"EXTRAPOLATED linearly through 2 runs: {b1} -> {t_p1:.1f} s, {b2} -> {t_p2:.1f} s "
                 f"({slope * 1000:.0f} ms/subsample + {t_p2 - slope * b2:.1f} s fixed); processes=1"))

    # ---- report
    load_end = load_average()
    info["loadavg_start"], info["loadavg_end"] = load_start, load_end
    ours = {"estimate": t_ours_est, f"bootstrap {B:,}": t_ours_boot}
    print()
    print(f"{'tool':<8} {'task':<16} {'seconds':>11} {'ratio':>9}   how")
    print("-" * 100)
    for tool, task, seconds, how in rows:
        ratio = seconds / ours[task]
        print(f"{tool:<8} {task:<16} {seconds:>11.4f} {ratio:>8.1f}x   {how}")
    print(f"{'plssem':<8} {'PLSc bootstrap':<16} {plsc_timing['plsc']:>11.4f} {plsc_timing['ratio']:>8.2f}x   "
          f"{plsc_timing['how']}; ratio: median of PLSc / PLS per pair (PLS median {plsc_timing['pls']:.4f} s)")
    print("ratio = peer time / our time for the same task; seconds are wall time (time.perf_counter)")
    print_load(load_start, load_end)
    print(f"path coefficients, max |peer - ours|: seminr {agreement['seminr']:.1e}, plspm {agreement['plspm']:.1e}")
    seminr_sd = seminr_boot.paths_descriptives
    sd_cols = [c for c in seminr_sd.cols if c.endswith("Boot SD")]
    print("bootstrap SD of the paths (different resamples and sizes: equal up to Monte Carlo error, about SD/sqrt(2B)):")
    seminr_sd_map = {(r, c[: -len(" Boot SD")]): seminr_sd.values[i, seminr_sd.cols.index(c)]
                     for i, r in enumerate(seminr_sd.rows) for c in sd_cols}
    plspm_sd = plspm_boot.bootstrap().paths()["std.error"]
    for (s, t), sd in zip(ours_paths.index, ours_summary["sd"]):
        print(f"  {s} -> {t}:  plssem {sd:.4f}   seminr {seminr_sd_map.get((s, t), np.nan):.4f} (nboot {seminr_boot.boots})"
              f"   plspm {plspm_sd.get(f'{s} -> {t}', np.nan):.4f} (nboot {b2})")

    print()
    if peak is None:
        print(f"peak memory, B = {B_PEAK:,}: not measured (--quick)")
    elif "error" in peak:
        print(f"peak memory, B = {B_PEAK:,}: {peak['error']}")
    else:
        before = f"{fmt_bytes(peak['vmhwm_before_bootstrap'])} of it" if peak.get("vmhwm_before_bootstrap") else "part of it"
        print(f"peak memory, B = {B_PEAK:,}: {fmt_bytes(peak['peak_rss'])} peak RSS of a child process that runs only "
              f"estimate + bootstrap + summarize ({before} before the bootstrap: interpreter, numpy, pandas, "
              f"scipy.stats, data); ru_maxrss from os.wait4: {fmt_bytes(peak['ru_maxrss_wait4'])}")
        print(f"          the B = {B_PEAK:,} bootstrap + summarize took {peak['seconds']:.2f} s, "
              f"{peak['failed']} failed subsamples")

    ratio_seminr = t_seminr_boot / t_ours_boot
    ratio_seminr_min = min_seminr_boot / min_ours_boot
    targets = [
        ("one estimation < 5 ms", f"{t_ours_est * 1000:.2f} ms", t_ours_est < TARGET_ESTIMATE_S),
        (f"{B:,} subsamples < 1 s", f"{t_ours_boot:.3f} s (fastest run {min_ours_boot:.3f} s)",
         t_ours_boot < TARGET_BOOTSTRAP_S),
        (">= 50x faster than seminr's bootstrap",
         f"{ratio_seminr:.1f}x (fastest runs: {ratio_seminr_min:.1f}x)"
         + ("" if seminr_nboot == B else ", seminr extrapolated"), ratio_seminr >= TARGET_RATIO_SEMINR),
        ("PLSc bootstrap <= 2x the PLS bootstrap",
         f"{plsc_timing['ratio']:.2f}x (fastest runs: {plsc_timing['ratio_fastest']:.2f}x)",
         plsc_timing["ratio"] <= TARGET_PLSC_RATIO),
        (f"peak < 1 GiB at B = {B_PEAK:,}",
         "not measured" if not peak or "error" in peak else fmt_bytes(peak["peak_rss"]),
         None if not peak or "error" in peak else peak["peak_rss"] < TARGET_PEAK_BYTES),
    ]
    print()
    print("targets (issue 2, 'Speed'; one process):")
    for name, value, met in targets:
        mark = "n/a (skipped)" if met is None else ("met" if met else "NOT MET")
        print(f"  {name:<40} {value:<52} {mark}")
    print("  (verdicts use the medians; the fastest runs are the least disturbed by other work on the machine)")

    results = {
        "machine": info, "data": source, "quick": quick,
        "rows": [{"tool": t, "task": k, "seconds": s, "ratio": s / ours[k], "how": h} for t, k, s, h in rows],
        "path_agreement": agreement, "peak": peak,
        "plsc_bootstrap": plsc_timing,
        "targets": [{"target": n, "value": v, "met": m} for n, v, m in targets],
    }
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")
    if args.profile:
        profile_bootstrap(fit, model)
    return results


if __name__ == "__main__":
    main()
