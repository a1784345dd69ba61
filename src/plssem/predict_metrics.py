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

import warnings
from typing import TYPE_CHECKING, Iterator

import numpy as np

from .model import Model

if TYPE_CHECKING:  # pragma: no cover
    from .predict import PredictDraws

__all__ = ["prediction_metrics", "verdict", "VERDICTS"]

#: Predictive power of a construct (Hair et al. 2019, "When to use and how to report the results of PLS-SEM").
VERDICTS = ("none", "low", "medium", "high")


class _Sums:
    """Sums over repetitions of per-repetition column sums, added in repetition order (chunk-invariant)."""

    def __init__(self):
        self.total = None

    def add(self, values: np.ndarray) -> None:
        """Add the column sums of each repetition of ``(r, n, m)`` values, NaN left out, one after another."""
        for rep in np.where(np.isnan(values), 0.0, values):
            s = rep.sum(axis=0)
            self.total = s if self.total is None else self.total + s


def _parts(draws) -> "Iterator[PredictDraws]":
    """The chunks of ``draws`` (one PredictDraws or an iterable of them), checked to follow each other from
    repetition 0."""
    at = 0
    for part in [draws] if hasattr(draws, "pls") else draws:
        if part.start != at:
            raise ValueError(f"PLSpredict chunks must follow each other from repetition 0: expected a chunk "
                             f"starting at {at}, got one starting at {part.start}")
        at += len(part)
        yield part


def prediction_metrics(draws, model: Model) -> dict[str, np.ndarray]:
    """PLSpredict's metrics per endogenous indicator and construct, pooled over repetitions.

    The chunks are read one after another and reduced to sums (memory: one chunk and ``(n, q)``
    accumulators, whatever the number of repetitions): per repetition the column sums of ``e``,
    ``e²``, ``|e|`` and of the cubes about a shift, then these added in repetition order, so the
    result is byte-identical for any chunking. The skewness is computed from the moments about the
    mean of the first repetition's errors (``c``): ``m2 = S2/N - d²``, ``m3 = S3/N - 3 d S2/N + 2 d³``
    with ``d = S1/N`` the mean of ``e - c`` (``c`` near the mean: no cancellation).

    Parameters
    ----------
    draws : PredictDraws, or an iterable of PredictDraws
        All repetitions: one merged run, or its chunks in repetition order (e.g. a generator loading
        them one at a time).
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
        averaged over repetitions (NaN where every repetition failed). ``failed``, ``(r, folds)``:
        the training sets that failed.

    Raises
    ------
    ValueError
        If the draws do not belong to ``model`` (other endogenous indicators), or chunks do not
        follow each other from repetition 0.
    """
    blocks = model.blocks
    expected = np.concatenate([blocks[j] for j in sorted(model.endogenous)])
    names = ("pls", "lm", "ia")
    sums = {key: _Sums() for key in ("count", "construct_count", "cube", "shifted", "shifted_square",
                                     *(f"{a}_{b}" for a in (*names, "construct", "naive") for b in ("sse", "abs")))}
    rows = {name: _Sums() for name in names}          # per-row sums over repetitions: (n, q) accumulators
    usable, failed, shift = 0, [], None
    for part in _parts(draws):
        if not np.array_equal(part.indicators, expected):
            raise ValueError("the PLSpredict draws were made for another model (their endogenous indicators differ)")
        failed.append(part.failed)
        for name in names:
            err = part.actual[None] - getattr(part, name)
            sums[f"{name}_sse"].add(err ** 2)
            sums[f"{name}_abs"].add(np.abs(err))
            for rep in np.where(np.isnan(err), 0.0, err):
                rows[name].total = rep if rows[name].total is None else rows[name].total + rep
            if name == "pls":
                usable = usable + np.isfinite(err).sum(axis=0)
                sums["count"].add(np.isfinite(err).astype(float))
                if shift is None:
                    with np.errstate(invalid="ignore"), warnings.catch_warnings():
                        warnings.simplefilter("ignore", RuntimeWarning)      # a column without a usable row
                        shift = np.nan_to_num(np.nanmean(err[0], axis=0))
                sums["shifted"].add(err - shift)
                sums["shifted_square"].add((err - shift) ** 2)
                sums["cube"].add((err - shift) ** 3)
        for name, predicted in (("construct", part.scores), ("naive", part.naive)):
            err = part.reference_scores[None] - predicted
            sums[f"{name}_sse"].add(err ** 2)
            sums[f"{name}_abs"].add(np.abs(err))
        sums["construct_count"].add(np.isfinite(part.reference_scores[None] - part.scores).astype(float))
        del part, err                                 # before the next chunk is read: one chunk in memory
    total = {key: s.total for key, s in sums.items()}
    out: dict[str, np.ndarray] = {"failed": np.concatenate(failed)}
    for name in names:
        out[f"{name}_rmse"] = np.sqrt(total[f"{name}_sse"] / total["count"])
        out[f"{name}_mae"] = total[f"{name}_abs"] / total["count"]
    out["q2_predict"] = 1 - total["pls_sse"] / total["ia_sse"]
    d, m2 = total["shifted"] / total["count"], total["shifted_square"] / total["count"]
    out["error_skewness"] = (total["cube"] / total["count"] - 3 * d * m2 + 2 * d ** 3) / (m2 - d ** 2) ** 1.5
    out["construct_rmse"] = np.sqrt(total["construct_sse"] / total["construct_count"])
    out["construct_mae"] = total["construct_abs"] / total["construct_count"]
    out["construct_q2_predict"] = 1 - total["construct_sse"] / total["naive_sse"]
    with np.errstate(invalid="ignore"):
        for name in names:
            out[f"{name}_errors"] = np.where(usable > 0, rows[name].total / np.maximum(usable, 1), np.nan)
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
