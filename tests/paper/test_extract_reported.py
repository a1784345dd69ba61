"""The table extractor on the layouts a reviewer's trial found misread (issue 16, reviewer's findings 2-4, 8-10).

Every number is a ``plssem`` estimate of a simulated survey (``generator_model``, as in
``test_extract_layouts``), printed with 3 decimals; the expected extraction is that printed text read back.
"""
from __future__ import annotations

import pytest

from paper_pdf import latex_escape, pdf_from_latex
from plssem_pipeline.paper.document import parse_text, read_document
from plssem_pipeline.paper.extract import extract
from plssem_pipeline.paper.provenance import verify
from test_extract_layouts import RELIABILITY_HEADER, _estimates, _f

RELIABILITY = ("cronbach_alpha", "rho_a", "rho_c", "ave")
PARAGRAPH = ("Discriminant validity was examined with the Fornell-Larcker criterion (Table 4) and the heterotrait-"
             "monotrait ratio (Table 5), and all HTMT values are below 0.85 as the rule of Henseler (2015) asks.")


@pytest.fixture(scope="module")
def estimates():
    return _estimates()


def _reliability(e, keys=RELIABILITY, comma=False):
    rows = [[c] + [_f(e.reliability.loc[c, k], comma) for k in keys] for c in e.constructs]
    expected = {k: {c: float(_f(e.reliability.loc[c, k], False)) for c in e.constructs} for k in keys}
    return rows, expected


def _only(table: dict, expected: dict) -> None:
    """The table holds exactly the expected statistics (no row read from the paragraph after it)."""
    assert {k: table[k] for k in expected} == expected
    assert set(table) - set(expected) <= {"caption", "location", "columns_printed", "printed_decimals"}, table


def test_a_pdf_gluing_smartpls_reliability_headers_keeps_every_column(estimates, tmp_path):
    """Header cells in a small font come out of the text layer without spaces ("Compositereliability(rho_a)");
    the columns keep their order and the wrapped paragraph after the table is no row."""
    e = estimates[0]
    rows, expected = _reliability(e)
    header = " & ".join([""] + [r"{\tiny " + latex_escape(h) + "}" for h in RELIABILITY_HEADER])
    body = ("\\noindent Table 3. Construct reliability and validity\\par\n\\begin{tabular}{lrrrr}\n" + header + r"\\"
            + "\n" + "\n".join(" & ".join(r) + r"\\" for r in rows) + "\n\\end{tabular}\\par\n" + PARAGRAPH + "\n")
    document = read_document(pdf_from_latex(body, tmp_path))
    extraction = extract(document)
    _only(extraction.published["tables"]["table3_reliability"], expected)
    assert verify(document, extraction.published) == []


@pytest.mark.parametrize("layout", ["flat", "aligned"])
def test_glued_headers_and_a_paragraph_after_the_table(estimates, layout):
    """The same as text: a flattened line with each header glued, or aligned columns and, after a blank
    line, a paragraph whose lines hold numbers ("(Table 4)", "0.85")."""
    e = estimates[0]
    rows, expected = _reliability(e)
    if layout == "flat":
        lines = [" ".join("".join(h.split()) for h in RELIABILITY_HEADER)] + [" ".join(r) for r in rows]
    else:
        lines = ["    ".join(["Construct"] + RELIABILITY_HEADER)] + ["    ".join(r) for r in rows]
    words = PARAGRAPH.split()
    paragraph = [" ".join(words[k:k + 14]) for k in range(0, len(words), 14)]
    text = "\n".join(["RESULTS", "", "Table 3. Construct reliability and validity", *lines, "", *paragraph])
    _only(extract(parse_text(text, "r.txt")).published["tables"]["table3_reliability"], expected)


def test_aligned_columns_alpha_before_rho_a(estimates):
    """Space-aligned "Cronbach's Alpha    rho_A    Composite Reliability    AVE" (decimal commas): α is the
    first column, not the ρ_A whose pattern also matched the spaces before it."""
    e = estimates[0]
    keys = ("cronbach_alpha", "rho_a", "rho_c", "ave")
    rows, expected = _reliability(e, keys, comma=True)
    header = ["Variabel", "Cronbach's Alpha", "rho_A", "Composite Reliability", "AVE"]
    width = [max(len(r[k]) for r in [header] + rows) for k in range(len(header))]
    lines = ["    ".join(c.ljust(w) for c, w in zip(r, width)).rstrip() for r in [header] + rows]
    text = "\n".join(["HASIL", "", "Tabel 3. Reliabilitas dan Validitas Konstruk", *lines])
    table = extract(parse_text(text, "id.txt")).published["tables"]["table3_reliability"]
    expected["composite_reliability"] = expected.pop("rho_c")
    _only(table, expected)


@pytest.mark.parametrize("layout", ["pipes", "aligned", "tabs"])
def test_respondent_blocks_named_in_the_first_column(estimates, layout):
    """"Karakteristik | Kategori | Jumlah | Persentase (%)": the block is named on its first category's row,
    the next rows leave the first cell empty; counts and percents from the estimates' n."""
    n = estimates[0].n
    blocks = {"Jenis Kelamin": [("Laki-laki", n // 3), ("Perempuan", n - n // 3)],
              "Usia": [("< 30 tahun", n // 4), ("30-45 tahun", n // 2), ("> 45 tahun", n - n // 4 - n // 2)]}
    rows = [["Karakteristik", "Kategori", "Jumlah", "Persentase (%)"]]
    for block, cats in blocks.items():
        rows += [[block if k == 0 else "", label, str(c), f"{100 * c / n:.1f}".replace(".", ",")]
                 for k, (label, c) in enumerate(cats)]
        rows.append(["", "Total", str(n), "100,0"])
    if layout == "pipes":
        lines = ["| " + " | ".join(r) + " |" for r in rows[:1] + [["---"] * 4] + rows[1:]]
    elif layout == "tabs":
        lines = ["\t".join(r) for r in rows]
    else:
        width = [max(len(r[k]) for r in rows) for k in range(4)]
        lines = ["    ".join(c.ljust(w) for c, w in zip(r, width)).rstrip() for r in rows]
    text = "\n".join(["HASIL", "", "Tabel 1. Karakteristik Responden", *lines, "", "Tabel 2. Outer Loading",
                      "Indikator\tOuter Loading", *[f"{i}\t{_f(v, True)}" for i, v in estimates[0].loadings.items()]])
    document = parse_text(text, "r.md")
    extraction = extract(document)
    table = extraction.published["tables"]["table1_respondents"]
    assert table["header"] == rows[0]
    assert {b["label"]: [(c["label"], c["n"], c["percent"]) for c in b["categories"].values()]
            for b in table["blocks"].values()} == {
        block: [(label, c, float(f"{100 * c / n:.1f}")) for label, c in cats] for block, cats in blocks.items()}
    assert [b["total"] for b in table["blocks"].values()] == [n, n] and extraction.published["n"] == n
    assert verify(document, extraction.published) == []


def _loadings_and_paths(e, title: str, lines: list[str], name: str):
    """A results section of a loadings table (``title``, ``lines``) and SmartPLS's path table of ``e``: the
    parsed document and its extraction."""
    paths = [[p] + [_f(r[k], False) for k in ("original", "mean", "sd", "t", "p")] for p, r in e.paths.items()]
    text = "\n".join(["RESULTS", "", title, *lines, "", "Table 3. Path coefficients",
                      "\t".join(["", "Original sample (O)", "Sample mean (M)", "Standard deviation (STDEV)",
                                 "T statistics (|O/STDEV|)", "P values"]), *["\t".join(r) for r in paths]])
    document = parse_text(text, name)
    return document, extract(document)


@pytest.mark.parametrize("layout", ["pipes", "tabs", "flat"])
def test_smartpls_outer_loadings_matrix(estimates, layout):
    """SmartPLS 4's "Outer loadings - Matrix": indicators down, constructs across, one loading a row. With cells,
    indicators numbered as in a questionnaire (Q1, Q2, ...) get their column's construct in the model; a
    flattened matrix (no columns left) keeps the loadings and the indicators' prefixes."""
    from plssem_pipeline.paper.model import infer_model

    e = estimates[0]
    cs = e.constructs
    own = {i: next(c for c in cs if i.startswith(c)) for i in e.loadings}
    name = {i: (f"Q{k + 1}" if layout != "flat" else i) for k, i in enumerate(e.loadings)}
    rows = [[name[i]] + [_f(v, False) if own[i] == c else "" for c in cs] for i, v in e.loadings.items()]
    header = [""] + cs
    if layout == "pipes":
        lines = ["| " + " | ".join(r) + " |" for r in [header, ["---"] * len(header)] + rows]
    elif layout == "tabs":
        lines = ["\t".join(r) for r in [header] + rows]
    else:
        lines = [" ".join(c for c in r if c) for r in [header] + rows]
    document, extraction = _loadings_and_paths(e, "Table 2. Outer loadings - Matrix", lines, "m.md")
    table = extraction.published["tables"]["table2_convergent_validity"]
    assert table["loadings"] == {name[i]: float(_f(v, False)) for i, v in e.loadings.items()}
    assert table.get("indicator_constructs", {}) == ({} if layout == "flat" else {name[i]: own[i] for i in own})
    model = infer_model(extraction.published)
    assert {c.name: list(c.indicators) for c in model.constructs} == {
        c: [name[i] for i in e.loadings if own[i] == c] for c in cs}
    assert [" -> ".join(p) for p in model.paths] == list(e.paths)
    assert verify(document, extraction.published) == []


def _claim_rows(document):
    from plssem_pipeline.paper import audit_paper

    return {c.item: c.verdict for c in audit_paper(document).findings if c.check == "claim_verdict"}


@pytest.mark.parametrize("words", [("Supported", "Rejected"), ("Diterima", "Ditolak")])
def test_a_decision_column_becomes_claims_checked_against_p(estimates, words):
    """Each row's printed verdict is a claim of the table; the verdict the row's p gives passes, the other
    (planted on one row) fails, on that row only."""
    e = estimates[0]
    planted = list(e.paths)[1]
    rows = []
    for k, (path, r) in enumerate(e.paths.items()):
        right = words[0] if float(_f(r["p"], False)) < 0.05 else words[1]
        wrong = words[1] if right == words[0] else words[0]
        rows.append([f"H{k + 1}", path] + [_f(r[c], False) for c in ("original", "sd", "t", "p")]
                    + [wrong if path == planted else right])
    header = ["Hypothesis", "Path", "Original sample (O)", "Standard deviation (STDEV)", "T statistics", "P values",
              "Decision"]
    text = "\n".join(["RESULTS", "", "Table 2. Outer loadings", "Indicator\tOuter loadings",
                      *[f"{i}\t{_f(v, False)}" for i, v in e.loadings.items()], "",
                      "Table 3. Hypothesis testing", "\t".join(header), *["\t".join(r) for r in rows]])
    document = parse_text(text, "d.md")
    table = extract(document).published["tables"]["table3_path_coefficients"]
    assert {r[0]: (table[r[0]]["path"], table[r[0]]["verdict_printed"]) for r in rows} == {
        r[0]: (r[1], r[-1]) for r in rows}
    got = _claim_rows(document)
    assert got == {f"{r[0]} ({r[1]})": "fail" if r[1] == planted else "pass" for r in rows}


def test_a_decision_column_repeating_the_prose_adds_no_claim(tmp_path):
    """The generator's paper (hypotheses and mediation verdicts in its prose) with a Decision column added to its
    path table: the verdicts the prose gives are not repeated; a row printing another verdict is a claim."""
    from generator import PaperSpec, write_paper

    path, _ = write_paper(PaperSpec("msme", "en", "markdown"), tmp_path)
    text = path.read_text(encoding="utf-8")
    prose = extract(parse_text(text, "g.md")).published["tables"]
    verdict = {h["path"]: h["verdict_published"] for h in prose["hypotheses"].values()}
    word = {"supported": "Supported", "rejected": "Rejected"}
    flipped = next(iter(verdict))
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("Path\tOriginal sample (O)"))
    lines[header] += "\tDecision"
    k = header + 1
    while lines[k].strip():
        row_path = lines[k].split("\t")[0]
        v = verdict[row_path] if row_path != flipped else ({"supported", "rejected"} - {verdict[row_path]}).pop()
        lines[k] += "\t" + word[v]
        k += 1
    tables = extract(parse_text("\n".join(lines), "g.md")).published["tables"]
    assert tables["hypotheses"] == prose["hypotheses"] and tables["mediation_claims"] == prose["mediation_claims"]
    path_table = next(t for t in tables.values() if isinstance(t, dict) and "decisions" in t)
    claims = {k: v for k, v in path_table.items() if isinstance(v, dict) and "verdict_published" in v}
    assert [c["path"] for c in claims.values()] == [flipped]
    assert claims[flipped]["verdict_published"] != verdict[flipped]


def test_a_flattened_matrix_ends_at_a_numbered_heading_or_a_sentence_ending_in_a_number(estimates):
    """A PDF's HTMT lower triangle (the first construct's row empty), then "4.2 Structural model" or straight a
    paragraph line whose only number closes a sentence: neither is a row."""
    e = estimates[0]
    cs = e.constructs
    rows = [" ".join([a] + [_f(e.htmt.loc[a, b], False) for b in cs[:i]]) for i, a in enumerate(cs)]
    expected = {a: {b: float(_f(e.htmt.loc[a, b], False)) for b in cs[:i]} for i, a in enumerate(cs) if i}
    sentence = f"Collinearity among the predictor constructs is not a concern: all inner VIF values are below {len(cs)}"
    for after in (["4.2 Structural model", sentence], [sentence, "and the outer VIF values are lower still."]):
        text = "\n".join(["RESULTS", "", "Table 5. Heterotrait-monotrait ratio (HTMT) - Matrix", " ".join(cs), *rows,
                          *after])
        _only(extract(parse_text(text, "h.txt")).published["tables"]["table5_htmt"], {"htmt": expected})


def test_a_proportion_printed_as_a_percent_traces_to_its_span():
    """verify(): a leaf 0.05 whose span is the "5" of "5 %" / "5%" reads back; the same span without "%",
    or another value, does not."""
    from plssem_pipeline.paper.numbers import numbers_in
    from plssem_pipeline.paper.provenance import span

    alpha = 0.05
    for sign in ("%", " %", ""):
        text = f"two-tailed test at the {100 * alpha:g}{sign} significance level"
        document = parse_text(text, "a.md")
        number = numbers_in(text)[0]
        for value in (alpha, 2 * alpha):
            published = {"prose": {"alpha": {"value": value}}, "provenance": {"prose.alpha.value": span(document, number)}}
            assert (verify(document, published) == []) == (value == alpha and sign != ""), (sign, value)


@pytest.mark.parametrize("layout", ["pipes", "aligned", "tabs"])
@pytest.mark.parametrize("naming", ["questionnaire", "full_names"])
def test_loadings_listed_with_their_construct(estimates, layout, naming):
    """"Construct | Indicator | Outer loading": the construct cell gives an indicator numbered as in a
    questionnaire (Q1, Q2, ...) its construct; a construct cell naming it in full ("Customer engagement",
    which no other table uses) is not taken, the indicator's prefix is."""
    from plssem_pipeline.paper.model import infer_model

    e = estimates[0]
    cs = e.constructs
    own = {i: next(c for c in cs if i.startswith(c)) for i in e.loadings}
    if naming == "questionnaire":
        name, label = {i: f"Q{k + 1}" for k, i in enumerate(e.loadings)}, {c: c for c in cs}
    else:
        name, label = {i: i for i in e.loadings}, {c: e.names[c].capitalize() for c in cs}
    rows = [["Construct", "Indicator", "Outer loading"]] + [[label[own[i]], name[i], _f(v, False)]
                                                            for i, v in e.loadings.items()]
    if layout == "pipes":
        lines = ["| " + " | ".join(r) + " |" for r in rows[:1] + [["---"] * 3] + rows[1:]]
    elif layout == "tabs":
        lines = ["\t".join(r) for r in rows]
    else:
        width = [max(len(r[k]) for r in rows) for k in range(3)]
        lines = ["    ".join(c.ljust(w) for c, w in zip(r, width)).rstrip() for r in rows]
    document, extraction = _loadings_and_paths(e, "Table 2. Outer loadings", lines, "l.md")
    table = extraction.published["tables"]["table2_convergent_validity"]
    assert table["loadings"] == {name[i]: float(_f(v, False)) for i, v in e.loadings.items()}
    assert table["indicator_constructs"] == {name[i]: label[own[i]] for i in own}
    model = infer_model(extraction.published)
    assert {c.name: list(c.indicators) for c in model.constructs} == {
        c: [name[i] for i in e.loadings if own[i] == c] for c in cs}
    assert verify(document, extraction.published) == []
