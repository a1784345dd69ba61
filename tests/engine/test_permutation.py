"""Group permutations (plssem.permutation) on the fixture's two customer groups.

* The group assignments are the documented ones: rebuilt here from a Philox generator whose
  counter is set directly (stream 3), stable argsort, the ``n1`` smallest to group 1; they
  depend on (seed, permutation index) alone.
* For a handful of permutations, seminr's ``estimate_pls`` on the two permuted subsets of the
  pooled data gives the same paths, outer weights and R² to 1e-10 (both converged to 1e-10;
  seminr's weights and ours are scaled to unit-variance scores).
* The un-permuted split (rows ``0 .. n1-1`` vs the rest) through the same batched machinery
  reproduces ``plssem.estimate`` on each group.
* Byte-identical results for any chunking and any split into jobs.
"""
from __future__ import annotations

import functools
import hashlib

import numpy as np
import pytest

import plssem
from plssem.bootstrap import estimate_batch
from plssem.permutation import STREAM, PermutationDraws, group_assignments, merge, pair_stream, permutation_estimates
from engine_support import assert_close, named, seminr_estimate
from mga_support import case, pooled, treated_groups

SEED = 515
SOME = 4          # permutations compared with seminr
TOL = 1e-10


@functools.lru_cache(maxsize=None)
def _draws(stop: int = SOME, chunk_size: int = 500):
    _, _, model, _ = case()
    data, n1 = pooled()
    return permutation_estimates(data.to_numpy(), n1, model, seed=SEED, stop=stop, chunk_size=chunk_size, tol=1e-10)


def test_group_assignments_are_the_documented_ones():
    data, n1 = pooled()
    n = len(data)
    words = -(-n // 4)
    member = group_assignments(n1, n - n1, SEED, 0, 6)
    assert member.shape == (6, n) and (member.sum(axis=1) == n1).all()
    for i in range(6):
        bits = np.random.Philox(key=SEED, counter=[i * words, 0, 0, STREAM])
        u = np.random.Generator(bits).random(4 * words)[:n]
        expected = np.zeros(n, dtype=bool)
        expected[np.argsort(u, kind="stable")[:n1]] = True
        np.testing.assert_array_equal(member[i], expected)
    np.testing.assert_array_equal(group_assignments(n1, n - n1, SEED, 3, 5), member[3:5])
    assert not (group_assignments(n1, n - n1, SEED + 1, 0, 6) == member).all()


def test_permuted_groups_agree_with_seminr():
    spec, paths, model, _ = case()
    data, n1 = pooled()
    draws = _draws()
    member = group_assignments(n1, len(data) - n1, SEED, 0, SOME)
    names = list(model.construct_names)
    owner = model.indicator_construct
    assert not draws.failed.any()
    for i in range(SOME):
        for g, rows in enumerate((member[i], ~member[i])):
            theirs = seminr_estimate(data[rows], spec, paths, stop_criterion=10)
            assert_close(draws.values["paths"][i, g], [theirs.path_coef.get(s, t) for s, t in model.paths], TOL,
                         f"permutation {i} group {g + 1} paths")
            weights = [theirs.outer_weights.get(ind, names[owner[j]]) for j, ind in enumerate(model.indicator_names)]
            assert_close(draws.values["weights"][i, g], weights, TOL, f"permutation {i} group {g + 1} weights")
            assert_close(draws.weights[i, g], named(theirs.outer_weights, model.indicator_names, names), TOL,
                         f"permutation {i} group {g + 1} weight matrix")
            r2 = [theirs.r_squared.get("Rsq", names[j]) for j in model.endogenous]
            assert_close(draws.values["r2"][i, g], r2, TOL, f"permutation {i} group {g + 1} R²")


def test_original_split_reproduces_the_groups_estimates():
    _, _, model, _ = case()
    data, n1 = pooled()
    x = data.to_numpy()
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    original = (np.arange(len(x)) < n1)
    counts = np.stack([original, ~original]).astype(np.int64)
    core, _, _, collected = estimate_batch(z, counts, 0, model, {"scheme": "path", "max_iter": 300, "tol": 1e-10})
    for g, group in enumerate(treated_groups()):
        result = plssem.estimate(group, model, tol=1e-10)
        assert_close(collected["paths"][g], result.paths.to_numpy(), TOL, f"group {g + 1} paths, original split")
        assert_close(core.weights[g], result.core.weights[0], TOL, f"group {g + 1} weights, original split")


@pytest.mark.parametrize("chunk_size", [1, 3, 7])
def test_any_chunking_is_byte_identical(chunk_size):
    whole = _draws(10, 10)
    parts = [permutation_estimates(pooled()[0].to_numpy(), pooled()[1], case()[2], seed=SEED, start=lo, stop=hi,
                                   chunk_size=chunk_size, tol=1e-10) for lo, hi in ((4, 10), (0, 4))]
    merged = merge(parts)
    assert merged.start == 0 and len(merged) == 10
    for name in whole.values:
        assert merged.values[name].tobytes() == whole.values[name].tobytes(), name
    assert merged.weights.tobytes() == whole.weights.tobytes()
    assert merged.failed.tobytes() == whole.failed.tobytes()


def test_merge_refuses_gaps_other_streams_and_nothing():
    with pytest.raises(ValueError, match="do not tile"):
        merge([_draws(SOME), _draws(SOME)])
    with pytest.raises(ValueError, match="no permutation chunks"):
        merge([])
    other = _draws(SOME)
    other = PermutationDraws(SOME, other.values, other.weights, other.failed, pair_stream("2-vs-1"))
    with pytest.raises(ValueError, match="different streams"):
        merge([_draws(SOME), other])


def test_each_pair_has_its_own_stream():
    """``pair_stream(pair)`` is ``2**32`` + the first 4 bytes of SHA-256 of ``"permutation:<pair>"``; two pairs
    of the same sizes and seed get different splits, and the draws record their stream."""
    for pair in ("2-vs-1", "3-vs-1"):
        digest = hashlib.sha256(f"permutation:{pair}".encode()).digest()
        assert pair_stream(pair) == 2**32 + int.from_bytes(digest[:4], "big")
    a, b = (group_assignments(30, 20, SEED, 0, 5, pair_stream(pair)) for pair in ("2-vs-1", "3-vs-1"))
    assert not (a == b).all(axis=1).any()
    assert (group_assignments(30, 20, SEED, 0, 5) == group_assignments(30, 20, SEED, 0, 5, STREAM)).all()
    _, _, model, _ = case()
    data, n1 = pooled()
    draws = permutation_estimates(data.to_numpy(), n1, model, seed=SEED, stop=2, stream=pair_stream("2-vs-1"))
    assert draws.stream == pair_stream("2-vs-1") and _draws(SOME).stream == STREAM


def test_permutation_p_is_chins_two_tailed_share():
    """``plssem.permutation_test`` on the fixture's permuted path differences equals the share of
    permutations with ``|d*| >= |d|`` counted in a plain Python loop (Chin & Dibbern 2010), equals
    cSEM's two counts (``R/postestimate_test_MGD.R``, Chin: ``>= |d|`` plus ``<= -|d|`` since 0.2.0;
    the strict ``>``/``<`` before) on these differences, which have no ties, and leaves out a failed
    (NaN) permutation instead of counting it."""
    _, _, model, _ = case()
    draws = _draws(10, 10)
    original = (plssem.estimate(treated_groups()[0], model, tol=1e-10).paths.to_numpy()
                - plssem.estimate(treated_groups()[1], model, tol=1e-10).paths.to_numpy())
    permuted = draws.values["paths"][:, 0] - draws.values["paths"][:, 1]
    p = plssem.permutation_test(original, permuted)
    for j, d in enumerate(original):
        column = [float(v) for v in permuted[:, j]]
        hits = 0
        for v in column:
            if abs(v) >= abs(d):
                hits += 1
        assert p[j] == hits / len(column)
        assert d != 0 and all(abs(v) != abs(d) for v in column)       # no ties: the conventions agree
        csem = sum(v >= abs(d) for v in column) / len(column) + sum(v <= -abs(d) for v in column) / len(column)
        strict = sum(v > abs(d) for v in column) / len(column) + sum(v < -abs(d) for v in column) / len(column)
        assert p[j] == pytest.approx(csem, abs=1e-15) and p[j] == pytest.approx(strict, abs=1e-15)
    permuted[3] = np.nan
    np.testing.assert_array_equal(plssem.permutation_test(original, permuted),
                                  plssem.permutation_test(original, np.delete(permuted, 3, axis=0)))
    assert 0 < p.max() <= 1 and p.min() >= 0
    # No difference at all (a single item's loading, 1 in every group): each permutation counts once, p = 1.
    assert plssem.permutation_test(np.zeros(1), np.zeros((5, 1)))[0] == 1


def test_staged_model_permutations_agree_with_estimate_per_subset():
    """A model with a two-stage interaction term: every group's term is made from that group's own
    first-stage scores, so each permuted group's estimates equal ``plssem.estimate`` on its rows."""
    spec, paths, _, _ = case()
    model = plssem.Model.from_spec(spec, paths + [("COMP x LIKE", "CUSL")])
    data, n1 = pooled()
    draws = permutation_estimates(data.to_numpy(), n1, model, seed=SEED, stop=3, tol=1e-10)
    member = group_assignments(n1, len(data) - n1, SEED, 0, 3)
    assert not draws.failed.any()
    for i in range(3):
        for g, rows in enumerate((member[i], ~member[i])):
            result = plssem.estimate(data[rows], model, tol=1e-10)
            assert_close(draws.values["paths"][i, g], result.paths.to_numpy(), TOL,
                         f"interaction model, permutation {i} group {g + 1} paths")


def test_tied_uniforms_fall_back_to_the_stable_sort(monkeypatch):
    """Ties at the n1-th smallest uniform (never seen with 53-bit uniforms) still give the documented
    split: the stable argsort's first n1 rows. Uniforms with ties are substituted for the stream's."""
    import plssem.permutation as permutation

    u = np.array([[0.5, 0.1, 0.5, 0.9, 0.5], [0.3, 0.2, 0.1, 0.4, 0.5]])
    monkeypatch.setattr(permutation, "stream_uniforms", lambda n, seed, start, stop, stream: u[start:stop])
    member = permutation.group_assignments(2, 3, 0, 0, 2)
    np.testing.assert_array_equal(member[0], [True, True, False, False, False])     # 0.1, then the first 0.5
    np.testing.assert_array_equal(member[1], [False, True, True, False, False])
