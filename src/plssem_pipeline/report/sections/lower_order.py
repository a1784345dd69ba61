"""The lower-order measurement model of the staged higher-order constructs (Sarstedt et al. 2019).

The disjoint and the embedded two-stage approaches estimate the dimensions (lower-order constructs) in a
first stage; their measurement model is assessed there, before the higher-order construct, which the
ordinary measurement tables then show with its dimensions as its indicators (:mod:`.higher_order`).
From the outer step's first-stage files (``results/outer/lower_order_*.csv``): Table L1, the dimensions'
loadings, indicator reliability and AVE; Table L2, their α, ρ_A and ρ_C; Table L3, the HTMT of each dimension with
each other dimension and with the model's other constructs (Sarstedt et al. 2019), judged by its point estimate
against ``audit.criteria.htmt`` (the first stage is not bootstrapped); Mode A dimensions of two or more indicators
only (Hair et al. 2022, ch. 4). Table L4 shows a Mode B dimension the formative way: its indicators' weights and
loadings (point estimates). A model without staged higher-order constructs has no such part.
"""
from __future__ import annotations

from ..blocks import heading, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, prose
from .formative import discriminant_left_out
from .reflective import (convergent_columns, convergent_note, convergent_rows, reliability_columns,
                         reliability_note, reliability_row)

__all__ = ["judged", "formative_dimensions", "table_l1", "table_l2", "table_l3", "table_l4", "blocks"]


def judged(inputs: ReportInputs) -> set:
    """The dimensions judged by reflective criteria: those in the first-stage files with Mode A and two or more
    indicators in the config."""
    constructs = inputs.config["constructs"]
    shown = {str(r["construct"]) for r in inputs.optional_records("lower_order_reliability")}
    return {name for name in shown if name in constructs and constructs[name].get("mode", "A") == "A"
            and len(constructs[name].get("indicators") or ()) > 1}


def formative_dimensions(inputs: ReportInputs) -> list:
    """The Mode B dimensions of two or more indicators in the first-stage files, in their order there."""
    constructs = inputs.config["constructs"]
    shown = dict.fromkeys(str(r["construct"]) for r in inputs.optional_records("lower_order_loadings"))
    return [name for name in shown if name in constructs and constructs[name].get("mode", "A") == "B"
            and len(constructs[name].get("indicators") or ()) > 1]


def table_l1(inputs: ReportInputs) -> Table | None:
    """Table L1: the dimensions' loadings, indicator reliability and AVE (:func:`.reflective.convergent_rows`)."""
    if not judged(inputs):
        return None
    rows = convergent_rows(inputs, inputs.frame("lower_order_loadings"), inputs.frame("lower_order_reliability"),
                           judged(inputs))
    return Table("table-l1", "L1", inputs.t("t_loc_convergent"), convergent_columns(inputs.t), rows,
                 notes=[convergent_note(inputs), inputs.t("n_loc")],
                 sources=inputs.source("lower_order_loadings", "lower_order_reliability"))


def table_l2(inputs: ReportInputs) -> Table | None:
    """Table L2: the dimensions' Cronbach's α, ρ_A and ρ_C (:func:`.reflective.reliability_row`)."""
    shown = judged(inputs)
    rows = [reliability_row(inputs, r) for r in inputs.optional_records("lower_order_reliability")
            if str(r["construct"]) in shown]
    if not rows:
        return None
    return Table("table-l2", "L2", inputs.t("t_loc_reliability"), reliability_columns(inputs.t), rows,
                 notes=[reliability_note(inputs)], sources=inputs.source("lower_order_reliability"))


def _pairs(inputs: ReportInputs, frame) -> list:
    """Table L3's pairs ``(dimension, other)``: each judged dimension with each earlier one, then with each construct
    of the first stage that is no dimension and not left out of the discriminant-validity tables."""
    shown, dimensions = judged(inputs), {str(name) for name in frame.index}
    names = [str(c) for c in frame.columns if str(c) in shown]
    others = [str(c) for c in frame.columns if str(c) not in dimensions and str(c) not in discriminant_left_out(inputs)]
    return [(first, second) for i, first in enumerate(names) for second in names[:i]] + \
        [(first, second) for first in names for second in others]


def table_l3(inputs: ReportInputs) -> Table | None:
    """Table L3: the HTMT of each judged dimension with each other dimension and each other construct (the first
    stage's point estimates), judged by the point estimate against ``audit.criteria.htmt`` (no bootstrap interval:
    the first stage is not bootstrapped; a note says so); None without a pair."""
    t, threshold = inputs.t, float(inputs.criteria["htmt"])
    if "lower_order_htmt" not in inputs.files:
        return None
    frame = inputs.frame("lower_order_htmt").set_index("construct")
    frame.index = frame.index.astype(str)
    frame.columns = frame.columns.astype(str)
    rows = []
    for first, second in _pairs(inputs, frame):
        value = float(frame.loc[first, second])
        ok = value < threshold
        pair = f"{second} – {first}" if second in frame.index else f"{first} – {second}"
        flag = None if ok else "fail"
        rows.append(Row([Cell(pair), Cell(fmt(value), value, flag=flag),
                         Cell(t("discriminant_ok") if ok else t("discriminant_problem"), flag=flag)], keys=(pair,)))
    if not rows:
        return None
    columns = [Column(t("c_pair"), "l"), Column(t("c_htmt")), Column(t("c_result"), "l")]
    return Table("table-l3", "L3", t("t_loc_htmt"), columns, rows,
                 notes=[t("n_loc_htmt", threshold=prose(threshold, inputs.language, 2))],
                 sources=inputs.source("lower_order_htmt"))


def table_l4(inputs: ReportInputs) -> Table | None:
    """Table L4: the indicators of the Mode B dimensions, their outer weights and loadings in the first stage (point
    estimates, SmartPLS's ``indicator -> construct`` rows); None without a Mode B dimension."""
    t, names = inputs.t, formative_dimensions(inputs)
    if not names:
        return None
    rows = []
    for record in inputs.optional_records("lower_order_loadings"):
        if str(record["construct"]) in names:
            label = f"{record['indicator']} -> {record['construct']}"
            weight, loading = float(record["weight"]), float(record["loading"])
            rows.append(Row([Cell(label), Cell(fmt(weight), weight), Cell(fmt(loading), loading)], keys=(label,)))
    columns = [Column(t("c_indicator"), "l"), Column(t("c_weight")), Column(t("c_loading"))]
    return Table("table-l4", "L4", t("t_loc_formative"), columns, rows,
                 notes=[t("n_loc_formative", names=", ".join(names))], sources=inputs.source("lower_order_loadings"))


def blocks(inputs: ReportInputs) -> list:
    """The part "Lower-order constructs" of the measurement model's section: its heading and Tables L1-L4;
    nothing when the model has no staged higher-order construct."""
    tables = [x for x in (table_l1(inputs), table_l2(inputs), table_l3(inputs), table_l4(inputs)) if x is not None]
    return [heading(inputs.t("sec_lower_order")), *map(table, tables)] if tables else []
