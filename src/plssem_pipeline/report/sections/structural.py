"""Section "Structural model": Figure 3 (the model), Tables 4 (R²), 4a (f² and inner VIF), 5 (path
coefficients; control variables and a higher-order construct's paths to its dimensions in blocks of their own)
and Figure 4, then the mediation (:mod:`.mediation`: Table 6, Figure 5, and the total and total indirect effects
of :mod:`.total_effects`, Tables 6a-6b), the moderation (:mod:`.moderation`, when the model has interaction
terms) and the hypotheses (:mod:`.hypotheses`)."""
from __future__ import annotations

from ..blocks import figure, heading, section as make_section, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, isnan, prose
from .comparison import attach_comparison
from .higher_order import by_design, repeated_dimensions
from .hypotheses import blocks as hypotheses, one_tailed_note
from .measurement import vif_verdict
from .mediation import blocks as mediation
from .moderation import blocks as moderation, f2_interaction_size, interaction_bounds
from .smartpls import bootstrap_cells, bootstrap_columns

__all__ = ["table4", "table4a", "table5", "section", "bounds", "R2_LEVELS", "F2_SIZES"]


#: R² from 0.75 substantial, from 0.50 moderate, from 0.25 weak, below very weak (Hair et al. 2022, ch. 6).
R2_LEVELS = ((0.75, "r2_substantial"), (0.50, "r2_moderate"), (0.25, "r2_weak"))
#: f² from 0.35 large, from 0.15 medium, from 0.02 small, below none (Cohen 1988; Hair et al. 2022, ch. 6).
F2_SIZES = ((0.35, "f2_large"), (0.15, "f2_medium"), (0.02, "f2_small"))


def _r2_level(r2: float) -> str:
    return next((key for bound, key in R2_LEVELS if r2 >= bound), "r2_very_weak")


def _f2_size(f2: float) -> str:
    return next((key for bound, key in F2_SIZES if f2 >= bound), "f2_none")


def bounds(inputs: ReportInputs, levels) -> dict:
    """The bounds of :data:`R2_LEVELS` or :data:`F2_SIZES` for a sentence: ``{"large": "0.35", ...}``.

    Parameters
    ----------
    inputs : ReportInputs
        For the report's language (decimal comma in Indonesian).
    levels : tuple
        ``(bound, key)`` pairs; the field is the key's word after its prefix (``f2_large`` -> ``large``).

    Returns
    -------
    dict
    """
    return {key.split("_", 1)[1]: prose(bound, inputs.language, 2) for bound, key in levels}


def table4(inputs: ReportInputs) -> Table:
    """Table 4: R² and adjusted R² of each endogenous construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``r2`` and ``fit`` (the SRMR, in the note; with the fit step's ``model_fit``, the note points to
        the model fit's table instead).

    Returns
    -------
    Table
        Each R² judged substantial, moderate, weak or very weak, except a repeated-indicators higher-order
        construct's dimension's, explained by that construct as part of its measurement ("—", a note says so);
        with the audit's comparison attached.
    """
    t = inputs.t
    fit = inputs.frame("fit").set_index("statistic")["value"]
    dimensions = repeated_dimensions(inputs.config)
    rows = []
    for record in inputs.records("r2"):
        r2, adj = float(record["r2"]), float(record["r2_adj"])
        level = "—" if str(record["construct"]) in dimensions else t(_r2_level(r2))
        rows.append(Row([Cell(inputs.construct_text(record["construct"])), Cell(fmt(r2), r2), Cell(fmt(adj), adj),
                         Cell(level)], keys=(str(record["construct"]),)))
    columns = [Column(t("c_construct"), "l"), Column(t("c_r2")), Column(t("c_r2_adj")), Column(t("c_r2_level"), "l")]
    sources = ("r2", "fit")
    if "model_fit" in inputs.files:   # the model fit's table (issue 14) instead of the SRMR alone
        notes, sources = [t("n_t4_fit", **bounds(inputs, R2_LEVELS))], ("r2",)
    else:
        srmr = prose(float(fit["srmr"]), inputs.language, 3) if "srmr" in fit.index else "–"
        notes = [t("n_t4", srmr=srmr, **bounds(inputs, R2_LEVELS))]
    notes += _dimension_notes(inputs, "n_t4_dimensions")
    result = Table("table-4", "4", t("t4"), columns, rows, notes=notes, sources=inputs.source(*sources))
    return attach_comparison(inputs, result, "4")


def _dimension_notes(inputs: ReportInputs, key: str) -> list:
    """A note per repeated-indicators higher-order construct: its dimensions' R² (``n_t4_dimensions``) or its paths'
    f² (``n_t4a_dimensions``) belong to its measurement and are not judged; none without one."""
    by_hoc: dict = {}
    for dimension, hoc in repeated_dimensions(inputs.config).items():
        by_hoc.setdefault(hoc, []).append(dimension)
    return [inputs.t(key, hoc=hoc, dimensions=", ".join(names)) for hoc, names in by_hoc.items()]


def table4a(inputs: ReportInputs) -> Table:
    """Table 4a: f² of each path with its effect size, and the path's inner VIF.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``f2`` and ``inner_vif``.

    Returns
    -------
    Table
        Effect sizes large, medium, small or none (an interaction term's by Kenny's thresholds; a repeated-indicators
        higher-order construct's path to its dimension, part of its measurement, not judged: "—"); each VIF flagged
        by :func:`.measurement.vif_verdict`.
    """
    t = inputs.t
    vif = {(str(r["source"]), str(r["target"])): float(r["vif"]) for r in inputs.records("inner_vif")}
    terms = {name for name, role in inputs.roles.items() if role == "interaction"}
    rows = []
    for record in inputs.records("f2"):
        value = float(record["f2"])
        path = f"{record['source']} -> {record['target']}"
        v = vif.get((str(record["source"]), str(record["target"])), float("nan"))
        flag = None if isnan(v) else vif_verdict(t, v)[1]
        size = "—" if by_design(inputs.config, record["source"], record["target"]) else \
            t(f2_interaction_size(value) if str(record["source"]) in terms else _f2_size(value))
        rows.append(Row([Cell(path), Cell(fmt(value), value), Cell(size), Cell(fmt(v), v, flag=flag)],
                        keys=(path,)))
    columns = [Column(t("c_path"), "l"), Column(t("c_f2")), Column(t("c_effect_size"), "l"), Column(t("c_vif"))]
    notes = [t("n_t4a", **bounds(inputs, F2_SIZES))]
    notes += [t("n_t4a_interaction", **interaction_bounds(inputs))] if terms else []
    notes += _dimension_notes(inputs, "n_t4a_dimensions")
    return Table("table-4a", "4a", t("t4a"), columns, rows, notes=notes, sources=inputs.source("f2", "inner_vif"))


def _block(roles: dict, record) -> str:
    """Which block of Table 5 a path belongs to: ``g_controls`` (from a control variable), ``g_dimensions`` (a
    higher-order construct to its dimension: its measurement, repeated indicators) or ``structural``."""
    source, target = roles.get(str(record["source"])), roles.get(str(record["target"]))
    return "g_controls" if source == "control" else \
        "g_dimensions" if source == "higher_order" and target == "lower_order" else "structural"


def table5(inputs: ReportInputs) -> Table:
    """Table 5: the path coefficients in SmartPLS 4's bootstrapping layout.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``boot_paths``.

    Returns
    -------
    Table
        One row a path; with the audit's comparison attached.
    """
    t = inputs.t
    blocks: dict[str, list] = {}
    for record in inputs.records("boot_paths"):
        path = f"{record['source']} -> {record['target']}"
        row = Row([Cell(path)] + bootstrap_cells(inputs, record), keys=(path,))
        blocks.setdefault(_block(inputs.roles, record), []).append(row)
    rows = blocks.pop("structural", [])
    if blocks:   # controls and a higher-order construct's paths to its dimensions: blocks of their own
        rows = [Row(group=t("g_structural")), *rows] + [r for key in ("g_dimensions", "g_controls")
                                                         for r in ([Row(group=t(key))] + blocks[key]
                                                                   if key in blocks else [])]
    notes = [t("n_t5", ci=inputs.ci_method, samples=inputs.subsamples_neutral)]
    notes += [t("n_t5_controls")] if "g_controls" in blocks else []
    notes += [tails] if (tails := one_tailed_note(inputs)) else []
    result = Table("table-5", "5", t("t5"), bootstrap_columns(inputs, t("c_path")), rows, notes=notes,
                   sources=inputs.source("boot_paths"))
    return attach_comparison(inputs, result, "5")


def section(inputs: ReportInputs) -> dict | None:
    """Section "Structural model (inner model)": Figure 3, then four parts.

    Explained variance and effect sizes (Tables 4, 4a), path coefficients
    (Table 5, Figure 4), :mod:`.mediation` and :mod:`.hypotheses`.
    """
    t = inputs.t
    caption = t("f_structural", alpha=prose(inputs.alpha, inputs.language))
    if inputs.published:
        caption += t("f_structural_paper")
    paths_caption = t("f_bootstrap_paths", samples=inputs.subsamples, ci=inputs.ci_method)
    return make_section("structural", t("sec_structural"), [
        figure(inputs.figure("structural_model", "3", caption, wide=True)),
        heading(t("sec_r2")), table(table4(inputs)), table(table4a(inputs)),
        heading(t("sec_paths")), table(table5(inputs)), figure(inputs.figure("bootstrap_paths", "4", paths_caption)),
        *mediation(inputs),
        *moderation(inputs),
        *hypotheses(inputs),
    ])
