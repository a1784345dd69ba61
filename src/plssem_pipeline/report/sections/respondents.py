"""Section "Respondents": Table 1, the respondent profile."""
from __future__ import annotations

from ...study.labels import label_for
from ..blocks import section as make_section, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt
from .comparison import attach_comparison

__all__ = ["table1", "section"]


def _configured(inputs: ReportInputs, variable) -> tuple:
    """The variable's label and its categories' labels as the config gives them (code as text -> label)."""
    spec = (inputs.config.get("respondents") or {}).get(variable) or {}
    return spec.get("label"), {str(code): label for code, label in (spec.get("categories") or {}).items()}


def _category_row(inputs, variable, record, categories) -> Row:
    t = inputs.t
    category = str(record["category"])
    if category == "(missing)":
        category = t("c_missing")
    else:  # the config's label in the report's language; the results file's (English, or the survey's value label)
        category = label_for(categories.get(str(record["code"])), inputs.language, category)
    n, pct = float(record["n"]), float(record["percent"])
    code = record["code"]
    return Row([Cell(category), Cell(fmt(n, 0), n), Cell(fmt(pct, 1), pct)],
               keys=(f"{variable}={code}", f"{variable}.{code}", f"{variable}:{code}", str(record["category"])))


def table1(inputs: ReportInputs) -> Table:
    """Table 1, the respondent profile: each variable's categories with n and percent, and a total per variable.

    The variables' and categories' labels are the config's in the report's language
    (:func:`~plssem_pipeline.study.labels.label_for`), else those of the results file.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``respondents`` (``results/describe/respondents.csv``) and n from the cleaning's summary.

    Returns
    -------
    Table
        With the audit's comparison of the paper's Table 1 attached, when there is one.
    """
    t = inputs.t
    frame = inputs.frame("respondents", dtype={"code": str}, keep_default_na=False)
    n_total = inputs.summaries["clean_summary"]["details"]["respondents_kept"]
    rows = []
    for variable, block in frame.groupby("variable", sort=False):
        label, categories = _configured(inputs, variable)
        rows.append(Row(group=label_for(label, inputs.language, str(block["label"].iloc[0]))))
        rows += [_category_row(inputs, variable, record, categories) for record in block.to_dict("records")]
        n = float(block["n"].astype(float).sum())
        rows.append(Row([Cell(t("c_total")), Cell(fmt(n, 0), n, flag="strong"),
                         Cell(fmt(100.0 * n / n_total if n_total else float("nan"), 1))],
                        keys=(f"{variable} (total)", f"{variable}.total"), total=True))
    columns = [Column(t("c_category"), "l"), Column(t("c_n")), Column(t("c_percent"))]
    result = Table("table-1", "1", t("t1"), columns, rows, notes=[t("n_t1", n=n_total)],
                   sources=inputs.source("respondents"))
    return attach_comparison(inputs, result, "1")


def section(inputs: ReportInputs) -> dict | None:
    """Section "Respondents": Table 1; left out when the study configures no respondent variables.

    A section of :data:`~plssem_pipeline.report.sections.SECTIONS` (``inputs`` in, section or None out).
    """
    profile = table1(inputs)
    return make_section("respondents", inputs.t("sec_respondents"), [table(profile) if profile.rows else None])
