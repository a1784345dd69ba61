"""Any Unicode text typesets, and a PDF LaTeX cannot build costs neither the HTML nor the .tex (issue 11, kind 5).

A study whose indicators are named in Cyrillic (``Ж1``, the issue's example), Greek, Chinese and Latin letters
with combining accents, and whose construct labels are Cyrillic, Greek, Chinese/Japanese/Korean, Arabic, emoji
and combining accents, runs through the real Snakemake: the HTML, the .tex and the PDF are written and the PDF's
text (pdftotext) holds the names. The pdfLaTeX fallback builds the same .tex and shows each character it has
no font for as its code point. A label with a character no installed font has (U+F8FF, the Apple logo of the
Private Use Area, as a Mac types it) stops only the PDF rule: the HTML and the .tex are kept and the message
names the character, the text and its line. The study's Table 1 categories open with ``[`` (``[1] Retail 1``):
both engines' PDFs show that a row opening with a bracket typesets.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from plssem_pipeline.report import build_pdf, find_engine
from plssem_pipeline.report.latex_log import explain_failure
from plssem_pipeline.report.render import latex_escape

import run_pool_helpers
from pipeline_helpers import make_project, simulate_survey, snakemake, study_config
from report_helpers import pdftotext, tool

needs_lualatex = pytest.mark.skipif(find_engine() != "lualatex" or tool("pdftotext") is None,
                                    reason="needs lualatex with fontspec (texlive-luatex) and poppler-utils")

#: Indicator names per construct (the item number is appended): Cyrillic, Greek, Chinese, combining accents.
ITEMS = {"KP": "Ж", "EC": "Εμ", "IP": "创新", "KU": "q\u0307x\u0303"}
LABELS = {
    "KP": "Вовлечённость клиентов",
    "EC": "Χρήση ηλεκτρονικού εμπορίου",
    "IP": "产品创新 製品革新 제품 혁신",
    "KU": "Kinerja UMKM n\u0308 ṇ 📈 أداء",
}
APPLE = "\uf8ff"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _unicode_study(directory):
    survey = simulate_survey()
    config = study_config("data/raw/survey.csv")
    renames = {}
    for construct, prefix in ITEMS.items():
        spec = config["constructs"][construct]
        renames.update({item: f"{prefix}{item[len(construct):]}" for item in spec["indicators"]})
        spec["indicators"] = [renames[item] for item in spec["indicators"]]
        spec["label"] = LABELS[construct]
    config["report"] = {**config.get("report", {}), "formats": ["html", "tex", "pdf"]}
    variable = next(iter(config["respondents"]))     # Table 1's rows open with "[" (test_text_opening_with_a_bracket)
    config["respondents"][variable]["categories"] = {code: f"[{i}] Retail {i}" for i, code in
                                                     enumerate(config["respondents"][variable]["categories"], 1)}
    config["published"] = None
    config.pop("audit", None)
    return make_project(directory, survey=survey.rename(columns=renames), config=config)


#: What the tests read: the report in its three formats (no workbook or manifest).
REPORTS = ("report/results.html", "report/results.tex", "report/results.pdf")


def _unicode_run(directory):
    snakemake(_unicode_study(directory), *REPORTS, "--cores", "2")
    return directory


run_pool_helpers.register("unicode_study", _unicode_run, "unicode_run", "bracket_reports")


@pytest.fixture(scope="module")
def unicode_run(tmp_path_factory):
    return run_pool_helpers.result("unicode_study", tmp_path_factory)


@needs_lualatex
def test_unicode_names_and_labels_typeset_in_html_tex_and_pdf(unicode_run):
    html = (unicode_run / "report/results.html").read_text(encoding="utf-8")
    tex = (unicode_run / "report/results.tex").read_text(encoding="utf-8")
    text = nfc(pdftotext(unicode_run / "report/results.pdf"))
    assert "PDF built with lualatex" in (unicode_run / "results/logs/report_pdf.log").read_text()
    for construct, prefix in ITEMS.items():
        name = nfc(f"{prefix}1")
        assert name in nfc(html), name
        assert name in text, name
    assert r"\plsU{0416}{Ж}1" in tex                      # the example, as the .tex writes it
    for label in (LABELS["KP"], LABELS["EC"], LABELS["IP"], "Kinerja UMKM n\u0308 ṇ"):
        assert nfc(label) in text, label
        assert nfc(label) in nfc(html), label
    assert "[U+" not in text                              # no character shown as its code point


def _rebuilt(engine: str | None):
    """The Unicode study's report/results.tex built again by ``engine`` (default: find_engine), outside Snakemake:
    ``(build_pdf's result, the PDF)``, made in the background."""
    def build(directory):
        run = run_pool_helpers.result("unicode_study")
        pdf = directory / "again.pdf"
        return build_pdf(run / "report/results.tex", pdf, figures=sorted((run / "report/figures").glob("*.pdf")),
                         engine=engine), pdf
    return build


def _no_font_run(project):
    """The Unicode study with construct EC's label holding :data:`APPLE`, the report rebuilt: the ``snakemake``."""
    run = run_pool_helpers.result("unicode_study")
    shutil.rmtree(project)
    shutil.copytree(run, project, symlinks=True, ignore=shutil.ignore_patterns(".snakemake"))
    for name in ("results.html", "results.tex", "results.pdf"):
        (project / "report" / name).unlink()
    config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
    config["constructs"]["EC"]["label"] = f"Brand {APPLE} loyalty"
    (project / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                         encoding="utf-8")
    return project, snakemake(project, *REPORTS, "--cores", "2", check=False)


run_pool_helpers.register("unicode_study_pdflatex", _rebuilt("pdflatex"), "unicode_pdflatex", "bracket_reports")
run_pool_helpers.register("unicode_study_pdf_again", _rebuilt(None), "unicode_pdf_again")
run_pool_helpers.register("unicode_study_no_font", _no_font_run, "no_font_run")


@pytest.fixture(scope="module")
def unicode_pdflatex(tmp_path_factory):
    return run_pool_helpers.result("unicode_study_pdflatex", tmp_path_factory)


@pytest.fixture(scope="module")
def unicode_pdf_again(tmp_path_factory):
    return run_pool_helpers.result("unicode_study_pdf_again", tmp_path_factory)


@pytest.fixture(scope="module")
def no_font_run(tmp_path_factory):
    return run_pool_helpers.result("unicode_study_no_font", tmp_path_factory)


@pytest.mark.skipif(tool("pdflatex") is None or tool("pdftotext") is None, reason="needs pdflatex and pdftotext")
def test_pdflatex_fallback_builds_the_same_tex_with_code_points(unicode_pdflatex):
    result, pdf = unicode_pdflatex
    text = " ".join(pdftotext(pdf).split())
    assert result["pages"] > 5
    assert "[U+0416]1" in text and "[U+521B][U+65B0]1" in text     # Ж1 and 创新1 (a row after \\ in Table 2)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Type 1" in fonts and "Type 3" not in fonts            # no bitmap font (TS1 symbols are set as math)


@needs_lualatex
def test_unicode_pdf_is_reproducible(unicode_run, unicode_pdf_again):
    assert unicode_pdf_again[1].read_bytes() == (unicode_run / "report/results.pdf").read_bytes()


@needs_lualatex
def test_a_character_no_font_has_fails_the_pdf_only_and_is_named(no_font_run):
    project, done = no_font_run
    assert done.returncode != 0
    html = (project / "report/results.html").read_text(encoding="utf-8")
    tex = (project / "report/results.tex").read_text(encoding="utf-8")
    assert f"Brand {APPLE} loyalty" in html and r"\plsU{F8FF}" in tex
    assert not (project / "report/results.pdf").exists()
    line = next(i + 1 for i, text in enumerate(tex.splitlines()) if APPLE in text)
    for said in (done.stderr, (project / "results/logs/report_pdf.log").read_text(encoding="utf-8")):
        assert "U+F8FF" in said and "has no glyph in any installed font" in said
        assert f"Brand {APPLE} loyalty" in said and f"report/results.tex, line {line}" in said


BRACKET_ENGINES = ["lualatex", "pdflatex"]


@pytest.fixture(scope="module")
def bracket_reports(tmp_path_factory):
    """``engine -> (.tex, PDF)`` of the Unicode study, whose Table 1 categories open with ``[``: its report/results.tex
    and the PDF ``engine`` typeset of it (the run's own, or the pdfLaTeX rebuild), awaited when asked."""
    def report(engine: str):
        run = run_pool_helpers.result("unicode_study", tmp_path_factory)
        if engine == "pdflatex":
            return run / "report/results.tex", run_pool_helpers.result("unicode_study_pdflatex", tmp_path_factory)[1]
        return run / "report/results.tex", run / "report/results.pdf"
    return report


@pytest.mark.parametrize("engine", BRACKET_ENGINES)
def test_text_opening_with_a_bracket_after_a_row_end_typesets(bracket_reports, engine):
    """A second instance of the kind: a table row whose first cell opens with ``[`` (LaTeX read it as the
    option of the previous row's ``\\\\``: "Missing number, treated as zero"), under either engine."""
    if tool(engine) is None or tool("pdftotext") is None or (engine == "lualatex" and find_engine() != engine):
        pytest.skip(f"needs {engine} and pdftotext")
    tex, pdf = bracket_reports(engine)
    assert "\\\\\n{[}2{]} Retail 2" in tex.read_text(encoding="utf-8")
    text = " ".join(pdftotext(pdf).split())
    assert "[1] Retail 1" in text and "[2] Retail 2" in text


@pytest.mark.skipif(tool("pdflatex") is None, reason="needs pdflatex")
def test_pdflatex_error_names_the_character_and_its_line(tmp_path):
    tex = tmp_path / "results.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\begin{document}\n"
                   "Indicator Ж1 loads 0.81.\n\\end{document}\n", encoding="utf-8")
    with pytest.raises(Exception) as raised:
        build_pdf(tex, tmp_path / "results.pdf", engine="pdflatex")
    message = str(raised.value)
    assert "'Ж' (U+0416 CYRILLIC CAPITAL LETTER ZHE)" in message
    assert "Indicator Ж1 loads 0.81." in message and "line 4" in message


def test_explain_failure_points_at_the_source_line_of_any_other_error():
    tex = "\\documentclass{article}\n\\begin{document}\n\\textbf{Table 2.} \\undefined KP1\n\\end{document}\n"
    log = "./results.tex:3: Undefined control sequence.\nl.3 \\textbf{Table 2.} \\undefined\n"
    message = explain_failure(log, tex, "report/results.tex")
    assert message.startswith('LaTeX stopped at report/results.tex, line 3, in the text "Table 2. KP1"')
    assert "Undefined control sequence" in message


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escaped_text_never_holds_a_bare_bracket_or_a_raw_non_ascii_character(text):
    """Whatever the text: every [ and ] braced, every non-ASCII character an escape or inside \\plsU{XXXX}{c}."""
    escaped = latex_escape(text)
    assert not re.search(r"(?<!\{)[\[\]]|[\[\]](?!\})", escaped)
    outside = re.sub(r"\\plsU\{([0-9A-F]{4,6})\}\{(.)\}", lambda m: "" if int(m[1], 16) == ord(m[2]) else "BAD",
                     escaped)
    assert outside.isascii(), outside
