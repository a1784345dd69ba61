"""The report as an ordered list of sections: both templates lay out, number and list in their contents
whatever report.sections.SECTIONS gives them, and a section with nothing to show is left out whole."""
import re

import pytest

from plssem_pipeline.report import blocks, context as report_context, render_html, render_latex
from plssem_pipeline.report.sections import SECTIONS

from report_helpers import TEMPLATES, context_for

IDS = ["methods", "respondents", "measurement", "structural", "predictive", "fit", "audit", "provenance", "appendix"]


def test_every_part_of_the_report_is_a_section_in_order(study_run):
    context = context_for(study_run, audit="run")
    assert [s["id"] for s in context["sections"]] == IDS
    titles = [s["title"] for s in context["sections"]]
    html = render_html(context, TEMPLATES)
    nav = html[html.index("<nav"):html.index("</nav>")]
    assert re.findall(r'<a href="#([\w-]+)">', nav) == IDS
    assert re.findall(r"<h2>(\d+)\. ([^<]+)</h2>", html) == [(str(k), title) for k, title in enumerate(titles, 1)]
    tex = render_latex(context, TEMPLATES)
    # every section opens with a float barrier and room for its first lines (no heading at a page's foot)
    assert "\\FloatBarrier\n\\needspace{15\\baselineskip}\n\\section{" + titles[0] + "}\\label{methods}\n" in tex
    assert re.findall(r"\\section\{[^}]*\}\\label\{([\w-]+)\}", tex) == IDS
    # the context's data of the sections that carry it; `tables` only the results' tables
    assert context["methods"] == [b["text"] for b in context["sections"][0]["blocks"]]
    assert context["audit"]["consistency"]["table"].number == "C1" and context["provenance"]["files"].number == "P2"
    assert all(t.number[0].isdigit() for t in context["tables"])


def _extra(inputs):
    return blocks.section("notes", "Notes <&>", [blocks.text("A note."), blocks.code("a: 1\n  b: 2")])


def _nothing(inputs):
    return blocks.section("empty", "Empty", [blocks.figure(None)])   # a figure not drawn: nothing to show


@pytest.mark.parametrize("missing", [lambda inputs: None, _nothing])
def test_a_section_with_nothing_to_show_is_left_out_whole(study_run, monkeypatch, missing):
    monkeypatch.setattr(report_context, "SECTIONS", (SECTIONS[0], missing, _extra, *SECTIONS[1:]))
    context = context_for(study_run, audit="run")
    assert [s["id"] for s in context["sections"]] == ["methods", "notes"] + IDS[1:]
    html = render_html(context, TEMPLATES)
    assert 'id="empty"' not in html and "#empty" not in html
    assert '<li><a href="#notes">Notes &lt;&amp;&gt;</a></li>' in html
    assert "<h2>2. Notes &lt;&amp;&gt;</h2>\n<p>A note.</p>\n<pre class=\"config\">a: 1\n  b: 2</pre>" in html
    assert "<h2>3. " + context["sections"][2]["title"] + "</h2>" in html
    tex = render_latex(context, TEMPLATES)
    assert "\\label{empty}" not in tex and "{Empty}" not in tex
    assert ("\\FloatBarrier\n\\needspace{15\\baselineskip}\n\\section{Notes \\textless{}\\&\\textgreater{}}\\label{notes}\nA note.\n\n"
            "{\\raggedright\\ttfamily\\scriptsize\na:~1\\\\\n~~b:~2\\par}\n") in tex


def test_a_study_without_respondent_variables_has_no_respondents_section(study_run, tmp_path):
    header = (study_run / "results/describe/respondents.csv").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "respondents.csv").write_text(header + "\n", encoding="utf-8")
    context = context_for(study_run, audit="run", files={"respondents": tmp_path / "respondents.csv"})
    assert [s["id"] for s in context["sections"]] == [i for i in IDS if i != "respondents"]
    assert "1" not in {t.number for t in context["tables"]}
    html = render_html(context, TEMPLATES)
    assert 'id="respondents"' not in html and 'href="#respondents"' not in html
