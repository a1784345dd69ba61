"""Monte Carlo power: simulate samples from a population, estimate and test every effect, count rejections.

Replication ``r`` at sample size ``n`` (Muthén & Muthén 2002, "How to use a Monte
Carlo study to decide on sample size and determine power"):

1. **Data.** ``n`` rows of ``N(0, Σ)``, ``Σ`` the population's indicator correlations:
   standard normals ``e`` times the Cholesky factor, ``x = e L'``. The normals are
   ``Φ⁻¹`` of the uniforms of draw ``r`` of the Philox stream
   :func:`plssem.draws.named_stream` ``("power n=<n>")`` (:func:`plssem.draws.stream_uniforms`,
   ``n·p`` numbers ``k·2⁻⁵³``), taken at the midpoint ``(k + ½)·2⁻⁵³`` of their interval and
   mapped exactly (:func:`normal_scores`), never to ±∞. Replication ``r`` depends on
   ``(seed, n, r)`` alone, so any chunking of the replications gives byte-identical results.
2. **Estimate** the model (PLS, PLSc for common factors) on the sample's correlations.
3. **Test** every path and specific indirect effect:

   * ``test="bootstrap"``: the replication's own bootstrap of ``samples`` subsamples, subsample
     ``i`` being draw ``r·samples + i`` of the stream ``"power bootstrap n=<n>"`` (disjoint
     counter ranges per replication), decided as the pipeline decides its hypotheses
     (:func:`plssem.inference.summarize_directional`, :mod:`plssem_pipeline.analysis.decision`):
     ``p_value``: ``p < α``, ``p`` from the bootstrap t against Student's t with ``B' - 1``
     degrees of freedom, two-tailed, or one-tailed in the true effect's direction;
     ``interval``: the percentile interval (``1 - α``, or ``1 - 2α`` one-tailed) excludes zero
     (one-tailed: its bound on the true effect's side). Vectorised over replications and
     subsamples: each replication's weighted sums ``Σ c z`` and ``Σ c z z'`` come from one
     stacked matrix product, and one call of the batched algorithm estimates every
     subsample of every replication of a batch (:func:`plssem.bootstrap.estimate_batch`).
   * ``test="normal"``: the Wald test with the Monte Carlo sampling error of the estimate over all
     replications at that ``n`` in place of an estimated SE (critical value: the ``1 - α`` quantile
     of ``|θ̂ - θ|``; :func:`plssem.power_tests.shift_significance`). It needs every replication of
     an ``n``, so chunks store only the estimates and :func:`summarise` decides after merging them
     (the merged estimates, and so the decisions, are the same bytes for any chunking).

The true effects are the estimator's values in the population
(:attr:`plssem.population.Population.effects`): the one-tailed direction follows them.

Rounding does not depend on the chunking: every matrix product is one fixed-shape product per
replication, both operands stacked per replication (the Cholesky factor repeated), so numpy cannot
fold a batch into one GEMM whose row count, and so BLAS's blocking, would depend on the batch.

A replication whose estimation fails or does not converge is counted in ``failed`` and left
out of the power: the power is conditional on the estimation converging. Power ``P`` is the
share of usable replications that reject, with the Monte Carlo SE ``sqrt(P(1 - P)/R)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import power_tests, sample_size
from .bootstrap import check_tiling
from .draws import check_seed, named_stream, resample_counts, stream_uniforms
from .moments import moments_from_sums
from .population import Population, population_values

__all__ = ["TESTS", "SIGNIFICANCE", "NOT_REACHED", "AT_SMALLEST", "PowerDraws", "normal_scores", "simulate",
           "power_chunk", "merge", "summarise"]

TESTS = ("bootstrap", "normal")
SIGNIFICANCE = ("p_value", "interval")
#: Bytes of a batch's simulated data ``(R, n, p)`` and of its bootstrap counts ``(R, B, n)``, each at most
#: (unless one replication needs more): with ``chunk_size`` it bounds the working memory.
BATCH_BYTES = 2**25
#: Half of the spacing of :func:`plssem.draws.stream_uniforms`' numbers, 2⁻⁵⁴.
_HALF_STEP = 2.0**-54


@dataclass
class PowerDraws:
    """Estimates and test decisions of replications ``start .. start + len - 1`` at one sample size.

    Attributes
    ----------
    n : int
        Sample size.
    start : int
        Index of the first replication.
    labels : list of str
        The effects, as :attr:`plssem.population.Population.effects` keys.
    estimates : ndarray (R, m)
        Each replication's estimates; NaN rows for failed replications.
    significant : ndarray (R, m) of bool
        Whether the bootstrap test rejected zero (False for failed replications); all False for
        ``test="normal"``, which :func:`summarise` decides after merging.
    failed : ndarray (R,) of bool
        Estimation failed or did not converge: excluded from the power, counted.
    """

    n: int
    start: int
    labels: list[str]
    estimates: np.ndarray
    significant: np.ndarray
    failed: np.ndarray

    def __len__(self) -> int:
        return self.failed.size


def normal_scores(uniform: np.ndarray) -> np.ndarray:
    """Standard normal quantiles of the midpoints ``(k + ½)·2⁻⁵³`` of uniforms ``u = k·2⁻⁵³``, any shape.

    Below ½ the midpoint ``u + 2⁻⁵⁴`` is exact in double precision; from ½ on, ``-Φ⁻¹(1 - u - 2⁻⁵⁴)``
    (``1 - u`` exact by Sterbenz's lemma, then the same exact midpoint), so the map is exactly
    symmetric and lies within about ±8.3, never ±∞ (``scipy.special.ndtri``).
    """
    from scipy.special import ndtri

    low = uniform < 0.5
    return np.where(low, ndtri(uniform + _HALF_STEP), -ndtri((1.0 - uniform) - _HALF_STEP))


def simulate(population: Population, n: int, *, seed: int, start: int, stop: int) -> np.ndarray:
    """Data of replications ``start .. stop - 1``, ``(R, n, p)``: rows of ``N(0, Σ)`` (module docstring, step 1).

    Raises
    ------
    ValueError
        For a seed outside ``0 .. 2**128 - 1``, ``n < 2`` or ``not 0 <= start <= stop``.
    """
    check_seed(seed)
    if n < 2:
        raise ValueError(f"a sample needs at least 2 observations, got n={n}")
    if not 0 <= start <= stop:
        raise ValueError(f"need 0 <= start <= stop, got start={start}, stop={stop}")
    p = population.correlations.shape[0]
    uniform = stream_uniforms(n * p, seed, start, stop, named_stream(f"power n={n}"))
    factor = np.repeat(np.linalg.cholesky(population.correlations).T[None], stop - start, axis=0)
    return np.matmul(normal_scores(uniform).reshape(stop - start, n, p), factor)


def _sample_correlations(data: np.ndarray) -> np.ndarray:
    """Each replication's correlation matrix ``(R, p, p)`` from stacked per-replication products."""
    r, n, _ = data.shape
    first = np.matmul(np.ones((r, 1, n)), data)[:, 0]
    second = np.matmul(np.swapaxes(data, 1, 2), data)
    return moments_from_sums(np.full(r, float(n)), first, second)[2]


def _bootstrap_correlations(data: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Correlations ``(R·B, p, p)`` of every replication's subsamples; ``counts`` ``(R, B, n)``.

    ``Σ c z`` and the upper triangle of ``Σ c z z'`` (``p(p+1)/2`` products per row) come from one
    stacked product per replication, ``counts_r @ [z_r, z_r,i z_r,j]``, whose shape does not depend on
    the batch; the triangle is then mirrored by one gather.
    """
    r, n, p = data.shape
    upper = np.triu_indices(p)
    sums = np.matmul(counts, np.concatenate([data, data[:, :, upper[0]] * data[:, :, upper[1]]], axis=2))
    sums = sums.reshape(-1, sums.shape[2])
    position = np.empty((p, p), dtype=int)
    position[upper] = position[upper[1], upper[0]] = p + np.arange(upper[0].size)
    second = np.take(sums, position.ravel(), axis=1).reshape(-1, p, p)
    return moments_from_sums(counts.sum(axis=2).reshape(-1), sums[:, :p], second)[2]


def _directions(true: np.ndarray) -> np.ndarray:
    """The hypothesised direction of each effect for one-tailed tests: the true value's sign, + for 0."""
    return np.where(true < 0, -1.0, 1.0)


def _check_options(test, samples, alpha, tails, significance, chunk_size):
    if test not in TESTS:
        raise ValueError(f"unknown power test {test!r}; expected one of {TESTS}")
    if significance not in SIGNIFICANCE:
        raise ValueError(f"unknown significance rule {significance!r}; expected one of {SIGNIFICANCE}")
    if tails not in (1, 2):
        raise ValueError(f"tails must be 1 or 2, not {tails!r}")
    if not 0 < alpha < (0.5 if tails == 1 else 1):
        raise ValueError(f"alpha must lie in (0, {0.5 if tails == 1 else 1}) for tails={tails}, not {alpha!r}")
    if test == "bootstrap" and samples < 2:
        raise ValueError(f"a bootstrap test needs at least 2 samples, got {samples}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")


def _replications_per_batch(test: str, n: int, p: int, samples: int, chunk_size: int) -> int:
    """Replications per batch: at most ``chunk_size`` estimations, data and counts within :data:`BATCH_BYTES`."""
    limits = [BATCH_BYTES // (8 * n * p)]
    limits += [chunk_size // (samples + 1), BATCH_BYTES // (8 * n * samples)] if test == "bootstrap" else [chunk_size]
    return max(1, min(limits))


def power_chunk(population: Population, n: int, *, seed: int, start: int, stop: int, test: str = "bootstrap",
                samples: int = 500, alpha: float = 0.05, tails: int = 2, significance: str = "p_value",
                scheme: str = "path", max_iter: int = 300, tol: float = 1e-7, chunk_size: int = 4000
                ) -> PowerDraws:
    """Simulate, estimate and test replications ``start .. stop - 1`` at sample size ``n`` (module docstring).

    Parameters
    ----------
    population : Population
    n : int
        Sample size, at least 2.
    seed : int
        0 .. 2**128 - 1; with ``n`` and the replication's index it fixes the replication.
    start, stop : int
        Replications ``start .. stop - 1``.
    test : {"bootstrap", "normal"}
    samples : int
        Bootstrap subsamples per replication (``test="bootstrap"``).
    alpha : float
        Significance level.
    tails : {1, 2}
        Two-tailed, or one-tailed in the direction of the true effect (positive for a zero effect).
    significance : {"p_value", "interval"}
        The pipeline's ``mediation.significance`` rule (``"interval"``: its ``confidence_interval``).
    scheme, max_iter, tol
        As for :func:`plssem.estimate`.
    chunk_size : int
        Estimations per batch (a replication costs ``samples + 1``, or 1 for the normal test); with
        :data:`BATCH_BYTES` (the batch's data and counts) it bounds the working memory.

    Returns
    -------
    PowerDraws
        ``significant`` all False for ``test="normal"`` (decided by :func:`summarise`).

    Raises
    ------
    ValueError
        For an unknown test or rule, ``tails`` not 1 or 2, ``alpha`` out of range, fewer than 2
        samples, or as :func:`simulate`.
    """
    _check_options(test, samples, alpha, tails, significance, chunk_size)
    true = np.array(list(population.effects.values()), dtype=float)
    test_options = {"alpha": alpha, "tails": tails, "significance": significance, "sign": _directions(true)}
    options = {"scheme": scheme, "max_iter": max_iter, "tol": tol}
    per_batch = _replications_per_batch(test, n, population.correlations.shape[0], samples, chunk_size)
    total = stop - start
    estimates = np.full((total, true.size), np.nan)
    significant = np.zeros((total, true.size), dtype=bool)
    failed = np.zeros(total, dtype=bool)
    for lo in range(start, stop, per_batch):
        hi = min(lo + per_batch, stop)
        rows = slice(lo - start, hi - start)
        data = simulate(population, n, seed=seed, start=lo, stop=hi)
        original, _ = population_values(_sample_correlations(data), population.model, options)
        decided = False
        if test == "bootstrap":
            counts = resample_counts(n, seed, lo * samples, hi * samples, named_stream(f"power bootstrap n={n}"))
            corr = _bootstrap_correlations(data, counts.reshape(hi - lo, samples, n).astype(float))
            boot, _ = population_values(corr, population.model, options)
            decided = power_tests.bootstrap_significance(original, boot.reshape(hi - lo, samples, -1), **test_options)
        bad = ~np.isfinite(original).all(axis=1)
        estimates[rows] = original
        significant[rows] = decided & ~bad[:, None]
        failed[rows] = bad
    return PowerDraws(n, start, list(population.effects), estimates, significant, failed)


def merge(parts: list[PowerDraws]) -> PowerDraws:
    """Concatenate the chunks of one sample size, checking that they tile ``0 .. R-1``.

    Raises
    ------
    ValueError
        If the chunks do not tile (:func:`plssem.bootstrap.check_tiling`) or differ in ``n`` or effects.
    """
    parts = check_tiling(parts, "power")
    first = parts[0]
    if any(p.n != first.n or p.labels != first.labels for p in parts):
        raise ValueError("power chunks to merge must share the sample size and the effects")
    return PowerDraws(first.n, 0, list(first.labels), np.concatenate([p.estimates for p in parts]),
                      np.concatenate([p.significant for p in parts]), np.concatenate([p.failed for p in parts]))


def _by_n(draws: list[PowerDraws]) -> list[PowerDraws]:
    """One merged :class:`PowerDraws` per sample size, by increasing ``n``."""
    groups: dict[int, list[PowerDraws]] = {}
    for part in draws:
        groups.setdefault(part.n, []).append(part)
    return [merge(groups[n]) for n in sorted(groups)]


#: ``Note`` of the minimum-n table: no simulated ``n`` reaches the target / the smallest one already does.
NOT_REACHED, AT_SMALLEST = "not reached", "smallest n simulated"


def _minimum_n(sizes: np.ndarray, power: np.ndarray, target: float) -> tuple[float, str]:
    """The first ``n`` of the grid whose power reaches ``target``, and its ``Note``."""
    reached = sizes[power >= target]
    if not reached.size:
        return np.nan, NOT_REACHED
    return float(reached[0]), AT_SMALLEST if reached[0] == sizes[0] else ""


def summarise(draws: list[PowerDraws], effects: dict[str, float], target: float = 0.8, *, alpha: float = 0.05,
              tails: int = 2, test: str = "bootstrap", stated: dict[str, float] | None = None):
    """The power table and the minimum-n table of a simulation.

    Parameters
    ----------
    draws : list of PowerDraws
        Chunks of one or more sample sizes (merged per ``n``, :func:`merge`), all of the same effects.
    effects : dict of str -> float
        The true effects (:attr:`plssem.population.Population.effects`), keys the draws' labels.
    target : float
        The power wanted (0.8: Cohen 1988).
    alpha : float
    tails : {1, 2}
        The simulation's test: for ``test="normal"``'s decisions and the Kock & Hadaya (2018) columns.
    test : {"bootstrap", "normal"}
        The chunks' test: ``"normal"`` is decided here, on each ``n``'s merged estimates
        (:func:`plssem.power_tests.shift_significance`); ``"bootstrap"`` reads the chunks' decisions.
    stated : dict of str -> float, optional
        The stated effects (:attr:`plssem.population.Population.stated`); NaN when not given.

    Returns
    -------
    power : DataFrame
        One row per effect and ``n`` (effects in model order, ``n`` increasing): ``Effect, n, True value,
        Stated value, Power, MC SE, Replications, Failed``; Power ``P`` is the share of the ``R`` usable
        replications that rejected, ``MC SE = sqrt(P(1 - P)/R)`` (0 at ``P`` of 0 or 1, where the
        binomial error is below ``1/R`` rather than none: a reader should be shown "< 1/R").
    minimum_n : DataFrame
        One row per effect: ``Effect, True value, Stated value, Minimum n`` (the first ``n`` of the grid
        whose estimated power reaches ``target``, without regard to its MC SE), ``Note``
        (:data:`NOT_REACHED`, ``Minimum n`` NaN; :data:`AT_SMALLEST`, the smallest ``n`` simulated
        already reaches it, so the minimum is that ``n`` or fewer; else empty), and Kock & Hadaya's
        ``Inverse square root`` and ``Gamma-exponential`` minimum n (:mod:`plssem.sample_size`) of each
        path's true value at ``alpha``, ``tails`` and power ``target``: NaN for specific indirect
        effects (the methods are for path coefficients), a path of 0 or one with ``|β| >= 1``.

    Raises
    ------
    ValueError
        If the chunks do not tile per ``n`` (:func:`merge`), ``effects`` lacks a label, or ``test`` is unknown.
    """
    import pandas as pd

    if test not in TESTS:
        raise ValueError(f"unknown power test {test!r}; expected one of {TESTS}")
    merged = _by_n(draws)
    labels = merged[0].labels
    missing = [label for label in labels if label not in effects]
    if missing:
        raise ValueError(f"no true value for effect {missing[0]!r}")
    true = np.array([effects[label] for label in labels], dtype=float)
    given = np.array([(stated or {}).get(label, np.nan) for label in labels], dtype=float)
    power = np.empty((len(merged), len(labels)))
    rows = []
    for i, part in enumerate(merged):
        usable = ~part.failed
        count = int(usable.sum())
        significant = part.significant if test == "bootstrap" else power_tests.shift_significance(
            part.estimates, true, alpha=alpha, tails=tails, sign=_directions(true))
        with np.errstate(invalid="ignore", divide="ignore"):
            power[i] = significant[usable].sum(axis=0) / count
            se = np.sqrt(power[i] * (1 - power[i]) / count)
        rows += [{"Effect": label, "n": part.n, "True value": true[j], "Stated value": given[j], "Power": power[i, j],
                  "MC SE": se[j], "Replications": count, "Failed": int(part.failed.sum())}
                 for j, label in enumerate(labels)]
    order = np.argsort(np.repeat(np.arange(len(labels))[None], len(merged), axis=0).ravel(), kind="stable")
    table = pd.DataFrame(rows).iloc[order].reset_index(drop=True)
    sizes = np.array([part.n for part in merged], dtype=float)
    minimum = []
    for j, label in enumerate(labels):
        known = label.count("->") == 1 and 0 < abs(true[j]) < 1
        methods = {name: float(method(true[j], alpha=alpha, power=target, tails=tails)) if known else np.nan
                   for name, method in (("Inverse square root", sample_size.inverse_square_root),
                                        ("Gamma-exponential", sample_size.gamma_exponential))}
        least, note = _minimum_n(sizes, power[:, j], target)
        minimum.append({"Effect": label, "True value": true[j], "Stated value": given[j], "Minimum n": least,
                        "Note": note, **methods})
    return table, pd.DataFrame(minimum)
