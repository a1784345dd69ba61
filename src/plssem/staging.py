"""Staged estimation of models with generated indicators, batched over (sub)samples.

A model with interaction terms or two-stage higher-order constructs
(:mod:`plssem.specification`) has indicators that are not data columns: products of
standardised indicators, first-stage construct scores, or products of two scores.
They depend on the sample, so every bootstrap subsample makes its own. A subsample
is a count vector ``c`` over the ``n`` rows of the full sample (see
:mod:`plssem.bootstrap`); for each subsample this module

1. estimates the first-stage model on the subsample's indicator correlations,
2. standardises the indicators within the subsample (weights ``c``, divisor ``N - 1``
   with ``N = Σ c``, as a re-standardised resample) and makes the generated columns
   ``G`` for all ``n`` rows, shape ``(b, n, g)``,
3. forms the covariances of ``[Z, G]`` under the weights ``c`` (orthogonalising the
   product indicators of ``method="orthogonal"`` on the iv's and moderator's
   indicators: Little et al. 2006), turns them into correlations, and
4. estimates the final model on them.

Every step is a stacked ``matmul`` or an axis sum whose result for one subsample
does not depend on the others in the batch, so a subsample's estimates are
byte-identical for any chunking. Memory: ``(b, n, g)`` for the generated columns and
``(b, n, k₁)`` for the first-stage scores.

The interaction term's scale (``standardize=False``, seminr's convention): the path of
the term is divided (by :func:`unstandardize_terms`) by ``s = Σ|λ_i| sd(q_i) / Σ|λ_i|`` with ``q_i`` the term's
unstandardised generated indicators and ``λ_i`` their loadings (Henseler & Chin 2010;
seminr's ``adjust_interaction``). ``s`` is returned for every term either way: the
coefficient per unit of the unstandardised product is the standardised coefficient
over ``s``.
"""
from __future__ import annotations

import numpy as np

from .algorithm import PLSCore, fit_correlations, solve_batched
from .model import Model

__all__ = ["needs_staging", "column_positions", "fit_staged", "unstandardize_terms"]


def needs_staging(model: Model) -> bool:
    """Whether the model's indicator correlations are not simply the data's (generated or repeated indicators)."""
    return bool(model.generated) or model.observed_indicators != model.indicator_names


def column_positions(model: Model) -> tuple[np.ndarray, np.ndarray | None]:
    """Positions of the final model's indicators in ``[observed, generated]``, and of the first stage's in observed.

    Returns
    -------
    final : ndarray (p,) of int
    first : ndarray (p₁,) of int or None
    """
    observed = {name: i for i, name in enumerate(model.observed_indicators)}
    made = {g.name: len(observed) + i for i, g in enumerate(model.generated)}
    final = np.array([made.get(name, observed.get(name)) for name in model.indicator_names], dtype=int)
    first = None
    if model.first_stage is not None:
        first = np.array([observed[name] for name in model.first_stage.indicator_names], dtype=int)
    return final, first


def _subsample_moments(z: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Total weight ``N`` (b,), weighted means (b, p) and SDs with divisor ``N - 1`` (b, p)."""
    total = counts.sum(axis=1, dtype=float)
    weights = counts.astype(float)[:, None, :]
    mean = np.matmul(weights, np.broadcast_to(z, (counts.shape[0],) + z.shape))[:, 0, :] / total[:, None]
    second = np.matmul(weights, np.broadcast_to(z * z, (counts.shape[0],) + z.shape))[:, 0, :]
    var = (second - total[:, None] * mean * mean) / (total[:, None] - 1)
    with np.errstate(invalid="ignore"):
        return total, mean, np.sqrt(np.where(var > 0, var, np.nan))


def _generated_columns(z, mean, sd, scores, model: Model, term_scores=None) -> np.ndarray:
    """The generated indicators of every subsample, ``(b, n, g)``.

    ``scores`` are the first stage's (``b, n, k₁``); ``term_scores`` the main-effects model's, when the
    model has one (:attr:`Model.main_effects`), for the products of two scores.
    """
    observed = {name: i for i, name in enumerate(model.observed_indicators)}
    first = {name: j for j, name in enumerate(model.first_stage.construct_names)} if scores is not None else {}
    if model.main_effects is not None:
        terms = {name: j for j, name in enumerate(model.main_effects.construct_names)}
    else:
        term_scores, terms = scores, first

    def item(name):
        i = observed[name]
        return (z[None, :, i] - mean[:, i, None]) / sd[:, i, None]

    columns = []
    for g in model.generated:
        if g.kind == "score":
            columns.append(scores[:, :, first[g.sources[0]]])
        elif g.kind == "score_product":
            columns.append(term_scores[:, :, terms[g.sources[0]]] * term_scores[:, :, terms[g.sources[1]]])
        else:
            columns.append(item(g.sources[0]) * item(g.sources[1]))
    return np.stack(columns, axis=2)


def _covariances(z, counts, total, mean, sd, corr_obs, generated) -> np.ndarray:
    """Covariances of ``[Z_s, G]`` under the subsample weights (divisor ``N - 1``), ``(b, p + g, p + g)``.

    ``Z_s`` is the subsample-standardised data, so its block is ``corr_obs``.
    """
    b, p = mean.shape
    g = generated.shape[2]
    weighted = counts.astype(float)[:, :, None] * generated                       # (b, n, g)
    sums = weighted.sum(axis=1)                                                  # (b, g)
    cross = (np.matmul(np.broadcast_to(z.T, (b,) + z.T.shape), weighted)
             - mean[:, :, None] * sums[:, None, :]) / sd[:, :, None]             # Σ c z_s G, (b, p, g)
    gg = np.matmul(np.swapaxes(generated, 1, 2), weighted) - sums[:, :, None] * sums[:, None, :] / total[:, None, None]
    cov = np.empty((b, p + g, p + g))
    scale = (total - 1)[:, None, None]
    cov[:, :p, :p] = corr_obs
    cov[:, :p, p:] = cross / scale
    cov[:, p:, :p] = np.swapaxes(cov[:, :p, p:], 1, 2)
    cov[:, p:, p:] = gg / scale
    return cov


def _orthogonalise(cov: np.ndarray, model: Model) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Replace the product indicators of ``method="orthogonal"`` terms by their residuals, in place.

    Residual ``e = q - X β`` with ``β = C_XX⁻¹ C_Xq`` on the iv's and moderator's
    indicators ``X``: the rows and columns of ``q`` are transformed as ``L C L'``.
    Returns ``(regressors, products, β)`` per orthogonal term (positions in ``[observed, generated]``).
    """
    observed = {name: i for i, name in enumerate(model.observed_indicators)}
    offset = len(observed)
    made = {g.name: offset + i for i, g in enumerate(model.generated)}
    blocks = {c.name: c.indicators for c in model.constructs}
    done = []
    for term in model.interactions:
        if term.method != "orthogonal":
            continue
        regressors = np.array(sorted({observed[i] for c in (term.iv, term.moderator) for i in blocks[c]}))
        products = np.array([made[name] for name in blocks[term.name]])
        beta, _ = solve_batched(cov[:, regressors[:, None], regressors], cov[:, regressors[:, None], products])
        cov[:, products, :] -= np.matmul(np.swapaxes(beta, 1, 2), cov[:, regressors, :])
        cov[:, :, products] -= np.matmul(cov[:, :, regressors], beta)
        done.append((regressors, products, beta))
    return done


def _term_sd(core: PLSCore, sd_generated: np.ndarray, model: Model, final: np.ndarray) -> np.ndarray:
    """Each term's unstandardised SD ``Σ|λ_i| sd_i / Σ|λ_i|`` (Henseler & Chin 2010), ``(b, t)``."""
    index = {name: j for j, name in enumerate(model.construct_names)}
    out = np.empty((core.weights.shape[0], len(model.interactions)))
    offset = len(model.observed_indicators)
    for t, term in enumerate(model.interactions):
        j = index[term.name]
        block = model.blocks[j]
        loading = np.abs(core.cross_loadings[:, block, j])
        out[:, t] = (loading * sd_generated[:, final[block] - offset]).sum(axis=1) / loading.sum(axis=1)
    return out


def _main_effects_scores(z, counts, total, mean, sd, corr_obs, scores, model: Model,
                         options: dict) -> tuple[np.ndarray, np.ndarray]:
    """Scores ``(b, n, k)`` of the main-effects model (its generated indicators: first-stage scores), and
    the samples whose estimation failed or did not converge."""
    generated = _generated_columns(z, mean, sd, scores, model)
    cov = _covariances(z, counts, total, mean, sd, corr_obs, generated)
    spread = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    final, _ = column_positions(model)
    fit = fit_correlations(_select(cov / (spread[:, :, None] * spread[:, None, :]), final), model, **options)
    centre = np.matmul(counts.astype(float)[:, None, :], generated)[:, 0, :] / total[:, None]
    data = np.concatenate([(z[None] - mean[:, None, :]) / sd[:, None, :],
                           (generated - centre[:, None, :]) / spread[:, None, mean.shape[1]:]], axis=2)
    return np.matmul(data[:, :, final], fit.weights), fit.failed | ~fit.converged


def _select(corr: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Rows and columns ``positions`` of a stack of matrices (no copy when they are all, in order)."""
    if positions.size == corr.shape[1] and np.array_equal(positions, np.arange(positions.size)):
        return corr
    return corr[:, positions[:, None], positions]


def fit_staged(z: np.ndarray, counts: np.ndarray, corr_obs: np.ndarray, model: Model,
               options: dict, *, with_data: bool = False) -> tuple:
    """Estimate a model with generated indicators on a batch of weighted samples.

    Parameters
    ----------
    z : ndarray (n, p_o)
        The full sample's observed indicators (``model.observed_indicators``), standardised.
    counts : ndarray (b, n)
        How often each row is drawn in each sample (all ones for the original sample).
    corr_obs : ndarray (b, p_o, p_o)
        The observed indicators' correlations in each sample (:func:`plssem.bootstrap.weighted_correlations`).
    model : Model
    options : dict
        ``scheme``, ``max_iter`` and ``tol`` of :func:`plssem.algorithm.fit_correlations`.

    Returns
    -------
    core : PLSCore
        The final model's estimates; a sample whose first stage failed or did not converge is failed.
        Paths are standardised; :func:`unstandardize_terms` applies ``standardize=False``.
    corr : ndarray (b, p, p)
        Correlations of the final model's indicators.
    term_sd : ndarray (b, t)
        Unstandardised SD of each interaction term (order of ``model.interactions``).
    data : ndarray (n, p)
        Only with ``with_data`` (one sample, ``b = 1``): the final model's indicators, standardised.
    """
    final, first = column_positions(model)
    total, mean, sd = _subsample_moments(z, counts)
    scores = None
    first_failed = np.zeros(counts.shape[0], dtype=bool)
    if first is not None:
        stage1 = fit_correlations(_select(corr_obs, first), model.first_stage, **options)
        first_failed = stage1.failed | ~stage1.converged
        # scores of the subsample-standardised data: Z_s W = Z (W / sd) - (mean / sd) W
        scaled = stage1.weights / sd[:, first, None]
        offsets = np.matmul((mean[:, first] / sd[:, first])[:, None, :], stage1.weights)   # (b, 1, k1)
        scores = np.matmul(np.broadcast_to(z[:, first], (counts.shape[0],) + z[:, first].shape), scaled) - offsets
    term_scores = None
    if model.main_effects is not None:
        term_scores, failed = _main_effects_scores(z, counts, total, mean, sd, corr_obs, scores, model.main_effects,
                                                   options)
        first_failed |= failed
    if model.generated:
        generated = _generated_columns(z, mean, sd, scores, model, term_scores)
        cov = _covariances(z, counts, total, mean, sd, corr_obs, generated)
        residualised = _orthogonalise(cov, model)
        with np.errstate(invalid="ignore", divide="ignore"):
            sd_all = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
            corr = cov / (sd_all[:, :, None] * sd_all[:, None, :])
    else:                      # repeated indicators only: the observed correlations, rows and columns repeated
        generated, residualised = np.empty(counts.shape + (0,)), []
        corr, sd_all = corr_obs, np.ones(corr_obs.shape[:2])
    corr = _select(corr, final)
    core = fit_correlations(corr, model, **options)
    core.failed |= first_failed
    term_sd = _term_sd(core, sd_all[:, len(model.observed_indicators):], model, final)
    for arr in (core.weights, core.cross_loadings, core.construct_correlations, core.paths, core.r2, term_sd):
        arr[core.failed] = np.nan
    if not with_data:
        return core, corr, term_sd
    data = np.concatenate([(z - mean[0]) / sd[0], generated[0]], axis=1)
    for regressors, products, beta in residualised:
        data[:, products] -= data[:, regressors] @ beta[0]
    data = (data - data.mean(axis=0)) / sd_all[0]
    return core, corr, term_sd, data[:, final]


def unstandardize_terms(core: PLSCore, term_sd: np.ndarray, model: Model) -> None:
    """Divide the paths of the terms with ``standardize=False`` by the term's SD, in place (seminr's scale).

    Called last (after any sign change, which re-estimates the paths).
    """
    index = {name: j for j, name in enumerate(model.construct_names)}
    for t, term in enumerate(model.interactions):
        if not term.standardize:
            core.paths[:, index[term.name], :] /= term_sd[:, t, None]
