"""Typesetting of the report: real subscripts (never in a user's name), PDF metadata, fonts, page breaks.

Checked on what was rendered: the HTML's visible text in real Chromium, the PDF read back with poppler
(pdftotext, pdffonts, pdfinfo) and pdfplumber (pdf_layout.py), the default study's report of ``study_run``.
"""
import datetime
import html
import re
import subprocess
import time

import pytest
from hypothesis import given, settings, strategies as st

from plssem_pipeline.report import find_engine, render_html, render_latex
from plssem_pipeline.report.dates import report_date
from plssem_pipeline.report.render import html_text, latex_escape, latex_pdfstring, latex_text
from plssem_pipeline.report.symbols import symbol_parts

from pdf_layout import figure_pages, misplaced_continuations, orphans, page_lines, section_pages
from report_browser import Browser, chromium_binary
from report_helpers import TEMPLATES, context_for, resolved_config, tool

needs_poppler = pytest.mark.skipif(tool("pdftotext") is None or tool("pdffonts") is None,
                                   reason="needs poppler-utils (.ci/run installs them)")

#: Names of the user's kind: never symbols, whatever their context.
NAMES = ["KP_1", "x_1", "KP_x_i", "business_type", "results/outer/loadings.csv", "bootstrap.ci_low", "p_value",
         "rho_c", "r2_adj", "a_b", "loadings_x_i.csv", "ρ_C_1", "ρ_value", "αρ_A", "KP_ρ_C", "R2_adj", "x_i.csv", "n_valid",
         "b_value", "dir/ρ_C", "b_jk2", "R²_adjusted", "d_g", "d_GH", "d_ULS2", "bad_G", "d_uls"]
#: Symbols of the report's own text, with the base and subscript they are typeset as.
SYMBOLS = {"ρ_C": ("ρ", "C"), "ρ_A": ("ρ", "A"), "R²_adj": ("R²", "adj"), "R²_j": ("R²", "j"), "b_j": ("b", "j"),
           "b_ij": ("b", "ij"), "β_min": ("β", "min"), "η_{jk}": ("η", "jk"), "Σ_i": ("Σ", "i"),
           "λ_1": ("λ", "1"), "n_min": ("n", "min"), "x_i": ("x", "i"), "f²_j": ("f²", "j"), "d_ULS": ("d", "ULS"),
           "d_G": ("d", "G")}
#: The report's symbols as they appear with an underscore (the defect: a symbol printed as plain text).
UNDERSCORED = re.compile(r"(?<![\w./-])(([\u0391-\u03a9\u03b1-\u03c9]|[RfQ]²)_[A-Za-z0-9{]|d_(ULS|G)\b)")


@pytest.mark.parametrize("name", NAMES)
def test_a_users_name_is_never_a_symbol(name):
    for text in (name, f"({name})", f"{name}, and {name}.", f"Source: {name}"):
        assert symbol_parts(text) == [(text, None)]


@pytest.mark.parametrize("symbol, parts", SYMBOLS.items())
def test_the_reports_symbols_get_subscripts(symbol, parts):
    assert symbol_parts(f"with {symbol}, then") == [("with ", None), parts, (", then", None)]
    assert symbol_parts(symbol, verbatim={symbol}) == [(symbol, None)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ρβR²b_ijxCA1 .,/<>&\\{}$%#~^'\"KP")), max_size=40))
def test_subscripts_add_markup_only_around_the_text(text):
    rendered = str(html_text(text))
    assert re.sub(r"</?sub>", "", rendered).count("<") == 0           # no tag but <sub>
    wanted = "".join(run + (sub or "") for run, sub in symbol_parts(text))
    assert html.unescape(re.sub(r"</?sub>", "", rendered)) == wanted
    tex = latex_text(text)
    assert set(re.findall(r"\\([A-Za-z]+)", tex)) <= set(re.findall(r"\\([A-Za-z]+)", latex_escape(text))) | {
        "plssub"}
    underscored = "".join(run + ("" if sub is None else "_" + sub) for run, sub in symbol_parts(text))
    assert re.sub(r"\\plssub\{([^{}]*)\}", r"\\_\1", tex) == latex_escape(underscored)


def test_pdf_metadata_text_escapes_every_special_character():
    hostile = "A & B 50% #1 $x$ {y} \\input ~ ^ _ <>"
    text = latex_pdfstring(hostile)
    assert re.sub(r"\\(textbackslash|textasciitilde|textasciicircum|textless|textgreater)\{\}|\\[&%#${}_]", "",
                  text).count("\\") == 0
    assert latex_pdfstring("Café ρ", ascii_only=True) == "Cafe ?"


def test_report_date_is_source_date_epoch_or_today_in_utc(monkeypatch):
    assert report_date({"SOURCE_DATE_EPOCH": "1700000000"}) == datetime.date(*time.gmtime(1700000000)[:3])
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.datetime.now(datetime.timezone.utc).date()
    assert report_date() in {before, datetime.datetime.now(datetime.timezone.utc).date()}


def test_the_studys_own_symbols_are_printed_as_written_and_the_author_is_the_configs(study_run, monkeypatch):
    config = resolved_config(study_run)
    config["constructs"]["KP"]["label"] = "x_i and ρ_C"       # the study's own text: printed as written
    config["report"]["author"] = ["Ana Ñúñez", "B & C"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    context = context_for(study_run, config=config, audit="run")
    assert {"x_i", "ρ_C"} <= set(context["verbatim_symbols"])
    page = render_html(context, TEMPLATES)
    assert "x_i and ρ_C" in page and "<sub>C</sub>" not in page and "<sub>A</sub>" in page
    tex = render_latex(context, TEMPLATES)
    assert r"x\_i and $\rho$\_C" in tex and r"\plssub{C}" not in tex and r"\plssub{A}" in tex
    stamp = time.strftime("%Y%m%d", time.gmtime(1700000000))
    assert f"pdfcreationdate={{D:{stamp}000000Z}}" in tex
    assert r"pdfauthor={Ana Ñúñez; B \& C}" in tex and r"pdfauthor={Ana Nunez; B \& C}" in tex  # LuaLaTeX, pdfLaTeX
    assert '<meta name="author" content="Ana Ñúñez; B &amp; C">' in page


@pytest.mark.skipif(chromium_binary() is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_html_visible_text_has_subscripts_and_keeps_names(study_run):
    with Browser() as browser:
        page = browser.open(study_run / "report" / "results.html")
        text = page.evaluate("document.body.innerText")
        subs = page.evaluate("[...document.querySelectorAll('sub')].map(s => s.textContent)")
    assert UNDERSCORED.findall(text) == []
    assert {"C", "A"} <= set(subs) and len(subs) >= 20
    for name in ("respondent_id", "mean_replacement", "results/outer/reliability.csv"):   # config, sources
        assert name in text, name


@needs_poppler
def test_pdf_text_has_subscripts_and_keeps_names(study_run):
    text = subprocess.run(["pdftotext", str(study_run / "report/results.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert UNDERSCORED.findall(text) == []
    assert len(re.findall(r"ρ ?[AC]\b", text)) >= 10
    for name in ("respondent_id", "mean_replacement", "results/outer/reliability.csv"):
        assert name in text, name


@needs_poppler
def test_pdf_fonts_are_embedded_and_none_is_type3(study_run):
    pdfs = [study_run / "report/results.pdf", *sorted((study_run / "report/figures").glob("*.pdf"))]
    for pdf in pdfs:
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = rows.splitlines()[2:]
        assert rows, pdf
        assert not [row for row in rows if "Type 3" in row], pdf
        assert all(re.search(r"\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+$", row) for row in rows), pdf  # embedded, subset


@needs_poppler
def test_pdf_metadata(study_run):
    context = context_for(study_run)
    out = subprocess.run(["pdfinfo", "-isodates", str(study_run / "report/results.pdf")], capture_output=True,
                         text=True, check=True).stdout
    info = dict(re.findall(r"^(\w+):\s+(.*)$", out, flags=re.M))
    assert info["Title"] == context["title"] and info["Author"] == "plssem_pipeline"
    assert info["Subject"] == context["subtitle"]
    assert all(label in info["Keywords"] for label in context["keywords"]) and "PLS-SEM" in info["Keywords"]
    built = datetime.date.fromisoformat(info["CreationDate"][:10])
    assert info["CreationDate"].endswith("Z") and abs((built - report_date()).days) <= 1   # the run's UTC day


@needs_poppler
def test_no_heading_or_caption_at_the_foot_of_a_page_and_figures_stay_in_their_section(study_run):
    context = context_for(study_run, audit="run")
    pdf = study_run / "report/results.pdf"
    pages = page_lines(pdf)
    t = context["t"]
    captions = [f"{t['table']} {block['table'].number}. {block['table'].caption}" for section in context["sections"]
                for block in section["blocks"] if block["kind"] == "table" and block["table"].number]
    assert len(captions) > 15
    assert orphans(pages, captions, t["table"]) == []
    assert misplaced_continuations(pages) == []
    starts = section_pages(pages, [section["title"] for section in context["sections"]]) + [len(pages)]
    figures = [(k, block["figure"].number) for k, section in enumerate(context["sections"])
               for block in section["blocks"] if block["kind"] == "figure" and block["figure"]]
    assert len(figures) == 6
    where = figure_pages(pdf, [number for _, number in figures], t["figure"])
    for k, number in figures:
        assert starts[k] <= where[number] <= starts[k + 1], (number, starts, where)


@pytest.mark.skipif(find_engine() != "lualatex" or tool("pdftotext") is None, reason="needs lualatex and poppler")
def test_a_table_near_the_foot_of_a_page_starts_with_its_caption(study_run, tmp_path):
    """The report's table with the most rows, with the report's own preamble, started lower and lower on a page: it stays
    whole on the page, or moves to the next page and starts there with its caption (never its continuation head
    above the caption, never the caption alone at the foot)."""
    tex = (study_run / "report/results.tex").read_text(encoding="utf-8")
    preamble = tex[:tex.index("\\begin{document}")]
    blocks = re.findall(r"\\plsneedspace\{9\\baselineskip\}\n\\begingroup.*?\\end\{longtable\}", tex, flags=re.S)
    block = max((b for b in blocks if "\\itshape" not in b), key=lambda b: b.count("\\\\\n"))   # most plain rows
    caption = re.search(r"\\caption\*\{\\textbf\{([^}]*)\}", block).group(1)
    assert block.count("\\\\\n") > 20

    # One LuaLaTeX run: each offset starts a page of its own with "Text <offset>." (one line, as "Text." would be),
    # and the block's group is closed after it (its small type does not reach the next copy): each copy's pages are
    # those of a document of its own.
    offsets = range(450, 660, 45)
    body = "".join(f"\\clearpage\nText {offset}.\\par\\vspace*{{{offset}pt}}\nText before the table.\\par\n"
                   f"{block}\\endgroup\n" for offset in offsets)
    (tmp_path / "t.tex").write_text(f"{preamble}\\begin{{document}}\n{body}\\end{{document}}\n", encoding="utf-8")
    subprocess.run(["lualatex", "-no-shell-escape", "-halt-on-error", "-interaction=nonstopmode", "t.tex"],
                   cwd=tmp_path, capture_output=True, check=True, timeout=300)
    document = page_lines(tmp_path / "t.pdf")
    starts = [next(k for k, lines in enumerate(document)    # pdfplumber may drop the space
                   if lines and lines[0]["text"].replace(" ", "") == f"Text{offset}.") for offset in offsets]
    starts.append(len(document))
    for offset, first, end in zip(offsets, starts, starts[1:]):
        pages = document[first:end]                         # the pages of this offset's copy of the table
        assert misplaced_continuations(pages) == [], offset
        at = [lines for lines in pages if any(line["text"].startswith(caption) for line in lines)]
        assert len(at) == 1, offset
        top = next(line["top"] for line in at[0] if line["text"].startswith(caption))
        assert len([line for line in at[0] if line["top"] > top]) >= 5, offset     # header and rows follow it


def test_the_orphan_check_finds_an_orphan(tmp_path):
    """Negative control: a page that ends in a heading, and one that ends in a table's caption."""
    heading = {"text": "3 Measurement model", "top": 700, "bold": True, "size": 14.3}
    body = {"text": "Some text of the section.", "top": 100, "bold": False, "size": 10.0}
    caption = {"text": "Table 2. Convergent", "top": 710, "bold": False, "size": 9.0}
    more = {"text": "validity", "top": 720, "bold": False, "size": 9.0}
    found = orphans([[body, heading], [body, caption, more], [body]], ["Table 2. Convergent validity"])
    assert found == [(1, "3 Measurement model"), (2, "Table 2. Convergent")]


@needs_poppler
def test_figures_in_numerical_order_and_never_inside_a_table(study_run):
    """Read back in reading order (pdftotext): the figures' captions come 1, 2, 3, ... (the landscape structural model
    in its place), and no figure stands between a table's caption and its source line (inside its rows or note)."""
    context, pdf = context_for(study_run, audit="run"), study_run / "report/results.pdf"
    t = context["t"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    numbers = [block["figure"].number for section in context["sections"] for block in section["blocks"]
               if block["kind"] == "figure" and block["figure"]]
    assert numbers == [str(k) for k in range(1, len(numbers) + 1)] and len(numbers) == 6

    def at(label: str) -> list[int]:
        return [m.start() for m in re.finditer(rf"^\s*{re.escape(label)}", text, flags=re.M)]

    figures = [at(f"{t['figure']} {number}.") for number in numbers]
    assert all(len(found) == 1 for found in figures), figures
    assert [found[0] for found in figures] == sorted(found[0] for found in figures)
    tables = [block["table"] for section in context["sections"] for block in section["blocks"]
              if block["kind"] == "table" and block["table"].number and block["table"].sources]
    for table in tables:
        start = at(f"{t['table']} {table.number}.")[0]
        end = text.index(f"{t['n_source']}:", start)
        inside = [number for number, found in zip(numbers, figures) if start < found[0] < end]
        assert inside == [], (table.number, inside)


@needs_poppler
def test_the_landscape_pages_number_is_upright(study_run):
    """The structural model's landscape page (rotated 90°) carries its page number in its own reading direction:
    every character of the page, its number included, is upright as read (pdfplumber), and the number is there."""
    import pdfplumber

    with pdfplumber.open(str(study_run / "report/results.pdf")) as document:
        rotated = [(n, page) for n, page in enumerate(document.pages, start=1) if page.rotation in (90, 270)]
        assert len(rotated) == 1
        number, page = rotated[0]
        assert [c["text"] for c in page.chars if not c["upright"]] == []
        assert str(number) in [line.strip() for line in page.extract_text().splitlines()]
