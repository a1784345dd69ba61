"""The power steps (issue 17): rules power_chunk and power run as Snakemake runs them (their ``main`` on real files),
without a Snakemake run: a given population of the default model (no survey), the normal test and a tiny grid.

* the results are byte-identical for two chunkings of the replications (one job, three jobs);
* power.csv's power and MC SE are recomputed here from the chunks' estimates: the normal test decided after the
  merge from its definition (|θ̂| beyond the 1 − α quantile of the replications' |θ̂ − θ|: a Wald test with the
  Monte Carlo sampling error), the share significant, √(P(1 − P)/R); minimum_n.csv's minimum n (and its note) from power.csv; the true and stated
  values are the population's; the Kock & Hadaya columns at the simulation's α, tails and target;
* a chunk made with other settings is refused, naming the folder to delete.
"""
from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import yaml

from plssem_pipeline import io, study
from plssem_pipeline.errors import UserError
from plssem_pipeline.steps import power, power_chunk

from pipeline_helpers import ROOT
from test_power_config import POPULATION

LOG = logging.getLogger("test_power_steps")


def _settings(**changes) -> dict:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["power"] = {"n": [40, 20], "replications": 6, "test": "normal", "population": POPULATION, **changes}
    return config, study.power_settings(config)


def _run(folder, chunks, **changes):
    """power_chunk then power, with the replications split at ``chunks`` (the ranges' bounds); the output folder."""
    config, settings = _settings(**changes)
    spec = study.model_spec(config)
    paths = []
    for n in settings["n"]:
        for start, stop in zip(chunks[:-1], chunks[1:]):
            path = folder / f"chunks/n{n}_{start}-{stop}.npz"
            power_chunk.main(SimpleNamespace(
                wildcards=SimpleNamespace(n=str(n), start=str(start), stop=str(stop)), input=SimpleNamespace(),
                output=SimpleNamespace(draws=str(path)),
                params=SimpleNamespace(power=settings, model=spec, algorithm=config["algorithm"], engine="engine-x",
                                       pipeline="pipeline-x")), LOG)
            paths.append(str(path))
    out = SimpleNamespace(power=str(folder / "power.csv"), minimum_n=str(folder / "minimum_n.csv"),
                          summary=str(folder / "summary.json"))
    power.main(SimpleNamespace(input=SimpleNamespace(chunks=paths), output=out,
                               params=SimpleNamespace(power=settings, engine="engine-x", pipeline="pipeline-x")), LOG)
    return folder, paths


_RUNS: list = []


def chunked_runs(tmp_path_factory) -> list:
    """``[(folder, chunk paths)]`` of the steps run with one chunk and with three, made once per session (the report's
    tests, tests/report/test_power_report.py, read the second)."""
    if not _RUNS:
        _RUNS.append(_run(tmp_path_factory.mktemp("power_one_chunk"), [0, 6]))
        _RUNS.append(_run(tmp_path_factory.mktemp("power_three_chunks"), [0, 2, 4, 6]))
    return _RUNS


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return chunked_runs(tmp_path_factory)


def test_results_identical_for_any_chunking(runs):
    (one, _), (three, _) = runs
    for name in ("power.csv", "minimum_n.csv"):
        assert (one / name).read_bytes() == (three / name).read_bytes()


def _normal_test(estimates: np.ndarray, true: np.ndarray, alpha: float) -> np.ndarray:
    """Two-tailed: |θ̂| above the critical value, the 1 − α type-7 quantile (Hyndman & Fan 1996) of the absolute
    errors |θ̂ − θ| of all replications at that n."""
    errors = np.sort(np.abs(estimates - true), axis=0)
    position = (1 - alpha) * (len(errors) - 1)
    below = int(np.floor(position))
    above = min(below + 1, len(errors) - 1)
    critical = errors[below] + (position - below) * (errors[above] - errors[below])
    return np.abs(estimates) > critical


def test_power_and_mc_se_from_the_chunks_estimates(runs):
    folder, paths = runs[1]
    table = io.read_csv(folder / "power.csv")
    _, settings = _settings()
    for n in settings["n"]:
        parts = [io.load_arrays(p, what="chunk", rule="power_chunk") for p in paths if f"/n{n}_" in p]
        assert not any(a["significant"].any() for a, _ in parts)     # the normal test is decided after the merge
        failed = np.concatenate([a["failed"] for a, _ in parts])
        estimates = np.concatenate([a["estimates"] for a, _ in parts])[~failed]
        labels = parts[0][1]["labels"]
        true = np.array([parts[0][1]["effects"][label] for label in labels])
        usable = _normal_test(estimates, true, settings["alpha"])
        share = usable.mean(axis=0)
        rows = table[table["n"] == n].set_index("effect").loc[labels]
        np.testing.assert_array_equal(rows["power"].to_numpy(), share)
        np.testing.assert_allclose(rows["mc_se"].to_numpy(), np.sqrt(share * (1 - share) / usable.shape[0]),
                                   rtol=1e-15, atol=0)
        assert (rows["replications"] == usable.shape[0]).all() and (rows["failed"] == failed.sum()).all()


def test_minimum_n_and_true_values(runs):
    folder, _ = runs[1]
    table, minimum = io.read_csv(folder / "power.csv"), io.read_csv(folder / "minimum_n.csv")
    details = json.loads((folder / "summary.json").read_text())["details"]
    config, _ = _settings()
    from plssem.population import from_parameters

    population = from_parameters(study.model_from_spec(study.model_spec(config)),
                                 **study.power.population_parameters(POPULATION),
                                 scheme=study.algorithm_options(config["algorithm"])["scheme"])
    truth = population.effects
    assert details["effects"] == truth and list(minimum["effect"]) == list(truth)
    assert details["stated"] == population.stated
    assert list(minimum["stated_value"]) == [population.stated[e] for e in minimum["effect"]]
    assert details["n"] == [20, 40] and details["population"] == "given"
    for record in minimum.to_dict("records"):
        rows = table[table["effect"] == record["effect"]]
        reached = rows.loc[rows["power"] >= 0.8, "n"]
        assert record["true_value"] == truth[record["effect"]]
        if len(reached):
            assert record["minimum_n"] == reached.min()
            assert (record["note"] == "smallest n simulated") == (reached.min() == min(details["n"]))
        else:
            assert pd.isna(record["minimum_n"]) and record["effect"] in details["not_reached"]


def test_a_chunk_of_other_settings_is_refused(runs, tmp_path):
    _, paths = runs[1]
    _, settings = _settings(seed=1)
    with pytest.raises(UserError, match="delete results/power/chunks"):
        power.merged_draws(paths, settings, "engine-x")
    with pytest.raises(UserError, match="delete results/power/chunks"):
        power.merged_draws(paths, _settings()[1], "engine-y")


def test_kock_and_hadaya_for_paths_only(runs):
    """The inverse square root method at the simulation's α (two-tailed) and target power, from scipy's normal
    quantiles: n > (c / |β|)², c = z_{1-α/2} + z_{power} rounded to 3 decimals as Kock & Hadaya (2018) eq. 5 prints
    it; the constant and K&H's own one-tailed one (2.486) in summary.json; none for an indirect effect. The
    gamma-exponential column is the engine's at the same α, tails and power (its values are tested against the
    paper's Exhibit B.1 in tests/engine/test_power_sample_size.py): here that the step passes them."""
    from plssem.sample_size import gamma_exponential
    from scipy.stats import norm

    folder = runs[1][0]
    minimum = io.read_csv(folder / "minimum_n.csv")
    methods = json.loads((folder / "summary.json").read_text())["details"]["kock_hadaya"]
    _, settings = _settings()
    c = round(norm.ppf(1 - settings["alpha"] / 2) + norm.ppf(settings["target"]), 3)
    assert methods == {"tails": 2, "alpha": settings["alpha"], "power": settings["target"], "constant": c,
                       "constant_one_tailed": round(norm.ppf(1 - settings["alpha"]) + norm.ppf(settings["target"]), 3)}
    for record in minimum.to_dict("records"):
        if record["effect"].count("->") > 1:
            assert pd.isna(record["inverse_square_root"]) and pd.isna(record["gamma_exponential"])
        else:
            assert record["inverse_square_root"] == np.floor((c / abs(record["true_value"])) ** 2) + 1
            assert record["gamma_exponential"] == gamma_exponential(record["true_value"], alpha=settings["alpha"],
                                                                    power=settings["target"], tails=2)


def test_the_study_deciding_otherwise_is_said():
    """bootstrap.ci: bca (with interval decisions) and sign changes: the power analysis' percentile interval without
    sign changes is said in a warning (and in the report's settings sentence)."""
    config, settings = _settings(test="bootstrap")
    config["bootstrap"].update(ci="bca", sign_change="construct")
    warnings = power.decision_warnings(study.power_settings(config))
    assert len(warnings) == 2 and "percentile interval" in warnings[0] and "bca" in warnings[0]
    assert "bootstrap.sign_change" in warnings[1]
    assert power.decision_warnings(settings) == []
