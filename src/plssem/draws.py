"""Resampling draws from counter-based Philox streams: uniform numbers, row indices and count vectors.

Draws come from the counter-based generator Philox-4x64 (Salmon et al. 2011, "Parallel random
numbers: as easy as 1, 2, 3"; ``numpy.random.Philox``) keyed by the seed: draw ``i`` of a stream
owns the counter values ``i·m .. (i+1)·m - 1`` (``m = ⌈n/4⌉``, four 64-bit words per counter
value) and turns their first ``n`` words into uniform numbers ``u`` and row indices ``⌊u·n⌋``.
Draw ``i`` therefore depends on ``(seed, stream, i)`` alone, whatever range of draws one call
makes. :func:`resample_counts` makes the count vectors of a range in sub-batches whose
``(b, n)`` arrays stay under a byte budget, with the same counts for any budget; it reads the
stream's raw words in cache-sized pieces and turns them into rows itself, with the numbers
``Generator.random`` gives (``u = (w >> 11) · 2^-53``).
"""
from __future__ import annotations

from hashlib import sha256

import numpy as np

__all__ = ["MAX_SEED", "DRAW_BYTES", "stream_uniforms", "named_stream", "check_seed", "resample_indices",
           "resample_counts"]

#: The largest seed: ``numpy.random.Philox`` takes a 128-bit key (0 .. 2**128 - 1).
MAX_SEED = 2**128 - 1
#: Default byte budget of one sub-batch of draws in :func:`resample_counts` (indices, counts). Small:
#: the counting's random writes are fastest when their array stays in the cache (one subsample at n = 10⁶).
DRAW_BYTES = 2**24
#: Raw 64-bit words turned into row indices at a time by :func:`resample_counts` (256 KB: in the core's cache).
PIECE = 2**15


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
    return _generator(n, seed, start, stream).random((stop - start, 4 * -(-n // 4)))[:, :n]


def _generator(n: int, seed: int, start: int, stream: int) -> np.random.Generator:
    """A generator positioned at draw ``start`` of the stream (:func:`stream_uniforms`)."""
    bits = np.random.Philox(key=seed, counter=[0, 0, 0, stream])
    bits.advance(start * -(-n // 4))
    return np.random.Generator(bits)


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


def _fill_indices(bits: np.random.Philox, index: np.ndarray, n: int) -> None:
    """Fill ``index`` (b, n) with the rows ``⌊u·n⌋`` of the next ``b`` draws of ``bits`` (4⌈n/4⌉ words each).

    The words are read in pieces of at most :data:`PIECE` (whole draws when they fit) and turned into
    ``⌊(w >> 11) · (n · 2^-53)⌋``: ``Generator.random`` gives ``u = (w >> 11) · 2^-53`` exactly, and scaling by
    a power of two is exact, so the product ``u·n`` is rounded once either way and the rows are those of
    :func:`resample_indices` (``⌊u·n⌋ = n`` is left for the caller to fold into row ``n - 1``).
    """
    words = 4 * -(-n // 4)
    scale = n * 2.0**-53
    rows = max(1, PIECE // words)
    for r0 in range(0, index.shape[0], rows):
        r1 = min(r0 + rows, index.shape[0])
        for c0 in range(0, words, PIECE):               # one piece per draw unless a draw exceeds PIECE words
            c1 = min(c0 + PIECE, words)
            raw = bits.random_raw((r1 - r0) * (c1 - c0)).reshape(r1 - r0, c1 - c0)[:, :min(c1, n) - c0]
            np.right_shift(raw, 11, out=raw)
            np.copyto(index[r0:r1, c0:c0 + raw.shape[1]], raw.view(np.int64) * scale, casting="unsafe")


def resample_counts(n: int, seed: int, start: int, stop: int, stream: int = 0, *,
                    dtype=np.int64, budget: int = DRAW_BYTES) -> np.ndarray:
    """How often each of ``n`` rows is drawn in subsamples ``start .. stop - 1``, ``(stop - start, n)``.

    The rows of :func:`resample_indices`, counted. The subsamples are drawn ``b`` at a time, with
    ``b = max(1, budget // (16 n))`` (an index and a count per draw), from one Philox stream read in
    order (:func:`_fill_indices`, in pieces of :data:`PIECE` words), so the working memory beyond the
    result is about ``budget`` bytes and the counts do not depend on ``budget``.

    Parameters
    ----------
    dtype : integer dtype
        Of the result; ``numpy.uint8`` holds 64 subsamples of 1,000,000 rows in 64 MB.

    Raises
    ------
    ValueError
        If ``seed`` is not in ``0 .. MAX_SEED``.
    OverflowError
        If a count exceeds ``dtype``'s range (a row drawn more than 255 times for ``uint8``: impossible
        when ``n`` is below 256, and of probability below ``n · 1e-500`` above: counts are close to
        Poisson(1)).
    """
    check_seed(seed)
    counts = np.empty((stop - start, n), dtype=dtype)
    batch = max(1, min(stop - start, budget // (16 * n)))
    bits = _generator(n, seed, start, stream).bit_generator
    index = np.empty((batch, n), dtype=np.int64)
    width = n + 1               # ⌊u·n⌋ is n where u·n rounds up to n: counted apart, then added to row n - 1
    limit = np.iinfo(dtype).max
    for lo in range(0, stop - start, batch):
        b = min(batch, stop - start - lo)
        _fill_indices(bits, index[:b], n)
        if b > 1:                                                       # one bincount: sample j's rows from j·(n+1)
            index[:b] += np.arange(b, dtype=np.int64)[:, None] * width
        hits = np.bincount(index[:b].ravel(), minlength=b * width).reshape(b, width)
        hits[:, n - 1] += hits[:, n]
        if limit < n and hits.max() > limit:
            raise OverflowError(f"a row was drawn more than {limit} times in one subsample; "
                                f"resample_counts needs a wider dtype than {np.dtype(dtype)}")
        counts[lo:lo + b] = hits[:, :n]
    return counts
