"""Section "Appendix": the tables a reader checks the results against, in SmartPLS 4's layouts.

* Table A1, indicator data (SmartPLS's "Indicator data (original)"): missing values, mean, median,
  minimum, maximum, standard deviation, excess kurtosis and skewness of every indicator
  (``results/describe/indicators.csv``);
* Table A2, cross-loadings (``results/outer/cross_loadings.csv``), each indicator's loading on its own
  construct in bold;
* Tables A3–A6, the bootstrap of the outer loadings, the outer weights, R² and the construct
  reliability (Cronbach's α, ρ_A, ρ_C, AVE) in the bootstrapping layout of Tables 5 and 6 (O, M,
  STDEV, |O/STDEV|, P values, the interval): ``results/bootstrap/loadings.csv``, ``weights.csv``,
  ``r2.csv`` and ``reliability.csv``.

The appendix is not a results section of the paper (``results=False``): its tables keep their
numbers A1–A6 whatever the numbering of the result tables.
"""
from __future__ import annotations

from ..blocks import section as make_section, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt
from .formative import kinds, unassessed
from .smartpls import bootstrap_cells, bootstrap_columns

__all__ = ["indicator_table", "cross_loadings_table", "bootstrap_table", "reliability_table", "section"]

#: Columns of Table A1: ``results/describe/indicators.csv`` column -> catalogue key of its header.
DESCRIPTIVES = (("missing", "c_missing_values"), ("mean", "c_mean_plain"), ("median", "c_median"),
                ("min", "c_min"), ("max", "c_max"), ("sd", "c_sd_plain"), ("excess_kurtosis", "c_kurtosis"),
                ("skewness", "c_skewness"))

#: The statistics of ``results/bootstrap/reliability.csv`` (``statistic``) -> catalogue key of its name.
RELIABILITY_NAMES = {"cronbach_alpha": "c_alpha", "rho_a": "c_rho_a", "rho_c": "c_rho_c", "ave": "c_ave"}


def _value(value) -> str:
    """A descriptive as written: whole numbers (counts, the minimum and maximum of a scale) without decimals."""
    number = float(value)
    return fmt(number, 0) if number.is_integer() else fmt(number)


def indicator_table(inputs: ReportInputs) -> Table:
    """Table A1: the indicators' descriptive statistics, grouped by construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``indicators`` (computed before the missing-value treatment, after reverse coding).

    Returns
    -------
    Table
        One row per indicator: missing values (a count), mean, median, minimum, maximum, SD
        (n − 1), excess kurtosis and skewness (pandas' bias-adjusted ``kurt`` and ``skew``).
    """
    t = inputs.t
    rows = []
    for construct, block in inputs.frame("indicators").groupby("construct", sort=False):
        rows.append(Row(group=inputs.construct_text(construct)))
        for record in block.to_dict("records"):
            cells = [Cell(str(record["indicator"]))]
            cells += [Cell(_value(record[column]), float(record[column])) for column, _ in DESCRIPTIVES]
            rows.append(Row(cells, keys=(str(record["indicator"]),)))
    columns = [Column(t("c_indicator"), "l")] + [Column(t(key)) for _, key in DESCRIPTIVES]
    return Table("table-a1", "A1", t("ta1"), columns, rows, notes=[t("n_ta1")], sources=inputs.source("indicators"),
                 font="footnotesize")


def cross_loadings_table(inputs: ReportInputs) -> Table:
    """Table A2: every indicator's correlation with every construct's score, its own construct's in bold.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``cross_loadings`` and ``loadings`` (which construct each indicator measures).

    Returns
    -------
    Table
        One row per indicator, one column per construct (its name); the own-construct cell flagged ``strong``.
    """
    t = inputs.t
    owner = {str(r["indicator"]): str(r["construct"]) for r in inputs.records("loadings")}
    frame = inputs.frame("cross_loadings")
    constructs = [str(c) for c in frame.columns[1:]]
    rows = []
    for record in frame.to_dict("records"):
        indicator = str(record["indicator"])
        cells = [Cell(indicator)] + [Cell(fmt(record[c]), float(record[c]),
                                          flag="strong" if owner.get(indicator) == c else None) for c in constructs]
        rows.append(Row(cells, keys=(indicator,)))
    columns = [Column(t("c_indicator"), "l")] + [Column(c) for c in constructs]
    return Table("table-a2", "A2", t("ta2"), columns, rows, notes=[t("n_ta2")],
                 sources=inputs.source("cross_loadings", "loadings"), font="footnotesize" if len(constructs) < 8
                 else "scriptsize")


def bootstrap_table(inputs: ReportInputs, name: str, number: str, caption: str) -> Table:
    """Tables A3–A5: a bootstrapped family in SmartPLS's bootstrapping layout.

    Parameters
    ----------
    inputs : ReportInputs
    name : {"boot_loadings", "boot_weights", "boot_r2"}
        The results file (``results/bootstrap/loadings.csv``, ``weights.csv``, ``r2.csv``).
    number, caption : str
        The table's number (``"A3"``) and caption.

    Returns
    -------
    Table
        Rows ``indicator <- construct`` (SmartPLS's outer-model rows; ``indicator -> construct`` for a formative,
        Mode B, construct, as SmartPLS writes them) or the construct (R²).
    """
    t = inputs.t
    formative = set(kinds(inputs)["formative"])
    rows = []
    for record in inputs.records(name):
        construct = str(record["construct"])
        arrow = "->" if construct in formative else "<-"
        label = (f"{record['indicator']} {arrow} {construct}" if "indicator" in record
                 else inputs.construct_text(construct))
        rows.append(Row([Cell(label)] + bootstrap_cells(inputs, record), keys=(label,)))
    first = t("c_construct") if name == "boot_r2" else t("c_indicator")
    return Table(f"table-{number.lower()}", number, caption, bootstrap_columns(inputs, first), rows,
                 notes=[t("n_t5", ci=inputs.ci_method, samples=inputs.subsamples_neutral)], sources=inputs.source(name),
                 font="footnotesize")


def reliability_table(inputs: ReportInputs) -> Table:
    """Table A6: the bootstrap of Cronbach's α, ρ_A, ρ_C and AVE, grouped by statistic (SmartPLS's order).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``boot_reliability`` (``results/bootstrap/reliability.csv``).

    Returns
    -------
    Table
        A group heading per statistic, a row per construct except formative ones (reflective criteria do not
        apply to them), interaction terms and control variables (no measurement criterion applies to them; notes
        name both), without T and P (a test of α, ρ or AVE against zero has no meaning);
        notes on single-indicator constructs (values 1 by definition) and common factors (ρ_C and AVE from the
        consistent loadings) when the model has any.
    """
    t = inputs.t
    formative, others = kinds(inputs)["formative"], unassessed(inputs)
    rows = []
    for statistic, block in inputs.frame("boot_reliability").groupby("statistic", sort=False):
        rows.append(Row(group=t(RELIABILITY_NAMES[statistic])))
        for record in block.to_dict("records"):
            construct = str(record["construct"])
            if construct not in formative and construct not in others:
                rows.append(Row([Cell(inputs.construct_text(construct))] + bootstrap_cells(inputs, record, test=False),
                                keys=(statistic, construct)))
    constructs = inputs.config["constructs"].values()
    notes = [t("n_t5", ci=inputs.ci_method, samples=inputs.subsamples_neutral), t("n_ta6_no_test")]
    notes += [t("n_ta6_formative", names=", ".join(formative))] if formative else []
    notes += [t("n_ta6_unassessed", names=", ".join(others))] if others else []
    notes += [t("n_ta6_single")] if set(kinds(inputs)["single"]) - set(others) else []
    notes += [t("n_ta6_plsc")] if any(spec.get("model") == "common_factor" for spec in constructs) else []
    return Table("table-a6", "A6", t("ta6"), bootstrap_columns(inputs, t("c_construct"), test=False), rows,
                 notes=notes, sources=inputs.source("boot_reliability"), font="footnotesize")


def section(inputs: ReportInputs) -> dict | None:
    """Section "Appendix": Tables A1–A6 (see the module docstring)."""
    t = inputs.t
    return make_section("appendix", t("sec_appendix"), [
        table(indicator_table(inputs)), table(cross_loadings_table(inputs)),
        table(bootstrap_table(inputs, "boot_loadings", "A3", t("ta3"))),
        table(bootstrap_table(inputs, "boot_weights", "A4", t("ta4"))),
        table(bootstrap_table(inputs, "boot_r2", "A5", t("ta5"))),
        table(reliability_table(inputs)),
    ], results=False)
