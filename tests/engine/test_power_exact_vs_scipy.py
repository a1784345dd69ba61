"""Monte Carlo power of ``plssem.power``'s normal test against its exact power for a correlation.

A model of two single-indicator constructs, ``A -> B``, estimates the path as the sample correlation
``r`` of the two indicators. The normal test (``test="normal"``, :func:`plssem.power_tests.shift_significance`)
rejects when ``|r| > c`` (one-tailed for ``ρ >= 0``: ``r > c``), ``c`` the ``1 - α`` (one-tailed ``1 - 2α``)
quantile of ``|r - ρ|``. Its exact power for bivariate normal data with correlation ``ρ`` takes ``c`` from the
exact distribution of ``r``, ``F(ρ + c) - F(ρ - c) = 1 - α``, and integrates (``scipy.integrate.quad``) the
exact density of ``r`` (Hotelling 1953, eq. 21; Fisher 1915) beyond ``±c``:

    f(r) = (n - 2) Γ(n - 1) (1 - ρ²)^((n-1)/2) (1 - r²)^((n-4)/2)
           / (√(2π) Γ(n - ½) (1 - ρr)^(n - 3/2)) · ₂F₁(½, ½; n - ½; (1 + ρr)/2).

The simulated power must lie within 4 Monte Carlo SEs of the exact power (a deterministic seed; 4 SEs leave a
false alarm probability of 6e-5 for a correct engine). The SE adds to the binomial ``√(P(1 - P)/R)`` that of
the estimated ``c``, ``|dP/dc|·√(q(1 - q)/R)/g(c)`` (the sample quantile's asymptotic SD, ``g`` the density of
``|r - ρ|``), the sum of the SDs bounding the SD of the sum whatever their correlation.
``ρ = 0`` checks the size of the test (exact power = α). Cost: about 2 s.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, optimize, special

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


def cdf_of_r(x, rho, n):
    return integrate.quad(density_of_r, -1, x, args=(rho, n), epsabs=1e-13)[0]


def exact_power(rho, n, alpha, tails):
    """P(reject) of the normal test of a correlation and its Monte Carlo SE bound for ``REPLICATIONS`` replications."""
    level = 1 - alpha if tails == 2 else 1 - 2 * alpha
    critical = optimize.brentq(lambda c: cdf_of_r(min(rho + c, 1), rho, n) - cdf_of_r(max(rho - c, -1), rho, n) - level,
                               1e-9, 1 + abs(rho), xtol=1e-14)
    power = 1 - cdf_of_r(critical, rho, n) + (cdf_of_r(-critical, rho, n) if tails == 2 else 0.0)
    slope = density_of_r(critical, rho, n) + (density_of_r(-critical, rho, n) if tails == 2 else 0.0)
    spread = density_of_r(rho + critical, rho, n) + density_of_r(rho - critical, rho, n)
    quantile_se = slope * np.sqrt(level * (1 - level) / REPLICATIONS) / spread
    return power, quantile_se + np.sqrt(power * (1 - power) / REPLICATIONS)


@pytest.mark.parametrize("rho", [0.3, 0.0])
def test_density_of_r_integrates_to_one(rho):
    assert integrate.quad(density_of_r, -1, 1, args=(rho, N), epsabs=1e-13)[0] == pytest.approx(1, abs=1e-10)


@pytest.mark.parametrize("tails", [2, 1])
@pytest.mark.parametrize("rho", [0.0, 0.35])
def test_normal_test_power_is_its_exact_power_for_a_correlation(rho, tails):
    population = Population(MODEL, np.array([[1.0, rho], [rho, 1.0]]), {"A -> B": rho}, {"A -> B": rho})
    draws = power_chunk(population, N, seed=2026, start=0, stop=REPLICATIONS, test="normal", alpha=ALPHA,
                        tails=tails)
    table, _ = summarise([draws], population.effects, alpha=ALPHA, tails=tails, test="normal")
    expected, mc_se = exact_power(rho, N, ALPHA, tails)
    row = table.iloc[0]
    assert row["Replications"] == REPLICATIONS and row["Failed"] == 0
    assert abs(row["Power"] - expected) < 4 * mc_se, (row["Power"], expected, mc_se)
    assert row["MC SE"] == pytest.approx(np.sqrt(row["Power"] * (1 - row["Power"]) / REPLICATIONS), rel=1e-12)
