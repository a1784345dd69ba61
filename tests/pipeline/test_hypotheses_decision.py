"""The one decision rule (plssem_pipeline.analysis.decision) and the hypotheses' config checks."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from plssem_pipeline.analysis.decision import is_significant, is_supported
from plssem_pipeline.analysis.mediation import is_significant as mediation_is_significant
from plssem_pipeline.study import ConfigError, check_semantics
from plssem_pipeline.study.hypotheses import hypotheses_from_config

from pipeline_helpers import SCHEMA_PATH, filled_config, minimal_config

NAN = math.nan

# (estimate, p, ci_low, ci_high, sign, tails, method) -> (significant, supported).
# p and the interval are the test's: two-tailed p and 95 % interval for tails 2,
# one-tailed p in the stated direction and 90 % interval for tails 1.
CASES = [
    # two-tailed, unsigned: supported = significant
    ((0.30, 0.010, 0.10, 0.50, None, 2, "p_value"), (True, True)),
    ((0.30, 0.060, -0.01, 0.50, None, 2, "p_value"), (False, False)),
    ((-0.30, 0.010, -0.50, -0.10, None, 2, "p_value"), (True, True)),
    ((0.30, 0.010, -0.01, 0.50, None, 2, "confidence_interval"), (False, False)),
    ((-0.30, 0.060, -0.50, -0.10, None, 2, "confidence_interval"), (True, True)),
    # two-tailed, signed: significant either way, supported only with the stated sign
    ((-0.30, 0.010, -0.50, -0.10, "positive", 2, "p_value"), (True, False)),
    ((-0.30, 0.010, -0.50, -0.10, "negative", 2, "p_value"), (True, True)),
    ((0.30, 0.010, 0.10, 0.50, "negative", 2, "confidence_interval"), (True, False)),
    # one-tailed: p in the stated direction, the bound on the stated side
    ((0.30, 0.040, 0.01, 0.50, "positive", 1, "p_value"), (True, True)),
    ((0.30, 0.040, -0.02, 0.50, "positive", 1, "confidence_interval"), (False, False)),
    ((0.30, 0.060, 0.01, 0.50, "positive", 1, "confidence_interval"), (True, True)),
    ((-0.30, 0.040, -0.50, -0.01, "negative", 1, "confidence_interval"), (True, True)),
    ((-0.30, 0.040, -0.50, 0.02, "negative", 1, "confidence_interval"), (False, False)),
    ((0.30, 0.960, 0.01, 0.50, "negative", 1, "p_value"), (False, False)),
    # an interval above zero with a negative estimate (possible for a percentile interval): significant
    # one-sided, but the estimate does not have the stated sign
    ((-0.01, 0.040, 0.001, 0.30, "positive", 1, "confidence_interval"), (True, False)),
    # nothing to judge: never significant
    ((0.30, NAN, NAN, NAN, None, 2, "p_value"), (False, False)),
    ((0.30, None, None, None, "positive", 1, "confidence_interval"), (False, False)),
    ((NAN, 0.01, 0.1, 0.5, "positive", 1, "p_value"), (True, False)),
]


@pytest.mark.parametrize("case,expected", CASES)
def test_decision_table(case, expected):
    estimate, p, low, high, sign, tails, method = case
    kwargs = dict(alpha=0.05, method=method, sign=sign, tails=tails)
    assert is_significant(p, low, high, **kwargs) is expected[0]
    assert is_supported(estimate, p, low, high, **kwargs) is expected[1]


def test_mediation_uses_the_same_rule():
    assert mediation_is_significant is is_significant


def test_one_tailed_without_sign_is_refused():
    with pytest.raises(ValueError, match="one-tailed test needs a hypothesised sign"):
        is_significant(0.01, 0.1, 0.5, alpha=0.05, tails=1)
    with pytest.raises(ValueError, match="unknown sign"):
        is_supported(0.3, 0.01, 0.1, 0.5, alpha=0.05, sign="up")


@pytest.mark.parametrize("seed", range(5))
def test_one_tailed_p_rule_is_half_the_two_tailed_level(seed):
    """With the sign of the estimate, a one-tailed test at alpha rejects exactly when the two-tailed
    test at 2 alpha does (scipy's Student t): the rule used with the p from plssem.inference."""
    rng = np.random.default_rng(seed)
    t, df = rng.normal(0, 2.5, size=200), 4999
    sign = np.where(t >= 0, "positive", "negative")
    p1 = stats.t.sf(np.where(t >= 0, t, -t), df)
    p2 = 2 * stats.t.sf(np.abs(t), df)
    one = [is_supported(x, p, NAN, NAN, alpha=0.05, sign=s, tails=1) for x, p, s in zip(t, p1, sign)]
    two = [is_significant(p, NAN, NAN, alpha=0.10) for p in p2]
    assert one == two


# --- config ------------------------------------------------------------------------------------


@pytest.fixture
def config(tmp_path):
    return minimal_config(tmp_path)


def test_default_hypotheses_are_the_paths_in_order(config):
    filled = filled_config(config)
    assert filled["hypotheses"] is None and filled["bootstrap"]["tails"] == 2
    hypotheses = hypotheses_from_config(filled)
    assert [(h.name, h.path, h.sign, h.kind) for h in hypotheses] == [
        ("H1", "X -> M", None, "direct"), ("H2", "M -> Y", None, "direct"), ("H3", "X -> Y", None, "direct")]


def test_stated_hypotheses_pass(config, tmp_path):
    config["hypotheses"] = {"Ha": {"path": "X->M", "sign": "positive", "statement": "X raises M"},
                            "Hb": {"path": "X -> M -> Y", "sign": "negative"}}
    config["bootstrap"] = {"tails": 1}
    filled = filled_config(config)
    check_semantics(filled, root=tmp_path)
    hypotheses = hypotheses_from_config(filled)
    assert [(h.name, h.path, h.sign, h.kind, h.statement) for h in hypotheses] == [
        ("Ha", "X -> M", "positive", "direct", "X raises M"), ("Hb", "X -> M -> Y", "negative", "indirect", "")]


@pytest.mark.parametrize("hypotheses,boot,message", [
    ({"H1": {"path": "Y -> X"}}, {}, "config key hypotheses.H1.path: 'Y -> X' is not a structural path"),
    ({"H1": {"path": "X -> Y -> M"}}, {}, "config key hypotheses.H1.path: 'X -> Y -> M' is not a specific "
                                          "indirect effect"),
    ({"H1": {"path": "X"}}, {}, "config key hypotheses.H1.path: 'X' is not a path"),
    ({"H1": {"path": "X -> M"}, "H2": {"path": "X->M"}}, {}, "config key hypotheses.H2.path: 'X -> M' is "
                                                             "already hypothesis H1"),
    ({"H1": {"path": "X -> M", "sign": "positive"}, "H2": {"path": "M -> Y"}}, {"tails": 1},
     "config key hypotheses.H2.sign: bootstrap.tails is 1"),
    (None, {"tails": 1}, "config key bootstrap.tails: 1 (one-tailed tests) needs hypotheses with a stated direction"),
    ({"H1": {"path": "X -> M", "sign": "positive"}}, {"tails": 1, "alpha": 0.5},
     "config key bootstrap.alpha: 0.5 with bootstrap.tails: 1"),
])
def test_hypothesis_problems_name_the_key(config, tmp_path, hypotheses, boot, message):
    config["hypotheses"] = hypotheses
    config["bootstrap"] = boot
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path, file="study.yaml")
    assert message in str(info.value)


@pytest.mark.parametrize("change,key", [
    (lambda c: c.update(hypotheses={"H1": {"path": "X -> M", "sign": "up"}}), "sign"),
    (lambda c: c.update(hypotheses={"H1": {"sign": "positive"}}), "path"),
    (lambda c: c.update(bootstrap={"tails": 3}), "tails"),
])
def test_schema_refuses(config, change, key):
    from plssem_pipeline.study import load_schema, schema_problems

    change(config)
    problems = schema_problems(config, load_schema(SCHEMA_PATH))
    assert problems and any(key in p for p in problems)
