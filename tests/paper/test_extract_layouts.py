"""The table extractor on tables in other layouts: SmartPLS 4's English export names, Fornell-Larcker and
HTMT lower triangles, f², VIF, cross-loadings; tabs, aligned spaces, Markdown pipe tables, flattened lines,
a header wrapped over two lines, decimal commas, and a real PDF.

Every number is a ``plssem`` estimate of a simulated survey (``generator_model``, the generator's
studies), printed with 3 decimals; the expected extraction is that printed text read back.
"""
from __future__ import annotations

import numpy as np
import pytest

import generator_model
from paper_pdf import pdf_from_latex, tabular
from plssem_pipeline.errors import UserError
from plssem_pipeline.paper.document import parse_text, read_document
from plssem_pipeline.paper.extract import extract
from plssem_pipeline.paper.provenance import verify

LAYOUTS = ("tabs", "aligned", "flat", "wrapped", "pipes")
EFFECT_HEADER = ["Original sample (O)", "Sample mean (M)", "Standard deviation (STDEV)", "T statistics (|O/STDEV|)",
                 "P values"]
RELIABILITY_HEADER = ["Cronbach's alpha", "Composite reliability (rho_a)", "Composite reliability (rho_c)",
                      "Average variance extracted (AVE)"]


def _estimates(study: str = "msme"):
    """The generator's estimates plus outer VIF and cross-loadings of the same simulated survey."""
    import plssem

    e = generator_model.estimate_study(study, "en")
    data, codes = generator_model.simulate(generator_model.STUDIES[study])
    items = generator_model.STUDIES[study].items
    model = plssem.Model.from_spec({c: [f"{c}_{i}" for i in range(1, items + 1)] for c in codes},
                                   [" -> ".join(codes[e.constructs.index(n)] for n in path.split(" -> "))
                                    for path in e.paths])
    result = plssem.estimate(data, model)
    abbr = dict(zip(codes, e.constructs))
    name = lambda item: abbr[item.split("_")[0]] + item.split("_")[1]  # noqa: E731
    vif = {name(i): float(v) for i, v in zip(model.indicator_names, np.ravel(result.outer_vif))}
    cross = result.cross_loadings.rename(index=name, columns=abbr)
    return e, vif, cross


def _f(value: float, comma: bool) -> str:
    text = f"{value:.3f}"
    return text.replace(".", ",") if comma else text


def _tables(e, vif, cross, comma: bool) -> list[tuple[str, list[str], list[list[str]], dict]]:
    """(caption, header, rows, expected mapping) of every table, numbers printed with 3 decimals."""
    read = lambda v: float(_f(v, False))  # noqa: E731  (the printed number, read back)
    cs = e.constructs
    rel = e.reliability
    out = [("Table 2. Outer loadings", ["Indicator", "Outer loadings"],
            [[i, _f(v, comma)] for i, v in e.loadings.items()],
            {"loadings": {i: read(v) for i, v in e.loadings.items()}}),
           ("Table 3. Construct reliability and validity", ["Construct"] + RELIABILITY_HEADER,
            [[c] + [_f(rel.loc[c, k], comma) for k in ("cronbach_alpha", "rho_a", "rho_c", "ave")] for c in cs],
            {k: {c: read(rel.loc[c, k]) for c in cs} for k in ("cronbach_alpha", "rho_a", "rho_c", "ave")}),
           ("Table 4. Discriminant validity: Fornell-Larcker criterion", [""] + cs,
            [[a] + [_f(e.fornell_larcker.loc[a, b], comma) for b in cs[:i + 1]] for i, a in enumerate(cs)],
            {"fornell_larcker": {a: {b: read(e.fornell_larcker.loc[a, b]) for b in cs[:i + 1]}
                                 for i, a in enumerate(cs)}}),
           ("Table 5. Heterotrait-monotrait ratio (HTMT)", [""] + cs,
            [[a] + [_f(e.htmt.loc[a, b], comma) for b in cs[:i]] for i, a in enumerate(cs)],
            {"htmt": {a: {b: read(e.htmt.loc[a, b]) for b in cs[:i]} for i, a in enumerate(cs) if i}}),
           ("Table 6. Cross loadings", [""] + cs,
            [[i] + [_f(cross.loc[i, c], comma) for c in cs] for i in cross.index],
            {"cross_loadings": {i: {c: read(cross.loc[i, c]) for c in cs} for i in cross.index}}),
           ("Table 7. Collinearity statistics (VIF)", ["Indicator", "VIF"],
            [[i, _f(v, comma)] for i, v in vif.items()], {"vif": {i: read(v) for i, v in vif.items()}}),
           ("Table 8. R-square", ["Construct", "R-square", "R-square adjusted"],
            [[c, _f(r["r2"], comma), _f(r["r2_adj"], comma)] for c, r in e.r2.iterrows()],
            {k: {c: read(r[k]) for c, r in e.r2.iterrows()} for k in ("r2", "r2_adj")}),
           ("Table 9. f-square", ["Path", "f-square"], [[p, _f(v, comma)] for p, v in e.f2.items()],
            {"f_square": {p: read(v) for p, v in e.f2.items()}})]
    for number, caption, rows in ((10, "Path coefficients", e.paths), (11, "Specific indirect effects", e.indirect)):
        out.append((f"Table {number}. {caption}", [""] + EFFECT_HEADER,
                    [[p] + [_f(r[k], comma) for k in ("original", "mean", "sd", "t", "p")] for p, r in rows.items()],
                    {"rows": {p: {k: read(r[k]) for k in ("original", "mean", "sd", "t", "p")}
                              for p, r in rows.items()}}))
    return out


def _wrap(header: list[str]) -> list[str]:
    """A header wrapped as a PDF's narrow cells leave it: first words on one line, the rest on the next."""
    heads = [h.split(" ", 1) for h in header if h]
    return [" ".join(h[0] for h in heads), " ".join(h[1] if len(h) > 1 else "" for h in heads).strip()]


def _text(tables, layout: str) -> str:
    out = ["4. RESULTS", "", "The estimates of the measurement and structural models are reported below.", ""]
    for caption, header, rows, _ in tables:
        width = [max(len(r[k]) if k < len(r) else 0 for r in [header] + rows) for k in range(len(header))]
        out.append(caption)
        if layout == "tabs":
            out += ["\t".join(header)] + ["\t".join(r) for r in rows]
        elif layout == "pipes":  # a Markdown pipe table, its rule line after the header
            out += ["| " + " | ".join(r) + " |" for r in [header, ["---"] * len(header)] + rows]
        elif layout == "aligned":
            out += ["  ".join(c.ljust(w) for c, w in zip(r, width)).rstrip() for r in [header] + rows]
        else:
            effects = header[-1] == "P values"
            out += (_wrap(header) if layout == "wrapped" and effects else [" ".join(h for h in header if h)])
            out += [" ".join(r) for r in rows]
        out += ["Source: SmartPLS 4 output.", ""]
    return "\n".join(out)


def _check(doc, tables):
    extraction = extract(doc)
    got = extraction.published["tables"]
    assert len(got) == len(tables), list(got)
    for (caption, _, _, expected), (table_id, table) in zip(tables, got.items()):
        assert table["caption"] == caption
        assert {k: table[k] for k in expected} == expected, table_id
        assert table["printed_decimals"] == 3
    assert verify(doc, extraction.published) == []
    return got


@pytest.fixture(scope="module")
def estimates():
    return _estimates()


@pytest.mark.parametrize("comma", [False, True], ids=["point", "comma"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_layouts(estimates, layout, comma):
    tables = _tables(*estimates, comma)
    got = _check(parse_text(_text(tables, layout), f"{layout}.txt"), tables)
    ids = list(got)
    assert ids[:4] == ["table2_convergent_validity", "table3_reliability", "table4_fornell_larcker", "table5_htmt"]
    assert ids[4:] == ["table6_cross_loadings", "table7_vif", "table8_r_squared", "table9_f_square",
                       "table10_path_coefficients", "table11_specific_indirect"]


def test_a_real_pdf(estimates, tmp_path):
    tables = _tables(*estimates, False)
    body = r"\section*{RESULTS}" + "\n".join(
        f"\\noindent {caption}\\par\n" + tabular(header, rows) + "\n\\par Source: SmartPLS 4 output.\\par\\bigskip"
        for caption, header, rows, _ in tables)
    doc = read_document(pdf_from_latex(body, tmp_path))
    assert {line.page for line in doc.lines} >= {1, 2}
    _check(doc, tables)


def test_indonesian_captions_and_a_paper_without_tables(estimates):
    tables = [(c.replace("Table", "Tabel").replace("Path coefficients", "Koefisien jalur"), h, r, x)
              for c, h, r, x in _tables(*estimates, True)]
    _check(parse_text(_text(tables, "tabs").replace("RESULTS", "HASIL"), "id.md"), tables)
    text = "4. HASIL\n\nTabel 1. Data UMKM di Indonesia\nTahun\tJumlah UMKM (Juta)\n2020\t64\n"
    with pytest.raises(UserError, match=r"none\.md.*no PLS-SEM results table found.*expected"):
        extract(parse_text(text, "none.md"))


@pytest.mark.parametrize("language,commas", [("en", False), ("id", True)])
@pytest.mark.parametrize("layout", ["markdown", "plain", "flat", "pdf"])
def test_generated_papers_tables_equal_what_they_print(layout, language, commas, tmp_path):
    """The generator's papers (``generator``: running heads, page numbers and a table broken across pages
    in the flat layout; LuaLaTeX for the PDF): every table it prints is extracted as printed."""
    from generator import PaperSpec, expected, write_paper

    spec = PaperSpec("msme", language, layout, table_commas=commas)
    path, _ = write_paper(spec, tmp_path)
    truth, _ = expected(spec)
    document = read_document(path)
    extraction = extract(document)
    got = extraction.published["tables"]
    assert extraction.published["n"] == truth["n"]
    for table_id, table in truth["tables"].items():
        if table_id in ("hypotheses", "mediation_claims"):
            continue
        for key, value in table.items():
            if key == "blocks":
                def counts(blocks):
                    return [(b["total"], [(c["n"], c.get("percent")) for c in b["categories"].values()])
                            for b in blocks.values()]
                assert counts(got[table_id]["blocks"]) == counts(value)
            elif key != "printed_decimals":
                assert got[table_id][key] == value, (table_id, key)
    assert verify(document, extraction.published) == []


@pytest.mark.parametrize("sentence", ["The sample of {n} respondents was surveyed in 2025; 5 respondents per indicator "
                                      "were required.", "Sampel sebanyak {n} orang pemilik UMKM (n = {n})."])
def test_the_sample_size_from_the_method_section(estimates, sentence):
    e = estimates[0]
    tables = _tables(*estimates, False)
    text = "METHOD\n\n" + sentence.format(n=f"{e.n:,}") + "\n\n" + _text(tables, "tabs")
    document = parse_text(text, "n.md")
    extraction = extract(document)
    assert extraction.published["n"] == e.n
    assert extraction.provenance["n"]["line"] == 3 and verify(document, extraction.published) == []


@pytest.mark.parametrize("header", [["Hypothesis", "Path", "Std. Beta", "Std. Error", "t-value", "p-value", "Decision"],
                                    ["Hipotesis", "Jalur", "Koefisien", "Standar Deviasi", "T-hitung", "P-value",
                                     "Keputusan"]])
def test_a_hypothesis_table_with_beta_se_t_p(estimates, header):
    e = estimates[0]
    keys = ("original", "sd", "t", "p")
    rows = [[f"H{k + 1}", path] + [_f(r[c], False) + ("***" if c == "original" else "") for c in keys]
            + ["Supported"] for k, (path, r) in enumerate(e.paths.items())]  # with significance marks
    text = "\n".join(["RESULTS", "", "Table 6. Hypothesis testing", "\t".join(header)] + ["\t".join(r) for r in rows])
    extraction = extract(parse_text(text, "h.md"))
    assert extraction.published["tables"]["table6_path_coefficients"]["rows"] == {
        path: {c: float(_f(r[c], False)) for c in keys} for path, r in e.paths.items()}


def test_a_table_across_pages_with_running_heads_and_a_repeated_header(estimates):
    from plssem_pipeline.paper.document import PAGE_BREAK

    e = estimates[0]
    rows = [f"{i} {_f(v, False)}" for i, v in e.loadings.items()]
    head, foot = "Journal of Management Research, Vol. 5 No. 1", "Copyright (c) 2026 the authors"
    third = len(rows) // 3
    pages = [["RESULTS", "Table 2. Outer loadings", "Indicator Outer loadings", *rows[:third], foot, "1078"],
             [head, "Indicator Outer loadings", *rows[third:2 * third], foot, "1079"],
             [head, *rows[2 * third:], "Source: SmartPLS 4 output.", "", "The loadings exceed 0.70.", foot, "1080"],
             [head, "The end of the paper is here and it says nothing more about the tables."]]
    document = parse_text(PAGE_BREAK.join("\n".join(page) for page in pages), "pages.txt")
    extraction = extract(document)
    table = extraction.published["tables"]["table2_convergent_validity"]
    assert table["loadings"] == {i: float(_f(v, False)) for i, v in e.loadings.items()}
    assert [s for s in extraction.skipped if s[0] == "table"] == []


def test_flattened_matrices_with_construct_names_and_an_htmt_without_its_first_row(estimates):
    e = estimates[0]
    cs, names = e.constructs, [e.names[c].capitalize() for c in e.constructs]
    fl = [f"{names[i]} " + " ".join(_f(e.fornell_larcker.loc[a, b], False) for b in cs[:i + 1])
          for i, a in enumerate(cs)]
    htmt = [f"{a} " + " ".join(_f(e.htmt.loc[a, b], False) for b in cs[:i]) for i, a in enumerate(cs) if i]
    text = "\n".join(["RESULTS", "", "Table 4. Fornell-Larcker criterion", " ".join(names), *fl, "",
                      "Table 5. HTMT", " ".join(cs), *htmt, ""])
    got = extract(parse_text(text, "m.txt")).published["tables"]
    assert got["table4_fornell_larcker"]["fornell_larcker"] == {
        names[i]: {names[j]: float(_f(e.fornell_larcker.loc[a, b], False)) for j, b in enumerate(cs[:i + 1])}
        for i, a in enumerate(cs)}
    assert got["table5_htmt"]["htmt"] == {a: {b: float(_f(e.htmt.loc[a, b], False)) for b in cs[:i]}
                                          for i, a in enumerate(cs) if i}


@pytest.mark.parametrize("layout", ["tabs", "flat"])
def test_respondent_counts_with_percents_in_brackets(estimates, layout):
    """A respondent profile printed "n (%)", the percent 100·n/N from the estimates' n."""
    e = estimates[0]
    counts = {"Gender": [("Male", e.n // 3), ("Female", e.n - e.n // 3)]}
    sep = "\t" if layout == "tabs" else " "
    lines = ["RESULTS", "", "Table 1. Respondent profile", sep.join(["Characteristic", "n (%)"])]
    for block, cats in counts.items():
        lines.append(block)
        lines += [f"{k + 1}. {label}{sep}{n} ({100 * n / e.n:.1f}%)" for k, (label, n) in enumerate(cats)]
        lines.append(f"Total{sep}{e.n}")
    lines += ["", "Table 2. Outer loadings", "Indicator Outer loadings"] + [f"{i} {_f(v, False)}"
                                                                          for i, v in e.loadings.items()]
    document = parse_text("\n".join(lines), "r.txt")
    extraction = extract(document)
    block = extraction.published["tables"]["table1_respondents"]["blocks"]["gender"]
    assert block["total"] == e.n == extraction.published["n"]
    assert [(c["label"], c["n"], c["percent"]) for c in block["categories"].values()] == [
        (label, n, float(f"{100 * n / e.n:.1f}")) for label, n in counts["Gender"]]
    assert verify(document, extraction.published) == []
