"""Monte Carlo power replications are identical, byte for byte, for any chunking.

Replication ``r`` at sample size ``n`` depends on ``(seed, n, r)`` alone (its data: draw ``r`` of the
stream "power n=<n>"; its bootstrap: draws ``r·B .. (r+1)·B - 1`` of "power bootstrap n=<n>"), so
replications 0..6 computed in one call, in two chunks, or with any number of replications per batch
(``chunk_size``) give the same bytes, for both tests; the normal test, decided on the merged estimates by
``summarise``, then gives the same tables. Every product is one per replication (the Cholesky factor
repeated per replication), so a chunk of one replication and a batch of seven round alike. Cost: about 1 s.
"""
from __future__ import annotations

import numpy as np
import pytest

import plssem
from plssem.population import from_parameters
from plssem.power import merge, power_chunk, simulate, summarise

MODEL = plssem.Model.from_spec({"A": ["a1", "a2", "a3"], "M": ["m1", "m2"], "Y": ["y1", "y2", "y3"]},
                               ["A -> M", "M -> Y", "A -> Y"])
POPULATION = from_parameters(MODEL, {"A -> M": 0.3, "M -> Y": 0.3, "A -> Y": 0.1}, {"A": 0.8, "M": 0.7, "Y": 0.75})
SEED, N, SAMPLES = 31, 60, 40


def _bytes(draws):
    return draws.estimates.tobytes() + draws.significant.tobytes() + draws.failed.tobytes()


def test_simulated_data_do_not_depend_on_the_chunk():
    whole = simulate(POPULATION, N, seed=SEED, start=0, stop=7)
    parts = [simulate(POPULATION, N, seed=SEED, start=a, stop=b) for a, b in ((0, 1), (1, 4), (4, 7))]
    assert whole.tobytes() == np.concatenate(parts).tobytes()
    assert not np.array_equal(whole[0], simulate(POPULATION, N + 1, seed=SEED, start=0, stop=1)[0, :N])


@pytest.mark.parametrize("test", ["bootstrap", "normal"])
def test_power_draws_do_not_depend_on_the_chunking(test):
    whole = power_chunk(POPULATION, N, seed=SEED, start=0, stop=7, test=test, samples=SAMPLES, chunk_size=10_000)
    split = merge([power_chunk(POPULATION, N, seed=SEED, start=2, stop=7, test=test, samples=SAMPLES,
                               chunk_size=2 * (SAMPLES + 1)),
                   power_chunk(POPULATION, N, seed=SEED, start=0, stop=2, test=test, samples=SAMPLES, chunk_size=1)])
    assert len(whole) == len(split) == 7 and whole.labels == split.labels
    assert _bytes(whole) == _bytes(split)
    assert np.unique(whole.estimates[:, 0]).size == 7
    tables = [summarise([draws], POPULATION.effects, test=test, alpha=0.5) for draws in (whole, split)]
    for left, right in zip(*tables):
        assert left.to_csv() == right.to_csv()
    power = tables[0][0]["Power"]
    assert (power > 0).any() and (power < 1).any()                     # the comparison is not of constants
