"""Bootstrap MGA against seminr's ``estimate_pls_mga`` given the same group resamples.

The fixture's two customer groups (mga_support.py: within-group mean replacement, Contract
plan first). Our group bootstraps draw from their own Philox streams,
``plssem.bootstrap.named_stream(str(code))``; seminr's ``estimate_pls_mga`` accepts explicit
resample matrices (``group1_indices`` / ``group2_indices``), and is given exactly the rows
``plssem.bootstrap.resample_indices`` draws on those streams. It re-estimates each group
itself (``rerun`` on the rows of its boolean condition) and bootstraps it. The pooled data it
is given has no missing values left (each group's were replaced within the group), so its
own missing-value treatment changes nothing.

Agreement to 1e-6 (both sides converged to 1e-10): the 13 group path coefficients, the
bootstrap means, and Henseler's one-tailed PLS-MGA p (seminr's O(B²) double sum; ours by
sorting, ``centre="mean"``: seminr reflects the draws about their means; SmartPLS 4 and cSEM
centre them on the originals instead, ``centre="original"``, the default, checked against
SmartPLS in test_smartpls_mga.py and against cSEM's pairwise rule below). B = 100 subsamples a group keeps seminr's part to a few seconds.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.bootstrap import named_stream, resample_indices, stream_uniforms
from engine_support import assert_close, seminr_estimate
from mga_support import GROUPS, case, pooled, treated_groups

seminr = pytest.importorskip("seminr")

SEED = 20261130
B = 40
TOL = 1e-6


@functools.lru_cache(maxsize=None)
def _ours():
    _, _, model, _ = case()
    out = []
    for (_, code), data in zip(GROUPS, treated_groups()):
        result = plssem.estimate(data, model, tol=1e-10)
        draws = plssem.bootstrap(result.data.standardized, model, seed=SEED, stop=B, tol=1e-10,
                                 stream=named_stream(str(code)))
        out.append((result, draws))
    return out


@functools.lru_cache(maxsize=None)
def _seminr():
    from seminr import estimate_pls_mga

    spec, paths, _, _ = case()
    data, n1 = pooled()
    full = seminr_estimate(data, spec, paths, stop_criterion=10)
    (_, code1), (_, code2) = GROUPS
    rows = [resample_indices(n, SEED, 0, B, named_stream(str(code)))
            for n, code in ((n1, code1), (len(data) - n1, code2))]
    result = estimate_pls_mga(full, np.arange(len(data)) < n1, nboot=B, group1_indices=rows[0],
                              group2_indices=rows[1])
    return pd.DataFrame([vars(r) for r in result]).set_index(["source", "target"])


def _paths_frame(values: np.ndarray) -> pd.DataFrame:
    _, _, model, _ = case()
    return pd.DataFrame(values, columns=pd.MultiIndex.from_tuples(model.paths, names=["source", "target"]))


def test_named_streams_are_disjoint_and_documented():
    """A group's stream is 2**32 + the first 4 bytes of SHA-256(name), and its draws are those of a
    Philox generator whose counter's top word is that stream (built directly here)."""
    import hashlib

    stream = named_stream("2")
    assert stream == 2**32 + int.from_bytes(hashlib.sha256(b"2").digest()[:4], "big")
    assert len({named_stream(str(c)) for c in range(1, 50)} | {0, 1, 2, 3}) == 53
    n, words = 125, -(-125 // 4)
    for i in (0, 7):
        bits = np.random.Philox(key=SEED, counter=[i * words, 0, 0, stream])
        direct = np.random.Generator(bits).random(4 * words)[:n]
        np.testing.assert_array_equal(stream_uniforms(n, SEED, i, i + 1, stream)[0], direct)
    assert not np.array_equal(resample_indices(n, SEED, 0, 3, stream), resample_indices(n, SEED, 0, 3))


def test_bootstrap_stream_zero_is_the_default():
    result, _ = _ours()[1]
    a = plssem.bootstrap(result.data.standardized, result.model, seed=SEED, stop=20)
    b = plssem.bootstrap(result.data.standardized, result.model, seed=SEED, stop=20, stream=0)
    for name in a.values:
        assert a.values[name].tobytes() == b.values[name].tobytes()


def test_group_paths_agree():
    theirs = _seminr()
    (r1, _), (r2, _) = _ours()
    assert_close(r1.paths.to_numpy(), theirs.loc[list(r1.paths.index), "group1_beta"].to_numpy(), TOL,
                 "seminr MGA group 1 paths")
    assert_close(r2.paths.to_numpy(), theirs.loc[list(r2.paths.index), "group2_beta"].to_numpy(), TOL,
                 "seminr MGA group 2 paths")


def test_group_bootstrap_means_agree():
    theirs = _seminr()
    (_, d1), (_, d2) = _ours()
    assert not d1.failed.any() and not d2.failed.any()
    for draws, column in ((d1, "group1_beta_mean"), (d2, "group2_beta_mean")):
        mean = _paths_frame(draws.values["paths"]).mean()
        assert_close(mean.to_numpy(), theirs.loc[list(mean.index), column].to_numpy(), TOL, f"seminr MGA {column}")


def test_henseler_p_agrees():
    theirs = _seminr()
    (_, d1), (_, d2) = _ours()
    one, two = plssem.bootstrap_mga(d1.values["paths"], d2.values["paths"], centre="mean")
    _, _, model, _ = case()
    expected = theirs.loc[list(model.paths), "pls_mga_p"].to_numpy()
    assert_close(one, expected, TOL, "seminr henseler_p (one-tailed PLS-MGA p)")
    np.testing.assert_allclose(two, 2 * np.minimum(expected, 1 - expected), atol=TOL)
    assert 0 < expected.min() and expected.max() < 1      # not a degenerate comparison


def test_bootstrap_mga_leaves_nan_draws_out():
    """A NaN draw (failed subsample) is dropped from its group: the same p as without that row."""
    (_, d1), (_, d2) = _ours()
    b1 = d1.values["paths"].copy()
    b1[5] = np.nan
    (r1, _), (r2, _) = _ours()
    originals = (r1.paths.to_numpy(), r2.paths.to_numpy())
    for centre in ("mean", "original"):
        with_nan = plssem.bootstrap_mga(b1, d2.values["paths"], *originals, centre=centre)
        without = plssem.bootstrap_mga(np.delete(d1.values["paths"], 5, axis=0), d2.values["paths"], *originals,
                                       centre=centre)
        np.testing.assert_array_equal(with_nan[0], without[0])


def test_bootstrap_mga_centred_on_originals_is_the_pairwise_share():
    """``centre="original"`` (SmartPLS 4, cSEM): the O(B log B) count equals cSEM's ``calculatePr``
    written out as the O(B²) mean of ``(1 + sign(y_k - x_j)) / 2`` over all pairs."""
    (r1, d1), (r2, d2) = _ours()
    b1, b2 = d1.values["paths"], d2.values["paths"]
    o1, o2 = r1.paths.to_numpy(), r2.paths.to_numpy()
    one, two = plssem.bootstrap_mga(b1, b2, o1, o2)
    x = b1 - b1.mean(axis=0) + o1
    y = b2 - b2.mean(axis=0) + o2
    direct = ((1 + np.sign(y[None, :, :] - x[:, None, :])) / 2).mean(axis=(0, 1))
    assert_close(one, direct, 1e-12, "Bootstrap MGA (centred on originals) vs pairwise share")
    with pytest.raises(ValueError, match="original"):
        plssem.bootstrap_mga(b1, b2)
