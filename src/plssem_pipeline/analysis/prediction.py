"""PLSpredict and CVPAT laid out as the results contract's tables (``results/predict/``).

The engine computes the out-of-sample predictions (:func:`plssem.predict.plspredict`), their metrics
and Hair et al.'s (2019) verdict (:mod:`plssem.predict_metrics`) and CVPAT (:mod:`plssem.cvpat`);
this module names the rows and columns:

* ``items.csv`` — per endogenous indicator: Q²predict, RMSE and MAE of PLS-SEM, LM and IA, the
  skewness of the PLS-SEM errors, and whether PLS-SEM's error (``predict.metric``) is below LM's;
* ``constructs.csv`` — per endogenous construct: Q²predict, RMSE and MAE of the construct scores,
  the indicator counts behind the verdict and the verdict (none, low, medium, high);
* ``cvpat.csv`` — CVPAT against IA and LM, per endogenous construct and overall, with a decision at
  ``bootstrap.alpha`` on the paired t test's p (Liengaard et al. 2021);
* ``errors.csv`` — the PLS-SEM out-of-sample errors per respondent, averaged over repetitions.

A model PLSpredict cannot take (interaction terms, higher-order constructs: :func:`plssem.predict.refusal`)
gets the same tables without rows (:func:`empty_tables`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..study import OVERALL

__all__ = ["ITEM_COLUMNS", "CONSTRUCT_COLUMNS", "CVPAT_COLUMNS", "BENCHMARKS", "observed_matrix",
           "empty_tables", "prediction_tables", "cvpat_decision"]

ITEM_COLUMNS = ["construct", "indicator", "q2_predict", "pls_rmse", "pls_mae", "lm_rmse", "lm_mae", "ia_rmse",
                "ia_mae", "error_skewness", "lower_than_lm"]
CONSTRUCT_COLUMNS = ["construct", "q2_predict", "rmse", "mae", "indicators", "q2_positive", "lower_than_lm",
                     "metric", "verdict"]
CVPAT_COLUMNS = ["benchmark", "construct", "pls_loss", "benchmark_loss", "average_loss_difference", "t", "p",
                 "boot_t", "boot_p", "decision"]
#: CVPAT's benchmarks: the name in ``cvpat.csv`` -> the errors of :func:`plssem.predict.prediction_metrics`.
BENCHMARKS = {"IA": "ia_errors", "LM": "lm_errors"}


def observed_matrix(survey: pd.DataFrame, result) -> np.ndarray:
    """The raw observed indicators PLSpredict takes, ``(n, p)``: the cleaned survey's rows the estimate used,
    columns in ``model.observed_indicators`` order (no round trip through the standardised data)."""
    return survey.loc[result.observed_data.index, list(result.model.observed_indicators)].to_numpy(dtype=float)


def _endogenous_indicators(model) -> list[tuple[str, str]]:
    """``(construct, indicator)`` of the endogenous constructs' observed indicators, in model order."""
    observed = set(model.observed_indicators)
    return [(model.construct_names[j], model.indicator_names[i]) for j in sorted(model.endogenous)
            for i in model.blocks[j] if model.indicator_names[i] in observed]


def empty_tables(model) -> dict[str, pd.DataFrame]:
    """Header-only ``items``, ``constructs``, ``cvpat`` and ``errors`` tables (``errors``: the endogenous
    constructs' observed indicators as columns)."""
    return {"items": pd.DataFrame(columns=ITEM_COLUMNS), "constructs": pd.DataFrame(columns=CONSTRUCT_COLUMNS),
            "cvpat": pd.DataFrame(columns=CVPAT_COLUMNS),
            "errors": pd.DataFrame(columns=[indicator for _, indicator in _endogenous_indicators(model)])}


def cvpat_decision(t: float, p: float, alpha: float) -> str:
    """``"PLS-SEM better"`` / ``"benchmark better"`` when ``p < alpha`` (by the sign of ``t``, positive when
    PLS-SEM's loss is lower), else ``"no difference"`` (also for a NaN p)."""
    if not p < alpha:
        return "no difference"
    return "PLS-SEM better" if t > 0 else "benchmark better"


def _cvpat_table(metrics: dict, item_construct, constructs: list[str], settings: dict) -> pd.DataFrame:
    from plssem.cvpat import construct_losses, cvpat

    k = len(constructs)
    pls = construct_losses(metrics["pls_errors"], item_construct, k)
    frames = []
    for benchmark, errors in BENCHMARKS.items():
        test = cvpat(pls, construct_losses(metrics[errors], item_construct, k),
                     samples=settings["cvpat"]["samples"], seed=settings["seed"], test=settings["cvpat"]["test"])
        frame = pd.DataFrame({"benchmark": benchmark, "construct": [*constructs, OVERALL],
                              **{column: test[column] for column in CVPAT_COLUMNS[2:-1]}})
        frame["decision"] = [cvpat_decision(t, p, settings["alpha"]) for t, p in zip(frame["t"], frame["p"])]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[CVPAT_COLUMNS]


def prediction_tables(draws, model, settings: dict) -> tuple[dict[str, pd.DataFrame], dict]:
    """The four tables of PLSpredict draws, and the facts for ``summary.json``.

    Parameters
    ----------
    draws : plssem.predict.PredictDraws, or an iterable of them
        Every repetition: merged, or the chunks in repetition order (read one at a time,
        :func:`plssem.predict_metrics.prediction_metrics`).
    model : plssem.Model
    settings : dict
        :func:`plssem_pipeline.study.predict_settings`.

    Returns
    -------
    tables : dict
        ``items``, ``constructs``, ``cvpat``, ``errors`` (columns as in the module docstring).
    details : dict
        ``verdicts`` (construct -> verdict), ``q2_not_positive`` (indicators with Q²predict ≤ 0),
        ``failed_training_sets`` (training sets whose estimation failed, over all repetitions).
    """
    from plssem.predict_metrics import prediction_metrics, verdict

    metrics = prediction_metrics(draws, model)
    endogenous = sorted(model.endogenous)
    constructs = [model.construct_names[j] for j in endogenous]
    indicators = [model.indicator_names[i] for j in endogenous for i in model.blocks[j]]
    item_construct = np.repeat(np.arange(len(endogenous)), [model.blocks[j].size for j in endogenous])
    metric = settings["metric"]
    items = pd.DataFrame({"construct": [constructs[c] for c in item_construct], "indicator": indicators,
                          **{column: metrics[column] for column in ITEM_COLUMNS[2:-1]}})
    items["lower_than_lm"] = metrics[f"pls_{metric}"] < metrics[f"lm_{metric}"]
    rows = []
    for c, name in enumerate(constructs):
        own = item_construct == c
        judged = verdict(metrics[f"pls_{metric}"][own], metrics[f"lm_{metric}"][own], metrics["q2_predict"][own])
        rows.append({"construct": name, "q2_predict": metrics["construct_q2_predict"][c],
                     "rmse": metrics["construct_rmse"][c], "mae": metrics["construct_mae"][c],
                     "indicators": judged["indicators"], "q2_positive": judged["q2_positive"],
                     "lower_than_lm": judged["lower_than_lm"], "metric": metric, "verdict": judged["verdict"]})
    tables = {"items": items[ITEM_COLUMNS], "constructs": pd.DataFrame(rows, columns=CONSTRUCT_COLUMNS),
              "cvpat": _cvpat_table(metrics, item_construct, constructs, settings),
              "errors": pd.DataFrame(metrics["pls_errors"], columns=indicators)}
    details = {"verdicts": dict(zip(constructs, tables["constructs"]["verdict"])),
               "q2_not_positive": [name for name, q2 in zip(indicators, metrics["q2_predict"]) if not q2 > 0],
               "failed_training_sets": int(metrics["failed"].sum())}
    return tables, details
