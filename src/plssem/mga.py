"""Multi-group analysis (MGA): tests of a difference between two groups' estimates, per statistic.

Every function is vectorised over the ``m`` statistics of a family (path coefficients,
indirect effects, ...); the difference is always group 1 − group 2.

* :func:`permutation_test` — Chin & Dibbern (2010), permutation p value.
* :func:`bootstrap_mga` — Henseler, Ringle & Sinkovics (2009), "PLS-MGA" (SmartPLS 4
  "Bootstrap MGA"), from the two groups' bootstrap distributions (centred as Sarstedt et al.
  2011, SmartPLS 4 and cSEM; or as seminr).
* :func:`parametric_test` — Keil et al. (2000) / Chin (2000), pooled-variance t test.
* :func:`welch_test` — Welch–Satterthwaite t test (Nitzl 2010; SmartPLS 4 "Welch-Satterthwaite test").

The conventions are those of cSEM's ``testMGD()`` (R package cSEM,
``R/postestimate_test_MGD.R``: ``.approach_mgd = "Chin"``, ``"Keil"``, ``"Nitzl"``) and
seminr's ``estimate_pls_mga`` (``henseler_p``), as cited at each function.
"""
from __future__ import annotations

import numpy as np

__all__ = ["CENTRES", "permutation_test", "bootstrap_mga", "parametric_test", "welch_test"]


def permutation_test(original_diff: np.ndarray, permuted_diff: np.ndarray) -> np.ndarray:
    """Two-tailed permutation p value of each group difference (Chin & Dibbern 2010).

    ``p = #{|d*| >= |d|} / P_valid``: the share of the ``P_valid`` permutations whose difference is
    finite (failed permutations are left out, per statistic) with an absolute difference at least
    as large as the original one, the conservative convention of Chin & Dibbern (2010) (a tie counts
    against the hypothesis of a difference). SmartPLS 4's documentation of its permutation algorithm
    cites Chin & Dibbern (2010) without stating the count.

    cSEM's ``testMGD(.approach_mgd = "Chin")`` (``R/postestimate_test_MGD.R``) computes
    ``rowMeans(ref >= abs(stat)) + rowMeans(ref <= -abs(stat))`` since version 0.2.0 (commit
    "add equal sign", March 2020), which equals this rule except at ``d = 0``, where it counts each
    permutation twice (p up to 2; here ``p = 1``); before 0.2.0 it used the strict ``>`` and ``<``,
    which differs from this rule only when a permuted ``|d*|`` ties ``|d|`` exactly.

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
    hits = ((np.abs(perm) >= d) & valid).sum(axis=0)
    count = valid.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, hits / count, np.nan)


CENTRES = ("original", "mean")


def bootstrap_mga(boot1: np.ndarray, boot2: np.ndarray, original1: np.ndarray | None = None,
                  original2: np.ndarray | None = None, *, centre: str = "original"
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap MGA p values (Henseler, Ringle & Sinkovics 2009), one-tailed (H1: group 1 > group 2) and two-tailed.

    The one-tailed p is a share over all ``B1 B2`` pairs ``(j, k)`` of the two groups' centred
    bootstrap draws ``x_j`` (group 1) and ``y_k`` (group 2), with the tie rule of the centring:
    ``p = P(x < y) + ½ P(x = y)`` for ``centre="original"``, ``p = P(x <= y)`` (ties counted
    fully) for ``centre="mean"``. It is computed in ``O(B log B)`` by sorting ``y`` and binary
    search instead of the ``B1 × B2`` comparisons. The centring:

    * ``centre="original"`` (default): each draw shifted by its group's bootstrap bias,
      ``x = b1 - mean(b1) + θ1`` (Sarstedt, Henseler & Ringle 2011, eq. 4), ties counted
      one half: cSEM ``testMGD(.approach_mgd = "Henseler")`` (``R/postestimate_test_MGD.R``,
      ``calculatePr`` in ``R/helper_test_MGD.R``: ``mean((1 + sign(g2 - g1)) / 2)``) and
      SmartPLS 4's "Bootstrap MGA" (its 1-tailed column; checked against SmartPLS's own
      table in test_smartpls_mga.py). Needs ``original1``, ``original2``.
    * ``centre="mean"``: Henseler et al.'s (2009) formula as seminr's ``henseler_p``
      (``seminr/mga/estimate_pls_mga.py``), ``p = 1 - (1/J²) Σ_j Σ_k Θ(2 μ1 - b1_j - 2 μ2 + b2_k)``,
      i.e. ``x = 2 mean(b1) - b1``, ``y = 2 mean(b2) - b2``, ties counted fully. With skewed
      bootstrap distributions (biased estimates, e.g. Mode B paths) the two differ by a few
      hundredths.

    NaN draws are left out per group and statistic (seminr truncates both groups to the smaller
    number of successful subsamples instead; without failures the two agree). Two-tailed:
    ``2 min(p, 1 - p)``, SmartPLS 4's "2-tailed" Bootstrap MGA column.

    Parameters
    ----------
    boot1 : ndarray (B1, m)
    boot2 : ndarray (B2, m)
    original1, original2 : ndarray (m,), optional
        The groups' original estimates (needed for ``centre="original"``).
    centre : {"original", "mean"}

    Returns
    -------
    p_one_tailed, p_two_tailed : ndarray (m,)
        NaN for a statistic with no finite draw in a group.

    Raises
    ------
    ValueError
        For an unknown ``centre``, or ``centre="original"`` without the originals.
    """
    if centre not in CENTRES:
        raise ValueError(f"unknown centre {centre!r}; expected one of {CENTRES}")
    if centre == "original" and (original1 is None or original2 is None):
        raise ValueError('bootstrap_mga(centre="original") needs both groups\' original estimates')
    b1 = np.asarray(boot1, dtype=float)
    b2 = np.asarray(boot2, dtype=float)
    m = b1.shape[1]
    one = np.full(m, np.nan)
    for j in range(m):  # per statistic (columns), never per draw
        x, y = b1[:, j], b2[:, j]
        x, y = x[np.isfinite(x)], y[np.isfinite(y)]
        if x.size == 0 or y.size == 0:
            continue
        if centre == "original":
            x, y, tie = x - x.mean() + original1[j], y - y.mean() + original2[j], 0.5
        else:
            x, y, tie = 2 * x.mean() - x, 2 * y.mean() - y, 1.0
        y = np.sort(y)
        below = np.searchsorted(y, x, side="left")          # #{y_k < x_j}
        at_most = np.searchsorted(y, x, side="right")       # #{y_k <= x_j}
        one[j] = ((y.size - at_most).sum() + tie * (at_most - below).sum()) / (x.size * y.size)
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
