"""Weighted first and second moments of the standardised data, for batches of count vectors.

A resample (a bootstrap subsample, a training set, a group) is a count vector ``c`` over the
``n`` rows of the full sample, and its indicator correlations follow from three weighted sums:
``N = Σ c_r``, ``Σ c_r z_r`` and ``Σ c_r z_r z_r'`` (Efron & Tibshirani 1993, ch. 6, for the
resampling; the covariance as ``Σ c z z' / N - m m'``). For a batch of ``b`` count vectors the
sums are matrix products of the ``(b, n)`` counts with ``[z, z_i z_j (i <= j)]``: only the upper
triangle of ``z z'`` is formed (``p (p + 1) / 2`` columns, half the flops of all ``p²``).

Memory does not grow with ``n`` beyond the data: the products are accumulated over blocks of
:data:`ROWS` rows, and :func:`resampled_sums` draws the counts of at most ``budget`` bytes of
subsamples at a time (:func:`plssem.draws.resample_counts`).

Rounding does not depend on the batching: every product has exactly :data:`TILE` rows, with the
count vector of global index ``i`` at row ``i % TILE`` (zero rows pad a partial tile; BLAS rounds
a single row through ``gemv``, not ``gemm``), and the row blocks start at multiples of
:data:`ROWS` and are added in order. A resample's sums are therefore byte-identical for any
chunking, sub-batching or budget.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .draws import DRAW_BYTES, resample_counts

__all__ = ["TILE", "ROWS", "COUNT_BYTES", "tiled_product", "weighted_sums", "resampled_sums",
           "moments_from_sums", "weighted_moments", "weighted_correlations"]

#: Rows (count vectors) of every matrix product.
TILE = 64
#: Data rows per block of the accumulated products; fixed, so the order of the sums is too.
ROWS = 2048
#: Default byte budget of the drawn counts (``uint8``) held at once by :func:`resampled_sums`.
COUNT_BYTES = 2**29


def tiled_product(counts: np.ndarray, offset: int, right: np.ndarray) -> np.ndarray:
    """``counts @ right`` computed in products of exactly :data:`TILE` rows, aligned on global row numbers.

    BLAS may round differently for a different number of rows (a single row
    goes through ``gemv``, not ``gemm``). Padding with zero rows so that row
    ``offset + r`` always sits at position ``(offset + r) % TILE`` of a
    ``TILE``-row product makes each row's result independent of how the
    batch was chunked.

    Parameters
    ----------
    counts : ndarray (b, n)
        Count (or weight) vectors; row ``r`` has the global index ``offset + r``.
    offset : int
        Global index of the first row of ``counts``.
    right : ndarray (n, k)

    Returns
    -------
    ndarray (b, k)
        ``counts @ right``, each row byte-identical whatever ``offset`` and ``b`` it came with.
    """
    lead = offset % TILE
    rows = counts.shape[0]
    padded = np.zeros((-(-(lead + rows) // TILE) * TILE, counts.shape[1]))
    padded[lead:lead + rows] = counts
    product = np.matmul(padded.reshape(-1, TILE, counts.shape[1]), right)
    return product.reshape(-1, right.shape[1])[lead:lead + rows]


def _products(block: np.ndarray) -> np.ndarray:
    """``[z, z_i z_j for i <= j]`` of a block of rows, transposed: ``(p + p (p + 1) / 2, r)``, C-contiguous.

    Column ``z_i z_j`` (``i <= j``) sits at row ``p + i p - i (i - 1) / 2 + j - i``: the upper triangle row by row
    (``numpy.triu_indices`` order).
    """
    r, p = block.shape
    columns = block.T.copy()
    out = np.empty((p + p * (p + 1) // 2, r))
    out[:p] = columns
    at = p
    for i in range(p):
        np.multiply(columns[i], columns[i:], out=out[at:at + p - i])
        at += p - i
    return out


def weighted_sums(z: np.ndarray, counts: np.ndarray, offset: int = 0
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``N = Σ c_r`` (b,), ``Σ c_r z_r`` (b, p) and ``Σ c_r z_r z_r'`` (b, p, p) of count vectors ``counts`` (b, n).

    ``offset`` is the global index of the first count vector (see :func:`tiled_product`). The products
    are accumulated over blocks of :data:`ROWS` rows; the working memory is
    ``b · min(n, ROWS)`` doubles plus one block's products, whatever ``n``.
    """
    n, p = z.shape
    b = counts.shape[0]
    upper = np.triu_indices(p)
    lead = offset % TILE
    tiles = -(-(lead + b) // TILE)
    padded = np.zeros((tiles * TILE, min(n, ROWS)))
    sums = np.zeros((tiles, TILE, p + upper[0].size))
    for r0 in range(0, n, ROWS):
        width = min(ROWS, n - r0)
        block = padded[:, :width]
        block[lead:lead + b] = counts[:, r0:r0 + width]
        sums += np.matmul(block.reshape(tiles, TILE, width), _products(z[r0:r0 + width]).T)
    sums = sums.reshape(tiles * TILE, -1)[lead:lead + b]
    second = np.empty((b, p, p))
    second[:, upper[0], upper[1]] = sums[:, p:]
    second[:, upper[1], upper[0]] = sums[:, p:]
    return counts.sum(axis=1, dtype=float), sums[:, :p], second


def resampled_sums(z: np.ndarray | Sequence[np.ndarray], seed: int, start: int, stop: int, stream: int = 0, *,
                   budget: int = COUNT_BYTES, draw_budget: int = DRAW_BYTES):
    """:func:`weighted_sums` of bootstrap subsamples ``start .. stop - 1`` of Philox ``stream``, drawn as they go.

    The counts (:func:`plssem.draws.resample_counts`, ``uint8``) are drawn for groups of
    ``max(1, budget // (TILE · n))`` whole tiles at a time, so that at most about
    ``max(budget, TILE · n)`` bytes of counts and ``draw_budget`` bytes of draws are held at once;
    the products of a block of rows (:func:`weighted_sums`) serve every tile of a group.
    Byte-identical for any ``start``/``stop`` split, ``budget`` and ``draw_budget``.

    Parameters
    ----------
    z : ndarray (n, p), or a sequence of them (the same ``n``)
        The data the subsamples are drawn from. Several data sets of one sample (the Bollen–Stine data
        of two models) share each group's counts: they are drawn once, not once per data set.

    Returns
    -------
    tuple of ndarray (b,), (b, p), (b, p, p), or a list of them, one per data set of a sequence ``z``
        ``N``, ``Σ c_r z_r`` and ``Σ c_r z_r z_r'`` of the ``b = stop - start`` subsamples.

    Raises
    ------
    ValueError
        If ``seed`` is not in ``0 .. MAX_SEED``.
    """
    several = not isinstance(z, np.ndarray)
    data = list(z) if several else [z]
    n = data[0].shape[0]
    group = TILE * max(1, budget // (TILE * n))
    parts = [[] for _ in data]
    for lo in range(start - start % TILE, stop, group):
        lo, hi = max(lo, start), min(lo + group, stop)
        counts = resample_counts(n, seed, lo, hi, stream, dtype=np.uint8, budget=draw_budget)
        for out, one in zip(parts, data):
            out.append(weighted_sums(one, counts, lo))
        del counts  # one group's counts alive at a time, not the next one's beside them
    sums = [tuple(np.concatenate(arrs) for arrs in zip(*part)) for part in parts]
    return sums if several else sums[0]


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


def weighted_moments(z: np.ndarray, counts: np.ndarray, offset: int = 0
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Means ``(b, p)``, SDs ``(b, p)`` (divisor ``N``) and correlation matrices ``(b, p, p)`` of ``z`` with rows
    repeated ``counts`` times.

    ``cov = Σ c_r z_r z_r' / N - m m'`` with ``m = Σ c_r z_r / N`` and ``N = Σ c_r`` (:func:`weighted_sums`).
    ``offset`` is the global index of the first count vector (see :func:`tiled_product`).
    A sample in which an indicator is constant gives NaN correlations (and that indicator's SD 1).
    """
    return moments_from_sums(*weighted_sums(z, counts, offset))


def weighted_correlations(z: np.ndarray, counts: np.ndarray, offset: int = 0) -> np.ndarray:
    """Correlation matrices of ``z`` with rows repeated ``counts`` times, ``(b, p, p)`` (:func:`weighted_moments`)."""
    return weighted_moments(z, counts, offset)[2]
