"""Where users take the results next (issue 12): report/results.xlsx (rule export) and Snakemake's own report."""
import csv
import json
import re
import zipfile
from html import unescape
from pathlib import Path

import openpyxl

from plssem_pipeline.report.catalogue import STRINGS, Catalogue
from plssem_pipeline.report.workbook import CONTENTS, NO_TEST, SHEETS, write_workbook

from report_helpers import ROOT

#: The export rule's inputs as the rule file names them (input name -> results CSV).
RULE_INPUTS = dict(re.findall(r'^\s+(\w+)="(results/[^"]+\.csv)"', (ROOT / "workflow/rules/export.smk")
                              .read_text(encoding="utf-8"), flags=re.M))


def _csv(path: Path) -> list:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _expected(run: Path) -> list:
    """(sheet, CSV) of every export input with data rows, in the order of SHEETS."""
    return [(title, path) for name, title, _ in SHEETS if name in RULE_INPUTS
            for path in [RULE_INPUTS[name]] if len(_csv(run / path)) > 1]


#: Sheets the rule has inputs for only when the study configures groups or ipma (issue 15), or power (issue 17):
#: named in comprehensions.
CONDITIONAL = {"group_bootstrap": "results/groups/{code}/bootstrap.csv", "micom": "results/mga/{pair}/{kind}.csv",
               "mga": "results/mga/{pair}/{kind}.csv", "ipma_constructs": "results/ipma/constructs.csv",
               "ipma_indicators": "results/ipma/indicators.csv", "power_table": "results/power/power.csv",
               "power_minimum_n": "results/power/minimum_n.csv"}


def test_the_rule_exports_every_sheet_it_names():
    assert set(RULE_INPUTS) | set(CONDITIONAL) == {name for name, _, _ in SHEETS}
    rule = (ROOT / "workflow/rules/export.smk").read_text(encoding="utf-8")
    assert all(path in rule for path in CONDITIONAL.values())
    titles = [title for _, title, _ in SHEETS] + [CONTENTS]
    assert len(set(titles)) == len(titles)
    assert all(len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in titles)
    for _, _, key in SHEETS:
        assert key in STRINGS["en"] and key in STRINGS["id"], key


def test_cells_keep_their_type_and_value(tmp_path):
    rows = [["a", "01", "1", "0.1", "True", "inf"], ["b", "2", "-3", "", "False", "1e-300"],
            ["c", "", "", "12.142857142857142", "", ""]]
    source = tmp_path / "x.csv"
    source.write_text("\n".join(",".join(r) for r in [["name", "code", "k", "x", "flag", "vif"]] + rows) + "\n")
    write_workbook({"paths": source}, tmp_path / "x.xlsx", Catalogue("en"))
    values = list(openpyxl.load_workbook(tmp_path / "x.xlsx")["Path coefficients"].iter_rows(values_only=True))
    assert values[1:] == [("a", "01", 1, 0.1, True, "inf"), ("b", "2", -3, None, False, 1e-300),
                          ("c", None, None, 12.142857142857142, None, None)]
    assert [type(v) for v in values[1][:5]] == [str, str, int, float, bool]


def test_workbook_holds_every_results_table_exactly(study_run):
    book = openpyxl.load_workbook(study_run / "report/results.xlsx")
    expected = _expected(study_run)
    assert len(expected) >= 20
    assert book.sheetnames == [CONTENTS] + [title for title, _ in expected]
    contents = list(book[CONTENTS].iter_rows(values_only=True))
    assert contents[0] == tuple(STRINGS["en"][k] for k in ("xlsx_sheet", "xlsx_caption", "xlsx_source"))
    key = {title: k for _, title, k in SHEETS}
    assert [(r[0], r[1], r[2]) for r in contents[1:]] == [(t, STRINGS["en"][key[t]], p) for t, p in expected]
    numbers = 0
    untested = {title for name, title, _ in SHEETS if name in NO_TEST}
    for title, path in expected:
        sheet = book[title]
        header, *rows = _csv(study_run / path)
        if title in untested:           # HTMT, reliability, AVE: no t or p (a test against zero means nothing)
            keep = [k for k, column in enumerate(header) if column not in ("t", "p")]
            assert len(keep) == len(header) - 2, title
            header, rows = [header[k] for k in keep], [[row[k] for k in keep] for row in rows]
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == header, title
        assert len(values) == len(rows) + 1, title
        for text_row, cells in zip(rows, values[1:]):
            for text, value in zip(text_row, cells):
                if text == "":
                    assert value is None
                elif isinstance(value, bool):
                    assert str(value) == text
                elif isinstance(value, (int, float)):
                    assert value == float(text) and type(value) is (int if re.fullmatch(r"-?\d+", text) else float)
                    numbers += 1
                else:
                    assert value == text
        assert all(c.font.b for c in sheet[1]) and sheet.freeze_panes == "A2", title
        assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[1]), title
    assert numbers > 1000


def test_workbook_is_byte_identical_for_the_same_inputs(study_run, tmp_path, monkeypatch):
    monkeypatch.chdir(study_run)   # the contents name each results file as the rule does, relative to the project
    files = dict(RULE_INPUTS)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(files, first, Catalogue("en"))   # in the environment the run had (SOURCE_DATE_EPOCH or not)
    write_workbook(files, second, Catalogue("en"))
    assert first.read_bytes() == second.read_bytes() == (study_run / "report/results.xlsx").read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_workbook(files, first, Catalogue("en"))
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "<dcterms:modified" in archive.read("docProps/core.xml").decode()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")   # 2026-01-01 00:00:00 UTC
    dated = tmp_path / "c.xlsx"
    write_workbook(files, dated, Catalogue("id"))
    properties = openpyxl.load_workbook(dated).properties
    assert str(properties.created) == str(properties.modified) == "2026-01-01 00:00:00"
    with zipfile.ZipFile(dated) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    contents = list(openpyxl.load_workbook(dated)[CONTENTS].iter_rows(values_only=True))
    assert contents[0] == ("Lembar", "Tabel", "Berkas hasil")
    assert contents[1][1] == STRINGS["id"][SHEETS[0][2]]


def test_snakemake_report_registers_the_figures_and_the_report(snakemake_report):
    project, done = snakemake_report          # the real CLI on a copy of the run (conftest.py); runs no job
    html = (project / "report/snakemake.html").read_text(encoding="utf-8")
    items = json.loads(re.search(r"var results = (\{.*?\});?\n", html).group(1))   # the report's items
    shown = {Path(path).name: " ".join(unescape(re.sub(r"<[^>]+>", " ", item["caption"])).split())
             for path, item in items.items()}
    captions = {path.stem: " ".join(path.read_text(encoding="utf-8").split())
                for path in (ROOT / "workflow/report").glob("*.rst")}
    expected = {"loadings.png": "loadings", "bootstrap_paths.png": "bootstrap", "bootstrap_indirect.png": "bootstrap",
                "htmt.png": "htmt", "structural_model.png": "structural_model", "results.html": "results_html",
                "results.tex": "results_tex", "results.xlsx": "results_xlsx"}
    if (project / "report/results.pdf").is_file():
        expected["results.pdf"] = "results_pdf"
    assert set(shown) == set(expected)
    for name, caption in expected.items():
        assert shown[name] == captions[caption], name
    registered = re.findall(r"Adding (\S+) \(", done.stderr + done.stdout)
    assert sorted(registered) == sorted(expected)
