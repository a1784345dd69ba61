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
    bits.advance(int(start) * -(-int(n) // 4))          # Python ints: Philox.advance refuses numpy.int64
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


def _row_pieces(bits: np.random.Philox, b: int, n: int):
    """The rows ``⌊u·n⌋`` of the next ``b`` draws of ``bits`` (4⌈n/4⌉ words each), in pieces.

    Yields ``(r0, c0, rows)``: ``rows`` (int64, ``(r, k)``) are the rows of draws ``r0 .. r0 + r - 1`` at
    positions ``c0 .. c0 + k - 1``, from at most :data:`PIECE` words (whole draws when they fit). Each word
    ``w`` becomes ``⌊(w >> 11) · (n · 2^-53)⌋``: ``Generator.random`` gives ``u = (w >> 11) · 2^-53``
    exactly and scaling by a power of two is exact, so ``u·n`` is rounded once either way and the rows are
    those of :func:`resample_indices`, whose ``⌊u·n⌋ = n`` (``u·n`` rounded up) is row ``n - 1`` here too.
    The array is reused by the next piece.
    """
    words = 4 * -(-n // 4)
    scale = n * 2.0**-53
    per = max(1, PIECE // words)
    buffer = np.empty(min(b * words, PIECE), dtype=np.int64)
    for r0 in range(0, b, per):
        r = min(per, b - r0)
        for c0 in range(0, words, PIECE):               # one piece per draw unless a draw exceeds PIECE words
            c1 = min(c0 + PIECE, words)
            raw = bits.random_raw(r * (c1 - c0)).reshape(r, c1 - c0)[:, :min(c1, n) - c0]
            np.right_shift(raw, 11, out=raw)
            rows = buffer[:raw.size].reshape(raw.shape)
            np.copyto(rows, raw.view(np.int64) * scale, casting="unsafe")
            np.minimum(rows, n - 1, out=rows)
            yield r0, c0, rows


def resample_counts(n: int, seed: int, start: int, stop: int, stream: int = 0, *,
                    dtype=np.int64, budget: int = DRAW_BYTES) -> np.ndarray:
    """How often each of ``n`` rows is drawn in subsamples ``start .. stop - 1``, ``(stop - start, n)``.

    The rows of :func:`resample_indices`, counted, from one Philox stream read in order in pieces of
    :data:`PIECE` words (:func:`_row_pieces`). ``uint8`` counts are added piece by piece into the result
    (``numpy.add.at``: a one-byte array of ``n`` stays in the cache, unlike a bincount's eight-byte one);
    wider ones by a bincount of sub-batches of ``b = max(1, budget // (16 n))`` subsamples (an index and a
    count per draw). The working memory beyond the result is at most about ``budget`` bytes and the counts
    do not depend on ``budget``.

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
    total = stop - start
    bits = _generator(n, seed, start, stream).bit_generator
    limit = np.iinfo(dtype).max
    if np.dtype(dtype).itemsize == 1:
        counts = np.zeros((total, n), dtype=dtype)
        flat, one = counts.reshape(-1), np.dtype(dtype).type(1)
        for r0, _, rows in _row_pieces(bits, total, n):
            if total > 1:                                               # draw j's rows sit at j·n + row in counts
                rows += np.arange(r0 * n, (r0 + rows.shape[0]) * n, n)[:, None]
            np.add.at(flat, rows, one)
        if limit < n and (counts.sum(axis=1, dtype=np.int64) != n).any():  # a count past 255 wrapped round
            raise OverflowError(f"a row was drawn more than {limit} times in one subsample; "
                                f"resample_counts needs a wider dtype than {np.dtype(dtype)}")
        return counts
    counts = np.empty((total, n), dtype=dtype)
    batch = max(1, min(total, budget // (16 * n)))
    index = np.empty((batch, n), dtype=np.int64)
    for lo in range(0, total, batch):
        b = min(batch, total - lo)
        for r0, c0, rows in _row_pieces(bits, b, n):
            index[r0:r0 + rows.shape[0], c0:c0 + rows.shape[1]] = rows
        if b > 1:                                                       # one bincount: sample j's rows from j·n
            index[:b] += np.arange(b, dtype=np.int64)[:, None] * n
        hits = np.bincount(index[:b].ravel(), minlength=b * n).reshape(b, n)
        if limit < n and hits.max() > limit:
            raise OverflowError(f"a row was drawn more than {limit} times in one subsample; "
                                f"resample_counts needs a wider dtype than {np.dtype(dtype)}")
        counts[lo:lo + b] = hits
    return counts
