"""The measurement side of the report for interaction terms, higher-order constructs and control variables (issue 13,
the fresh user's findings 4, 5, 9, 10 and 18).

Built from the moderation test study's one DAG run (``tests/pipeline/moderation_study.py``: X x W -> M, the
second-order construct Q of Q1 and Q2 in the disjoint two-stage approach, the control variable ``age``). Two
variants of that study are estimated here with the engine only (no bootstrap of the full size, no DAG run) and their
tables written by the pipeline's own table functions: Q with repeated indicators in Mode A (its paths to Q1 and Q2
in the final model), and Q1 as a Mode B dimension. Every number is read back with the ``csv`` module and every
verdict decided again here; which constructs are left out follows ``study.roles`` and the engine's model.
"""
from __future__ import annotations

import copy
import csv
import subprocess

import openpyxl
import plssem
import pytest

from plssem_pipeline import io, study
from plssem_pipeline.analysis import numerics, tables
from plssem_pipeline.report.catalogue import Catalogue
from plssem_pipeline.report.inputs import ReportInputs
from plssem_pipeline.report.sections import appendix, lower_order, measurement, methods, structural
from plssem_pipeline.report.workbook import SHEETS, write_workbook

import moderation_study
from report_helpers import FILES, ROOT, resolved_config
from test_export import RULE_INPUTS
from test_moderation_section import OPTIONAL

#: Subsamples of the variant's bootstrap (only its HTMT intervals are read).
VARIANT_SAMPLES = 30


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return moderation_study.moderation_study_run(tmp_path_factory)


def _rows(path) -> list:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _files(run, **replaced) -> dict:
    return {**{k: str(run / v) for k, v in {**FILES, **OPTIONAL}.items()}, **replaced}


def _inputs(run, config=None, language="en", **replaced) -> ReportInputs:
    config = copy.deepcopy(config or resolved_config(run))
    config["report"]["language"] = language
    return ReportInputs(files=_files(run, **replaced), config=config, report_dir=str(run / "report"))


def _data(table) -> list:
    return [row for row in table.rows if row.group is None]


def _variant(run, directory, hoc: dict, dimension_modes: dict | None = None, *, bootstrap: bool = False):
    """The study with Q redefined as ``hoc`` (and dimensions' modes changed), estimated by the engine on the run's
    cleaned survey; its outer, inner and lower-order tables (and, with ``bootstrap``, the HTMT of
    :data:`VARIANT_SAMPLES` subsamples) written to ``directory`` by the pipeline's table functions. Returns
    ``(config, model, files)``."""
    config = resolved_config(run)
    config["constructs"]["Q"] = hoc
    for name, mode in (dimension_modes or {}).items():
        config["constructs"][name]["mode"] = mode
    model = study.model_from_spec(study.model_spec(config))
    result = numerics.estimate(io.read_csv(run / "results/clean/survey.csv"), model, config["algorithm"],
                               source="survey")
    frames = {**tables.outer_tables(result), **tables.inner_tables(result), **tables.lower_order_tables(result)}
    if bootstrap:
        draws = plssem.bootstrap(result.observed_data.standardized, model, seed=1, start=0, stop=VARIANT_SAMPLES,
                                 **study.algorithm_options(config["algorithm"]))
        frames["boot_htmt"] = tables.bootstrap_tables(result, draws)["htmt"]
    files = {}
    for name, frame in frames.items():
        path = directory / f"{name}.csv"
        io.write_csv(frame, path)
        files[name] = str(path)
    return config, model, files


@pytest.fixture(scope="module")
def repeated(run, tmp_path_factory):
    """Q in the repeated indicators approach, Mode A: the report's inputs over the variant's tables."""
    config, model, files = _variant(run, tmp_path_factory.mktemp("repeated"),
                                    {"dimensions": ["Q1", "Q2"], "mode": "A", "approach": "repeated_indicators"},
                                    bootstrap=True)
    replaced = {name: files[name] for name in ("htmt", "htmt_signed", "fornell_larcker", "r2", "f2")}
    return model, files, _inputs(run, config, boot_htmt=files["boot_htmt"], **replaced)


def _own_pairs(model) -> set:
    """The engine's repeated-indicators (not staged) higher-order constructs with each of their dimensions."""
    return {frozenset((h.name, d)) for h in model.higher_order if not h.staged for d in h.dimensions}


def test_repeated_hoc_is_not_judged_against_its_own_dimensions(repeated):
    """Finding 4: HTMT and Fornell–Larcker do not judge Q with Q1 or Q2 ("not applicable"), R² of the dimensions and
    f² of Q -> dimension are not judged as explanatory power or effect size."""
    model, files, inputs = repeated
    t, threshold = inputs.t, float(inputs.criteria["htmt"])
    own = _own_pairs(model)
    assert own == {frozenset(("Q", "Q1")), frozenset(("Q", "Q2"))}
    left_out = {n for n, role in study.roles(inputs.config).items() if role in ("interaction", "control")}
    records = [r for r in _rows(files["boot_htmt"]) if not {r["construct_1"], r["construct_2"]} & left_out]
    rows = _data(measurement.table3b(inputs))
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        assert row.cells[0].text == f"{record['construct_1']} – {record['construct_2']}"
        assert row.cells[1].value == pytest.approx(float(record["original"]), abs=1e-12)
        if frozenset((record["construct_1"], record["construct_2"])) in own:
            assert row.cells[6].text == t("discriminant_by_design") and row.cells[1].flag is None
        else:
            ok = float(record["ci_high"]) < threshold
            assert row.cells[6].text == t("discriminant_ok" if ok else "discriminant_problem")
    assert sum(row.cells[6].text == t("discriminant_by_design") for row in rows) == 2
    # Fornell–Larcker: each construct's √AVE against its correlations, its own dimensions (or HOC) not counted
    matrix = {r["construct"]: r for r in _rows(files["fornell_larcker"])}
    names = [n for n in matrix if n not in left_out]
    for row in _data(measurement.table3a(inputs)):
        name = row.keys[0]
        met = all(float(matrix[name][name]) > abs(float(matrix[name][other])) for other in names
                  if other != name and frozenset((name, other)) not in own)
        assert row.cells[-1].text == t("yes" if met else "no"), name
    # R²: the dimensions' is shown, not judged; the structural targets' is judged (Hair et al. 2022 thresholds)
    r2 = {r["construct"]: float(r["r2"]) for r in _rows(files["r2"])}
    table4 = structural.table4(inputs)
    for row in _data(table4):
        value = r2[row.keys[0]]
        assert row.cells[1].value == pytest.approx(value, abs=1e-12)
        expected = "—" if row.keys[0] in ("Q1", "Q2") else t(
            "r2_substantial" if value >= 0.75 else "r2_moderate" if value >= 0.5 else "r2_weak" if value >= 0.25
            else "r2_very_weak")
        assert row.cells[3].text == expected, row.keys
    assert any("Q1, Q2" in note and "not judged" in note for note in table4.notes)
    f2 = {f"{r['source']} -> {r['target']}": float(r["f2"]) for r in _rows(files["f2"])}
    table4a = structural.table4a(inputs)
    for row in _data(table4a):
        assert row.cells[1].value == pytest.approx(f2[row.keys[0]], abs=1e-12)
        assert (row.cells[2].text == "—") == (row.keys[0] in ("Q -> Q1", "Q -> Q2")), row.keys
    assert any("Q1, Q2" in note and "not judged" in note for note in table4a.notes)


def test_methods_count_first_order_constructs_and_the_hoc_mode(run):
    """Finding 5: the indicators of the first-order constructs by mode (no "0 Mode B"), the higher-order construct
    and its mode named, in both languages, for Q in Mode A (the run) and in Mode B (its config changed)."""
    blocks = moderation_study.BLOCKS
    items = sum(len(v) for v in blocks.values())
    for mode in ("A", "B"):
        config = resolved_config(run)
        config["constructs"]["Q"]["mode"] = mode
        for language in ("en", "id"):
            inputs = _inputs(run, config, language)
            text = methods.paragraphs(inputs)[1]
            t = Catalogue(language)
            counts = f"{items} {t('mode_A')}"
            assert f"({counts})" in text and f"0 {t('mode_B')}" not in text and f"0 {t('mode_A')}" not in text
            assert f"Q: {t('mode_' + mode)}" in text
            head = t("m_model_hoc", k=len(blocks), indicators=items, modes=counts, paths=len(config["paths"]),
                     hocs=f"Q: {t('mode_' + mode)}")
            assert text.startswith(head)


def test_lower_order_htmt_holds_every_dimension_pair_with_point_estimate_verdicts(run):
    """Finding 9: Table L3 has each dimension with the other dimension and with every other construct of the first
    stage except control variables, its values those of lower_order_htmt.csv, judged by the point estimate."""
    inputs = _inputs(run)
    threshold = float(inputs.criteria["htmt"])
    records = {r["construct"]: r for r in _rows(run / OPTIONAL["lower_order_htmt"])}
    dimensions = list(records)
    controls = {n for n, role in study.roles(inputs.config).items() if role == "control"}
    others = [c for c in next(iter(records.values())) if c not in dimensions + ["construct"] and c not in controls]
    assert dimensions == ["Q1", "Q2"] and set(others) == {"X", "W", "M", "Y"}
    expected = [("Q1", "Q2", records["Q2"]["Q1"])] + [(d, o, records[d][o]) for d in dimensions for o in others]
    table = lower_order.table_l3(inputs)
    rows = _data(table)
    assert [row.cells[0].text for row in rows] == [f"{a} – {b}" for a, b, _ in expected]
    for row, (_, _, value) in zip(rows, expected):
        assert row.cells[1].value == pytest.approx(float(value), abs=1e-12)
        ok = float(value) < threshold
        assert row.cells[2].text == inputs.t("discriminant_ok" if ok else "discriminant_problem")
    assert "without bootstrap intervals" in table.notes[0] and "point estimate" in table.notes[0]


def test_controls_and_terms_leave_discriminant_and_reliability_tables_but_not_paths(run):
    """Finding 18: age (control) and X x W (interaction) are out of Fornell–Larcker, HTMT and Table A6, named in
    notes, and still in the path coefficients."""
    inputs = _inputs(run)
    roles = study.roles(inputs.config)
    left_out = {n for n, role in roles.items() if role in ("interaction", "control")}
    assert left_out == {"X x W", "age"}
    fl, htmt, a6 = measurement.table3a(inputs), measurement.table3b(inputs), appendix.reliability_table(inputs)
    fl_names = [row.keys[0] for row in _data(fl)]
    assert not set(fl_names) & left_out and not {c.label for c in fl.columns} & left_out
    assert all(not set(row.keys[0].split(" – ")) & left_out for row in _data(htmt))
    kept = [r for r in _rows(run / "results/bootstrap/htmt.csv") if not {r["construct_1"], r["construct_2"]} & left_out]
    assert len(_data(htmt)) == len(kept)
    assert all(row.keys[1] not in left_out for row in _data(a6))
    reliability = [r for r in _rows(run / "results/bootstrap/reliability.csv") if r["construct"] not in left_out]
    assert len(_data(a6)) == len(reliability)
    for table in (fl, htmt):
        assert any("age" in note and "Control variables" in note for note in table.notes)
    assert any("X x W, age" in note for note in a6.notes)
    paths = [row.keys[0] for row in _data(structural.table5(inputs))]
    assert "age -> Y" in paths and "X x W -> M" in paths


def test_htmt_figure_leaves_out_controls_and_terms(run):
    """Finding 18, Figure 2: the heatmap's axes (the text of the run's PDF figure) are the constructs of Table 3b,
    without the control variable or the interaction term."""
    text = subprocess.run(["pdftotext", str(run / "report/figures/htmt.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    inputs = _inputs(run)
    left_out = {n for n, role in study.roles(inputs.config).items() if role in ("interaction", "control")}
    shown = {name for row in _data(measurement.table3b(inputs)) for name in row.keys[0].split(" – ")}
    words = set(text.split())
    assert shown <= words and shown == {"X", "W", "M", "Y", "Q"}
    assert not any(name in text for name in left_out)


def test_mode_b_dimension_is_shown_by_its_weights(run, tmp_path):
    """The report helper's leftover: a Mode B dimension of a staged higher-order construct is shown the formative
    way (Table L4, weights and loadings of lower_order_loadings.csv), not in the reflective Tables L1-L3."""
    config, _, files = _variant(run, tmp_path, {"dimensions": ["Q1", "Q2"], "mode": "A", "approach": "two_stage"},
                                {"Q1": "B"})
    inputs = _inputs(run, config, **{f"lower_order_{k}": files[f"lower_order_{k}"]
                                     for k in ("loadings", "reliability", "htmt")})
    records = [r for r in _rows(files["lower_order_loadings"]) if r["construct"] == "Q1"]
    assert [r["indicator"] for r in records] == moderation_study.BLOCKS["Q1"]
    table = lower_order.table_l4(inputs)
    rows = _data(table)
    assert [row.cells[0].text for row in rows] == [f"{r['indicator']} -> Q1" for r in records]
    for row, record in zip(rows, records):
        assert row.cells[1].value == pytest.approx(float(record["weight"]), abs=1e-12)
        assert row.cells[2].value == pytest.approx(float(record["loading"]), abs=1e-12)
    assert "Q1" in table.notes[0] and "Mode B" in table.notes[0]
    l1 = {row.group for row in lower_order.table_l1(inputs).rows if row.group}
    assert "Q1" not in l1 and "Q2" in l1
    assert lower_order.table_l3(inputs) is None or all("Q1" not in r.cells[0].text
                                                        for r in _data(lower_order.table_l3(inputs)))


def _sheet(path, title) -> list:
    sheet = openpyxl.load_workbook(path, read_only=True)[title]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_workbook_has_the_moderation_and_lower_order_sheets(run, tmp_path):
    """Finding 10: the run's own report/results.xlsx (export rule) has the interaction, simple-slope, moderated
    mediation and lower-order sheets equal to their CSVs, and its "Reliability and validity" and Fornell–Larcker
    sheets leave out the interaction term and the control variable (roles)."""
    titles = {name: title for name, title, _ in SHEETS}
    workbook = run / "report/results.xlsx"
    for name in ("interactions", "simple_slopes", "moderated_mediation", "lower_order_loadings",
                 "lower_order_reliability", "lower_order_htmt"):
        with open(run / RULE_INPUTS[name], newline="", encoding="utf-8") as handle:
            expected = list(csv.reader(handle))
        got = _sheet(workbook, titles[name])
        assert got[0] == expected[0] and len(got) == len(expected) > 1, name
        for cells, texts in zip(got[1:], expected[1:]):
            for cell, text in zip(cells, texts):
                if text == "":
                    assert cell is None
                elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
                    assert cell == float(text), (name, text)
                else:
                    assert str(cell) == text, (name, text)
    roles = study.roles(resolved_config(run))
    left_out = {n for n, role in roles.items() if role in ("interaction", "control")}
    reliability = _sheet(workbook, titles["reliability"])
    source = _rows(run / RULE_INPUTS["reliability"])
    assert [row[0] for row in reliability[1:]] == [r["construct"] for r in source if r["construct"] not in left_out]
    fornell = _sheet(workbook, titles["fornell_larcker"])
    assert not set(fornell[0]) & left_out and not {row[0] for row in fornell[1:]} & left_out
    contents = _sheet(workbook, "Contents")
    assert any("X x W, age" in str(row[1]) for row in contents if row[0] == titles["reliability"])
    # a model without them gets none of those sheets (their CSVs are header only)
    empty = tmp_path / "empty.csv"
    empty.write_text("term,iv\n", encoding="utf-8")
    written = write_workbook({"interactions": empty, "paths": run / RULE_INPUTS["paths"]}, tmp_path / "x.xlsx",
                             Catalogue("en"))
    assert [title for title, _ in written] == [titles["paths"]]
    assert (ROOT / "workflow/rules/export.smk").read_text(encoding="utf-8").count("unassessed=") == 1
