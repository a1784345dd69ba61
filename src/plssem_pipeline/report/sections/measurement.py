"""Section "Measurement model": Tables 2 (convergent validity), 3 (reliability), 3a (Fornell–Larcker),
3b (HTMT with bootstrap CI), 3c (indicator VIF), 3d–3e (formative constructs) and Figures 1 (loadings)
and 2 (HTMT).

Tables 2 and 3 judge reflective multi-item constructs only, 3a and 3b leave out formative ones
(Hair et al. 2022, chs. 4–5); :mod:`.formative` sorts the constructs and holds Tables 3d and 3e.
A table with no row is left out whole."""
from __future__ import annotations

from ..blocks import figure, heading, section as make_section, table
from ..figures.charts import HTMT_THRESHOLD
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, prose
from .comparison import attach_comparison
from .formative import kinds, left_out_notes, reflective, table3d, table3e

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


def table2(inputs: ReportInputs) -> Table | None:
    """Table 2, convergent validity: each indicator's loading and its construct's AVE (reflective constructs).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``loadings`` and ``reliability``; judges them against ``audit.criteria`` (loading, AVE).

    Returns
    -------
    Table or None
        Grouped by construct, the AVE on its first row; with the audit's comparison attached.
        Formative and single-item constructs are left out (a note names them); None without
        a reflective multi-item construct.
    """
    t, criteria = inputs.t, inputs.criteria
    reliability = inputs.frame("reliability").set_index("construct")
    rows = []
    judged = reflective(inputs)
    for construct, block in inputs.frame("loadings").groupby("construct", sort=False):
        if str(construct) not in judged:
            continue
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
    if not rows:
        return None
    columns = [Column(t("c_indicator"), "l"), Column(t("c_loading")), Column(t("c_ave")), Column(t("c_result"), "l")]
    result = Table("table-2", "2", t("t2"), columns, rows, notes=[t("n_t2"), *left_out_notes(inputs)],
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


def table3(inputs: ReportInputs) -> Table | None:
    """Table 3, internal consistency reliability: Cronbach's alpha, rho_A and rho_C of each construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``reliability``; alpha and rho_C against ``audit.criteria.reliability``.

    Returns
    -------
    Table or None
        rho_C above 0.95 flagged (redundant items); with the audit's comparison attached.
        Reflective multi-item constructs only (a note names the others); None without one.
    """
    t = inputs.t
    judged = reflective(inputs)
    rows = [_reliability_row(inputs, r) for r in inputs.records("reliability") if str(r["construct"]) in judged]
    if not rows:
        return None
    columns = [Column(t("c_construct"), "l"), Column(t("c_alpha")), Column(t("c_rho_a")), Column(t("c_rho_c")),
               Column(t("c_result"), "l")]
    result = Table("table-3", "3", t("t3"), columns, rows, notes=[t("n_t3"), *left_out_notes(inputs)],
                   sources=inputs.source("reliability"))
    return attach_comparison(inputs, result, "3")


def table3a(inputs: ReportInputs) -> Table | None:
    """Table 3a, the Fornell–Larcker criterion.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``fornell_larcker`` (the square root of the AVE on the diagonal).

    Returns
    -------
    Table or None
        The lower triangle, and whether each construct's diagonal exceeds its correlations;
        formative constructs left out (a note names them); None with fewer than two others.
    """
    t = inputs.t
    frame = inputs.frame("fornell_larcker").set_index("construct")
    frame.index = frame.index.astype(str)
    formative = set(kinds(inputs)["formative"])
    names = [str(c) for c in frame.columns if str(c) not in formative]
    if len(names) < 2:
        return None
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
    return Table("table-3a", "3a", t("t3a"), columns, rows,
                 notes=[t("n_t3a"), *left_out_notes(inputs, discriminant=True)],
                 sources=inputs.source("fornell_larcker"))


def _htmt_row(t, record) -> Row:
    value, mean, low, high = (float(record[k]) for k in ("original", "mean", "ci_low", "ci_high"))
    ok = high < HTMT_THRESHOLD
    pair = f"{record['construct_1']} – {record['construct_2']}"
    return Row([Cell(pair), Cell(fmt(value), value, flag=None if value < HTMT_THRESHOLD else "fail"),
                Cell(fmt(mean), mean), Cell(fmt(low), low), Cell(fmt(high), high),
                Cell(t("discriminant_ok") if ok else t("discriminant_problem"), flag=None if ok else "fail")],
               keys=(pair, f"{record['construct_1']}-{record['construct_2']}"))


def table3b(inputs: ReportInputs) -> Table | None:
    """Table 3b, HTMT of each pair of constructs with its bootstrap mean and confidence interval.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``boot_htmt``; the threshold is the figures' ``HTMT_THRESHOLD``.

    Returns
    -------
    Table or None
        A pair is a problem when the interval's upper bound reaches the threshold. Pairs with
        a formative construct are left out (a note says so); None when no pair is left.
    """
    t = inputs.t
    formative = set(kinds(inputs)["formative"])
    rows = [_htmt_row(t, r) for r in inputs.records("boot_htmt")
            if str(r["construct_1"]) not in formative and str(r["construct_2"]) not in formative]
    if not rows:
        return None
    low, high = inputs.ci_bounds
    columns = [Column(t("c_pair"), "l"), Column(t("c_htmt")), Column(t("c_mean")), Column(low), Column(high),
               Column(t("c_result"), "l")]
    return Table("table-3b", "3b", t("t3b"), columns, rows,
                 notes=[t("n_t3b") + (" " + t("n_t3b_paper") if inputs.config.get("published") else ""),
                        *left_out_notes(inputs, discriminant=True)],
                 sources=inputs.source("htmt", "boot_htmt"))


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
    validity (Tables 3a, 3b, Figure 2), indicator collinearity (Table 3c) and, when the
    model has formative constructs, their assessment (Tables 3d, 3e). A part with no
    table is left out with its heading.
    """
    t, lang = inputs.t, inputs.language
    loading = prose(inputs.criteria["loading"], lang, 2)
    formative = [table(x) for x in (table3d(inputs), table3e(inputs)) if x is not None]
    return make_section("measurement", t("sec_measurement"), [
        *_part(t("sec_convergent"), table2(inputs),
               figure(inputs.figure("loadings", "1", t("f_loadings", threshold=loading)))),
        *_part(t("sec_reliability"), table3(inputs)),
        *_part(t("sec_discriminant"), table3a(inputs), table3b(inputs),
               figure(inputs.figure("htmt", "2", t("f_htmt", threshold=prose(HTMT_THRESHOLD, lang, 2))))),
        heading(t("sec_collinearity_outer")), table(table3c(inputs)),
        *([heading(t("sec_formative")), *formative] if formative else []),
    ])


def _part(title: str, *content) -> list:
    """A heading and its tables (None: left out) and figures; nothing at all when it has no table."""
    tables = [table(x) for x in content if isinstance(x, Table)]
    if not tables:
        return []
    return [heading(title), *[table(x) if isinstance(x, Table) else x for x in content if x is not None]]
