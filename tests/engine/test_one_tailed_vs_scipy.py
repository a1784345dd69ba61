"""One-tailed tests of ``plssem.inference`` against scipy and numpy.

* ``one_tailed_p``: ``P(T >= t)`` (H: θ > 0) and ``P(T <= t)`` (H: θ < 0) for ``T`` Student-t with
  ``B - 1`` df, against ``scipy.stats.t.sf`` / ``cdf`` and against a t-test of the draws' mean
  (``scipy.stats.ttest_1samp(..., alternative=...)``, whose statistic is Student's t).
* ``summarize_directional(tails=1)``: the interval's bound on the hypothesised side is the one-sided
  ``1 - alpha`` confidence bound of ``scipy.stats.bootstrap(..., alternative="greater" | "less")``,
  percentile and BCa, on draws rebuilt exactly as scipy draws them (see test_inference_vs_scipy.py);
  the percentile interval is numpy's ``quantile`` at ``alpha`` and ``1 - alpha``.
* ``tails=2`` is :func:`plssem.summarize` unchanged.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from plssem import summarize
from plssem.inference import one_tailed_p, summarize_directional

from engine_support import jackknife_index, mean_statistic

B = 2000
SEED = 777


@pytest.fixture(scope="module")
def sample():
    return np.random.default_rng(99).exponential(size=35) - 0.8     # skewed, mean near 0.2


def _draws(x):
    idx = np.random.default_rng(SEED).integers(0, x.size, (B, x.size))
    return mean_statistic(x[idx]), mean_statistic(x[jackknife_index(x.size)])


@pytest.mark.parametrize("t", [-3.1, -0.4, 0.0, 0.9, 2.2])
@pytest.mark.parametrize("df", [4, 199, 4999])
def test_one_tailed_p_is_the_t_tail(t, df):
    assert one_tailed_p([t], df, [1])[0] == pytest.approx(stats.t.sf(t, df), abs=1e-15, rel=1e-12)
    assert one_tailed_p([t], df, [-1])[0] == pytest.approx(stats.t.cdf(t, df), abs=1e-15, rel=1e-12)
    two = 2 * stats.t.sf(abs(t), df)
    same_side = one_tailed_p([t], df, [1 if t >= 0 else -1])[0]
    assert same_side == pytest.approx(two / 2, rel=1e-12)          # half the two-tailed p ...
    assert one_tailed_p([t], df, [-1 if t >= 0 else 1])[0] == pytest.approx(1 - two / 2, rel=1e-12)  # ... or 1 - half


@pytest.mark.parametrize("alternative,sign", [("greater", 1), ("less", -1)])
def test_one_tailed_p_against_a_one_sample_t_test(alternative, sign):
    """A t statistic with df = n - 1 from a real t-test: scipy's one-sided p must be ours."""
    x = np.random.default_rng(5).normal(0.3, 1.0, size=25)
    ref = stats.ttest_1samp(x, 0.0, alternative=alternative)
    assert one_tailed_p([ref.statistic], x.size - 1, [sign])[0] == pytest.approx(ref.pvalue, rel=1e-12)


@pytest.mark.parametrize("method", ["percentile", "bca"])
@pytest.mark.parametrize("alpha", [0.05, 0.10])
def test_one_sided_bound_is_scipys(sample, method, alpha):
    draws, jack = _draws(sample)
    original = np.array([mean_statistic(sample)])
    for sign, alternative, column in ((1, "greater", "ci_low"), (-1, "less", "ci_high")):
        ref = stats.bootstrap((sample,), mean_statistic, n_resamples=B, method=method, confidence_level=1 - alpha,
                              alternative=alternative, rng=np.random.default_rng(SEED), vectorized=True)
        np.testing.assert_array_equal(ref.bootstrap_distribution, draws)
        ours = summarize_directional(original, draws[:, None], [sign], tails=1, alpha=alpha, ci=method,
                                     jackknife=jack[:, None])
        bound = ref.confidence_interval.low if sign > 0 else ref.confidence_interval.high
        assert ours.loc[0, column] == pytest.approx(bound, abs=1e-12, rel=0)


def test_percentile_interval_and_p_columns(sample):
    draws, _ = _draws(sample)
    columns = np.column_stack([draws, -draws, 0.5 * draws - 0.1])
    original = np.array([mean_statistic(sample), -mean_statistic(sample), 0.5 * mean_statistic(sample) - 0.1])
    signs = [1, -1, 1]
    ours = summarize_directional(original, columns, signs, tails=1, alpha=0.05)
    np.testing.assert_allclose(ours["ci_low"], np.quantile(columns, 0.05, axis=0), rtol=0, atol=1e-15)
    np.testing.assert_allclose(ours["ci_high"], np.quantile(columns, 0.95, axis=0), rtol=0, atol=1e-15)
    sd = columns.std(axis=0, ddof=1)
    expected = stats.t.sf(np.array(signs) * original / sd, B - 1)
    np.testing.assert_allclose(ours["p"], expected, rtol=1e-12, atol=0)
    two = summarize(original, columns, alpha=0.05)
    for name in ("original", "mean", "sd", "t", "n_valid"):
        np.testing.assert_array_equal(ours[name], two[name])


def test_two_tailed_is_summarize(sample):
    draws, _ = _draws(sample)
    original = np.array([mean_statistic(sample)])
    ours = summarize_directional(original, draws[:, None], [0], tails=2, alpha=0.05)
    assert ours.equals(summarize(original, draws[:, None], alpha=0.05))


@pytest.mark.parametrize("kwargs,message", [
    ({"tails": 3}, "tails must be 1 or 2"),
    ({"tails": 1, "alpha": 0.5}, "0 < alpha < 0.5"),
    ({"tails": 1, "sign": [0]}, "needs a direction"),
])
def test_refusals(sample, kwargs, message):
    draws, _ = _draws(sample)
    sign = kwargs.pop("sign", [1])
    with pytest.raises(ValueError, match=message):
        summarize_directional(np.array([0.1]), draws[:, None], sign, **kwargs)
