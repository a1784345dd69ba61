"""Numbers and labels of the report (issue 12): counts as integers, one p-value convention, category labels
instead of raw identifiers, one caption per table number, sequential numbers without a published paper, and the
published-against-reproduced rows in the order of their table."""
import re

import pandas as pd
import pytest

from plssem_pipeline.audit.catalogue import AuditCatalogue
from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.numbering import number, ref
from plssem_pipeline.report.tables import Cell, Column, Row, Table, pvalue

from report_helpers import context_for, resolved_config

#: The p convention, written out independently of the formatter: three decimals, "< .001" below .001, no leading
#: zero in English; Indonesian keeps it, with the decimal comma.
P_TEXT = {"en": re.compile(r"^(< \.001|\.\d{3}|1\.000)$"), "id": re.compile(r"^(< 0,001|0,\d{3}|1,000)$")}


def _p_read(text: str) -> float | None:
    """The number a p text stands for (None for "< .001"), read back independently of the formatter."""
    if text.startswith("<"):
        return None
    text = text.replace(",", ".")
    return float("0" + text if text.startswith(".") else text)


def _check_name(check: str, language: str = "en") -> str:
    """A consistency check as the report names it (the audit's catalogue)."""
    return AuditCatalogue(language).strings.get(f"check_{check}", check)


def _all_tables(context) -> list:
    """Every table of the report, the comparison tables and the audit's and provenance's included."""
    out = []
    for section in context["sections"]:
        for block in section["blocks"]:
            if block["kind"] == "table":
                out += [block["table"]] + ([block["table"].comparison] if block["table"].comparison else [])
    return out


def _figures(context) -> list:
    return [b["figure"] for s in context["sections"] for b in s["blocks"] if b["kind"] == "figure"]


@pytest.mark.parametrize("language", ["en", "id"])
def test_every_p_value_follows_one_convention(study_run, language):
    context = context_for(study_run, audit="run", language=language)
    strings = STRINGS[language]
    p_columns = {strings[k] for k in ("c_p", "c_p_short", "c_p_loading", "c_p_one_tailed")} | {"P"}
    cells = []
    for table in _all_tables(context):
        columns = {k for k, c in enumerate(table.columns) if c.label in p_columns}
        for row in (r for r in table.rows if r.group is None):
            if table.id.startswith("comparison") and row.cells[1].text in p_columns | {"p"}:
                cells += [(table.id, row.cells[2]), (table.id, row.cells[3])]   # published and reproduced p
            cells += [(table.id, c) for k, c in enumerate(row.cells) if k in columns and c.value is not None]
            if table.id == "table-c1" and (row.cells[2].text.endswith(": p") or row.cells[0].text == _check_name(
                    "p_from_t", language)):
                cells += [(table.id, c) for c in row.cells[3:5] if c.value is not None]   # the audit's p values
    assert len(cells) >= 5 + 2 + 5 + 2 * 7 + 2 * 9   # Tables 5, 6, 7, the p rows of their comparisons, the audit's
    for table_id, cell in cells:
        assert P_TEXT[language].match(cell.text), (table_id, cell.text)
        shown = _p_read(cell.text)
        assert (shown is None) == (cell.value < 0.001), (table_id, cell.text, cell.value)
        assert shown is None or abs(shown - cell.value) <= 0.0005 + 1e-12, (table_id, cell.text, cell.value)


def test_pvalue_examples_agree_with_rounding():
    for value in (0.0, 0.00049, 0.000999, 0.001, 0.0368, 0.5, 0.9996, 1.0):
        for language in ("en", "id"):
            text = pvalue(value, language)
            assert P_TEXT[language].match(text), text
            shown = _p_read(text)
            assert (shown is None) == (value < 0.001)
            assert shown is None or shown == round(value, 3)
    assert pvalue(float("nan")) == "" and pvalue(None) == ""


def test_counts_are_integers_in_comparisons_and_audit(study_run):
    context = context_for(study_run, audit="run")
    audit = pd.read_csv(study_run / "results/audit/published_vs_reproduced.csv")
    counts = audit[audit["statistic"].isin(["n", "supported"])]
    assert len(counts) >= 20
    shown = {STRINGS["en"][k] for k in ("c_n", "c_supported_binary")}   # n and supported, as the report names them
    rows = [r for t in _all_tables(context) if t.id.startswith("comparison") for r in t.rows
            if r.cells[1].text in shown]
    assert len(rows) == len(counts)
    for row in rows:
        for cell in row.cells[2:6]:
            assert re.fullmatch(r"[+-]?\d+", cell.text), cell.text
            assert cell.value == int(cell.text)
    checks = pd.read_csv(study_run / "results/audit/consistency.csv")
    whole = checks[checks["check"].isin(["respondent_block_sum", "criterion_verdict", "claim_verdict"])]
    table = context["audit"]["consistency"]["table"]
    names = {_check_name(check) for check in whole["check"]}
    counted = [r for r in table.rows if r.cells[0].text in names]
    assert len(counted) == len(whole)
    for row in counted:
        for cell in row.cells[3:6]:
            assert cell.text == "" or re.fullmatch(r"-?\d+", cell.text), cell.text
    for table in (context["tables"][0], *context["tables"]):
        for row in table.rows:
            assert not any(re.fullmatch(r"\d+\.0+", c.text) and c.value is not None and c.value >= 100
                           for c in row.cells), [c.text for c in row.cells]


def test_rows_named_by_their_labels_not_identifiers(study_run):
    context = context_for(study_run, audit="run")
    respondents = pd.read_csv(study_run / "results/describe/respondents.csv", dtype={"code": str},
                              keep_default_na=False)
    table1 = next(t for t in context["tables"] if t.id == "table-1")
    expected = []
    for variable, block in respondents.groupby("variable", sort=False):
        label = block["label"].iloc[0]
        expected += [f"{label}: {category}" for category in block["category"]] + [f"{label}: Total"]
    names = [r.cells[0].text for r in table1.comparison.rows]
    assert names == expected
    every = [c.text for t in _all_tables(context) for r in t.rows if r.group is None for c in r.cells[:3]]
    assert not any(re.fullmatch(r"[a-z_]+ (= \d+|\(total\))", text) for text in every)
    assert not any(text in set(respondents["variable"]) for text in every)
    assert not any(re.search(r"\w\[\d+\]", text) or text in ("hypotheses", "mediation_claims") for text in every)
    claims = [r.cells[0].text for r in context["audit"]["other"].rows if r.cells[0].text.startswith("Mediation claim")]
    assert claims == ["Mediation claim 1 (KP -> IP -> KU)", "Mediation claim 2 (EC -> IP -> KU)"]
    # the audit's checks of Table 1 name each variable by its label
    blocks = [r.cells[2].text for r in context["audit"]["consistency"]["table"].rows
              if r.cells[0].text == _check_name("respondent_block_sum")]
    assert blocks == list(dict.fromkeys(respondents["label"]))


def test_comparison_rows_follow_their_table(study_run):
    context = context_for(study_run, audit="run")
    by_id = {t.id: t for t in context["tables"]}
    boot = pd.read_csv(study_run / "results/bootstrap/paths.csv")
    paths = [f"{s} -> {t}" for s, t in zip(boot["source"], boot["target"])]
    rows5 = [(r.cells[0].text, r.cells[1].text) for r in by_id["table-5"].comparison.rows]
    statistics = [c.label for c in by_id["table-5"].columns[1:6]]
    assert rows5 == [(path, statistic) for path in paths for statistic in statistics]
    loadings = pd.read_csv(study_run / "results/outer/loadings.csv")
    rows2 = [r.cells[0].text for r in by_id["table-2"].comparison.rows]
    indicators = [name for name in rows2 if name in set(loadings["indicator"])]
    assert indicators == loadings["indicator"].tolist()
    for table in context["tables"]:   # generally: each comparison row stands where its row stands in the table
        if table.comparison is None:
            continue
        names, group = [], None
        for row in table.rows:
            group = row.group if row.group is not None else group
            if row.group is None:
                names.append({row.cells[0].text, f"{group}: {row.cells[0].text}"})
        positions = [next((k for k, n in enumerate(names) if r.cells[0].text in n), None)
                     for r in table.comparison.rows]
        found = [p for p in positions if p is not None]
        assert found == sorted(found), table.id


def _numbers(context) -> list:
    return [(t.number, t.caption) for t in _all_tables(context) if t.number]


@pytest.mark.parametrize("published", [True, False])
def test_one_caption_per_table_number(study_run, published):
    config = resolved_config(study_run)
    if not published:
        config["published"] = None
    context = context_for(study_run, config=config, audit="run")
    numbered = _numbers(context)
    assert len({n for n, _ in numbered}) == len(numbered), numbered
    results = [t.number for t in context["tables"]]
    if published:
        assert results[:3] == ["1", "2", "3"] and "3a" in results
    else:   # no paper: 1, 2, 3, ... in order, no gaps, no letters
        assert results == [str(k) for k in range(1, len(results) + 1)]
    for table in context["tables"]:
        if table.comparison is not None:
            assert table.comparison.number == f"{table.number} (comparison)"
            assert table.comparison.caption == "Published against reproduced"
    assert [f.number for f in _figures(context)] == [str(k) for k in range(1, len(_figures(context)) + 1)]
    # a sentence naming another table names it by its displayed number; no [[id]] is left anywhere
    texts = [n for t in _all_tables(context) for n in t.notes] + [b["text"] for s in context["sections"]
                                                                    for b in s["blocks"] if b["kind"] == "text"]
    assert texts and not any("[[" in text for text in texts)
    by_id = {t.id: t.number for t in context["tables"]}
    table6 = next(t for t in context["tables"] if t.id == "table-6")
    assert any(f"Table {by_id['table-5']})" in note for note in table6.notes), table6.notes
    indonesian = context_for(study_run, config=config, audit="run", language="id")
    assert all(t.comparison.number.endswith(" (perbandingan)") for t in indonesian["tables"] if t.comparison)


def test_references_to_tables_take_their_displayed_number():
    def table(id_, number_, note=""):
        return Table(id_, number_, "c", [Column("x")], [Row([Cell("a")])], notes=[note] if note else [])

    for published, expected in ((True, "see Tables 3d and 7"), (False, "see Tables 2 and 3")):
        sections = [{"id": "s", "title": "S", "results": True, "data": None, "blocks": [
            {"kind": "table", "table": table("table-1", "1", f"see Tables {ref('table-3d')} and {ref('table-7')}")},
            {"kind": "table", "table": table("table-3d", "3d")}, {"kind": "table", "table": table("table-7", "7")},
            {"kind": "text", "text": f"as in Table {ref('table-7')}"}]}]
        out = number(sections, published=published, comparison="{number} (comparison)")
        assert out[0]["blocks"][0]["table"].notes == [expected]
        assert out[0]["blocks"][3]["text"] == "as in Table " + expected.split()[-1]
