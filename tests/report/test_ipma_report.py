"""The report's importance-performance map analysis (issue 15): the constructs' and indicators' tables, the map
(report/figures/ipma.{png,pdf}, rule ipma_map) and the sentences, from the shared groups run (target CUSL).

Expected cells are read from the ipma step's CSVs; the priorities (above-average importance, below-average
performance) and what the figure shows (points, labels, mean lines, an axis within 0-100) are decided here.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.figures import print_size
from plssem_pipeline.report.figures.ipma import SIZE, ipma_figure
from plssem_pipeline.report.tables import fmt

from figure_helpers import printed_font_sizes
from report_helpers import csv_rows


def _table(groups_context, table_id):
    return next(t for t in groups_context["tables"] if t.id == table_id)


def _section(groups_context):
    return next(s for s in groups_context["sections"] if s["id"] == "ipma")


def _priorities(records) -> list:
    importance = np.array([float(r["importance"]) for r in records])
    performance = np.array([float(r["performance"]) for r in records])
    return [r["construct"] for r, i, p in zip(records, importance, performance)
            if i > importance.mean() and p < performance.mean()]


def test_constructs_table_with_the_priorities_in_bold(groups_run, groups_context):
    records = csv_rows(groups_run / "results/ipma/constructs.csv")
    table = _table(groups_context, "table-ipma")
    assert [r.keys[0] for r in table.rows] == [r["construct"] for r in records]
    first = _priorities(records)
    for row, record in zip(table.rows, records):
        assert [c.text for c in row.cells[1:]] == [fmt(float(record["importance"])),
                                                   fmt(float(record["importance_standardized"])),
                                                   fmt(float(record["performance"]), 2)]
        assert (row.cells[1].flag == "strong") == (record["construct"] in first)
    negative = [r["construct"] for r in records if r["negative_weights"] == "True"]
    assert any(n.startswith("Flagged: a negative rescaled outer weight") for n in table.notes) == bool(negative)
    summary = json.loads((groups_run / "results/ipma/summary.json").read_text())["details"]
    assert f"the target's: {fmt(summary['target_performance'], 2)}" in table.notes[0]


def test_indicators_table(groups_run, groups_context):
    records = csv_rows(groups_run / "results/ipma/indicators.csv")
    table = _table(groups_context, "table-ipma-indicators")
    rows = [r for r in table.rows if r.group is None]
    assert [r.keys[0] for r in rows] == [f"{r['construct']} {r['indicator']}" for r in records]
    for row, record in zip(rows, records):
        assert [c.text for c in row.cells] == [record["indicator"], fmt(float(record["rescaled_weight"])),
                                               fmt(float(record["importance"])), fmt(float(record["performance"]), 2)]
    groups = [r.group for r in table.rows if r.group is not None]
    assert groups == list(dict.fromkeys(r["construct"] for r in records))


def test_sentences_name_the_target_weights_and_priorities(groups_run, groups_context):
    records = csv_rows(groups_run / "results/ipma/constructs.csv")
    texts = [b["text"] for b in _section(groups_context)["blocks"] if b["kind"] == "text"]
    words = STRINGS["en"]
    assert "target construct CUSL" in texts[0] and words["ipma_weights_unstandardized"] in texts[0]
    first = _priorities(records)
    if first:
        key = "ipma_priority" if len(first) == 1 else "ipma_priorities"
        assert texts[1] == words[key].format(target="CUSL", constructs=", ".join(first))
    else:
        top = max(records, key=lambda r: float(r["importance"]))["construct"]
        assert texts[1].startswith("No construct combines") and f"; {top} has the largest" in texts[1]
    assert "IPMA; Ringle & Sarstedt 2016) of CUSL" in " ".join(groups_context["methods"])


def test_the_map_in_the_report(groups_run, groups_context):
    figures = [b["figure"] for b in _section(groups_context)["blocks"] if b["kind"] == "figure"]
    assert [f.id for f in figures] == ["figure-ipma"]
    for kind in ("png", "pdf"):
        assert (groups_run / f"report/figures/ipma.{kind}").stat().st_size > 0
    html = (groups_run / "report/results.html").read_text(encoding="utf-8")
    assert 'id="figure-ipma"' in html and STRINGS["en"]["sec_ipma"] in html
    sizes = printed_font_sizes(groups_run / "report/figures/ipma.pdf")
    assert sizes and min(size for _, size in sizes) >= print_size.MIN_FONT


def test_the_map_shows_labelled_points_mean_lines_and_a_performance_axis_within_0_to_100(groups_run):
    import matplotlib.pyplot as plt

    constructs = pd.read_csv(groups_run / "results/ipma/constructs.csv")
    fig = ipma_figure(constructs)
    ax = fig.axes[0]
    low, high = ax.get_ylim()       # zoomed to the points within 0-100 (test_group_report_reading.py)
    assert 0.0 <= low < constructs["performance"].min() and constructs["performance"].max() < high <= 100.0
    points = np.vstack([c.get_offsets() for c in ax.collections])
    np.testing.assert_allclose(points, constructs[["importance", "performance"]].to_numpy(), rtol=0, atol=0)
    assert sorted(t.get_text() for t in ax.texts) == sorted(constructs["construct"])
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    xs = {float(np.unique(line.get_xdata())[0]) for line in dashed if np.unique(line.get_xdata()).size == 1}
    ys = {float(np.unique(line.get_ydata())[0]) for line in dashed if np.unique(line.get_ydata()).size == 1}
    assert xs == {float(constructs["importance"].mean())} and ys == {float(constructs["performance"].mean())}
    left, right = ax.get_xlim()
    assert left <= min(0.0, constructs["importance"].min()) and right > constructs["importance"].max()
    assert print_size.scale(*SIZE) >= 1.0      # drawn within its print box: fonts print as set
    plt.close(fig)
