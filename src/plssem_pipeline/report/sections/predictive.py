"""Section "Predictive power (PLSpredict and CVPAT)": Tables 7a-7c and the prediction-error figure.

From the predict step's files (``results/predict/``):

* Table 7a: per indicator of every endogenous construct, Q²predict and the RMSE and MAE of the PLS-SEM
  predictions and of the linear-model benchmark (LM), the smaller of PLS-SEM and LM on the metric the verdict
  uses (``predict.metric``) in bold (Shmueli et al. 2016, 2019);
* Table 7b: per endogenous construct, the Q²predict of its construct scores and the verdict of Hair et al.
  (2019) in words (none, low, medium, high predictive power: how many of its indicators PLS-SEM predicts with a
  smaller error than LM);
* Table 7c: CVPAT against the indicator average (IA) and LM, per construct and overall: the average loss
  difference, its t and p (Liengaard et al. 2021) and the bootstrap p (Sharma et al. 2023);
* the figure of the PLS-SEM out-of-sample prediction errors (:mod:`..figures.prediction_errors`).

A sentence before the tables gives the settings (folds × repetitions, the approach, the seed). A model
PLSpredict cannot take (interaction terms, higher-order constructs: ``summary.json`` ``applicable`` false) gets
that one sentence, with the reason, instead of the tables. Without the predict step's files (a workflow older
than issue 14) the section is left out.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from ...study import OVERALL, predict_settings
from ..blocks import figure, heading, section as make_section, table, text
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, integer, isnan, prose, pvalue

__all__ = ["items_table", "constructs_table", "cvpat_table", "settings_text", "not_applicable_text", "section",
           "near_ties", "SKEWED", "NEAR_TIE"]

#: |skewness| of an indicator's PLS-SEM prediction errors above which they count as highly non-symmetric, where
#: Hair et al. (2019) advise judging by the MAE instead of the RMSE.
SKEWED = 1.0
#: Relative difference |PLS-SEM − LM| / LM of an indicator's metric below which the two count as a near-tie: a
#: difference this small can reverse with other random folds, so a verdict that hinges on it is flagged.
NEAR_TIE = 0.001


def _settings(inputs: ReportInputs) -> dict:
    """``predict`` of the config as the predict step used it (:func:`plssem_pipeline.study.predict_settings`: the
    seed and leave-one-out resolved)."""
    return predict_settings(inputs.config)


def _metric(inputs: ReportInputs) -> str:
    return str(_settings(inputs)["metric"])


def _pair(record, metric: str) -> tuple:
    """The flags of the PLS-SEM and the LM cell of ``metric``: the smaller in bold (``lower_than_lm``)."""
    lower = str(record["lower_than_lm"]).strip().lower() in ("true", "1")
    if isnan(record[f"pls_{metric}"]) or isnan(record[f"lm_{metric}"]):
        return None, None
    return ("strong", None) if lower else (None, "strong")


def near_ties(inputs: ReportInputs) -> dict:
    """The indicators whose PLS-SEM and LM errors (``predict.metric``) differ by less than :data:`NEAR_TIE`
    relative to LM's, per construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``predict_items`` and ``predict.metric``.

    Returns
    -------
    dict
        Construct -> list of its near-tied ``items.csv`` records, in model order; constructs without one left out.
    """
    return _near_ties(inputs.optional_records("predict_items"), _metric(inputs))


def _near_ties(records: list, metric: str) -> dict:
    """:func:`near_ties` of ``items.csv``'s records, read once by the caller."""
    ties = {}
    for record in records:
        pls, lm = float(record[f"pls_{metric}"]), float(record[f"lm_{metric}"])
        if not (isnan(pls) or isnan(lm)) and abs(pls - lm) < NEAR_TIE * abs(lm):
            ties.setdefault(str(record["construct"]), []).append(record)
    return ties


def _hinging(inputs: ReportInputs) -> list[str]:
    """The constructs whose verdict changes when their near-ties (:func:`near_ties`) are decided the other way:
    ``"TR (tr1): medium or high"``, with the verdicts (:func:`plssem.predict_metrics.verdict`) of the two extremes."""
    from plssem.predict_metrics import verdict

    t, metric, records = inputs.t, _metric(inputs), inputs.optional_records("predict_items")
    out = []
    for construct, tied in _near_ties(records, metric).items():
        own = [r for r in records if str(r["construct"]) == construct]
        pls, lm, q2 = (np.array([float(r[k]) for r in own]) for k in (f"pls_{metric}", f"lm_{metric}", "q2_predict"))
        tie = np.isin([str(r["indicator"]) for r in own], [str(r["indicator"]) for r in tied])
        worst, best = (verdict(np.where(tie, bound, pls), lm, q2)["verdict"] for bound in (np.inf, -np.inf))
        if worst != best:
            names = ", ".join(str(r["indicator"]) for r in tied)
            out.append(t("near_tie_verdicts", construct=construct, indicators=names, low=t("verdict_" + worst).lower(),
                         high=t("verdict_" + best).lower()))
    return out


def items_table(inputs: ReportInputs) -> Table:
    """Table 7a: Q²predict, PLS-SEM RMSE and MAE, LM RMSE and MAE of every endogenous indicator.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``predict_items`` (``results/predict/items.csv``) and ``predict.metric``.

    Returns
    -------
    Table
        One group of rows per endogenous construct; of the PLS-SEM and the LM value of the configured metric, the
        smaller in bold. A note names the indicators whose PLS-SEM errors are highly skewed when the metric is
        the RMSE (Hair et al. 2019 advise the MAE then).
    """
    t, metric, records = inputs.t, _metric(inputs), inputs.optional_records("predict_items")
    rows, skewed, construct = [], [], None
    for record in records:
        if str(record["construct"]) != construct:
            construct = str(record["construct"])
            rows.append(Row(group=inputs.construct_text(construct)))
        flags = dict(zip(("pls", "lm"), _pair(record, metric)))
        cells = [Cell(str(record["indicator"])), Cell(fmt(record["q2_predict"]), float(record["q2_predict"]))]
        for model in ("pls", "lm"):
            for kind in ("rmse", "mae"):
                value = float(record[f"{model}_{kind}"])
                cells.append(Cell(fmt(value), value, flag=flags[model] if kind == metric else None))
        rows.append(Row(cells, keys=(str(record["indicator"]),)))
        if not isnan(record["error_skewness"]) and abs(float(record["error_skewness"])) > SKEWED:
            skewed.append(f"{record['indicator']} ({fmt(record['error_skewness'], 2)})")
    columns = [Column(t("c_indicator"), "l"), Column(t("c_q2_predict")), Column(t("c_pls_rmse")),
               Column(t("c_pls_mae")), Column(t("c_lm_rmse")), Column(t("c_lm_mae"))]
    notes = [t("n_t7a", metric=t("metric_" + metric))]
    if skewed and metric == "rmse":
        notes.append(t("n_t7a_skewed", indicators=", ".join(skewed), bound=fmt(SKEWED, 1)))
    tied = [f"{r['indicator']} ({prose(float(r[f'pls_{metric}']), inputs.language, 5)} / "
            f"{prose(float(r[f'lm_{metric}']), inputs.language, 5)})"
            for group in _near_ties(records, metric).values() for r in group]
    if tied:
        notes.append(t("n_t7a_near_tie", metric=t("metric_" + metric), indicators=", ".join(tied),
                       bound=prose(100 * NEAR_TIE, inputs.language, 1)))
    return Table("table-7a", "7a", t("t7a"), columns, rows, notes=notes, sources=inputs.source("predict_items"))


def constructs_table(inputs: ReportInputs) -> Table:
    """Table 7b: each endogenous construct's Q²predict of its scores and the Hair et al. (2019) verdict.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``predict_constructs`` (``results/predict/constructs.csv``).

    Returns
    -------
    Table
        Q²predict, RMSE and MAE of the construct scores' predictions, the indicators with Q²predict above zero and
        with a smaller PLS-SEM error than LM (of the construct's indicators), and the verdict in words; a verdict
        other than high flagged.
    """
    t = inputs.t
    rows = []
    for record in inputs.optional_records("predict_constructs"):
        total = int(record["indicators"])
        verdict = str(record["verdict"])
        cells = [Cell(inputs.construct_text(record["construct"]))]
        cells += [Cell(fmt(record[k]), float(record[k])) for k in ("q2_predict", "rmse", "mae")]
        cells += [Cell(t("of_total", count=int(record["q2_positive"]), total=total),
                       flag=None if int(record["q2_positive"]) == total else "warn"),
                  Cell(t("of_total", count=int(record["lower_than_lm"]), total=total)),
                  Cell(t("verdict_" + verdict), flag={"none": "fail", "low": "warn"}.get(verdict))]
        rows.append(Row(cells, keys=(str(record["construct"]),)))
    metric = t("metric_" + _metric(inputs))
    widths = (4.0, 1.5, 1.1, 1.1, 2.3, 2.5, 1.9)   # LaTeX (cm): the two counts' headers wrap within 17 cm
    columns = [Column(t("c_construct"), "l"), Column(t("c_q2_predict")), Column(t("c_rmse")), Column(t("c_mae")),
               Column(t("c_q2_positive")), Column(t("c_lower_than_lm", metric=metric)),
               Column(t("c_predictive_power"), "l")]
    columns = [replace(column, width=width) for column, width in zip(columns, widths)]
    notes = [t("n_t7b", metric=metric)]
    hinging = _hinging(inputs)
    if hinging:
        notes.append(t("n_t7b_near_tie", constructs="; ".join(hinging), bound=prose(100 * NEAR_TIE, inputs.language, 1)))
    return Table("table-7b", "7b", t("t7b"), columns, rows, notes=notes,
                 sources=inputs.source("predict_constructs"), font="footnotesize")


def cvpat_table(inputs: ReportInputs) -> Table:
    """Table 7c: CVPAT of PLS-SEM against the indicator average (IA) and the linear model (LM).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``predict_cvpat`` (``results/predict/cvpat.csv``), ``predict.cvpat`` and ``bootstrap.alpha``.

    Returns
    -------
    Table
        A group of rows per benchmark, a row per endogenous construct and the overall row; the average loss
        difference (PLS-SEM − benchmark: negative favours PLS-SEM), t, p, the bootstrap p and the decision at α on
        p, flagged when PLS-SEM does not predict better.
    """
    t = inputs.t
    rows, benchmark = [], None
    for record in inputs.optional_records("predict_cvpat"):
        if str(record["benchmark"]) != benchmark:
            benchmark = str(record["benchmark"])
            rows.append(Row(group=t("g_cvpat_" + benchmark.lower())))
        overall = str(record["construct"]) == OVERALL
        name = t("cvpat_overall") if overall else inputs.construct_text(record["construct"])
        decision = str(record["decision"])
        cells = [Cell(name)] + [Cell(fmt(record[k]), float(record[k]))
                                for k in ("pls_loss", "benchmark_loss", "average_loss_difference", "t")]
        cells += [Cell(pvalue(record[k], inputs.language), float(record[k])) for k in ("p", "boot_p")]
        cells.append(Cell(t("cvpat_" + decision.replace(" ", "_").replace("-", "_").lower()),
                          flag=None if decision == "PLS-SEM better" else "warn"))
        rows.append(Row(cells, keys=(f"{benchmark} {record['construct']}",), total=overall))
    cvpat = _settings(inputs)["cvpat"]
    # LaTeX (cm), footnotesize, 8 pt gaps within the 17 cm text width: p and bootstrap p hold "< 0,001" on one line,
    # the decision "PLS-SEM lebih baik" / "Pembanding lebih baik"; the headers wrap instead
    widths = (2.6, 1.3, 1.4, 1.6, 1.0, 1.3, 1.5, 3.6)
    columns = [Column(t("c_construct"), "l"), Column(t("c_pls_loss")), Column(t("c_benchmark_loss")),
               Column(t("c_loss_difference")), Column(t("c_cvpat_t")), Column(t("c_cvpat_p")), Column(t("c_boot_p")),
               Column(t("c_cvpat_decision"), "l")]
    columns = [replace(column, width=width) for column, width in zip(columns, widths)]
    notes = [t("n_t7c", test=t("cvpat_test_" + cvpat["test"]), alpha=fmt(inputs.alpha, 2),
               samples=integer(cvpat["samples"], "en"))]
    return Table("table-7c", "7c", t("t7c"), columns, rows, notes=notes, sources=inputs.source("predict_cvpat"),
                 font="footnotesize")


def settings_text(inputs: ReportInputs) -> str:
    """The sentence giving PLSpredict's settings: folds × repetitions (or leave-one-out), approach, seed, and the
    LM benchmark's inputs under that approach (the direct antecedents' indicators, or the purely exogenous
    constructs' indicators under ``earliest``).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``predict`` of the config (:func:`plssem_pipeline.study.predict_settings`).

    Returns
    -------
    str
    """
    t, settings = inputs.t, _settings(inputs)
    approach, lm_inputs = t("approach_" + settings["approach"]), t("lm_inputs_" + settings["approach"])
    if settings["folds"] == "loo":
        return t("pp_settings_loo", approach=approach, lm_inputs=lm_inputs)
    return t("pp_settings", folds=integer(settings["folds"], inputs.language),
             repetitions=integer(settings["repetitions"], inputs.language), approach=approach,
             seed=str(settings["seed"]), lm_inputs=lm_inputs)


def not_applicable_text(inputs: ReportInputs, reason: str) -> str:
    """The one sentence of a model PLSpredict cannot take, with the reason in the report's language.

    Parameters
    ----------
    inputs : ReportInputs
        The model's roles: interaction terms, higher-order constructs.
    reason : str
        The predict step's reason (``summary.json`` ``details.reason``, the engine's English message), used
        when the model has neither.

    Returns
    -------
    str
    """
    t, roles = inputs.t, set(inputs.roles.values())
    kind = "interaction" if "interaction" in roles else "higher_order" if "higher_order" in roles else None
    return t("pp_not_applicable", reason=t("pp_reason_" + kind) if kind else str(reason or "").rstrip("."))


def section(inputs: ReportInputs) -> dict | None:
    """Section "Predictive power (PLSpredict and CVPAT)"; None without the predict step's files."""
    summary = inputs.optional_json("predict_summary")
    if summary is None:
        return None
    t, details = inputs.t, summary["details"]
    if not details["applicable"]:
        return make_section("predictive", t("sec_predictive"), [text(not_applicable_text(inputs, details["reason"]))])
    caption = t("f_prediction_errors")
    return make_section("predictive", t("sec_predictive"), [
        text(settings_text(inputs)),
        heading(t("sec_plspredict")), table(items_table(inputs)), table(constructs_table(inputs)),
        figure(inputs.figure("prediction_errors", "8", caption)),
        heading(t("sec_cvpat")), table(cvpat_table(inputs)),
    ])
