"""Size of both power tests for a zero effect of multi-item constructs, and the true effects as the replications' mean.

* Size: A and C independent, ``A -> Y`` = .5, ``C -> Y`` = 0, three indicators of loading .7 per construct,
  n = 100, α = .05 two-tailed. ``C -> Y``'s estimand is exactly 0 under PLS and PLSc (C's block is uncorrelated
  with every other), so its rejection rate is the test's size; it must lie within 4 Monte Carlo SEs,
  ``4 √(α(1 - α)/R)`` (a false alarm probability of 6e-5 for a correct test), of α. The textbook OLS SE on the
  scores that ``test="normal"`` used before rejected 0.18 (composites) and 0.39 (PLSc) here; a Wald z with the
  replications' SD rejected 0.017 (composites) and about 0.005 (PLSc). The Monte Carlo critical value that
  ``test="normal"`` uses now has size α by construction for a zero effect: this checks that it is wired so.
  The bootstrap test is checked for composites only (its PLSc replications cost 3x as much); R = 300 with 40
  subsamples keeps it to about 2 s.
* Estimand: :attr:`plssem.population.Population.effects` is what the estimator converges to. For composites
  on a common-factor population (stated A -> M .5, M -> Y .5, A -> Y 0) those are attenuated; at n = 2000 the
  mean of 300 replications' estimates lies within 4 Monte Carlo SEs (SD/√R) of them, and not of the stated ones.
Cost: about 4 s.
"""
from __future__ import annotations

import numpy as np
import pytest

import plssem
from plssem.population import from_parameters
from plssem.power import power_chunk, summarise

ALPHA, N = 0.05, 100
BLOCKS = {"A": ["a1", "a2", "a3"], "C": ["c1", "c2", "c3"], "Y": ["y1", "y2", "y3"]}
PATHS = {"A -> Y": 0.5, "C -> Y": 0.0}


def _model(measurement):
    spec = {name: {"indicators": items, "model": measurement} for name, items in BLOCKS.items()}
    return plssem.Model.from_spec(spec, list(PATHS))


@pytest.mark.parametrize("measurement,test,replications", [("composite", "normal", 2000),
                                                          ("common_factor", "normal", 2000),
                                                          ("composite", "bootstrap", 300)])
def test_a_zero_effect_is_rejected_at_the_nominal_rate(measurement, test, replications):
    population = from_parameters(_model(measurement), PATHS, {"A": 0.7, "C": 0.7, "Y": 0.7})
    assert population.effects["C -> Y"] == 0.0
    draws = power_chunk(population, N, seed=17, start=0, stop=replications, test=test, samples=40, alpha=ALPHA)
    table, _ = summarise([draws], population.effects, alpha=ALPHA, test=test)
    row = table.set_index("Effect").loc["C -> Y"]
    assert row["Replications"] > replications / 2                      # PLSc fails on about 30 % at this n
    bound = 4 * np.sqrt(ALPHA * (1 - ALPHA) / row["Replications"])
    assert abs(row["Power"] - ALPHA) < bound, (row["Power"], bound)
    assert table.set_index("Effect").loc["A -> Y", "Power"] > 0.5      # not a test that never rejects


def test_true_effects_are_the_mean_of_large_sample_estimates():
    model = plssem.Model.from_spec({"A": ["a1", "a2", "a3"], "M": ["m1", "m2", "m3"], "Y": ["y1", "y2", "y3"]},
                                   ["A -> M", "M -> Y", "A -> Y"])
    population = from_parameters(model, {"A -> M": 0.5, "M -> Y": 0.5, "A -> Y": 0.0}, {"A": 0.7, "M": 0.7, "Y": 0.7})
    draws = power_chunk(population, 2000, seed=3, start=0, stop=300, test="normal")
    assert not draws.failed.any()
    mean, se = draws.estimates.mean(axis=0), draws.estimates.std(axis=0, ddof=1) / np.sqrt(len(draws))
    true = np.array(list(population.effects.values()))
    stated = np.array(list(population.stated.values()))
    assert (np.abs(mean - true) < 4 * se).all(), (mean, true, se)
    assert (np.abs(mean - stated) > 4 * se).any()                      # the stated values are not the estimand
