"""The moderation tables (``analysis/moderation.py``) for a quadratic term, without a DAG run.

The engine estimates and bootstraps (100 subsamples) a model ``X -> Y``, ``X x X -> Y`` on data simulated
with a quadratic effect; the tables are built from the engine's bootstrap tables as the pipeline builds
them, and checked against closed forms recomputed here: the effect of X at X = x is ``b1 + 2·b3·x``, the
simple-slope curve ``b1·x + b3·x²`` and the Johnson–Neyman roots of
``(b1 + 2·b3·x)² = c²·Var(b1 + 2·b3·x)`` with the bootstrap covariance and the t(B' − 1) critical value.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

ALPHA = 0.05
SAMPLES = 100
LEVELS = {"-1": -1.0, "0": 0.0, "+1": 1.0}


@pytest.fixture(scope="module")
def quadratic():
    """``(model, result, draws, tables)`` of the quadratic model on 200 simulated respondents."""
    import plssem
    from plssem_pipeline.analysis import tables

    rng = np.random.default_rng(7)
    n = 200
    x = rng.standard_normal(n)
    y = 0.4 * x - 0.2 * x**2 + 0.8 * rng.standard_normal(n)
    data = pd.DataFrame({f"x{i}": x + 0.5 * rng.standard_normal(n) for i in (1, 2, 3)}
                        | {f"y{i}": y + 0.5 * rng.standard_normal(n) for i in (1, 2)})
    model = plssem.Model.from_spec({"X": ["x1", "x2", "x3"], "Y": ["y1", "y2"]}, ["X -> Y", "X x X -> Y"])
    result = plssem.estimate(data, model)
    draws = plssem.bootstrap(result.observed_data.standardized, model, seed=3, stop=SAMPLES)
    summaries = tables.bootstrap_tables(result, draws, alpha=ALPHA)
    for frame in summaries.values():   # as written to and read from the CSVs: the level as text
        if "level" in frame:
            frame["level"] = frame["level"].astype(str)
    return model, result, draws.values, summaries


def test_quadratic_simple_slopes_are_the_derivative(quadratic):
    from plssem_pipeline.analysis.moderation import simple_slopes_table

    model, result, _, summaries = quadratic
    slopes = simple_slopes_table(model, summaries["paths"], summaries["moderation"])
    b1 = result.paths[("X", "Y")]
    b3 = result.paths[("X x X", "Y")] / result.term_sd["X x X"]
    assert list(slopes["level"]) == list(LEVELS)
    for record in slopes.to_dict("records"):
        x = LEVELS[record["level"]]
        assert record["conditional_effect"] == pytest.approx(b1 + 2 * b3 * x, abs=1e-12)
        assert record["moderator_effect"] == 0.0 and record["raw_coefficient"] == pytest.approx(b3, abs=1e-12)
        def curve(v):   # y = iv_effect·x + moderator_effect·w + raw_coefficient·x·w with w = x
            return record["iv_effect"] * v + record["moderator_effect"] * v + record["raw_coefficient"] * v * v

        h = 1e-6
        assert (curve(x + h) - curve(x - h)) / (2 * h) == pytest.approx(record["conditional_effect"], abs=1e-8)


def test_quadratic_johnson_neyman_and_row(quadratic):
    from plssem_pipeline.analysis.moderation import interactions_table

    model, result, draws, summaries = quadratic
    f2 = result.f2.reset_index()
    table = interactions_table(model, summaries["paths"], summaries["moderation"], f2, draws, result.scores,
                               result.term_sd, alpha=ALPHA)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["term"], row["iv"], row["moderator"], row["target"]) == ("X x X", "X", "X", "Y")
    assert row["f2"] == result.f2[("X x X", "Y")]
    assert (row["moderator_min"], row["moderator_max"]) == (result.scores["X"].min(), result.scores["X"].max())
    paths = summaries["paths"]
    iv_at = paths.index[(paths["source"] == "X") & (paths["target"] == "Y")][0]
    slope = 2 * draws["moderation"][:, 0]                    # d/dx of b3·x²: twice the raw coefficient
    cov = np.cov(draws["paths"][:, iv_at], slope, ddof=1)
    c = stats.t.ppf(1 - ALPHA / 2, SAMPLES - 1)
    b1, b3 = result.paths[("X", "Y")], 2 * row["raw_coefficient"]

    def excess(x):
        return (b1 + b3 * x) ** 2 - c**2 * (cov[0, 0] + 2 * x * cov[0, 1] + x**2 * cov[1, 1])

    roots = np.sort(np.roots([b3**2 - c**2 * cov[1, 1], 2 * (b1 * b3 - c**2 * cov[0, 1]),
                              b1**2 - c**2 * cov[0, 0]]).real)
    np.testing.assert_allclose([row["jn_lower"], row["jn_upper"]], roots, rtol=1e-9)
    inside = excess(roots.mean()) > 0
    assert row["jn_region"] == ("inside" if inside else "outside")


def test_a_model_without_terms_gives_header_only_tables():
    import plssem
    from plssem_pipeline.analysis import moderation, tables

    rng = np.random.default_rng(1)
    x = rng.standard_normal(60)
    data = pd.DataFrame({"x1": x + rng.standard_normal(60), "x2": x + rng.standard_normal(60),
                         "y1": x + rng.standard_normal(60), "y2": x + rng.standard_normal(60)})
    model = plssem.Model.from_spec({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, ["X -> Y"])
    result = plssem.estimate(data, model)
    draws = plssem.bootstrap(result.observed_data.standardized, model, seed=1, stop=10)
    summaries = tables.bootstrap_tables(result, draws)
    interactions = moderation.interactions_table(model, summaries["paths"], summaries["moderation"],
                                                 result.f2.reset_index(), draws.values, result.scores,
                                                 result.term_sd, alpha=ALPHA)
    slopes = moderation.simple_slopes_table(model, summaries["paths"], summaries["moderation"])
    moderated = moderation.moderated_mediation_table(summaries["moderated_mediation"], alpha=ALPHA)
    for frame, columns in ((interactions, moderation.INTERACTION_COLUMNS), (slopes, moderation.SLOPE_COLUMNS),
                           (moderated, moderation.MODERATED_MEDIATION_COLUMNS)):
        assert frame.empty and list(frame.columns) == columns
    assert all(frame.empty for frame in tables.lower_order_tables(result).values())


def test_mediation_routes_are_the_written_structural_routes():
    """With a repeated-indicators (Mode A) second-order construct as the moderated target: the routes kept for
    mediation and moderated mediation start at a configured construct and use only paths the config writes
    (never the construct's paths to its dimensions, never a control's path)."""
    import plssem
    from plssem_pipeline import study
    from plssem_pipeline.analysis import tables
    from plssem_pipeline.analysis.mediation import mediation_routes

    import moderation_study

    config = {"constructs": {**{name: {"indicators": items} for name, items in moderation_study.BLOCKS.items()},
                             "Q": {"dimensions": ["Q1", "Q2"], "mode": "A", "approach": "repeated_indicators"}},
              "paths": ["X -> M", "W -> M", "X -> Q", "W -> Q", "X x W -> Q", "Q -> Y", "M -> Y"],
              "controls": {"age": ["M"]}}
    spec = study.model_spec(config)
    model = study.model_from_spec(spec)
    result = plssem.estimate(moderation_study.simulate_survey(), model)
    draws = plssem.bootstrap(result.observed_data.standardized, model, seed=5, stop=10)
    summaries = tables.bootstrap_tables(result, draws)
    written = {tuple(part.strip() for part in p.split("->")) for p in config["paths"]}

    def structural(path):
        nodes = [node.strip() for node in path.split("->")]
        return nodes[0] in config["constructs"] and all(edge in written for edge in zip(nodes, nodes[1:]))

    for family in ("specific_indirect", "moderated_mediation"):
        frame = summaries[family]
        kept, left_out = mediation_routes(frame, study.roles(spec))
        assert list(kept["path"]) == [p for p in frame["path"] if structural(p)], family
        assert left_out == [p for p in frame["path"] if not structural(p)], family
        assert left_out                                    # the model has routes of both kinds
    assert "X -> Q -> Y" in set(summaries["moderated_mediation"]["path"])
