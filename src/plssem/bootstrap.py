"""Nonparametric bootstrap of a PLS path model, vectorised over subsamples.

Each subsample draws ``n`` respondents with replacement (Efron & Tibshirani
1993, ch. 6; Hair et al. 2022, ch. 5). The draws come from the counter-based
generator Philox-4x64 (Salmon et al. 2011, "Parallel random numbers: as easy as
1, 2, 3"; ``numpy.random.Philox``) keyed by the seed: subsample ``i`` owns the
counter values ``i·m .. (i+1)·m - 1`` (``m = ⌈n/4⌉``, four 64-bit words per
counter value) and turns their first ``n`` words into uniform numbers ``u`` and
row indices ``⌊u·n⌋``. Its data, and therefore its estimates, depend on
``(seed, i)`` alone: splitting subsamples ``0 .. B-1`` into any chunks, in any
order, across processes or machines, gives byte-identical results once the
chunks are concatenated; and a chunk's draws come from one generator call,
with no Python loop over subsamples.

No Python loop runs per subsample in the estimation. A subsample is fully
described by how often it draws each respondent (a count vector ``c``), and
its indicator correlation matrix follows from two matrix products over the
whole chunk: ``Σ c_r z_r`` and ``Σ c_r z_r z_r'`` (the standardised data ``z``
of the full sample; correlations do not depend on the standardisation used).
The batched algorithm of :mod:`plssem.algorithm` then estimates every
subsample of the chunk at once. Memory is bounded by ``chunk_size``
subsamples at a time plus the ``(B, m)`` array of results.

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
from hashlib import sha256

import numpy as np

from . import consistent, staging, statistics
from .algorithm import PLSCore, fit_correlations, path_coefficients
from .model import Model

__all__ = ["BootstrapDraws", "stream_uniforms", "named_stream", "check_seed", "resample_indices", "resample_counts",
           "weighted_moments", "moments_from_sums", "weighted_correlations", "estimate_batch", "bootstrap", "jackknife",
           "check_tiling", "merge", "MAX_SEED"]

SIGN_CHANGES = ("none", "construct")
#: The largest seed: ``numpy.random.Philox`` takes a 128-bit key (0 .. 2**128 - 1).
MAX_SEED = 2**128 - 1


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


def stream_uniforms(n: int, seed: int, start: int, stop: int, stream: int = 0) -> np.ndarray:
    """Uniform numbers in [0, 1) of draws ``start .. stop - 1`` of one Philox stream, ``(stop - start, n)``.

    Draw ``i`` reads the counter values ``i·m .. (i+1)·m - 1`` of
    ``numpy.random.Philox(key=seed, counter=[0, 0, 0, stream])`` (``m = ⌈n/4⌉``) and converts
    the first ``n`` of their 64-bit words to doubles (53 bits, as ``Generator.random``), so
    draw ``i`` depends on ``(seed, stream, i)`` alone. ``stream`` is the top word of Philox's
    256-bit counter: each resampling scheme keyed by the same seed takes its own, disjoint
    region: 0 the bootstrap, 1 PLSpredict's folds (:mod:`plssem.folds`), 2 CVPAT
    (:mod:`plssem.cvpat`), 3 the group permutations (:mod:`plssem.permutation`), and from
    ``2**32`` on the groups' bootstraps (:func:`named_stream`). The caller checks the seed
    (:func:`check_seed`).
    """
    per_draw = -(-n // 4)
    bits = np.random.Philox(key=seed, counter=[0, 0, 0, stream])
    bits.advance(start * per_draw)
    return np.random.Generator(bits).random((stop - start, 4 * per_draw))[:, :n]


def named_stream(name: str) -> int:
    """The Philox stream of a named resampling, e.g. one group's bootstrap: ``2**32 + h``.

    ``h`` is the first four bytes of the SHA-256 of ``name`` (UTF-8), read big-endian, so
    every name has a stream of its own above the numbered ones (0 .. 3), and two groups
    bootstrapped with the same seed read disjoint counter ranges (the counter's lower
    192 bits hold the draw's position).
    """
    return 2**32 + int.from_bytes(sha256(name.encode("utf-8")).digest()[:4], "big")


def check_seed(seed: int) -> None:
    """Raise ``ValueError`` unless ``seed`` is an integer from 0 to ``MAX_SEED`` (Philox's 128-bit key)."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"the bootstrap seed must be an integer from 0 to 2**128 - 1 "
                         f"(numpy.random.Philox's 128-bit key), got {seed}")


def resample_indices(n: int, seed: int, start: int, stop: int, stream: int = 0) -> np.ndarray:
    """Row indices drawn by subsamples ``start .. stop - 1``, shape ``(stop - start, n)``.

    Subsample ``i`` turns the uniform numbers ``u`` of draw ``i`` of the stream
    (:func:`stream_uniforms`) into rows ``⌊u·n⌋``; the bias of this mapping is below
    ``n·2^-53``. ``stream`` 0 is the bootstrap's; CVPAT (:mod:`plssem.cvpat`) uses 2; a
    group's bootstrap uses :func:`named_stream` of the group's name.

    Raises
    ------
    ValueError
        If ``seed`` is not in ``0 .. MAX_SEED`` (Philox's key is 128 bits).
    """
    check_seed(seed)
    uniform = stream_uniforms(n, seed, start, stop, stream)
    return np.minimum((uniform * n).astype(np.int64), n - 1)


def resample_counts(n: int, seed: int, start: int, stop: int, stream: int = 0) -> np.ndarray:
    """How often each of ``n`` rows is drawn in subsamples ``start .. stop - 1``, ``(stop - start, n)``."""
    draws = resample_indices(n, seed, start, stop, stream)
    offsets = np.arange(stop - start)[:, None] * n
    return np.bincount((draws + offsets).ravel(), minlength=(stop - start) * n).reshape(stop - start, n)


#: Rows per matrix product in :func:`weighted_correlations`; products always have this many rows.
TILE = 64


def _tiled_product(counts: np.ndarray, offset: int, right: np.ndarray) -> np.ndarray:
    """``counts @ right`` computed in products of exactly :data:`TILE` rows, aligned on global row numbers.

    BLAS may round differently for a different number of rows (a single row
    goes through ``gemv``, not ``gemm``). Padding with zero rows so that row
    ``offset + r`` always sits at position ``(offset + r) % TILE`` of a
    ``TILE``-row product makes each subsample's result independent of how the
    bootstrap was chunked.
    """
    lead = offset % TILE
    rows = counts.shape[0]
    padded = np.zeros((-(-(lead + rows) // TILE) * TILE, counts.shape[1]))
    padded[lead:lead + rows] = counts
    product = np.matmul(padded.reshape(-1, TILE, counts.shape[1]), right)
    return product.reshape(-1, right.shape[1])[lead:lead + rows]


def weighted_moments(z: np.ndarray, counts: np.ndarray, offset: int = 0
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Means ``(b, p)``, SDs ``(b, p)`` (divisor ``N``) and correlation matrices ``(b, p, p)`` of ``z`` with rows
    repeated ``counts`` times.

    ``cov = Σ c_r z_r z_r' / N - m m'`` with ``m = Σ c_r z_r / N`` and ``N = Σ c_r``.
    ``offset`` is the global index of the first count vector (see :func:`_tiled_product`).
    A subsample in which an indicator is constant gives NaN correlations (and that indicator's SD 1).
    """
    n, p = z.shape
    second = _tiled_product(counts, offset, (z[:, :, None] * z[:, None, :]).reshape(n, p * p)).reshape(-1, p, p)
    return moments_from_sums(counts.sum(axis=1, dtype=float), _tiled_product(counts, offset, z), second)


def moments_from_sums(total: np.ndarray, first: np.ndarray, second: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`weighted_moments` from the weighted sums ``N = Σ c_r`` (b,), ``Σ c_r z_r`` (b, p), ``Σ c_r z_r z_r'`` (b, p, p)."""
    mean = first / total[:, None]
    second = second / total[:, None, None]
    cov = second - mean[:, :, None] * mean[:, None, :]
    var = np.diagonal(cov, axis1=1, axis2=2)
    # A constant indicator's variance comes out as rounding noise of either sign, about
    # 1e-16 of its second moment (its SD then ~1e-9, not 0), so it is judged relative to
    # the second moment: below 1e-10 of it counts as constant.
    constant = ~(var > 1e-10 * np.diagonal(second, axis1=1, axis2=2))
    sd = np.sqrt(np.where(constant, 1.0, var))
    corr = cov / (sd[:, :, None] * sd[:, None, :])
    corr[constant.any(axis=1)] = np.nan
    return mean, sd, corr


def weighted_correlations(z: np.ndarray, counts: np.ndarray, offset: int = 0) -> np.ndarray:
    """Correlation matrices of ``z`` with rows repeated ``counts`` times, ``(b, p, p)`` (:func:`weighted_moments`)."""
    return weighted_moments(z, counts, offset)[2]


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
    counts : ndarray (b, n)
        How often each row enters each sample (bootstrap counts, jackknife or group 0/1 vectors).
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
        Subsamples estimated together; bounds the working memory.
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
    for lo in range(start, stop, chunk_size):
        hi = min(lo + chunk_size, stop)
        rows = slice(lo - start, hi - start)
        core, _, flags, collected = estimate_batch(z, resample_counts(z.shape[0], seed, lo, hi, stream), lo, model,
                                                   options, sign_change, original_loadings)
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
    subsamples, so memory is bounded by ``chunk_size``, not by ``n``. A sample whose
    estimation fails or does not converge is NaN, as in :func:`bootstrap`.
    """
    z = np.asarray(standardized, dtype=float)
    n = z.shape[0]
    parts: dict[str, list[np.ndarray]] = {}
    for lo in range(0, n, chunk_size):
        hi = min(lo + chunk_size, n)
        counts = np.ones((hi - lo, n), dtype=np.int64)
        counts[np.arange(hi - lo), np.arange(lo, hi)] = 0
        core, _, _, collected = estimate_batch(z, counts, lo, model,
                                                {"scheme": scheme, "max_iter": max_iter, "tol": tol})
        bad = core.failed | ~core.converged
        for name, arr in collected.items():
            arr[bad] = np.nan
            parts.setdefault(name, []).append(arr)
    return {name: np.concatenate(arrs) for name, arrs in parts.items()}
