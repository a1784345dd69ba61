"""``plssem.inference.summarize`` against ``scipy.stats.bootstrap``, to 1e-12.

scipy's bootstrap (``scipy/stats/_resampling.py``) draws all resamples at once as
``rng.integers(0, n, (n_resamples, n))`` from the generator it is given (for
paired samples it resamples the observation indices the same way), evaluates the
statistic along the last axis, and for BCa computes the leave-one-out
(jackknife) statistics from an ``(n, n - 1)`` index array. The tests rebuild
exactly those draws and jackknife values from a generator with the same seed and
hand them to ``summarize``; its percentile and BCa intervals and its SD must
then equal scipy's ``confidence_interval`` and ``standard_error``.

The remaining columns are checked against their documented definitions on the
same draws: SD with the ``B - 1`` divisor (numpy ``ddof=1``), ``t = original / SD``,
and the two-tailed p of Student's t with ``B - 1`` df through an identity that
does not use scipy's t distribution: ``P(|T_ν| > t) = I_{ν/(ν+t²)}(ν/2, 1/2)``
(the regularised incomplete beta function).
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import special, stats

from plssem import summarize

from engine_support import jackknife_index, mean_statistic

B = 2000
SEED = 12345


def _pearson(x, y, axis=-1):
    """Pearson correlation along ``axis`` (vectorised, as scipy's ``bootstrap`` calls it)."""
    xc = x - x.mean(axis=axis, keepdims=True)
    yc = y - y.mean(axis=axis, keepdims=True)
    return (xc * yc).sum(axis=axis) / np.sqrt((xc**2).sum(axis=axis) * (yc**2).sum(axis=axis))


@pytest.fixture(scope="module")
def samples():
    rng = np.random.default_rng(2024)
    x = rng.exponential(size=40)                       # skewed: BCa's acceleration is not zero
    u = rng.standard_normal(30)
    v = 0.6 * u + 0.8 * rng.standard_normal(30)
    return x, u, v


def _ours_one_sample(x, alpha, ci):
    idx = np.random.default_rng(SEED).integers(0, x.size, (B, x.size))
    draws = mean_statistic(x[idx])
    jack = mean_statistic(x[jackknife_index(x.size)])
    return summarize(np.array([mean_statistic(x)]), draws[:, None], alpha=alpha, ci=ci, jackknife=jack[:, None]), draws


@pytest.mark.parametrize("method", ["percentile", "bca"])
@pytest.mark.parametrize("level", [0.95, 0.90])
def test_mean_of_skewed_sample(samples, method, level):
    x, _, _ = samples
    ref = stats.bootstrap((x,), mean_statistic, n_resamples=B, method=method, confidence_level=level,
                          rng=np.random.default_rng(SEED), vectorized=True)
    ours, draws = _ours_one_sample(x, 1 - level, method)
    np.testing.assert_array_equal(ref.bootstrap_distribution, draws)     # the draws were rebuilt exactly
    assert ours.loc[0, "ci_low"] == pytest.approx(ref.confidence_interval.low, abs=1e-12, rel=0)
    assert ours.loc[0, "ci_high"] == pytest.approx(ref.confidence_interval.high, abs=1e-12, rel=0)
    assert ours.loc[0, "sd"] == pytest.approx(ref.standard_error, abs=1e-12, rel=0)


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_paired_statistics_several_columns(samples, method):
    """Two statistics of the same paired draws in one ``summarize`` call: Pearson's r and a mean."""
    _, u, v = samples
    n = u.size
    refs = [stats.bootstrap((u, v), f, paired=True, n_resamples=B, method=method,
                            rng=np.random.default_rng(SEED), vectorized=True)
            for f in (_pearson, lambda a, b, axis=-1: mean_statistic(a, axis=axis))]
    idx = np.random.default_rng(SEED).integers(0, n, (B, n))
    jdx = jackknife_index(n)
    draws = np.column_stack([_pearson(u[idx], v[idx]), mean_statistic(u[idx])])
    jack = np.column_stack([_pearson(u[jdx], v[jdx]), mean_statistic(u[jdx])])
    original = np.array([_pearson(u, v), mean_statistic(u)])
    ours = summarize(original, draws, ci=method, jackknife=jack)
    for k, ref in enumerate(refs):
        np.testing.assert_array_equal(ref.bootstrap_distribution, draws[:, k])
        assert ours.loc[k, "ci_low"] == pytest.approx(ref.confidence_interval.low, abs=1e-12, rel=0)
        assert ours.loc[k, "ci_high"] == pytest.approx(ref.confidence_interval.high, abs=1e-12, rel=0)
        assert ours.loc[k, "sd"] == pytest.approx(ref.standard_error, abs=1e-12, rel=0)


def test_bca_differs_from_percentile_here(samples):
    """Sanity: on this skewed sample the BCa adjustment is not negligible, so the BCa test has teeth."""
    x, _, _ = samples
    bca, _ = _ours_one_sample(x, 0.05, "bca")
    pct, _ = _ours_one_sample(x, 0.05, "percentile")
    assert abs(bca.loc[0, "ci_low"] - pct.loc[0, "ci_low"]) > 1e-3


def test_mean_sd_t_p_by_definition(samples):
    x, _, _ = samples
    ours, draws = _ours_one_sample(x, 0.05, "percentile")
    row = ours.loc[0]
    assert row["n_valid"] == B
    assert row["mean"] == pytest.approx(draws.mean(), abs=1e-15, rel=0)
    assert row["sd"] == pytest.approx(np.std(draws, ddof=1), abs=1e-15, rel=0)           # B - 1 divisor
    assert row["sd"] != pytest.approx(np.std(draws, ddof=0), abs=1e-9, rel=0)
    assert row["t"] == row["original"] / row["sd"]
    nu = B - 1
    p_beta = special.betainc(nu / 2, 0.5, nu / (nu + row["t"] ** 2))
    assert row["p"] == pytest.approx(p_beta, abs=1e-12, rel=1e-9)


def test_p_small_t():
    """Same identity where p is large (t near 1)."""
    rng = np.random.default_rng(5)
    draws = rng.normal(0.3, 0.25, size=(300, 1))
    out = summarize(np.array([0.3]), draws)
    nu = 299
    t = out.loc[0, "t"]
    assert out.loc[0, "p"] == pytest.approx(special.betainc(nu / 2, 0.5, nu / (nu + t**2)), abs=1e-12)


def test_failed_draws_are_left_out_and_counted(samples):
    """NaN rows (failed subsamples) are excluded from every column and reported in n_valid."""
    x, _, _ = samples
    idx = np.random.default_rng(SEED).integers(0, x.size, (B, x.size))
    draws = mean_statistic(x[idx])[:, None]
    jack = mean_statistic(x[jackknife_index(x.size)])[:, None]
    holed = draws.copy()
    holed[::7] = np.nan
    valid = draws[~np.isnan(holed[:, 0])]
    for method in ("percentile", "bca"):
        with_nan = summarize(np.array([mean_statistic(x)]), holed, ci=method, jackknife=jack)
        without = summarize(np.array([mean_statistic(x)]), valid, ci=method, jackknife=jack)
        assert int(with_nan.loc[0, "n_valid"]) == valid.shape[0] < B
        np.testing.assert_array_equal(with_nan.to_numpy(), without.to_numpy())
