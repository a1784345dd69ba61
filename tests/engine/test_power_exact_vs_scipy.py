"""Monte Carlo power of ``plssem.power`` against the exact power of the test of a correlation.

A model of two single-indicator constructs, ``A -> B``, estimates the path as the sample correlation
``r`` of the two indicators, and the normal test (``test="normal"``) is then the classical t test of a
correlation, ``t = r √(n - 2) / √(1 - r²)`` against Student's t with ``n - 2`` degrees of freedom. Its
exact power for bivariate normal data with correlation ``ρ`` is the probability that ``r`` falls beyond
the critical correlation ``r_c = t_c / √(n - 2 + t_c²)``, integrated here (``scipy.integrate.quad``)
over the exact density of ``r`` (Hotelling 1953, eq. 21; Fisher 1915):

    f(r) = (n - 2) Γ(n - 1) (1 - ρ²)^((n-1)/2) (1 - r²)^((n-4)/2)
           / (√(2π) Γ(n - ½) (1 - ρr)^(n - 3/2)) · ₂F₁(½, ½; n - ½; (1 + ρr)/2).

The simulated power must lie within 4 Monte Carlo SEs, ``4 √(P(1 - P)/R)`` with the exact ``P``, of the
exact power (a deterministic seed; 4 SEs leave a false alarm probability of 6e-5 for a correct engine).
``ρ = 0`` checks the size of the test (exact power = α). Cost: about 1 s.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, special, stats

import plssem
from plssem.population import Population
from plssem.power import power_chunk, summarise

N = 30
REPLICATIONS = 20_000
ALPHA = 0.05
MODEL = plssem.Model.from_spec({"A": ["a1"], "B": ["b1"]}, ["A -> B"])


def density_of_r(r, rho, n):
    """Exact density of the sample correlation of ``n`` bivariate normal pairs with correlation ``rho``."""
    log_const = (np.log(n - 2) + special.gammaln(n - 1) - 0.5 * np.log(2 * np.pi) - special.gammaln(n - 0.5)
                 + (n - 1) / 2 * np.log1p(-rho**2))
    return (np.exp(log_const + (n - 4) / 2 * np.log1p(-r**2) - (n - 1.5) * np.log1p(-rho * r))
            * special.hyp2f1(0.5, 0.5, n - 0.5, (1 + rho * r) / 2))


def exact_power(rho, n, alpha, tails):
    """P(reject) of the t test of a correlation: two-tailed, or one-tailed for a positive correlation."""
    t_crit = stats.t.isf(alpha / tails, n - 2)
    r_crit = t_crit / np.sqrt(n - 2 + t_crit**2)
    upper = integrate.quad(density_of_r, r_crit, 1, args=(rho, n), epsabs=1e-13)[0]
    lower = integrate.quad(density_of_r, -1, -r_crit, args=(rho, n), epsabs=1e-13)[0] if tails == 2 else 0.0
    return upper + lower


@pytest.mark.parametrize("rho", [0.3, 0.0])
def test_density_of_r_integrates_to_one(rho):
    assert integrate.quad(density_of_r, -1, 1, args=(rho, N), epsabs=1e-13)[0] == pytest.approx(1, abs=1e-10)


@pytest.mark.parametrize("tails", [2, 1])
@pytest.mark.parametrize("rho", [0.0, 0.35])
def test_normal_test_power_is_the_exact_power_of_the_correlation_test(rho, tails):
    population = Population(MODEL, np.array([[1.0, rho], [rho, 1.0]]), {"A -> B": rho})
    draws = power_chunk(population, N, seed=2026, start=0, stop=REPLICATIONS, test="normal", alpha=ALPHA,
                        tails=tails)
    table, _ = summarise([draws], population.effects, alpha=ALPHA, tails=tails)
    expected = exact_power(rho, N, ALPHA, tails)
    row = table.iloc[0]
    assert row["Replications"] == REPLICATIONS and row["Failed"] == 0
    mc_se = np.sqrt(expected * (1 - expected) / REPLICATIONS)
    assert abs(row["Power"] - expected) < 4 * mc_se, (row["Power"], expected, mc_se)
    assert row["MC SE"] == pytest.approx(np.sqrt(row["Power"] * (1 - row["Power"]) / REPLICATIONS), rel=1e-12)
