"""The formative indicators' decision process (Hair et al. 2022, ch. 5, Fig. 5.3), branch by branch.

Four made-up indicators of one Mode B construct, one per branch of the figure, plus a reflective
block and a single item that must not appear; each branch under both significance rules
(``mediation.significance``: p value, confidence interval).
"""
import pandas as pd
import pytest

from plssem_pipeline.analysis.formative import DECISIONS, FORMATIVE_COLUMNS, collinearity, formative_assessment

CONSTRUCTS = {"F": {"indicators": ["f1", "f2", "f3", "f4"], "mode": "B"},
              "R": {"indicators": ["r1", "r2"], "mode": "A"},
              "S": {"indicators": ["s1"], "mode": "B"}}
#: indicator -> (weight significant?, loading, loading significant?), one per branch of Fig. 5.3
CASES = {"f1": (True, 0.3, False), "f2": (False, 0.62, True), "f3": (False, 0.31, True), "f4": (False, 0.2, False)}
EXPECTED = {"f1": "weight_significant", "f2": "loading_at_least_0.5", "f3": "loading_significant",
            "f4": "neither_significant"}


def _summary(value_and_significance):
    """Bootstrap summary rows whose p and interval agree on the significance asked for."""
    rows = []
    for (construct, indicator), (original, significant) in value_and_significance.items():
        low, high = (0.05, 0.5) if significant else (-0.1, 0.4)
        rows.append({"construct": construct, "indicator": indicator, "original": original, "mean": original,
                     "sd": 0.1, "t": original / 0.1, "p": 0.001 if significant else 0.4, "ci_low": low,
                     "ci_high": high, "n_valid": 1000})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("significance", ["p_value", "confidence_interval"])
def test_each_branch_of_the_decision_process(significance):
    everyone = [(c, i) for c, spec in CONSTRUCTS.items() for i in spec["indicators"]]
    weights = _summary({key: (0.2, CASES.get(key[1], (True,))[0]) for key in everyone})
    loadings = _summary({key: (CASES.get(key[1], (True, 0.8, True))[1], CASES.get(key[1], (True, 0.8, True))[2])
                         for key in everyone})
    vif = pd.DataFrame({"construct": [c for c, _ in everyone], "indicator": [i for _, i in everyone],
                        "vif": [1.2, 3.0, 4.99, 5.0, 1.0, 1.0, 1.0]})
    table = formative_assessment(weights, loadings, vif, CONSTRUCTS, alpha=0.05, significance=significance)
    assert list(table.columns) == FORMATIVE_COLUMNS
    assert list(table["indicator"]) == ["f1", "f2", "f3", "f4"]          # no reflective block, no single item
    assert dict(zip(table["indicator"], table["rule"])) == EXPECTED
    assert list(table["decision"]) == [DECISIONS[EXPECTED[i]] for i in table["indicator"]]
    assert list(table["collinearity"]) == ["none", "possible", "possible", "critical"]


def test_collinearity_thresholds_are_hair_et_als():
    assert [collinearity(v) for v in (2.99, 3.0, 4.99, 5.0)] == ["none", "possible", "possible", "critical"]


def test_a_model_without_formative_constructs_gives_an_empty_table():
    constructs = {"R": {"indicators": ["r1", "r2"], "mode": "A"}}
    frame = _summary({("R", "r1"): (0.8, True), ("R", "r2"): (0.7, True)})
    vif = pd.DataFrame({"construct": ["R", "R"], "indicator": ["r1", "r2"], "vif": [1.1, 1.1]})
    table = formative_assessment(frame, frame, vif, constructs)
    assert table.empty and list(table.columns) == FORMATIVE_COLUMNS
