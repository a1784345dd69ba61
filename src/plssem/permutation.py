"""Group permutations: both groups re-estimated on every random re-split of the pooled sample.

The permutation test of a group difference (Chin & Dibbern 2010) and MICOM's
compositional invariance (Henseler, Ringle & Sarstedt 2016, step 2) compare an
original statistic with its distribution over random re-assignments of the pooled
respondents to two groups of the original sizes ``n1`` and ``n2``.

Permutation ``i`` takes the uniform numbers of draw ``i`` of a Philox stream
(:func:`plssem.bootstrap.stream_uniforms`) over the ``n = n1 + n2`` pooled rows and puts
the rows with the ``n1`` smallest (a stable ``argsort``) into group 1, the rest into
group 2: a uniformly random split that depends on ``(seed, stream, i)`` alone. The stream
is :data:`STREAM` (3) by default; the pipeline gives every compared pair its own,
:func:`pair_stream` of the pair's name (``named_stream("permutation:2-vs-1")``), so that two
pairs with the same seed (and perhaps the same pooled size) do not share random numbers.

No Python loop runs per permutation. A group is a 0/1 count vector over the pooled
rows, so both groups of every permutation of a chunk are estimated together by the
bootstrap's batched machinery (:func:`plssem.bootstrap.estimate_batch`), interleaved
``[g1_i, g2_i, g1_{i+1}, ...]`` with global sample index ``2 i``. Group 1's weighted sums
``Σ z_r`` and ``Σ z_r z_r'`` come from one matrix product per chunk (tiled on the
permutation index, as the bootstrap's); group 2's are the pooled sums minus group 1's,
which halves that work. Each estimate is therefore byte-identical for any chunking. Memory is bounded by ``chunk_size``
permutations (two estimations each) plus the ``(P, 2, m)`` results.

Permutations in which either group's estimation fails (a constant indicator in a
group, a singular block or regression, no convergence) are kept as NaN and flagged
in :attr:`PermutationDraws.failed`; the tests leave them out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import statistics
from .bootstrap import check_seed, check_tiling, estimate_batch, moments_from_sums, named_stream, stream_uniforms
from .model import Model
from .moments import tiled_product

__all__ = ["STREAM", "FAMILIES", "PermutationDraws", "pair_stream", "group_assignments", "permutation_estimates",
           "merge"]

#: The default Philox stream of the group permutations (0 bootstrap, 1 PLSpredict folds, 2 CVPAT).
STREAM = 3
#: The families of :data:`plssem.statistics.FAMILIES` kept per permutation and group.
FAMILIES = ("paths", "specific_indirect", "total_indirect", "total_effects", "loadings", "weights", "r2")


def pair_stream(pair: str) -> int:
    """The Philox stream of one compared pair's permutations: ``named_stream(f"permutation:{pair}")``.

    ``pair`` is the pair's name (the pipeline's ``"{first}-vs-{second}"``, e.g. ``"2-vs-1"``); the
    prefix keeps it apart from the groups' bootstrap streams (named by the category code).
    """
    return named_stream(f"permutation:{pair}")


@dataclass
class PermutationDraws:
    """Both groups' estimates in permutations ``start .. start + P - 1``.

    Attributes
    ----------
    start : int
        Index of the first permutation.
    values : dict of str -> ndarray (P, 2, m)
        Per family of :data:`FAMILIES` (columns as :func:`plssem.statistics.labels`), group 1
        then group 2 on the second axis; NaN in failed permutations.
    weights : ndarray (P, 2, p, k)
        Outer weights of both groups (final model's indicators x constructs, zero off the
        blocks), for MICOM's compositional invariance; NaN in failed permutations.
    failed : ndarray (P,) of bool
        Either group's estimation failed or did not converge.
    stream : int
        The Philox stream of the group assignments.
    """

    start: int
    values: dict[str, np.ndarray]
    weights: np.ndarray
    failed: np.ndarray
    stream: int = STREAM

    def __len__(self) -> int:
        return self.failed.size


def group_assignments(n1: int, n2: int, seed: int, start: int, stop: int, stream: int = STREAM) -> np.ndarray:
    """Group-1 membership of the pooled rows in permutations ``start .. stop - 1``, ``(stop - start, n1 + n2)`` bool.

    Permutation ``i``: ``order = argsort(u, kind="stable")`` of the uniforms ``u`` of draw
    ``i`` of Philox ``stream`` (default :data:`STREAM`); rows ``order[:n1]`` are group 1.

    Raises
    ------
    ValueError
        If a group is empty, ``start``/``stop`` are out of order, or ``seed`` is not in
        ``0 .. 2**128 - 1``.
    """
    if n1 < 1 or n2 < 1:
        raise ValueError(f"both groups need respondents, got n1={n1}, n2={n2}")
    if not 0 <= start <= stop:
        raise ValueError(f"need 0 <= start <= stop, got start={start}, stop={stop}")
    check_seed(seed)
    u = stream_uniforms(n1 + n2, seed, start, stop, stream)
    # The n1 smallest by selection (O(n)); a row whose n1-th smallest value is tied (never seen
    # with 53-bit uniforms) falls back to the stable sort, so the result is the documented one.
    member = u <= np.partition(u, n1 - 1, axis=1)[:, n1 - 1:n1]
    for i in np.flatnonzero(member.sum(axis=1) != n1):
        member[i] = False
        member[i, np.argsort(u[i], kind="stable")[:n1]] = True
    return member


def permutation_estimates(
    pooled: np.ndarray,
    n1: int,
    model: Model,
    *,
    seed: int,
    start: int = 0,
    stop: int = 5000,
    chunk_size: int = 500,
    stream: int = STREAM,
    scheme: str = "path",
    max_iter: int = 300,
    tol: float = 1e-7,
) -> PermutationDraws:
    """Estimate both groups of permutations ``start .. stop - 1``.

    Parameters
    ----------
    pooled : ndarray (n, p)
        The observed indicators (``model.observed_indicators``) of both groups after each
        group's own missing-value treatment, group 1's ``n1`` rows first; standardised here
        over the pooled sample (correlations do not depend on it). Row ``r < n1`` alone
        in group 1 (the un-permuted split) reproduces the groups' own estimates.
    n1 : int
        Size of group 1; group 2 has ``n - n1`` rows.
    model : Model
    seed : int
        0 .. 2**128 - 1; with the permutation index it fixes the split (:func:`group_assignments`).
    start, stop : int
        Range of permutation indices; a complete test is ``0 .. P``.
    chunk_size : int
        Permutations estimated together (two estimations each); bounds the working memory.
    stream : int
        Philox stream of the group assignments (:data:`STREAM`, or :func:`pair_stream` of the pair).
    scheme, max_iter, tol
        As for :func:`plssem.estimate`.

    Returns
    -------
    PermutationDraws

    Raises
    ------
    ValueError
        For a constant pooled indicator, ``chunk_size < 1`` or the errors of :func:`group_assignments`.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    x = np.asarray(pooled, dtype=float)
    n, p = x.shape
    sd = x.std(axis=0, ddof=1)
    if not (sd > 0).all():
        raise ValueError("constant pooled indicator(s): " + ", ".join(
            name for name, s in zip(model.observed_indicators, sd) if not s > 0))
    z = (x - x.mean(axis=0)) / sd
    products = (z[:, :, None] * z[:, None, :]).reshape(n, p * p)
    pooled_sums = z.sum(axis=0), products.sum(axis=0)
    sizes = np.tile([float(n1), float(n - n1)], chunk_size)
    total = stop - start
    widths = {name: len(statistics.labels(model)[name]) for name in FAMILIES}
    values = {name: np.empty((total, 2, m)) for name, m in widths.items()}
    weights = np.empty((total, 2, len(model.indicator_names), len(model.constructs)))
    failed = np.zeros(total, dtype=bool)
    options = {"scheme": scheme, "max_iter": max_iter, "tol": tol}
    for lo in range(start, stop, chunk_size):
        hi = min(lo + chunk_size, stop)
        member = group_assignments(n1, n - n1, seed, lo, hi, stream)
        counts = np.stack([member, ~member], axis=1).reshape(2 * (hi - lo), n).astype(np.int64)
        sums = []
        for right, pooled_sum in zip((z, products), pooled_sums):     # group 2's sums = pooled - group 1's
            first = tiled_product(member.astype(float), lo, right)
            sums.append(np.stack([first, pooled_sum - first], axis=1).reshape(2 * (hi - lo), -1))
        corr = moments_from_sums(sizes[:2 * (hi - lo)], sums[0], sums[1].reshape(-1, p, p))[2]
        core, _, _, collected = estimate_batch(z, counts, 2 * lo, model, options, families=FAMILIES, corr=corr)
        bad = (core.failed | ~core.converged).reshape(hi - lo, 2).any(axis=1)
        rows = slice(lo - start, hi - start)
        for name in FAMILIES:
            arr = collected[name].reshape(hi - lo, 2, -1)
            arr[bad] = np.nan
            values[name][rows] = arr
        w = core.weights.reshape(hi - lo, 2, *core.weights.shape[1:])
        w[bad] = np.nan
        weights[rows] = w
        failed[rows] = bad
    return PermutationDraws(start, values, weights, failed, stream)


def merge(parts: list[PermutationDraws]) -> PermutationDraws:
    """Concatenate chunks into one set of permutations, checking that they tile ``0 .. P-1`` without gaps
    (:func:`plssem.bootstrap.check_tiling`) and share one stream."""
    parts = check_tiling(parts, "permutation")
    streams = sorted({part.stream for part in parts})
    if len(streams) > 1:
        raise ValueError(f"permutation chunks of different streams cannot be merged: {streams}")
    return PermutationDraws(
        0,
        {name: np.concatenate([p.values[name] for p in parts]) for name in parts[0].values},
        np.concatenate([p.weights for p in parts]),
        np.concatenate([p.failed for p in parts]),
        streams[0],
    )
