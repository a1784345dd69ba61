"""The moderation test study (issue 13): a simulated survey, its config and its one DAG run.

A survey of :data:`N` respondents simulated from a latent model with a fixed seed:

* X, W, M, Y: reflective constructs of three 5-point items each; W moderates X -> M
  (``"X x W -> M"``, two-stage, the term standardised as SmartPLS does) on the mediated chain
  X -> M -> Y, so the study has a moderated mediation (Hayes 2015);
* Q: a second-order construct (Mode A, disjoint two-stage) of the dimensions Q1 and Q2, three items
  each, explaining Y;
* age: a control variable (``controls: {age: [Y]}``), the respondent's age in years.

Latent model (standard normal exogenous variables, X and W correlated 0.3):
``M = 0.40 X + 0.20 W + 0.25 X·W + e``, ``Y = 0.35 M + 0.15 X + 0.30 G - 0.10 age + e``, ``Qk = 0.8 G + e``.

Used by ``tests/pipeline/test_moderation_study.py`` and the report tests, which share one run per
pytest session (:func:`moderation_study_run`: 200 subsamples in 2 chunks, ``--cores 2``).
"""
from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pandas as pd

import run_pool_helpers
from pipeline_helpers import make_project, snakemake, study_config

#: Respondents of the simulated survey.
N = 250
#: The survey file, relative to the project.
SURVEY = "data/raw/moderation.csv"
#: The study's reflective blocks (construct -> items).
BLOCKS = {"X": ["x1", "x2", "x3"], "W": ["w1", "w2", "w3"], "M": ["m1", "m2", "m3"], "Y": ["y1", "y2", "y3"],
          "Q1": ["q1a", "q1b", "q1c"], "Q2": ["q2a", "q2b", "q2c"]}
#: The second-order construct over Q1 and Q2.
HIGHER_ORDER = {"Q": {"dimensions": ["Q1", "Q2"], "mode": "A", "approach": "two_stage"}}
#: The structural model as the researcher writes it in config ``paths``.
PATHS = ["X -> M", "W -> M", "X x W -> M", "M -> Y", "X -> Y", "Q -> Y"]
#: Config ``controls``.
CONTROLS = {"age": ["Y"]}
#: Config ``moderation``.
MODERATION = {"method": "two_stage", "standardize_term": True}
#: Bootstrap subsamples and chunks of the test run.
SAMPLES, CHUNKS = 200, 2


def _likert(latent: np.ndarray, rng) -> np.ndarray:
    """A 5-point item of loading 0.85 on the standardised ``latent``."""
    eta = (latent - latent.mean()) / latent.std()
    x = 0.85 * eta + np.sqrt(1 - 0.85**2) * rng.standard_normal(eta.size)
    return np.digitize(x, [-1.5, -0.5, 0.5, 1.5]) + 1


def simulate_survey(n: int = N, seed: int = 1313) -> pd.DataFrame:
    """The study's survey: ``respondent_id``, ``age`` (years, 20 to 65), then the items of :data:`BLOCKS`."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    w = 0.3 * x + np.sqrt(1 - 0.09) * rng.standard_normal(n)
    g = rng.standard_normal(n)
    age = np.clip(np.round(40 + 11 * rng.standard_normal(n)), 20, 65)
    m = 0.40 * x + 0.20 * w + 0.25 * x * w + 0.8 * rng.standard_normal(n)
    y = 0.35 * m + 0.15 * x + 0.30 * g - 0.10 * (age - 40) / 11 + 0.75 * rng.standard_normal(n)
    latent = {"X": x, "W": w, "M": m, "Y": y, "Q1": 0.8 * g + 0.6 * rng.standard_normal(n),
              "Q2": 0.8 * g + 0.6 * rng.standard_normal(n)}
    frame = pd.DataFrame({"respondent_id": [f"R{i:03d}" for i in range(1, n + 1)], "age": age.astype(int)})
    for name, items in BLOCKS.items():
        for item in items:
            frame[item] = _likert(latent[name], rng)
    return frame


def study_config_dict(samples: int = SAMPLES, chunks: int = CHUNKS) -> dict:
    """The study's config.yaml: the default config's settings with this study's data and model."""
    config = study_config(SURVEY, samples=samples, chunks=chunks)
    for key in ("published", "respondents"):
        config.pop(key, None)
    config["data"] = {"survey": SURVEY, "scale": {"min": 1, "max": 5}, "id_column": "respondent_id"}
    config["constructs"] = {name: {"indicators": items} for name, items in BLOCKS.items()}
    config["constructs"].update(copy.deepcopy(HIGHER_ORDER))
    config["paths"] = list(PATHS)
    config["controls"] = copy.deepcopy(CONTROLS)
    config["moderation"] = dict(MODERATION)
    config["report"] = {"formats": ["html", "tex"], "language": "en"}
    return config


def engine_spec() -> tuple[dict, list, dict]:
    """``(constructs, paths, moderation)`` of :meth:`plssem.Model.from_spec` for the engine run directly:
    the control variable is the single-item construct ``age`` with its path ``age -> Y``."""
    constructs = {name: list(items) for name, items in BLOCKS.items()}
    constructs.update(copy.deepcopy(HIGHER_ORDER))
    constructs["age"] = ["age"]
    paths = list(PATHS) + [f"{column} -> {target}" for column, targets in CONTROLS.items() for target in targets]
    return constructs, paths, dict(MODERATION)


def _build(directory: Path) -> Path:
    make_project(directory, config=study_config_dict())
    simulate_survey().to_csv(directory / SURVEY, index=False, lineterminator="\n")
    snakemake(directory, "--cores", "2", timeout=900)
    return directory


#: One run per pytest session, shared by every test folder, made in the background (run_pool_helpers).
run_pool_helpers.register("moderation_study", _build, "test_moderation_study.py::run",
                          "test_moderation_section.py::run", "test_extension_measurement.py::run",
                          "test_predict_fit.py::moderation_run")


def moderation_study_run(tmp_path_factory) -> Path:
    """The project directory where ``snakemake --cores 2`` built the moderation study (HTML and .tex report)."""
    return run_pool_helpers.result("moderation_study", tmp_path_factory)
