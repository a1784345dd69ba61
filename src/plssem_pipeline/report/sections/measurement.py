"""Section "Measurement model": Tables 2 (convergent validity), 3 (reliability), 3a (Fornell–Larcker),
3b (HTMT with bootstrap CI), 3c (indicator VIF) and Figures 1 (loadings) and 2 (HTMT)."""
from __future__ import annotations

from ..blocks import figure, heading, section as make_section, table
from ..figures.charts import HTMT_THRESHOLD
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, prose
from .comparison import attach_comparison

__all__ = ["table2", "table3", "table3a", "table3b", "table3c", "vif_verdict", "section"]


def vif_verdict(t, vif: float) -> tuple:
    """Judge a VIF (Hair et al. 2022): critical collinearity from 5, possible from 3.

    Parameters
    ----------
    t : Catalogue
        The report's strings.
    vif : float

    Returns
    -------
    tuple
        ``(verdict, flag)``: the verdict's text and the cell flag (``"fail"``, ``"warn"`` or None).
    """
    if vif >= 5:
        return t("vif_critical"), "fail"
    if vif >= 3:
        return t("vif_possible"), "warn"
    return t("vif_ok"), None


def table2(inputs: ReportInputs) -> Table:
    """Table 2, convergent validity: each indicator's loading and its construct's AVE.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``loadings`` and ``reliability``; judges them against ``audit.criteria`` (loading, AVE).

    Returns
    -------
    Table
        Grouped by construct, the AVE on its first row; with the audit's comparison attached.
    """
    t, criteria = inputs.t, inputs.criteria
    reliability = inputs.frame("reliability").set_index("construct")
    rows = []
    for construct, block in inputs.frame("loadings").groupby("construct", sort=False):
        rows.append(Row(group=inputs.construct_text(construct)))
        ave = float(reliability.loc[construct, "ave"])
        ave_ok = ave >= criteria["ave"]
        for k, record in enumerate(block.to_dict("records")):
            loading = float(record["loading"])
            valid = loading >= criteria["loading"] and ave_ok
            ave_cell = Cell(fmt(ave), ave, flag=None if ave_ok else "fail") if k == 0 else Cell("")
            keys = (str(record["indicator"]),) + ((str(construct),) if k == 0 else ())
            rows.append(Row([Cell(str(record["indicator"])), Cell(fmt(loading), loading), ave_cell,
                             Cell(t("valid") if valid else t("not_valid"), flag=None if valid else "fail")],
                            keys=keys))
    columns = [Column(t("c_indicator"), "l"), Column(t("c_loading")), Column(t("c_ave")), Column(t("c_result"), "l")]
    result = Table("table-2", "2", t("t2"), columns, rows, notes=[t("n_t2")],
                   sources=inputs.source("loadings", "reliability"))
    return attach_comparison(inputs, result, "2")


def _reliability_row(inputs, record) -> Row:
    t, threshold = inputs.t, inputs.criteria["reliability"]
    alpha, rho_a, rho_c = (float(record[k]) for k in ("cronbach_alpha", "rho_a", "rho_c"))
    ok = alpha >= threshold and rho_c >= threshold
    return Row([Cell(inputs.construct_text(record["construct"])), Cell(fmt(alpha), alpha),
                Cell(fmt(rho_a), rho_a), Cell(fmt(rho_c), rho_c, flag="warn" if rho_c > 0.95 else None),
                Cell(t("reliable") if ok else t("not_reliable"), flag=None if ok else "fail")],
               keys=(str(record["construct"]),))


def table3(inputs: ReportInputs) -> Table:
    """Table 3, internal consistency reliability: Cronbach's alpha, rho_A and rho_C of each construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``reliability``; alpha and rho_C against ``audit.criteria.reliability``.

    Returns
    -------
    Table
        rho_C above 0.95 flagged (redundant items); with the audit's comparison attached.
    """
    t = inputs.t
    columns = [Column(t("c_construct"), "l"), Column(t("c_alpha")), Column(t("c_rho_a")), Column(t("c_rho_c")),
               Column(t("c_result"), "l")]
    result = Table("table-3", "3", t("t3"), columns,
                   [_reliability_row(inputs, record) for record in inputs.records("reliability")],
                   notes=[t("n_t3")], sources=inputs.source("reliability"))
    return attach_comparison(inputs, result, "3")


def table3a(inputs: ReportInputs) -> Table:
    """Table 3a, the Fornell–Larcker criterion.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``fornell_larcker`` (the square root of the AVE on the diagonal).

    Returns
    -------
    Table
        The lower triangle, and whether each construct's diagonal exceeds its correlations.
    """
    t = inputs.t
    frame = inputs.frame("fornell_larcker").set_index("construct")
    names = [str(c) for c in frame.columns]
    rows = []
    for i, c in enumerate(names):
        diagonal = float(frame.loc[c, c])
        met = all(diagonal > abs(float(frame.loc[c, d])) for d in names if d != c)
        cells = [Cell(c)]
        for d in names[:i + 1]:
            value = float(frame.loc[c, d])
            cells.append(Cell(fmt(value), value, flag="strong" if d == c else None))
        cells += [Cell("") for _ in names[i + 1:]]
        cells.append(Cell(t("yes") if met else t("no"), flag=None if met else "fail"))
        rows.append(Row(cells, keys=(c,)))
    columns = [Column(t("c_construct"), "l")] + [Column(n) for n in names] + [Column(t("c_fl_met"), "l")]
    return Table("table-3a", "3a", t("t3a"), columns, rows, notes=[t("n_t3a")],
                 sources=inputs.source("fornell_larcker"))


def _htmt_row(t, record) -> Row:
    value, mean, low, high = (float(record[k]) for k in ("original", "mean", "ci_low", "ci_high"))
    ok = high < HTMT_THRESHOLD
    pair = f"{record['construct_1']} – {record['construct_2']}"
    return Row([Cell(pair), Cell(fmt(value), value, flag=None if value < HTMT_THRESHOLD else "fail"),
                Cell(fmt(mean), mean), Cell(fmt(low), low), Cell(fmt(high), high),
                Cell(t("discriminant_ok") if ok else t("discriminant_problem"), flag=None if ok else "fail")],
               keys=(pair, f"{record['construct_1']}-{record['construct_2']}"))


def table3b(inputs: ReportInputs) -> Table:
    """Table 3b, HTMT of each pair of constructs with its bootstrap mean and confidence interval.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``boot_htmt``; the threshold is the figures' ``HTMT_THRESHOLD``.

    Returns
    -------
    Table
        A pair is a problem when the interval's upper bound reaches the threshold.
    """
    t = inputs.t
    low, high = inputs.ci_bounds
    columns = [Column(t("c_pair"), "l"), Column(t("c_htmt")), Column(t("c_mean")), Column(low), Column(high),
               Column(t("c_result"), "l")]
    return Table("table-3b", "3b", t("t3b"), columns, [_htmt_row(t, r) for r in inputs.records("boot_htmt")],
                 notes=[t("n_t3b")], sources=inputs.source("htmt", "boot_htmt"))


def table3c(inputs: ReportInputs) -> Table:
    """Table 3c, indicator collinearity: the VIF of each indicator, grouped by construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``outer_vif`` (``results/outer/vif.csv``, the step ``outer``'s).

    Returns
    -------
    Table
        Each VIF judged by :func:`vif_verdict`.
    """
    t = inputs.t
    rows = []
    for construct, block in inputs.frame("outer_vif").groupby("construct", sort=False):
        rows.append(Row(group=inputs.construct_text(construct)))
        for record in block.to_dict("records"):
            vif = float(record["vif"])
            verdict, flag = vif_verdict(t, vif)
            rows.append(Row([Cell(str(record["indicator"])), Cell(fmt(vif), vif, flag=flag), Cell(verdict, flag=flag)],
                            keys=(str(record["indicator"]),)))
    columns = [Column(t("c_indicator"), "l"), Column(t("c_vif")), Column(t("c_result"), "l")]
    return Table("table-3c", "3c", t("t3c"), columns, rows, notes=[t("n_t3c")], sources=inputs.source("outer_vif"),
                 font="footnotesize")


def section(inputs: ReportInputs) -> dict | None:
    """Section "Measurement model (outer model)", in four parts.

    Convergent validity (Table 2, Figure 1), reliability (Table 3), discriminant
    validity (Tables 3a, 3b, Figure 2) and indicator collinearity (Table 3c).
    """
    t, lang = inputs.t, inputs.language
    loading = prose(inputs.criteria["loading"], lang, 2)
    return make_section("measurement", t("sec_measurement"), [
        heading(t("sec_convergent")), table(table2(inputs)),
        figure(inputs.figure("loadings", "1", t("f_loadings", threshold=loading))),
        heading(t("sec_reliability")), table(table3(inputs)),
        heading(t("sec_discriminant")), table(table3a(inputs)), table(table3b(inputs)),
        figure(inputs.figure("htmt", "2", t("f_htmt", threshold=prose(HTMT_THRESHOLD, lang, 2)))),
        heading(t("sec_collinearity_outer")), table(table3c(inputs)),
    ])
