"""Section "Model fit": Table 7d (fit of the saturated and the estimated model), Tables 7e-7f (information
criteria and the model comparison).

From the fit step's files (``results/fit/``):

* Table 7d in SmartPLS 4's layout: SRMR, d_ULS, d_G, χ² and NFI of the saturated and the estimated model, each
  with HI95 and HI99, the 95 % and 99 % quantiles of its bootstrap distribution under the model (Bollen–Stine
  transformed data; Dijkstra & Henseler 2015), and a paragraph reading them (Henseler et al. 2016: SRMR below
  0.08; exact fit not rejected when d_ULS and d_G stay below HI95, or HI99). When the inner model is saturated
  (:func:`saturated`) the paragraph says that the two models coincide;
* Table 7e: AIC, AICc, BIC and HQ of the study's model per endogenous construct (Sharma et al. 2019);
* Table 7f, only when ``alternatives`` gives competing models: BIC and AIC with their Akaike weights per
  model and endogenous construct (Sharma et al. 2019).

Without the fit step's files (a workflow older than issue 14) the section is left out.
"""
from __future__ import annotations

from ...study import STUDY_MODEL
from ..blocks import heading, section as make_section, table, text
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, integer, isnan, prose

__all__ = ["fit_table", "fit_text", "criteria_table", "comparison_table", "saturated", "section", "SRMR_BOUND",
           "STUDY_MODEL", "WEAK_BIC"]

#: SRMR below which a PLS path model fits (Henseler et al. 2016, after Hu & Bentler 1999).
SRMR_BOUND = 0.08
#: BIC difference below which the evidence for the model with the smaller BIC is weak (Raftery 1995, on the
#: BIC difference as 2·ln of the approximate Bayes factor: 0-2 "weak", 2-6 "positive", 6-10 "strong", above 10 "very strong").
WEAK_BIC = 2.0
_STATISTICS = {"SRMR": "SRMR", "d_ULS": "d_ULS", "d_G": "d_G", "Chi-square": "χ²", "NFI": "NFI"}


def _details(inputs: ReportInputs) -> dict:
    """``details`` of the fit step's ``summary.json``: ``inner_model_saturated``, ``exact_fit_test``, ``samples``."""
    return (inputs.optional_json("fit_summary") or {}).get("details") or {}


def saturated(inputs: ReportInputs) -> bool:
    """Whether the inner model is saturated, so that the estimated model is the saturated model.

    Every pair of constructs is then linked by a path, except pairs of exogenous constructs (their correlation is
    free in both models), and the structural model reproduces the construct correlations (Henseler et al. 2016).
    The fit step decides it on the model it fitted (:func:`plssem.fit.inner_model_saturated`) and writes it to its
    ``summary.json`` (``details.inner_model_saturated``).

    Parameters
    ----------
    inputs : ReportInputs

    Returns
    -------
    bool
    """
    return bool(_details(inputs)["inner_model_saturated"])


def fit_table(inputs: ReportInputs) -> Table:
    """Table 7d: the fit of the saturated and the estimated model, with HI95 and HI99 (SmartPLS 4's layout).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``model_fit`` (``results/fit/fit.csv``).

    Returns
    -------
    Table
        One row per statistic (SRMR, d_ULS, d_G, χ², NFI); a d_ULS or d_G above its HI95 flagged; a quantile the
        fit step did not compute (χ², NFI; a staged model) shown as "—". The note gives the convention of the
        implied indicator correlations (λλ′ within every Mode A block, observed within Mode B blocks), and
        describes HI95/HI99 only when the bootstrap test ran (else why it did not).
    """
    t = inputs.t
    rows = []
    for record in inputs.optional_records("model_fit"):
        name = str(record["statistic"])
        cells = [Cell(_STATISTICS.get(name, name))]
        for model in ("saturated", "estimated"):
            value, hi95 = float(record[model]), float(record[f"{model}_hi95"])
            beyond = name in ("d_ULS", "d_G") and not isnan(hi95) and value > hi95
            cells.append(Cell(fmt(value), value, flag="warn" if beyond else None))
            for level in ("hi95", "hi99"):
                bound = float(record[f"{model}_{level}"])
                cells.append(Cell(fmt(bound) or "—", bound))
        rows.append(Row(cells, keys=(name,)))
    columns = [Column(t("c_statistic"), "l"), Column(t("c_saturated")), Column("HI95"), Column("HI99"),
               Column(t("c_estimated")), Column("HI95"), Column("HI99")]
    details = _details(inputs)
    notes = [t("n_t7d"), t("n_t7d_tested", samples=integer(details["samples"], "en")) if details["exact_fit_test"]
             else t("n_t7d_not_tested")]
    return Table("table-7d", "7d", t("t7d"), columns, rows, notes=notes, sources=inputs.source("model_fit"))


def fit_text(inputs: ReportInputs) -> str:
    """The paragraph reading Table 7d: SRMR against 0.08, d_ULS and d_G against HI95 and HI99, and the two
    models coinciding when the inner model is :func:`saturated`.

    Parameters
    ----------
    inputs : ReportInputs

    Returns
    -------
    str
        In the report's language; the estimated model's values, which are the saturated model's when they
        coincide.
    """
    t, language = inputs.t, inputs.language
    fit = {str(r["statistic"]): r for r in inputs.optional_records("model_fit")}
    srmr = float(fit["SRMR"]["estimated"])
    parts = [t("fit_srmr_below" if srmr < SRMR_BOUND else "fit_srmr_above", srmr=prose(srmr, language, 3),
               bound=prose(SRMR_BOUND, language, 2))]
    exceeded = {level: [name for name in ("d_ULS", "d_G") if float(fit[name]["estimated"])
                        > float(fit[name][f"estimated_{level}"])] for level in ("hi95", "hi99")}
    if any(isnan(fit[name]["estimated_hi95"]) for name in ("d_ULS", "d_G")):
        parts.append(t("fit_exact_not_tested"))
    elif not exceeded["hi95"]:
        parts.append(t("fit_exact_95"))
    elif not exceeded["hi99"]:
        parts.append(t("fit_exact_99", statistics=", ".join(exceeded["hi95"])))
    else:
        parts.append(t("fit_exact_rejected", statistics=", ".join(exceeded["hi99"])))
    parts.append(t("fit_saturated" if saturated(inputs) else "fit_not_saturated"))
    return " ".join(parts)


def criteria_table(inputs: ReportInputs) -> Table:
    """Table 7e: R², the number of predictors, AIC, AICc, BIC and HQ of the study's model per endogenous construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``fit_criteria`` (``results/fit/criteria.csv``), the rows of model ``"Model"``.

    Returns
    -------
    Table
    """
    t, records = inputs.t, inputs.optional_records("fit_criteria")
    rows = []
    for record in records:
        if str(record["model"]) != STUDY_MODEL:
            continue
        cells = [Cell(inputs.construct_text(record["construct"])), Cell(fmt(record["r2"]), float(record["r2"])),
                 Cell(str(int(record["predictors"])), int(record["predictors"]))]
        cells += [Cell(fmt(record[k]), float(record[k])) for k in ("AIC", "AICc", "BIC", "HQ")]
        rows.append(Row(cells, keys=(str(record["construct"]),)))
    n = next((int(r["n"]) for r in records), 0)
    columns = [Column(t("c_construct"), "l"), Column(t("c_r2")), Column(t("c_predictors"))] + \
        [Column(name) for name in ("AIC", "AICc", "BIC", "HQ")]
    return Table("table-7e", "7e", t("t7e"), columns, rows, notes=[t("n_t7e", n=str(n))],
                 sources=inputs.source("fit_criteria"))


def _preferred(records: list) -> tuple[set, set, dict]:
    """The rows of Table 7f in bold, the constructs with the same antecedents in every model, and the BIC
    difference of each other construct's preferred equation to the next-best different one.

    A construct's equation is its set of antecedents (``antecedents``). Where every model gives it the same
    equation (``predictors_differ`` false) no model is preferred: the criteria differ only through the outer
    weights. Elsewhere the models sharing the equation of the largest BIC weight are bold together.
    """
    by_construct = {}
    for record in records:
        by_construct.setdefault(str(record["construct"]), []).append(record)
    bold, same, delta = set(), set(), {}
    for construct, own in by_construct.items():
        if str(own[0]["predictors_differ"]).strip().lower() not in ("true", "1"):
            same.add(construct)
            continue
        best = min(own, key=lambda r: float(r["BIC"]))
        equation = str(best["antecedents"])
        bold |= {(construct, str(r["model"])) for r in own if str(r["antecedents"]) == equation}
        others = [float(r["BIC"]) for r in own if str(r["antecedents"]) != equation]
        delta[construct] = min(others) - float(best["BIC"])
    return bold, same, delta


def comparison_table(inputs: ReportInputs) -> Table:
    """Table 7f: BIC and AIC with their Akaike weights per endogenous construct and model (Sharma et al. 2019).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``model_comparison`` (``results/fit/model_comparison.csv``) and ``alternatives`` (the note).

    Returns
    -------
    Table
        A group of rows per construct; the model with the smallest BIC (the largest BIC weight) of a construct in
        bold, with every model that gives the construct the same antecedents. No bold for a construct whose
        antecedents are the same in every model (a note names it); the note names the constructs whose preferred
        equation beats the next-best by a BIC difference below :data:`WEAK_BIC` (weak evidence, Raftery 1995).
        Without rows when no alternative model is configured.
    """
    t, language = inputs.t, inputs.language
    records = inputs.optional_records("model_comparison")
    bold, same, delta = _preferred(records)
    rows, construct = [], None
    for record in records:
        if str(record["construct"]) != construct:
            construct = str(record["construct"])
            rows.append(Row(group=inputs.construct_text(construct)))
        model = str(record["model"])
        flag = "strong" if (construct, model) in bold else None
        cells = [Cell(t("mc_study_model") if model == STUDY_MODEL else model, flag=flag)]
        cells += [Cell(fmt(record[k]), float(record[k]), flag=flag if k == "bic_weight" else None)
                  for k in ("BIC", "bic_weight", "AIC", "aic_weight")]
        rows.append(Row(cells, keys=(f"{construct} {model}",)))
    alternatives = inputs.config.get("alternatives") or {}
    models = "; ".join(f"{name}: {', '.join(spec['paths'])}" for name, spec in alternatives.items())
    notes = [t("n_t7f", models=models, paths=", ".join(inputs.config.get("paths") or []),
               bound=prose(WEAK_BIC, language, 0))]
    if same:
        notes.append(t("n_t7f_same", constructs=", ".join(c for c in dict.fromkeys(
            str(r["construct"]) for r in records) if c in same)))
    weak = [f"{c} (ΔBIC = {prose(d, language, 2)})" for c, d in delta.items() if d < WEAK_BIC]
    if weak:
        notes.append(t("n_t7f_weak", constructs=", ".join(weak), bound=prose(WEAK_BIC, language, 0)))
    columns = [Column(t("c_model"), "l"), Column("BIC"), Column(t("c_bic_weight")), Column("AIC"),
               Column(t("c_aic_weight"))]
    return Table("table-7f", "7f", t("t7f"), columns, rows, notes=notes, sources=inputs.source("model_comparison"))


def section(inputs: ReportInputs) -> dict | None:
    """Section "Model fit": Table 7d and its reading, then the information criteria (Table 7e) and, with
    alternative models, their comparison (Table 7f); None without the fit step's files."""
    if "model_fit" not in inputs.files or not inputs.optional_records("model_fit"):
        return None
    t = inputs.t
    comparison = comparison_table(inputs) if "model_comparison" in inputs.files else None
    compared = comparison is not None and bool(comparison.rows)
    return make_section("fit", t("sec_fit"), [
        table(fit_table(inputs)), text(fit_text(inputs)),
        heading(t("sec_model_comparison" if compared else "sec_criteria")),
        table(criteria_table(inputs)) if "fit_criteria" in inputs.files else None,
        table(comparison) if compared else None,
    ])
