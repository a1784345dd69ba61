"""Kock & Hadaya's (2018) minimum sample sizes: the published values and the methods' definitions.

* ``tests/fixtures/kock-hadaya-2018/minimum_sample_sizes.csv``: the inverse square root and
  gamma-exponential rows of the paper's Tables 3-5 (provenance in that folder's README) at its
  settings (α = .05 one-tailed, power .8).
* For other settings, each method from its definition, written here independently: the constant
  ``z_{1-α/tails} + z_power`` (``scipy.stats.norm``) to three decimals as eq. 5 prints it; the inverse
  square root n the smallest integer with ``|β|√n > c`` (a search over ``n``); the gamma-exponential n
  the loops of the paper's Exhibit B.1 transcribed (exponential smoothing, then the gamma
  correction when that n is at most 10).
Cost: well under 1 s.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

from plssem.sample_size import gamma_exponential, inverse_square_root, inverse_square_root_constant

PUBLISHED = Path(__file__).resolve().parents[1] / "fixtures" / "kock-hadaya-2018" / "minimum_sample_sizes.csv"


@pytest.mark.parametrize("row", pd.read_csv(PUBLISHED).to_dict("records"), ids=lambda r: r["source"])
def test_published_minimum_sample_sizes(row):
    assert inverse_square_root(row["beta_min"]) == row["inverse_square_root"]
    assert gamma_exponential(row["beta_min"]) == row["gamma_exponential"]
    assert inverse_square_root(-row["beta_min"]) == row["inverse_square_root"]      # the sign is ignored


def _constant(alpha, power, tails):
    return round(float(stats.norm.ppf(1 - alpha / tails) + stats.norm.ppf(power)), 3)


def _exhibit_b1(beta, c):
    """Exhibit B.1's Calc_N_EXPSnGAMM, loop for loop."""
    b, n = abs(beta), 1
    while b * n**0.5 * math.exp(math.e * b / n**0.5) <= c:
        n += 1
    if n <= 10:
        n = 1
        while b * n**0.5 * ((n - 1) / 2) ** 0.5 * math.exp(special.gammaln(n / 2) - special.gammaln((n + 1) / 2)) <= c:
            n += 1
    return n


SETTINGS = [(0.05, 0.8, 1), (0.01, 0.8, 1), (0.05, 0.9, 2), (0.10, 0.95, 2), (0.001, 0.7, 1)]
BETAS = [0.05, 0.1, 0.21, 0.35, 0.5, 0.62, 0.8, 0.95]


@pytest.mark.parametrize("alpha,power,tails", SETTINGS)
def test_methods_follow_their_definitions(alpha, power, tails):
    c = _constant(alpha, power, tails)
    assert inverse_square_root_constant(alpha=alpha, power=power, tails=tails) == c
    for beta in BETAS:
        n = np.arange(1, 10 * math.ceil((c / beta) ** 2))
        assert inverse_square_root(beta, alpha=alpha, power=power, tails=tails) == n[beta * np.sqrt(n) > c][0]
        assert gamma_exponential(beta, alpha=alpha, power=power, tails=tails) == _exhibit_b1(beta, c)


@pytest.mark.parametrize("kwargs", [{"beta": 0.0}, {"beta": 1.0}, {"beta": 0.3, "tails": 3},
                                    {"beta": 0.3, "alpha": 0.0}, {"beta": 0.3, "power": 1.0}])
def test_bad_arguments_raise(kwargs):
    for method in (inverse_square_root, gamma_exponential):
        with pytest.raises(ValueError):
            method(**kwargs)


@pytest.mark.parametrize("tails", [1, 2])
def test_gamma_exponential_keeps_exhibit_b1s_jump(tails):
    """Above |β| ≈ .5 Exhibit B.1 switches to its gamma loop and its n rises with |β| (sample_size docstring):
    the published method, not to be "fixed" silently. The first β of a .01 grid where n rises is pinned."""
    c = _constant(0.05, 0.8, tails)
    betas = np.round(np.arange(0.40, 0.80, 0.01), 2)
    published = [_exhibit_b1(b, c) for b in betas]
    rise = next(i for i in range(1, betas.size) if published[i] > published[i - 1])
    assert [gamma_exponential(b, tails=tails) for b in betas[rise - 1:rise + 1]] == published[rise - 1:rise + 1]
    assert published[rise] > published[rise - 1]
