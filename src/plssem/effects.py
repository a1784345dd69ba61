"""Total, indirect and specific indirect effects of a recursive structural model.

With ``B[i, j]`` the direct effect of construct ``i`` on ``j``, the total
effects are ``T = B + B² + ... + B^{k-1}`` (the series ends because ``B`` of a
recursive model is nilpotent; equal to ``(I - B)^{-1} - I``), the total indirect
effects are ``T - B`` (Bollen 1987; Hair et al. 2022, ch. 7), and each
specific indirect effect along a route ``a -> m1 -> ... -> b`` is the product
of the path coefficients on that route (Preacher & Hayes 2008).
All functions take a batch of path matrices ``(b, k, k)``.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["total_effects", "specific_indirect_effects"]


def total_effects(paths: np.ndarray) -> np.ndarray:
    """Total effects ``T = sum_{m=1}^{k-1} B^m`` of path matrices ``(b, k, k)``.

    The finite power series is used instead of ``(I - B)^{-1} - I`` so that a
    failed sample's NaN paths give NaN effects rather than a LAPACK error.
    """
    k = paths.shape[-1]
    total = paths.copy()
    power = paths
    for _ in range(k - 2):
        power = power @ paths
        total = total + power
    return total


def specific_indirect_effects(paths: np.ndarray, routes: Sequence[Sequence[int]]) -> np.ndarray:
    """Product of the path coefficients along each route, shape ``(b, len(routes))``.

    Vectorised over the routes: step ``s`` multiplies every route by its ``s``-th path coefficient at once
    (a route shorter than the longest by 1.0, which is exact), in the order of the route, so each product is
    the same number as multiplying along the route one path at a time.

    Parameters
    ----------
    paths : ndarray (b, k, k)
    routes : sequence of construct-index tuples ``(a, m1, ..., b)``, each of length >= 3
        (see :meth:`plssem.model.Model.mediated_paths`).
    """
    b, k = paths.shape[0], paths.shape[-1]
    out = np.ones((b, len(routes)))
    if not routes:
        return out
    steps = max(len(route) for route in routes) - 1
    index = np.full((len(routes), steps), k * k)          # k * k: the column of ones
    for r, route in enumerate(routes):
        index[r, :len(route) - 1] = np.asarray(route[:-1]) * k + np.asarray(route[1:])
    flat = np.concatenate([paths.reshape(b, k * k), np.ones((b, 1))], axis=1)
    for step in range(steps):
        out *= flat[:, index[:, step]]
    return out
