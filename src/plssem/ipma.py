"""Importance–performance map analysis (IPMA) of a target construct: :func:`ipma`.

IPMA (Ringle & Sarstedt 2016; Hair et al. 2024, *Advanced Issues in PLS-SEM*, ch. 3) sets each
predecessor's *importance*, its unstandardised total effect on the target, beside its
*performance*, the mean of its construct score on a 0–100 scale.

1. Every indicator is rescaled with its own scale: ``x̃ = 100 (x − min) / (max − min)``.
2. Each construct's rescaled score is a weighted mean ``Σ r_i x̃_i`` of its rescaled indicators, with
   *rescaled weights* ``r`` that sum to 1:

   * ``weights="unstandardized"`` (SmartPLS; Ringle & Sarstedt 2016; cSEM ``doIPMA``/
     ``getConstructScores(.standardized = FALSE)``): ``r_i ∝ w_i / sd(x̃_i)``, the standardised outer
     weight turned into the weight of the unstandardised indicator. The rescaled score is then an
     increasing linear function of the PLS construct score, so the structural model holds for the
     rescaled scores with every path ``b · sd(Ỹ_target) / sd(Ỹ_source)``.
   * ``weights="standardized"`` (seminrExtras ``assess_ipma``, a port of R seminrExtras'
     ``feature_cipma.R``): ``r_i ∝ w_i``.

3. Performance = mean rescaled score = ``Σ r_i mean(x̃_i)``.
4. Importance: every path rescaled, ``b_std · sd(Ỹ_target) / sd(Ỹ_source)`` (sd from the rescaled
   scores), total effects ``T = (I − B)⁻¹ − I`` (:func:`plssem.effects.total_effects`), the column of the
   target (cSEM ``doIPMA``; seminrExtras ``compute_unstd_total_effects``). The standardised total effect
   is reported beside it.
5. Indicator level (SmartPLS's indicator IPMA; cSEM ``doIPMA``): performance = mean rescaled indicator,
   importance = rescaled weight × the construct's importance.

A two-stage higher-order construct (a staged one, measured by its dimensions' first-stage scores) is
chained through its dimensions, as seminrExtras does: its rescaled weights on the dimensions' rescaled
scores (the dimensions' rescaled weights from :attr:`PLSResult.first_stage`) times the dimensions'
rescaled weights on their indicators, so its rescaled score is again a weighted mean of observed
indicators, the ones its rows of the indicator table list. Interaction terms are left out: their 0–100
performance means nothing, and their paths do not enter the total effects (as seminrExtras; cSEM
refuses such models). Control variables (``controls``: exogenous constructs without a response scale) are
left out the same way: they only start routes, so no other construct's total effect on the target changes. IPMA assumes positive weights (Ringle & Sarstedt 2016): a construct with a
negative outer weight, at any level, is flagged (``negative_weights``), and one whose weights do not
sum to a positive number has no 0–100 score and is refused. Common factors (PLSc) are refused: the
0–100 scores are composites while PLSc's paths relate common factors (cSEM ``doIPMA`` warns that its
results are then not trustworthy).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .effects import total_effects
from .estimate import PLSResult
from .statistics import reachable_pairs

__all__ = ["WEIGHTINGS", "IPMAResult", "ipma", "ScaleError", "CommonFactorError", "WeightSumError"]

#: The rescaled-weight conventions of :func:`ipma`.
WEIGHTINGS = ("unstandardized", "standardized")


class ScaleError(ValueError):
    """The scales of :func:`ipma` do not fit indicator(s) ``indicators`` (no [min, max], min ≥ max, data outside)."""

    def __init__(self, message: str, indicators=()):
        super().__init__(message)
        self.indicators = tuple(indicators)


class CommonFactorError(ValueError):
    """The target or a predecessor is a common factor (PLSc), named in ``constructs``; IPMA needs composites."""

    def __init__(self, message: str, constructs=()):
        super().__init__(message)
        self.constructs = tuple(constructs)


class WeightSumError(ValueError):
    """Construct ``construct``'s (rescaled) outer weights do not sum to a positive number: no 0–100 score."""

    def __init__(self, message: str, construct: str):
        super().__init__(message)
        self.construct = construct


@dataclass(frozen=True)
class IPMAResult:
    """An importance–performance map of one target construct.

    Attributes
    ----------
    constructs : DataFrame
        Index ``construct`` (the target's predecessors, direct or indirect, in model order); columns
        ``importance`` (unstandardised total effect on the target, target points per performance point),
        ``importance_standardized`` (standardised total effect), ``performance`` (0–100) and
        ``negative_weights`` (bool).
    indicators : DataFrame
        One row per indicator of each predecessor (a higher-order construct: its dimensions'
        indicators); columns ``construct, indicator, rescaled_weight, importance, performance``.
    target : str
    target_performance : float
        The target's performance (0–100).
    weights : {"unstandardized", "standardized"}
        The rescaled-weight convention used.
    """

    constructs: pd.DataFrame
    indicators: pd.DataFrame
    target: str
    target_performance: float
    weights: str


def _scale_bounds(scales, names: tuple[str, ...]) -> np.ndarray:
    """``(p, 2)`` [min, max] per observed indicator from an array or a mapping; NaN where a mapping has none."""
    if isinstance(scales, Mapping):
        rows = {name: np.asarray(scales.get(name, (np.nan, np.nan)), dtype=float).reshape(-1) for name in names}
        odd = [name for name, row in rows.items() if row.size != 2]
        if odd:
            raise ScaleError("scales: expected [min, max] for indicator(s) " + ", ".join(odd), odd)
        bounds = np.array(list(rows.values())).reshape(len(names), 2)
    else:
        bounds = np.asarray(scales, dtype=float)
    if bounds.shape != (len(names), 2):
        raise ScaleError(f"scales: expected [min, max] for each of the {len(names)} data columns the model reads "
                         f"(model.observed_indicators), got shape {bounds.shape}")
    bad = [name for name, (low, high) in zip(names, bounds) if np.isfinite(low) and np.isfinite(high) and low >= high]
    if bad:
        raise ScaleError("scales: the minimum is not below the maximum for indicator(s) " + ", ".join(bad), bad)
    return bounds


def _rescaled_moments(result: PLSResult, bounds: np.ndarray, needed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means ``(p,)`` and covariance ``(p, p)`` (n − 1) of the rescaled observed indicators (NaN without a scale)."""
    data = result.observed_data
    names = result.model.observed_indicators
    missing = [names[i] for i in np.flatnonzero(needed & ~np.isfinite(bounds).all(axis=1))]
    if missing:
        raise ScaleError("scales: no [min, max] for indicator(s) " + ", ".join(missing), missing)
    low, span = bounds[:, 0], bounds[:, 1] - bounds[:, 0]
    raw = data.standardized * data.sds + data.means
    slack = 1e-9 * span
    outside = needed & ((raw.min(axis=0) < low - slack) | (raw.max(axis=0) > bounds[:, 1] + slack))
    if outside.any():
        raise ScaleError("scales: indicator(s) with values outside their [min, max]: " + ", ".join(
            f"{names[i]} [{low[i]:g}, {bounds[i, 1]:g}] has {raw[:, i].min():g} to {raw[:, i].max():g}"
            for i in np.flatnonzero(outside)), [names[i] for i in np.flatnonzero(outside)])
    sd = 100 * data.sds / span
    return 100 * (data.means - low) / span, data.correlations * sd[:, None] * sd[None, :]


def _score_sources(model) -> dict[str, str]:
    """Generated indicator -> the first-stage construct whose score it is (two-stage higher-order constructs)."""
    return {g.name: g.sources[0] for g in model.generated if g.kind == "score"}


def _items(result: PLSResult, name: str) -> tuple[str, ...]:
    """The observed indicators behind construct ``name``'s score, through its dimensions' first stage."""
    model, scores = result.model, _score_sources(result.model)
    return tuple(item for indicator in model.constructs[model.index(name)].indicators
                 for item in (_items(result.first_stage, scores[indicator]) if indicator in scores else (indicator,)))


class _Chain:
    """Rescaled weights of a result's constructs on the observed indicators, through first stages.

    ``cov`` is the covariance ``(p, p)`` of the rescaled observed indicators (``observed`` names -> position).
    """

    def __init__(self, result: PLSResult, observed: dict[str, int], cov: np.ndarray, weighting: str):
        self.result, self.observed, self.cov, self.weighting = result, observed, cov, weighting
        self.done: dict[str, tuple[np.ndarray, bool]] = {}
        self.first: _Chain | None = None

    def __call__(self, name: str) -> tuple[np.ndarray, bool]:
        """``(rescaled weights (p,), whether any weight at any level is negative)`` of construct ``name``."""
        if name not in self.done:
            self.done[name] = self._construct(name)
        return self.done[name]

    def _construct(self, name: str) -> tuple[np.ndarray, bool]:
        model = self.result.model
        j = model.index(name)
        scores = _score_sources(model)
        columns, flags = [], []
        for indicator in model.constructs[j].indicators:
            if indicator in scores:
                if self.first is None:
                    self.first = _Chain(self.result.first_stage, self.observed, self.cov, self.weighting)
                vector, flag = self.first(scores[indicator])
            else:
                vector, flag = np.zeros(len(self.observed)), False
                vector[self.observed[indicator]] = 1.0
            columns.append(vector)
            flags.append(flag)
        parts = np.column_stack(columns)                  # (p, m): each block indicator's rescaled weights
        w = self.result.core.weights[0, model.blocks[j], j]
        unit = w
        if self.weighting == "unstandardized":
            unit = w / np.sqrt(np.einsum("im,ij,jm->m", parts, self.cov, parts))
        if not unit.sum() > 0:
            raise WeightSumError(f"IPMA: construct {name!r} has outer weights whose sum is not positive, so it has "
                                 "no 0-100 score; reverse-code its indicators (Ringle & Sarstedt 2016)", name)
        return parts @ (unit / unit.sum()), bool((w < 0).any() or any(flags))


def ipma(result: PLSResult, target: str, scales, *, weights: str = "unstandardized", controls=()) -> IPMAResult:
    """Importance–performance map analysis of ``target`` (Ringle & Sarstedt 2016).

    Parameters
    ----------
    result : PLSResult
        An estimated model whose target and predecessors are composites.
    target : str
        The construct whose predecessors are mapped.
    scales : array-like (p, 2) or mapping
        The [min, max] of each indicator's scale: an array in ``result.model.observed_indicators`` order (the
        data columns the model reads; ``model.indicator_names`` for a model without generated or repeated
        indicators), or a mapping ``indicator -> (min, max)`` that covers the indicators of the target and
        its predecessors (higher-order constructs: their dimensions' indicators).
    weights : {"unstandardized", "standardized"}
        The rescaled weights: SmartPLS's / cSEM's (standardised weight over the indicator's SD) or
        seminrExtras' (the standardised weights); each normalised to sum 1 per construct.
    controls : iterable of str
        Exogenous constructs left out of the map, as interaction terms are (control variables: no scale, so
        no performance); they need no scale.

    Returns
    -------
    IPMAResult

    Raises
    ------
    ValueError
        An unknown ``weights``; ``target`` not a construct, an interaction term, a control, or without
        predecessors; a control that is not an exogenous construct.
    CommonFactorError
        The target or a predecessor a common factor (PLSc).
    ScaleError
        Scales of the wrong shape, with min ≥ max, missing for a needed indicator, or with data outside them.
    WeightSumError
        A construct whose weights do not sum to a positive number.
    """
    if weights not in WEIGHTINGS:
        raise ValueError(f"IPMA weights {weights!r}: expected one of {', '.join(WEIGHTINGS)}")
    model = result.model
    if target not in model.construct_names:
        raise ValueError(f"IPMA target {target!r} is not a construct of the model ({', '.join(model.construct_names)})")
    terms = {term.name for term in model.interactions}
    if target in terms:
        raise ValueError(f"IPMA target {target!r} is an interaction term; choose a construct")
    controls = set(controls)
    endogenous = {model.construct_names[b] for _, b in reachable_pairs(model)}
    if target in controls or controls - set(model.construct_names) or controls & endogenous:
        raise ValueError(f"IPMA controls {sorted(controls)}: expected exogenous constructs other than the target")
    t = model.index(target)
    sources = sorted({a for a, b in reachable_pairs(model)
                      if b == t and model.construct_names[a] not in terms | controls})
    if not sources:
        raise ValueError(f"IPMA target {target!r} has no predecessors (no structural path leads to it)")
    nodes = sources + [t]   # every route into the target runs through these (terms and controls only start routes)
    factors = [model.construct_names[j] for j in nodes if j in model.common_factors]
    if factors:
        raise CommonFactorError("IPMA needs composites: the 0-100 scores are weighted sums of indicators, while "
                                "PLSc's paths relate common factors (cSEM's doIPMA warns its results are then not "
                                "trustworthy); declare model: composite for " + ", ".join(factors), factors)
    names = [model.construct_names[j] for j in nodes]
    items = {name: _items(result, name) for name in names}
    observed = {name: i for i, name in enumerate(model.observed_indicators)}
    needed = np.zeros(len(observed), dtype=bool)
    needed[[observed[item] for name in names for item in items[name]]] = True
    means, cov = _rescaled_moments(result, _scale_bounds(scales, model.observed_indicators), needed)
    chain = _Chain(result, observed, np.where(needed[:, None] & needed[None, :], cov, 0.0), weights)
    means = np.where(needed, means, 0.0)
    rescaled = np.column_stack([chain(name)[0] for name in names])          # (p, len(nodes))
    sd = np.sqrt(np.einsum("ik,ij,jk->k", rescaled, chain.cov, rescaled))
    paths = result.core.paths[0][np.ix_(nodes, nodes)]
    importance = total_effects((paths * sd[None, :] / sd[:, None])[None])[0][:-1, -1]
    performance = rescaled.T @ means
    constructs = pd.DataFrame({
        "importance": importance, "importance_standardized": total_effects(paths[None])[0][:-1, -1],
        "performance": performance[:-1], "negative_weights": [chain(name)[1] for name in names[:-1]],
    }, index=pd.Index(names[:-1], name="construct"))
    records = [(name, item, rescaled[observed[item], c], rescaled[observed[item], c] * importance[c],
                means[observed[item]]) for c, name in enumerate(names[:-1]) for item in items[name]]
    indicators = pd.DataFrame(records, columns=["construct", "indicator", "rescaled_weight", "importance",
                                                "performance"])
    return IPMAResult(constructs, indicators, target, float(performance[-1]), weights)
