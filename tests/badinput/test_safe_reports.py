r"""Safe reports: hostile labels are shown as text, never run, in the HTML and the LaTeX report.

The whole DAG runs (real ``snakemake``) on a study whose construct labels, a
respondent variable's label, its category names and the report title are
``<script>alert(1)</script>``, ``\input{/etc/passwd}``, ``\write18{touch ...}``,
``\def``/``\catcode`` and ``$ & % _ ^ ~ # { }`` (``badinput_runs.HOSTILE``).

* HTML: the text a browser shows holds every label literally, and the
  document has no script, image or event handler that came from a label;
* LaTeX: no control sequence of a label (``\input``, ``\write``, ``\def``,
  ``\catcode``, ``\immediate``) is in the ``.tex``; undoing the standard
  escapes gives back every label, so each special character was escaped;
  the PDF builds and the ``\write18`` commands created nothing;
* the TeX call disables shell escape (checked in the code, and by compiling a
  document that tries ``\write18`` and ``\input{/etc/passwd}`` directly).

Skipped where the report rule does not exist.
"""
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from badinput_runs import HOSTILE, MARKER, REPORT_RULE, TEX
from pipeline_helpers import ROOT

pytestmark = pytest.mark.skipif(not REPORT_RULE, reason="no report rule (workflow/rules/report.smk) yet")

LABELS = ([HOSTILE[name] for name in ("KP", "EC", "IP", "KU", "variable", "title")]
          + list(HOSTILE["categories"].values()))
FORBIDDEN = {"input", "include", "write", "immediate", "def", "edef", "gdef", "catcode", "openout", "openin",
             "read", "csname", "let", "newwrite", "special"}


@pytest.fixture(scope="module")
def report(snakemake_runs):
    done = snakemake_runs["hostile_labels_report"]
    assert done.process.returncode == 0, done.output[-4000:]
    assert "Traceback" not in done.output
    return done


class _Document(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.scripts, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def test_html_shows_hostile_labels_as_text(report):
    html = (report.directory / "report/results.html").read_text(encoding="utf-8")
    document = _Document()
    document.feed(html)
    text = " ".join(" ".join(document.text).split())
    for label in LABELS:
        assert " ".join(label.split()) in text, f"{label!r} is not shown as text"
    assert not any("alert" in script for script in document.scripts)
    assert not [tag for tag, attrs in document.tags if any(name.startswith("on") for name in attrs)]
    assert not [attrs for tag, attrs in document.tags if tag == "img" and attrs.get("src") == "x"]
    assert "<script>alert" not in html and "<img src=x" not in html


def control_words(tex: str) -> set:
    r"""Every control word (``\name``) of a TeX source; ``\\`` and other control symbols are skipped."""
    words, i = set(), 0
    while i < len(tex):
        if tex[i] == "\\" and i + 1 < len(tex):
            j = i + 1
            while j < len(tex) and tex[j].isalpha():
                j += 1
            if j > i + 1:
                words.add(tex[i + 1:j])
                i = j
            else:
                i += 2                                    # a control symbol: \\ \% \$ \{ ...
        else:
            i += 1
    return words


#: The standard LaTeX escapes of the special characters, undone to recover the text.
UNESCAPE = [(r"\textbackslash{}", "\\"), (r"\textasciitilde{}", "~"), (r"\textasciicircum{}", "^"),
            (r"\textless{}", "<"), (r"\textgreater{}", ">"), (r"\textbar{}", "|"), (r"\~{}", "~"), (r"\^{}", "^"),
            (r"\{", "{"), (r"\}", "}"), (r"\$", "$"), (r"\&", "&"), (r"\#", "#"), (r"\_", "_"), (r"\%", "%")]


def unescape(tex: str) -> str:
    out, i = [], 0
    while i < len(tex):
        for escaped, plain in UNESCAPE:
            if tex.startswith(escaped, i):
                out.append(plain)
                i += len(escaped)
                break
        else:
            out.append(tex[i])
            i += 1
    return "".join(out)


def test_latex_has_no_control_sequence_from_a_label(report):
    tex = (report.directory / "report/results.tex").read_text(encoding="utf-8")
    template = (ROOT / "workflow/templates/results.tex.j2").read_text(encoding="utf-8")
    assert not FORBIDDEN & control_words(template), "the template itself uses a forbidden command"
    assert not FORBIDDEN & control_words(tex), FORBIDDEN & control_words(tex)
    plain = " ".join(unescape(tex).replace("~", " ").split())
    for label in LABELS:
        assert " ".join(label.replace("~", " ").split()) in plain, f"{label!r} is not in the .tex (escaped)"
    assert r"\input{/etc/passwd}" not in tex and r"\write18" not in tex


@pytest.mark.skipif(not TEX, reason="no TeX engine installed")
def test_pdf_builds_and_write18_ran_nothing(report):
    pdf = report.directory / "report/results.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not report.marker_exists
    assert "root:" not in (report.directory / "report/results.tex").read_text(encoding="utf-8")
    if shutil.which("pdftotext") and shutil.which("pdfinfo"):      # the labels printed as text, title included
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
        for name in ("EC", "variable"):
            assert " ".join(HOSTILE[name].split()) in text, name
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Title:\s+(.*)$", info, flags=re.M).group(1) == HOSTILE["title"]   # the metadata, as text


def _code_lines(pattern):
    files = [p for folder in ("src", "workflow") for p in (ROOT / folder).rglob("*")
             if p.is_file() and (p.suffix in (".py", ".smk") or p.name == "Snakefile")]
    return [(p.relative_to(ROOT), line.strip()) for p in files
            for line in p.read_text(encoding="utf-8").splitlines() if re.search(pattern, line)]


def test_the_tex_call_disables_shell_escape():
    assert _code_lines(r"(?<!no)-shell-escape|enable-write18|shell_escape\s*=\s*[\"']?[tyTYp1]") == []
    calls = _code_lines(r"[\"'](pdflatex|latexmk|xelatex|lualatex)[\"']")
    assert calls, "no TeX call found"
    assert _code_lines(r"-no-shell-escape"), "the TeX call does not pass -no-shell-escape"


@pytest.mark.skipif(not TEX, reason="no TeX engine installed")
def test_tex_engine_refuses_write18_and_absolute_input(tmp_path):
    """The second line of defence, should unescaped text ever reach TeX: no shell, no reading outside."""
    from plssem_pipeline.errors import UserError
    from plssem_pipeline.report.latex import build_pdf

    marker = tmp_path / f"{MARKER}_direct"
    tex = tmp_path / "write18.tex"
    tex.write_text("\\documentclass{article}\\begin{document}\\immediate\\write18{touch " + str(marker)
                   + "}Hello\\end{document}\n", encoding="utf-8")
    build_pdf(tex, tmp_path / "write18.pdf")
    assert (tmp_path / "write18.pdf").is_file() and not marker.exists()
    tex = tmp_path / "input.tex"
    tex.write_text("\\documentclass{article}\\begin{document}\\input{/etc/passwd}\\end{document}\n", encoding="utf-8")
    try:
        build_pdf(tex, tmp_path / "input.pdf")
    except UserError:
        pass
    pdf = tmp_path / "input.pdf"
    assert not pdf.exists() or b"root:" not in pdf.read_bytes()
