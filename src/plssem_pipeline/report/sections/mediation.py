"""The mediation part of the structural model: Table 6 (specific indirect effects), Figure 5, Tables 6a-6b.

Each effect's mediation type (Zhao, Lynch & Chen 2010) is decided by the rule of
``mediation.significance`` (by default the bootstrap interval excluding zero);
the VAF and its reading (Hair et al. 2014) have their own columns, and a
reading that differs from the type is marked ‡ and explained in a note.
A model without indirect effects has no mediation part: it is left out whole, heading included.
"""
from __future__ import annotations

from dataclasses import replace

from ..blocks import figure, heading, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, number
from .comparison import attach_comparison
from .long_tables import main_rows, summary_note
from .smartpls import bootstrap_cells, bootstrap_columns
from .total_effects import blocks as total_effects

__all__ = ["table6", "blocks"]

#: Marks a VAF reading that differs from the mediation type (explained under Table 6).
DIFFERS = "‡"
#: LaTeX widths (cm) of the path column and the seven bootstrap columns: with the type, VAF and reading columns
#: (2.1 + 0.75 + 1.95) and ten gaps of 8 pt they fill the 17 cm text width at footnotesize (checked on the PDF).
WIDTHS = (2.0, 1.05, 1.0, 1.2, 1.2, 1.15, 0.8, 0.8)


def _vaf_reading(t, record) -> Cell:
    """The VAF's reading after Hair et al. (2014): why it is not read, or its reading, marked when it differs."""
    note = record.get("vaf_note") if isinstance(record.get("vaf_note"), str) else ""  # empty: read as NaN
    if note in ("undefined", "not_significant", "no_direct_path"):
        return Cell(t("vaf_" + note))
    text = t("vaf_" + str(record.get("vaf_mediation")))
    return Cell(f"{text} {DIFFERS}" if note == "differs" else text)


def _row(inputs, record) -> Row:
    t = inputs.t
    path = str(record["path"])
    vaf = number(record.get("vaf"))
    kind = str(record.get("mediation_type", ""))
    label = t("med_" + kind) if ("med_" + kind) in t.strings else kind
    return Row([Cell(path)] + bootstrap_cells(inputs, record)
               + [Cell(label), Cell(fmt(vaf) or "—", vaf), _vaf_reading(t, record)], keys=(path,))


def _hypothesised(record) -> bool:
    """Whether the specific indirect effect of ``record`` is one of the config's hypotheses."""
    return isinstance(record.get("hypothesis"), str) and bool(record["hypothesis"])


def table6(inputs: ReportInputs) -> Table:
    """Table 6: each specific indirect effect in the bootstrapping layout, its mediation type, VAF and VAF reading.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``mediation`` (``results/mediation/indirect.csv``).

    Returns
    -------
    Table
        Without rows when the model has no indirect effects; with the audit's comparison attached. More
        than :data:`.long_tables.ROWS` effects (a large model) are cut to the hypothesised ones and the largest
        others (:func:`.long_tables.main_rows`), a note counting them all. Its note states the significance rule; a further note explains the ‡ of a VAF reading that differs from
        the type, when a row has one.
    """
    t = inputs.t
    columns = [replace(column, width=width) for column, width in zip(bootstrap_columns(inputs, t("c_path")), WIDTHS)]
    columns += [Column(t("c_mediation_type"), "l", width=2.1), Column(t("c_vaf"), width=0.75),
                Column(t("c_vaf_reading"), "l", width=1.95)]
    records, cut = main_rows(inputs.records("mediation"), _hypothesised, inputs.significant)
    notes = [t("n_t6", rule=t("med_rule_" + inputs.significance))]
    if cut:   # a large model: the hypothesised effects and the largest others; every one in the CSV and workbook
        notes.append(summary_note(t, cut, effects=t("t6").lower(), rule=t("med_rule_" + inputs.significance),
                                  where="results/mediation/indirect.csv", sheet="Mediation"))
    if any(r.get("vaf_note") == "differs" for r in records):
        notes.append(t("n_t6_differs", mark=DIFFERS))
    if int(inputs.config["bootstrap"].get("tails", 2)) == 1 and any(
            isinstance(r.get(k), str) and r.get(k) for r in records for k in ("hypothesis", "direct_hypothesis")):
        notes.append(t("n_t6_one_tailed"))
    result = Table("table-6", "6", t("t6"), columns, [_row(inputs, r) for r in records],
                   notes=notes, sources=inputs.source("mediation", "boot_indirect"), font="footnotesize")
    return attach_comparison(inputs, result, "6")


def blocks(inputs: ReportInputs) -> list:
    """The mediation part of the structural model's section.

    Its heading, then Table 6 and Figure 5 (when drawn), then the total and total indirect effects
    (:mod:`.total_effects`, Tables 6a and 6b); nothing when the model has no indirect effects.
    """
    t = inputs.t
    result = table6(inputs)
    if not result.rows:
        return []
    caption = t("f_bootstrap_indirect", samples=inputs.subsamples, ci=inputs.ci_method)
    return [heading(t("sec_mediation")), table(result), figure(inputs.figure("bootstrap_indirect", "5", caption)),
            *total_effects(inputs)]
