"""The moderation test study (tests/pipeline/moderation_study.py) through the real Snakemake DAG.

One run (200 subsamples, 2 chunks, ``--cores 2``), shared with the report tests. Its files are
checked against the engine run directly on the cleaned survey (``plssem.estimate``, and
``plssem.bootstrap`` for the first subsamples) and against closed forms recomputed here with numpy:

* the bootstrap chunks are ``plssem.bootstrap`` of the *observed* indicators (the interaction term's
  and the second-order construct's indicators are made in every subsample);
* simple slopes ``b1 + b3·w`` and the index of moderated mediation ``b3·b`` (Hayes 2015) on the
  full sample and on every subsample of ``draws.npz``;
* the Johnson–Neyman bounds as the roots of ``(b1 + b3·w)² = c²·Var(b1 + b3·w)`` with the bootstrap
  covariance and the t(B' - 1) critical value, and the region's side;
* f² of the interaction term from the R² of the target's two OLS regressions on the construct scores;
* the lower-order measurement model: Cronbach's alpha from the standardised items' variances, ρ_C
  from the loadings;
* the mediation table leaves out the route that starts at the interaction term; the control
  variable's path is estimated and is no hypothesis.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import moderation_study as study_data

TERM, IV, MODERATOR, MEDIATOR, OUTCOME = "X x W", "X", "W", "M", "Y"
LEVELS = {"-1": -1.0, "0": 0.0, "+1": 1.0}
ALPHA = 0.05


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return study_data.moderation_study_run(tmp_path_factory)


def _csv(run, name: str) -> pd.DataFrame:
    from plssem_pipeline.io import read_csv

    frame = read_csv(run / "results" / name, dtype={"level": str})
    if "level" in frame:
        frame["level"] = frame["level"].fillna("")
    return frame


@pytest.fixture(scope="module")
def engine(run):
    """``(model, result)``: the engine on the run's cleaned survey, the model built from the study's spec."""
    import plssem

    constructs, paths, moderation = study_data.engine_spec()
    model = plssem.Model.from_spec(constructs, paths, moderation=moderation)
    return model, plssem.estimate(_csv(run, "clean/survey.csv"), model)


@pytest.fixture(scope="module")
def draws(run):
    with np.load(run / "results" / "bootstrap" / "draws.npz") as data:
        return {name: data[name] for name in data.files}


def _path(frame, source, target, column="original"):
    row = frame[(frame["source"] == source) & (frame["target"] == target)]
    assert len(row) == 1, (source, target)
    return row.index[0], float(row[column].iloc[0])


def test_point_estimates_are_the_engines(run, engine):
    _, result = engine
    paths = _csv(run, "inner/paths.csv").set_index(["source", "target"])["coefficient"]
    pd.testing.assert_series_equal(paths, result.paths, check_names=False, rtol=0, atol=1e-12)
    assert ("age", OUTCOME) in paths.index
    interactions = _csv(run, "moderation/interactions.csv")
    assert list(zip(interactions["term"], interactions["target"])) == [(TERM, MEDIATOR)]
    row = interactions.iloc[0]
    assert (row["iv"], row["moderator"], row["method"], bool(row["standardize_term"])) == (
        IV, MODERATOR, "two_stage", True)
    assert row["coefficient"] == pytest.approx(result.paths[(TERM, MEDIATOR)], abs=1e-12)
    assert row["term_sd"] == pytest.approx(result.term_sd[TERM], abs=1e-12)
    assert row["raw_coefficient"] == pytest.approx(row["coefficient"] / row["term_sd"], abs=1e-12)
    scores = result.scores[MODERATOR]
    assert (row["moderator_min"], row["moderator_max"]) == pytest.approx((scores.min(), scores.max()), abs=1e-12)


def test_interaction_f2_from_the_two_regressions(run, engine):
    """f² = (R²_included − R²_excluded) / (1 − R²_included), OLS of M's scores with and without the term."""
    _, result = engine
    scores = result.scores

    def r2(predictors):
        x = scores[predictors].to_numpy()
        y = scores[MEDIATOR].to_numpy()
        beta = np.linalg.lstsq(x, y, rcond=None)[0]
        return 1 - np.sum((y - x @ beta) ** 2) / np.sum(y**2)

    full, reduced = r2([IV, MODERATOR, TERM]), r2([IV, MODERATOR])
    expected = (full - reduced) / (1 - full)
    _, inner = _path(_csv(run, "inner/f2.csv"), TERM, MEDIATOR, "f2")
    assert inner == pytest.approx(expected, abs=1e-10)
    assert _csv(run, "moderation/interactions.csv")["f2"].iloc[0] == inner


def test_bootstrap_chunks_are_the_engine_bootstrap_of_the_observed_indicators(run, engine, draws):
    import plssem

    model, result = engine
    seed = study_data.study_config_dict()["bootstrap"]["seed"]
    whole = plssem.bootstrap(result.observed.standardized, model, seed=seed, stop=study_data.SAMPLES)  # one batch
    assert study_data.CHUNKS > 1                                    # the run's chunks tile what one call makes
    for family in ("paths", "moderation", "moderated_mediation", "loadings"):
        np.testing.assert_array_equal(draws[family], whole.values[family], err_msg=family)
    assert draws["moderation"].shape == (study_data.SAMPLES, 4)


def test_simple_slopes_and_their_draws(run, draws):
    paths, moderation = _csv(run, "bootstrap/paths.csv"), _csv(run, "bootstrap/moderation.csv")
    raw_at = moderation.index[moderation["statistic"] == "raw_coefficient"][0]
    iv_at, b1 = _path(paths, IV, MEDIATOR)
    _, b2 = _path(paths, MODERATOR, MEDIATOR)
    raw = moderation.loc[raw_at, "original"]
    slopes = _csv(run, "moderation/simple_slopes.csv")
    assert list(slopes["level"]) == list(LEVELS)
    for record in slopes.to_dict("records"):
        w = LEVELS[record["level"]]
        assert record["conditional_effect"] == pytest.approx(b1 + raw * w, abs=1e-12)
        assert (record["iv_effect"], record["moderator_effect"], record["raw_coefficient"]) == (b1, b2, raw)
        at = moderation.index[(moderation["statistic"] == "conditional_effect")
                              & (moderation["level"] == record["level"])][0]
        np.testing.assert_allclose(draws["moderation"][:, at],
                                   draws["paths"][:, iv_at] + w * draws["moderation"][:, raw_at], rtol=0, atol=1e-12)
        for column in ("sd", "t", "p", "ci_low", "ci_high"):
            assert record[column] == moderation.loc[at, column], column
        sd = np.std(draws["moderation"][:, at], ddof=1)
        assert record["sd"] == pytest.approx(sd, rel=1e-12)


def test_johnson_neyman_bounds_are_the_roots(run, draws):
    paths, moderation = _csv(run, "bootstrap/paths.csv"), _csv(run, "bootstrap/moderation.csv")
    iv_at, b1 = _path(paths, IV, MEDIATOR)
    raw_at = moderation.index[moderation["statistic"] == "raw_coefficient"][0]
    b3 = moderation.loc[raw_at, "original"]
    cov = np.cov(draws["paths"][:, iv_at], draws["moderation"][:, raw_at], ddof=1)
    c = stats.t.ppf(1 - ALPHA / 2, study_data.SAMPLES - 1)
    row = _csv(run, "moderation/interactions.csv").iloc[0]

    def excess(w):   # > 0 where the conditional effect's |t| exceeds c
        return (b1 + b3 * w) ** 2 - c**2 * (cov[0, 0] + 2 * w * cov[0, 1] + w**2 * cov[1, 1])

    bounds = [row["jn_lower"], row["jn_upper"]]
    if row["jn_region"] in ("everywhere", "nowhere"):
        assert all(np.isnan(bounds))
        assert (excess(0.0) > 0) == (row["jn_region"] == "everywhere")
        return
    assert row["jn_lower"] < row["jn_upper"]
    for w in bounds:
        assert excess(w) == pytest.approx(0, abs=1e-9)
    inside = excess((row["jn_lower"] + row["jn_upper"]) / 2) > 0
    assert row["jn_region"] == ("inside" if inside else "outside")


def test_moderated_mediation_is_the_index_and_conditional_indirect_effects(run, draws):
    paths, moderation = _csv(run, "bootstrap/paths.csv"), _csv(run, "bootstrap/moderation.csv")
    boot = _csv(run, "bootstrap/moderated_mediation.csv")
    table = _csv(run, "moderation/moderated_mediation.csv")
    route = f"{IV} -> {MEDIATOR} -> {OUTCOME}"
    assert set(table["path"]) == {route} and set(table["term"]) == {TERM}
    assert list(zip(table["statistic"], table["level"])) == [("index", "")] + [
        ("conditional_indirect", level) for level in LEVELS]
    iv_at, b1 = _path(paths, IV, MEDIATOR)
    b_at, b = _path(paths, MEDIATOR, OUTCOME)
    raw_at = moderation.index[moderation["statistic"] == "raw_coefficient"][0]
    raw, raw_draws = moderation.loc[raw_at, "original"], draws["moderation"][:, raw_at]
    expected = [(raw * b, raw_draws * draws["paths"][:, b_at])] + [
        ((b1 + raw * w) * b, (draws["paths"][:, iv_at] + raw_draws * w) * draws["paths"][:, b_at])
        for w in LEVELS.values()]
    for i, (original, per_subsample) in enumerate(expected):
        assert table.loc[i, "original"] == pytest.approx(original, abs=1e-12)
        np.testing.assert_allclose(draws["moderated_mediation"][:, i], per_subsample, rtol=0, atol=1e-12)
        for column in ("original", "sd", "t", "p", "ci_low", "ci_high"):
            assert table.loc[i, column] == boot.loc[i, column]
        excludes_zero = table.loc[i, "ci_low"] > 0 or table.loc[i, "ci_high"] < 0
        assert table.loc[i, "decision"] == ("significant" if excludes_zero else "not_significant")


def test_lower_order_measurement_model(run, engine):
    _, result = engine
    loadings = _csv(run, "outer/lower_order_loadings.csv")
    assert list(loadings["construct"].unique()) == ["Q1", "Q2"]
    first = result.first_stage
    np.testing.assert_allclose(loadings["loading"], first.outer_loadings[["Q1", "Q2"]], rtol=0, atol=1e-12)
    survey = _csv(run, "clean/survey.csv")
    reliability = _csv(run, "outer/lower_order_reliability.csv").set_index("construct")
    for name in ("Q1", "Q2"):
        items = survey[study_data.BLOCKS[name]].to_numpy(float)
        items = (items - items.mean(axis=0)) / items.std(axis=0, ddof=1)     # SmartPLS: standardised items
        k = items.shape[1]
        alpha = k / (k - 1) * (1 - items.var(axis=0, ddof=1).sum() / items.sum(axis=1).var(ddof=1))
        assert reliability.loc[name, "cronbach_alpha"] == pytest.approx(alpha, abs=1e-10)
        lam = loadings.loc[loadings["construct"] == name, "loading"].to_numpy()
        rho_c = lam.sum() ** 2 / (lam.sum() ** 2 + (1 - lam**2).sum())
        assert reliability.loc[name, "rho_c"] == pytest.approx(rho_c, abs=1e-10)
    htmt = _csv(run, "outer/lower_order_htmt.csv").set_index("construct")
    assert list(htmt.index) == ["Q1", "Q2"] and "Q" not in htmt.columns
    assert htmt.loc["Q1", "Q2"] == pytest.approx(first.htmt.loc["Q1", "Q2"], abs=1e-12)
    final = _csv(run, "outer/loadings.csv")
    assert list(final.loc[final["construct"] == "Q", "indicator"]) == ["Q1", "Q2"]


def test_mediation_routes_and_control_hypotheses(run):
    boot_routes = set(_csv(run, "bootstrap/specific_indirect.csv")["path"])
    mediation = set(_csv(run, "mediation/indirect.csv")["path"])
    assert f"{TERM} -> {MEDIATOR} -> {OUTCOME}" in boot_routes - mediation
    assert mediation == boot_routes - {f"{TERM} -> {MEDIATOR} -> {OUTCOME}"}
    assert f"{IV} -> {MEDIATOR} -> {OUTCOME}" in mediation
    hypotheses = _csv(run, "hypotheses/hypotheses.csv")
    assert "age -> Y" not in set(hypotheses["path"])


def test_a_study_without_extensions_has_header_only_tables(default_run):
    """The default study (no interaction term, no higher-order construct): the same files, header only."""
    for name in ("moderation/interactions.csv", "moderation/simple_slopes.csv", "moderation/moderated_mediation.csv",
                 "bootstrap/moderation.csv", "bootstrap/moderated_mediation.csv", "outer/lower_order_loadings.csv",
                 "outer/lower_order_reliability.csv", "outer/lower_order_htmt.csv"):
        assert _csv(default_run, name).empty, name
    assert set(_csv(default_run, "mediation/indirect.csv")["path"]) == set(
        _csv(default_run, "bootstrap/specific_indirect.csv")["path"])
