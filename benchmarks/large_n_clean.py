"""Section "clean" of ``benchmarks/large_n.py`` (issue 17): the clean step on a million rows in under 10 s.

* Data: n respondents drawn with replacement from the rows of ``data/raw/survey.csv`` (same
  columns), each item answer moved by -1/0/+1 with probabilities 0.1/0.8/0.1 and kept on 1-5,
  0.2 % of the item cells left blank and 0.1 % set to the missing code -99 (so that the
  missing-value events, mean replacement and float columns are exercised), ids ``R0000001``...;
  written once by pandas (seed 17).
* The step: a child interpreter (one BLAS thread) runs ``plssem_pipeline.steps.clean.main`` with the
  parameters rule ``clean`` gives it for the default study (``config.yaml``) and that survey, writing
  the five outputs to a temporary folder. Reported: its wall and CPU time (``main`` alone: imports
  and the config excluded) and the child's peak RSS (``ru_maxrss``). Target: wall < 10 s.
"""
from __future__ import annotations

from pathlib import Path

#: Issue 17: the clean step on 10^6 rows under this many seconds.
TARGET_SECONDS = 10.0

#: Child: write the survey of argv[2] rows to argv[1].
_SURVEY = """
import sys, numpy as np, pandas as pd
n = int(sys.argv[2]); src = pd.read_csv("data/raw/survey.csv", dtype=str, keep_default_na=False)
rng = np.random.default_rng(17); rows = rng.integers(0, len(src), n)
items = [c for c in src.columns if c[:2] in ("KP", "EC", "IP", "KU")]
frame = pd.DataFrame({"respondent_id": [f"R{i:07d}" for i in range(1, n + 1)]})
for c in src.columns[1:]:
    if c not in items:
        frame[c] = src[c].to_numpy()[rows]
x = np.clip(src[items].astype(int).to_numpy()[rows] + rng.choice([-1, 0, 1], (n, len(items)), p=[.1, .8, .1]), 1, 5)
x = x.astype(str).astype(object); u = rng.random(x.shape)
x[u < 0.002] = ""; x[(u >= 0.002) & (u < 0.003)] = "-99"
for j, c in enumerate(items):
    frame[c] = x[:, j]
frame.to_csv(sys.argv[1], index=False, lineterminator="\\n")
print("{}")
"""

#: Child: rule clean's main() on argv[1], outputs into argv[2]; its wall/CPU time and the peak RSS.
_STEP = """
import json, logging, resource, sys, time, types, yaml
from pathlib import Path
from snakemake.utils import validate
from plssem_pipeline import study
from plssem_pipeline.steps import clean
config = yaml.safe_load(open("config.yaml")); config["data"]["survey"] = sys.argv[1]
study.normalize_config(config); validate(config, "workflow/schemas/config.schema.yaml")
out = Path(sys.argv[2])
params = types.SimpleNamespace(
    data=config["data"], respondents=config["respondents"], indicators=study.indicator_lists(config["constructs"]),
    modes={name: c.get("mode", "A") for name, c in config["constructs"].items()},
    redundancy=study.redundancy_items(config["constructs"]), paths=study.model_spec(config)["paths"],
    controls=config["controls"], scales=study.indicator_scales(config["data"], config["constructs"]), pipeline="")
output = types.SimpleNamespace(**{k: str(out / f"{k}.csv") for k in ("survey", "validated", "exclusions", "categories")},
                               summary=str(out / "summary.json"))
smk = types.SimpleNamespace(params=params, input=types.SimpleNamespace(survey=sys.argv[1]), output=output)
wall, cpu = time.perf_counter(), time.process_time()
clean.main(smk, logging.getLogger("clean"))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
summary = json.load(open(output.summary))["details"]
print(json.dumps({"seconds": wall, "cpu": cpu, "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "kept": summary["respondents_kept"], "exclusion_rows": summary["exclusion_rows"]}))
"""


def clean_section(n: int, folder: Path, child) -> dict:
    """Make the survey, run the clean step on it; return the figures (see the module docstring).

    ``child(code, *args)`` runs ``code`` in a fresh one-BLAS-thread interpreter (``large_n._child``).
    """
    survey = folder / "survey.csv"
    child(_SURVEY, survey, n)
    (folder / "clean").mkdir()
    step = child(_STEP, survey, folder / "clean")
    return {"n": n, "file_bytes": survey.stat().st_size, "seconds": step["seconds"], "cpu_seconds": step["cpu"],
            "peak_rss_bytes": step["peak_rss"], "kept": step["kept"], "exclusion_rows": step["exclusion_rows"]}


def print_clean(fig: dict) -> None:
    """Print the clean section's figures."""
    met = "met" if fig["seconds"] < TARGET_SECONDS else "NOT met"
    print(f"clean step: n = {fig['n']:,} rows ({fig['file_bytes'] / 1e6:.0f} MB CSV; {fig['kept']:,} kept, "
          f"{fig['exclusion_rows']:,} exclusion-log rows)")
    print(f"  wall {fig['seconds']:.1f} s, CPU {fig['cpu_seconds']:.1f} s (main() alone), peak RSS "
          f"{fig['peak_rss_bytes'] / 1e9:.2f} GB; target < {TARGET_SECONDS:g} s: {met}")
