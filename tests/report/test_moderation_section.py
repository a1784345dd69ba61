"""The report of a study with an interaction term, a second-order construct and a control variable (issue 13).

Built from the moderation test study's one DAG run (``tests/pipeline/moderation_study.py``, shared with
tests/pipeline), its context made through the report package's public function. Every number of the
moderation, lower-order and control tables is checked against the CSV it comes from, read here with the
``csv`` module; the decisions, the effect sizes and the Johnson–Neyman sentence are decided again here from
those numbers; the simple-slope figure's lines are checked against the conditional effects of the same
file. The default study's report has none of these parts.
"""
from __future__ import annotations

import csv
import math
import re

import plssem
import pytest
from plssem.moderation import moderation_statistics

from plssem_pipeline.report import build_context
from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.figures import print_size
from plssem_pipeline.report.figures.slopes import LEVELS, slope_lines

import moderation_study
from figure_helpers import printed_font_sizes, type3_fonts
from report_helpers import FIGURES, FILES, TEMPLATES, resolved_config

#: The results files the report reads for issue 13's parts (report.smk's REPORT_INPUTS).
OPTIONAL = {"interactions": "results/moderation/interactions.csv",
            "simple_slopes": "results/moderation/simple_slopes.csv",
            "moderated_mediation": "results/moderation/moderated_mediation.csv",
            "lower_order_loadings": "results/outer/lower_order_loadings.csv",
            "lower_order_reliability": "results/outer/lower_order_reliability.csv",
            "lower_order_htmt": "results/outer/lower_order_htmt.csv"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return moderation_study.moderation_study_run(tmp_path_factory)


def _context(run, language="en"):
    """The report's context of a finished run, built through the report package's public function."""
    config = resolved_config(run)
    config["report"]["language"] = language
    figures = {name: {kind: str(run / f"report/figures/{name}.{kind}") for kind in ("png", "pdf")}
               for name in FIGURES + ("simple_slopes",)}
    return build_context(files={k: str(run / v) for k, v in {**FILES, **OPTIONAL}.items()}, config=config,
                         figures=figures, report_dir=str(run / "report"))


@pytest.fixture(scope="module")
def context(run):
    return _context(run)


@pytest.fixture(scope="module")
def context_id(run):
    return _context(run, "id")


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _table(context, table_id):
    return next(t for t in context["tables"] if t.id == table_id)


def _data_rows(table):
    return [row for row in table.rows if row.group is None]


def _significant(record) -> bool:
    """The default rule (mediation.significance: confidence_interval): the interval excludes zero."""
    return float(record["ci_low"]) > 0 or float(record["ci_high"]) < 0


def test_interaction_table_is_the_csv(run, context):
    records = _rows(run / OPTIONAL["interactions"])
    table = _table(context, "table-moderation")
    assert len(records) == 1 and len(_data_rows(table)) == len(records)
    for row, record in zip(_data_rows(table), records):
        cells = row.cells
        assert cells[0].text == f"{record['term']} -> {record['target']}" == "X x W -> M"
        for cell, column in zip(cells[1:8], ("coefficient", "raw_coefficient", "t", "p", "ci_low", "ci_high", "f2")):
            expected = abs(float(record[column])) if column == "t" else float(record[column])
            assert cell.value == pytest.approx(expected, abs=1e-12), column
        assert cells[1].text == f"{float(record['coefficient']):.3f}"
        assert cells[9].text == ("yes" if _significant(record) else "no")
        f2 = float(record["f2"])      # Kenny (2018) as cited by Hair et al. (2022, ch. 7)
        assert cells[8].text == ("large" if f2 >= 0.025 else "medium" if f2 >= 0.01 else "small" if f2 >= 0.005
                                 else "none")
    # the convention is stated, with the term's SD the file gives (β = b × SD under SmartPLS's convention)
    record = records[0]
    assert float(record["coefficient"]) == pytest.approx(float(record["raw_coefficient"]) * float(record["term_sd"]))
    # no convention attributed to SmartPLS (none of its pages we could read states it); the two-stage term's scale
    assert "SmartPLS" not in table.notes[0] and "Henseler & Chin 2010" in table.notes[0]
    assert STRINGS["en"]["mod_scale_two_stage"] in table.notes[0]
    assert f"X x W: {float(record['term_sd']):.3f}" in table.notes[0]
    assert "Kenny's (2018)" in table.notes[2] and "0.005 small, 0.01 medium, 0.025 large" in table.notes[2]


def test_simple_slopes_table_and_figure_lines_are_the_csv(run, context):
    records = _rows(run / OPTIONAL["simple_slopes"])
    rows = _data_rows(_table(context, "table-slopes"))
    assert [float(r["level"]) for r in records] == list(LEVELS) and len(rows) == 3
    for row, record in zip(rows, records):
        level = {"-1": "−1 SD", "0": "the mean", "+1": "+1 SD", "1": "+1 SD"}[record["level"]]
        assert row.cells[0].text == f"W at {level}"
        for cell, column in zip(row.cells[1:8], ("conditional_effect", "sd", "t", "p", "ci_low", "ci_high")):
            expected = abs(float(record[column])) if column == "t" else float(record[column])
            assert cell.value == pytest.approx(expected, abs=1e-12), column
        assert row.cells[7].text == ("yes" if _significant(record) else "no")
        # the figure's line at this level: its slope is the table's conditional effect (b1 + b3 w)
        xs, ys = slope_lines(record)[float(record["level"])]
        assert (ys[-1] - ys[0]) / (xs[-1] - xs[0]) == pytest.approx(float(record["conditional_effect"]), abs=1e-9)


def test_quadratic_curve_has_the_engine_conditional_effects_as_tangents():
    """A quadratic term's curve b1·x + b3·x²: its slope at −1, 0, +1 SD (finite differences of the drawn points)
    is the engine's conditional effect there (plssem.moderation, b1 + 2·b3·x), on the study's survey."""
    data = moderation_study.simulate_survey()
    blocks = {name: moderation_study.BLOCKS[name] for name in ("X", "M")}
    model = plssem.Model.from_spec(blocks, ["X -> M", "X x X -> M"])
    result = plssem.estimate(data, model)
    paths = result.path_matrix.loc[list(model.construct_names), list(model.construct_names)].to_numpy()
    statistics = moderation_statistics(paths[None], result.term_sd.to_numpy()[None], model)[0]
    record = {"iv": "X", "moderator": "X", "iv_effect": result.path_matrix.loc["X", "M"], "moderator_effect": 0.0,
              "raw_coefficient": statistics[0]}
    [(xs, ys)] = slope_lines(record, points=4001).values()
    step = xs[1] - xs[0]
    for level, effect in zip(LEVELS, statistics[1:]):
        k = round((level - xs[0]) / step)
        assert (ys[k + 1] - ys[k - 1]) / (2 * step) == pytest.approx(effect, abs=1e-9)


def test_johnson_neyman_sentence_states_the_bounds_and_the_observed_range(run, context):
    record = _rows(run / OPTIONAL["interactions"])[0]
    texts = [b["text"] for s in context["sections"] for b in s["blocks"]
             if b["kind"] == "text" and b["text"].startswith("Johnson–Neyman (X x W)")]
    assert len(texts) == 1
    sentence = texts[0]
    lower, upper = float(record["jn_lower"] or "nan"), float(record["jn_upper"] or "nan")
    region = record["jn_region"]
    words = {"outside": "below", "inside": "between", "everywhere": "at every level", "nowhere": "at no level"}
    assert words[region] in sentence
    bounds = [b for b in (lower, upper) if not math.isnan(b)]
    for bound in bounds:
        assert f"{bound:.2f} SD" in sentence
    low, high = float(record["moderator_min"]), float(record["moderator_max"])
    assert f"from {low:.2f} to {high:.2f} SD" in sentence
    inside = [b for b in bounds if low <= b <= high]
    if bounds:
        assert ("the bounds lie inside" in sentence) == (len(inside) == len(bounds))
        assert ("no bound lies inside" in sentence) == (not inside)


def test_moderated_mediation_table_is_the_csv(run, context):
    records = _rows(run / OPTIONAL["moderated_mediation"])
    table = _table(context, "table-moderated-mediation")
    assert [r.group for r in table.rows if r.group] == sorted({f"{r['path']}, moderated by {r['term']}"
                                                               for r in records})
    rows = _data_rows(table)
    assert len(rows) == len(records) > 0
    assert {r["path"] for r in records} == {"X -> M -> Y"}
    for row, record in zip(rows, records):
        assert row.cells[0].text.startswith("Index of moderated mediation" if record["statistic"] == "index"
                                            else "Conditional indirect effect, W at")
        for cell, column in zip(row.cells[1:7], ("original", "sd", "t", "p", "ci_low", "ci_high")):
            expected = abs(float(record[column])) if column == "t" else float(record[column])
            assert cell.value == pytest.approx(expected, abs=1e-12), column
        assert row.cells[7].text == ("yes" if record["decision"] == "significant" else "no")
        assert (record["decision"] == "significant") == _significant(record)


def test_simple_slopes_figure_is_drawn_referenced_and_printable(run, context):
    figures = [b["figure"] for s in context["sections"] for b in s["blocks"] if b["kind"] == "figure"]
    slopes = next(f for f in figures if f.id == "figure-simple_slopes")
    assert slopes.data_uri.startswith("data:image/png;base64,") and slopes.tex_path == "figures/simple_slopes.pdf"
    tex = (run / "report/results.tex").read_text(encoding="utf-8")
    html = (run / "report/results.html").read_text(encoding="utf-8")
    assert "figures/simple_slopes.pdf" in tex and 'id="figure-simple_slopes"' in html
    pdf = run / "report/figures/simple_slopes.pdf"
    sizes = printed_font_sizes(pdf)
    assert sizes and min(size for _, size in sizes) >= print_size.MIN_FONT
    assert type3_fonts(pdf) == []


def test_lower_order_tables_are_the_first_stage_csv(run, context):
    loadings = _rows(run / OPTIONAL["lower_order_loadings"])
    reliability = {r["construct"]: r for r in _rows(run / OPTIONAL["lower_order_reliability"])}
    assert {r["construct"] for r in loadings} == {"Q1", "Q2"}
    rows = _data_rows(_table(context, "table-l1"))
    assert [r.cells[0].text for r in rows] == [r["indicator"] for r in loadings]
    for row, record in zip(rows, loadings):
        assert row.cells[1].value == pytest.approx(float(record["loading"]), abs=1e-12)
        assert row.cells[2].value == pytest.approx(float(record["loading"]) ** 2, abs=1e-12)
    rows = _data_rows(_table(context, "table-l2"))
    assert [r.cells[0].text for r in rows] == ["Q1", "Q2"]
    for row in rows:
        record = reliability[row.cells[0].text]
        for cell, column in zip(row.cells[1:4], ("cronbach_alpha", "rho_a", "rho_c")):
            assert cell.value == pytest.approx(float(record[column]), abs=1e-12)
    htmt = {r["construct"]: r for r in _rows(run / OPTIONAL["lower_order_htmt"])}
    row = _data_rows(_table(context, "table-l3"))[0]   # the dimensions' pair first (then each with the others)
    assert row.cells[0].text == "Q1 – Q2" and row.cells[1].value == pytest.approx(float(htmt["Q2"]["Q1"]))
    # the higher-order construct in the ordinary tables, its dimensions as its indicators, and the notes say so
    table2 = _table(context, "table-2")
    assert [r.cells[0].text for r in _data_rows(table2) if r.cells[0].text in ("Q1", "Q2")] == ["Q1", "Q2"]
    assert any("Q is a higher-order construct measured by the scores of its dimensions Q1, Q2" in note
               and "Sarstedt et al. 2019" in note for note in table2.notes)
    headings = [b["text"] for s in context["sections"] if s["id"] == "measurement" for b in s["blocks"]
                if b["kind"] == "heading"]
    assert headings[0] == "Lower-order constructs (dimensions of higher-order constructs)"


def test_control_variable_has_its_own_block_and_no_hypothesis(run, context):
    table5 = _table(context, "table-5")
    groups = [r.group for r in table5.rows if r.group]
    assert groups == ["Structural paths", "Control variables"]
    after = table5.rows[[r.group for r in table5.rows].index("Control variables") + 1:]
    assert [r.cells[0].text for r in after] == ["age -> Y"]
    paths = {f"{r['source']} -> {r['target']}": r for r in _rows(run / "results/bootstrap/paths.csv")}
    assert after[0].cells[1].value == pytest.approx(float(paths["age -> Y"]["original"]))
    hypotheses = _table(context, "table-7")
    assert not any("age" in cell.text for row in hypotheses.rows for cell in row.cells)
    methods = " ".join(context["methods"])
    assert "age -> Y" in methods and "X x W" in methods and "Sarstedt et al. 2019" in methods
    assert "two-stage approach" in methods


def test_indonesian_report_writes_decimal_commas(context_id):
    context = context_id
    for table_id in ("table-moderation", "table-slopes", "table-moderated-mediation", "table-l1"):
        for row in _data_rows(_table(context, table_id)):
            for cell in row.cells[1:]:
                if cell.value is not None:
                    assert re.fullmatch(r"(< )?-?\d+,\d{3}", cell.text), (table_id, cell.text)
    sentence = next(b["text"] for s in context["sections"] for b in s["blocks"]
                    if b["kind"] == "text" and b["text"].startswith("Johnson–Neyman"))
    assert re.search(r"\d,\d\d SD", sentence) and not re.search(r"\d\.\d", sentence)


def test_wide_tables_fit_the_text_width_in_latex(context_id):
    """The three wide tables give every LaTeX column a width (``p{}``, so the Indonesian row headers wrap);
    with the template's gaps (\\tabcolsep 4 pt on each side) they fit the 17 cm text width."""
    template = TEMPLATES.joinpath("results.tex.j2").read_text(encoding="utf-8")
    assert r"\setlength{\tabcolsep}{4pt}" in template
    gap = 2 * 4 / 72 * 2.54      # cm per column
    for table_id in ("table-moderation", "table-slopes", "table-moderated-mediation"):
        columns = _table(context_id, table_id).columns
        assert all(c.width for c in columns), table_id
        assert sum(c.width + gap for c in columns) <= 17.0, table_id


def test_default_study_has_no_moderation_hoc_or_control_part(study_run):
    context = _context(study_run)
    ids = {t.id for t in context["tables"]}
    assert not ids & {"table-moderation", "table-slopes", "table-moderated-mediation", "table-l1", "table-l2",
                      "table-l3"}
    assert not any(r.group for r in _table(context, "table-5").rows)
    figures = [b["figure"].id for s in context["sections"] for b in s["blocks"] if b["kind"] == "figure"]
    assert "figure-simple_slopes" not in figures
    headings = {b["text"] for s in context["sections"] for b in s["blocks"] if b["kind"] == "heading"}
    assert not headings & {"Moderation (interaction effects)", "Moderated mediation",
                           "Lower-order constructs (dimensions of higher-order constructs)"}
    # the run's own report is the context without the optional files: the same text
    html = (study_run / "report/results.html").read_text(encoding="utf-8")
    assert "Moderation (interaction effects)" not in html and "Lower-order constructs" not in html
