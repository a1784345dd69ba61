"""The paper reader (plssem_pipeline.paper.document) and the number reader (plssem_pipeline.paper.numbers)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paper_pdf import pdf_from_latex
from plssem_pipeline.errors import UserError
from plssem_pipeline.paper.document import PAGE_BREAK, parse_text, read_document
from plssem_pipeline.paper.numbers import numbers_in, parse_number


# ----------------------------------------------------------------------------- numbers
@given(st.floats(-50, 50, allow_nan=False), st.integers(1, 4), st.sampled_from([".", ","]),
       st.sampled_from([" ", "\t", "(", "= "]), st.sampled_from(["", " ", "%", ")", ";"]))
def test_a_formatted_number_reads_back_with_its_span(x, decimals, separator, before, after):
    printed = f"{x:.{decimals}f}".replace(".", separator)
    text = f"EC3{before}{printed}{after} KP2"
    found = numbers_in(text, offset=7)
    assert len(found) == 1
    n = found[0]
    assert text[n.start - 7:n.end - 7] == n.text == printed
    assert n.value == float(f"{x:.{decimals}f}")
    assert n.decimals == decimals
    assert n.percent == (after == "%")
    assert n.sign == ("-" if printed.startswith("-") else "")


@given(st.integers(1000, 10**7), st.sampled_from([".", ","]))
def test_thousands_groups_give_the_count(count, separator):
    printed = f"{count:,}".replace(",", separator)
    (n,) = numbers_in(printed)
    assert n.count == count
    if printed.count(separator) == 1:  # "81.600": also the decimal 81.6
        assert n.value == float(printed.replace(separator, "."))
        assert n.decimals == 3
    else:
        assert n.value == count and n.decimals is None


def test_names_ranges_and_identifiers_are_not_numbers_or_signs():
    text = "EC1 H3 v5i1.5593 1-3 tahun 5–10 kali"
    assert [(n.text, n.sign) for n in numbers_in(text)] == [("1", ""), ("3", ""), ("5", ""), ("10", "")]
    assert numbers_in("(−0.12)")[0].value == -float("0.12")
    assert parse_number("0,589") == (float("0.589"), 3, None)
    with pytest.raises(ValueError):
        parse_number("1.2.3")


# ----------------------------------------------------------------------------- text documents
MARKDOWN = """# RESULTS

**Reliability**

Table 3. Reliability
EC\t0.916
**Mediation Test**
x
## Discussion
the results are significant and the model is supported
"""


def test_lines_keep_offsets_sections_and_language():
    doc = parse_text(MARKDOWN, "m.md")
    for line in doc.lines:
        assert doc.text[line.start:line.end] == line.text
    by_text = {line.text: line for line in doc.lines}
    assert by_text["EC\t0.916"].section == "RESULTS > Reliability"
    assert by_text["x"].section == "RESULTS > Mediation Test"       # a bold heading is a sibling, not nested
    assert by_text["Table 3. Reliability"].section == "RESULTS > Reliability"  # a caption is no heading
    assert by_text["the results are significant and the model is supported"].section == "RESULTS > Discussion"
    start = MARKDOWN.index("0.916")
    assert doc.line_at(start).text == "EC\t0.916"
    assert doc.where(start) == f"RESULTS > Reliability, line {by_text['EC	0.916'].number}"
    assert doc.language == "en"
    assert parse_text("Hasil ini menunjukkan bahwa pengaruh yang ada pada model adalah signifikan").language == "id"


def test_a_header_row_of_abbreviations_is_no_heading():
    doc = parse_text("RESULTS\nTable 4. Fornell-Larcker criterion\nKL KPL LP\nKL 0.9\nDISCUSSION\nx")
    assert [line.section for line in doc.lines] == ["RESULTS"] * 4 + ["DISCUSSION"] * 2


def test_form_feeds_give_pages():
    doc = parse_text(PAGE_BREAK.join(["first page", "HASIL\nsecond page"]))
    assert [line.page for line in doc.lines] == [1, 2, 2, 2]
    assert doc.where(doc.text.index("second")) == "p. 2, line 4"


def test_utf8_with_bom_and_crlf(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes("\ufeffRESULTS\r\nnilai 0,589\r\n".encode("utf-8"))
    doc = read_document(path)
    assert doc.lines[1].text == "nilai 0,589" and doc.lines[1].section == "RESULTS"


# ----------------------------------------------------------------------------- PDF
def test_a_pdf_text_layer_with_pages(tmp_path):
    pdf = pdf_from_latex(r"\section*{RESULTS} Loadings of EC1 0,818.\newpage Table 5. Path coefficients EC -- IP 0.589",
                         tmp_path)
    doc = read_document(pdf)
    loading = doc.text.index("0,818")
    path = doc.text.index("0.589")
    assert doc.line_at(loading).page == 1 and doc.line_at(path).page == 2
    assert [n.value for n in numbers_in(doc.text) if n.decimals == 3] == [float("0.818"), float("0.589")]
    assert doc.where(path).startswith("p. 2, line ")


# ----------------------------------------------------------------------------- bad input
def test_bad_input_names_the_file_and_what_was_expected(tmp_path):
    missing = tmp_path / "missing.md"
    with pytest.raises(UserError, match=r"missing\.md.*no such file.*\.md.*\.pdf"):
        read_document(missing)
    latin = tmp_path / "latin.md"
    latin.write_bytes("Keterangan: rata\u2010rata ".encode("utf-8") + "café".encode("latin-1"))
    with pytest.raises(UserError, match=r"latin\.md.*not UTF-8 text.*expected the paper saved as UTF-8"):
        read_document(latin)
    odd = tmp_path / "paper.docx"
    odd.write_bytes(b"PK\x03\x04")
    with pytest.raises(UserError, match=r"paper\.docx.*'\.docx'.*expected"):
        read_document(odd)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really\n")
    with pytest.raises(UserError, match=r"broken\.pdf.*not a readable PDF"):
        read_document(broken)


def test_a_pdf_without_text_layer(tmp_path):
    pdf = pdf_from_latex(r"\rule{5cm}{3cm}", tmp_path, "scan")
    with pytest.raises(UserError, match=r"scan\.pdf.*no text layer \(scanned\?\)"):
        read_document(pdf)
