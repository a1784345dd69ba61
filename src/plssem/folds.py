"""Cross-validation folds of PLSpredict, deterministic per repetition.

A repetition of k-fold cross-validation puts the ``n`` rows in a random order and
cuts that order into ``k`` contiguous folds the way seminr's ``predict_pls`` does
(R's ``cut(seq_len(n), breaks = k)``; Shmueli et al. 2016, 2019). The random order
of repetition ``r`` comes from the counter-based generator Philox-4x64 keyed by
the seed (``numpy.random.Philox``), started at the counter ``[0, 0, 0, 1]`` (stream 1 of
:func:`plssem.bootstrap.stream_uniforms`: the top counter word keeps it apart from the
bootstrap's stream 0 with the same key) and advanced by ``r·⌈n/4⌉`` counter values: the
first ``n`` of its ``4·⌈n/4⌉`` uniform numbers ``u`` give the order ``argsort(u)`` (stable). The
folds of a repetition therefore depend on ``(seed, r)`` alone, whatever range of
repetitions is drawn together.

Leave-one-out (``folds == n``) has no randomness: fold ``i`` is row ``i``.

A training set is the full sample with its test fold left out, i.e. a count vector
of zeros and ones (:func:`training_counts`), estimated like a bootstrap subsample.
"""
from __future__ import annotations

import numpy as np

from .bootstrap import MAX_SEED, stream_uniforms

__all__ = ["cut_positions", "fold_table", "fold_ids", "training_counts"]

#: The folds' Philox stream (top counter word; :func:`plssem.bootstrap.stream_uniforms`).
STREAM = 1


def cut_positions(n: int, folds: int) -> np.ndarray:
    """Fold (0-based) of each position ``1..n`` of an ordering, ``(n,)`` int.

    R's ``cut(seq_len(n), breaks = folds)`` as seminr's ``cut_folds`` computes it:
    breaks ``1 + j(n-1)/folds`` (``j = 0..folds``), the outer ones widened by
    ``(n-1)/1000``, intervals closed on the right.

    Raises
    ------
    ValueError
        If ``folds`` is not in ``2 .. n``.
    """
    _check_folds(n, folds)
    breaks = 1 + np.arange(folds + 1) * (n - 1) / folds
    breaks[0] = 1 - (n - 1) / 1000
    breaks[folds] = n + (n - 1) / 1000
    return np.searchsorted(breaks, np.arange(1, n + 1), side="left") - 1


def _check_folds(n: int, folds: int) -> None:
    if not 2 <= folds <= n:
        raise ValueError(f"the number of folds must be an integer from 2 to the number of rows ({n}), got {folds}")


def fold_table(n: int, folds: int, seed: int | None = None, start: int = 0, stop: int = 1,
               orders: np.ndarray | None = None) -> np.ndarray:
    """Fold of every row in repetitions ``start .. stop - 1``, ``(stop - start, n)`` int in ``0 .. folds-1``.

    Parameters
    ----------
    n, folds : int
        Rows and folds (``2 <= folds <= n``; ``folds == n`` is leave-one-out).
    seed : int or None
        0 .. 2**128 - 1; needed unless ``folds == n`` or ``orders`` is given.
    start, stop : int
        Range of repetitions. Leave-one-out has only repetition 0.
    orders : ndarray (stop - start, n) of int, optional
        Explicit row orders (permutations of ``0..n-1``), e.g. seminr's ``ordering``;
        the ``j``-th row of an order falls in fold ``cut_positions(n, folds)[j]``.

    Raises
    ------
    ValueError
        For folds outside ``2 .. n``, a seed outside Philox's key range or missing,
        leave-one-out with a repetition other than 0, or an order that is not a permutation.
    """
    _check_folds(n, folds)
    if not 0 <= start <= stop:
        raise ValueError(f"need 0 <= start <= stop, got start={start}, stop={stop}")
    cut = cut_positions(n, folds)
    if orders is not None:
        orders = np.asarray(orders, dtype=np.int64)
        if orders.shape != (stop - start, n) or not (np.sort(orders, axis=1) == np.arange(n)).all():
            raise ValueError(f"orders must hold {stop - start} permutation(s) of 0..{n - 1}, one per repetition")
    elif folds == n:
        if stop > 1:
            raise ValueError("leave-one-out cross-validation has a single repetition (it involves no randomness); "
                             f"got repetitions {start}..{stop - 1}")
        orders = np.arange(n)[None].repeat(stop - start, axis=0)
    else:
        if seed is None or not 0 <= seed <= MAX_SEED:
            raise ValueError(f"the PLSpredict seed must be an integer from 0 to 2**128 - 1 "
                             f"(numpy.random.Philox's 128-bit key), got {seed}")
        orders = np.argsort(stream_uniforms(n, seed, start, stop, STREAM), axis=1, kind="stable")
    table = np.empty(orders.shape, dtype=np.int64)
    np.put_along_axis(table, orders, np.broadcast_to(cut, orders.shape), axis=1)
    return table


def fold_ids(n: int, folds: int, seed: int | None = None, repetition: int = 0,
             order: np.ndarray | None = None) -> np.ndarray:
    """Fold (0 .. folds-1) of every row in repetition ``repetition``, ``(n,)`` int.

    See :func:`fold_table` (one repetition; ``order`` an explicit permutation of the rows).
    """
    orders = None if order is None else np.asarray(order)[None]
    return fold_table(n, folds, seed, repetition, repetition + 1, orders)[0]


def training_counts(fold_ids: np.ndarray, folds: int) -> np.ndarray:
    """Training sets of one repetition as 0/1 count vectors, ``(folds, n)`` int64.

    Row ``f`` is 1 for the rows outside fold ``f`` (the training set) and 0 for fold ``f``
    (the test set). ``fold_ids`` may also be ``(r, n)``: the result is then ``(r·folds, n)``,
    repetition by repetition.
    """
    ids = np.atleast_2d(np.asarray(fold_ids))
    counts = ids[:, None, :] != np.arange(folds)[None, :, None]
    return counts.reshape(-1, ids.shape[-1]).astype(np.int64)
