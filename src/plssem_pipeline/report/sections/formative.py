"""Part of the section "Measurement model": which construct is judged by which criteria, and the
tables of formative constructs, 3d (redundancy analysis) and 3e (indicator weights, loadings, VIF).

Hair et al. (2022, chs. 4–5) assess a reflective block by its loadings, reliability,
AVE and discriminant validity, and a formative (Mode B) block by convergent
validity (redundancy analysis), indicator collinearity and the significance and
relevance of its weights; a single-item construct has a loading of 1 by construction,
so no reliability or AVE applies to it. :func:`kinds` sorts the constructs; the
reflective tables list only reflective multi-item constructs, the formative tables
only formative ones, and each table is left out whole when it has no row.
"""
from __future__ import annotations

from ...analysis.formative import REDUNDANCY_THRESHOLD
from ...study.extensions import measures
from ..inputs import ReportInputs
from ..numbering import ref
from ..tables import Cell, Column, Row, Table, fmt, isnan, prose, pvalue
from .higher_order import higher_order, hoc_notes, is_staged, staged_dimensions

__all__ = ["kinds", "reflective", "unassessed", "discriminant_left_out", "dash", "left_out_notes", "without_redundancy",
           "table3d", "table3e", "RULE_KEYS"]

#: The rule of Hair et al.'s (2022, Fig. 5.3) decision process (``results/bootstrap/formative.csv``, ``rule``)
#: -> the key of its wording in ``report/strings``.
RULE_KEYS = {
    "weight_significant": "fr_weight_significant",
    "loading_at_least_0.5": "fr_loading_absolute",
    "loading_significant": "fr_loading_significant",
    "neither_significant": "fr_neither",
}


def kinds(inputs: ReportInputs) -> dict[str, list[str]]:
    """The constructs by how they are assessed: ``{"reflective", "formative", "single"}``, each in config order.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``constructs`` of the config (``indicators``, ``mode``).

    Returns
    -------
    dict
        ``reflective``: Mode A with two or more indicators (a higher-order construct: dimensions);
        ``formative``: Mode B with two or more; ``single``: one indicator, whatever the mode, and the
        control variables (config ``controls``); ``interaction``: the interaction terms, which no
        measurement criterion applies to (Hair et al. 2022, ch. 7). The dimensions of a staged
        higher-order construct are not in the final model: they are assessed in :mod:`.lower_order`.
    """
    out: dict[str, list[str]] = {"reflective": [], "formative": [], "single": [], "interaction": []}
    first_stage = staged_dimensions(inputs.config)
    for name, spec in inputs.config["constructs"].items():
        if str(name) in first_stage:
            continue
        kind = "single" if len(measures(spec)) == 1 else "formative" if spec.get("mode", "A") == "B" else "reflective"
        out[kind].append(str(name))
    out["single"] += [str(column) for column in inputs.config.get("controls") or {}]
    out["interaction"] = [name for name, role in inputs.roles.items() if role == "interaction"]
    return out


def reflective(inputs: ReportInputs) -> set[str]:
    """The constructs judged by reflective criteria (loadings, α, ρ, AVE): Mode A blocks of two or more items."""
    return set(kinds(inputs)["reflective"])


def unassessed(inputs: ReportInputs) -> list[str]:
    """The interaction terms and control variables (``inputs.roles``), in that order: no measurement criterion
    applies to them (Hair et al. 2022, ch. 7), so the discriminant-validity tables, their figure and the bootstrap
    of the reliability leave them out, while the path tables keep them."""
    return [name for role in ("interaction", "control") for name, r in inputs.roles.items() if r == role]


def discriminant_left_out(inputs: ReportInputs) -> set[str]:
    """The constructs the Fornell–Larcker and HTMT tables leave out: formative ones and :func:`unassessed`."""
    return set(kinds(inputs)["formative"]) | set(unassessed(inputs))


def dash(value, decimals: int = 3) -> str:
    """:func:`~plssem_pipeline.report.tables.fmt`, or "—" for a statistic that does not exist (NaN: no t or p)."""
    return "—" if isnan(value) else fmt(value, decimals)


def left_out_notes(inputs: ReportInputs, *, discriminant: bool = False) -> list[str]:
    """Notes naming the constructs a reflective table leaves out, and why (none when none is left out).

    Parameters
    ----------
    inputs : ReportInputs
    discriminant : bool
        The discriminant-validity tables, which keep single items and leave out formative constructs, interaction
        terms and control variables (:func:`discriminant_left_out`).

    Returns
    -------
    list of str
    """
    t, groups = inputs.t, kinds(inputs)
    notes = []
    if groups["single"] and not discriminant:
        notes.append(t("n_single_left_out", names=", ".join(groups["single"])))
    if groups["interaction"] and discriminant:
        notes.append(t("n_discriminant_interaction", names=", ".join(groups["interaction"])))
    controls = [name for name, role in inputs.roles.items() if role == "control"]
    if controls and discriminant:
        notes.append(t("n_discriminant_controls", names=", ".join(controls)))
    if discriminant:
        notes += [t("n_discriminant_repeated", hoc=name, dimensions=", ".join(map(str, spec["dimensions"])))
                  for name, spec in higher_order(inputs.config).items() if not is_staged(spec)]
    if groups["formative"] and discriminant:
        notes.append(t("n_discriminant_formative", names=", ".join(groups["formative"])))
    elif groups["formative"]:
        tables = (t("ref_table_one", a=ref("table-3e")) if without_redundancy(inputs) == groups["formative"]
                  else t("ref_table_two", a=ref("table-3d"), b=ref("table-3e")))
        notes.append(t("n_formative_left_out", names=", ".join(groups["formative"]), tables=tables))
    return notes


def without_redundancy(inputs: ReportInputs) -> list[str]:
    """The formative constructs with no global single item (config ``constructs.<C>.redundancy``), in config order:
    their convergent validity by redundancy analysis (Hair et al. 2022, ch. 5; Table 3d) is not assessed."""
    return [name for name in kinds(inputs)["formative"] if not inputs.config["constructs"][name].get("redundancy")]


def table3d(inputs: ReportInputs) -> Table | None:
    """Table 3d, convergent validity of formative constructs by redundancy analysis.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``redundancy`` (``results/outer/redundancy.csv``, written by the ``outer`` rule for every
        ``constructs.<C>.redundancy``).

    Returns
    -------
    Table or None
        One row per formative construct with a global item; None when the config names none.
    """
    t = inputs.t
    rows = []
    for record in inputs.records("redundancy"):
        path, r2 = float(record["path"]), float(record["r2"])
        ok = record["verdict"] == "convergent"
        rows.append(Row([Cell(inputs.construct_text(record["construct"])), Cell(str(record["global_item"])),
                         Cell(fmt(path), path, flag=None if ok else "fail"), Cell(fmt(r2), r2),
                         Cell(t("convergent_ok") if ok else t("convergent_problem"), flag=None if ok else "fail")],
                        keys=(str(record["construct"]),)))
    if not rows:
        return None
    columns = [Column(t("c_construct"), "l"), Column(t("c_global_item"), "l"), Column(t("c_path")),
               Column(t("c_r2")), Column(t("c_result"), "l")]
    return Table("table-3d", "3d", t("t3d"), columns, rows,
                 notes=[t("n_t3d", threshold=prose(REDUNDANCY_THRESHOLD, inputs.language, 2))],
                 sources=inputs.source("redundancy"))


def _evidence(inputs: ReportInputs, record, stat: str) -> list[Cell]:
    """The cells deciding whether the weight or loading (``stat``) is significant, under ``mediation.significance``:
    its P (p_value) or its interval's bounds (confidence_interval), flagged when not significant."""
    flag = None if record[f"{stat}_significant"] else "warn"
    if inputs.significance == "p_value":
        p = float(record[f"{stat}_p"])
        return [Cell(pvalue(p, inputs.language) or "—", p, flag=flag)]
    low, high = float(record[f"{stat}_ci_low"]), float(record[f"{stat}_ci_high"])
    return [Cell(fmt(low), low, flag=flag), Cell(fmt(high), high, flag=flag)]


def _indicator_row(inputs: ReportInputs, record) -> Row:
    t = inputs.t
    weight, sd, loading, vif = (float(record[k]) for k in ("weight", "weight_sd", "loading", "vif"))
    keep = record["decision"] == "keep"
    vif_flag = {"critical": "fail", "possible": "warn"}.get(str(record["collinearity"]))
    return Row([Cell(str(record["indicator"])), Cell(fmt(weight), weight), Cell(dash(sd), sd),
                *_evidence(inputs, record, "weight"), Cell(fmt(loading), loading),
                *_evidence(inputs, record, "loading"), Cell(fmt(vif), vif, flag=vif_flag),
                Cell(t(RULE_KEYS[str(record["rule"])]), flag=None if keep else "warn")],
               keys=(str(record["indicator"]),))


def table3e(inputs: ReportInputs) -> Table | None:
    """Table 3e, formative indicators: weights and loadings with the test deciding their significance, VIF, decision.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``formative`` (``results/bootstrap/formative.csv``), grouped by construct.

    Returns
    -------
    Table or None
        None when the model has no formative construct of two or more indicators. The weight's and the
        loading's evidence is the test of ``mediation.significance`` that decided them (:func:`_evidence`):
        their intervals' bounds by default, their P under ``p_value``, so that no shown number contradicts
        the decision, and the note states the rule. The last column names the rule of Hair et al.'s
        (2022, Fig. 5.3) decision process that applied.
    """
    t = inputs.t
    frame = inputs.frame("formative", dtype={"construct": str, "indicator": str})
    rows = []
    for construct, block in frame.groupby("construct", sort=False):
        rows.append(Row(group=inputs.construct_text(construct)))
        rows += [_indicator_row(inputs, record) for record in block.to_dict("records")]
    if not rows:
        return None
    low, high = inputs.ci_bounds
    missing = [t("n_redundancy_not_assessed", names=", ".join(names))] if (names := without_redundancy(inputs)) else []
    tests = ([t("c_p_short")], [t("c_p_loading")]) if inputs.significance == "p_value" else \
        ([low, high], [t("c_loading_ci", bound=low), t("c_loading_ci", bound=high)])
    numbers = [t("c_weight"), t("c_sd_short"), *tests[0], t("c_loading"), *tests[1], t("c_vif")]
    # LaTeX widths wrap the long headers: at most ten columns fit the text width at footnotesize
    columns = [Column(t("c_indicator"), "l"), *(Column(label, width=1.15) for label in numbers),
               Column(t("c_decision"), "l", width=3.4)]
    return Table("table-3e", "3e", t("t3e"), columns, rows,
                 notes=[t("n_t3e_" + inputs.significance, ci=inputs.ci_method, samples=inputs.subsamples_neutral,
                          rule=t("med_rule_" + inputs.significance))] + missing + hoc_notes(inputs, "B"),
                 sources=inputs.source("formative"), font="footnotesize")
