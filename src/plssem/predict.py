"""PLSpredict: out-of-sample predictions by k-fold cross-validation, vectorised over folds and repetitions.

PLSpredict (Shmueli et al. 2016, "The elephant in the room: predictive performance of PLS
models", *J. Bus. Res.* 69(10); Shmueli et al. 2019, "Predictive model assessment in PLS-SEM:
guidelines for using PLSpredict", *Eur. J. Mark.* 53(11)) estimates the model on each training
set (the sample without one fold), and predicts the held-out rows' endogenous indicators from
their exogenous ones, as seminr's ``predict_pls`` does:

* the test rows are standardised with the training set's means and SDs (``n - 1``) and scored
  with the training weights, ``Y = Z_test W``;
* the endogenous scores are predicted from the direct antecedents' scores, ``Ŷ = Y B``
  (``approach="direct"``, seminr ``predict_DA``), or from the purely exogenous constructs'
  scores through the total effects (``approach="earliest"``, seminr ``predict_EA``);
* an indicator's prediction is its construct's predicted score times its loading, in the
  training set's units: ``x̂ = mean_train + SD_train · λ · ŷ``. With common factors the paths
  and loadings are those of consistent PLS (:func:`plssem.consistent.correct`), as in seminr.

Benchmarks: LM, the OLS regression (with intercept) of each endogenous indicator on the
indicators of the construct's antecedents (direct) or of the purely exogenous constructs
(earliest), fitted on the training set; IA, the training mean of the indicator. Construct
scores are predicted against the full sample's scores (seminr's reference), with the training
mean of those scores as the naive prediction.

A training set is a 0/1 count vector (:func:`plssem.folds.training_counts`), so every training
set of a chunk is estimated at once like bootstrap subsamples: correlations by
:func:`plssem.bootstrap.weighted_correlations` (offset = global training-set index
``r·folds + f``), the batched algorithm, PLSc. The LM benchmark needs the same weighted moments
only (``β = R_XX⁻¹ R_Xy`` in training-standardised units). Results are byte-identical for any
chunking, and repetition ``r`` depends on ``(seed, r)`` alone.

The metrics and the verdict are in :mod:`plssem.predict_metrics`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import consistent
from .algorithm import solve_batched
from .bootstrap import check_tiling, weighted_moments
from .effects import total_effects
from .folds import cut_positions, fold_table
from .model import Model
from .moments import tiled_product

__all__ = ["APPROACHES", "PredictDraws", "plspredict", "refusal", "merge"]

#: Prediction approaches: seminr's ``predict_DA`` ("direct") and ``predict_EA`` ("earliest").
APPROACHES = ("direct", "earliest")
#: Test rows per product (with the training sets batched, about ``ROWS·p`` doubles a product).
ROWS = 1 << 16
#: Training sets estimated together hold at most this many bytes of counts (32 sets at n = 10^6).
COUNT_BYTES = 1 << 28


@dataclass
class PredictDraws:
    """Out-of-sample predictions of repetitions ``start .. start + len - 1`` of PLSpredict.

    Attributes
    ----------
    start : int
        Index of the first repetition.
    folds : int
    constructs : ndarray (k_endo,) of int
        The endogenous constructs (indices into ``model.constructs``), in model order.
    indicators : ndarray (q,) of int
        Their indicators (positions in ``model.indicator_names``), in model order.
    item_construct : ndarray (q,) of int
        Position of each indicator's construct in :attr:`constructs`.
    pls, lm, ia : ndarray (r, n, q)
        Out-of-sample predictions of the endogenous indicators in raw units: PLS-SEM, the LM
        benchmark and the indicator average (IA). NaN for rows whose training set failed.
    scores, naive : ndarray (r, n, k_endo)
        Predicted construct scores (training standardisation) and the naive prediction (the
        training mean of :attr:`reference_scores`).
    actual : ndarray (n, q)
        The endogenous indicators' observed values.
    reference_scores : ndarray (n, k_endo)
        The full sample's construct scores.
    failed : ndarray (r, folds) of bool
        Training sets whose estimation failed or did not converge.
    """

    start: int
    folds: int
    constructs: np.ndarray
    indicators: np.ndarray
    item_construct: np.ndarray
    pls: np.ndarray
    lm: np.ndarray
    ia: np.ndarray
    scores: np.ndarray
    naive: np.ndarray
    actual: np.ndarray
    reference_scores: np.ndarray
    failed: np.ndarray

    def __len__(self) -> int:
        return self.failed.shape[0]


def refusal(model: Model) -> str | None:
    """Why PLSpredict cannot take ``model``, or None when it can.

    PLSpredict scores held-out rows from observed indicators only: there is no published solution
    for interaction terms or higher-order constructs (seminr's ``predict_pls`` refuses both), and
    a model without a structural path has nothing to predict.
    """
    if model.interactions:
        return ("no published solution for PLSpredict with interaction terms: the model has "
                + ", ".join(t.name for t in model.interactions))
    if model.higher_order or model.generated or model.observed_indicators != model.indicator_names:
        return ("no published solution for PLSpredict with higher-order constructs "
                "(seminr's predict_pls refuses them too)")
    if not model.endogenous:
        return "PLSpredict needs at least one endogenous construct (a structural path)"
    return None


def _refuse_staged(model: Model) -> None:
    """Raise ``ValueError`` with :func:`refusal`'s reason when PLSpredict cannot take ``model``."""
    reason = refusal(model)
    if reason is not None:
        raise ValueError(reason)


def _test_rows(counts: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Test rows of each training set, padded: ``(G, m)`` row indices (row 0 as filler) and ``(G, m)`` mask.

    ``m`` is the largest test fold rounded up to a multiple of ``width``, so every product of
    :func:`plspredict` has the shape ``(width, ·)`` whatever the chunk.
    """
    which, row = np.nonzero(counts == 0)                                        # sorted by set, then row
    sizes = np.bincount(which, minlength=counts.shape[0])
    m = -(-max(int(sizes.max()), 1) // width) * width
    position = np.arange(which.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    rows = np.zeros((counts.shape[0], m), dtype=np.int64)
    rows[which, position] = row
    valid = np.zeros(rows.shape, dtype=bool)
    valid[which, position] = True
    return rows, valid


def _lm_design(model: Model, endo: np.ndarray, approach: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each endogenous construct: (predictor indicator positions, its indicator positions)."""
    blocks, exogenous = model.blocks, np.flatnonzero(~model.path_matrix.any(axis=0))
    out = []
    for j in endo:
        sources = model.predecessors(j) if approach == "direct" else exogenous
        out.append((np.concatenate([blocks[s] for s in sources]), blocks[j]))
    return out


def _lm_coefficients(corr: np.ndarray, design: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
    """LM benchmark's coefficients per endogenous block, ``(G, |X|, |Y|)`` each: ``β = R_XX⁻¹ R_XY``.

    OLS with intercept on the training rows is the regression of the training-standardised
    indicators, whose coefficients follow from the training correlations ``corr`` ``(G, p, p)``.
    """
    return [solve_batched(corr[:, xs[:, None], xs], corr[:, xs[:, None], ys])[0] for xs, ys in design]


def plspredict(
    data: np.ndarray,
    model: Model,
    *,
    folds: int = 10,
    repetitions: int = 10,
    seed: int | None = None,
    start: int = 0,
    stop: int | None = None,
    approach: str = "direct",
    scheme: str = "path",
    max_iter: int = 300,
    tol: float = 1e-7,
    chunk_size: int = 500,
    orders: np.ndarray | None = None,
) -> PredictDraws:
    """PLSpredict's out-of-sample predictions for repetitions ``start .. stop - 1``.

    Parameters
    ----------
    data : ndarray (n, p)
        Raw observed indicators after the missing-value treatment, columns in
        ``model.observed_indicators`` order (``PLSResult.observed_data`` holds them standardised,
        with their ``means`` and ``sds``).
    model : Model
    folds : int
        2 .. n; ``n`` is leave-one-out (one repetition, no randomness).
    repetitions : int
        Number of repetitions; ``stop`` defaults to it.
    seed : int or None
        0 .. 2**128 - 1 (see :mod:`plssem.folds`); not needed for leave-one-out or with ``orders``.
    start, stop : int
        Range of repetitions to compute (chunks of one PLSpredict run).
    approach : {"direct", "earliest"}
        Direct antecedents (seminr ``predict_DA``, the default) or earliest antecedents (``predict_EA``).
    scheme, max_iter, tol
        As for :func:`plssem.estimate`.
    chunk_size : int
        Training sets estimated together (fewer when their 0/1 counts would exceed
        :data:`COUNT_BYTES`). The test rows are predicted :data:`ROWS` at a time, grouped by training
        set (one product per set, no per-row weight matrices): working memory is bounded by
        ``COUNT_BYTES`` plus ``ROWS · p`` doubles, besides the returned ``(r, n, q)`` predictions.
    orders : ndarray (stop - start, n), optional
        Explicit row orders per repetition instead of the seeded ones (seminr's ``ordering``).

    Returns
    -------
    PredictDraws

    Raises
    ------
    ValueError
        For interaction terms or higher-order constructs ("no published solution for PLSpredict
        with ..."), data of the wrong shape or not finite, an unknown approach, bad folds, seed or
        range (:func:`plssem.folds.fold_table`), or a full sample the model cannot be estimated on.
    """
    _refuse_staged(model)
    if approach not in APPROACHES:
        raise ValueError(f"unknown PLSpredict approach {approach!r}; expected one of {APPROACHES}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    x = np.asarray(data, dtype=float)
    p = len(model.indicator_names)
    if x.ndim != 2 or x.shape[1] != p or not np.isfinite(x).all():
        raise ValueError(f"PLSpredict needs finite data of shape (n, {p}) in model.observed_indicators order, "
                         f"got shape {x.shape}" + ("" if np.isfinite(x).all() else " with missing values"))
    n = x.shape[0]
    stop = repetitions if stop is None else stop
    table = fold_table(n, folds, seed, start, stop, orders)
    mean, sd = x.mean(axis=0), x.std(axis=0, ddof=1)
    z = (x - mean) / sd
    options = {"scheme": scheme, "max_iter": max_iter, "tol": tol}
    full = consistent.fit((z.T @ z / (n - 1))[None], model, **options)
    if full.failed[0] or not full.converged[0]:
        raise ValueError("PLSpredict: the model cannot be estimated on the full sample (failed or not converged)")
    endo, blocks = np.array(sorted(model.endogenous)), model.blocks
    items = np.concatenate([blocks[j] for j in endo])
    item_construct = np.repeat(np.arange(endo.size), [blocks[j].size for j in endo])
    reference = z @ full.weights[0][:, endo]
    exogenous = (~model.path_matrix.any(axis=0)).astype(float)
    design = _lm_design(model, endo, approach)
    own = model.block_mask

    reps = stop - start
    pls, lm, ia = (np.full((reps, n, items.size), np.nan) for _ in range(3))
    scores, naive = (np.full((reps, n, endo.size), np.nan) for _ in range(2))
    failed = np.zeros((reps, folds), dtype=bool)
    # products of `width` test rows each, whatever the chunk: a row's prediction cannot depend on the chunking
    width = min(ROWS, int(np.bincount(cut_positions(n, folds)).max()))
    batch = max(1, min(chunk_size, COUNT_BYTES // (8 * n)))
    for lo in range(start * folds, stop * folds, batch):
        hi = min(lo + batch, stop * folds)
        sets = np.arange(lo, hi)
        rep, fold = sets // folds - start, sets % folds
        counts = (table[rep] != fold[:, None]).astype(np.int64)
        # training moments in tiles aligned on the global training-set index: chunking cannot change them
        train_mean, train_sd, corr = weighted_moments(z, counts, offset=lo)
        size = counts.sum(axis=1, dtype=float)[:, None]
        train_sd = train_sd * np.sqrt(size / (size - 1))                       # divisor n - 1, as seminr
        ref_mean = tiled_product(counts, lo, reference) / size
        core = consistent.fit(corr, model, **options)
        bad = core.failed | ~core.converged
        failed[rep, fold] = bad
        paths = core.paths if approach == "direct" else total_effects(core.paths)
        sources = 1.0 if approach == "direct" else exogenous
        loading = core.cross_loadings[:, own][:, items][:, None]                 # (G, 1, q)
        beta = _lm_coefficients(corr, design)
        # training-standardised -> raw units: x = mean + sd · (training mean + training SD · std), z units inside
        centre = (mean[items] + sd[items] * train_mean[:, items])[:, None]      # (G, 1, q)
        scale = (sd[items] * train_sd[:, items])[:, None]
        rows, valid = _test_rows(counts, width)
        valid &= ~bad[:, None]
        group = max(1, ROWS // width)
        for g in range(0, sets.size, group):
            gs = slice(g, g + group)
            for t in range(0, rows.shape[1], width):
                at, keep = rows[gs, t:t + width], valid[gs, t:t + width]        # (g, width)
                with np.errstate(invalid="ignore", divide="ignore"):
                    z_test = (z[at] - train_mean[gs, None]) / train_sd[gs, None]   # (g, width, p)
                predicted = ((z_test @ core.weights[gs]) * sources) @ paths[gs]
                lm_std = np.concatenate([z_test[..., xs] @ b[gs] for (xs, _), b in zip(design, beta)], axis=-1)
                put = (np.broadcast_to(rep[gs, None], at.shape)[keep], at[keep])
                pls[put] = (centre[gs] + scale[gs] * (predicted[..., endo][..., item_construct] * loading[gs]))[keep]
                lm[put] = (centre[gs] + scale[gs] * lm_std)[keep]
                ia[put] = np.broadcast_to(centre[gs], lm_std.shape)[keep]
                scores[put] = predicted[..., endo][keep]
                naive[put] = np.broadcast_to(ref_mean[gs, None], predicted[..., endo].shape)[keep]
    return PredictDraws(start, folds, endo, items, item_construct, pls, lm, ia, scores, naive,
                        x[:, items], reference, failed)


def merge(parts: list[PredictDraws]) -> PredictDraws:
    """Concatenate chunks of repetitions into one run, checking that they tile ``0 .. r-1``
    (:func:`plssem.bootstrap.check_tiling`)."""
    parts = check_tiling(parts, "PLSpredict")
    first = parts[0]
    stacked = {name: np.concatenate([getattr(p, name) for p in parts])
               for name in ("pls", "lm", "ia", "scores", "naive", "failed")}
    return PredictDraws(0, first.folds, first.constructs, first.indicators, first.item_construct,
                        actual=first.actual, reference_scores=first.reference_scores, **stacked)
