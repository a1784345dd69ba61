"""BCa intervals are defined in every case (issue 11): an original estimate outside all its draws, a constant statistic.

The reference is ``scipy.stats.bootstrap(method="BCa")`` given the same bootstrap
distribution (``bootstrap_result``, ``n_resamples=0``) and the same data, so that
it computes the original estimate and the jackknife acceleration itself. Where
scipy defines the interval (acceleration 0) ours must equal it; where scipy returns
NaN (``DegenerateDataWarning``) ours is the documented limit, checked against
scipy's percentile interval at the limiting level.
"""
from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from scipy import stats

import plssem
from plssem import summarize
from plssem_pipeline.analysis import tables


def _mean(x, axis=-1):
    return np.mean(x, axis=axis)


def _scipy(x, draws, method="BCa"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", stats.DegenerateDataWarning)
        res = stats.bootstrap((x,), _mean, n_resamples=0, method=method, vectorized=True,
                              bootstrap_result=SimpleNamespace(bootstrap_distribution=draws))
    return res.confidence_interval.low, res.confidence_interval.high


def _ours(x, draws, ci="bca"):
    n = x.size
    jack = np.array([np.delete(x, i).mean() for i in range(n)])
    row = summarize(np.array([x.mean()]), draws[:, None], ci=ci, jackknife=jack[:, None]).iloc[0]
    return row["ci_low"], row["ci_high"]


SYMMETRIC = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])   # jackknife acceleration exactly 0
SKEWED = np.array([0.0, 0.1, 0.2, 0.5, 3.0])         # acceleration not 0


def _limit(x, draws, z0):
    """Both BCa bounds from scipy's own pieces at a large finite ``z0``: its acceleration (``_bca_interval``),
    its level formula, its quantile."""
    from scipy.special import ndtr, ndtri
    from scipy.stats._resampling import _bca_interval

    with np.errstate(all="ignore"):
        a_hat = _bca_interval((x,), _mean, axis=-1, alpha=0.025, theta_hat_b=draws, batch=None, xp=np)[2]
    z = ndtri(np.array([0.025, 0.975]))
    levels = ndtr(z0 + (z0 + z) / (1 - a_hat * (z0 + z)))
    return tuple(stats.quantile(draws, levels))


@pytest.mark.parametrize("x", [SYMMETRIC, SKEWED], ids=["a=0", "a!=0"])
@pytest.mark.parametrize("side", [1, -1], ids=["all draws above", "all draws below"])
def test_original_outside_all_draws_is_the_limit(x, side):
    """Original outside every draw: z0 = -/+inf, scipy's BCa is NaN; ours is the limit z0 -> -/+inf of
    scipy's interval (levels 0 / 1: the lowest / highest draw)."""
    draws = x.mean() + side * np.random.default_rng(4).uniform(0.1, 1.0, 6)
    assert np.isnan(_scipy(x, draws)).all()
    limit = _limit(x, draws, z0=-side * 40.0)
    assert limit == _limit(x, draws, z0=-side * 1e6)   # converged
    assert _ours(x, draws) == limit


def test_constant_statistic_is_its_constant():
    """All draws and leave-one-out estimates equal (a single item's loading): scipy's BCa is NaN (a = 0/0),
    ours is the constant, which is scipy's percentile interval of the same draws."""
    x = np.full(6, 1.0)
    draws = np.full(9, 1.0)
    assert np.isnan(_scipy(x, draws)).all()
    assert _ours(x, draws) == pytest.approx(_scipy(x, draws, method="percentile"), abs=0, rel=0)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.integers(1, 8), st.integers(0, 2**32 - 1), st.booleans())
def test_bca_always_defined(n, b, seed, ties):
    """Any original, draws (few, tied or not) and jackknife: the BCa bounds are draws' quantiles, never an error."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 3, n).astype(float) if ties else rng.standard_normal(n)
    draws = rng.integers(-1, 2, (b, 3)).astype(float) if ties else rng.standard_normal((b, 3))
    original = np.array([x.mean(), draws.min() - 1, draws.max() + 1])
    jack = np.column_stack([[np.delete(x, i).mean() for i in range(n)]] * 3)
    frame = summarize(original, draws, ci="bca", jackknife=jack)
    assert np.isfinite(frame[["ci_low", "ci_high"]].to_numpy()).all()
    assert (frame["ci_low"] >= draws.min(axis=0)).all() and (frame["ci_high"] <= draws.max(axis=0)).all()


def test_single_item_construct_with_few_subsamples():
    """A single-item construct (loading and weight exactly 1) and 3 subsamples: every BCa table is filled."""
    model = plssem.Model.from_spec({"X": ["x1", "x2", "x3"], "S": ["s1"], "Y": ["y1", "y2"]}, ["X -> Y", "S -> Y"])
    rng = np.random.default_rng(8)
    f = rng.standard_normal((60, 1))
    data = np.hstack([f + rng.standard_normal((60, 3)), rng.standard_normal((60, 1)),
                      0.5 * f + rng.standard_normal((60, 2))])
    result = plssem.estimate(pd.DataFrame(data, columns=["x1", "x2", "x3", "s1", "y1", "y2"]), model)
    draws = plssem.bootstrap(result.data.standardized, model, seed=1, stop=3)
    jackknife = plssem.jackknife(result.data.standardized, model)
    summaries = tables.bootstrap_tables(result, draws, ci="bca", jackknife=jackknife)
    single = summaries["loadings"].query("indicator == 's1'").iloc[0]
    assert (single["ci_low"], single["ci_high"]) == (1.0, 1.0)
    for family, frame in summaries.items():
        assert np.isfinite(frame[["ci_low", "ci_high"]].to_numpy(dtype=float)).all(), family


@pytest.mark.parametrize("alpha", [1e-20, 1e-300])
def test_tiny_alpha_matches_scipy_levels(alpha):
    """bootstrap.alpha so small that 1 - alpha/2 rounds to 1: the BCa levels are scipy's (which uses
    z_{1-alpha/2} = -z_{alpha/2}), not NaN. scipy's confidence_level cannot express such an alpha, so its
    ``_bca_interval`` is called with alpha/2 directly and its levels put through its quantile."""
    from scipy.stats._resampling import _bca_interval

    rng = np.random.default_rng(5)
    x = rng.exponential(size=25)
    draws = x[rng.integers(0, x.size, (400, x.size))].mean(axis=1)
    low, high, _ = _bca_interval((x,), _mean, axis=-1, alpha=alpha / 2, theta_hat_b=draws, batch=None, xp=np)
    expected = stats.quantile(draws, np.array([low, high]))
    n = x.size
    jack = np.array([np.delete(x, i).mean() for i in range(n)])
    row = summarize(np.array([x.mean()]), draws[:, None], alpha=alpha, ci="bca", jackknife=jack[:, None]).iloc[0]
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(expected), abs=1e-12, rel=0)
