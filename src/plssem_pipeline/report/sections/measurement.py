"""Section "Measurement model": Tables 2 (convergent validity and indicator reliability), 3 (reliability),
3a (Fornell–Larcker), 3b (HTMT with bootstrap CI), 3c (indicator VIF), 3d–3e (formative constructs),
3f (full collinearity, optional) and Figures 1 (loadings) and 2 (HTMT).

Tables 2 and 3 judge reflective multi-item constructs only (rows of :mod:`.reflective`), 3a and 3b leave out
formative ones, interaction terms and control variables (Hair et al. 2022, chs. 4–5, 7) and do not judge a
repeated-indicators higher-order construct against its own dimensions; :mod:`.formative` sorts the constructs
and holds Tables 3d and 3e, :mod:`.collinearity` Tables 3c and 3f. A model with staged higher-order constructs
first assesses their dimensions (:mod:`.lower_order`, Tables L1-L4), and the tables' notes say how each
higher-order construct is measured (:mod:`.higher_order`). A table with no row is left out whole."""
from __future__ import annotations

from ..blocks import figure, heading, section as make_section, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, prose
from .collinearity import table3c, table3f, vif_verdict
from .comparison import attach_comparison
from .formative import dash, discriminant_left_out, left_out_notes, reflective, table3d, table3e
from .higher_order import by_design, hoc_notes
from .lower_order import blocks as lower_order
from .reflective import (LOADING_REMOVE, convergent_columns, convergent_note, convergent_rows, reliability_columns,
                         reliability_note, reliability_row)

__all__ = ["table2", "table3", "table3a", "table3b", "table3c", "table3f", "vif_verdict", "section",
           "LOADING_REMOVE"]


def table2(inputs: ReportInputs) -> Table | None:
    """Table 2, convergent validity: each indicator's loading and its construct's AVE (reflective constructs).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``loadings`` and ``reliability``; judges them against ``audit.criteria`` (loading, AVE).

    Returns
    -------
    Table or None
        Grouped by construct: each indicator's loading, its indicator reliability λ² and the verdict on
        it (:data:`LOADING_REMOVE`, ``audit.criteria.loading``); the AVE on the construct's first row,
        flagged below ``audit.criteria.ave``; with the audit's comparison attached. Formative and
        single-item constructs are left out (a note names them); None without a reflective multi-item
        construct.
    """
    t = inputs.t
    rows = convergent_rows(inputs, inputs.frame("loadings"), inputs.frame("reliability"), reflective(inputs))
    if not rows:
        return None
    result = Table("table-2", "2", t("t2"), convergent_columns(t), rows,
                   notes=[convergent_note(inputs), *left_out_notes(inputs), *hoc_notes(inputs, "A")],
                   sources=inputs.source("loadings", "reliability"))
    return attach_comparison(inputs, result, "2")


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
    rows = [reliability_row(inputs, r) for r in inputs.records("reliability") if str(r["construct"]) in judged]
    if not rows:
        return None
    result = Table("table-3", "3", t("t3"), reliability_columns(t), rows,
                   notes=[reliability_note(inputs), *left_out_notes(inputs), *hoc_notes(inputs, "A")],
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
        The lower triangle, and whether each construct's diagonal exceeds its correlations (a repeated-indicators
        higher-order construct's correlations with its own dimensions, high by design, not counted: a note says
        so); formative constructs, interaction terms and control variables left out (a note names them); None with
        fewer than two others.
    """
    t = inputs.t
    frame = inputs.frame("fornell_larcker").set_index("construct")
    frame.index = frame.index.astype(str)
    left_out = discriminant_left_out(inputs)
    names = [str(c) for c in frame.columns if str(c) not in left_out]
    if len(names) < 2:
        return None
    rows = []
    for i, c in enumerate(names):
        diagonal = float(frame.loc[c, c])
        met = all(diagonal > abs(float(frame.loc[c, d])) for d in names
                  if d != c and not by_design(inputs.config, c, d))
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


def _outside(record) -> bool:
    """Whether a bootstrap row's estimate lies outside its own interval (bootstrap bias)."""
    return not float(record["ci_low"]) <= float(record["original"]) <= float(record["ci_high"])


def _htmt_row(t, record, signed: float, threshold: float, *, judged: bool = True) -> Row:
    """A row of Table 3b; not ``judged``: a pair high by design (:func:`.higher_order.by_design`), not applicable."""
    value, mean, low, high = (float(record[k]) for k in ("original", "mean", "ci_low", "ci_high"))
    ok = high < threshold
    pair = f"{record['construct_1']} – {record['construct_2']}"
    value_flag = None if not judged else "fail" if value >= threshold else "warn" if _outside(record) else None
    result = (Cell(t("discriminant_by_design")) if not judged else
              Cell(t("discriminant_ok") if ok else t("discriminant_problem"), flag=None if ok else "fail"))
    return Row([Cell(pair), Cell(fmt(value), value, flag=value_flag), Cell(dash(signed), signed),
                Cell(fmt(mean), mean), Cell(fmt(low), low), Cell(fmt(high), high), result],
               keys=(pair, f"{record['construct_1']}-{record['construct_2']}"))


def _htmt_notes(inputs: ReportInputs, records: list, threshold: float) -> list:
    """Table 3b's notes: the threshold and its source, the absolute-value convention, and why an estimate
    lies outside its own interval where one does."""
    t, lang = inputs.t, inputs.language
    notes = [t("n_t3b", threshold=prose(threshold, lang, 2)), t("n_t3b_absolute")]
    outside = [f"{r['construct_1']} – {r['construct_2']}" for r in records
               if _outside(r) and not by_design(inputs.config, r["construct_1"], r["construct_2"])]
    if outside:
        hint = " " + t("n_t3b_bca") if inputs.config["bootstrap"]["ci"] == "percentile" else ""
        notes.append(t("n_t3b_outside", pairs=", ".join(outside), ci=inputs.ci_method) + hint)
    if inputs.config.get("published"):
        notes.append(t("n_t3b_paper"))
    return notes


def table3b(inputs: ReportInputs) -> Table | None:
    """Table 3b, HTMT of each pair of constructs, its signed value, bootstrap mean and confidence interval.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``boot_htmt`` and ``htmt_signed``; the threshold is ``audit.criteria.htmt`` (Henseler, Ringle &
        Sarstedt 2015: 0.85 or 0.90).

    Returns
    -------
    Table or None
        A pair is a problem when the interval's upper bound reaches the threshold. HTMT from absolute
        correlations (SmartPLS's), beside the signed ratio; an estimate outside its own interval is
        flagged and explained in a note. Pairs with a formative construct, an interaction term or a control
        variable are left out (a note says so); a repeated-indicators higher-order construct with one of its own
        dimensions is not judged ("not applicable"); None when no pair is left.
    """
    t, threshold = inputs.t, float(inputs.criteria["htmt"])
    left_out = discriminant_left_out(inputs)
    signed = inputs.frame("htmt_signed").set_index("construct")
    signed.index = signed.index.astype(str)
    records = [r for r in inputs.records("boot_htmt")
               if str(r["construct_1"]) not in left_out and str(r["construct_2"]) not in left_out]
    if not records:
        return None
    rows = [_htmt_row(t, r, float(signed.loc[str(r["construct_1"]), str(r["construct_2"])]), threshold,
                      judged=not by_design(inputs.config, r["construct_1"], r["construct_2"])) for r in records]
    low, high = inputs.ci_bounds
    columns = [Column(t("c_pair"), "l"), Column(t("c_htmt")), Column(t("c_htmt_signed")), Column(t("c_mean")),
               Column(low), Column(high), Column(t("c_result"), "l")]
    return Table("table-3b", "3b", t("t3b"), columns, rows,
                 notes=[*_htmt_notes(inputs, records, threshold), *left_out_notes(inputs, discriminant=True)],
                 sources=inputs.source("htmt", "htmt_signed", "boot_htmt"))


def section(inputs: ReportInputs) -> dict | None:
    """Section "Measurement model (outer model)", in four parts.

    Convergent validity (Table 2, Figure 1), reliability (Table 3), discriminant
    validity (Tables 3a, 3b, Figure 2), indicator collinearity (Table 3c), when the
    model has formative constructs, their assessment (Tables 3d, 3e), and, with
    ``report.common_method_bias``, the full-collinearity check (Table 3f). A part with
    no table is left out with its heading.
    """
    t, lang = inputs.t, inputs.language
    loading = prose(inputs.criteria["loading"], lang, 2)
    htmt = prose(inputs.criteria["htmt"], lang, 2)
    formative = [table(x) for x in (table3d(inputs), table3e(inputs)) if x is not None]
    return make_section("measurement", t("sec_measurement"), [
        *lower_order(inputs),
        *_part(t("sec_convergent"), table2(inputs),
               figure(inputs.figure("loadings", "1", t("f_loadings", threshold=loading)))),
        *_part(t("sec_reliability"), table3(inputs)),
        *_part(t("sec_discriminant"), table3a(inputs), table3b(inputs),
               figure(inputs.figure("htmt", "2", t("f_htmt", threshold=htmt)))),
        heading(t("sec_collinearity_outer")), table(table3c(inputs)),
        *([heading(t("sec_formative")), *formative] if formative else []),
        *_part(t("sec_common_method_bias"), table3f(inputs)),
    ])


def _part(title: str, *content) -> list:
    """A heading and its tables (None: left out) and figures; nothing at all when it has no table."""
    tables = [table(x) for x in content if isinstance(x, Table)]
    if not tables:
        return []
    return [heading(title), *[table(x) if isinstance(x, Table) else x for x in content if x is not None]]
