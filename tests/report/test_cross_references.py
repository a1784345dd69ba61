"""What the report's text says about itself: the tables it names exist, counts in the language's separators, the
hypotheses' statements, the one-tailed hypotheses beside the two-tailed path table, dashes in the config listing.

Built from the default study's finished run (the session's ``study_run``; no new DAG run), with and without its
published paper, in English and in Indonesian; the expected texts come from the run's files, the config and the
catalogues (report/strings), never typed here.
"""
from __future__ import annotations

import re
import subprocess

import pandas as pd
import pytest

from plssem_pipeline import io
from plssem_pipeline.report import find_engine, render_html, render_latex
from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.localize import localize_tables
from plssem_pipeline.report.render import latex_lines
from plssem_pipeline.report.tables import Cell, Column, Row, Table, integer

from report_helpers import context_for, resolved_config, tool
from test_report_language import audit_files, visible

LANGUAGES = ("en", "id")
#: "Table 7", "Tables 3d and 3e", "Tabel 11 dan 13", "Tables A3–A6": the numbers a sentence names.
NAMED = re.compile(r"\b(?:Tables?|Tabel)\s+((?:[A-Z]?\d+[a-z]?)(?:(?:,\s*|\s+and\s+|\s+dan\s+|\s*[–-]\s*)"
                   r"(?:[A-Z]?\d+[a-z]?))*)")


def _numbers(context) -> set:
    return {block["table"].number for section in context["sections"] for block in section["blocks"]
            if block["kind"] == "table" and block["table"].number}


def _named(text: str) -> set:
    return {number for match in NAMED.finditer(text) for number in re.split(r",\s*|\s+and\s+|\s+dan\s+|\s*[–-]\s*",
                                                                              match.group(1))}


@pytest.fixture(scope="module")
def reports(study_run, tmp_path_factory):
    """``{(language, with_paper): (context, visible HTML text)}``."""
    out, directory = {}, tmp_path_factory.mktemp("references")
    for language in LANGUAGES:
        for paper in (True, False):
            config = resolved_config(study_run)
            if not paper:
                config["published"] = None
            audit = audit_files(study_run, language, directory) if paper else None
            context = context_for(study_run, config=config, audit=audit, language=language)
            out[language, paper] = (context, visible(render_html(context)))
    return out


@pytest.mark.parametrize("paper", [True, False], ids=["paper", "no-paper"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_table_the_text_names_exists(reports, language, paper):
    context, text = reports[language, paper]
    numbers = _numbers(context)
    named = _named(text)
    assert len(named) > 5                                   # the notes do name tables
    assert named <= numbers, sorted(named - numbers)


def test_the_reference_check_finds_a_missing_table():
    """Negative control: a note naming a table the report does not have."""
    assert _named("see Tables 3d and 7; Tabel 11 dan 13, Tables A3–A6") == {"3d", "7", "11", "13", "A3", "A6"}


def test_no_count_in_the_indonesian_report_has_a_thousands_comma(reports, study_run):
    """Every count of subsamples (B >= 1000) is written with the Indonesian thousands point, in the notes too."""
    samples = int(pd.read_json(study_run / "results/bootstrap/summary.json", typ="series")["details"]["subsamples"])
    assert samples >= 1000
    for paper in (True, False):
        context, text = reports["id", paper]
        latex = render_latex(context)
        for shown in (text, latex):
            assert integer(samples, "en") not in shown
            counts = re.findall(r"([\d.,]+)\s+subsampel", shown)
            assert len(counts) >= 5 and set(counts) == {integer(samples, "id")}, set(counts)
    assert integer(samples, "en") in reports["en", False][1]


def test_table_notes_and_count_cells_are_localized_once():
    """A note's neutral count (5,000) and decimal (0.528) become 5.000 and 0,528; a cell already holding a count in the
    language's form (5.000) is left as it is, while a neutral decimal cell is localized."""
    table = Table("table-x", "X", "x", [Column("a"), Column("b")],
                  [Row([Cell(integer(5000, "id"), 5000.0), Cell("1.250", 1.25)])],
                  notes=[f"{integer(5000, 'en')} subsamples; at least 0.528."])
    localize_tables([{"blocks": [{"kind": "table", "table": table}]}], "id")
    assert [cell.text for cell in table.rows[0].cells] == [integer(5000, "id"), "1,250"]
    assert table.notes == [f"{integer(5000, 'id')} subsamples; at least 0,528."]


def _hypotheses_config(study_run, language: str) -> dict:
    """The default study's config with its paths as stated hypotheses, each statement given per language."""
    config = resolved_config(study_run)
    config["published"] = None
    config["report"]["language"] = language
    config["hypotheses"] = {f"H{k}": {"path": path, "statement": {"en": f"Statement {k}", "id": f"Pernyataan {k}"}}
                            for k, path in enumerate(config["paths"], start=1)}
    return config


def _table(context, table_id: str):
    return next(block["table"] for section in context["sections"] for block in section["blocks"]
                if block["kind"] == "table" and block["table"].id == table_id)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hypothesis_statements_are_shown_in_the_reports_language_without_a_paper(study_run, language):
    config = _hypotheses_config(study_run, language)
    context = context_for(study_run, config=config, audit=None)
    table = _table(context, "table-7")
    labels = [column.label for column in table.columns]
    assert STRINGS[language]["c_statement_stated"] in labels
    at = labels.index(STRINGS[language]["c_statement_stated"])
    expected = [spec["statement"][language] for spec in config["hypotheses"].values()]
    assert [row.cells[at].text for row in table.rows] == expected
    config["hypotheses"] = {name: {"path": spec["path"]} for name, spec in config["hypotheses"].items()}
    plain = _table(context_for(study_run, config=config, audit=None), "table-7")
    assert STRINGS[language]["c_statement_stated"] not in [column.label for column in plain.columns]


def test_a_statement_per_language_is_accepted_and_its_languages_checked(study_run):
    from plssem_pipeline.study.hypotheses import hypotheses_from_config
    from plssem_pipeline.study.labels import label_language_problems

    config = _hypotheses_config(study_run, "id")
    assert [h.statement for h in hypotheses_from_config(config)] == [
        spec["statement"]["en"] for spec in config["hypotheses"].values()]      # the results file's text: English
    config["hypotheses"]["H1"]["statement"] = {"ind": "Pernyataan"}
    assert any("hypotheses.H1.statement" in problem for problem in label_language_problems(config, LANGUAGES))


def _one_tailed(study_run, tmp_path, flipped: str) -> tuple:
    """The run's hypotheses file crafted as a one-tailed test: every structural path signed as its estimate, but
    ``flipped``, signed against it (its one-tailed verdict: not supported, while its two-tailed P is significant)."""
    paths = pd.read_csv(study_run / "results/bootstrap/paths.csv")
    rows = []
    for k, r in enumerate(paths.to_dict("records"), start=1):
        path = f"{r['source']} -> {r['target']}"
        sign = ("negative" if r["original"] > 0 else "positive") if path == flipped else \
            ("positive" if r["original"] > 0 else "negative")
        rows.append({"hypothesis": f"H{k}", "path": path, "kind": "direct", "source": r["source"],
                     "target": r["target"], "sign": sign, "tails": 1, "alpha": 0.05, "ci_level": 0.9,
                     "original": r["original"], "mean": r["mean"], "sd": r["sd"], "t": r["t"], "p": r["p"] / 2,
                     "ci_low": r["ci_low"], "ci_high": r["ci_high"], "n_valid": r["n_valid"], "significant": True,
                     "supported": path != flipped, "statement": ""})
    target = tmp_path / "hypotheses.csv"
    io.write_csv(pd.DataFrame(rows), target)
    return target, rows


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_path_table_names_the_paths_whose_one_tailed_verdict_differs(study_run, tmp_path, language):
    paths = pd.read_csv(study_run / "results/bootstrap/paths.csv")
    significant = paths[(paths["ci_low"] > 0) | (paths["ci_high"] < 0)]                 # two-tailed, CI rule
    flipped = f"{significant.iloc[0]['source']} -> {significant.iloc[0]['target']}"
    crafted, rows = _one_tailed(study_run, tmp_path, flipped)
    config = resolved_config(study_run)
    config["published"] = None
    context = context_for(study_run, config=config, audit=None, language=language, files={"hypotheses": crafted})
    notes = " ".join(_table(context, "table-5").notes)
    name = next(r["hypothesis"] for r in rows if r["path"] == flipped)
    strings = STRINGS[language]
    assert strings["n_t5_one_tailed_differ"].split("{")[0] in notes
    assert re.findall(r"H\d+ \([A-Z]+ -> [A-Z]+\)", notes) == [f"{name} ({flipped})"]
    assert f"{_table(context, 'table-7').number}" in notes
    agree = context_for(study_run, config=config, audit=None, language=language,
                        files={"hypotheses": _one_tailed(study_run, tmp_path, "")[0]})
    assert strings["n_t5_one_tailed_agree"] in " ".join(_table(agree, "table-5").notes)
    two_tailed = " ".join(_table(context_for(study_run, config=config, audit=None, language=language), "table-5").notes)
    assert strings["n_t5_one_tailed_differ"].split("{")[0] not in two_tailed


def test_dashes_in_the_config_listing_are_dashes_not_double_hyphens(study_run, tmp_path):
    r"""latex_lines writes en and em dashes as \plsttdash; the report's preamble typesets them as the dash itself."""
    listing = "age: {1: 18–24 years, 2: 25—34}"
    lines = latex_lines(listing)
    assert "--" not in lines and lines.count("\\plsttdash") == 2
    if find_engine() != "lualatex" or tool("pdftotext") is None:
        pytest.skip("needs lualatex and poppler")
    tex = (study_run / "report/results.tex").read_text(encoding="utf-8")
    preamble = tex[:tex.index("\\begin{document}")]
    body = f"{{\\raggedright\\ttfamily\\scriptsize\n{lines}\\par}}\n"
    (tmp_path / "t.tex").write_text(f"{preamble}\\begin{{document}}\n{body}\\end{{document}}\n", encoding="utf-8")
    subprocess.run(["lualatex", "-no-shell-escape", "-halt-on-error", "-interaction=nonstopmode", "t.tex"],
                   cwd=tmp_path, capture_output=True, check=True, timeout=300)
    text = subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "18–24" in text and "25—34" in text and "--" not in text

