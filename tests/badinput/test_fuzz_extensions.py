"""Fuzzing the model's extensions (issue 13), bounded: interaction terms in ``paths``, ``moderation``,
higher-order constructs (``constructs.<C>.dimensions / approach / mode``), ``controls`` and hypotheses on them.

Each example is a small four-construct study (two single items, two two-item blocks, an age column) with some
of these keys drawn from valid and hostile values. A config the checks accept is read, cleaned, estimated
and bootstrapped (3 subsamples), as the workflow does; anything but a result or a
:class:`~plssem_pipeline.errors.UserError` is a bug. Bounded and deterministic as ``test_fuzz.py``.
"""
import copy
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import plssem
from plssem_pipeline import study
from plssem_pipeline.analysis import numerics
from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.cleaning import clean_survey
from plssem_pipeline.ingest.labels import profile_variables
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.ingest.survey import read_survey

from badinput_corpus import checked_model

FUZZ = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

BASE = {
    "data": {"survey": "data/raw/survey.csv", "scale": {"min": 1, "max": 5}},
    "constructs": {"X": {"indicators": ["x1"]}, "W": {"indicators": ["w1"]}, "M": {"indicators": ["m1", "m2"]},
                   "Y": {"indicators": ["y1", "y2"]}},
    "paths": ["X -> M", "W -> M", "M -> Y", "X -> Y"],
    "bootstrap": {"samples": 3, "seed": 1, "chunks": 1},
}
ODD = [None, "", "x", 0, 1.5, [], {}, True]
#: (values the study accepts, hostile values) of each key
TERM_PATHS = (["X x W -> M", "X*W -> M", "X × W -> M", "X x X -> M", "W x X -> M"],
              ["X x Z -> M", "X x W -> Z", "M -> X x W", "X x W x M -> Y", "X x M -> M", "x -> M", "X x -> M",
               "X x W -> Y", "Y x X -> M", "H x W -> M"])
DIMENSIONS = ([["X", "W"]], [["X"], ["X", "X"], ["H"], "X", [1, 2], None, ["Z", "X"], ["M", "Y"], []])
APPROACH = (["two_stage", "repeated_indicators"], ["two-stage", "embedded", None, 1])
MODES = (["A", "B"], ["C", None])
MODERATION = ([{}, {"method": "product_indicator"}, {"method": "orthogonal", "standardize_term": False}],
              [{"method": "two-stage"}, {"method": None}, "two_stage", {"standardize_term": "yes"}, {"x": 1}, None])
CONTROLS = ([{}, {"age": ["Y"]}, {"age": ["M", "Y"]}, {"age": {"targets": ["Y"], "label": {"en": "Age", "id": "Usia"}}}],
            [{"age": []}, {"age": "Y"}, {"x1": ["Y"]}, {"age": ["X"]}, {"zz": ["Y"]}, {"": ["Y"]}, {"age": ["Y", "Y"]},
             {"age x W": ["Y"]}, {"M": ["Y"]}, {"age": ["Z"]}, {"age": [None]}, None, [],
             {"age": {"label": "Age"}}, {"age": {"targets": ["X"], "label": {"fr": "Âge"}}}, {"age": {"targets": "Y"}}])
HYPOTHESES = (["X x W -> M", "X -> M -> Y"], ["age -> Y", "X x W -> M -> Y", "H -> X", "X*W -> M"])


def _survey(n: int = 40, seed: int = 13) -> str:
    """The study's survey: five-point items of four related constructs and an age in years."""
    rng = np.random.default_rng(seed)
    x, w = rng.standard_normal(n), rng.standard_normal(n)
    m = 0.5 * x + 0.3 * w + 0.3 * x * w + rng.standard_normal(n)
    y = 0.5 * m + 0.2 * x + rng.standard_normal(n)

    def item(latent):
        return np.digitize(latent + 0.6 * rng.standard_normal(n), [-1.5, -0.5, 0.5, 1.5]) + 1

    columns = {"x1": item(x), "w1": item(w), "m1": item(m), "m2": item(m), "y1": item(y), "y2": item(y),
               "age": rng.integers(20, 66, n)}
    return ",".join(columns) + "\n" + "".join(",".join(str(v[i]) for v in columns.values()) + "\n" for i in range(n))


SURVEY = _survey()


@st.composite
def extended_configs(draw):
    """The small study with some of the extension keys set; a third of the examples may draw hostile values."""
    hostile = draw(st.integers(0, 2)) == 0

    def pick(choices, extra=()):
        valid, bad = choices
        return copy.deepcopy(draw(st.sampled_from(valid + (bad + list(extra) if hostile else []))))

    config = copy.deepcopy(BASE)
    if draw(st.booleans()):
        config["paths"].append(pick(TERM_PATHS))
    if draw(st.booleans()):
        config["moderation"] = pick(MODERATION, ODD)
    if draw(st.booleans()):   # X and W become the dimensions of H, whose paths replace theirs
        hoc = {"dimensions": pick(DIMENSIONS, ODD)}
        for key, choices in (("approach", APPROACH), ("mode", MODES)):
            if draw(st.booleans()):
                hoc[key] = pick(choices, ODD)
        config["constructs"]["H"] = hoc
        config["paths"] = ["H -> M", "M -> Y", "H -> Y"] + [p for p in config["paths"] if "H" in p and hostile]
    if draw(st.booleans()):
        config["controls"] = pick(CONTROLS, ODD)
    if draw(st.booleans()):
        config["hypotheses"] = {"H1": {"path": pick(HYPOTHESES)}}
    return config


def _run_study(config: dict, root: Path):
    """Schema, defaults, semantics; then clean (controls included), estimate and bootstrap 3 subsamples."""
    model = checked_model(config, root)
    assert model == study.model_from_spec(study.model_spec(config))    # the rules' model is the checked one
    data = config["data"]
    raw = read_survey(root / data["survey"], delimiter=data["delimiter"], encoding=data["encoding"],
                      sheet=data["sheet"])
    respondents, _ = profile_variables(config["respondents"], raw)
    spec = SurveySpec.from_config(data, respondents, config["constructs"], study.model_spec(config)["paths"],
                                  controls=config["controls"])
    cleaned = clean_survey(raw, spec)
    result = numerics.estimate(cleaned.survey, model, config["algorithm"], source="results/clean/survey.csv")
    draws = plssem.bootstrap(result.observed_data.standardized, model, seed=config["bootstrap"]["seed"], stop=3,
                             **study.algorithm_options(config["algorithm"]))
    return cleaned, result, draws


@FUZZ
@given(config=extended_configs())
def test_fuzzed_extension_keys_give_results_or_a_user_error(config):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data" / "raw").mkdir(parents=True)
        (root / "data" / "raw" / "survey.csv").write_text(SURVEY, encoding="utf-8")
        try:
            cleaned, result, draws = _run_study(copy.deepcopy(config), root)
        except UserError as error:
            message = str(error)
            assert message.strip() and "Traceback" not in message
            event("refused")
            return
        event("estimated and bootstrapped")
        assert set(config.get("controls") or {}) <= set(cleaned.survey.columns)
        assert np.isfinite(result.paths.to_numpy()).all() and draws.failed.shape == (3,)
