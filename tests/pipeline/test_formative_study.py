"""A study with formative constructs, global items and a single item, through the real Snakemake DAG.

Hair et al.'s (2022) corporate-reputation example on the data seminr ships (``corp_rep_data``,
344 respondents, 7-point items, -99 missing codes): QUAL, PERF, CSOR and ATTR are formative
(Mode B) with their global single items named in ``constructs.<C>.redundancy``, CUSA is a single
item, COMP, LIKE and CUSL are reflective. Checked:

* the clean step reads and validates the global items (they reach results/clean/survey.csv);
* ``results/outer/redundancy.csv`` against seminr estimating each two-construct model, to 1e-6,
  and the textbook's decision (every path at least 0.70);
* ``results/bootstrap/formative.csv``: Mode B weights and loadings against seminr to 1e-6, the
  rule that applied re-derived from the file's own columns, and the textbook's decision (every
  indicator kept);
* the single item: bootstrap SD exactly 0 and no t or p (empty cells);
* the report's context, English and Indonesian: Tables 2 and 3 list only COMP, LIKE and CUSL,
  Tables 3a and 3b leave out the formative constructs, Tables 3d and 3e hold each verdict, Table 3c
  judges the VIF of the formative indicators only;
* a global item missing from the survey stops the clean step naming ``constructs.<C>.redundancy``.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

import run_pool_helpers
from pipeline_helpers import ROOT, make_project, snakemake, study_config

sys.path.insert(0, str(ROOT / "tests" / "engine"))
sys.path.insert(0, str(ROOT / "tests" / "report"))

from engine_support import CORP_REP_PATHS, CORP_REP_SPEC, assert_close, seminr_dataset, seminr_estimate  # noqa: E402

GLOBAL = {"QUAL": "qual_global", "PERF": "perf_global", "CSOR": "csor_global", "ATTR": "attr_global"}
FORMATIVE = list(GLOBAL)
REFLECTIVE = ["COMP", "LIKE", "CUSL"]
TOL = 1e-6


def _config(survey: str) -> dict:
    config = study_config(survey, samples=1000, chunks=2)
    config["data"].update(scale={"min": 1, "max": 7}, missing_codes=[-99], id_column=None, synthetic=False)
    config["respondents"] = {"servicetype": {"label": "Service type", "categories": {1: "Postpaid", 2: "Prepaid"}}}
    config["constructs"] = {name: {"indicators": spec["indicators"], "mode": spec["mode"],
                                   **({"redundancy": GLOBAL[name]} if name in GLOBAL else {})}
                            for name, spec in CORP_REP_SPEC.items()}
    config["paths"] = [f"{a} -> {b}" for a, b in CORP_REP_PATHS]
    config["published"] = None
    config["report"]["formats"] = ["html", "tex", "pdf"]     # test_pdf_text_stays_on_the_page reads it
    config.pop("hypotheses", None)
    return config


def _formative(directory: Path) -> Path:
    pytest.importorskip("seminr")
    make_project(directory, survey=seminr_dataset("corp_rep_data"), config=_config("data/raw/survey.csv"))
    # the results and the report, the PDF included: what the tests read (no workbook or manifest)
    snakemake(directory, "report/results.html", "report/results.pdf", "--cores", "2", timeout=900)
    return directory


run_pool_helpers.register("formative_study", _formative, "formative_run")


@pytest.fixture(scope="module")
def formative_run(tmp_path_factory) -> Path:
    return run_pool_helpers.result("formative_study", tmp_path_factory)


def _csv(run: Path, path: str):
    from plssem_pipeline.io import read_csv

    return read_csv(run / path)


def test_global_items_are_read_and_cleaned(formative_run):
    survey = _csv(formative_run, "results/clean/survey.csv")
    raw = seminr_dataset("corp_rep_data")
    for item in GLOBAL.values():
        np.testing.assert_array_equal(survey[item].to_numpy(), raw[item].to_numpy())


def test_redundancy_paths_against_seminr(formative_run):
    table = _csv(formative_run, "results/outer/redundancy.csv").set_index("construct")
    assert list(table.index) == FORMATIVE
    raw = seminr_dataset("corp_rep_data")
    for construct, item in GLOBAL.items():
        spec = {construct: CORP_REP_SPEC[construct], "G": {"indicators": [item], "mode": "A"}}
        theirs = seminr_estimate(raw, spec, [(construct, "G")], missing_value=-99, stop_criterion=10)
        assert_close([table.loc[construct, "path"]], [theirs.path_coef.get(construct, "G")], TOL,
                     f"pipeline redundancy path {construct}")
        assert table.loc[construct, "global_item"] == item and table.loc[construct, "threshold"] == 0.7
    assert (table["verdict"] == "convergent").all()          # Hair et al. (2022, ch. 5): all four


def test_formative_table_against_seminr_and_its_own_rules(formative_run):
    table = _csv(formative_run, "results/bootstrap/formative.csv")
    theirs = seminr_estimate(seminr_dataset("corp_rep_data"), CORP_REP_SPEC, CORP_REP_PATHS, missing_value=-99,
                             stop_criterion=10)
    assert set(table["construct"]) == set(FORMATIVE)
    keys = list(zip(table["construct"], table["indicator"]))
    assert_close(table["weight"], [theirs.outer_weights.get(i, c) for c, i in keys], TOL, "pipeline formative weights")
    assert_close(table["loading"], [theirs.outer_loadings.get(i, c) for c, i in keys], TOL,
                 "pipeline formative loadings")
    weights = _csv(formative_run, "results/bootstrap/weights.csv").set_index(["construct", "indicator"])
    keyed = table.set_index(["construct", "indicator"])
    for column in ("original", "sd", "t", "p", "ci_low", "ci_high"):
        name = "weight" if column == "original" else f"weight_{column}"
        np.testing.assert_array_equal(keyed[name].to_numpy(), weights.loc[keyed.index, column].to_numpy())
    for record in table.to_dict("records"):
        assert record["weight_significant"] == (record["weight_p"] < 0.05)
        assert record["loading_significant"] == (record["loading_p"] < 0.05)
        expected = ("weight_significant" if record["weight_significant"] else
                    "loading_at_least_0.5" if record["loading"] >= 0.5 else
                    "loading_significant" if record["loading_significant"] else "neither_significant")
        assert record["rule"] == expected
    assert (table["decision"] == "keep").all()              # the textbook keeps every formative indicator


def test_single_item_has_sd_zero_and_no_t_or_p(formative_run):
    for family in ("weights", "loadings"):
        row = _csv(formative_run, f"results/bootstrap/{family}.csv").set_index("indicator").loc["cusa"]
        assert row["original"] == 1.0 and row["sd"] == 0.0 and math.isnan(row["t"]) and math.isnan(row["p"])
        text = (formative_run / f"results/bootstrap/{family}.csv").read_text().splitlines()
        assert next(line for line in text if ",cusa," in line).startswith("CUSA,cusa,1.0,1.0,0.0,,,")


def _tables(context) -> dict:
    return {table.id: table for table in context["tables"]}


def _first_cells(table) -> list[str]:
    return [row.cells[0].text for row in table.rows if row.group is None]


@pytest.mark.parametrize("language", ["en", "id"])
def test_report_verdicts_by_construct_type(formative_run, language):
    from plssem_pipeline.report.catalogue import Catalogue
    from plssem_pipeline.report.sections.formative import RULE_KEYS

    from report_helpers import context_for

    t = Catalogue(language)
    tables = _tables(context_for(formative_run, audit=None, language=language))
    groups = [row.group for row in tables["table-2"].rows if row.group is not None]
    assert groups == REFLECTIVE
    assert _first_cells(tables["table-3"]) == REFLECTIVE
    assert any("CUSA" in note for note in tables["table-2"].notes + tables["table-3"].notes)
    assert _first_cells(tables["table-3a"]) == ["COMP", "LIKE", "CUSA", "CUSL"]
    assert not any(f in pair for pair in _first_cells(tables["table-3b"]) for f in FORMATIVE)
    redundancy = tables["table-3d"]
    assert _first_cells(redundancy) == FORMATIVE
    assert all(row.cells[-1].text == t("convergent_ok") for row in redundancy.rows)
    formative = _csv(formative_run, "results/bootstrap/formative.csv")
    shown = [row.cells[-1].text for row in tables["table-3e"].rows if row.group is None]
    assert shown == [t(RULE_KEYS[rule]) for rule in formative["rule"]]
    assert [row.group for row in tables["table-3e"].rows if row.group is not None] == FORMATIVE


def test_indicator_vif_judged_for_formative_indicators_only(formative_run):
    """Table 3c: every indicator's outer VIF, as SmartPLS lists them; only Mode B indicators get a verdict
    (Hair et al. 2022, ch. 5: 5 or more critical, 3 to 5 possible), the others are marked as not judged."""
    from plssem_pipeline.report.catalogue import Catalogue

    from report_helpers import context_for

    t = Catalogue("en")
    table = _tables(context_for(formative_run, audit=None))["table-3c"]
    vif = _csv(formative_run, "results/outer/vif.csv")
    rows = [row for row in table.rows if row.group is None]
    assert [row.cells[0].text for row in rows] == vif["indicator"].tolist()
    for row, record in zip(rows, vif.to_dict("records")):
        value = record["vif"]
        if record["construct"] in FORMATIVE:
            expected = ((t("vif_critical"), "fail") if value >= 5 else (t("vif_possible"), "warn") if value >= 3
                        else (t("vif_ok"), None))
        else:
            expected = (t("vif_not_judged"), None)
        assert (row.cells[2].text, row.cells[1].flag) == expected, record["indicator"]
    assert vif[~vif["construct"].isin(FORMATIVE)]["vif"].max() > 1      # reflective values are shown, not judged


def test_missing_global_item_names_the_config_key(tmp_path):
    survey = seminr_dataset("corp_rep_data").drop(columns=["csor_global"])
    directory = make_project(tmp_path / "missing_global", survey=survey, config=_config("data/raw/survey.csv"))
    done = snakemake(directory, "--cores", "1", "results/clean/survey.csv", check=False)
    assert done.returncode != 0
    assert "'csor_global' (configured in constructs.CSOR.redundancy)" in done.stdout + done.stderr


@pytest.mark.parametrize("language", ["en", "id"])
def test_reflective_notes_name_the_formative_tables_that_exist(formative_run, tmp_path, language):
    """With a global item for every formative construct, Tables 2 and 3 name the redundancy analysis and the
    indicator table by their numbers; with none for QUAL, its convergent validity is said not assessed (Hair et al.
    2022, ch. 5); with none at all, Table 3d is absent and no text names it. Every table a text names exists."""
    import copy

    from plssem_pipeline.io import read_csv, write_csv
    from plssem_pipeline.report import render_html
    from plssem_pipeline.report.catalogue import Catalogue

    from report_helpers import context_for, resolved_config
    from test_cross_references import _named, _numbers
    from test_report_language import visible

    t = Catalogue(language)
    config = resolved_config(formative_run)
    redundancy = read_csv(formative_run / "results/outer/redundancy.csv", dtype={"construct": str})
    for left_out in ([], ["QUAL"], FORMATIVE):
        changed = copy.deepcopy(config)
        for name in left_out:
            changed["constructs"][name].pop("redundancy")
        kept = tmp_path / f"redundancy-{len(left_out)}.csv"
        write_csv(redundancy[~redundancy["construct"].isin(left_out)], kept)
        context = context_for(formative_run, config=changed, audit=None, language=language,
                              files={"redundancy": kept})
        tables = _tables(context)
        assert ("table-3d" in tables) == (len(left_out) < len(FORMATIVE))
        named = _named(visible(render_html(context)))
        assert named <= _numbers(context), sorted(named - _numbers(context))
        wanted = {tables[key].number for key in ("table-3d", "table-3e") if key in tables}
        notes = " ".join(tables["table-2"].notes)
        assert wanted <= _named(notes)
        missing = [note for note in tables["table-3e"].notes if note == t("n_redundancy_not_assessed",
                                                                          names=", ".join(left_out))]
        assert len(missing) == (1 if left_out else 0)


@pytest.mark.parametrize("language", ["en", "id"])
def test_table_3e_shows_the_interval_that_decides(formative_run, language):
    """Under the default rule (mediation.significance: confidence_interval) Table 3e shows each weight's and
    loading's interval and no P: a weight or loading is flagged exactly when its shown interval holds zero, which
    is what decided it (recomputed with decision.is_significant from the shown bounds); the note states the rule."""
    from plssem_pipeline.analysis.decision import is_significant
    from plssem_pipeline.report.catalogue import Catalogue

    from report_helpers import context_for, resolved_config

    t = Catalogue(language)
    table = _tables(context_for(formative_run, audit=None, language=language))["table-3e"]
    labels = [column.label for column in table.columns]
    assert t("c_p_short") not in labels and t("c_p_loading") not in labels
    assert labels[6:8] == [t("c_loading_ci", bound=bound) for bound in labels[3:5]]
    formative = _csv(formative_run, "results/bootstrap/formative.csv")
    rows = [row for row in table.rows if row.group is None]
    for row, record in zip(rows, formative.to_dict("records"), strict=True):
        for stat, first in (("weight", 3), ("loading", 6)):
            low, high = row.cells[first].value, row.cells[first + 1].value
            assert (low, high) == (record[f"{stat}_ci_low"], record[f"{stat}_ci_high"])
            decided = is_significant(math.nan, low, high, alpha=0.05, method="confidence_interval")
            assert decided == bool(record[f"{stat}_significant"])
            assert row.cells[first].flag == (None if decided else "warn")
    assert t("med_rule_confidence_interval") in table.notes[0] and t("med_rule_p_value") not in table.notes[0]
    config = resolved_config(formative_run)
    config["mediation"]["significance"] = "p_value"          # the other rule: the P values decide and are shown
    table = _tables(context_for(formative_run, config=config, audit=None, language=language))["table-3e"]
    labels = [column.label for column in table.columns]
    assert labels[3] == t("c_p_short") and labels[5] == t("c_p_loading") and len(labels) == 8
    assert t("med_rule_p_value") in table.notes[0]


def test_appendix_and_workbook_keep_reflective_criteria_off_formative_constructs(formative_run, tmp_path):
    """Table A3 writes a Mode B indicator's row ``x -> C`` (SmartPLS's formative arrow), a reflective one ``x <- C``;
    Table A6 leaves out the formative constructs (a note names them) and shows no T or P. The workbook's
    reliability and Fornell–Larcker sheets leave out the formative constructs' rows and column, and its HTMT and
    reliability bootstrap sheets have no t or p; every other cell is the CSV's."""
    from openpyxl import load_workbook

    from plssem_pipeline.report.catalogue import Catalogue
    from plssem_pipeline.report.workbook import SHEETS, write_workbook

    from report_helpers import context_for

    t = Catalogue("en")
    appendix = next(s for s in context_for(formative_run, audit=None)["sections"] if s["id"] == "appendix")
    tables = {block["table"].id: block["table"] for block in appendix["blocks"] if "table" in block}
    loadings = _csv(formative_run, "results/bootstrap/loadings.csv")
    expected = [f"{i} {'->' if c in FORMATIVE else '<-'} {c}" for c, i in zip(loadings["construct"],
                                                                             loadings["indicator"])]
    assert _first_cells(tables["table-a3"]) == expected
    a6 = tables["table-a6"]
    assert {row.keys[1] for row in a6.rows if row.group is None} == set(REFLECTIVE) | {"CUSA"}
    assert t("n_ta6_formative", names=", ".join(FORMATIVE)) in a6.notes
    assert not {t("c_t"), t("c_p")} & {column.label for column in a6.columns}

    results = {"reliability": "outer/reliability.csv", "fornell_larcker": "outer/fornell_larcker.csv",
               "boot_htmt": "bootstrap/htmt.csv", "boot_reliability": "bootstrap/reliability.csv"}
    files = {name: formative_run / "results" / path for name, path in results.items()}
    write_workbook(files, tmp_path / "results.xlsx", t, FORMATIVE)
    book = load_workbook(tmp_path / "results.xlsx")
    titles = {name: title for name, title, _ in SHEETS}
    for name in results:
        sheet = [list(row) for row in book[titles[name]].iter_rows(values_only=True)]
        frame = _csv(formative_run, f"results/{results[name]}")
        if "construct" in frame:
            frame = frame[~frame["construct"].isin(FORMATIVE)]
        dropped = set(FORMATIVE) | ({"t", "p"} if name.startswith("boot") else set())
        columns = [c for c in frame.columns if c not in dropped]
        assert sheet[0] == columns
        assert [row[0] for row in sheet[1:]] == frame[columns[0]].tolist()
        np.testing.assert_array_equal(np.array([row[-1] for row in sheet[1:]], dtype=float),
                                      frame[columns[-1]].to_numpy(dtype=float))
    contents = [row for row in book["Contents"].iter_rows(values_only=True)]
    note = t("xlsx_formative_left_out", names=", ".join(FORMATIVE))
    assert [row[0] for row in contents if note in str(row[1])] == [titles[n] for n in results if n != "boot_htmt"]


def test_pdf_text_stays_on_the_page(formative_run):
    """The formative study's PDF (Table 3e with both intervals, Table 6's long chains): no character beyond the
    page box (pdfplumber)."""
    import subprocess

    from pdf_layout import outside_page

    pdf = formative_run / "report/results.pdf"
    if not pdf.is_file():
        pytest.skip("no TeX engine: the run built no PDF")
    assert outside_page(pdf) == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<" not in [line.strip() for line in text.splitlines()]          # "< .001" kept on one line
