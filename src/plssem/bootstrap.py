"""Nonparametric bootstrap of a PLS path model, vectorised over subsamples.

Each subsample draws ``n`` respondents with replacement (Efron & Tibshirani
1993, ch. 6; Hair et al. 2022, ch. 5) from a counter-based Philox stream
(:mod:`plssem.draws`): subsample ``i``'s rows depend on ``(seed, i)`` alone, so
splitting subsamples ``0 .. B-1`` into any chunks, in any order, across processes
or machines, gives byte-identical results once the chunks are concatenated.

No Python loop runs per subsample in the estimation. A subsample is fully
described by how often it draws each respondent (a count vector ``c``), and
its indicator correlation matrix follows from the weighted sums ``Σ c_r z_r``
and ``Σ c_r z_r z_r'`` of the standardised full-sample data ``z``
(correlations do not depend on the standardisation used), accumulated by
:mod:`plssem.moments` over blocks of rows in matrix products of fixed shape.
The batched algorithm of :mod:`plssem.algorithm` then estimates every
subsample of a batch at once. Memory is bounded by ``chunk_size`` subsamples
at a time, fixed byte budgets of drawn counts and of the generated indicators
of models that have them (:mod:`plssem.staging`, :func:`staged_batch`) and the
``(B, m)`` array of results, for any ``n``.

Constructs declared common factors are estimated with consistent PLS in every
subsample (:func:`plssem.consistent.correct`, batched like the algorithm), so the
bootstrap distribution is that of the PLSc estimates. Inadmissible PLSc results
are kept in the distribution, as computed, and flagged per subsample in
:attr:`BootstrapDraws.inadmissible`.

Subsamples whose estimation fails (a constant indicator in the subsample, a
singular block or regression, or no convergence within ``max_iter``) are kept
in the arrays as NaN, flagged in :attr:`BootstrapDraws.failed` and left out of
the summary statistics, which report how many there were.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import consistent, staging, statistics
from .algorithm import PLSCore, fit_correlations, path_coefficients
from .draws import MAX_SEED, check_seed, named_stream, resample_counts, resample_indices, stream_uniforms
from .model import Model
from .moments import (TILE, moments_from_sums, resampled_sums, weighted_correlations, weighted_moments,
                      weighted_sums)

__all__ = ["BootstrapDraws", "stream_uniforms", "named_stream", "check_seed", "resample_indices", "resample_counts",
           "weighted_moments", "moments_from_sums", "weighted_correlations", "estimate_batch", "bootstrap", "jackknife",
           "check_tiling", "merge", "staged_batch", "MAX_SEED"]

SIGN_CHANGES = ("none", "construct")
#: Byte budget of the ``(b, n, ·)`` arrays of one batch of a model with generated indicators (:func:`staged_batch`).
STAGED_BYTES = 2**28


@dataclass
class BootstrapDraws:
    """Bootstrap estimates of subsamples ``start .. start + len - 1``.

    Attributes
    ----------
    start : int
        Index of the first subsample.
    values : dict of str -> ndarray (B, m)
        One array per family of :data:`plssem.statistics.FAMILIES`; NaN rows for failed subsamples.
    iterations : ndarray (B,) of int
    converged : ndarray (B,) of bool
    failed : ndarray (B,) of bool
        Singular, non-finite or non-converged subsamples.
    inadmissible : dict of str -> ndarray
        PLSc's flags per subsample (empty when no construct is a common factor):
        ``"reliability"`` (B, k), ρ_A of a common factor above 1 or not positive;
        ``"correlations"`` (B, k(k-1)/2), |corrected construct correlation| > 1 for
        each pair ``i < j`` in row-major order; ``"not_positive_definite"`` (B,).
    """

    start: int
    values: dict[str, np.ndarray]
    iterations: np.ndarray
    converged: np.ndarray
    failed: np.ndarray
    inadmissible: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.failed.size

    @property
    def subsample_ids(self) -> np.ndarray:
        """Global index of each subsample."""
        return np.arange(self.start, self.start + len(self))


def _construct_sign_change(core: PLSCore, original_loadings: np.ndarray, model: Model) -> None:
    """Construct-level sign change (Tenenhaus et al. 2005, sec. 2.4), in place.

    A subsample's construct is reversed when its block loadings are closer to the
    negated original loadings than to the original ones:
    ``|Σ(λ_orig - λ_b)| > |Σ(λ_orig + λ_b)|``. Weights, loadings and construct
    correlations are reversed and the paths re-estimated.
    """
    mask = model.block_mask.astype(float)
    load = core.cross_loadings * mask
    orig = (original_loadings[:, None] * mask)[None]
    flip = np.abs((orig - load).sum(axis=1)) > np.abs((orig + load).sum(axis=1))
    sign = np.where(flip, -1.0, 1.0)                           # (b, k)
    core.weights *= sign[:, None, :]
    core.cross_loadings *= sign[:, None, :]
    core.construct_correlations *= sign[:, :, None] * sign[:, None, :]
    core.paths, core.r2, _ = path_coefficients(core.construct_correlations, model)


def estimate_batch(z: np.ndarray, counts: np.ndarray, offset: int, model: Model, options: dict,
                   sign_change: str = "none", original_loadings: np.ndarray | None = None,
                   families: tuple[str, ...] = statistics.FAMILIES, corr: np.ndarray | None = None
                   ) -> tuple[PLSCore, np.ndarray, dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Estimate a batch of weighted samples: PLS (staged when the model needs it), the sign change, PLSc.

    Parameters
    ----------
    z : ndarray (n, p)
        Standardised observed indicators (``model.observed_indicators``).
    counts : ndarray (b, n) or None
        How often each row enters each sample (bootstrap counts, jackknife or group 0/1 vectors); only
        read to compute ``corr`` when it is not given, and by models with generated indicators
        (:func:`plssem.staging.needs_staging`).
    offset : int
        Global index of the first sample, for chunk-independent rounding (:func:`weighted_moments`).
    model : Model
    options : dict
        ``scheme``, ``max_iter``, ``tol`` as for :func:`plssem.estimate`.
    sign_change, original_loadings
        As for :func:`bootstrap`.
    families : tuple of str
        The families of :func:`plssem.statistics.collect` to compute (all by default).
    corr : ndarray (b, p, p), optional
        The samples' observed-indicator correlations if already known (else from ``counts``).

    Returns
    -------
    tuple
        The core, the final model's indicator correlations ``(b, p, p)``, the PLSc flags (layout of
        :attr:`BootstrapDraws.inadmissible`), the statistics of :func:`plssem.statistics.collect`.
    """
    corr = weighted_correlations(z, counts, offset=offset) if corr is None else corr
    term_sd = None
    if staging.needs_staging(model):
        core, corr, term_sd = staging.fit_staged(z, counts, corr, model, options)
    else:
        core = fit_correlations(corr, model, **options)
    if sign_change == "construct":
        _construct_sign_change(core, original_loadings, model)
    flags: dict[str, np.ndarray] = {}
    if model.common_factors:
        core, admissibility = consistent.correct(core, corr, model)
        iu = np.triu_indices(len(model.constructs), 1)
        flags = {"reliability": admissibility.reliability,
                 "correlations": admissibility.correlations[:, iu[0], iu[1]],
                 "not_positive_definite": admissibility.not_positive_definite}
    if term_sd is not None:
        staging.unstandardize_terms(core, term_sd, model)
    return core, corr, flags, statistics.collect(core, corr, model, term_sd, families)


def bootstrap(standardized: np.ndarray, model: Model, *, seed: int, start: int = 0, stop: int = 5000,
              chunk_size: int = 1000, scheme: str = "path", max_iter: int = 300, tol: float = 1e-7,
              sign_change: str = "none", original_loadings: np.ndarray | None = None, stream: int = 0
              ) -> BootstrapDraws:
    """Estimate subsamples ``start .. stop - 1`` of a bootstrap.

    Parameters
    ----------
    standardized : ndarray (n, p)
        The full sample's observed indicators (``model.observed_indicators``), after the
        missing-value treatment (``PLSResult.observed_data.standardized``). Generated
        indicators (interaction terms, first-stage scores) are made in every subsample
        (:mod:`plssem.staging`).
    model : Model
    seed : int
        Integer from 0 to ``MAX_SEED`` (2**128 - 1); with the subsample index it seeds that subsample.
    start, stop : int
        Range of subsample indices; a complete bootstrap is ``0 .. B``.
    chunk_size : int
        Subsamples estimated together (rounded up to a multiple of ``TILE``, batches aligned on its
        multiples); bounds the working memory with the counts' byte budget
        (:func:`plssem.moments.resampled_sums`).
    scheme, max_iter, tol
        As for :func:`plssem.estimate`.
    sign_change : {"none", "construct"}
        ``"none"`` (SmartPLS's default) keeps each subsample's orientation;
        ``"construct"`` applies construct-level sign changes against
        ``original_loadings`` (each indicator's loading on its construct, ``(p,)``).
    stream : int
        Philox stream of the draws (:func:`stream_uniforms`): 0 the full sample's bootstrap,
        :func:`named_stream` of the group's name for a group's bootstrap.

    Returns
    -------
    BootstrapDraws
    """
    if sign_change not in SIGN_CHANGES:
        raise ValueError(f"unknown sign_change {sign_change!r}; expected one of {SIGN_CHANGES}")
    if sign_change == "construct" and original_loadings is None:
        raise ValueError("sign_change='construct' needs original_loadings")
    if not (0 <= start <= stop):
        raise ValueError(f"need 0 <= start <= stop, got start={start}, stop={stop}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    z = np.asarray(standardized, dtype=float)
    total = stop - start
    widths = {name: len(cols) for name, cols in statistics.labels(model).items()}
    values = {name: np.empty((total, m)) for name, m in widths.items()}
    iterations = np.zeros(total, dtype=int)
    converged = np.zeros(total, dtype=bool)
    failed = np.zeros(total, dtype=bool)
    inadmissible: dict[str, np.ndarray] = {}
    options = {"scheme": scheme, "max_iter": max_iter, "tol": tol}
    staged = staging.needs_staging(model)
    step = -(-chunk_size // TILE) * TILE
    edges = sorted({start, stop, *range(start - start % step + step, stop, step)})
    batch = staged_batch(model, z.shape[0], step) if staged else step
    for lo, hi in zip(edges[:-1], edges[1:]):
        corr = moments_from_sums(*resampled_sums(z, seed, lo, hi, stream))[2]
        for first in range(lo, hi, batch):
            last = min(first + batch, hi)
            rows = slice(first - start, last - start)
            counts = resample_counts(z.shape[0], seed, first, last, stream) if staged else None
            core, _, flags, collected = estimate_batch(z, counts, first, model, options, sign_change,
                                                       original_loadings, corr=corr[first - lo:last - lo])
            for name, arr in flags.items():
                inadmissible.setdefault(name, np.zeros((total,) + arr.shape[1:], dtype=bool))[rows] = arr
            bad = core.failed | ~core.converged
            for name, arr in collected.items():
                arr[bad] = np.nan
                values[name][rows] = arr
            iterations[rows] = core.iterations
            converged[rows] = core.converged
            failed[rows] = bad
    return BootstrapDraws(start, values, iterations, converged, failed, inadmissible)


def staged_batch(model: Model, n: int, chunk_size: int) -> int:
    """Samples estimated together by a model with generated indicators: ``chunk_size``, or fewer at large ``n``.

    :func:`plssem.staging.fit_staged` holds ``(b, n, ·)`` arrays: the counts, the generated columns,
    their weighted copies, first-stage scores and the main-effects model's data, about
    ``w = 4 + 3 g + p + k₁`` doubles per row and sample (``g`` generated indicators, ``p`` observed,
    ``k₁`` first-stage constructs). The batch keeps ``b · n · w · 8`` bytes under :data:`STAGED_BYTES`.
    """
    first = len(model.first_stage.constructs) if model.first_stage is not None else 0
    width = 4 + 3 * len(model.generated) + len(model.observed_indicators) + first
    return max(1, min(chunk_size, STAGED_BYTES // (8 * n * width)))


def check_tiling(parts: list, what: str) -> list:
    """``parts`` (objects with ``start`` and ``len``) sorted by ``start``; ValueError naming ``what`` unless they tile
    ``0 .. N-1`` without gaps or overlaps, or when there are none. The chunk check of every ``merge``."""
    if not parts:
        raise ValueError(f"no {what} chunks to merge")
    parts, expected = sorted(parts, key=lambda d: d.start), 0
    for part in parts:
        if part.start != expected:
            raise ValueError(f"{what} chunks do not tile: expected a chunk starting at {expected}, got {part.start}")
        expected += len(part)
    return parts


def merge(parts: list[BootstrapDraws]) -> BootstrapDraws:
    """Concatenate chunks into one bootstrap, checking that they tile ``0 .. B-1`` (:func:`check_tiling`)."""
    parts = check_tiling(parts, "bootstrap")
    return BootstrapDraws(
        0,
        {name: np.concatenate([p.values[name] for p in parts]) for name in parts[0].values},
        np.concatenate([p.iterations for p in parts]),
        np.concatenate([p.converged for p in parts]),
        np.concatenate([p.failed for p in parts]),
        {name: np.concatenate([p.inadmissible[name] for p in parts]) for name in parts[0].inadmissible},
    )


def jackknife(
    standardized: np.ndarray, model: Model, *, scheme: str = "path", max_iter: int = 300, tol: float = 1e-7,
    chunk_size: int = 1000,
) -> dict[str, np.ndarray]:
    """Leave-one-out estimates of every statistic, ``(n, m)`` per family (for BCa's acceleration).

    Leave-one-out sample ``i`` is the count vector with a zero at row ``i`` and ones
    elsewhere, estimated in batches of ``chunk_size`` samples like bootstrap
    subsamples. Its weighted sums are the full sample's with row ``i`` taken out
    (``Σ z - z_i`` and ``Σ z z' - z_i z_i'``, :func:`plssem.moments.weighted_sums`):
    O(p²) work and memory per sample, not O(n p²), and independent of the batching.
    Models with generated indicators (:mod:`plssem.staging`) re-make them in every
    sample from its count vector, in batches of :func:`staged_batch` samples. A sample whose estimation
    fails or does not converge is NaN, as in :func:`bootstrap`.
    """
    z = np.asarray(standardized, dtype=float)
    n = z.shape[0]
    staged = staging.needs_staging(model)
    if staged:
        chunk_size = staged_batch(model, n, chunk_size)
    else:
        _, first, second = weighted_sums(z, np.ones((1, n)))
    parts: dict[str, list[np.ndarray]] = {}
    for lo in range(0, n, chunk_size):
        hi = min(lo + chunk_size, n)
        counts = corr = None
        if staged:
            counts = np.ones((hi - lo, n), dtype=np.int64)
            counts[np.arange(hi - lo), np.arange(lo, hi)] = 0
        else:
            left = z[lo:hi]
            corr = moments_from_sums(np.full(hi - lo, n - 1.0), first - left,
                                     second - left[:, :, None] * left[:, None, :])[2]
        core, _, _, collected = estimate_batch(z, counts, lo, model,
                                                {"scheme": scheme, "max_iter": max_iter, "tol": tol}, corr=corr)
        bad = core.failed | ~core.converged
        for name, arr in collected.items():
            arr[bad] = np.nan
            parts.setdefault(name, []).append(arr)
    return {name: np.concatenate(arrs) for name, arrs in parts.items()}
