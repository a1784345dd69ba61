"""MICOM steps 2 and 3 (plssem.micom) recomputed independently on the fixture's customer groups.

For a few permutations everything is rebuilt from seminr and numpy alone: each group's (and
each permuted group's) outer weights from seminr's ``estimate_pls``, the composite scores on
the pooled data standardised by numpy, ``c`` by ``numpy.corrcoef``; step 3 from seminr's
pooled-sample weights, group means and ``numpy.var(ddof=1)`` (cSEM's ``colVars`` divisor);
then the permutation means, quantiles (``numpy.quantile``) and p values (cSEM's rules,
spelled out here again) of those numbers. Agreement to 1e-10; the p values and decisions
exactly.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

import plssem
from plssem.micom import COLUMNS, excluded_constructs, micom
from plssem.permutation import group_assignments, pair_stream, permutation_estimates
from engine_support import assert_close, named, seminr_estimate
from mga_support import case, pooled, treated_groups

SEED = 99
P = 8
TOL = 1e-10


def _seminr_weights(data) -> np.ndarray:
    spec, paths, model, _ = case()
    theirs = seminr_estimate(data, spec, paths, stop_criterion=10)
    return named(theirs.outer_weights, model.indicator_names, model.construct_names)


@functools.lru_cache(maxsize=None)
def _ours():
    _, _, model, _ = case()
    data, n1 = pooled()
    draws = permutation_estimates(data.to_numpy(), n1, model, seed=SEED, stop=P, tol=1e-10)
    groups = np.stack([plssem.estimate(g, model, tol=1e-10).core.weights[0] for g in treated_groups()])
    pooled_w = plssem.estimate(data, model, tol=1e-10).core.weights[0]
    return micom(data.to_numpy(), n1, model, draws, pooled_w, groups, seed=SEED)


@functools.lru_cache(maxsize=None)
def _independent():
    """c, mean difference and log variance ratio: row 0 original, rows 1.. the permutations."""
    data, n1 = pooled()
    x = data.to_numpy()
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    splits = np.concatenate([(np.arange(len(x)) < n1)[None], group_assignments(n1, len(x) - n1, SEED, 0, P)])
    c = []
    for i, rows in enumerate(splits):
        w1, w2 = (_seminr_weights(g) for g in treated_groups()) if i == 0 else \
            (_seminr_weights(data[rows]), _seminr_weights(data[~rows]))
        s1, s2 = z @ w1, z @ w2
        c.append([np.corrcoef(s1[:, j], s2[:, j])[0, 1] for j in range(w1.shape[1])])
    scores = z @ _seminr_weights(data)
    scores = (scores - scores.mean(axis=0)) / scores.std(axis=0, ddof=1)
    mean = np.array([scores[r].mean(axis=0) - scores[~r].mean(axis=0) for r in splits])
    logvar = np.array([np.log(np.var(scores[r], axis=0, ddof=1) / np.var(scores[~r], axis=0, ddof=1)) for r in splits])
    return np.array(c), mean, logvar


def test_step2_and_step3_agree_with_independent_recomputation():
    table = _ours().table
    c, mean, logvar = _independent()
    _, _, model, _ = case()
    assert list(table.index) == list(model.construct_names) and list(table.columns) == list(COLUMNS)
    assert _ours().permutations == P and _ours().excluded == {}
    assert_close(table["c"], c[0], TOL, "MICOM c")
    assert_close(table["c_permutation_mean"], c[1:].mean(axis=0), TOL, "MICOM permutation mean of c")
    assert_close(table["c_q05"], np.quantile(c[1:], 0.05, axis=0), TOL, "MICOM c 5% quantile")
    multi = table.index != "CUSA"     # single item: c = 1 by definition (checked below), not 1 ± rounding
    assert_close(table["c_p"][multi], (c[1:] <= c[0]).mean(axis=0)[multi], 0, "MICOM c p")
    for prefix, values in (("mean", mean), ("variance", logvar)):
        assert_close(table[f"{prefix}_difference"], values[0], TOL, f"MICOM {prefix} difference")
        assert_close(table[f"{prefix}_permutation_mean"], values[1:].mean(axis=0), TOL, f"MICOM {prefix} perm. mean")
        lo, hi = np.quantile(values[1:], [0.025, 0.975], axis=0)
        assert_close(table[f"{prefix}_q025"], lo, TOL, f"MICOM {prefix} 2.5% quantile")
        assert_close(table[f"{prefix}_q975"], hi, TOL, f"MICOM {prefix} 97.5% quantile")
        hits = [sum(1 for v in values[1:, j] if v > abs(values[0, j]) or v < -abs(values[0, j]))
                for j in range(values.shape[1])]
        assert_close(table[f"{prefix}_p"], np.array(hits) / P, 0, f"MICOM {prefix} p (one count / P)")
        equal = (values[0] >= lo) & (values[0] <= hi)
        np.testing.assert_array_equal(table[f"equal_{prefix}s"].to_numpy(), equal)


def test_step3_is_byte_identical_for_any_chunk_size():
    """Step 3 re-creates the group assignments ``chunk_size`` permutations at a time (memory
    ``chunk_size × n``, not ``P × n``): the table's bytes do not depend on it."""
    _, _, model, _ = case()
    data, n1 = pooled()
    draws = permutation_estimates(data.to_numpy(), n1, model, seed=SEED, stop=P, tol=1e-10)
    w = plssem.estimate(data, model, tol=1e-10).core.weights[0]
    groups = np.stack([plssem.estimate(g, model, tol=1e-10).core.weights[0] for g in treated_groups()])
    tables = [micom(data.to_numpy(), n1, model, draws, w, groups, seed=SEED, chunk_size=size).table
              for size in (1, 7, P)]
    for table in tables[1:]:
        assert list(table["invariance"]) == list(tables[0]["invariance"])
        for column in COLUMNS[:-1]:       # numbers and booleans; the last is the verdict text
            assert table[column].to_numpy().tobytes() == tables[0][column].to_numpy().tobytes(), column


def test_micom_refuses_another_stream():
    _, _, model, _ = case()
    data, n1 = pooled()
    draws = permutation_estimates(data.to_numpy(), n1, model, seed=SEED, stop=2, stream=pair_stream("2-vs-1"))
    w = np.zeros((len(model.indicator_names), len(model.constructs)))
    with pytest.raises(ValueError, match="stream"):
        micom(data.to_numpy(), n1, model, draws, w, np.stack([w, w]), seed=SEED)


def test_single_item_construct_has_c_one_and_verdicts_follow_the_rules():
    table = _ours().table
    assert table.loc["CUSA", "c"] == 1.0 and table.loc["CUSA", "c_q05"] == 1.0 and table.loc["CUSA", "c_p"] == 1.0
    multi = table.drop(index="CUSA")
    np.testing.assert_array_equal(multi["compositional_invariance"], multi["c"] >= multi["c_q05"])
    expected = np.where(~table["compositional_invariance"], "none",
                        np.where(table["equal_means"] & table["equal_variances"], "full", "partial"))
    np.testing.assert_array_equal(table["invariance"].to_numpy(), expected)


def test_constructs_with_generated_indicators_are_excluded():
    spec, paths, _, _ = case()
    model = plssem.Model.from_spec(spec, paths + [("COMP x LIKE", "CUSL")])
    excluded = excluded_constructs(model)
    assert list(excluded) == ["COMP x LIKE"] and "interaction" in excluded["COMP x LIKE"]


def test_shape_mismatch_is_refused():
    _, _, model, _ = case()
    data, n1 = pooled()
    draws = permutation_estimates(data.to_numpy(), n1, model, seed=SEED, stop=2)
    w = np.zeros((len(model.indicator_names), len(model.constructs)))
    with pytest.raises(ValueError, match="group_weights"):
        micom(data.to_numpy(), n1, model, draws, w, np.stack([w, w, w]), seed=SEED)
