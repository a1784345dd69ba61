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
* :func:`normal_significance`: the classical OLS standard error of each standardised path
  from the construct correlations, ``SE(β_i) = sqrt((1 - R²)/(n - k - 1) · [R_PP⁻¹]_ii)``
  (``k`` predictors; e.g. Cohen et al. 2003, eq. 3.6.1), p from Student's t with ``n - k - 1``
  degrees of freedom; a specific indirect effect ``Π β_i`` has the first-order delta-method
  (Sobel 1982) SE ``sqrt(Σ_i (Π_{j≠i} β_j)² SE_i²)`` (the paths of one route lie in different
  regressions, asymptotically uncorrelated) and a normal p. Its interval is symmetric
  about the estimate, so both rules decide alike.
"""
from __future__ import annotations

import numpy as np

from .algorithm import PLSCore, solve_batched
from .model import Model

__all__ = ["bootstrap_significance", "normal_significance"]


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


def normal_significance(core: PLSCore, original: np.ndarray, model: Model, n: int, *, alpha: float, tails: int,
                        significance: str, sign: np.ndarray) -> np.ndarray:
    """Whether each replication's normal-theory test rejects zero (module docstring), ``(R, m)`` bool.

    Parameters
    ----------
    core : PLSCore
        The replications' estimation (PLSc-corrected for common factors): construct correlations, paths, R².
    original : ndarray (R, m)
        Their estimates (NaN rows for failed ones).
    model : Model
    n : int
        Sample size.
    alpha, tails, sign
        As :func:`bootstrap_significance`; ``significance`` is accepted and decides alike.
    """
    from scipy import stats

    corr = core.construct_correlations
    index = {name: j for j, name in enumerate(model.construct_names)}
    se = np.zeros(corr.shape)
    df = np.ones(corr.shape[1:])
    for j in model.endogenous:
        pred = model.predecessors(j)
        block = corr[:, pred[:, None], pred]
        inverse, _ = solve_batched(block, np.broadcast_to(np.eye(pred.size), block.shape))
        df[pred, j] = n - pred.size - 1
        with np.errstate(invalid="ignore"):
            se[:, pred, j] = np.sqrt((1 - core.r2[:, j])[:, None] / df[pred, j]
                                     * np.diagonal(inverse, axis1=1, axis2=2))
    src = np.array([index[s] for s, _ in model.paths])
    tgt = np.array([index[t] for _, t in model.paths])
    m = src.size
    variance = np.zeros(original[:, m:].shape)
    for r, route in enumerate(model.mediated_paths()):
        edges = list(zip(route[:-1], route[1:]))
        for e, (a, b) in enumerate(edges):
            others = np.prod([core.paths[:, c, d] for f, (c, d) in enumerate(edges) if f != e], axis=0)
            variance[:, r] += (others * se[:, a, b]) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        p_paths = _t_p(original[:, :m] / se[:, src, tgt], df[src, tgt], sign[:m], tails)
        z = original[:, m:] / np.sqrt(variance)
        p_indirect = 2 * stats.norm.sf(np.abs(z)) if tails == 2 else stats.norm.sf(sign[m:] * z)
        return np.concatenate([p_paths, p_indirect], axis=1) < alpha
