"""Model fit: SRMR, d_ULS, d_G, χ² and NFI of the saturated and the estimated model, and the bootstrap test of exact fit.

Both models imply an indicator correlation matrix ``Σ``
(:func:`plssem.quality.implied_indicator_correlations`): the *saturated* model
leaves every construct correlation free (the construct correlations as
estimated), the *estimated* model implies them from the structural model
(:func:`plssem.quality.implied_construct_correlations`); Henseler, Hubona & Ray
(2016), as SmartPLS reports them. With common factors the consistent (PLSc)
loadings and construct correlations are used (Dijkstra & Henseler 2015). Each
statistic compares ``Σ`` with the observed correlations ``S`` (``p`` indicators,
``n`` observations):

* SRMR ``= sqrt(2 d_ULS / (p(p+1)))`` (Hu & Bentler 1998; Henseler et al. 2014);
* d_ULS ``= ½ ‖S - Σ‖²_F`` and d_G ``= ½ Σ_i (log ψ_i)²`` over the eigenvalues ``ψ``
  of ``S⁻¹Σ`` (Dijkstra & Henseler 2015, CSDA 81, eq. 5 and 6);
* χ² ``= (n - 1)(log det Σ + tr(SΣ⁻¹) - log det S - p)``, the ML discrepancy, and
  NFI ``= 1 - χ²/χ²_null`` with ``Σ_null = I`` (Bentler & Bonett 1980).

Every function takes a batch (leading axis ``b``) and is NaN where a matrix is
not positive definite (d_G, χ², NFI) or a sample failed.

The bootstrap test of exact fit (Dijkstra & Henseler 2015; Bollen & Stine 1992)
makes the null hypothesis ``E S = Σ`` hold in the data by transforming the
standardised data ``Z* = Z S^{-1/2} Σ^{1/2}`` (symmetric roots), one transformed
data set per model, and estimates the model on subsamples of it drawn as in
:func:`plssem.bootstrap.bootstrap` (the same count vectors for the same seed,
their sums accumulated by :func:`plssem.moments.resampled_sums` in bounded memory for
any ``n``, so results are byte-identical for any chunk size). HI95 and HI99 are the 95 % and 99 %
quantiles of SRMR, d_ULS and d_G over the subsamples; a value above HI95 rejects
exact fit at the 5 % level.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import consistent, quality, staging
from .algorithm import PLSCore, solve_batched
from .model import Model
from .moments import moments_from_sums, resampled_sums

__all__ = ["STATISTICS", "TESTED", "MODELS", "QUANTILES", "inner_model_saturated", "implied_correlations",
           "symmetric_power", "d_g", "chi_square", "nfi", "fit_indices", "bollen_stine", "FitDraws",
           "exact_fit_draws", "hi_quantiles", "model_fit", "exact_fit_test", "fit_table"]

#: The fit statistics, in SmartPLS's order.
STATISTICS = ("SRMR", "d_ULS", "d_G", "Chi-square", "NFI")
#: The statistics of the bootstrap test of exact fit.
TESTED = ("SRMR", "d_ULS", "d_G")
#: The two models whose fit is reported.
MODELS = ("saturated", "estimated")
#: HI95 and HI99: the quantiles of the bootstrap test.
QUANTILES = {"hi95": 0.95, "hi99": 0.99}


def inner_model_saturated(model: Model) -> bool:
    """Whether the estimated model implies the construct correlations as estimated (the two models coincide).

    True when every pair of constructs is joined by a path, except pairs of
    exogenous constructs (whose correlations are free in both models): then each
    endogenous construct has every construct before it in a topological order
    among its predecessors, and the normal equations reproduce its correlations
    (:func:`plssem.quality.implied_construct_correlations`).
    """
    adjacent = model.path_matrix.astype(bool)
    adjacent = adjacent | adjacent.T
    endo = np.zeros(len(model.constructs), dtype=bool)
    endo[list(model.endogenous)] = True
    needed = endo[:, None] | endo[None, :]
    np.fill_diagonal(needed, False)
    return bool(adjacent[needed].all())


def implied_correlations(core: PLSCore, corr_ind: np.ndarray, model: Model,
                         models: tuple[str, ...] = MODELS) -> dict[str, np.ndarray]:
    """The implied indicator correlations ``Σ`` of the saturated and estimated models, each ``(b, p, p)``.

    Parameters
    ----------
    core : PLSCore
        A batched estimation (PLSc-corrected when the model has common factors).
    corr_ind : ndarray (b, p, p)
        The indicator correlations it was estimated on.
    model : Model
    models : tuple of str
        Which of :data:`MODELS` to build.
    """
    phi = {"saturated": lambda: core.construct_correlations,
           "estimated": lambda: quality.implied_construct_correlations(core.construct_correlations, core.paths,
                                                                       model)}
    return {name: quality.implied_indicator_correlations(corr_ind, core.cross_loadings, phi[name](), model)
            for name in models}


def symmetric_power(matrix: np.ndarray, power: float) -> np.ndarray:
    """``A^power`` of symmetric matrices ``(b, m, m)`` through their eigendecomposition; NaN unless positive definite.

    ``V diag(ψ^power) V'`` with ``A = V diag(ψ) V'`` (``numpy.linalg.eigh``, one
    LAPACK call per matrix, so a matrix's result does not depend on the batch).
    """
    out = np.full(matrix.shape, np.nan)
    finite = np.flatnonzero(np.isfinite(matrix).all(axis=(1, 2)))
    values, vectors = np.linalg.eigh(matrix[finite])
    ok = (values > 0).all(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = vectors * np.where(values > 0, values, np.nan)[:, None, :] ** power
    out[finite[ok]] = np.matmul(scaled[ok], np.swapaxes(vectors[ok], 1, 2))
    return out


def d_g(corr_ind: np.ndarray, implied: np.ndarray) -> np.ndarray:
    """Geodesic distance ``d_G = ½ Σ_i (log ψ_i)²`` over the eigenvalues ``ψ`` of ``S⁻¹Σ``, ``(b,)``.

    Dijkstra & Henseler (2015, CSDA 81, eq. 6). The eigenvalues are those of the
    symmetric ``S^{-1/2} Σ S^{-1/2}``. NaN when ``S`` or ``Σ`` is not positive definite.
    """
    root = symmetric_power(corr_ind, -0.5)
    inner = np.matmul(np.matmul(root, implied), root)
    out = np.full(corr_ind.shape[0], np.nan)
    finite = np.flatnonzero(np.isfinite(inner).all(axis=(1, 2)))
    values = np.linalg.eigvalsh(inner[finite])
    with np.errstate(invalid="ignore", divide="ignore"):
        logs = np.log(np.where(values > 0, values, np.nan))
    out[finite] = 0.5 * np.ascontiguousarray(logs**2).sum(axis=1)
    return out


def _log_det(matrix: np.ndarray) -> np.ndarray:
    """``log det A``, ``(b,)``; NaN unless the determinant is positive."""
    sign, log_det = np.linalg.slogdet(matrix)
    return np.where(sign > 0, log_det, np.nan)


def chi_square(corr_ind: np.ndarray, implied: np.ndarray, n: int) -> np.ndarray:
    """ML discrepancy times ``n - 1``: ``χ² = (n - 1)(log det Σ + tr(SΣ⁻¹) - log det S - p)``, ``(b,)``.

    Jöreskog (1969); as SmartPLS reports it for PLS path models. NaN when ``Σ`` is
    singular or its determinant not positive.
    """
    p = corr_ind.shape[-1]
    inverse, singular = solve_batched(implied, np.broadcast_to(np.eye(p), implied.shape))
    trace = np.ascontiguousarray(corr_ind * np.swapaxes(inverse, 1, 2)).reshape(corr_ind.shape[0], -1).sum(axis=1)
    out = (n - 1) * (_log_det(implied) + trace - _log_det(corr_ind) - p)
    return np.where(singular, np.nan, out)


def nfi(corr_ind: np.ndarray, implied: np.ndarray, n: int) -> np.ndarray:
    """Normed fit index ``NFI = 1 - χ²/χ²_null``, ``(b,)``, with the null model ``Σ = I`` (Bentler & Bonett 1980)."""
    null = chi_square(corr_ind, np.broadcast_to(np.eye(corr_ind.shape[-1]), corr_ind.shape), n)
    return 1 - chi_square(corr_ind, implied, n) / null


def fit_indices(corr_ind: np.ndarray, implied: np.ndarray, n: int | None = None,
                statistics: tuple[str, ...] = STATISTICS) -> dict[str, np.ndarray]:
    """The :data:`STATISTICS` of one model, each ``(b,)``.

    Parameters
    ----------
    corr_ind, implied : ndarray (b, p, p)
        Observed ``S`` and implied ``Σ`` (:func:`implied_correlations`).
    n : int, optional
        Observations; needed for χ² (not for the others).
    statistics : tuple of str
        Which of :data:`STATISTICS` to compute.
    """
    makers = {"SRMR": lambda: quality.srmr(corr_ind, implied), "d_ULS": lambda: quality.d_uls(corr_ind, implied),
              "d_G": lambda: d_g(corr_ind, implied), "Chi-square": lambda: chi_square(corr_ind, implied, n),
              "NFI": lambda: nfi(corr_ind, implied, n)}
    return {name: makers[name]() for name in statistics}


def bollen_stine(standardized: np.ndarray, implied: np.ndarray) -> np.ndarray:
    """Bollen–Stine transformed data ``Z* = Z S^{-1/2} Σ^{1/2}``, ``(n, p)``, whose correlation matrix is ``Σ``.

    Bollen & Stine (1992); Dijkstra & Henseler (2015). ``S = Z'Z / (n - 1)``.

    Parameters
    ----------
    standardized : ndarray (n, p)
        Standardised data ``Z`` (mean 0, SD 1 with the ``n - 1`` divisor).
    implied : ndarray (p, p)
        The model-implied correlations ``Σ``.

    Raises
    ------
    ValueError
        If ``S`` or ``Σ`` is not positive definite (no real symmetric root).
    """
    z = np.asarray(standardized, dtype=float)
    corr = (z.T @ z / (z.shape[0] - 1))[None]
    transform = np.matmul(symmetric_power(corr, -0.5), symmetric_power(implied[None], 0.5))[0]
    if not np.isfinite(transform).all():
        raise ValueError("the Bollen-Stine transformation needs positive definite observed and implied "
                         "indicator correlation matrices")
    return z @ transform


@dataclass
class FitDraws:
    """SRMR, d_ULS and d_G of subsamples ``start .. start + B - 1`` of the bootstrap test of exact fit.

    Attributes
    ----------
    start : int
    values : dict of str -> ndarray (B, 3)
        Per model of :data:`MODELS`, the :data:`TESTED` statistics of each subsample of
        that model's Bollen–Stine data; NaN rows for failed subsamples.
    failed : dict of str -> ndarray (B,) of bool
        Per model: subsamples whose estimation broke down or did not converge.
    untested : dict of str -> str
        Models whose ``Σ`` is not positive definite (no Bollen–Stine data; all values NaN,
        none flagged failed), with the reason.
    """

    start: int
    values: dict[str, np.ndarray]
    failed: dict[str, np.ndarray]
    untested: dict[str, str] = field(default_factory=dict)


def exact_fit_draws(standardized: np.ndarray, model: Model, implied: dict[str, np.ndarray], *, seed: int,
                    start: int = 0, stop: int = 5000, chunk_size: int = 1000, scheme: str = "path",
                    max_iter: int = 300, tol: float = 1e-7) -> FitDraws:
    """Estimate subsamples ``start .. stop - 1`` of the bootstrap test of exact fit.

    Parameters
    ----------
    standardized : ndarray (n, p)
        The full sample's standardised indicators (``model.indicator_names``).
    model : Model
        A model without generated indicators (``staging.needs_staging`` false).
    implied : dict of str -> ndarray (p, p)
        ``Σ`` of each model of the full sample (:func:`implied_correlations`).
    seed : int
        As for :func:`plssem.bootstrap.bootstrap`: the same seed draws the same subsamples.
    start, stop, chunk_size, scheme, max_iter, tol
        As for :func:`plssem.bootstrap.bootstrap`.

    Raises
    ------
    ValueError
        If the arguments are out of range. A model whose ``Σ`` is not positive
        definite is not tested (:attr:`FitDraws.untested`), the other one is.
    """
    if not (0 <= start <= stop) or chunk_size < 1:
        raise ValueError(f"need 0 <= start <= stop and chunk_size >= 1, got {start}, {stop}, {chunk_size}")
    transformed, untested = {}, {}
    for name, sigma in implied.items():
        try:
            transformed[name] = bollen_stine(standardized, sigma)
        except ValueError as error:
            untested[name] = f"the {name} model: {error}"
    values = {name: np.full((stop - start, len(TESTED)), np.nan) for name in implied}
    failed = {name: np.zeros(stop - start, dtype=bool) for name in implied}
    for lo in range(start, stop, chunk_size):
        hi = min(lo + chunk_size, stop)
        # one draw of the subsamples' counts serves every tested model's Bollen–Stine data
        sums = resampled_sums(list(transformed.values()), seed, lo, hi)
        for name, part in zip(transformed, sums):
            corr = moments_from_sums(*part)[2]
            core = consistent.fit(corr, model, scheme=scheme, max_iter=max_iter, tol=tol)
            sigma = implied_correlations(core, corr, model, (name,))[name]
            with np.errstate(invalid="ignore"):
                stats = np.column_stack(list(fit_indices(corr, sigma, statistics=TESTED).values()))
            bad = core.failed | ~core.converged
            stats[bad] = np.nan
            values[name][lo - start:hi - start] = stats
            failed[name][lo - start:hi - start] = bad
    return FitDraws(start, values, failed, untested)


def hi_quantiles(draws: FitDraws) -> dict[str, np.ndarray]:
    """HI95 and HI99 of every model: ``"<model>_hi95"`` -> ``(3,)`` in :data:`TESTED` order.

    ``numpy.quantile`` (linear interpolation) of each statistic over the subsamples
    where it is finite (failed subsamples, and d_G where a subsample's ``Σ`` is not
    positive definite, are left out); NaN when none is.
    """
    out = {}
    for name, values in draws.values.items():
        for label, q in QUANTILES.items():
            out[f"{name}_{label}"] = np.array([np.quantile(col[np.isfinite(col)], q) if np.isfinite(col).any()
                                               else np.nan for col in values.T])
    return out


def model_fit(result) -> pd.DataFrame:
    """The fit indices of an estimated model: index :data:`STATISTICS`, columns :data:`MODELS`.

    Parameters
    ----------
    result : PLSResult
        For a staged model (interaction terms, higher-order constructs) the
        indices are those of the final stage, on its indicators (generated ones
        included).
    """
    corr = result.correlations[None]
    implied = implied_correlations(result.core, corr, result.model)
    columns = {name: [v[0] for v in fit_indices(corr, sigma, result.n).values()] for name, sigma in implied.items()}
    return pd.DataFrame(columns, index=pd.Index(STATISTICS, name="statistic"))


def exact_fit_test(result, standardized: np.ndarray | None = None, *, samples: int, seed: int,
                   chunk_size: int = 1000) -> FitDraws:
    """The bootstrap test of exact fit of an estimated model, subsamples ``0 .. samples - 1``.

    Parameters
    ----------
    result : PLSResult
    standardized : ndarray (n, p), optional
        The standardised observed data (default ``result.observed_data.standardized``).
    samples, seed, chunk_size
        Number of subsamples, the seed (:func:`plssem.bootstrap.resample_counts`), subsamples per batch.

    Raises
    ------
    ValueError
        For a staged model (interaction terms, higher-order constructs): no
        published solution transforms generated indicators, which every subsample
        re-creates from the observed data; and as :func:`exact_fit_draws`.
    """
    if staging.needs_staging(result.model):
        raise ValueError("no published solution for the bootstrap test of exact fit with interaction terms or "
                         "higher-order constructs (their indicators are generated anew in every subsample); "
                         "the fit indices of the final stage are reported without HI95/HI99")
    z = result.observed_data.standardized if standardized is None else np.asarray(standardized, dtype=float)
    implied = {name: sigma[0] for name, sigma in
               implied_correlations(result.core, result.correlations[None], result.model).items()}
    return exact_fit_draws(z, result.model, implied, seed=seed, stop=samples, chunk_size=chunk_size,
                           scheme=result.scheme, max_iter=result.max_iter, tol=result.tol)


def fit_table(result, draws: FitDraws | None = None) -> pd.DataFrame:
    """``results/fit/fit.csv``'s table: statistic, saturated, estimated, then HI95/HI99 of each model.

    HI columns are NaN for χ² and NFI, and everywhere without ``draws`` (staged models).
    """
    table = model_fit(result).reset_index()
    hi = hi_quantiles(draws) if draws is not None else {}
    for name in MODELS:
        for label in QUANTILES:
            column = pd.Series(hi.get(f"{name}_{label}", np.full(len(TESTED), np.nan)), index=TESTED)
            table[f"{name}_{label}"] = column.reindex(STATISTICS).to_numpy()
    return table
