"""Multi-group analysis (MGA): tests of a difference between two groups' estimates, per statistic.

Every function is vectorised over the ``m`` statistics of a family (path coefficients,
indirect effects, ...); the difference is always group 1 − group 2.

* :func:`permutation_test` — Chin & Dibbern (2010), permutation p value.
* :func:`bootstrap_mga` — Henseler, Ringle & Sinkovics (2009), "PLS-MGA" (SmartPLS 4
  "Bootstrap MGA"), from the two groups' bootstrap distributions.
* :func:`parametric_test` — Keil et al. (2000) / Chin (2000), pooled-variance t test.
* :func:`welch_test` — Welch–Satterthwaite t test (Nitzl 2010; SmartPLS 4 "Welch-Satterthwaite test").

The conventions are those of cSEM's ``testMGD()`` (R package cSEM,
``R/postestimate_test_MGD.R``: ``.approach_mgd = "Chin"``, ``"Keil"``, ``"Nitzl"``) and
seminr's ``estimate_pls_mga`` (``henseler_p``), as cited at each function.
"""
from __future__ import annotations

import numpy as np

__all__ = ["permutation_test", "bootstrap_mga", "parametric_test", "welch_test"]


def permutation_test(original_diff: np.ndarray, permuted_diff: np.ndarray) -> np.ndarray:
    """Two-tailed permutation p value of each group difference (Chin & Dibbern 2010).

    ``p = #{d* >= |d|}/P + #{d* <= -|d|}/P`` over the ``P`` permutations whose difference is
    finite (failed permutations are left out, per statistic), as cSEM's ``testMGD()`` with
    ``.approach_mgd = "Chin"`` (``R/postestimate_test_MGD.R``: ``rowMeans(ref >= abs(stat)) +
    rowMeans(ref <= -abs(stat))`` over the complete permutations).

    Parameters
    ----------
    original_diff : ndarray (m,)
        Group 1 − group 2 on the original split.
    permuted_diff : ndarray (P, m)
        The same difference in each permutation; NaN where a permutation failed.

    Returns
    -------
    ndarray (m,)
        NaN for a statistic without any finite permutation.
    """
    d = np.abs(np.asarray(original_diff, dtype=float))
    perm = np.asarray(permuted_diff, dtype=float)
    valid = np.isfinite(perm)
    hits = ((perm >= d) & valid).sum(axis=0) + ((perm <= -d) & valid).sum(axis=0)
    count = valid.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, hits / count, np.nan)


def bootstrap_mga(boot1: np.ndarray, boot2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Henseler's Bootstrap MGA p values, one-tailed (H1: group 1 > group 2) and two-tailed.

    Henseler, Ringle & Sinkovics (2009), as seminr's ``henseler_p``
    (``seminr/mga/estimate_pls_mga.py``; R seminr ``estimate_pls_mga``):
    ``p = 1 - (1 / (J1 J2)) Σ_j Σ_k Θ(2 μ1 - b1_j - 2 μ2 + b2_k)`` with ``Θ(x) = 1`` for
    ``x > 0``, ``μ`` the groups' bootstrap means and ``b`` their bootstrap estimates. The
    double sum counts the pairs with ``a_j > c_k`` for ``a = 2 μ1 - b1`` and ``c = 2 μ2 - b2``;
    with ``c`` sorted, each ``a_j`` finds its count by binary search, ``O(B log B)`` instead of
    ``O(B²)``. NaN draws are left out per group and statistic (seminr truncates both groups to
    the smaller number of successful subsamples instead; without failures the two agree).
    Two-tailed: ``2 min(p, 1 - p)``, SmartPLS 4's "2-tailed" Bootstrap MGA column.

    Parameters
    ----------
    boot1 : ndarray (B1, m)
    boot2 : ndarray (B2, m)

    Returns
    -------
    p_one_tailed, p_two_tailed : ndarray (m,)
        NaN for a statistic with no finite draw in a group.
    """
    b1 = np.asarray(boot1, dtype=float)
    b2 = np.asarray(boot2, dtype=float)
    m = b1.shape[1]
    one = np.full(m, np.nan)
    for j in range(m):  # per statistic (columns), never per draw
        x, y = b1[:, j], b2[:, j]
        x, y = x[np.isfinite(x)], y[np.isfinite(y)]
        if x.size == 0 or y.size == 0:
            continue
        a = 2 * x.mean() - x
        c = np.sort(2 * y.mean() - y)
        greater = np.searchsorted(c, a, side="left").sum()   # pairs with c_k < a_j
        one[j] = 1 - greater / (x.size * y.size)
    return one, 2 * np.minimum(one, 1 - one)


def _t_p(t: np.ndarray, df: np.ndarray) -> np.ndarray:
    """Two-tailed p of Student t: ``2 P(T_df > |t|)`` (scipy imported here, not at module import)."""
    from scipy import stats

    return 2 * stats.t.sf(np.abs(t), df)


def parametric_test(diff: np.ndarray, se1: np.ndarray, se2: np.ndarray, n1: int, n2: int
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parametric (pooled-variance) test of a group difference: Keil et al. (2000), Chin (2000).

    ``t = d / (sqrt(((n1-1)² se1² + (n2-1)² se2²) / (n1+n2-2)) · sqrt(1/n1 + 1/n2))``,
    ``df = n1 + n2 - 2``, ``p = 2 P(T_df > |t|)``: cSEM ``testMGD(.approach_mgd = "Keil")``
    (``R/postestimate_test_MGD.R``), SmartPLS 4's "Parametric test".

    Parameters
    ----------
    diff : ndarray (m,)
        Group 1 − group 2.
    se1, se2 : ndarray (m,)
        The groups' bootstrap standard errors (SD of the bootstrap estimates, ``n - 1`` divisor).
    n1, n2 : int
        Group sizes.

    Returns
    -------
    t, df, p : ndarray (m,)
    """
    se1, se2 = np.asarray(se1, dtype=float), np.asarray(se2, dtype=float)
    pooled = np.sqrt(((n1 - 1) ** 2 * se1**2 + (n2 - 1) ** 2 * se2**2) / (n1 + n2 - 2)) * np.sqrt(1 / n1 + 1 / n2)
    t = np.asarray(diff, dtype=float) / pooled
    df = np.full(t.shape, float(n1 + n2 - 2))
    return t, df, _t_p(t, df)


def welch_test(diff: np.ndarray, se1: np.ndarray, se2: np.ndarray, n1: int, n2: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Welch–Satterthwaite test of a group difference (Nitzl 2010), unequal variances.

    ``t = d / sqrt((n1-1)/n1 se1² + (n2-1)/n2 se2²)`` and, as cSEM
    ``testMGD(.approach_mgd = "Nitzl")`` (``R/postestimate_test_MGD.R``),
    ``df = round(((n1-1)/n1 se1² + (n2-1)/n2 se2²)² / ((n1-1)/n1² se1⁴ + (n2-1)/n2² se2⁴) - 2)``
    (R's ``round``, half to even, as ``numpy.round``); ``p = 2 P(T_df > |t|)``.

    Parameters
    ----------
    diff : ndarray (m,)
        Group 1 − group 2.
    se1, se2 : ndarray (m,)
        The groups' bootstrap standard errors.
    n1, n2 : int

    Returns
    -------
    t, df, p : ndarray (m,)
    """
    v1 = (n1 - 1) / n1 * np.asarray(se1, dtype=float) ** 2
    v2 = (n2 - 1) / n2 * np.asarray(se2, dtype=float) ** 2
    t = np.asarray(diff, dtype=float) / np.sqrt(v1 + v2)
    df = np.round((v1 + v2) ** 2 / ((n1 - 1) / n1**2 * np.asarray(se1, float) ** 4
                                    + (n2 - 1) / n2**2 * np.asarray(se2, float) ** 4) - 2)
    return t, df, _t_p(t, df)
