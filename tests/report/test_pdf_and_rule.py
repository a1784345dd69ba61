"""The report rule in the real DAG: outputs, log, the PDF (real latexmk/pdflatex, checked with poppler), no-TeX runs."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plssem_pipeline.report import build_pdf, find_engine, report_outputs

import run_pool_helpers
from pipeline_helpers import snakemake
from report_helpers import ROOT, pdf_pages, pdftotext, tool

needs_tex = pytest.mark.skipif(find_engine() is None or tool("pdftotext") is None,
                               reason="needs a TeX engine (latexmk/pdflatex) and poppler-utils (.ci/run installs them)")


def test_report_outputs_follow_formats_and_tex():
    assert report_outputs(["html", "tex", "pdf"], engine="latexmk") == {
        "html": "report/results.html", "tex": "report/results.tex", "pdf": "report/results.pdf"}
    assert report_outputs(["html", "tex", "pdf"], engine=None) == {"html": "report/results.html",
                                                                   "tex": "report/results.tex"}
    assert report_outputs(["pdf"], engine="pdflatex") == {"tex": "report/results.tex", "pdf": "report/results.pdf"}


def test_report_rule_outputs_and_log(study_run):
    html = (study_run / "report/results.html").read_text(encoding="utf-8")
    tex = (study_run / "report/results.tex").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 6 and "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "Content-Security-Policy" in html
    for n in ("1", "2", "3", "4", "5", "6", "7"):
        assert f'<span class="tnum">Table {n}.</span>' in html and f"\\textbf{{Table {n}.}}" in tex
    assert '<a href="../results/bootstrap/paths.csv">results/bootstrap/paths.csv</a>' in html
    assert "\\includegraphics" in tex and "figures/structural_model.pdf" in tex
    log = (study_run / "results/logs/report.log").read_text()
    assert "wrote report/results.html" in log
    assert "wrote report/results.tex" in (study_run / "results/logs/report_tex.log").read_text()
    if find_engine():
        assert "PDF built with" in (study_run / "results/logs/report_pdf.log").read_text()
        assert (study_run / "report/results.pdf").is_file()
        assert "PDF built with" in html
    if (ROOT / "workflow/rules/audit.smk").is_file():                   # the audit's CSVs are the report's inputs
        assert "checks of published numbers" in html and "published numbers compared" in html
        assert "Table 5 (comparison).</span> Published against reproduced" in html


@needs_tex
def test_no_text_beyond_the_page(study_run):
    """No character of the built PDF lies outside its page box (pdfplumber): no table, Table 6 the widest, is cut
    at the paper's edge, and no P value "< .001" is broken after its "<"."""
    from pdf_layout import outside_page

    pdf = study_run / "report/results.pdf"
    assert outside_page(pdf) == []
    assert "<" not in [line.strip() for line in pdftotext(pdf).splitlines()]


@needs_tex
def test_pdf_pages_and_tables(study_run):
    pdf = study_run / "report/results.pdf"
    assert 10 <= pdf_pages(pdf) <= 40
    text = " ".join(pdftotext(pdf).split())
    for caption in ("Table 1. Respondent profile", "Table 2. Convergent validity", "Table 3. Internal consistency",
                    "Table 3a. Discriminant validity: Fornell–Larcker", "Table 3b. Discriminant validity",
                    "Table 4. R", "Table 4a. Effect sizes", "Table 5. Path coefficients",
                    "Table 6. Specific indirect effects", "Table 6a. Total effects",
                    "Table 6b. Total indirect effects", "Table 7. Hypotheses", "Table C1. Checks",
                    "Table P1. The run: code, date, platform", "Table P2. Files behind the report",
                    "Table A1. Indicator data (original)", "Table A6. Construct reliability and validity",
                    "Figure 3. Structural model"):
        assert caption in text, caption
    for header in ("Original", "(O)", "(M)", "(STDEV)", "(|O/STDEV|)", "values"):   # wrapped over 3 lines
        assert header in text, header
    assert "Synthetic data." in text
    assert re.search(r"KP -> IP 0\.\d{3} 0\.\d{3} 0\.\d{3} \d+\.\d{3}", text)     # a Table 5 row, as SmartPLS


def _pdf_again(directory: Path) -> Path:
    """The default study's report/results.tex built again, outside Snakemake (made in the background)."""
    run = run_pool_helpers.result("default_study")
    build_pdf(run / "report/results.tex", directory / "again.pdf",
              figures=sorted((run / "report/figures").glob("*.pdf")))
    return directory / "again.pdf"


run_pool_helpers.register("default_study_pdf_again", _pdf_again, "pdf_again")


@pytest.fixture(scope="module")
def pdf_again(tmp_path_factory) -> Path:
    return run_pool_helpers.result("default_study_pdf_again", tmp_path_factory)


@needs_tex
def test_pdf_is_reproducible(study_run, pdf_again):
    assert pdf_again.read_bytes() == (study_run / "report/results.pdf").read_bytes()


def _path_without_tex(directory: Path) -> str:
    """A PATH with every program of /usr/bin and /bin except the TeX engines."""
    directory.mkdir()
    tex = {"latexmk", "pdflatex", "pdftex", "lualatex", "xelatex", "latex", "tex", "luatex", "xetex"}
    for folder in ("/usr/local/bin", "/usr/bin", "/bin"):
        for program in Path(folder).iterdir() if Path(folder).is_dir() else []:
            target = directory / program.name
            if program.name not in tex and not target.exists():
                target.symlink_to(program)
    return f"{Path(sys.executable).parent}{os.pathsep}{directory}"


def test_without_tex_the_rule_writes_the_tex_and_says_the_pdf_was_skipped(study_run, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(study_run, project, symlinks=True, ignore=shutil.ignore_patterns(".snakemake"))
    (project / "report/results.pdf").unlink(missing_ok=True)
    snakemake(project, "--cores", "1", "--rerun-triggers", "mtime", "-f", "report/results.html",
              "report/results.tex", path=_path_without_tex(tmp_path / "bin"))
    assert (project / "report/results.tex").stat().st_size > 10000
    assert not (project / "report/results.pdf").exists()
    log = (project / "results/logs/report_tex.log").read_text()
    assert "PDF skipped: no TeX engine (lualatex, latexmk or pdflatex) is installed" in log
    assert "PDF not built: no TeX engine (lualatex, latexmk or pdflatex) is installed." in (
        project / "report/results.html").read_text(encoding="utf-8")


def test_snakemake_report_lists_the_report_and_figures(snakemake_report):
    project, _ = snakemake_report             # a copy of the run, snakemake --report run on it (conftest.py)
    report = (project / "report/snakemake.html").read_text(encoding="utf-8", errors="replace")
    for name in ("results.html", "results.tex", "structural_model.png"):
        assert name in report, name
