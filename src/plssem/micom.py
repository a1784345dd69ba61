"""MICOM: measurement invariance of composites (Henseler, Ringle & Sarstedt 2016), steps 2 and 3.

Step 1 (configural invariance: same indicators, same treatment, same algorithm settings in
both groups) holds by construction of the group analysis and is stated, not computed.

* **Step 2, compositional invariance.** For construct ``j``, ``c_j = corr(Z w1_j, Z w2_j)``: the
  correlation of the scores made with group 1's and group 2's outer weights on the same
  pooled data ``Z`` (standardised over the pooled sample). Its permutation distribution
  comes from :class:`plssem.permutation.PermutationDraws` (both groups' weights per
  permutation). p value = share of permuted ``c`` at or below the original (cSEM's
  ``testMICOM()``, ``R/postestimate_test_MICOM.R``: ``rowMeans(ref <= c)``); invariance when
  ``c`` is at or above the 5 % quantile of the permuted ``c`` (SmartPLS 4, cSEM).
* **Step 3, equal composite means and variances.** The scores of the pooled estimation
  (pooled weights on ``Z``, unit variance over the pooled sample); the group-1 minus group-2
  mean and the log variance ratio ``log(var1 / var2)`` (variances with the ``n - 1`` divisor,
  as cSEM's ``matrixStats::colVars``), on the original split and on every permutation
  (group assignments of :func:`plssem.permutation.group_assignments`, re-created from the
  seed and stream ``chunk_size`` permutations at a time, so memory does not grow with
  ``P × n``; no re-estimation is needed, so failed permutations are kept here). p value
  two-tailed as cSEM's (strict in every version): ``#{d* > |d| or d* < -|d|} / P``, one
  count divided by ``P``; equal when the original lies within the 2.5 % and 97.5 %
  quantiles (``numpy.quantile``'s default, R's type 7).
* **Verdict.** ``"full"`` (step 2 and both step-3 equalities), ``"partial"`` (step 2 only:
  path coefficients may be compared across groups), ``"none"`` (step 2 fails).

Constructs with generated indicators (interaction terms, staged higher-order constructs)
are left out, with the reason; single-item constructs have ``c = 1`` and are kept.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .moments import tiled_product
from .model import Model
from .permutation import STREAM, PermutationDraws, group_assignments

__all__ = ["MICOMResult", "COLUMNS", "excluded_constructs", "micom"]

#: Columns of :attr:`MICOMResult.table` (after its ``construct`` index), as ``micom.csv``.
COLUMNS = ("c", "c_permutation_mean", "c_q05", "c_p", "compositional_invariance",
           "mean_difference", "mean_permutation_mean", "mean_q025", "mean_q975", "mean_p", "equal_means",
           "variance_difference", "variance_permutation_mean", "variance_q025", "variance_q975", "variance_p",
           "equal_variances", "invariance")


@dataclass
class MICOMResult:
    """MICOM's steps 2 and 3 per construct.

    Attributes
    ----------
    table : DataFrame
        Index ``construct`` (model order, excluded constructs left out); columns :data:`COLUMNS`.
    excluded : dict of str -> str
        Constructs left out, with the reason.
    permutations : int
        Permutations in step 2 that did not fail (step 3 uses all of them).
    """

    table: pd.DataFrame
    excluded: dict[str, str]
    permutations: int


def excluded_constructs(model: Model) -> dict[str, str]:
    """Constructs MICOM leaves out (an indicator is generated, not observed), with the reason."""
    observed = set(model.observed_indicators)
    terms = {t.name for t in model.interactions}
    out = {}
    for c in model.constructs:
        if c.name in terms:
            out[c.name] = "interaction term: its indicators are generated in each group"
        elif any(ind not in observed for ind in c.indicators):
            out[c.name] = "higher-order construct: its indicators are lower-order construct scores"
    return out


def _two_tailed(original: np.ndarray, permuted: np.ndarray) -> np.ndarray:
    """cSEM's strict two-tailed count ``#{d* > |d| or d* < -|d|}``, divided once by ``P``."""
    d = np.abs(original)
    return ((permuted > d) | (permuted < -d)).sum(axis=0) / permuted.shape[0]


def micom(pooled: np.ndarray, n1: int, model: Model, permutations: PermutationDraws, pooled_weights: np.ndarray,
          group_weights: np.ndarray, *, seed: int, stream: int = STREAM, chunk_size: int = 500) -> MICOMResult:
    """MICOM steps 2 and 3 for two groups (Henseler, Ringle & Sarstedt 2016).

    Parameters
    ----------
    pooled : ndarray (n, p_obs)
        The pooled observed indicators (``model.observed_indicators``), group 1's ``n1`` rows
        first, as given to :func:`plssem.permutation.permutation_estimates`.
    n1 : int
        Size of group 1.
    model : Model
    permutations : PermutationDraws
        Permutations ``start .. start + P - 1`` of :func:`plssem.permutation.permutation_estimates`
        with the same ``pooled``, ``n1`` and ``seed``.
    pooled_weights : ndarray (p, k)
        Outer weights of the pooled sample's estimation (final model's indicators, zero off the blocks).
    group_weights : ndarray (2, p, k)
        Outer weights of group 1's and group 2's own estimations.
    seed : int
        The permutations' seed (step 3 re-creates their group assignments).
    stream : int
        The permutations' Philox stream (:data:`plssem.permutation.STREAM`, or
        :func:`plssem.permutation.pair_stream` of the pair); must be ``permutations.stream``.
    chunk_size : int
        Permutations whose group assignments step 3 holds at once (memory ``chunk_size × n``);
        the results are byte-identical for any value.

    Returns
    -------
    MICOMResult

    Raises
    ------
    ValueError
        If the shapes do not match the model, no construct is left to test, every permutation failed,
        ``stream`` is not the permutations' stream, or ``chunk_size < 1``.
    """
    if stream != permutations.stream:
        raise ValueError(f"MICOM: stream {stream} is not the permutations' stream {permutations.stream}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    x = np.asarray(pooled, dtype=float)
    n, _ = x.shape
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    excluded = excluded_constructs(model)
    keep = [j for j, c in enumerate(model.constructs) if c.name not in excluded]
    if not keep:
        raise ValueError("MICOM: every construct has generated indicators; nothing to test")
    column = {name: i for i, name in enumerate(model.observed_indicators)}
    rows = [i for i, name in enumerate(model.indicator_names) if name in column]
    zcols = [column[model.indicator_names[i]] for i in rows]
    pw = np.asarray(pooled_weights, dtype=float)[rows][:, keep]
    gw = np.asarray(group_weights, dtype=float)[:, rows][:, :, keep]
    if gw.shape[0] != 2 or permutations.weights.shape[2:] != (len(model.indicator_names), len(model.constructs)):
        raise ValueError("MICOM: group_weights must be (2, p, k) and the permutations' weights (P, 2, p, k) "
                         "for the model's indicators and constructs")
    zk = z[:, zcols]
    s = zk.T @ zk / (n - 1)

    def composite_correlation(w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
        """corr(Z w1_j, Z w2_j) per construct, batched: ``w1' S w2 / sqrt(w1' S w1 · w2' S w2)``."""
        s2, s1 = np.matmul(s, w2), np.matmul(s, w1)
        return (w1 * s2).sum(axis=-2) / np.sqrt((w1 * s1).sum(axis=-2) * (w2 * s2).sum(axis=-2))

    single = np.array([len(model.constructs[j].indicators) == 1 for j in keep])
    c = np.where(single, 1.0, composite_correlation(gw[0], gw[1]))   # exactly 1, not 1 ± rounding
    ok = ~permutations.failed
    if not ok.any():
        raise ValueError(f"MICOM: all {len(permutations)} permutations failed (a group's estimation broke down "
                         "or did not converge in every re-split); nothing to compare c with")
    pw_perm = permutations.weights[ok][:, :, rows][:, :, :, keep]
    c_perm = np.where(single, 1.0, composite_correlation(pw_perm[:, 0], pw_perm[:, 1]))   # (P_ok, k)
    c_q05 = np.quantile(c_perm, 0.05, axis=0)

    scores = zk @ pw
    scores = (scores - scores.mean(axis=0)) / scores.std(axis=0, ddof=1)
    right = np.concatenate([scores, scores**2], axis=1)                  # group 1's Σ s and Σ s², (1 + P, 2k)
    start, stop, k = permutations.start, permutations.start + len(permutations), len(keep)
    sums = np.empty((1 + stop - start, 2 * k))
    sums[0] = right[:n1].sum(axis=0)                                     # the original split: rows 0 .. n1 - 1
    for lo in range(start, stop, chunk_size):                            # tiled on the permutation index
        hi = min(lo + chunk_size, stop)
        member = group_assignments(n1, n - n1, seed, lo, hi, stream).astype(float)
        sums[1 + lo - start:1 + hi - start] = tiled_product(member, lo, right)
    total, total_sq = scores.sum(axis=0), (scores**2).sum(axis=0)
    sum1, sq1 = sums[:, :k], sums[:, k:]
    n2 = n - n1
    mean1, mean2 = sum1 / n1, (total - sum1) / n2
    var1 = (sq1 - n1 * mean1**2) / (n1 - 1)
    var2 = (total_sq - sq1 - n2 * mean2**2) / (n2 - 1)
    mean_diff, log_ratio = mean1 - mean2, np.log(var1) - np.log(var2)

    def step3(values: np.ndarray, prefix: str) -> dict[str, np.ndarray]:
        lo, hi = np.quantile(values[1:], [0.025, 0.975], axis=0)
        return {f"{prefix}_difference": values[0], f"{prefix}_permutation_mean": values[1:].mean(axis=0),
                f"{prefix}_q025": lo, f"{prefix}_q975": hi, f"{prefix}_p": _two_tailed(values[0], values[1:]),
                f"equal_{prefix}s": (values[0] >= lo) & (values[0] <= hi)}

    table = pd.DataFrame({
        "c": c, "c_permutation_mean": c_perm.mean(axis=0), "c_q05": c_q05, "c_p": (c_perm <= c).sum(axis=0) / len(c_perm),
        "compositional_invariance": c >= c_q05, **step3(mean_diff, "mean"), **step3(log_ratio, "variance"),
    }, index=pd.Index([model.construct_names[j] for j in keep], name="construct"))
    equal = table["equal_means"] & table["equal_variances"]
    table["invariance"] = np.where(~table["compositional_invariance"], "none", np.where(equal, "full", "partial"))
    return MICOMResult(table[list(COLUMNS)], excluded, int(ok.sum()))
