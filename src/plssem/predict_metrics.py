"""PLSpredict's metrics and verdict: Q²predict, RMSE, MAE, error skewness; Hair et al.'s predictive power.

Metrics are pooled over all repetitions and rows (the residuals of the ``r`` runs stacked, as
cSEM's ``predict()`` does); with one repetition they are seminr's (Shmueli et al. 2019):

* ``Q²predict = 1 - Σ(y - ŷ_PLS)² / Σ(y - ȳ_train)²``, the naive benchmark being the training
  mean of the indicator (IA);
* ``RMSE = √mean(e²)``, ``MAE = mean|e|`` with ``e = y - ŷ``, for PLS-SEM, LM and IA;
* the skewness of the PLS-SEM errors, ``g1 = m3 / m2^{3/2}`` (moment estimator, scipy's
  ``stats.skew`` default), which decides between RMSE (symmetric errors) and MAE (Shmueli et al.
  2019, step 3).

Rows whose training set failed (NaN predictions) are left out of every sum.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .model import Model

if TYPE_CHECKING:  # pragma: no cover
    from .predict import PredictDraws

__all__ = ["prediction_metrics", "verdict", "VERDICTS"]

#: Predictive power of a construct (Hair et al. 2019, "When to use and how to report the results of PLS-SEM").
VERDICTS = ("none", "low", "medium", "high")


def _pooled(errors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sum of squares, RMSE and MAE of ``(r, n, m)`` errors per column, NaN rows left out."""
    flat = errors.reshape(-1, errors.shape[-1])
    sse = np.nansum(flat ** 2, axis=0)
    return sse, np.sqrt(np.nanmean(flat ** 2, axis=0)), np.nanmean(np.abs(flat), axis=0)


def _skewness(errors: np.ndarray) -> np.ndarray:
    """Moment skewness ``m3 / m2^{3/2}`` of ``(r, n, m)`` errors per column, NaN rows left out."""
    flat = errors.reshape(-1, errors.shape[-1])
    centred = flat - np.nanmean(flat, axis=0)
    return np.nanmean(centred ** 3, axis=0) / np.nanmean(centred ** 2, axis=0) ** 1.5


def prediction_metrics(draws: "PredictDraws", model: Model) -> dict[str, np.ndarray]:
    """PLSpredict's metrics per endogenous indicator and construct, pooled over repetitions.

    Parameters
    ----------
    draws : PredictDraws
        All repetitions (merged).
    model : Model
        The model the draws were made for (checked against them).

    Returns
    -------
    dict of str -> ndarray
        Per endogenous indicator, ``(q,)``: ``q2_predict``, ``pls_rmse``, ``pls_mae``, ``lm_rmse``,
        ``lm_mae``, ``ia_rmse``, ``ia_mae``, ``error_skewness``. Per endogenous construct,
        ``(k_endo,)``: ``construct_q2_predict``, ``construct_rmse``, ``construct_mae`` (predicted
        scores against the full sample's, naive benchmark their training mean). Per observation,
        ``(n, q)``: ``pls_errors``, ``lm_errors``, ``ia_errors``, the out-of-sample errors ``y - ŷ``
        averaged over repetitions (NaN where every repetition failed).

    Raises
    ------
    ValueError
        If the draws do not belong to ``model`` (other endogenous indicators).
    """
    blocks = model.blocks
    expected = np.concatenate([blocks[j] for j in sorted(model.endogenous)])
    if not np.array_equal(draws.indicators, expected):
        raise ValueError("the PLSpredict draws were made for another model (their endogenous indicators differ)")
    errors = {name: draws.actual[None] - getattr(draws, name) for name in ("pls", "lm", "ia")}
    out: dict[str, np.ndarray] = {}
    sse = {}
    for name, err in errors.items():
        sse[name], out[f"{name}_rmse"], out[f"{name}_mae"] = _pooled(err)
    out["q2_predict"] = 1 - sse["pls"] / sse["ia"]
    out["error_skewness"] = _skewness(errors["pls"])
    construct_sse, out["construct_rmse"], out["construct_mae"] = _pooled(draws.reference_scores[None] - draws.scores)
    naive_sse, _, _ = _pooled(draws.reference_scores[None] - draws.naive)
    out["construct_q2_predict"] = 1 - construct_sse / naive_sse
    with np.errstate(invalid="ignore"):
        for name, err in errors.items():
            usable = np.isfinite(err).sum(axis=0)
            out[f"{name}_errors"] = np.where(usable > 0, np.nansum(err, axis=0) / np.maximum(usable, 1), np.nan)
    return out


def verdict(pls: np.ndarray, lm: np.ndarray, q2: np.ndarray) -> dict[str, object]:
    """Predictive power of one endogenous construct (Hair et al. 2019; Shmueli et al. 2019).

    Counts the construct's indicators whose PLS-SEM prediction error (RMSE or MAE, the chosen
    metric) is below the LM benchmark's: none → ``"none"`` (lacks predictive power), a minority →
    ``"low"``, the majority or half → ``"medium"``, all → ``"high"``.

    Parameters
    ----------
    pls, lm : ndarray (m,)
        The chosen metric of the construct's m indicators, PLS-SEM and LM.
    q2 : ndarray (m,)
        Their Q²predict; the ones ≤ 0 (no better than the training mean) are reported.

    Returns
    -------
    dict
        ``verdict`` (one of :data:`VERDICTS`), ``indicators`` (m), ``lower_than_lm`` (count),
        ``q2_positive`` (count of Q²predict > 0) and ``q2_not_positive`` (positions, ``(·,)`` int).
    """
    pls, lm, q2 = (np.asarray(a, dtype=float) for a in (pls, lm, q2))
    m = pls.size
    lower = int((pls < lm).sum())
    if lower == 0:
        label = "none"
    elif lower == m:
        label = "high"
    elif 2 * lower >= m:
        label = "medium"
    else:
        label = "low"
    positive = q2 > 0
    return {"verdict": label, "indicators": m, "lower_than_lm": lower, "q2_positive": int(positive.sum()),
            "q2_not_positive": np.flatnonzero(~positive)}
