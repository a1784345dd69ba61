"""Mediation decided by the bootstrap interval (Zhao, Lynch & Chen 2010; Hair et al. 2022, ch. 7), the VAF's
own reading (Hair et al. 2014, ch. 7), and the total / total indirect effects, each against an independent
recomputation: numpy percentiles of ``results/bootstrap/draws.npz``, and the total effects as the power series
of the path-coefficient matrix of ``results/inner/paths.csv``."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from plssem.inference import summarize
from plssem_pipeline.analysis.mediation import MEDIATION, VAF_FULL, VAF_PARTIAL, mediation_table, mediation_type

ALPHA = 0.05
KEYS = ["source", "target"]


def _row(summary: pd.DataFrame, **keys) -> pd.DataFrame:
    """A one-row summary of :func:`plssem.inference.summarize` with a results file's keys in front."""
    return pd.concat([pd.DataFrame([keys]), summary], axis=1)


def _mediation_from_draws(indirect_draws, direct_draws, significance=None):
    """The mediation table of one route X -> M -> Y with a direct path X -> Y, from crafted bootstrap draws.

    The rows are summarised as the bootstrap step does (:func:`plssem.inference.summarize`); the total
    effect's draws are the sum of the two effects' draws."""
    indirect_draws, direct_draws = np.asarray(indirect_draws, float), np.asarray(direct_draws, float)
    indirect, direct = float(np.median(indirect_draws)), float(np.median(direct_draws))
    specific = _row(summarize(np.array([indirect]), indirect_draws[:, None]), path="X -> M -> Y", source="X",
                    target="Y")
    paths = _row(summarize(np.array([direct]), direct_draws[:, None]), source="X", target="Y")
    total = _row(summarize(np.array([indirect + direct]), (indirect_draws + direct_draws)[:, None]),
                 source="X", target="Y")
    kwargs = {} if significance is None else {"significance": significance}
    return mediation_table(specific, paths, total, specific.drop(columns="path"), alpha=ALPHA, **kwargs).iloc[0]


def _skewed_positive(rng, b=2000):
    """Draws of an effect clearly above zero with a long upper tail: the percentile interval excludes zero,
    but the tail inflates the STDEV so that t = O/STDEV is small and p > alpha."""
    draws = rng.normal(0.10, 0.02, b)
    draws[: b // 25] = 3.0          # 4 % far out in the upper tail
    return draws


def _outlying_negative(rng, b=2000):
    """Draws tight around 0.20 with 4 % at -0.05: p < alpha, but the 2.5 % percentile is below zero."""
    draws = rng.normal(0.20, 0.02, b)
    draws[: b // 25] = -0.05
    return draws


def test_p_value_and_interval_disagree_the_interval_decides():
    rng = np.random.default_rng(12)
    direct = rng.normal(0.0, 0.05, 2000)                       # no direct effect by either rule
    row = _mediation_from_draws(_skewed_positive(rng), direct)
    assert row["p"] >= ALPHA and row["ci_low"] > 0             # the two rules disagree on this row ...
    assert row["significant"] and row["mediation_type"] == "indirect-only"     # ... the interval decides
    assert not _mediation_from_draws(_skewed_positive(np.random.default_rng(12)), direct,
                                     significance="p_value")["significant"]   # p_value stays an option

    row = _mediation_from_draws(_outlying_negative(rng), direct)
    assert row["p"] < ALPHA and row["ci_low"] < 0 < row["ci_high"]
    assert not row["significant"] and row["mediation_type"] == "no-effect"


def test_the_default_rule_is_the_interval():
    import yaml

    from pipeline_helpers import ROOT

    schema = yaml.safe_load((ROOT / "workflow/schemas/config.schema.yaml").read_text(encoding="utf-8"))
    rule = schema["properties"]["mediation"]["properties"]["significance"]
    assert rule["default"] == "confidence_interval" and "p_value" in rule["enum"]
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert config["mediation"]["significance"] == "confidence_interval"


_effect = st.floats(-0.6, 0.6, allow_nan=False).filter(lambda x: abs(x) > 1e-3)


@settings(max_examples=300, deadline=None)
@given(indirect=_effect, direct=_effect, other_routes=st.floats(-0.3, 0.3), indirect_sig=st.booleans(),
       direct_sig=st.booleans())
def test_vaf_never_contradicts_the_type_without_a_note(indirect, direct, other_routes, indirect_sig, direct_sig):
    """Whatever the effects and their tests, the VAF's reading agrees with the typology's partial / full /
    none, or the row's ``vaf_note`` says why not; competitive mediation has no VAF."""
    def row(original, significant):
        low, high = (0.01, 0.5) if significant else (-0.1, 0.1)
        return [original, original, 0.1, original / 0.1, 0.01 if significant else 0.5, low, high, 1000]

    stats = ["original", "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid"]
    specific = pd.DataFrame([["X -> M -> Y", "X", "Y", *row(indirect, indirect_sig)]], columns=["path", *KEYS, *stats])
    paths = pd.DataFrame([["X", "Y", *row(direct, direct_sig)]], columns=[*KEYS, *stats])
    total = paths.assign(original=direct + indirect + other_routes)
    r = mediation_table(specific, paths, total, total.assign(original=indirect + other_routes), alpha=ALPHA).iloc[0]
    assert r["mediation_type"] == mediation_type(indirect_sig, direct_sig, indirect, direct)
    assert r["mediation"] == MEDIATION[r["mediation_type"]]
    if r["vaf_note"] == "":
        assert r["vaf_mediation"] == r["mediation"]
    else:
        assert r["vaf_note"] in ("undefined", "not_significant", "differs")
    if r["vaf_mediation"] != r["mediation"]:
        assert r["vaf_note"] != ""
    if (indirect + other_routes) * direct < 0:     # the pair's total indirect effect against the direct effect
        assert math.isnan(r["vaf"]) and r["vaf_note"] == "undefined"
    if r["vaf_mediation"] in ("full", "partial", "none"):   # Hair et al.'s thresholds on the ratio itself
        share = (indirect + other_routes) / (direct + indirect + other_routes)
        assert r["vaf"] == pytest.approx(share, rel=1e-12)
        assert r["vaf_mediation"] == ("full" if share > VAF_FULL else "partial" if share >= VAF_PARTIAL else "none")


# ---- the default run's results files against numpy ------------------------------------------------------------

def _draws(run):
    with np.load(run / "results/bootstrap/draws.npz", allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


def _percentiles(draws: np.ndarray) -> np.ndarray:
    """(2, m): numpy's 2.5 % and 97.5 % percentiles of the usable draws (rows with a NaN left out)."""
    usable = draws[np.isfinite(draws).all(axis=1)]
    return np.percentile(usable, [100 * ALPHA / 2, 100 * (1 - ALPHA / 2)], axis=0)


def _excludes_zero(bounds: np.ndarray) -> np.ndarray:
    return (bounds[0] > 0) | (bounds[1] < 0)


def test_mediation_decision_is_the_interval_recomputed_from_the_draws(default_run):
    mediation = pd.read_csv(default_run / "results/mediation/indirect.csv", keep_default_na=False)
    specific = pd.read_csv(default_run / "results/bootstrap/specific_indirect.csv")
    paths = pd.read_csv(default_run / "results/bootstrap/paths.csv")
    draws = _draws(default_run)
    # the effects that are hypotheses are tested two-tailed, as the bootstrap rows are
    assert pd.read_csv(default_run / "results/hypotheses/hypotheses.csv")["tails"].eq(2).all()
    indirect_bounds = _percentiles(draws["specific_indirect"])
    direct_bounds = _percentiles(draws["paths"])
    indirect_sig = dict(zip(specific["path"], _excludes_zero(indirect_bounds)))
    direct_sig = {(s, t): sig for s, t, sig in zip(paths["source"], paths["target"], _excludes_zero(direct_bounds))}
    direct = {(s, t): o for s, t, o in zip(paths["source"], paths["target"], paths["original"])}
    np.testing.assert_allclose(mediation.set_index("path").loc[specific["path"], ["ci_low", "ci_high"]].to_numpy(),
                               indirect_bounds.T, rtol=0, atol=1e-12)
    assert len(mediation) == len(specific) > 0
    for r in mediation.to_dict("records"):
        pair = (r["source"], r["target"])
        assert bool(r["significant"]) == indirect_sig[r["path"]]
        assert bool(r["direct_significant"]) == direct_sig.get(pair, False)
        assert r["mediation_type"] == mediation_type(indirect_sig[r["path"]], direct_sig.get(pair, False),
                                                     r["original"], direct.get(pair))


def _total_effects(coefficients: pd.DataFrame, constructs: list) -> np.ndarray:
    """(k, k) total effects B + B² + B³ + ... of the recursive path matrix B (B[i, j]: effect of i on j)."""
    index = {c: i for i, c in enumerate(constructs)}
    b = np.zeros((len(constructs), len(constructs)))
    for s, t, value in coefficients.itertuples(index=False):
        b[index[s], index[t]] = value
    total, power = np.zeros_like(b), np.eye(len(constructs))
    for _ in constructs:                                          # B is nilpotent: B^k = 0
        power = power @ b
        total += power
    return total


def _path_matrix(results):
    """The constructs, their index, the total effects of results/inner/paths.csv and its direct paths."""
    coefficients = pd.read_csv(results / "inner/paths.csv")[["source", "target", "coefficient"]]
    constructs = sorted(set(coefficients["source"]) | set(coefficients["target"]))
    direct = {(s, t): c for s, t, c in coefficients.itertuples(index=False)}
    return constructs, {c: i for i, c in enumerate(constructs)}, _total_effects(coefficients, constructs), direct


def test_total_effects_are_direct_plus_every_specific_indirect_effect(default_run):
    results = default_run / "results"
    constructs, index, total, direct = _path_matrix(results)
    specific = pd.read_csv(results / "bootstrap/specific_indirect.csv").groupby(KEYS)["original"].sum()
    effects = pd.read_csv(results / "bootstrap/total_effects.csv")
    indirect = pd.read_csv(results / "bootstrap/total_indirect.csv")
    nonzero = {(constructs[i], constructs[j]) for i, j in zip(*np.nonzero(np.abs(total) > 1e-15))}
    assert set(zip(effects["source"], effects["target"])) == nonzero
    for s, t, value in effects[[*KEYS, "original"]].itertuples(index=False):
        assert value == pytest.approx(total[index[s], index[t]], abs=1e-12)
        assert value == pytest.approx(direct.get((s, t), 0.0) + specific.get((s, t), 0.0), abs=1e-12)
    assert set(zip(indirect["source"], indirect["target"])) == set(specific.index) and len(indirect) > 0
    for s, t, value in indirect[[*KEYS, "original"]].itertuples(index=False):
        assert value == pytest.approx(total[index[s], index[t]] - direct.get((s, t), 0.0), abs=1e-12)


def test_vaf_is_the_pairs_total_indirect_share_recomputed_from_the_path_matrix(default_run):
    """Each row's VAF is (T - B)[s, t] / T[s, t] of its pair, T the total effects of the path matrix B (power
    series above): the pair's total indirect effect, not the row's chain (Hair et al. 2022, ch. 7); NaN where
    the model has no direct path s -> t (the row is then typed no-direct-path or no-effect, never full
    mediation) or the indirect and direct effects have opposite signs."""
    results = default_run / "results"
    constructs, index, total, direct = _path_matrix(results)
    mediation = pd.read_csv(results / "mediation/indirect.csv", keep_default_na=False)
    assert len(mediation) > 0
    for r in mediation.to_dict("records"):
        pair = (r["source"], r["target"])
        whole = total[index[pair[0]], index[pair[1]]]
        indirect = whole - direct.get(pair, 0.0)
        if pair not in direct:
            assert r["vaf"] == "" and r["mediation_type"] in ("no-direct-path", "no-effect")
        elif indirect * direct[pair] < 0:
            assert r["vaf"] == ""
        else:
            assert float(r["vaf"]) == pytest.approx(indirect / whole, abs=1e-12)


def test_total_effect_intervals_are_the_percentiles_of_the_recomputed_draws(default_run):
    """Each subsample's total effects are recomputed from its path coefficients (the power series above);
    their numpy percentiles, mean and STDEV are the bootstrap files' columns."""
    results = default_run / "results"
    draws = _draws(default_run)
    labels = pd.read_csv(results / "bootstrap/paths.csv")[KEYS]
    constructs = sorted(set(labels["source"]) | set(labels["target"]))
    index = {c: i for i, c in enumerate(constructs)}
    usable = draws["paths"][np.isfinite(draws["paths"]).all(axis=1)]
    per_draw = np.array([_total_effects(labels.assign(coefficient=row), constructs) for row in usable])
    for name, minus_direct in (("total_effects", False), ("total_indirect", True)):
        frame = pd.read_csv(results / f"bootstrap/{name}.csv")
        rows = [(index[s], index[t]) for s, t in zip(frame["source"], frame["target"])]
        values = np.stack([per_draw[:, i, j] for i, j in rows], axis=1)
        if minus_direct:
            direct = {(index[s], index[t]): k for k, (s, t) in enumerate(zip(labels["source"], labels["target"]))}
            values = values - np.stack([usable[:, direct[p]] if p in direct else np.zeros(len(usable)) for p in rows],
                                       axis=1)
        bounds = _percentiles(values)
        np.testing.assert_allclose(frame[["ci_low", "ci_high"]].to_numpy(), bounds.T, rtol=0, atol=1e-12)
        np.testing.assert_allclose(frame["mean"], values.mean(axis=0), rtol=0, atol=1e-12)
        np.testing.assert_allclose(frame["sd"], values.std(axis=0, ddof=1), rtol=0, atol=1e-12)
