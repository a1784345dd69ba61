"""Monte Carlo power: simulate samples from a population, estimate and test every effect, count rejections.

Replication ``r`` at sample size ``n`` (Muthén & Muthén 2002, "How to use a Monte
Carlo study to decide on sample size and determine power"):

1. **Data.** ``n`` rows of ``N(0, Σ)``, ``Σ`` the population's indicator correlations:
   standard normals ``e`` times the Cholesky factor, ``x = e L'``. The normals are
   ``Φ⁻¹`` of the uniforms of draw ``r`` of the Philox stream
   :func:`plssem.bootstrap.named_stream` ``("power n=<n>")`` (:func:`plssem.bootstrap.stream_uniforms`,
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
   * ``test="normal"``: the classical OLS standard error of each standardised path on the
     construct scores' correlations, ``SE(β_i) = sqrt((1 - R²)/(n - k - 1) · [R_PP⁻¹]_ii)``
     (``k`` predictors), p from Student's t with ``n - k - 1`` degrees of freedom; the
     specific indirect effect ``Π β`` has the delta-method (Sobel 1982) SE
     ``sqrt(Σ_i (Π_{j≠i} β_j)² SE_i²)`` and a normal p. Its interval is symmetric, so
     ``interval`` and ``p_value`` decide alike.

A replication whose estimation fails or does not converge is counted in ``failed`` and left
out of the power. Power ``P`` is the share of usable replications that reject, with the Monte
Carlo SE ``sqrt(P(1 - P)/R)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import sample_size
from .algorithm import solve_batched
from .bootstrap import check_seed, check_tiling, estimate_batch, moments_from_sums, named_stream, resample_counts, \
    stream_uniforms
from .population import Population

__all__ = ["TESTS", "SIGNIFICANCE", "PowerDraws", "normal_scores", "simulate", "power_chunk", "merge", "summarise"]

TESTS = ("bootstrap", "normal")
SIGNIFICANCE = ("p_value", "interval")
#: Half of the spacing of :func:`plssem.bootstrap.stream_uniforms`' numbers, 2⁻⁵⁴.
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
        Whether the test rejected zero (False for failed replications).
    failed : ndarray (R,) of bool
        Estimation failed or did not converge: excluded from the power, counted.
    true_values : ndarray (m,), optional
        The population's effects (for :func:`summarise`).
    alpha : float
    tails : {1, 2}
        The test's level and tails (for :func:`summarise`'s Kock & Hadaya columns).
    """

    n: int
    start: int
    labels: list[str]
    estimates: np.ndarray
    significant: np.ndarray
    failed: np.ndarray
    true_values: np.ndarray | None = None
    alpha: float = 0.05
    tails: int = 2

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
    factor = np.linalg.cholesky(population.correlations)
    return np.matmul(normal_scores(uniform).reshape(stop - start, n, p), factor.T)


def _sample_correlations(data: np.ndarray) -> np.ndarray:
    """Each replication's correlation matrix ``(R, p, p)`` from stacked per-replication products."""
    r, n, _ = data.shape
    first = np.matmul(np.ones((r, 1, n)), data)[:, 0]
    second = np.matmul(np.swapaxes(data, 1, 2), data)
    return moments_from_sums(np.full(r, float(n)), first, second)[2]


def _bootstrap_correlations(data: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Correlations ``(R·B, p, p)`` of every replication's subsamples; ``counts`` ``(R, B, n)``."""
    r, n, p = data.shape
    products = (data[:, :, :, None] * data[:, :, None, :]).reshape(r, n, p * p)
    first = np.matmul(counts, data).reshape(-1, p)
    second = np.matmul(counts, products).reshape(-1, p, p)
    return moments_from_sums(counts.sum(axis=2).reshape(-1), first, second)[2]


def _estimate(corr: np.ndarray, population: Population, options: dict) -> tuple[np.ndarray, object]:
    """The effects ``(b, m)`` of a stack of correlation matrices (NaN rows where estimation failed), and the core."""
    core, _, _, collected = estimate_batch(None, None, 0, population.model, options,
                                           families=("paths", "specific_indirect"), corr=corr)
    values = np.concatenate([collected["paths"], collected["specific_indirect"]], axis=1)
    values[core.failed | ~core.converged] = np.nan
    return values, core


def _quantiles(draws: np.ndarray, valid: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """Type-7 quantiles (``numpy.quantile``'s default, its interpolation formula) of the valid draws, ``(2, R, m)``.

    ``draws`` ``(R, B, m)`` with invalid rows NaN; ``valid`` ``(R, B)``.
    """
    ordered = np.sort(draws, axis=1)                          # NaN last
    count = valid.sum(axis=1)                                 # (R,)
    out = np.full((2,) + ordered.shape[::2], np.nan)
    for i, q in enumerate(levels):
        h = (count - 1) * q
        lo = np.floor(h).astype(int)
        hi = np.minimum(lo + 1, count - 1)
        t = (h - lo)[:, None]
        a = np.take_along_axis(ordered, np.maximum(lo, 0)[:, None, None], axis=1)[:, 0]
        b = np.take_along_axis(ordered, np.maximum(hi, 0)[:, None, None], axis=1)[:, 0]
        diff = b - a
        value = np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)
        out[i] = np.where((count > 0)[:, None], value, np.nan)
    return out


def _decide(p: np.ndarray, low: np.ndarray, high: np.ndarray, sign: np.ndarray, alpha: float, tails: int,
            significance: str) -> np.ndarray:
    """The pipeline's rule (:func:`plssem_pipeline.analysis.decision.is_significant`), vectorised; NaN: not significant."""
    with np.errstate(invalid="ignore"):
        if significance == "p_value":
            return p < alpha
        if tails == 1:
            return sign * np.where(sign > 0, low, high) > 0
        return (low > 0) | (high < 0)


def _t_p(t: np.ndarray, df, sign: np.ndarray, tails: int) -> np.ndarray:
    """p of a t statistic: two-tailed, or one-tailed in the direction ``sign``."""
    from scipy import stats

    return 2 * stats.t.sf(np.abs(t), df) if tails == 2 else stats.t.sf(sign * t, df)


def _bootstrap_batch(data, original, population, n, seed, lo, hi, samples, options, test_options):
    """Significance ``(R, m)`` of a batch of replications by their bootstraps (module docstring)."""
    counts = resample_counts(n, seed, lo * samples, hi * samples, named_stream(f"power bootstrap n={n}"))
    boot, _ = _estimate(_bootstrap_correlations(data, counts.reshape(hi - lo, samples, n).astype(float)),
                        population, options)
    draws = boot.reshape(hi - lo, samples, -1)
    valid = np.isfinite(draws).all(axis=2)
    draws[~valid] = np.nan
    count = valid.sum(axis=1)
    kept = np.where(valid[:, :, None], draws, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = kept.sum(axis=1) / count[:, None]
        sd = np.sqrt(np.where(valid[:, :, None], (draws - mean[:, None]) ** 2, 0.0).sum(axis=1)
                     / (count[:, None] - 1))
        t = np.where(sd > 0, original / sd, np.nan)
    alpha, tails, sign = test_options["alpha"], test_options["tails"], test_options["sign"]
    p = _t_p(t, np.maximum(count - 1, 1)[:, None], sign, tails)
    width = alpha / 2 if tails == 2 else alpha
    low, high = _quantiles(draws, valid, (width, 1 - width))
    return _decide(p, low, high, sign, alpha, tails, test_options["significance"])


def _normal_batch(core, original, population, n, test_options):
    """Significance ``(R, m)`` by the OLS SEs of the paths and the delta-method SEs of the indirect effects."""
    from scipy import stats

    model = population.model
    corr = core.construct_correlations
    index = {name: j for j, name in enumerate(model.construct_names)}
    se = np.zeros(corr.shape)
    df = np.zeros(corr.shape[1:])
    for j in model.endogenous:
        pred = model.predecessors(j)
        block = corr[:, pred[:, None], pred]
        inverse, _ = solve_batched(block, np.broadcast_to(np.eye(pred.size), block.shape))
        df[pred, j] = n - pred.size - 1
        with np.errstate(invalid="ignore"):
            se[:, pred, j] = np.sqrt((1 - core.r2[:, j])[:, None] / df[pred, j]
                                     * np.diagonal(inverse, axis1=1, axis2=2))
    src = np.array([index[s] for s, _ in model.paths])
    tgt = np.array([index[t] for _, t in model.paths])
    alpha, tails, sign = test_options["alpha"], test_options["tails"], test_options["sign"]
    m_paths = src.size
    with np.errstate(invalid="ignore", divide="ignore"):
        t_paths = original[:, :m_paths] / se[:, src, tgt]
        p_paths = _t_p(t_paths, df[src, tgt], sign[:m_paths], tails)
        variance = np.zeros(original[:, m_paths:].shape)
        for r, route in enumerate(model.mediated_paths()):
            edges = list(zip(route[:-1], route[1:]))
            for e, (a, b) in enumerate(edges):
                others = np.prod([core.paths[:, c, d] for f, (c, d) in enumerate(edges) if f != e], axis=0)
                variance[:, r] += (others * se[:, a, b]) ** 2
        z = original[:, m_paths:] / np.sqrt(variance)
        s = sign[m_paths:]
        p_indirect = 2 * stats.norm.sf(np.abs(z)) if tails == 2 else stats.norm.sf(s * z)
    p = np.concatenate([p_paths, p_indirect], axis=1)
    return _decide(p, np.nan, np.nan, sign, alpha, tails, "p_value")


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
        Estimations per batch (a replication costs ``samples + 1``); bounds the working memory.

    Returns
    -------
    PowerDraws

    Raises
    ------
    ValueError
        For an unknown test or rule, ``tails`` not 1 or 2, ``alpha`` out of range, fewer than 2
        samples, or as :func:`simulate`.
    """
    _check_options(test, samples, alpha, tails, significance, chunk_size)
    true = np.array(list(population.effects.values()), dtype=float)
    test_options = {"alpha": alpha, "tails": tails, "significance": significance,
                    "sign": np.where(true < 0, -1.0, 1.0)}
    options = {"scheme": scheme, "max_iter": max_iter, "tol": tol}
    per_batch = max(1, chunk_size // (samples + 1)) if test == "bootstrap" else chunk_size
    total = stop - start
    estimates = np.full((total, true.size), np.nan)
    significant = np.zeros((total, true.size), dtype=bool)
    failed = np.zeros(total, dtype=bool)
    for lo in range(start, stop, per_batch):
        hi = min(lo + per_batch, stop)
        rows = slice(lo - start, hi - start)
        data = simulate(population, n, seed=seed, start=lo, stop=hi)
        original, core = _estimate(_sample_correlations(data), population, options)
        if test == "bootstrap":
            decided = _bootstrap_batch(data, original, population, n, seed, lo, hi, samples, options, test_options)
        else:
            decided = _normal_batch(core, original, population, n, test_options)
        bad = ~np.isfinite(original).all(axis=1)
        estimates[rows] = original
        significant[rows] = decided & ~bad[:, None]
        failed[rows] = bad
    return PowerDraws(n, start, list(population.effects), estimates, significant, failed, true, alpha, tails)


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
                      np.concatenate([p.significant for p in parts]), np.concatenate([p.failed for p in parts]),
                      first.true_values, first.alpha, first.tails)


def _by_n(draws: list[PowerDraws]) -> list[PowerDraws]:
    """One merged :class:`PowerDraws` per sample size, by increasing ``n``."""
    groups: dict[int, list[PowerDraws]] = {}
    for part in draws:
        groups.setdefault(part.n, []).append(part)
    return [merge(groups[n]) for n in sorted(groups)]


def summarise(draws: list[PowerDraws], target: float = 0.8):
    """The power table and the minimum-n table of a simulation.

    Parameters
    ----------
    draws : list of PowerDraws
        Chunks of one or more sample sizes (merged per ``n``).
    target : float
        The power wanted (0.8: Cohen 1988).

    Returns
    -------
    power : DataFrame
        One row per effect and ``n`` (effects in model order, ``n`` increasing): ``Effect, n, True value,
        Power, MC SE, Replications, Failed``; Power ``P`` is the share of usable replications that
        rejected, ``MC SE = sqrt(P(1 - P)/R)`` over the ``R`` usable replications.
    minimum_n : DataFrame
        One row per effect: ``Effect, True value, Minimum n`` (the smallest simulated ``n`` whose power
        reaches ``target``; NaN if none), ``Note`` ("not reached" then, else empty), and Kock & Hadaya's
        (2018) ``Inverse square root`` and ``Gamma-exponential`` minimum n at the simulation's alpha and
        tails and power ``target`` (NaN for a zero effect).
    """
    import pandas as pd

    merged = _by_n(draws)
    labels = merged[0].labels
    true = merged[0].true_values if merged[0].true_values is not None else np.full(len(labels), np.nan)
    rows = []
    for part in merged:
        usable = ~part.failed
        count = int(usable.sum())
        with np.errstate(invalid="ignore", divide="ignore"):
            power = part.significant[usable].sum(axis=0) / count
            se = np.sqrt(power * (1 - power) / count)
        rows += [{"Effect": label, "n": part.n, "True value": true[j], "Power": power[j], "MC SE": se[j],
                  "Replications": count, "Failed": int(part.failed.sum())} for j, label in enumerate(labels)]
    table = pd.DataFrame(rows).sort_values(["Effect", "n"], key=lambda c: c.map(labels.index) if c.name == "Effect"
                                           else c, kind="stable").reset_index(drop=True)
    minimum = []
    alpha, tails = merged[0].alpha, merged[0].tails
    for j, label in enumerate(labels):
        reached = [part.n for part in merged if table.loc[(table["Effect"] == label) & (table["n"] == part.n),
                                                          "Power"].iloc[0] >= target]
        known = np.isfinite(true[j]) and true[j] != 0
        minimum.append({
            "Effect": label, "True value": true[j], "Minimum n": float(reached[0]) if reached else np.nan,
            "Note": "" if reached else "not reached",
            "Inverse square root": float(sample_size.inverse_square_root(true[j], alpha=alpha, power=target,
                                                                         tails=tails)) if known else np.nan,
            "Gamma-exponential": float(sample_size.gamma_exponential(true[j], alpha=alpha, power=target,
                                                                     tails=tails)) if known else np.nan,
        })
    return table, pd.DataFrame(minimum)
