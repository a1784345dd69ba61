"""The mediation part of the structural model: Table 6 (specific indirect effects) and Figure 5.

A model without indirect effects has no mediation part: it is left out whole, heading included.
"""
from __future__ import annotations

from ..blocks import figure, heading, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, number
from .comparison import attach_comparison
from .smartpls import bootstrap_cells, bootstrap_columns

__all__ = ["table6", "blocks"]


def _row(inputs, record) -> Row:
    t = inputs.t
    path = str(record["path"])
    vaf = number(record.get("vaf"))
    kind = str(record.get("mediation_type", ""))
    label = t("med_" + kind) if ("med_" + kind) in t.strings else kind
    return Row([Cell(path)] + bootstrap_cells(inputs, record) + [Cell(fmt(vaf), vaf), Cell(label)], keys=(path,))


def table6(inputs: ReportInputs) -> Table:
    """Table 6: each specific indirect effect in the bootstrapping layout, with VAF and mediation type.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``mediation`` (``results/mediation/indirect.csv``).

    Returns
    -------
    Table
        Without rows when the model has no indirect effects; with the audit's comparison attached.
    """
    t = inputs.t
    columns = bootstrap_columns(inputs, t("c_path"), narrower=0.15)
    columns += [Column(t("c_vaf"), width=0.95), Column(t("c_mediation_type"), "l", width=2.6)]
    records = inputs.records("mediation")
    notes = [t("n_t6")]
    if int(inputs.config["bootstrap"].get("tails", 2)) == 1 and any(
            isinstance(r.get(k), str) and r.get(k) for r in records for k in ("hypothesis", "direct_hypothesis")):
        notes.append(t("n_t6_one_tailed"))
    result = Table("table-6", "6", t("t6"), columns, [_row(inputs, r) for r in records],
                   notes=notes, sources=inputs.source("mediation", "boot_indirect"), font="footnotesize")
    return attach_comparison(inputs, result, "6")


def blocks(inputs: ReportInputs) -> list:
    """The mediation part of the structural model's section.

    Its heading, then Table 6 and Figure 5 (when drawn); nothing when the model has no indirect effects.
    """
    t = inputs.t
    result = table6(inputs)
    if not result.rows:
        return []
    caption = t("f_bootstrap_indirect", samples=inputs.subsamples, ci=inputs.ci_method)
    return [heading(t("sec_mediation")), table(result), figure(inputs.figure("bootstrap_indirect", "5", caption))]
