"""The significance tests of a Monte Carlo power replication, vectorised over replications.

Both take a batch of ``R`` replications' estimates ``(R, m)`` (paths, then specific
indirect effects, as :func:`plssem.population.effect_labels`) and return whether each
test rejects zero, ``(R, m)`` bool; NaN (a failed estimation) never rejects.

* :func:`bootstrap_significance` decides as the pipeline decides its hypotheses
  (:func:`plssem.inference.summarize_directional`, then
  ``plssem_pipeline.analysis.decision.is_significant``): usable subsamples ``B'`` (those
  whose every statistic is finite), ``sd`` with the ``B' - 1`` divisor, ``t = θ̂/sd`` (none
  when ``sd = 0``), ``p`` from Student's t with ``B' - 1`` degrees of freedom, two-tailed or
  one-tailed in the hypothesised direction; percentile interval by ``numpy.quantile``'s
  default (type 7) interpolation at ``α/2, 1 - α/2`` (two-tailed) or ``α, 1 - α`` (one-tailed).
  ``p_value``: ``p < α``; ``interval``: two-tailed, the interval excludes zero, one-tailed,
  its bound on the hypothesised side does.
* :func:`shift_significance` (``test="normal"``, the fast test): the Wald test with the Monte
  Carlo sampling error in place of an estimated SE. The absolute errors ``|θ̂ - θ|`` of all usable
  replications at that ``n`` (``θ`` the true effect, :attr:`plssem.population.Population.effects`)
  give the critical value ``c``, their ``1 - α`` quantile (``1 - 2α`` one-tailed;
  ``numpy.quantile``'s type 7), and replication ``r`` rejects zero when ``|θ̂_r| > c`` (one-tailed:
  ``θ̂_r`` beyond ``c`` on the hypothesised side). With normal errors ``c = z_{1-α/2}·SD``, the Wald z
  test whose SE is the estimate's sampling SD (the SD of the replications' estimates as the
  criterion SE: Muthén & Muthén 2002); the quantile keeps that test's size for any shape of the
  error distribution, as Hall's (1988) symmetric interval does: exactly ``α`` for a zero effect,
  whose errors are the estimates themselves. The SD itself does not: a Wald z with the
  replications' SD rejects a composite zero effect 1.7 % of the time at α = .05 (chance
  capitalisation makes that estimate platykurtic) and hardly ever rejects under PLSc (its rare
  extreme estimates inflate the SD); a textbook OLS SE on the construct scores, which ignores the
  weights' estimation, rejects 18-39 % (tests/engine/test_power_size.py). It needs every
  replication of an ``n``, so it decides after the chunks are merged (:func:`plssem.power.summarise`).
  For a correlation (single indicators) its power is within about .01 of the bootstrap p-value
  test's; it leaves out what a sample adds by estimating its own SE, and is a fast approximation
  of the bootstrap test the pipeline runs. ``p_value`` and ``interval`` decide alike.
"""
from __future__ import annotations

import numpy as np

__all__ = ["bootstrap_significance", "shift_significance"]


def _quantiles(draws: np.ndarray, count: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """Type-7 quantiles of each replication's usable draws with ``numpy.quantile``'s interpolation, ``(2, R, m)``.

    ``draws`` ``(R, B, m)`` with unusable rows NaN (sorted last); ``count`` ``(R,)`` usable rows.
    """
    ordered = np.sort(draws, axis=1)
    out = np.full((2, draws.shape[0], draws.shape[2]), np.nan)
    for i, q in enumerate(levels):
        h = (count - 1) * q
        lo = np.floor(h).astype(int)
        hi = np.minimum(lo + 1, count - 1)
        t = (h - lo)[:, None]
        a = np.take_along_axis(ordered, np.maximum(lo, 0)[:, None, None], axis=1)[:, 0]
        b = np.take_along_axis(ordered, np.maximum(hi, 0)[:, None, None], axis=1)[:, 0]
        diff = b - a
        value = np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)
        out[i] = np.where((count > 0)[:, None], value, np.nan)
    return out


def _t_p(t: np.ndarray, df, sign: np.ndarray, tails: int) -> np.ndarray:
    """p of a t statistic with ``df`` degrees of freedom: two-tailed, or one-tailed in the direction ``sign``."""
    from scipy import stats

    return 2 * stats.t.sf(np.abs(t), df) if tails == 2 else stats.t.sf(sign * t, df)


def bootstrap_significance(original: np.ndarray, draws: np.ndarray, *, alpha: float, tails: int, significance: str,
                           sign: np.ndarray) -> np.ndarray:
    """Whether each replication's bootstrap test rejects zero (module docstring), ``(R, m)`` bool.

    Parameters
    ----------
    original : ndarray (R, m)
        The replications' estimates.
    draws : ndarray (R, B, m)
        Each replication's bootstrap estimates; NaN rows for failed subsamples.
    alpha : float
    tails : {1, 2}
    significance : {"p_value", "interval"}
    sign : ndarray (m,)
        +1 or -1, the hypothesised direction of each effect (for ``tails=1``).

    Returns
    -------
    ndarray (R, m) of bool
        Whether the test rejects zero; False where no usable subsample or ``sd = 0`` decides.
    """
    valid = np.isfinite(draws).all(axis=2)
    draws = np.where(valid[:, :, None], draws, np.nan)
    count = valid.sum(axis=1)
    kept = np.where(valid[:, :, None], draws, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = kept.sum(axis=1) / count[:, None]
        sd = np.sqrt(np.where(valid[:, :, None], (draws - mean[:, None]) ** 2, 0.0).sum(axis=1)
                     / (count[:, None] - 1))
        t = np.where(sd > 0, original / sd, np.nan)
        if significance == "p_value":
            return _t_p(t, np.maximum(count - 1, 1)[:, None], sign, tails) < alpha
        width = alpha / 2 if tails == 2 else alpha
        low, high = _quantiles(draws, count, (width, 1 - width))
        if tails == 1:
            return sign * np.where(sign > 0, low, high) > 0
        return (low > 0) | (high < 0)


def shift_significance(estimates: np.ndarray, true: np.ndarray, *, alpha: float, tails: int,
                       sign: np.ndarray) -> np.ndarray:
    """Whether each replication's estimate exceeds the Monte Carlo critical value (module docstring), ``(R, m)`` bool.

    Parameters
    ----------
    estimates : ndarray (R, m)
        Every replication of one sample size (NaN rows for failed ones, which never reject).
    true : ndarray (m,)
        The true effects the errors are measured from.
    alpha : float
    tails : {1, 2}
    sign : ndarray (m,)
        +1 or -1, the hypothesised direction of each effect (for ``tails=1``).

    Returns
    -------
    ndarray (R, m) of bool
        All False when no replication is usable.
    """
    usable = np.isfinite(estimates).all(axis=1)
    if not usable.any():
        return np.zeros(estimates.shape, dtype=bool)
    level = 1 - alpha if tails == 2 else 1 - 2 * alpha
    critical = np.quantile(np.abs(estimates[usable] - true), level, axis=0)
    with np.errstate(invalid="ignore"):
        return (np.abs(estimates) if tails == 2 else sign * estimates) > critical
