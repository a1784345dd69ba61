"""The lower-order measurement model of the staged higher-order constructs (Sarstedt et al. 2019).

The disjoint and the embedded two-stage approaches estimate the dimensions (lower-order constructs) in a
first stage; their measurement model is assessed there, before the higher-order construct, which the
ordinary measurement tables then show with its dimensions as its indicators (:mod:`.higher_order`).
From the outer step's first-stage files (``results/outer/lower_order_*.csv``): Table L1, the dimensions'
loadings, indicator reliability and AVE; Table L2, their α, ρ_A and ρ_C; Table L3, the HTMT of each pair of
dimensions against ``audit.criteria.htmt``. Mode A dimensions of two or more indicators only (Hair et al.
2022, ch. 4). A model without staged higher-order constructs has no such part.
"""
from __future__ import annotations

from ..blocks import heading, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, prose
from .reflective import (convergent_columns, convergent_note, convergent_rows, reliability_columns,
                         reliability_note, reliability_row)

__all__ = ["judged", "table_l1", "table_l2", "table_l3", "blocks"]


def judged(inputs: ReportInputs) -> set:
    """The dimensions judged by reflective criteria: those in the first-stage files with Mode A and two or more
    indicators in the config."""
    constructs = inputs.config["constructs"]
    shown = {str(r["construct"]) for r in inputs.optional_records("lower_order_reliability")}
    return {name for name in shown if name in constructs and constructs[name].get("mode", "A") == "A"
            and len(constructs[name].get("indicators") or ()) > 1}


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


def table_l3(inputs: ReportInputs) -> Table | None:
    """Table L3: the HTMT of each pair of dimensions (the first stage's point estimate), against
    ``audit.criteria.htmt``; None with fewer than two dimensions judged."""
    t, threshold = inputs.t, float(inputs.criteria["htmt"])
    shown = judged(inputs)
    if "lower_order_htmt" not in inputs.files:
        return None
    frame = inputs.frame("lower_order_htmt").set_index("construct")
    frame.index = frame.index.astype(str)
    names = [str(c) for c in frame.columns if str(c) in shown]
    rows = []
    for i, first in enumerate(names):
        for second in names[:i]:
            value = float(frame.loc[first, second])
            ok = value < threshold
            pair = f"{second} – {first}"
            flag = None if ok else "fail"
            rows.append(Row([Cell(pair), Cell(fmt(value), value, flag=flag),
                             Cell(t("discriminant_ok") if ok else t("discriminant_problem"), flag=flag)], keys=(pair,)))
    if not rows:
        return None
    columns = [Column(t("c_pair"), "l"), Column(t("c_htmt")), Column(t("c_result"), "l")]
    return Table("table-l3", "L3", t("t_loc_htmt"), columns, rows,
                 notes=[t("n_loc_htmt", threshold=prose(threshold, inputs.language, 2))],
                 sources=inputs.source("lower_order_htmt"))


def blocks(inputs: ReportInputs) -> list:
    """The part "Lower-order constructs" of the measurement model's section: its heading and Tables L1-L3;
    nothing when the model has no staged higher-order construct."""
    tables = [x for x in (table_l1(inputs), table_l2(inputs), table_l3(inputs)) if x is not None]
    return [heading(inputs.t("sec_lower_order")), *map(table, tables)] if tables else []
