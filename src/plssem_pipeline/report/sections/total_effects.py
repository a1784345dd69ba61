"""Total effects (Table 6a) and total indirect effects (Table 6b), in SmartPLS 4's bootstrapping layout.

SmartPLS's "Total effects" and "Total indirect effects": the total effect of a
construct on another is its direct effect plus every specific indirect effect
between them, the total indirect effect the sum of the specific indirect
effects (total minus direct). Rows follow the model's paths (config key
``paths``, the order of ``results/bootstrap/paths.csv``), then the pairs without
a direct path in the order of the results file. Shown at the end of the
mediation part (:mod:`.mediation`), so a model without indirect effects has neither table.

Rows from an interaction or quadratic term stay, as SmartPLS lists them, with a note that such a term's
effect is the moderation of the interaction effects table (:mod:`.moderation`) and its indirect effects no
mediation (the mediation table leaves them out).
"""
from __future__ import annotations

from ..blocks import heading, table
from ..inputs import ReportInputs
from ..tables import Cell, Row, Table
from .long_tables import main_rows, summary_note
from .smartpls import bootstrap_cells, bootstrap_columns

__all__ = ["table6a", "table6b", "blocks"]


def _in_path_order(inputs: ReportInputs, records) -> list:
    """``records`` (rows with ``source`` and ``target``) in the model's path order, other pairs after them."""
    order = {(str(r["source"]), str(r["target"])): i for i, r in enumerate(inputs.records("boot_paths"))}
    return sorted(records, key=lambda r: order.get((str(r["source"]), str(r["target"])), len(order)))


#: The results file and workbook sheet of each table's rows (the note of a table cut to its largest rows).
_WHERE = {"boot_total_effects": ("results/bootstrap/total_effects.csv", "Total effects"),
          "boot_total_indirect": ("results/bootstrap/total_indirect.csv", "Total indirect effects")}


def _table(inputs: ReportInputs, name: str, number: str) -> Table:
    t = inputs.t
    rows = []
    records, cut = main_rows(_in_path_order(inputs, inputs.records(name)), lambda record: False,
                           inputs.significant)
    for record in records:
        path = f"{record['source']} -> {record['target']}"
        rows.append(Row([Cell(path)] + bootstrap_cells(inputs, record), keys=(path,)))
    notes = [t("n_t" + number, ci=inputs.ci_method, samples=inputs.subsamples_neutral)]
    terms = [term for term, role in inputs.roles.items() if role == "interaction"
             and any(str(r["source"]) == term for r in inputs.records(name))]
    if terms:   # kept, as SmartPLS lists them; their effect is the moderation of Table 6c
        notes.append(t("n_total_terms", terms=", ".join(terms)))
    if cut:     # a large model: the largest by |O|, every one in the CSV and the workbook
        where, sheet = _WHERE[name]
        notes.append(summary_note(t, cut, effects=t("t" + number).lower(), rule=t("med_rule_" + inputs.significance),
                                  where=where, sheet=sheet))
    return Table("table-" + number, number, t("t" + number), bootstrap_columns(inputs, t("c_path")), rows,
                 notes=notes, sources=inputs.source(name))


def table6a(inputs: ReportInputs) -> Table:
    """Table 6a: the total effect of every construct on every construct it reaches, with its bootstrap test.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``boot_total_effects`` (``results/bootstrap/total_effects.csv``) and ``boot_paths`` (the order).

    Returns
    -------
    Table
        One row a pair, in the model's path order; P flagged when not significant by ``mediation.significance``.
    """
    return _table(inputs, "boot_total_effects", "6a")


def table6b(inputs: ReportInputs) -> Table:
    """Table 6b: :func:`table6a` for the total indirect effects (``boot_total_indirect``,
    ``results/bootstrap/total_indirect.csv``), one row a pair joined by an indirect route; without rows when the
    model has no indirect effects."""
    return _table(inputs, "boot_total_indirect", "6b")


def blocks(inputs: ReportInputs) -> list:
    """Their heading, Table 6a and Table 6b; nothing when the model has no total indirect effects."""
    indirect = table6b(inputs)
    if not indirect.rows:
        return []
    return [heading(inputs.t("sec_total_effects")), table(table6a(inputs)), table(indirect)]
