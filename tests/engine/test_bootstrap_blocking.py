"""The bootstrap's bounded-memory blocking changes no number (issue 17).

:mod:`plssem.moments` accumulates the weighted sums over fixed blocks of rows and draws the counts in
sub-batches under byte budgets (:func:`plssem.draws.resample_counts`). Checked here, on data a few
blocks long (``n > 2 ROWS``, so blocks, tiles and budgets all split somewhere):

* the sums equal their definition (the resampled rows themselves, summed by numpy) and, for
  ``n <= ROWS``, the full-``p²`` products the bootstrap used before the blocking;
* the counts are the bincount of :func:`plssem.draws.resample_indices` for any budget, also for draws
  longer than a piece of raw words (:data:`plssem.draws.PIECE`);
* sums, correlations and bootstrap estimates are byte-identical for any chunking, chunk size,
  count budget and draw budget, and for data sets sharing one draw of the counts;
* the jackknife's downdated sums give the estimates of the leave-one-out count vectors;
* models with generated indicators give the same bytes in batches of any size (:func:`staged_batch`).

Cost: about 2 s in all.
"""
from __future__ import annotations

import importlib

import numpy as np
import pytest

import plssem
from plssem import draws, moments
from plssem.moments import ROWS, TILE, tiled_product

N = 2 * ROWS + 37
SEED = 17


def _data(n: int, p: int = 6) -> np.ndarray:
    """Standardised data of two correlated blocks of three indicators."""
    rng = np.random.default_rng(3)
    latent = rng.standard_normal((n, 2)) @ np.array([[1.0, 0.5], [0.0, 0.9]])
    x = np.repeat(latent, p // 2, axis=1) + rng.standard_normal((n, p))
    return (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)


MODEL = plssem.Model.from_spec({"X": ["x1", "x2", "x3"], "Y": ["y1", "y2", "y3"]}, ["X -> Y"])


def test_counts_are_the_drawn_rows_for_any_budget():
    rows = draws.resample_indices(N, SEED, 5, 12)
    by_definition = np.stack([np.bincount(r, minlength=N) for r in rows])
    for budget in (1, 24 * N * 3, 2**26):
        counts = draws.resample_counts(N, SEED, 5, 12, budget=budget, dtype=np.uint8)
        np.testing.assert_array_equal(counts, by_definition)


@pytest.mark.parametrize("n", [draws.PIECE + 3, 3 * draws.PIECE])
def test_counts_read_in_pieces_are_the_drawn_rows(n):
    """A draw longer than a piece of raw words (the last piece ends in the draw's 1-3 unused words, or exactly)."""
    rows = draws.resample_indices(n, SEED, 2, 5, stream=draws.named_stream("g"))
    by_definition = np.stack([np.bincount(r, minlength=n) for r in rows])
    for dtype in (np.uint8, np.int64):          # added piece by piece (numpy.add.at) / one bincount a sub-batch
        counts = draws.resample_counts(n, SEED, 2, 5, stream=draws.named_stream("g"), dtype=dtype)
        np.testing.assert_array_equal(counts, by_definition)


def test_sums_match_the_resampled_rows():
    z = _data(N)
    rows = draws.resample_indices(N, SEED, 60, 70)
    total, first, second = moments.resampled_sums(z, SEED, 60, 70)
    # The two sides add the same N terms in different orders, so they differ by at most about
    # N·ε·max|z| ≈ 4e-12 (first sums; atol 1e-10) and N·ε·max z² ≈ 1.5e-11 (second sums; max|z| ≈ 4.1
    # here), which is below 2e-14 of the smallest |Σ z_i z_j| (about 970): rtol 1e-13. The correlations
    # then differ by about ε·max z² ≈ 4e-15 (atol 1e-13).
    for i, r in enumerate(rows):
        picked = z[r]
        assert total[i] == N
        np.testing.assert_allclose(first[i], picked.sum(axis=0), rtol=0, atol=1e-10)
        np.testing.assert_allclose(second[i], picked.T @ picked, rtol=1e-13)
        np.testing.assert_allclose(moments.moments_from_sums(total, first, second)[2][i],
                                   np.corrcoef(picked, rowvar=False), rtol=0, atol=1e-13)


def test_small_n_sums_unchanged_from_the_full_products():
    """For ``n <= ROWS`` one block: the sums of the products the bootstrap formed whole before (p² columns)."""
    z = _data(300)
    counts = draws.resample_counts(300, SEED, 30, 130)
    before = tiled_product(counts, 30, (z[:, :, None] * z[:, None, :]).reshape(300, -1)).reshape(-1, 6, 6)
    _, first, second = moments.weighted_sums(z, counts, 30)
    np.testing.assert_allclose(second, before, rtol=1e-15, atol=0)
    np.testing.assert_allclose(first, tiled_product(counts, 30, z), rtol=1e-15, atol=0)


@pytest.mark.parametrize("budget, draw_budget", [(1, 1), (TILE * N, 24 * N * 5), (2**28, 2**26)])
def test_sums_identical_for_any_split_and_budget(budget, draw_budget):
    z = _data(N)
    whole = moments.resampled_sums(z, SEED, 0, 3 * TILE + 5)
    parts = [moments.resampled_sums(z, SEED, lo, hi, budget=budget, draw_budget=draw_budget)
             for lo, hi in ((0, 1), (1, TILE + 3), (TILE + 3, 3 * TILE + 5))]
    for k, arr in enumerate(whole):
        assert np.concatenate([p[k] for p in parts]).tobytes() == arr.tobytes()
    counts = draws.resample_counts(N, SEED, 0, 3 * TILE + 5)
    for k, arr in enumerate(moments.weighted_sums(z, counts, 0)):
        assert arr.tobytes() == whole[k].tobytes()


def test_several_data_sets_share_the_counts_and_get_their_own_sums():
    """``resampled_sums`` of a list (the fit test's two Bollen–Stine data sets): each one's own sums, byte for byte."""
    z, other = _data(N), _data(N)[:, ::-1].copy()
    both = moments.resampled_sums([z, other], SEED, 3, TILE + 9, budget=TILE * N)
    for data, sums in zip((z, other), both):
        for got, alone in zip(sums, moments.resampled_sums(data, SEED, 3, TILE + 9)):
            assert got.tobytes() == alone.tobytes()


def test_bootstrap_identical_for_any_chunking_at_several_blocks():
    z = _data(N)
    whole = plssem.bootstrap(z, MODEL, seed=SEED, stop=150)
    parts = plssem.merge([plssem.bootstrap(z, MODEL, seed=SEED, start=lo, stop=hi, chunk_size=size)
                          for (lo, hi), size in zip(((70, 150), (0, 3), (3, 70)), (1, 37, 1000))])
    for name in whole.values:
        assert whole.values[name].tobytes() == parts.values[name].tobytes(), name
    assert not whole.failed.any()


def test_jackknife_downdate_equals_the_leave_one_out_counts():
    """The downdated sums estimate what the count vectors with one zero estimate (the implementation before)."""
    z = _data(120)
    jack = plssem.jackknife(z, MODEL, tol=1e-10, chunk_size=50)
    counts = np.ones((120, 120), dtype=np.int64)
    np.fill_diagonal(counts, 0)
    _, _, _, by_counts = plssem.estimate_batch(z, counts, 0, MODEL, {"scheme": "path", "max_iter": 300, "tol": 1e-10})
    # Σz − z_i and Σzz' − z_i z_i' differ from the sums over the other rows by about ε·max z² ≈ 2e-15
    # (max|z| ≈ 2.8 at n = 120), and the estimates of this well-conditioned two-block model by a small
    # multiple of that: atol 1e-14.
    for name, arr in by_counts.items():
        np.testing.assert_allclose(jack[name], arr, rtol=0, atol=1e-14, err_msg=name)


def test_staged_batches_identical_to_one_batch(monkeypatch):
    """A model with an interaction term estimated in batches of 1 and 5 samples (:func:`staged_batch`) as in one."""
    module = importlib.import_module("plssem.bootstrap")
    model = plssem.Model.from_spec({"X": ["x1", "x2"], "M": ["x3"], "Y": ["y1", "y2", "y3"]},
                                   ["X -> Y", "M -> Y", "X x M -> Y"])
    z = _data(60)
    whole = plssem.bootstrap(z, model, seed=SEED, stop=12)
    jack = plssem.jackknife(z, model)
    one = module.STAGED_BYTES // module.staged_batch(model, 60, 10**9)       # bytes of one sample's batch
    for size in (1, 7):
        monkeypatch.setattr(module, "STAGED_BYTES", size * one)
        assert module.staged_batch(model, 60, 1000) == size
        parts = plssem.bootstrap(z, model, seed=SEED, stop=12)
        for name in whole.values:
            assert whole.values[name].tobytes() == parts.values[name].tobytes(), name
    again = plssem.jackknife(z, model)                                      # batches of 7
    for name in jack:
        assert jack[name].tobytes() == again[name].tobytes(), name
