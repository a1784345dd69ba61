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

    Parameters
    ----------
    paths : ndarray (b, k, k)
    routes : sequence of construct-index tuples ``(a, m1, ..., b)``, each of length >= 3
        (see :meth:`plssem.model.Model.mediated_paths`).
    """
    out = np.ones((paths.shape[0], len(routes)))
    for r, route in enumerate(routes):
        for source, target in zip(route[:-1], route[1:]):
            out[:, r] *= paths[:, source, target]
    return out
