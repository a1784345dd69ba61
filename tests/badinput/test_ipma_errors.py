"""The IPMA step's refusals name the config key to fix (:func:`plssem_pipeline.steps.ipma.importance_map`).

The engine (:func:`plssem.ipma.ipma`) raises :class:`~plssem.ipma.ScaleError`,
:class:`~plssem.ipma.CommonFactorError` and :class:`~plssem.ipma.WeightSumError` with the indicators or
constructs concerned; the step turns them into a :class:`UserError` naming the scale's key
(``constructs.<C>.scale`` or ``data.scale``) with the survey and the indicator's column, the construct's
``model`` key, or its ``indicators`` with the reverse-coding key. Only the target's own problems name
``ipma.target``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipeline"))

from pipeline_helpers import filled_config, minimal_config  # noqa: E402

from plssem_pipeline import study  # noqa: E402
from plssem_pipeline.analysis import numerics  # noqa: E402
from plssem_pipeline.errors import UserError  # noqa: E402
from plssem_pipeline.steps.ipma import importance_map  # noqa: E402

SURVEY = "results/clean/survey.csv"


def _survey(seed: int = 2, n: int = 200) -> pd.DataFrame:
    """x1, x2 of X (x2 negatively worded, not reverse-coded), m1 of M, y1, y2 of Y, on 1-5; age (years)."""
    rng = np.random.default_rng(seed)
    f = rng.standard_normal(n)
    g = 0.6 * f + rng.standard_normal(n)
    frame = pd.DataFrame({"x1": f, "x2": -f, "m1": 0.5 * f + g, "y1": g, "y2": g})
    frame += 0.5 * rng.standard_normal(frame.shape)
    return (frame.round().clip(-2, 2) + 3).assign(age=rng.integers(18, 70, n).astype(float))


def _map(config: dict, survey: pd.DataFrame, target: str = "Y"):
    config = filled_config({**config, "ipma": {"target": target}})
    spec = study.model_spec(config)
    result = numerics.estimate(survey, study.model_from_spec(spec), config["algorithm"], source=SURVEY)
    scales = study.indicator_scales(config["data"], config["constructs"])
    return importance_map(result, study.ipma_settings(config), scales, source=SURVEY, controls=spec["controls"])


@pytest.fixture
def config(tmp_path) -> dict:
    return minimal_config(tmp_path)


def _refusal(config, survey, target="Y") -> UserError:
    with pytest.raises(UserError) as info:
        _map(config, survey, target)
    return info.value


def test_data_outside_a_constructs_own_scale_names_that_scale_the_survey_and_column(config):
    config["constructs"]["Y"]["scale"] = {"min": 1, "max": 4}           # y1 and y2 reach 5
    error = _refusal(config, _survey())
    assert (error.key, error.file, error.column) == ("constructs.Y.scale", SURVEY, "y1"), str(error)
    assert "outside their [min, max]" in error.message


def test_data_outside_the_default_scale_names_data_scale(config):
    config["data"]["scale"] = {"min": 2, "max": 5}                      # x1 reaches 1
    error = _refusal(config, _survey())
    assert (error.key, error.file, error.column) == ("data.scale", SURVEY, "x1"), str(error)


def test_a_common_factor_names_its_model_key(config):
    config["constructs"]["X"]["model"] = "common_factor"
    error = _refusal(config, _survey())
    assert error.key == "constructs.X.model" and "IPMA needs composites" in error.message, str(error)


def test_weights_summing_to_a_non_positive_number_name_the_indicators_and_reverse_coding(config):
    error = _refusal(config, _survey(seed=17))                # x2 ~ -x1: X's weights sum to a negative number
    assert error.key == "constructs.X.indicators" and error.file is None, str(error)
    assert "reverse-code its indicators" in error.message and "constructs.X.reverse" in error.message


def test_only_the_targets_own_problems_name_ipma_target(config):
    config["data"]["scale"] = {"min": 1, "max": 5}
    error = _refusal(config, _survey(), target="X")                    # X has no predecessors
    assert error.key == "ipma.target" and "has no predecessors" in error.message, str(error)


def test_a_control_variable_is_left_out_of_the_map_not_refused(config):
    """age (no response scale) controls Y: the map has X and M, as without it (the engine's OLS-route test:
    tests/engine/test_ipma_vs_seminrextras.py)."""
    config["controls"] = {"age": ["Y"]}
    assert list(_map(config, _survey()).constructs.index) == ["X", "M"]
