"""Cross-validated predictive ability test (CVPAT), vectorised over bootstrap resamples.

CVPAT (Liengaard et al. 2021, "Prediction: coveted, yet forsaken? Introducing a
cross-validated predictive ability test in partial least squares path modeling",
Decision Sciences 52(2), 362-392) compares the out-of-sample losses of a PLS path
model with those of a benchmark, observation by observation. The loss of
observation ``i`` on an endogenous construct is the mean squared prediction error
over the construct's indicators; the overall loss is the mean over the endogenous
constructs (seminrExtras ``lv_loss`` and ``overall_loss``). With the loss
difference ``D_i = L_i(benchmark) - L_i(PLS)`` (positive when PLS-SEM predicts
better) the test is the paired t test of ``mean D = 0``: ``t = D̄ / (s_D / √n)``
with ``n - 1`` degrees of freedom.

Sharma et al. (2023, "Predictive model assessment and selection in composite-based
modeling using PLS-SEM: extensions and guidelines for using CVPAT", European Journal
of Marketing 57(6), 1662-1677; seminrExtras' ``bootstrap_cvpat``) replace the standard error ``s_D / √n`` by the standard
deviation of ``D̄`` over bootstrap resamples of the observations (of the centred
differences ``D_i - D̄``, which does not change it): ``boot_t = D̄ / sd*(D̄*)``, with
the p value from the same t distribution.

The resamples are count vectors (how often each observation is drawn), so the
``B`` resample means of every construct and of the overall loss are one matrix
product, without a Python loop per resample. Resample ``b`` draws its rows from
Philox keyed by the seed in the counter region of stream :data:`STREAM`
(:func:`plssem.bootstrap.resample_counts`), disjoint from the bootstrap's and the
folds' draws made with the same seed; it depends on ``(seed, b)`` alone. Every
construct and the overall loss use the same resamples.
"""
from __future__ import annotations

import numpy as np

from .bootstrap import resample_counts

__all__ = ["construct_losses", "cvpat", "TESTS", "STREAM"]

#: The alternatives of :func:`cvpat`: ``"two_sided"`` (H1: the losses differ) and
#: ``"one_sided"`` (H1: PLS-SEM's loss is lower, seminrExtras' ``"greater"``).
TESTS = ("two_sided", "one_sided")
#: Top word of the Philox counter of CVPAT's resamples (bootstrap 0, folds 1).
STREAM = 2
#: Resamples per matrix product at most: bounds memory by ``BLOCK × n`` counts.
BLOCK = 512
#: ...and at most this many bytes of counts and their float copy (16 bytes a count): 16 resamples at n = 10^6.
BLOCK_BYTES = 1 << 28


def construct_losses(errors: np.ndarray, item_construct: np.ndarray, k: int) -> np.ndarray:
    """Per-observation loss of each construct: mean squared error over its indicators.

    Parameters
    ----------
    errors : ndarray (n, q)
        Out-of-sample prediction errors of the ``q`` endogenous indicators (raw units).
    item_construct : ndarray (q,) of int
        Construct (``0 .. k-1``) of each indicator.
    k : int
        Number of constructs; each must own at least one indicator.

    Returns
    -------
    ndarray (n, k)
        ``L_ij = mean over the indicators h of construct j of errors_ih²``
        (Liengaard et al. 2021; seminrExtras ``calculate_lv_losses``).

    Raises
    ------
    ValueError
        If the shapes disagree, a construct index is outside ``0 .. k-1`` or a construct has no indicator.
    """
    errors = np.asarray(errors, dtype=float)
    item_construct = np.asarray(item_construct)
    if errors.ndim != 2 or item_construct.shape != (errors.shape[1],):
        raise ValueError(f"CVPAT needs errors of shape (n, q) and one construct per indicator (q,), "
                         f"got {errors.shape} and {item_construct.shape}")
    if item_construct.size and (item_construct.min() < 0 or item_construct.max() >= k):
        raise ValueError(f"CVPAT: indicator construct indices must lie in 0 .. {k - 1}, got {item_construct.tolist()}")
    membership = (item_construct[:, None] == np.arange(k)[None, :]).astype(float)
    size = membership.sum(axis=0)
    if (size == 0).any():
        raise ValueError(f"CVPAT: constructs {np.flatnonzero(size == 0).tolist()} have no indicator")
    return (errors ** 2) @ membership / size


def _p_values(t: np.ndarray, df: int, test: str) -> np.ndarray:
    """p of ``t`` in Student's t distribution with ``df`` degrees of freedom."""
    from scipy import stats  # imported on use: scipy.stats costs ~0.8 s to import

    if test == "two_sided":
        return 2 * stats.t.sf(np.abs(t), df)
    return stats.t.sf(t, df)


def cvpat(loss_pls: np.ndarray, loss_benchmark: np.ndarray, *, samples: int = 2000, seed: int,
          test: str = "two_sided") -> dict[str, np.ndarray]:
    """CVPAT of PLS-SEM against a benchmark, per construct and overall.

    Parameters
    ----------
    loss_pls, loss_benchmark : ndarray (n, k)
        Per-observation losses of the ``k`` endogenous constructs (:func:`construct_losses`)
        of the PLS-SEM predictions and of the benchmark's (LM, IA or a competing model).
    samples : int
        Bootstrap resamples ``B`` of the Sharma et al. (2023) variant, at least 2.
    seed : int
        Philox key, ``0 .. 2**128 - 1``.
    test : {"two_sided", "one_sided"}
        Alternative hypothesis: the losses differ, or PLS-SEM's is lower (``D̄ > 0``).

    Returns
    -------
    dict of str -> ndarray (k + 1,)
        Entries ``0 .. k-1`` are the constructs, entry ``k`` the overall loss (row mean over constructs):

        * ``pls_loss``, ``benchmark_loss``: mean loss over the observations;
        * ``average_loss_difference``: ``pls_loss - benchmark_loss`` (negative: PLS-SEM predicts better;
          seminrExtras' ``Diff``);
        * ``t``, ``p``: paired t test of ``D = L(benchmark) - L(PLS)`` (Liengaard et al. 2021): positive
          ``t`` means PLS-SEM predicts better; ``df = n - 1``;
        * ``boot_t``, ``boot_p``: ``D̄`` over the SD (ddof 1) of the ``B`` bootstrap means of ``D - D̄``,
          p from the t distribution with ``n - 1`` df (Sharma et al. 2023; seminrExtras ``bootstrap_cvpat``'s
          ``Boot T value``/``Boot P Value``).

        All four statistics are NaN for a construct whose differences ``D_i`` are all equal.

    Raises
    ------
    ValueError
        If the loss matrices differ in shape or are not 2-D with at least 2 rows, ``samples < 2``,
        ``test`` is not one of :data:`TESTS`, or the seed is out of range.
    """
    loss_pls = np.asarray(loss_pls, dtype=float)
    loss_benchmark = np.asarray(loss_benchmark, dtype=float)
    if loss_pls.ndim != 2 or loss_pls.shape != loss_benchmark.shape or loss_pls.shape[0] < 2:
        raise ValueError(f"CVPAT needs two loss matrices of the same shape (n, k) with n >= 2, "
                         f"got {loss_pls.shape} and {loss_benchmark.shape}")
    if test not in TESTS:
        raise ValueError(f"predict.cvpat.test must be one of {', '.join(TESTS)}, got {test!r}")
    if int(samples) != samples or samples < 2:
        raise ValueError(f"predict.cvpat.samples must be an integer >= 2, got {samples!r}")
    n = loss_pls.shape[0]
    pls = np.column_stack([loss_pls, loss_pls.mean(axis=1)])
    benchmark = np.column_stack([loss_benchmark, loss_benchmark.mean(axis=1)])
    d = benchmark - pls                                               # (n, k + 1)
    d_bar = d.mean(axis=0)
    degenerate = np.ptp(d, axis=0) == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(degenerate, np.nan, d_bar / (d.std(axis=0, ddof=1) / np.sqrt(n)))
        block = max(1, min(BLOCK, BLOCK_BYTES // (16 * n)))           # depends on n alone: deterministic
        boot_means = np.concatenate([
            resample_counts(n, seed, start, min(start + block, samples), STREAM) @ (d - d_bar) / n
            for start in range(0, samples, block)
        ])                                                            # (B, k + 1)
        boot_t = np.where(degenerate, np.nan, d_bar / boot_means.std(axis=0, ddof=1))
    return {
        "pls_loss": pls.mean(axis=0),
        "benchmark_loss": benchmark.mean(axis=0),
        "average_loss_difference": pls.mean(axis=0) - benchmark.mean(axis=0),
        "t": t,
        "p": _p_values(t, n - 1, test),
        "boot_t": boot_t,
        "boot_p": _p_values(boot_t, n - 1, test),
    }
