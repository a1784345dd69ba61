"""The report's multi-group analysis (issue 15): the groups' bootstrap table, MICOM Steps 2-3 with the verdict's
consequences, the MGA tables and the workbook sheets, built from the shared groups run (SmartPLS's
corporate-reputation case, servicetype 2 Contract plan vs. 1 Prepaid plan).

Expected cells are read from the results files with :mod:`csv`; the invariance verdicts, the significance marks and
the sentences are decided here from the numbers, not from the columns the pipeline wrote for them. A study without
``groups`` (the default study) has no such section, methods paragraph or sheet.
"""
from __future__ import annotations

import csv
import json

import pytest
import yaml

from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.tables import fmt, pvalue

import groups_study
from group_report_helpers import PAIR, group_context
from report_helpers import csv_rows, resolved_config

LABELS = {"2": "Contract plan", "1": "Prepaid plan"}


def _section(groups_context, section_id):
    return next(s for s in groups_context["sections"] if s["id"] == section_id)


def _table(groups_context, table_id):
    return next(t for t in groups_context["tables"] if t.id == table_id)


def _datacsv_rows(table):
    return [r for r in table.rows if r.group is None]


def _true(text: str) -> bool:
    return text.strip().lower() == "true"


def _n(run, code) -> int:
    return json.loads((run / f"results/groups/{code}/summary.json").read_text())["details"]["n"]


def test_groups_bootstrap_table_per_group(groups_run, groups_context):
    table = _table(groups_context, "table-group-bootstrap")
    headings = [r.group for r in table.rows if r.group is not None]
    assert headings == [f"{LABELS[c]} (n = {_n(groups_run, c)})" for c in ("2", "1")]
    case = yaml.safe_load((groups_study.CASE / "case.yaml").read_text(encoding="utf-8"))["dataset"]["groups"]
    assert [_n(groups_run, c) for c in ("2", "1")] == [case[LABELS[c]]["n"] for c in ("2", "1")]
    rows = {r.keys[0]: r for r in _datacsv_rows(table)}
    for code in ("2", "1"):
        records = [r for r in csv_rows(groups_run / f"results/groups/{code}/bootstrap.csv") if r["family"] == "paths"]
        assert len(records) == 13
        for record in records:
            cells = [c.text for c in rows[f"{code} {record['statistic']}"].cells]
            expected = [record["statistic"], fmt(float(record["original"])), fmt(float(record["mean"])),
                        fmt(float(record["sd"])), fmt(abs(float(record["t"]))), pvalue(float(record["p"])),
                        fmt(float(record["ci_low"])), fmt(float(record["ci_high"]))]
            assert cells == expected


def test_groups_sentence_names_the_groups_and_those_without_one(groups_run, groups_context):
    text = next(b["text"] for b in _section(groups_context, "groups")["blocks"] if b["kind"] == "text")
    assert f"Contract plan (n = {_n(groups_run, '2')}); Prepaid plan (n = {_n(groups_run, '1')})" in text
    assert "Service type (config key groups.variable: servicetype)" in text
    without = sum(1 for r in csv_rows(groups_run / "results/clean/survey.csv") if not r["servicetype"].strip())
    assert json.loads((groups_run / f"results/mga/{PAIR}/summary.json").read_text())["details"]["without_group"] == without
    assert ("belong to no group" in text) == (without > 0)


def test_micom_step2_and_step3_with_verdicts_decided_from_the_numbers(groups_run, groups_context):
    records = csv_rows(groups_run / f"results/mga/{PAIR}/micom.csv")
    step2 = _datacsv_rows(_table(groups_context, f"table-micom2-{PAIR}"))
    step3 = _datacsv_rows(_table(groups_context, f"table-micom3-{PAIR}"))
    assert [r.keys[0] for r in step2] == [r.keys[0] for r in step3] == [r["construct"] for r in records]
    words = STRINGS["en"]
    for row2, row3, record in zip(step2, step3, records):
        c, q05 = float(record["c"]), float(record["c_q05"])
        d = len(row2.cells[1].text.split(".")[1])   # at least 4 (the rule: test_group_report_reading.py)
        assert d >= 4 and [x.text for x in row2.cells[1:5]] == [
            fmt(c, d), fmt(float(record["c_permutation_mean"]), d), fmt(q05, d), pvalue(float(record["c_p"]))]
        compositional = c >= q05
        assert row2.cells[5].text == words["answer_yes" if compositional else "answer_no"]
        inside = {}
        for k, kind in ((1, "mean"), (5, "variance")):
            value, low, high = (float(record[f"{kind}_{s}"]) for s in ("difference", "q025", "q975"))
            assert [x.text for x in row3.cells[k:k + 4]] == [fmt(value), fmt(low), fmt(high),
                                                             pvalue(float(record[f"{kind}_p"]))]
            inside[kind] = low <= value <= high
            assert (row3.cells[k].flag == "warn") == (not inside[kind])
        verdict = "none" if not compositional else "full" if all(inside.values()) else "partial"
        assert row3.cells[-1].text == words["invariance_" + verdict]
    assert float(next(r for r in step2 if r.keys[0] == "CUSA").cells[1].text) == 1.0   # single item: c = 1


def test_micom_paragraph_says_what_the_verdict_allows(groups_run, groups_context):
    records = csv_rows(groups_run / f"results/mga/{PAIR}/micom.csv")
    verdicts = {}
    for r in records:
        compositional = float(r["c"]) >= float(r["c_q05"])
        equal = all(float(r[f"{k}_q025"]) <= float(r[f"{k}_difference"]) <= float(r[f"{k}_q975"])
                    for k in ("mean", "variance"))
        verdicts[r["construct"]] = "none" if not compositional else "full" if equal else "partial"
    texts = [b["text"] for b in _section(groups_context, "groups")["blocks"] if b["kind"] == "text"]
    paragraph = next(t for t in texts if t.startswith(("Full measurement", "Partial measurement", "Compositional")))
    words, number = STRINGS["en"], _table(groups_context, f"table-mga-paths-{PAIR}").number
    for verdict in ("full", "partial", "none"):
        names = [c for c, v in verdicts.items() if v == verdict]
        if names:
            assert words["micom_" + verdict].format(constructs=", ".join(names)) in paragraph
    kind = "none" if "none" in verdicts.values() else "compare" if "partial" in verdicts.values() else "pool"
    assert f"Table {number}" in paragraph
    assert ("pooled into one sample (Henseler" in paragraph) == (kind == "pool")
    assert ("should not be pooled" in paragraph) == (kind != "pool")
    assert ("cannot be interpreted" in paragraph) == (kind == "none")
    assert any(t == words["micom_step1"].format(first="Contract plan", second="Prepaid plan",
                                                treatment="mean replacement") for t in texts)


@pytest.mark.parametrize("family", ["paths", "specific_indirect"])
def test_mga_table_every_test_side_by_side(groups_run, groups_context, family):
    records = [r for r in csv_rows(groups_run / f"results/mga/{PAIR}/mga.csv") if r["family"] == family]
    table = _table(groups_context, f"table-mga-{family}-{PAIR}")
    rows = _datacsv_rows(table)
    assert [r.cells[0].text for r in rows] == [r["statistic"] for r in records] and rows
    originals = {code: {r["statistic"]: r["original"] for r in csv_rows(groups_run / f"results/groups/{code}/bootstrap.csv")
                        if r["family"] == family} for code in ("2", "1")}
    alpha = resolved_config(groups_run)["bootstrap"]["alpha"]
    micom = {r["construct"]: float(r["c"]) >= float(r["c_q05"]) for r in csv_rows(groups_run / f"results/mga/{PAIR}/micom.csv")}
    for row, record in zip(rows, records):
        o1, o2 = float(originals["2"][record["statistic"]]), float(originals["1"][record["statistic"]])
        assert [c.text for c in row.cells[1:4]] == [fmt(o1), fmt(o2), fmt(o1 - o2)]   # the groups' own estimates
        columns = ("permutation_p", "bootstrap_mga_p_one_tailed", "bootstrap_mga_p", "parametric_p", "welch_p")
        for cell, column in zip(row.cells[4:], columns):
            p = float(record[column])      # bold: a two-tailed p below α; the one-tailed p never
            strong = p < alpha and column != "bootstrap_mga_p_one_tailed"
            assert cell.text == pvalue(p) and (cell.flag == "strong") == strong
        flagged = not all(micom[c.strip()] for c in record["statistic"].split("->"))
        assert (row.cells[0].flag == "warn") == flagged
    note = " ".join(table.notes)
    assert "A two-tailed p below α = 0.05 in bold. The 1-tailed p (never in bold) reads only against a directional " \
           "group hypothesis stated before the analysis: p below α supports Contract plan > Prepaid plan, p above " \
           "1 − α = 0.95 supports Prepaid plan > Contract plan" in note
    labels = [c.label for c in table.columns]
    assert labels[1:4] == ["Original (Contract plan)", "Original (Prepaid plan)", "Difference"]
    assert labels[4:] == ["Permutation p value", "Bootstrap MGA p value (1-tailed)", "Bootstrap MGA p value (2-tailed)",
                          "Parametric test p value", "Welch-Satterthwaite test p value"]


def test_mga_sentence_names_the_significant_paths_by_test(groups_run, groups_context):
    records = [r for r in csv_rows(groups_run / f"results/mga/{PAIR}/mga.csv") if r["family"] == "paths"]
    texts = [b["text"] for b in _section(groups_context, "groups")["blocks"] if b["kind"] == "text"]
    sentence = next(t for t in texts if t.startswith("At α = 0.05"))
    words = STRINGS["en"]
    for column, key in (("permutation_p", "c_mga_permutation_name"), ("bootstrap_mga_p", "c_mga_bootstrap_two_name"),
                        ("parametric_p", "c_mga_parametric_name"), ("welch_p", "c_mga_welch_name")):
        names = [r["statistic"] for r in records if float(r[column]) < 0.05]
        if names:
            assert f"{words[key]}: {', '.join(names)}" in sentence
        else:
            assert f"{words[key]}:" not in sentence
    assert ("by any of the two-tailed tests" in sentence) == (
        not any(float(r[c]) < 0.05 for r in records for c in ("permutation_p", "bootstrap_mga_p", "parametric_p",
                                                               "welch_p")))
    # the one-tailed Bootstrap MGA p is no finding without a directional group hypothesis: not in any sentence
    assert not any("supports" in t or "larger coefficient" in t for t in texts)


TWO_TAILED = ("permutation_p", "bootstrap_mga_p", "parametric_p", "welch_p")


@pytest.mark.parametrize("family, what", [("paths", "path coefficient"),
                                          ("specific_indirect", "specific indirect effect")])
def test_mga_sentence_marks_statistics_of_a_construct_without_compositional_invariance(groups_run, tmp_path,
                                                                                        family, what):
    """A construct of a significant difference made non-invariant in a copy of micom.csv: every statistic of it that
    the family's sentence (under its table) names is marked as not interpretable, and no other."""
    records = [r for r in csv_rows(groups_run / f"results/mga/{PAIR}/mga.csv") if r["family"] == family]
    named = [r["statistic"] for r in records if any(float(r[c]) < 0.05 for c in TWO_TAILED)]
    assert named                                         # the case has a significant difference to mark
    lacking = named[0].split(" -> ")[0]
    micom = csv_rows(groups_run / f"results/mga/{PAIR}/micom.csv")
    for record in micom:
        record["invariance"] = "none" if record["construct"] == lacking else record["invariance"]
    path = tmp_path / "micom.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(micom[0]))
        writer.writeheader()
        writer.writerows(micom)
    groups_context = group_context(groups_run, files={f"micom:{PAIR}": str(path)})
    texts = [b["text"] for b in _section(groups_context, "groups")["blocks"] if b["kind"] == "text"]
    (sentence,) = [t for t in texts if t.startswith("At α = 0.05") and what in t]
    for name in named:                                   # an item of a test's list starts after ": " or ", "
        marked = STRINGS["en"]["mga_not_interpretable"].format(path=name)
        assert any(f"{d}{marked}" in sentence for d in (": ", ", ")) == (lacking in name.split(" -> ")), name
        assert name in sentence
    assert sentence.endswith(STRINGS["en"]["mga_not_interpretable_why"].format(constructs=lacking))


def test_html_and_pdf_show_the_section(groups_run):
    html = (groups_run / "report/results.html").read_text(encoding="utf-8")
    assert STRINGS["en"]["sec_groups"] in html and f'id="table-mga-paths-{PAIR}"' in html
    for record in csv_rows(groups_run / f"results/mga/{PAIR}/mga.csv"):
        if record["family"] == "paths":
            assert record["statistic"].replace(">", "&gt;") in html and fmt(float(record["difference"])) in html
    from report_helpers import pdftotext

    text = pdftotext(groups_run / "report/results.pdf")
    assert all(STRINGS["en"][key].format(first="Contract plan", second="Prepaid plan") in text
               for key in ("t_micom2", "t_mga_paths", "t_mga_indirect"))


def test_methods_sentence_gives_permutations_and_seed(groups_run, groups_context):
    summary = json.loads((groups_run / f"results/mga/{PAIR}/summary.json").read_text())["details"]
    methods = " ".join(groups_context["methods"])
    assert f"{summary['permutations']:,} permutations of the group membership (random seed {summary['seed']})" in methods
    assert "Contract plan − Prepaid plan" in methods and "Bootstrap MGA (Henseler et al. 2009)" in methods


def test_group_labels_in_the_report_language(groups_run):
    """Labels given per language in config respondents.<variable>.categories name the groups in that language."""
    config = resolved_config(groups_run)
    config["respondents"]["servicetype"]["categories"] = {1: {"en": "Prepaid plan", "id": "Prabayar"},
                                                          2: {"en": "Contract plan", "id": "Pascabayar"}}
    groups_context = group_context(groups_run, "id", config)
    section = _section(groups_context, "groups")
    assert section["title"] == STRINGS["id"]["sec_groups"]
    assert STRINGS["id"]["sec_mga"].format(first="Pascabayar", second="Prabayar") in [
        b["text"] for b in section["blocks"] if b["kind"] == "heading"]
    table = _table(groups_context, f"table-mga-paths-{PAIR}")
    assert [c.label for c in table.columns][1:3] == ["Asli (Pascabayar)", "Asli (Prabayar)"]
    record = next(r for r in csv_rows(groups_run / f"results/mga/{PAIR}/mga.csv") if r["family"] == "paths")
    assert _datacsv_rows(table)[0].cells[3].text == fmt(float(record["difference"])).replace(".", ",")


def test_workbook_sheets_equal_the_csvs(groups_run):
    import openpyxl

    book = openpyxl.load_workbook(groups_run / "report/results.xlsx", read_only=True)
    assert {"MICOM", "MGA", "Bootstrap MGA - groups", "IPMA", "IPMA - indicators"} <= set(book.sheetnames)
    mga = list(book["MGA"].values)
    records = csv_rows(groups_run / f"results/mga/{PAIR}/mga.csv")
    assert list(mga[0]) == list(records[0]) and len(mga) == len(records) + 1
    header = list(mga[0])
    for values, record in zip(mga[1:], records):
        for name in ("original_1", "difference", "permutation_p", "bootstrap_mga_p", "welch_df", "welch_p"):
            assert values[header.index(name)] == (float(record[name]) if record[name] else None)   # full precision
    micom = list(book["MICOM"].values)
    assert list(micom[0][:3]) == ["group_1", "group_2", "construct"]
    assert {(str(row[0]), str(row[1])) for row in micom[1:]} == {("2", "1")}
    groups = list(book["Bootstrap MGA - groups"].values)
    assert groups[0][0] == "group" and [str(r[0]) for r in groups[1:]].count("1") == len(
        csv_rows(groups_run / "results/groups/1/bootstrap.csv"))


def test_no_section_methods_paragraph_or_sheet_without_groups(study_run):
    """The default study configures neither groups nor ipma: its report is the report of before issue 15."""
    from report_helpers import context_for
    import openpyxl

    groups_context = context_for(study_run)
    assert not {"groups", "ipma"} & {s["id"] for s in groups_context["sections"]}
    assert len(groups_context["methods"]) == 4
    html = (study_run / "report/results.html").read_text(encoding="utf-8")
    assert STRINGS["en"]["sec_groups"] not in html and STRINGS["en"]["sec_ipma"] not in html
    names = set(openpyxl.load_workbook(study_run / "report/results.xlsx", read_only=True).sheetnames)
    assert not {"MICOM", "MGA", "Bootstrap MGA - groups", "IPMA", "IPMA - indicators"} & names
    assert not (study_run / "report/figures/ipma.png").exists()
