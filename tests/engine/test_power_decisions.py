"""Each power replication's verdict is the one the pipeline or textbook OLS gives for the same sample.

* Bootstrap test: replication ``r``'s data (:func:`plssem.power.simulate`) estimated one at a time with
  ``plssem.estimate`` and bootstrapped with ``plssem.bootstrap`` on the subsamples the replication owns
  (draws ``r·B .. (r+1)·B - 1`` of the stream "power bootstrap n=<n>"), then summarised by
  ``plssem.inference.summarize_directional`` and judged by the pipeline's
  ``plssem_pipeline.analysis.decision.is_significant``, exactly as the hypotheses step does (p value or
  interval, one- or two-tailed in the true effect's direction): the vectorised engine must agree on
  every effect of every replication, and its estimates must be the single estimations'.
* Normal test, decided by ``summarise`` on all replications of an n: the power is the share of replications
  whose estimate lies beyond the critical value, the type-7 quantile (``scipy.stats.mstats.mquantiles`` with
  ``alphap = betap = 1``) of the absolute errors ``|θ̂ - θ|`` at ``1 - α`` (``1 - 2α`` one-tailed, on the true
  effect's side), for composites and for PLSc.
* Common factors: each replication's estimates are PLSc's, as ``plssem.estimate`` gives them.
Cost: about 1.5 s.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats.mstats import mquantiles

import plssem
from plssem.inference import summarize_directional
from plssem.population import from_parameters
from plssem.power import power_chunk, simulate, summarise
from plssem_pipeline.analysis.decision import is_significant

MODEL = plssem.Model.from_spec({"A": ["a1", "a2", "a3"], "M": ["m1", "m2"], "Y": ["y1", "y2", "y3"]},
                               ["A -> M", "M -> Y", "A -> Y"])
POPULATION = from_parameters(MODEL, {"A -> M": 0.35, "M -> Y": -0.3, "A -> Y": 0.12}, {"A": 0.8, "M": 0.7, "Y": 0.75})
SEED, N, SAMPLES, REPLICATIONS = 5, 70, 60, 6


def _one_at_a_time(r):
    """Replication ``r`` estimated alone, and its own bootstrap."""
    data = pd.DataFrame(simulate(POPULATION, N, seed=SEED, start=r, stop=r + 1)[0], columns=MODEL.indicator_names)
    result = plssem.estimate(data, MODEL)
    return result, plssem.bootstrap(result.observed_data.standardized, MODEL, seed=SEED, start=r * SAMPLES,
                                    stop=(r + 1) * SAMPLES, stream=plssem.named_stream(f"power bootstrap n={N}"))


@pytest.fixture(scope="module")
def single():
    return [_one_at_a_time(r) for r in range(REPLICATIONS)]


@pytest.mark.parametrize("significance,method", [("p_value", "p_value"), ("interval", "confidence_interval")])
@pytest.mark.parametrize("tails", [2, 1])
def test_bootstrap_verdicts_are_the_pipelines(single, significance, method, tails):
    alpha = 0.1
    draws = power_chunk(POPULATION, N, seed=SEED, start=0, stop=REPLICATIONS, samples=SAMPLES, alpha=alpha,
                        tails=tails, significance=significance)
    true = np.array(list(POPULATION.effects.values()))
    signs = np.where(true < 0, -1, 1)
    for r, (result, boot) in enumerate(single):
        original = np.concatenate([result.paths.to_numpy(), result.specific_indirect_effects.to_numpy()])
        np.testing.assert_allclose(draws.estimates[r], original, atol=1e-10)
        m = result.paths.size
        rows = []
        for family, cols in (("paths", slice(0, m)), ("specific_indirect", slice(m, None))):
            rows += summarize_directional(original[cols], boot.values[family], signs[cols], tails=tails,
                                          alpha=alpha).to_dict("records")
        expected = [is_significant(row["p"], row["ci_low"], row["ci_high"], alpha=alpha, method=method,
                                   sign="positive" if s > 0 else "negative", tails=tails)
                    for row, s in zip(rows, signs)]
        assert draws.significant[r].tolist() == expected, r
    assert draws.significant.any() and not draws.significant.all()


def _normal_power(estimates, true, alpha, tails):
    """Each effect's rejection rate by the critical value of the absolute errors (module docstring)."""
    usable = estimates[np.isfinite(estimates).all(axis=1)]
    level = 1 - alpha if tails == 2 else 1 - 2 * alpha
    rates = []
    for j, theta in enumerate(true):
        critical = mquantiles(np.abs(usable[:, j] - theta), [level], alphap=1, betap=1)[0]
        side = usable[:, j] if theta >= 0 else -usable[:, j]
        rates.append(np.mean((np.abs(usable[:, j]) if tails == 2 else side) > critical))
    return np.array(rates)


@pytest.mark.parametrize("tails", [2, 1])
def test_normal_verdicts_are_the_monte_carlo_critical_values(tails):
    alpha = 0.1
    draws = power_chunk(POPULATION, N, seed=SEED, start=0, stop=60, test="normal", alpha=alpha, tails=tails)
    assert not draws.significant.any()                                   # decided after merging, not per chunk
    table, _ = summarise([draws], POPULATION.effects, alpha=alpha, tails=tails, test="normal")
    expected = _normal_power(draws.estimates, list(POPULATION.effects.values()), alpha, tails)
    np.testing.assert_array_equal(table["Power"].to_numpy(), expected)
    assert (expected > 0).any() and (expected < 1).any()


def test_common_factor_replications_are_plsc_estimates():
    """With common factors each replication is PLSc (``plssem.estimate``); a PLSc breakdown is a failed one."""
    spec = {name: {"indicators": list(c.indicators), "model": "common_factor"} for name, c in
            zip(MODEL.construct_names, MODEL.constructs)}
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in MODEL.paths])
    paths = {f"{s} -> {t}": POPULATION.stated[f"{s} -> {t}"] for s, t in MODEL.paths}
    population = from_parameters(model, paths, {"A": 0.8, "M": 0.7, "Y": 0.75})
    draws = power_chunk(population, N, seed=SEED, start=0, stop=REPLICATIONS, test="normal")
    assert not draws.failed.all()                                        # else the loop below checks nothing
    for r in range(REPLICATIONS):
        data = pd.DataFrame(simulate(population, N, seed=SEED, start=r, stop=r + 1)[0], columns=model.indicator_names)
        try:
            result = plssem.estimate(data, model)
        except plssem.ModelError:
            assert draws.failed[r]
            continue
        original = np.concatenate([result.paths.to_numpy(), result.specific_indirect_effects.to_numpy()])
        assert not draws.failed[r]
        np.testing.assert_allclose(draws.estimates[r], original, atol=1e-10)


def test_common_factor_normal_verdicts_are_the_monte_carlo_critical_values():
    spec = {name: {"indicators": list(c.indicators), "model": "common_factor"} for name, c in
            zip(MODEL.construct_names, MODEL.constructs)}
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in MODEL.paths])
    population = from_parameters(model, {f"{s} -> {t}": POPULATION.stated[f"{s} -> {t}"] for s, t in MODEL.paths},
                                 {"A": 0.8, "M": 0.7, "Y": 0.75})
    draws = power_chunk(population, N, seed=SEED, start=0, stop=60, test="normal")
    assert 0 < draws.failed.sum() < 30
    table, _ = summarise([draws], population.effects, alpha=0.1, test="normal")
    expected = _normal_power(draws.estimates, list(population.effects.values()), 0.1, 2)
    np.testing.assert_array_equal(table["Power"].to_numpy(), expected)
    assert (expected > 0).any() and (expected < 1).any()
