"""The parametric and Welch–Satterthwaite group tests (:mod:`plssem.mga`) against scipy's two-sample t tests.

A group's bootstrap SE ``se_i`` is the standard error of its estimate, so the "sample SD" that
scipy's formulas expect is ``std_i = se_i · sqrt(n_i − 1)``: with it,
``scipy.stats.ttest_ind_from_stats(d, std1, n1, 0, std2, n2, equal_var=True)`` is Keil et al.'s (2000)
pooled test (t, p; df = n1 + n2 − 2) and ``equal_var=False`` gives Nitzl's (2010) Welch t, since
``std_i² / n_i = (n_i − 1)/n_i · se_i²``. scipy's Welch df is the plain Welch–Satterthwaite df; cSEM's
Nitzl df (``R/postestimate_test_MGD.R``, Nitzl block: ``df <- round(numerator/denominator-2)``) subtracts 2
and rounds, with Nitzl's ``(n-1)/n`` factors that leave the ratio equal to scipy's. scipy's df is read from
``scipy.stats.ttest_ind`` on two samples built to have exactly the means ``d``, 0 and the SDs ``std_i``.

Inputs: random ``(d, se1, se2, n1, n2)`` and the 13 paths of SmartPLS's Contract/Prepaid table
(``cr_extended_mga_servicetype``: originals and STDEV per group).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import plssem
from engine_support import case_yaml, fixture_file

CASE = "cr_extended_mga_servicetype"
TOL = 1e-12


def _random_inputs():
    rng = np.random.default_rng(20261130)
    for _ in range(25):
        m = 5
        yield (rng.normal(0, 0.3, m), rng.uniform(0.02, 0.2, m), rng.uniform(0.02, 0.2, m),
               int(rng.integers(20, 500)), int(rng.integers(20, 500)))


def _fixture_inputs():
    table = pd.read_csv(fixture_file(CASE,
                                     "mga_corp_reputation__path_coefficients__bootstrap_results.csv"), index_col="path")
    groups = case_yaml(CASE, "case.yaml")["dataset"]["groups"]
    diff = (table["Original (Contract plan)"] - table["Original (Prepaid plan)"]).to_numpy()
    return (diff, table["STDEV (Contract plan)"].to_numpy(), table["STDEV (Prepaid plan)"].to_numpy(),
            groups["Contract plan"]["n"], groups["Prepaid plan"]["n"])


INPUTS = [*_random_inputs(), _fixture_inputs()]


def _sample(mean: float, sd: float, n: int, seed: int) -> np.ndarray:
    """``n`` values with exactly this mean and SD (``ddof=1``), up to floating-point rounding."""
    z = np.random.default_rng(seed).normal(size=n)
    z = (z - z.mean()) / z.std(ddof=1)
    return mean + sd * z


def _scipy(diff, se1, se2, n1, n2, equal_var):
    std1, std2 = se1 * np.sqrt(n1 - 1), se2 * np.sqrt(n2 - 1)
    t, p = stats.ttest_ind_from_stats(diff, std1, n1, np.zeros_like(diff), std2, n2, equal_var=equal_var)
    df = np.array([stats.ttest_ind(_sample(d, s1, n1, 1), _sample(0.0, s2, n2, 2), equal_var=equal_var).df
                   for d, s1, s2 in zip(diff, std1, std2)])
    return t, df, p


@pytest.mark.parametrize("inputs", INPUTS)
def test_parametric_test_is_scipys_pooled_t_test(inputs):
    diff, se1, se2, n1, n2 = inputs
    t, df, p = plssem.parametric_test(diff, se1, se2, n1, n2)
    t_ref, df_ref, p_ref = _scipy(diff, se1, se2, n1, n2, equal_var=True)
    np.testing.assert_allclose(t, t_ref, rtol=TOL, atol=0)
    np.testing.assert_allclose(df, df_ref, rtol=TOL, atol=0)
    np.testing.assert_allclose(p, p_ref, rtol=TOL, atol=0)


@pytest.mark.parametrize("inputs", INPUTS)
def test_welch_test_is_scipys_welch_t_with_csems_df(inputs):
    diff, se1, se2, n1, n2 = inputs
    t, df, p = plssem.welch_test(diff, se1, se2, n1, n2)
    t_ref, df_ref, _ = _scipy(diff, se1, se2, n1, n2, equal_var=False)
    np.testing.assert_allclose(t, t_ref, rtol=TOL, atol=0)
    assert not np.any(np.isclose((df_ref - 2) % 1, 0.5, atol=1e-9, rtol=0))   # no rounding knife-edge
    np.testing.assert_array_equal(df, np.round(df_ref - 2))
    np.testing.assert_array_equal(p, 2 * stats.t.sf(np.abs(t), df))
