"""Bootstrap inference: standard errors, t statistics, p values and confidence intervals.

For each statistic with original estimate ``θ̂`` and ``B'`` usable bootstrap
estimates ``θ*_b`` (failed subsamples left out and counted):

* ``mean = Σ θ*_b / B'``;
* ``sd = sqrt(Σ (θ*_b - mean)² / (B' - 1))``, the bootstrap standard error with
  the ``B' - 1`` divisor, as SmartPLS's STDEV column (Efron & Tibshirani 1993, eq. 6.6);
* ``t = θ̂ / sd`` (SmartPLS prints ``|t|``); a statistic whose draws are all
  equal (``sd`` exactly 0: the weight and loading of a single-indicator
  construct, exactly 1 by construction in :mod:`plssem.algorithm`) has no t and
  no p (NaN), not a t of 1/0;
* ``p = 2 · P(T > |t|)`` for ``T`` Student-t with ``B' - 1`` degrees of freedom,
  two-tailed. This reference distribution is a convention of this package:
  Hair et al. (2022, ch. 5) compare the bootstrap t with Student-t critical
  values, and SmartPLS does not document the degrees of freedom it uses; with
  5,000 subsamples the t(B' - 1) and normal-theory p agree to within 1e-4, and the
  heavier t tail keeps the p of small test bootstraps conservative;
* percentile interval: the ``α/2`` and ``1 - α/2`` quantiles of the ``θ*_b``
  (linear interpolation between order statistics, R's type 7);
* BCa interval (optional): percentile levels adjusted by the bias correction
  ``z0 = Φ^{-1}((#{θ*_b < θ̂} + #{θ*_b ≤ θ̂}) / (2B'))`` and the jackknife
  acceleration ``a = Σ d_i³ / (6 (Σ d_i²)^{3/2})``, ``d_i = mean(θ_(·)) - θ_(i)``
  (Efron 1987; Efron & Tibshirani 1993, ch. 14). Leave-one-out samples whose
  estimation failed (NaN rows of :func:`plssem.jackknife`) are left out of the
  mean and the sums; with real survey data there are none, and a caller that
  needs the count finds it as the NaN rows of the jackknife array.
  The BCa level is defined in every case. When the original estimate lies
  outside all its usable draws, ``z0`` is ``-∞`` (all draws above) or ``+∞``
  (all below); both levels are then their limit as ``z0 → ∓∞``, 0 or 1 for any
  acceleration, and both bounds are the lowest (highest) draw: the limit of
  ``scipy.stats.bootstrap(method="BCa")``'s interval, which itself is NaN there
  (``DegenerateDataWarning``, from ``0·∞`` or ``∞/∞``). A constant statistic (all
  draws and leave-one-out estimates equal, ``0/0`` for ``a``: the weight and
  loading of a single item) has ``a = 0`` and the constant as both bounds, as
  every quantile of its draws (scipy: NaN for BCa, the constant for percentile).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["CI_METHODS", "summarize", "one_tailed_p", "summarize_directional"]

CI_METHODS = ("percentile", "bca")


def _normal():
    from scipy import stats  # imported on use: scipy.stats costs ~0.8 s to import
    return stats


def _bca_levels(draws: np.ndarray, original: np.ndarray, jack: np.ndarray, alpha: float) -> np.ndarray:
    """Adjusted lower and upper quantile levels, ``(2, m)``, each in [0, 1] (the module docstring's limits)."""
    norm = _normal().norm
    b = np.isfinite(draws).sum(axis=0)
    below = (np.nan_to_num(draws, nan=np.inf) < original).sum(axis=0)
    at_or_below = (np.nan_to_num(draws, nan=np.inf) <= original).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        z0 = norm.ppf((below + at_or_below) / (2 * b))
        d = np.nanmean(jack, axis=0) - jack
        accel = np.nansum(d**3, axis=0) / (6 * np.nansum(d**2, axis=0) ** 1.5)
        accel = np.nan_to_num(accel)  # 0/0: a constant statistic
        upper = norm.isf(alpha / 2)  # z_{1-α/2} as -z_{α/2} (scipy's too): 1 - α/2 rounds to 1 for α < 1e-16
        z = np.array([-upper, upper])[:, None]
        shift = (z0 + z) / (1 - accel * (z0 + z))
        if np.isinf(upper):  # α/2 underflows to 0: the shift's limit as z -> ±inf
            shift = np.where(accel == 0, z, -1 / np.where(accel == 0, 1, accel)) * np.ones_like(shift)
        levels = norm.cdf(z0 + shift)
    outside = np.broadcast_to(np.isinf(z0), levels.shape)
    return np.where(outside, np.broadcast_to((z0 > 0).astype(float), levels.shape), levels)


def summarize(
    original: np.ndarray,
    draws: np.ndarray,
    *,
    alpha: float = 0.05,
    ci: str = "percentile",
    jackknife: np.ndarray | None = None,
) -> pd.DataFrame:
    """Summarise bootstrap draws of ``m`` statistics.

    Parameters
    ----------
    original : ndarray (m,)
        Estimates on the full sample.
    draws : ndarray (B, m)
        Bootstrap estimates; rows of failed subsamples are NaN and left out.
    alpha : float
        Two-sided level of the confidence interval (0.05 gives a 95 % interval).
    ci : {"percentile", "bca"}
    jackknife : ndarray (n, m), optional
        Leave-one-out estimates, required for ``ci="bca"``.

    Returns
    -------
    DataFrame
        Columns ``original, mean, sd, t, p, ci_low, ci_high, n_valid``, one row per statistic.
    """
    if ci not in CI_METHODS:
        raise ValueError(f"unknown confidence interval method {ci!r}; expected one of {CI_METHODS}")
    if ci == "bca" and jackknife is None:
        raise ValueError("ci='bca' needs the jackknife estimates")
    original = np.asarray(original, dtype=float)
    draws = np.asarray(draws, dtype=float)
    valid = np.isfinite(draws).all(axis=1)
    usable = draws[valid]
    b = usable.shape[0]
    mean = usable.mean(axis=0)
    sd = usable.std(axis=0, ddof=1) if b > 1 else np.full(original.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(sd > 0, original / sd, np.nan)  # SD 0 (a single item's weight): no t, no p
    p = 2 * _normal().t.sf(np.abs(t), df=max(b - 1, 1))
    if ci == "percentile":
        levels = np.broadcast_to(np.array([alpha / 2, 1 - alpha / 2])[:, None], (2, original.size))
    else:
        levels = _bca_levels(usable, original, np.asarray(jackknife, dtype=float), alpha)
    if not original.size:
        bounds = np.empty((2, 0))
    elif not b:
        bounds = np.full((2, original.size), np.nan)
    elif ci == "percentile":      # one level for every statistic: all columns at once (the same numbers)
        bounds = np.quantile(usable, levels[:, 0], axis=0)
    else:                         # BCa: each statistic its own levels
        bounds = np.array([[np.quantile(usable[:, j], levels[r, j]) for j in range(original.size)]
                           for r in range(2)])
    return pd.DataFrame({
        "original": original, "mean": mean, "sd": sd, "t": t, "p": p,
        "ci_low": bounds[0], "ci_high": bounds[1], "n_valid": b,
    })


def one_tailed_p(t, df, sign):
    """One-tailed p of a directional hypothesis: ``P(T >= sign · t)``, ``T`` Student-t with ``df`` d.f.

    For H: θ > 0 (``sign`` +1) the p is ``P(T >= t)``; for H: θ < 0 (``sign`` -1)
    ``P(T <= t)``. Both are half the two-tailed p of :func:`summarize` when ``t``
    has the hypothesised sign and one minus that half otherwise (Hair et al. 2022,
    ch. 6, one-tailed tests of directional hypotheses; the t(B' - 1) reference
    distribution as in :func:`summarize`).

    Parameters
    ----------
    t : array_like (m,)
        Signed t statistics ``θ̂ / sd``; NaN gives NaN.
    df : int
        Degrees of freedom, ``B' - 1``.
    sign : array_like (m,)
        +1 or -1 per statistic, the hypothesised direction.

    Returns
    -------
    ndarray (m,)

    Raises
    ------
    ValueError
        If a sign is not +1 or -1.
    """
    sign = np.asarray(sign, dtype=float)
    if not np.isin(sign, (-1.0, 1.0)).all():
        raise ValueError("a one-tailed test needs a direction, +1 or -1, for every statistic")
    return _normal().t.sf(sign * np.asarray(t, dtype=float), df=max(int(df), 1))


def summarize_directional(
    original: np.ndarray,
    draws: np.ndarray,
    sign,
    *,
    tails: int = 2,
    alpha: float = 0.05,
    ci: str = "percentile",
    jackknife: np.ndarray | None = None,
) -> pd.DataFrame:
    """:func:`summarize` for tests of stated hypotheses, two- or one-tailed.

    ``tails=2`` is :func:`summarize` at ``alpha`` (``sign`` unused). ``tails=1``
    tests each statistic in its hypothesised direction at level ``alpha``: ``p`` is
    :func:`one_tailed_p` and the interval is the two-sided ``1 - 2 alpha`` interval
    of :func:`summarize` (percentile or BCa), whose bound on the hypothesised side
    is the one-sided ``1 - alpha`` confidence bound: a one-sided test at ``alpha``
    rejects exactly when that bound excludes zero (the 90 % interval for
    ``alpha = 0.05``; Efron & Tibshirani 1993, ch. 13 and 14; Hair et al. 2022, ch. 6).

    Parameters
    ----------
    original, draws, ci, jackknife
        As :func:`summarize`: ``(m,)``, ``(B, m)``, the interval's method, ``(n, m)`` for BCa.
    sign : array_like (m,)
        +1 or -1 per statistic (the hypothesised direction); needed for ``tails=1``.
    tails : {1, 2}
    alpha : float
        Significance level; ``0 < alpha < 0.5`` for ``tails=1``.

    Returns
    -------
    DataFrame
        The columns of :func:`summarize` (``p`` one-tailed for ``tails=1``), one row per statistic.

    Raises
    ------
    ValueError
        For ``tails`` other than 1 or 2, ``alpha`` outside (0, 0.5) with ``tails=1``,
        a sign other than +1 or -1 with ``tails=1``, or as :func:`summarize`.
    """
    if tails == 2:
        return summarize(original, draws, alpha=alpha, ci=ci, jackknife=jackknife)
    if tails != 1:
        raise ValueError(f"tails must be 1 or 2, not {tails!r}")
    if not 0 < alpha < 0.5:
        raise ValueError(f"a one-tailed test needs 0 < alpha < 0.5, not {alpha!r}")
    frame = summarize(original, draws, alpha=2 * alpha, ci=ci, jackknife=jackknife)
    df = int(frame["n_valid"].iloc[0]) - 1 if len(frame) else 1
    frame["p"] = one_tailed_p(frame["t"].to_numpy(), df, sign)
    return frame
