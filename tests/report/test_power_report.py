"""The report's "Statistical power" section and the power curve (issue 17), from the power steps' own files
(tests/pipeline/test_power_steps.py's run: a given population of the default model, the normal test, n 20 and 40) and,
for a model of many effects, a power table made here. No Snakemake run.

The section reads only the power files; :class:`ReportInputs` also wants the study's three summaries, for which the
power step's ``summary.json`` stands in (the section reads none of them).

Expected cells are read from the power step's CSVs; what the figure shows (lines at most MAX_LINES, the rest as one
band, the target line, error bars) is decided here.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import yaml

from plssem_pipeline.report import build_context
from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.figures import print_size
from plssem_pipeline.report.figures.power_curve import MAX_LINES, SIZE, Z, power_chart, power_figure
from plssem_pipeline.report.inputs import REQUIRED_FILES, ReportInputs
from plssem_pipeline.report.sections import power as section
from plssem_pipeline.report.tables import fmt

from figure_helpers import printed_font_sizes
from report_helpers import ROOT, csv_rows


@pytest.fixture(scope="module")
def power_run(tmp_path_factory):
    """The power step's files of a small simulation, and the power curve drawn from them."""
    from test_power_steps import chunked_runs

    folder, _ = chunked_runs(tmp_path_factory)[1]
    details = json.loads((folder / "summary.json").read_text())["details"]
    power_chart(pd.read_csv(folder / "power.csv"), folder / "power_curve.png", pdf=folder / "power_curve.pdf",
                target=details["target"], hypothesised=details["hypothesised"])
    return folder


def _inputs(folder, language="en") -> ReportInputs:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["report"]["language"] = language
    files = {name: str(folder / "summary.json") for name in REQUIRED_FILES}   # stand-ins: the section reads none
    files.update(power_table=str(folder / "power.csv"), power_minimum_n=str(folder / "minimum_n.csv"),
                 power_summary=str(folder / "summary.json"))
    figures = {"power_curve": {"png": str(folder / "power_curve.png"), "pdf": str(folder / "power_curve.pdf")}}
    return ReportInputs(files=files, config=config, figures=figures, report_dir=str(folder))


def test_power_table_per_effect_and_n_with_mc_se(power_run):
    records = csv_rows(power_run / "power.csv")
    table = section.power_table(_inputs(power_run))
    assert table.number == "10a" and [c.label for c in table.columns] == ["n", "Power", "MC SE", "Failed replications"]
    groups = [r.group for r in table.rows if r.group is not None]
    assert groups == [f"{e} (true value {fmt(float(v))}; the value stated in the config {fmt(float(s))})"
                      for e, v, s in dict.fromkeys((r["effect"], r["true_value"], r["stated_value"]) for r in records)]
    rows = [r for r in table.rows if r.group is None]
    assert [r.keys[0] for r in rows] == [f"{r['effect']} n={r['n']}" for r in records]
    for row, record in zip(rows, records):
        power = float(record["power"])
        se = f"< {fmt(1 / int(record['replications']))}" if power in (0, 1) else fmt(float(record["mc_se"]))
        assert [c.text for c in row.cells] == [record["n"], fmt(power), se, record["failed"]]
        assert (row.cells[1].flag == "strong") == (power >= 0.8)


def test_minimum_n_beside_kock_and_hadaya(power_run):
    records = csv_rows(power_run / "minimum_n.csv")
    table = section.minimum_n_table(_inputs(power_run))
    assert [c.label for c in table.columns] == ["Effect", "True value", "Stated value", "Minimum n",
                                                "Inverse square root", "Gamma-exponential"]
    for row, record in zip(table.rows, records):
        assert row.cells[0].text == record["effect"] and row.cells[1].text == fmt(float(record["true_value"]))
        assert row.cells[2].text == fmt(float(record["stated_value"]))
        expected = record["minimum_n"] or STRINGS["en"]["power_not_reached"]
        assert row.cells[3].text == (f"≤ {expected}" if record["note"] == "smallest n simulated" else expected)
        assert [c.text for c in row.cells[4:]] == [record["inverse_square_root"] or "–",
                                                   record["gamma_exponential"] or "–"]
    details = json.loads((power_run / "summary.json").read_text())["details"]
    note = table.notes[0]
    assert "two-tailed" in note and f"= {fmt(details['kock_hadaya']['constant'])}" in note and "2.486" in note


def test_section_says_what_was_simulated_and_shows_the_curve(power_run):
    blocks = section.section(_inputs(power_run))
    assert blocks["title"] == "Statistical power"
    first = blocks["blocks"][0]["text"]
    details = json.loads((power_run / "summary.json").read_text())
    for part in ("6 data sets of each sample size n = 20, 40", "the population model given in the config",
                 "the fast Monte Carlo test", "α = 0.05", "two-tailed", f"seed {details['seed']}"):
        assert part in first
    assert "post-hoc" not in first                           # the caution is for population: estimated only
    kinds = [b["kind"] for b in blocks["blocks"]]
    assert kinds == ["text", "table", "figure", "text", "table"]
    unreached = details["details"]["not_reached"]
    assert (("do not reach the target power" in blocks["blocks"][3]["text"]) == bool(unreached))


def test_indonesian_section(power_run):
    blocks = section.section(_inputs(power_run, "id"))
    assert blocks["title"] == "Kekuatan statistik (power)"
    assert "simulasi Monte Carlo" in blocks["blocks"][0]["text"] and "α = 0,05" in blocks["blocks"][0]["text"]


def test_curve_prints_its_fonts_at_size(power_run):
    sizes = printed_font_sizes(power_run / "power_curve.pdf")
    assert sizes and min(size for _, size in sizes) >= print_size.MIN_FONT
    assert print_size.scale(*SIZE) >= 1.0


def test_many_effects_at_most_max_lines_the_rest_one_band():
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(5)
    effects = [f"A{k} -> B" for k in range(30)]
    grid = [50, 100, 200]
    power = pd.DataFrame([{"effect": e, "n": n, "true_value": 0.1 + k / 100, "power": p, "mc_se": np.sqrt(p * (1 - p) / 100)}
                          for k, e in enumerate(effects) for n, p in zip(grid, np.sort(rng.uniform(size=3)))])
    hypothesised = ["A29 -> B", "A3 -> B"]
    fig = power_figure(power, target=0.8, hypothesised=hypothesised)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    drawn = [label.split(" (")[0] for label in labels if label.startswith("A")]
    assert len(drawn) == MAX_LINES and drawn[:2] == ["A3 -> B", "A29 -> B"]   # hypothesised first, in model order
    assert f"{30 - MAX_LINES} other effects (range)" in labels and "Target power 0.8" in labels
    band = power[~power["effect"].isin(drawn)].groupby("n")["power"]
    polygon = ax.collections[0].get_paths()[0].vertices
    assert np.isclose(polygon[:, 1].max(), band.max().max()) and np.isclose(polygon[:, 1].min(), band.min().min())
    first = power[power["effect"] == "A3 -> B"]
    bars = [c for c in ax.collections[1:] if len(c.get_segments()) == len(grid)][0].get_segments()
    ends = first["power"].to_numpy()[:, None] + np.array([-1, 1]) * Z * first["mc_se"].to_numpy()[:, None]
    np.testing.assert_allclose([s[:, 1] for s in bars], np.clip(ends, 0, 1))       # ±1.96 MC SEs within [0, 1]
    assert (np.clip(ends, 0, 1) != ends).any()                                     # one bar is clipped here
    plt.close(fig)
