"""Section "predict" of ``benchmarks/large_n.py`` (issue 17): PLSpredict's two rules on a million rows.

* Data: n respondents drawn with replacement from the rows of ``data/raw/survey.csv`` (same
  columns), each item answer moved by -1/0/+1 with probabilities 0.1/0.8/0.1 and kept on 1-5, no
  missing values (the cleaned survey rule ``predict_chunk`` reads); written once by pandas (seed 17).
* The steps: a child interpreter (one BLAS thread) runs ``plssem_pipeline.steps.predict_chunk.main``
  (one repetition of 10-fold cross-validation, the default study's model and settings from
  ``config.yaml`` with ``predict: {repetitions: 1, chunks: 1}``), then another runs
  ``plssem_pipeline.steps.predict.main`` on that chunk (metrics, CVPAT with the default 2,000
  resamples against IA and LM, the four tables). Reported per step: wall and CPU time of ``main``
  alone (imports and the config excluded) and the child's peak RSS (``ru_maxrss``).
"""
from __future__ import annotations

from pathlib import Path

#: Child: write the survey of argv[2] rows to argv[1].
_SURVEY = """
import sys, numpy as np, pandas as pd
n = int(sys.argv[2]); src = pd.read_csv("data/raw/survey.csv")
rng = np.random.default_rng(17); rows = rng.integers(0, len(src), n)
items = [c for c in src.columns if c[:2] in ("KP", "EC", "IP", "KU")]
frame = src.iloc[rows].reset_index(drop=True)
frame["respondent_id"] = [f"R{i:07d}" for i in range(1, n + 1)]
frame[items] = np.clip(src[items].to_numpy()[rows] + rng.choice([-1, 0, 1], (n, len(items)), p=[.1, .8, .1]), 1, 5)
frame.to_csv(sys.argv[1], index=False, lineterminator="\\n")
print("{}")
"""

#: Child: rule argv[1]'s main() (predict_chunk or predict) on the survey argv[2], files in argv[3].
_STEP = """
import json, logging, resource, sys, time, types, yaml
from pathlib import Path
from snakemake.utils import validate
from plssem_pipeline import study
from plssem_pipeline.steps import predict, predict_chunk
rule, survey, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
config = yaml.safe_load(open("config.yaml")); study.normalize_config(config)
validate(config, "workflow/schemas/config.schema.yaml")
config["predict"].update(repetitions=1, chunks=1)
params = types.SimpleNamespace(model=study.model_spec(config), algorithm=config["algorithm"],
                               predict=study.predict_settings(config), engine="benchmark", pipeline="benchmark")
chunk = str(out / "repetitions_0-1.npz")
if rule == "predict_chunk":
    smk = types.SimpleNamespace(params=params, wildcards=types.SimpleNamespace(start="0", stop="1"),
                                input=types.SimpleNamespace(survey=survey), output=types.SimpleNamespace(draws=chunk))
    main = predict_chunk.main
else:
    names = {"indicators": "items.csv", "constructs": "constructs.csv", "cvpat": "cvpat.csv", "errors": "errors.csv",
             "summary": "summary.json"}
    class Output(types.SimpleNamespace):                     # Snakemake's output: by attribute and by name
        def __getitem__(self, key):
            return getattr(self, key)
    smk = types.SimpleNamespace(params=params, input=types.SimpleNamespace(survey=survey, chunks=[chunk]),
                                output=Output(**{key: str(out / name) for key, name in names.items()}))
    main = predict.main
wall, cpu = time.perf_counter(), time.process_time()
main(smk, logging.getLogger(rule))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"seconds": wall, "cpu": cpu, "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def predict_section(n: int, folder: Path, child) -> dict:
    """Make the survey, run rules ``predict_chunk`` and ``predict`` on it; return the figures (module docstring).

    ``child(code, *args)`` runs ``code`` in a fresh one-BLAS-thread interpreter (``large_n._child``).
    """
    survey = folder / "predict_survey.csv"
    child(_SURVEY, survey, n)
    out = folder / "predict"
    out.mkdir()
    steps = {rule: child(_STEP, rule, survey, out) for rule in ("predict_chunk", "predict")}
    return {"n": n, "chunk_bytes": (out / "repetitions_0-1.npz").stat().st_size, **steps}


def print_predict(fig: dict) -> None:
    """Print the predict section's figures."""
    print(f"PLSpredict: n = {fig['n']:,} rows, one repetition of 10 folds (chunk file "
          f"{fig['chunk_bytes'] / 1e9:.2f} GB)")
    for rule in ("predict_chunk", "predict"):
        step = fig[rule]
        print(f"  rule {rule}: wall {step['seconds']:.1f} s, CPU {step['cpu']:.1f} s (main() alone), "
              f"peak RSS {step['peak_rss'] / 1e9:.2f} GB")
