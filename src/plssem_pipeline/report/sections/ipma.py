"""Section "Importance–performance map analysis (IPMA)": the constructs' and the indicators' importance and
performance for the target construct, and the map (Ringle & Sarstedt 2016; Hair et al. 2024, ch. 3).

Only when the study configures ``ipma``; from the ipma step's files (``results/ipma/``):

* a sentence giving the target, its performance and how the two axes are computed (indicators rescaled to 0–100
  by their scales; importance = the unstandardized total effect on the target);
* the constructs' table: importance (unstandardized total effect), the standardized total effect and the
  performance; the constructs of above-average importance and below-average performance (the lower right of the
  map: important constructs with room to improve, the priorities) in bold, a construct with a negative rescaled
  outer weight flagged (the IPMA assumes positive weights);
* the indicators' table: each predecessor's indicators with their rescaled outer weight, importance and
  performance;
* the map (:mod:`..figures.ipma`) and a sentence naming the priorities.

:func:`methods_text` is the methods' sentence on the settings (the target, the weights).
"""
from __future__ import annotations

from ..blocks import figure, section as make_section, table, text
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, prose
from .micom import true

__all__ = ["priorities", "constructs_table", "indicators_table", "settings_text", "reading_text", "methods_text",
           "section", "NUMBER"]

#: The number of the section's tables beside a published paper: 9a, 9b (after the multi-group analysis' 8a, ...).
NUMBER = "9"


def _details(inputs: ReportInputs) -> dict:
    return inputs.optional_json("ipma_summary")["details"]


def priorities(records: list) -> list[str]:
    """The constructs of above-average importance and below-average performance (the map's lower right), the
    averages taken over the constructs of the map (its dashed lines).

    Parameters
    ----------
    records : list of dict
        ``results/ipma/constructs.csv``'s rows.

    Returns
    -------
    list of str
        In the file's order (model order).
    """
    if not records:
        return []
    importance = sum(float(r["importance"]) for r in records) / len(records)
    performance = sum(float(r["performance"]) for r in records) / len(records)
    return [str(r["construct"]) for r in records
            if float(r["importance"]) > importance and float(r["performance"]) < performance]


def constructs_table(inputs: ReportInputs) -> Table:
    """The constructs' importance and performance for the target.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``ipma_constructs`` (``results/ipma/constructs.csv``) and ``ipma_summary``.

    Returns
    -------
    Table
        Per predecessor of the target: importance, standardized total effect, performance (0–100); the
        :func:`priorities` in bold; a construct with negative rescaled weights flagged, and named in a note.
    """
    t, records = inputs.t, inputs.optional_records("ipma_constructs")
    first = set(priorities(records))
    rows, negative = [], []
    for record in records:
        construct = str(record["construct"])
        if true(record["negative_weights"]):
            negative.append(construct)
        flag = "warn" if true(record["negative_weights"]) else "strong" if construct in first else None
        cells = [Cell(inputs.construct_text(construct), flag=flag)]
        cells += [Cell(fmt(record[k]), float(record[k]), flag="strong" if construct in first else None)
                  for k in ("importance", "importance_standardized")]
        cells.append(Cell(fmt(record["performance"], 2), float(record["performance"]),
                          flag="strong" if construct in first else None))
        rows.append(Row(cells, keys=(construct,)))
    details = _details(inputs)
    columns = [Column(t("c_construct"), "l"), Column(t("c_importance")), Column(t("c_total_effect_std")),
               Column(t("c_performance"))]
    notes = [t("n_ipma_constructs", target=str(details["target"]),
               performance=fmt(details["target_performance"], 2))]
    if negative:
        notes.append(t("n_ipma_negative", constructs=", ".join(negative)))
    return Table("table-ipma", NUMBER + "a", t("t_ipma", target=str(details["target"])), columns, rows,
                 notes=notes, sources=inputs.source("ipma_constructs"))


def indicators_table(inputs: ReportInputs) -> Table:
    """The indicators' importance and performance for the target, grouped by construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``ipma_indicators`` (``results/ipma/indicators.csv``).

    Returns
    -------
    Table
        Per indicator: the rescaled outer weight (the construct's weights summing to 1), the importance (that
        weight × the construct's importance) and the performance (0–100).
    """
    t = inputs.t
    rows, construct = [], None
    for record in inputs.optional_records("ipma_indicators"):
        if str(record["construct"]) != construct:
            construct = str(record["construct"])
            rows.append(Row(group=inputs.construct_text(construct)))
        weight = float(record["rescaled_weight"])
        cells = [Cell(str(record["indicator"])), Cell(fmt(weight), weight, flag="warn" if weight < 0 else None),
                 Cell(fmt(record["importance"]), float(record["importance"])),
                 Cell(fmt(record["performance"], 2), float(record["performance"]))]
        rows.append(Row(cells, keys=(f"{construct} {record['indicator']}",)))
    details = _details(inputs)
    columns = [Column(t("c_indicator"), "l"), Column(t("c_rescaled_weight")), Column(t("c_importance")),
               Column(t("c_performance"))]
    return Table("table-ipma-indicators", NUMBER + "b", t("t_ipma_indicators", target=str(details["target"])),
                 columns, rows, notes=[t("n_ipma_indicators")], sources=inputs.source("ipma_indicators"))


def settings_text(inputs: ReportInputs) -> str:
    """The sentence giving the target, its performance, the rescaling and the weights the IPMA used."""
    t, details = inputs.t, _details(inputs)
    return t("ipma_settings", target=inputs.construct_text(details["target"]),
             performance=prose(float(details["target_performance"]), inputs.language, 2),
             weights=t("ipma_weights_" + str(details["weights"])))


def reading_text(inputs: ReportInputs) -> str:
    """The sentence naming the priorities (:func:`priorities`: above-average importance with room to improve, not
    necessarily the largest importance), or the most important construct when none lies in the map's lower right."""
    t, records = inputs.t, inputs.optional_records("ipma_constructs")
    target = str(_details(inputs)["target"])
    first = priorities(records)
    if first:
        return t("ipma_priority" if len(first) == 1 else "ipma_priorities", target=target, constructs=", ".join(first))
    top = max(records, key=lambda r: float(r["importance"]))
    return t("ipma_no_priorities", target=target, construct=str(top["construct"]),
             importance=prose(float(top["importance"]), inputs.language, 3))


def methods_text(inputs: ReportInputs) -> str | None:
    """The methods' sentence on the IPMA (target, weights); None when the study configures none."""
    summary = inputs.optional_json("ipma_summary")
    if summary is None:
        return None
    details = summary["details"]
    return inputs.t("m_ipma", target=str(details["target"]), weights=inputs.t("ipma_weights_" + str(details["weights"])))


def section(inputs: ReportInputs) -> dict | None:
    """Section "Importance–performance map analysis (IPMA)"; None without the ipma step's files."""
    if inputs.optional_json("ipma_summary") is None:
        return None
    t = inputs.t
    caption = t("f_ipma", target=str(_details(inputs)["target"]))
    return make_section("ipma", t("sec_ipma"), [
        text(settings_text(inputs)), table(constructs_table(inputs)),
        figure(inputs.figure("ipma", "9", caption)), text(reading_text(inputs)),
        table(indicators_table(inputs)),
    ])
