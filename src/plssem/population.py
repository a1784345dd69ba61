"""Population models for Monte Carlo power analysis: indicator correlations and the true effects.

A power simulation draws samples from a population whose indicator correlation
matrix ``Σ`` is known and tests effects whose true values are known. Two ways to
state the population:

* :func:`from_estimates`, the *estimated* model: ``Σ`` is the indicator
  correlation matrix the estimated model implies, as for the SRMR of SmartPLS's
  "estimated model" (:func:`plssem.fit.implied_correlations`): ``σ_ij = λ_i λ_j φ_ac``
  with the outer loadings ``λ`` (PLSc's consistent loadings for common factors) and
  the construct correlations ``φ`` implied by the structural model; within a Mode B
  block the observed correlations (a composite leaves them free; Henseler et al.
  2014; Dijkstra & Henseler 2015). The stated effects are the estimated paths and
  specific indirect effects.
* :func:`from_parameters`, a model *given* (a study being planned): a common-factor
  population ``x_i = λ_i η_c + ε_i`` with unit-variance constructs and indicators,
  ``Σ = Λ Φ Λ' + Θ``, ``Θ = diag(1 - λ_i²)``; exogenous constructs correlate as
  stated, each endogenous construct is ``η_j = Σ_i β_ij η_i + ζ_j`` with
  ``Var ζ_j = 1 - R²_j`` (Bollen 1989, ch. 8), so ``Φ`` follows from the paths as in
  :func:`plssem.quality.implied_construct_correlations`. The stated effects are the
  given paths and their products along each route.

The **true** effects (:attr:`Population.effects`) are what the estimator targets in that
population: the model estimated on ``Σ`` itself (PLS, PLSc for common factors; one
estimation, :func:`population_values`), the probability limit of every replication's
estimate. They differ from the stated ones wherever PLS is not consistent for them: a
composite estimated on a common-factor ``Σ`` gives attenuated paths (Dijkstra & Henseler
2015), and PLS on the SRMR-implied ``Σ`` of a composite model does not give its estimates
back. The stated values are kept in :attr:`Population.stated`.

Models with interaction terms or higher-order constructs (generated indicators,
:mod:`plssem.staging`) are not simulated: their population is not a correlation
matrix of the observed indicators alone.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import effects, fit, quality, statistics
from .bootstrap import estimate_batch
from .model import Model, ModelError, parse_path

__all__ = ["Population", "effect_labels", "population_values", "from_estimates", "from_parameters"]

#: Convergence of the population's own estimation (:func:`population_values`): far below any Monte Carlo error.
POPULATION_OPTIONS = {"max_iter": 1000, "tol": 1e-13}
#: Added to every between-block correlation of ``Σ`` when PLS has no inner proxy on ``Σ`` itself (:func:`_population`).
NUDGE = 1e-9
#: A true effect closer to 0 than this is a zero effect up to the estimation's rounding (3e-17 for a stated 0 under
#: PLSc) or :data:`NUDGE`, and is set to 0, so that its one-tailed direction is the positive one, as for a stated 0.
ZERO = 1e-6


@dataclass(frozen=True)
class Population:
    """A population to simulate from.

    Attributes
    ----------
    model : Model
    correlations : ndarray (p, p)
        Population correlations of ``model.observed_indicators``, positive definite.
    effects : dict of str -> float
        True value of every tested effect, the estimator's value in the population (module
        docstring): each path ``"A -> B"``, then each specific indirect effect ``"A -> M -> B"``
        (labels as :func:`plssem.statistics.labels`).
    stated : dict of str -> float
        The same effects as stated: the given parameters (:func:`from_parameters`) or the
        estimates on the survey (:func:`from_estimates`).
    """

    model: Model
    correlations: np.ndarray
    effects: dict[str, float]
    stated: dict[str, float]


def effect_labels(model: Model) -> list[str]:
    """The tested effects' labels: the ``paths`` family's ``"A -> B"``, then ``specific_indirect``'s routes."""
    families = statistics.labels(model)
    return ([f"{r['source']} -> {r['target']}" for r in families["paths"]]
            + [r["path"] for r in families["specific_indirect"]])


def _check_simulable(model: Model) -> None:
    if model.generated or model.interactions or model.higher_order:
        raise ModelError("power analysis simulates models without interaction terms or higher-order constructs "
                         "(their generated indicators have no population correlation matrix)")


def _positive_definite(sigma: np.ndarray, what: str) -> np.ndarray:
    """``sigma`` if its Cholesky factor exists, else ModelError naming ``what``."""
    try:
        np.linalg.cholesky(sigma)
    except np.linalg.LinAlgError:
        raise ModelError(f"{what}: the implied indicator correlation matrix is not positive definite") from None
    return sigma


def _effects(paths: np.ndarray, model: Model) -> dict[str, float]:
    """``{label: value}`` of the paths and specific indirect effects of a path matrix ``(1, k, k)``."""
    index = {n: j for j, n in enumerate(model.construct_names)}
    direct = [paths[0, index[s], index[t]] for s, t in model.paths]
    indirect = effects.specific_indirect_effects(paths, model.mediated_paths())[0]
    return dict(zip(effect_labels(model), (float(v) for v in [*direct, *indirect])))


def population_values(corr: np.ndarray, model: Model, options: dict) -> tuple[np.ndarray, object]:
    """The tested effects estimated on a stack of indicator correlation matrices, and the core.

    Parameters
    ----------
    corr : ndarray (b, p, p)
        Correlations of ``model.observed_indicators``.
    model : Model
    options : dict
        ``scheme``, ``max_iter``, ``tol`` as for :func:`plssem.estimate`.

    Returns
    -------
    values : ndarray (b, m)
        Paths then specific indirect effects (:func:`effect_labels` order), PLSc for common factors
        (:func:`plssem.bootstrap.estimate_batch`); NaN rows where the estimation failed or did not converge.
    core : PLSCore
    """
    core, _, _, collected = estimate_batch(None, None, 0, model, options, families=("paths", "specific_indirect"),
                                           corr=corr)
    values = np.concatenate([collected["paths"], collected["specific_indirect"]], axis=1)
    values[core.failed | ~core.converged] = np.nan
    return values, core


def _population(model: Model, sigma: np.ndarray, stated: dict[str, float], scheme: str, what: str) -> Population:
    """The population of ``sigma``, its true effects estimated on it (:func:`population_values`).

    A construct whose indicators are uncorrelated with all its neighbours' (a stated zero path from an
    exogenous construct correlated with nothing) has a zero inner proxy on ``Σ`` itself, so PLS has no
    weights for it, although every weighting gives the same effects in the limit (its correlations are
    all 0). The effects are then that limit, estimated on ``Σ`` with :data:`NUDGE` added to every
    between-block correlation (the effects move by about as much; :data:`ZERO` then snaps the zeros).
    """
    sigma = _positive_definite(sigma, what)
    options = {"scheme": scheme, **POPULATION_OPTIONS}
    with np.errstate(invalid="ignore", divide="ignore"):          # a zero inner proxy: NaN weights
        values = population_values(sigma[None], model, options)[0][0]
    if not np.isfinite(values).all():
        owner = model.indicator_construct
        nudged = sigma + NUDGE * (owner[:, None] != owner[None, :])
        values = population_values(nudged[None], model, options)[0][0]
    if not np.isfinite(values).all():
        raise ModelError(f"{what}: the model estimated on the population correlation matrix does not converge "
                         "(PLSc breaks down on it), so the effects have no population value")
    values[np.abs(values) < ZERO] = 0.0
    return Population(model, sigma, dict(zip(stated, (float(v) for v in values))), stated)


def from_estimates(result) -> Population:
    """The estimated model as the population (module docstring).

    Parameters
    ----------
    result : PLSResult
        A model estimated by :func:`plssem.estimate` (PLSc when it has common factors).

    Returns
    -------
    Population
        ``correlations`` the estimated model's implied indicator correlations (those of SRMR's
        "estimated model"), ``effects`` the model estimated on them with ``result.scheme``
        (module docstring), ``stated`` the estimated paths and specific indirect effects.

    Raises
    ------
    ModelError
        For a model with interaction terms or higher-order constructs, if the implied
        matrix is not positive definite, or if the estimation on it does not converge.
    """
    model = result.model
    _check_simulable(model)
    corr = np.asarray(result.correlations, dtype=float)[None]
    sigma = fit.implied_correlations(result.core, corr, model, ("estimated",))["estimated"][0]
    return _population(model, sigma, _effects(result.core.paths, model), result.scheme, "population: estimated")


def _number(value, key: str) -> float:
    """``value`` as a finite float, else ModelError naming ``key``."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        out = float("nan")
    if not np.isfinite(out):
        raise ModelError(f"{key}: expected a finite number, got {value!r}")
    return out


def _path_matrix(model: Model, paths: Mapping[str, float]) -> np.ndarray:
    """The path coefficients ``(k, k)`` of ``power.population.paths``; every path of the model needs one."""
    index = {n: j for j, n in enumerate(model.construct_names)}
    given: dict[tuple[str, str], float] = {}
    for key, value in paths.items():
        where = f"population paths[{key!r}]"
        try:
            pair = parse_path(key)
        except ModelError as err:
            raise ModelError(f"{where}: {err}") from None
        if pair not in model.paths:
            raise ModelError(f"{where}: not a path of the model (its paths: "
                             + ", ".join(f"{s} -> {t}" for s, t in model.paths) + ")")
        given[pair] = _number(value, where)
    matrix = np.zeros((len(index),) * 2)
    for source, target in model.paths:
        if (source, target) not in given:
            raise ModelError(f"population paths: no value for the model's path '{source} -> {target}'")
        matrix[index[source], index[target]] = given[(source, target)]
    return matrix


def _loadings(model: Model, loadings: Mapping[str, float | Mapping[str, float]]) -> np.ndarray:
    """Each indicator's loading ``(p,)`` from ``power.population.loadings``: one per construct or per indicator."""
    unknown = [name for name in loadings if name not in model.construct_names]
    if unknown:
        raise ModelError(f"population loadings[{unknown[0]!r}]: not a construct of the model (its constructs: "
                         + ", ".join(model.construct_names) + ")")
    values = []
    for construct in model.constructs:
        if construct.name not in loadings:
            raise ModelError(f"population loadings: no loading for construct {construct.name!r}")
        given = loadings[construct.name]
        if isinstance(given, Mapping):
            extra = [i for i in given if i not in construct.indicators]
            if extra:
                raise ModelError(f"population loadings[{construct.name!r}][{extra[0]!r}]: not an indicator of "
                                 f"{construct.name!r} (its indicators: {', '.join(construct.indicators)})")
            missing = [i for i in construct.indicators if i not in given]
            if missing:
                raise ModelError(f"population loadings[{construct.name!r}]: no loading for indicator {missing[0]!r}")
            pairs = [(f"population loadings[{construct.name!r}][{i!r}]", given[i]) for i in construct.indicators]
        else:
            pairs = [(f"population loadings[{construct.name!r}]", given)] * len(construct.indicators)
        for key, value in pairs:
            value = _number(value, key)
            if not abs(value) < 1:
                raise ModelError(f"{key}: a standardised loading needs |loading| < 1 (an indicator with error "
                                 f"variance 1 - loading² > 0), got {value}")
            values.append(value)
    return np.array(values)


def _exogenous_correlations(model: Model, correlations: Mapping[str, float] | None) -> np.ndarray:
    """The construct correlations ``(k, k)``: identity, with the given correlations of exogenous constructs."""
    k = len(model.constructs)
    phi = np.eye(k)
    endogenous = set(model.endogenous)
    seen: set[frozenset] = set()
    for key, value in (correlations or {}).items():
        where = f"population correlations[{key!r}]"
        ends = [part.strip() for part in str(key).split("<->")]
        if len(ends) != 2 or not all(ends) or ends[0] == ends[1]:
            raise ModelError(f"{where}: expected 'A <-> B' for two different constructs")
        for end in ends:
            if end not in model.construct_names:
                raise ModelError(f"{where}: unknown construct {end!r}")
            if model.index(end) in endogenous:
                raise ModelError(f"{where}: {end!r} is endogenous; only exogenous constructs correlate freely "
                                 "(an endogenous construct's correlations follow from the paths)")
        if frozenset(ends) in seen:
            raise ModelError(f"{where}: the pair is given twice")
        seen.add(frozenset(ends))
        value = _number(value, where)
        if not abs(value) < 1:
            raise ModelError(f"{where}: a correlation needs |r| < 1, got {value}")
        a, b = model.index(ends[0]), model.index(ends[1])
        phi[a, b] = phi[b, a] = value
    return phi


def from_parameters(model: Model, paths: Mapping[str, float], loadings: Mapping[str, float | Mapping[str, float]],
                    correlations: Mapping[str, float] | None = None, *, scheme: str = "path") -> Population:
    """A common-factor population given by its parameters (module docstring).

    Parameters
    ----------
    model : Model
    paths : mapping of str -> float
        ``"A -> B"``: the standardised path coefficient, one for every path of the model.
    loadings : mapping of str -> float or mapping of str -> float
        Per construct, one loading for all its indicators or ``{indicator: loading}`` for each;
        ``|loading| < 1``.
    correlations : mapping of str -> float, optional
        ``"A <-> B"``: the correlation of two exogenous constructs (default 0).
    scheme : {"path", "centroid", "factorial"}
        The inner weighting scheme the replications are estimated with.

    Returns
    -------
    Population
        ``Σ = ΛΦΛ' + Θ`` (unit diagonal); ``effects`` the model (PLS, PLSc for common factors) estimated
        on ``Σ``, ``stated`` the given paths and their products along each route.

    Raises
    ------
    ModelError
        Naming the key (``population paths[...]``, ``loadings[...]``, ``correlations[...]``): an unknown or
        missing path, construct or indicator, ``|loading| >= 1``, ``|r| >= 1``, an endogenous construct's
        ``R² >= 1``, or construct or indicator correlations that are not positive definite; also for a
        model with interaction terms or higher-order constructs, or if the estimation on ``Σ`` does not converge.
    """
    _check_simulable(model)
    beta = _path_matrix(model, paths)
    lam = _loadings(model, loadings)
    phi = _exogenous_correlations(model, correlations)
    try:
        np.linalg.cholesky(phi)
    except np.linalg.LinAlgError:
        raise ModelError("population correlations: the exogenous constructs' correlation matrix is not "
                         "positive definite") from None
    phi = quality.implied_construct_correlations(phi[None], beta[None], model)[0]
    for j in model.endogenous:
        pred = model.predecessors(j)
        r2 = float(beta[pred, j] @ phi[pred, j])
        if not r2 < 1:
            name = model.construct_names[j]
            raise ModelError(f"population paths into {name!r}: R² = {r2:.4g} >= 1 (the paths would explain more "
                             f"than the whole variance of {name!r}); make them smaller")
    owner = model.indicator_construct
    sigma = lam[:, None] * lam[None, :] * phi[owner[:, None], owner]
    np.fill_diagonal(sigma, 1.0)
    return _population(model, sigma, _effects(beta[None], model), scheme, "population")
