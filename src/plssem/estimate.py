"""Estimate a PLS path model from a data frame: the researcher's entry point.

>>> from plssem import Model, estimate                                     # doctest: +SKIP
>>> model = Model.from_spec({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, ["X -> Y"])
>>> result = estimate(survey, model)                                       # doctest: +SKIP
>>> result.paths                                                           # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import consistent, effects, fit, quality, staging
from .algorithm import PLSCore, fit_correlations
from .model import Model, ModelError
from .prepared import MISSING_TREATMENTS, PreparedData, prepare
from .statistics import reachable_pairs

__all__ = ["MISSING_TREATMENTS", "PreparedData", "PLSResult", "prepare", "estimate"]

@dataclass
class PLSResult:
    """A PLS path model estimated on one sample.

    The arrays of the batched algorithm are kept in :attr:`core` (batch size 1);
    the properties present them as labelled pandas objects. When the model has
    common-factor constructs, :attr:`core` holds the consistent (PLSc) estimates
    (:func:`plssem.consistent.correct`) and every property reads them: loadings,
    construct correlations, paths, R², effects, f², inner VIF, SRMR, and ρ_C, AVE
    and Fornell–Larcker from the consistent loadings and correlations (Dijkstra &
    Henseler 2015). Weights, scores, cross-loadings, ρ_A, α and HTMT are those of
    PLS (HTMT and α use the indicator correlations only).

    Attributes
    ----------
    model : Model
    data : PreparedData
    core : PLSCore
    scheme : str
    max_iter : int
    tol : float
    pls : PLSCore or None
        The PLS estimates before the PLSc correction (None: same as ``core``).
    admissibility : Admissibility or None
        PLSc's inadmissibility flags (None when no construct is a common factor).
    observed : PreparedData or None
        The data columns read (``model.observed_indicators``) when the model has generated or
        repeated indicators (:mod:`plssem.staging`); :attr:`data` then holds the final model's
        indicators, generated ones included. None: the same as :attr:`data`.
    first_stage : PLSResult or None
        The first-stage model's estimates (the lower-order constructs' measurement model).
    term_sd : pandas.Series or None
        Each interaction term's unstandardised SD (Henseler & Chin 2010), indexed by term.
    """

    model: Model
    data: PreparedData
    core: PLSCore
    scheme: str
    max_iter: int
    tol: float
    pls: PLSCore | None = None
    admissibility: consistent.Admissibility | None = None
    observed: PreparedData | None = None
    first_stage: "PLSResult | None" = None
    term_sd: pd.Series | None = None

    @property
    def observed_data(self) -> PreparedData:
        """The prepared data columns the model reads (what :func:`plssem.bootstrap` takes)."""
        return self.observed if self.observed is not None else self.data

    # ----------------------------------------------------------- helpers
    def _square(self, values: np.ndarray) -> pd.DataFrame:
        names = list(self.model.construct_names)
        return pd.DataFrame(values, index=pd.Index(names, name="construct"), columns=names)

    def _per_indicator(self, values: np.ndarray, name: str) -> pd.Series:
        model = self.model
        idx = pd.MultiIndex.from_arrays(
            [[model.construct_names[j] for j in model.indicator_construct], list(model.indicator_names)],
            names=["construct", "indicator"],
        )
        return pd.Series(values, index=idx, name=name)

    def _per_path(self, matrix: np.ndarray, name: str, pairs=None) -> pd.Series:
        names = self.model.construct_names
        pairs = pairs if pairs is not None else [(self.model.index(s), self.model.index(t)) for s, t in self.model.paths]
        idx = pd.MultiIndex.from_tuples([(names[a], names[b]) for a, b in pairs], names=["source", "target"])
        return pd.Series([matrix[a, b] for a, b in pairs], index=idx, name=name)

    @property
    def n(self) -> int:
        """Number of observations used."""
        return self.data.standardized.shape[0]

    @property
    def correlations(self) -> np.ndarray:
        """Indicator correlations ``(p, p)``."""
        return self.data.correlations

    # ------------------------------------------------------- convergence
    @property
    def iterations(self) -> int:
        """Outer-weight updates performed."""
        return int(self.core.iterations[0])

    @property
    def converged(self) -> bool:
        """Whether the stop criterion was met within ``max_iter`` updates."""
        return bool(self.core.converged[0])

    # ------------------------------------------------------- outer model
    @property
    def outer_weights(self) -> pd.Series:
        """Outer weights, scaled so that each construct score has unit variance."""
        return self._per_indicator(self.core.weights[0][self.model.block_mask], "weight")

    @property
    def outer_loadings(self) -> pd.Series:
        """Correlation of each indicator with its own construct's score."""
        return self._per_indicator(self.core.cross_loadings[0][self.model.block_mask], "loading")

    @property
    def cross_loadings(self) -> pd.DataFrame:
        """Correlation of every indicator with every construct score (PLS scores, also under PLSc)."""
        return pd.DataFrame(
            (self.pls or self.core).cross_loadings[0], index=pd.Index(self.model.indicator_names, name="indicator"),
            columns=list(self.model.construct_names),
        )

    @property
    def scores(self) -> pd.DataFrame:
        """Construct scores ``Y = Z W`` (standardised), one row per observation."""
        return pd.DataFrame(self.data.standardized @ self.core.weights[0], index=self.data.index,
                            columns=list(self.model.construct_names))

    @property
    def construct_correlations(self) -> pd.DataFrame:
        """Correlations of the construct scores, ``W'SW``."""
        return self._square(self.core.construct_correlations[0])

    @property
    def outer_vif(self) -> pd.Series:
        """VIF of each indicator within its block."""
        return self._per_indicator(quality.outer_vif(self.correlations[None], self.model)[0], "vif")

    @property
    def reliability(self) -> pd.DataFrame:
        """Cronbach's α, ρ_A, ρ_C and AVE per construct (columns ``cronbach_alpha, rho_a, rho_c, ave``)."""
        mask = self.model.block_mask
        values = quality.construct_reliability(self.core.weights[:, mask], self.core.cross_loadings[:, mask],
                                               self.correlations[None], self.model)
        return pd.DataFrame({name: values[name][0] for name in quality.RELIABILITY},
                            index=pd.Index(self.model.construct_names, name="construct"))

    @property
    def htmt(self) -> pd.DataFrame:
        """Heterotrait–monotrait ratios (symmetric, NaN diagonal)."""
        return self._square(quality.htmt(self.correlations[None], self.model)[0])

    @property
    def htmt_signed(self) -> pd.DataFrame:
        """HTMT from the signed indicator correlations (Henseler et al.'s definition; NaN where undefined)."""
        return self._square(quality.htmt(self.correlations[None], self.model, absolute=False)[0])

    @property
    def full_collinearity_vif(self) -> pd.Series:
        """Full-collinearity VIF of each construct's PLS score on all the others (Kock 2015), also under PLSc."""
        values = quality.full_collinearity_vif((self.pls or self.core).construct_correlations)[0]
        return pd.Series(values, index=pd.Index(self.model.construct_names, name="construct"), name="vif")

    @property
    def fornell_larcker(self) -> pd.DataFrame:
        """Construct correlations with √AVE on the diagonal."""
        ave = self.reliability["ave"].to_numpy()[None]
        return self._square(quality.fornell_larcker(self.core.construct_correlations, ave)[0])

    # ------------------------------------------------------- inner model
    @property
    def path_matrix(self) -> pd.DataFrame:
        """Path coefficients as a square matrix (rows sources, columns targets)."""
        return self._square(self.core.paths[0])

    @property
    def paths(self) -> pd.Series:
        """Path coefficient of each structural path, in model order."""
        return self._per_path(self.core.paths[0], "coefficient")

    @property
    def r2(self) -> pd.DataFrame:
        """R² and adjusted R² of each endogenous construct.

        ``R²_adj = 1 - (1 - R²)(n - 1)/(n - m - 1)`` with ``m`` predecessors
        (Hair et al. 2022, ch. 6).
        """
        model = self.model
        endo = list(model.endogenous)
        r2 = self.core.r2[0, endo]
        m = np.array([model.predecessors(j).size for j in endo])
        adj = 1 - (1 - r2) * (self.n - 1) / (self.n - m - 1)
        return pd.DataFrame({"r2": r2, "r2_adj": adj},
                            index=pd.Index([model.construct_names[j] for j in endo], name="construct"))

    @property
    def f2(self) -> pd.Series:
        """Cohen's f² of each structural path."""
        f2 = quality.f_squared(self.core.construct_correlations, self.core.r2, self.model)[0]
        return self._per_path(f2, "f2")

    @property
    def inner_vif(self) -> pd.Series:
        """VIF of each predictor in its structural regression."""
        vif = quality.inner_vif(self.core.construct_correlations, self.model)[0]
        return self._per_path(vif, "vif")

    @property
    def total_effects(self) -> pd.Series:
        """Total effect of every construct on every construct it reaches."""
        total = effects.total_effects(self.core.paths)[0]
        return self._per_path(total, "total_effect", reachable_pairs(self.model))

    @property
    def total_indirect_effects(self) -> pd.Series:
        """Total indirect effect for every pair joined by a route of two or more paths."""
        total = effects.total_effects(self.core.paths)[0] - self.core.paths[0]
        return self._per_path(total, "total_indirect_effect", reachable_pairs(self.model, 2))

    @property
    def specific_indirect_effects(self) -> pd.Series:
        """Every specific indirect effect, indexed by its route ``"A -> M -> B"``."""
        routes = self.model.mediated_paths()
        values = effects.specific_indirect_effects(self.core.paths, routes)[0]
        names = self.model.construct_names
        idx = pd.Index([" -> ".join(names[c] for c in r) for r in routes], name="path")
        return pd.Series(values, index=idx, name="specific_indirect_effect")

    @property
    def srmr(self) -> float:
        """SRMR of the estimated model (see :func:`plssem.quality.srmr`; all fit indices: :func:`plssem.fit.model_fit`)."""
        corr = self.correlations[None]
        implied = fit.implied_correlations(self.core, corr, self.model, ("estimated",))["estimated"]
        return float(quality.srmr(corr, implied)[0])


def estimate(
    data: pd.DataFrame,
    model: Model,
    *,
    scheme: str = "path",
    max_iter: int = 300,
    tol: float = 1e-7,
    missing: str = "none",
) -> PLSResult:
    """Estimate a PLS path model (Lohmöller 1989) with SmartPLS 4's default settings.

    Parameters
    ----------
    data : DataFrame
        Raw indicator data; standardised here (n - 1 divisor).
    model : Model
    scheme : {"path", "centroid", "factorial"}
        Inner weighting scheme.
    max_iter : int
        Maximum number of outer-weight updates (SmartPLS default 300).
    tol : float
        Stop criterion on the sum of absolute outer-weight changes (SmartPLS default 1e-7).
    missing : {"none", "mean_replacement", "casewise_deletion"}
        See :func:`prepare`. The engine's default refuses missing values rather
        than changing data unasked; SmartPLS's default, mean replacement, is what
        the pipeline's ``config.yaml`` chooses explicitly.

    Returns
    -------
    PLSResult
        Non-convergence is reported in ``result.converged`` (and is never an error).
    """
    prepared = prepare(data, model, missing)
    if staging.needs_staging(model):
        return _estimate_staged(data, prepared, model, {"scheme": scheme, "max_iter": max_iter, "tol": tol}, missing)
    core: PLSCore = fit_correlations(prepared.correlations, model, scheme=scheme, max_iter=max_iter, tol=tol)
    if core.failed[0]:
        raise ModelError(
            "the estimation broke down: a Mode B block or a structural regression has a singular "
            "correlation matrix (perfectly collinear indicators or constructs)"
        )
    if not model.common_factors:
        return PLSResult(model, prepared, core, scheme, max_iter, tol)
    fitted, flags = consistent.correct(core, prepared.correlations[None], model)
    if fitted.failed[0]:
        flagged = [model.construct_names[j] for j in np.flatnonzero(flags.reliability[0])]
        raise ModelError(
            "consistent PLS (PLSc) is undefined for this sample: rho_A of a common factor is not positive "
            "(its indicators' weights and correlations disagree in sign) or the corrected construct correlations "
            "are singular; common factor(s) with an inadmissible rho_A: " + (", ".join(flagged) or "none")
            + ". Check those indicators' coding, or declare the construct model: composite"
        )
    return PLSResult(model, prepared, fitted, scheme, max_iter, tol, pls=core, admissibility=flags)


def _estimate_staged(data: pd.DataFrame, prepared: PreparedData, model: Model, options: dict,
                     missing: str) -> PLSResult:
    """:func:`estimate` for a model with generated or repeated indicators (:mod:`plssem.staging`)."""
    n = prepared.standardized.shape[0]
    core, _, term_sd, final = staging.fit_staged(prepared.standardized, np.ones((1, n), dtype=np.int64),
                                                 prepared.correlations[None], model, options, with_data=True)
    if core.failed[0]:
        raise ModelError(
            "the staged estimation broke down: the first-stage model did not converge, or a Mode B block or a "
            "structural regression has a singular correlation matrix (perfectly collinear indicators or constructs)"
        )
    staging.unstandardize_terms(core, term_sd, model)
    first = estimate(data, model.first_stage, missing=missing, **options) if model.first_stage else None
    final_data = PreparedData(final, prepared.index, np.zeros(final.shape[1]), np.ones(final.shape[1]),
                              prepared.replaced, prepared.deleted)
    sd = pd.Series(term_sd[0], index=pd.Index([t.name for t in model.interactions], name="term"), name="term_sd")
    return PLSResult(model, final_data, core, options["scheme"], options["max_iter"], options["tol"],
                     observed=prepared, first_stage=first, term_sd=sd)
