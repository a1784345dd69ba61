"""Formative (Mode B) blocks and single items against seminr, on Hair et al.'s corporate-reputation data.

seminr ships ``corp_rep_data``, the data of Hair et al.'s (2022) worked example: four
formative drivers (QUAL, PERF, CSOR, ATTR), each with a global single item
(``qual_global``, ``perf_global``, ``csor_global``, ``attr_global``) for the
redundancy analysis, and the single-item construct CUSA.

* Mode B weights and loadings and the single item's, point estimates: ours against
  seminr's ``estimate_pls`` to 1e-6.
* Bootstrap of weights and loadings from the same rows (seminr accepts an index
  matrix): every subsample, and the SD and t of each Mode B weight and loading, to 1e-6.
  The data are mean-replaced once beforehand on both sides (seminr would re-replace
  inside every subsample).
* Single item: weight and loading exactly 1 (by construction, decided from the model),
  bootstrap SD exactly 0.0 and no t or p (NaN); seminr's own draws of that weight are 1
  to rounding, which is the noise (SD ~1e-16, t ~1e15) the engine no longer reports.
* Redundancy analysis: the path of each two-construct model ``C -> global item``
  against seminr estimating the same model, to 1e-6; and the textbook's decision
  (every driver's path at least 0.70: convergent validity established).
* Formative assessment: the textbook's decision, that no formative indicator of the
  example is removed (the non-significant weights have loadings of 0.50 or more).
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.bootstrap import resample_indices
from engine_support import CORP_REP_PATHS, CORP_REP_SPEC, assert_close, corp_rep_data, seminr_dataset, seminr_estimate
from plssem_pipeline.analysis import formative, tables

seminr = pytest.importorskip("seminr")

TOL = 1e-6
SEED = 11
B_SAME = 60
GLOBAL = {"QUAL": "qual_global", "PERF": "perf_global", "CSOR": "csor_global", "ATTR": "attr_global"}
ALGORITHM = {"weighting": "path", "max_iter": 300, "tol": 1e-10}


@functools.lru_cache(maxsize=None)
def _setup():
    raw = corp_rep_data()
    data = raw.fillna(raw.mean(numeric_only=True))      # mean replacement once, for both sides
    model = plssem.Model.from_spec(CORP_REP_SPEC, CORP_REP_PATHS)
    ours = plssem.estimate(data, model, tol=1e-10)
    theirs = seminr_estimate(data, CORP_REP_SPEC, CORP_REP_PATHS, stop_criterion=10)
    return data, model, ours, theirs


def _owners(model):
    names = list(model.construct_names)
    return [names[j] for j in model.indicator_construct]


def _positions(model, mode_b: bool):
    return [i for i, c in enumerate(_owners(model))
            if (CORP_REP_SPEC[c]["mode"] == "B") == mode_b and len(CORP_REP_SPEC[c]["indicators"]) > 1]


@functools.lru_cache(maxsize=None)
def _same_draws():
    data, model, ours, theirs = _setup()
    rows = resample_indices(ours.n, SEED, 0, B_SAME)     # the rows our documented generator draws
    draws = plssem.bootstrap(ours.data.standardized, model, seed=SEED, stop=B_SAME, tol=1e-10)
    boot = seminr.bootstrap_model(theirs, indices=rows)
    return draws, boot


def test_mode_b_and_single_item_point_estimates():
    _, model, ours, theirs = _setup()
    owner = _owners(model)
    for family, mine, their in (("weights", ours.outer_weights, theirs.outer_weights),
                                ("loadings", ours.outer_loadings, theirs.outer_loadings)):
        for label, keep in (("Mode B", _positions(model, True)), ("single item", [model.indicator_names.index("cusa")])):
            names = [model.indicator_names[i] for i in keep]
            assert_close(mine.to_numpy()[keep], [their.get(n, owner[i]) for n, i in zip(names, keep)], TOL,
                         f"corp_rep {label} {family}")
    assert ours.outer_weights[("CUSA", "cusa")] == 1.0 and ours.outer_loadings[("CUSA", "cusa")] == 1.0


def test_bootstrap_weights_and_loadings_same_draws():
    """Per subsample and summarised: SD (n - 1 on both sides) and t = estimate / SD of every Mode B weight and loading."""
    _, model, ours, _ = _setup()
    draws, boot = _same_draws()
    assert boot.fails == 0 and not draws.failed.any()
    owner = _owners(model)
    keep = _positions(model, True)
    original = plssem.statistics.collect(ours.core, ours.correlations[None], model)
    for family, mats in (("weights", boot.boot_weights), ("loadings", boot.boot_loadings)):
        theirs = np.array([[m.get(i, c) for i, c in zip(model.indicator_names, owner)] for m in mats])
        assert_close(draws.values[family][:, keep], theirs[:, keep], TOL, f"corp_rep same-draws Mode B {family}")
        summary = plssem.summarize(original[family][0], draws.values[family])
        sd = theirs[:, keep].std(axis=0, ddof=1)
        assert_close(summary["sd"].to_numpy()[keep], sd, TOL, f"corp_rep Mode B {family} bootstrap SD")
        assert_close(summary["t"].to_numpy()[keep], original[family][0][keep] / sd, TOL, f"corp_rep Mode B {family} t")


def test_single_item_has_sd_zero_and_no_t_or_p():
    _, model, ours, _ = _setup()
    draws, boot = _same_draws()
    i = model.indicator_names.index("cusa")
    theirs = np.array([m.get("cusa", "CUSA") for m in boot.boot_weights])
    assert_close(draws.values["weights"][:, i], theirs, TOL, "corp_rep same-draws single-item weight")
    result = plssem.estimate(_setup()[0], model)
    full = plssem.bootstrap(result.data.standardized, model, seed=SEED, stop=500)
    summaries = tables.bootstrap_tables(result, full)
    for family in ("weights", "loadings"):
        row = summaries[family].set_index(["construct", "indicator"]).loc[("CUSA", "cusa")]
        assert row["original"] == 1.0 and row["mean"] == 1.0 and row["sd"] == 0.0
        assert np.isnan(row["t"]) and np.isnan(row["p"])
        assert row["ci_low"] == 1.0 and row["ci_high"] == 1.0
        others = summaries[family].drop(index=i)
        assert (others["sd"] > 0).all() and others["t"].notna().all()


@pytest.mark.parametrize("construct", list(GLOBAL))
def test_redundancy_path_against_seminr(construct):
    data, *_ = _setup()
    constructs = {name: {**spec, "redundancy": GLOBAL.get(name)} for name, spec in CORP_REP_SPEC.items()}
    ours = formative.redundancy_analysis(data, constructs, ALGORITHM).set_index("construct")
    spec = {construct: CORP_REP_SPEC[construct], "G": {"indicators": [GLOBAL[construct]], "mode": "A"}}
    theirs = seminr_estimate(data, spec, [(construct, "G")], stop_criterion=10)
    assert_close([ours.loc[construct, "path"]], [theirs.path_coef.get(construct, "G")], TOL,
                 f"redundancy path {construct}")
    assert_close([ours.loc[construct, "r2"]], [theirs.r_squared.get("Rsq", "G")], TOL, f"redundancy R² {construct}")
    assert ours.loc[construct, "global_item"] == GLOBAL[construct]
    # Hair et al. (2022, ch. 5): all four drivers have convergent validity (path >= 0.70)
    assert ours.loc[construct, "verdict"] == "convergent"


def test_formative_assessment_reaches_the_textbooks_decisions():
    """Hair et al. (2022, ch. 5) keep every formative indicator of the example: the weights that are not
    significant belong to indicators whose loadings are 0.50 or more. 5,000 subsamples, as the textbook."""
    data, model, _, _ = _setup()
    result = plssem.estimate(data, model)
    draws = plssem.bootstrap(result.data.standardized, model, seed=SEED, stop=5000)
    summaries = tables.bootstrap_tables(result, draws)
    vif = tables.outer_tables(result)["vif"]
    table = formative.formative_assessment(summaries["weights"], summaries["loadings"], vif, CORP_REP_SPEC)
    assert len(table) == sum(len(c["indicators"]) for c in CORP_REP_SPEC.values() if c["mode"] == "B")
    assert (table["decision"] == "keep").all(), table[["indicator", "weight_p", "loading", "rule"]]
    assert set(table["rule"]) == {"weight_significant", "loading_at_least_0.5"}
    assert (table["collinearity"] == "none").all()        # the textbook: every VIF below 3
    # the rule is the one the numbers give
    sig = table["weight_p"] < 0.05
    assert (table.loc[sig, "rule"] == "weight_significant").all()
    assert (table.loc[~sig, "loading"] >= 0.5).all()
    pd.testing.assert_series_equal(table["weight"].reset_index(drop=True),
                                   summaries["weights"].set_index(["construct", "indicator"])
                                   .loc[list(zip(table["construct"], table["indicator"])), "original"]
                                   .reset_index(drop=True), check_names=False)


def test_single_item_and_mode_b_draws_do_not_depend_on_chunking():
    """Byte-identical weights and loadings (single item included) for one chunk or chunks of 7 and 64."""
    data, model, _, _ = _setup()
    result = plssem.estimate(data, model)
    whole = plssem.bootstrap(result.data.standardized, model, seed=SEED, stop=150, chunk_size=150)
    for size in (7, 64):
        parts = [plssem.bootstrap(result.data.standardized, model, seed=SEED, start=lo, stop=min(lo + 40, 150),
                                  chunk_size=size) for lo in range(0, 150, 40)]
        merged = plssem.merge(parts)
        for family in ("weights", "loadings"):
            assert whole.values[family].tobytes() == merged.values[family].tobytes(), (family, size)
