"""Every piece of user text is escaped: HTML (autoescape) and LaTeX (latex_escape), and the PDF still builds."""
import re
import subprocess

import pandas as pd
import pytest

from plssem_pipeline.report.figures import charts as figures
from plssem_pipeline.report import render_html, render_latex
from plssem_pipeline.report.render import latex_environment, latex_escape, latex_lines, latex_path

from report_helpers import HOSTILE, TEMPLATES, context_for, resolved_config, tool

SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}"}


@pytest.mark.parametrize("char, escaped", SPECIALS.items())
def test_latex_escape_of_each_special_character(char, escaped):
    assert latex_escape(f"a{char}b") == f"a{escaped}b"


def test_latex_escape_leaves_no_command_of_the_input():
    escaped = latex_escape(HOSTILE)
    # every backslash left is one of the escapes' own commands
    assert set(re.findall(r"\\([A-Za-z]+)", escaped)) <= {"textbackslash", "textasciicircum", "textasciitilde",
                                                            "textless", "textgreater", "textbar"}
    assert "\\input" not in escaped and "\\write18" not in escaped
    assert latex_escape("line 1\nline 2\x00") == "line 1 line 2"
    assert latex_escape("Café ≥ ρ_A – naïve") == r"Caf\'{e} $\geq$ $\rho$\_A -- na\"{\i{}}ve"
    # any other character: itself under LuaLaTeX, its code point under pdfLaTeX (the template's \plsU)
    assert latex_escape("日本") == "\\plsU{65E5}{日}\\plsU{672C}{本}"
    assert latex_lines("a: 1\n  b: {x}") == "a:~1\\\\\n~~b:~\\{x\\}"
    with pytest.raises(ValueError):
        latex_path("../secret.pdf")
    with pytest.raises(ValueError):
        latex_path("figures/a b.pdf")


def test_every_expression_of_the_latex_template_is_escaped():
    source = (TEMPLATES / "results.tex.j2").read_text(encoding="utf-8")
    macros = set(re.findall(r"\(\(\*-?\s*macro\s+(\w+)", source))
    safe = re.compile(r"\|\s*(latex_escape|latex_text|latex_pdfstring|latex_lines|latex_colspec|latex_path|length)"
                      r"\s*(\([^()]*\))?\s*$")
    expressions = re.findall(r"\(\(\((.*?)\)\)\)", source, flags=re.S)
    assert len(expressions) > 40
    unescaped = [e for e in expressions if not safe.search(e.strip()) and e.strip().split("(")[0] not in macros]
    assert unescaped == []
    env = latex_environment(TEMPLATES)
    assert env.autoescape is False and {"latex_escape", "latex_text", "latex_pdfstring"} <= set(env.filters)


def test_html_template_never_marks_text_safe():
    source = re.sub(r"\{#.*?#\}", "", (TEMPLATES / "results.html.j2").read_text(encoding="utf-8"), flags=re.S)
    assert "|safe" not in source.replace(" ", "") and "Markup" not in source and "autoescape false" not in source


def hostile_config(run):
    config = resolved_config(run)
    config["constructs"]["KP"]["label"] = HOSTILE
    config["report"]["title"] = "Title with <b>tags</b> & 100% {braces} _under_ \\LaTeX"
    return config


def test_hostile_label_is_text_in_html_and_latex(study_run, tmp_path):
    respondents = pd.read_csv(study_run / "results/describe/respondents.csv")
    respondents.loc[0, "category"] = HOSTILE                  # a category label from the data
    respondents.to_csv(tmp_path / "respondents.csv", index=False)
    context = context_for(study_run, config=hostile_config(study_run), audit=None, report_dir=tmp_path,
                          files={"respondents": tmp_path / "respondents.csv"})
    html = render_html(context, TEMPLATES)
    assert "<script>" not in html and "<b>tags" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; R&amp;D 50% \\input{/etc/passwd}" in html
    tex = render_latex(context, TEMPLATES)
    assert "\\input{" not in tex and "\\write18{" not in tex
    assert (r"\textless{}script\textgreater{}alert('x')\textless{}/script\textgreater{} R\&D 50\% "
            r"\textbackslash{}input\{/etc/passwd\} \textbackslash{}write18\{touch pwned\} a\_b \$x\$ \#1 "
            r"\textasciicircum{} \textasciitilde{} \{\}") in tex
    assert r"Title with \textless{}b\textgreater{}tags" in tex


def test_hostile_label_figures_are_included_by_safe_relative_paths(study_run, tmp_path):
    """The PDF of hostile labels is built by the real DAG in tests/badinput/test_safe_reports.py."""
    context = context_for(study_run, config=hostile_config(study_run), audit=None, report_dir=tmp_path / "report")
    for figure in (b["figure"] for s in context["sections"] for b in s["blocks"] if b["kind"] == "figure"):
        assert figure.tex_path.startswith("figures/") and latex_path(figure.tex_path) == figure.tex_path


def test_figures_draw_labels_as_plain_text(study_run, tmp_path):
    loadings = pd.read_csv(study_run / "results/outer/loadings.csv")
    paths = pd.read_csv(study_run / "results/bootstrap/paths.csv")
    r2 = pd.read_csv(study_run / "results/inner/r2.csv")
    labels = {"KP": r"$\undefinedcommand{x}$ " + HOSTILE, "EC": "Cost ($) & 50%_x"}
    figures.structural_model(loadings, paths, r2, tmp_path / "m.png", pdf=tmp_path / "m.pdf", labels=labels)
    figures.loadings_chart(loadings, tmp_path / "l.png", labels=labels)   # mathtext would raise on these
    assert (tmp_path / "m.png").stat().st_size > 10000
    if tool("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "m.pdf"), "-"], capture_output=True, text=True).stdout
        assert "\\undefinedcommand" in text
