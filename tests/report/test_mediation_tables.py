"""The report's mediation reporting on the default study: Table 6 (type decided by the interval, VAF with its own
reading), Tables 6a-6b (total and total indirect effects) and the paper's mediation claims in Table 7, in
English and Indonesian; and a crafted row where the p value and the interval disagree."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from plssem.inference import summarize
from plssem_pipeline import io
from plssem_pipeline.analysis.hypotheses import read_hypotheses
from plssem_pipeline.analysis.mediation import mediation_table
from plssem_pipeline.report import render_html, render_latex
from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.context import fmt

from report_helpers import TEMPLATES, context_for, resolved_config


def _tables(context) -> dict:
    return {t.number: t for t in context["tables"]}


@pytest.fixture(scope="module", params=["en", "id"])
def language(request):
    return request.param


@pytest.fixture(scope="module")
def context(study_run, language):
    return context_for(study_run, audit=None, language=language)


def test_total_effect_tables_follow_table_6_in_path_order(study_run, context, language):
    strings = STRINGS[language]
    numbered = _tables(context)
    order = list(numbered)
    assert order.index("6") < order.index("6a") < order.index("6b") < order.index("7")
    paths = pd.read_csv(study_run / "results/bootstrap/paths.csv")
    path_order = [f"{s} -> {t}" for s, t in zip(paths["source"], paths["target"])]
    for number, name in (("6a", "total_effects"), ("6b", "total_indirect")):
        table = numbered[number]
        assert table.caption == strings["t" + number]
        assert [c.label for c in table.columns] == [c.label for c in numbered["5"].columns]   # SmartPLS layout
        frame = pd.read_csv(study_run / f"results/bootstrap/{name}.csv")
        records = {f"{r['source']} -> {r['target']}": r for r in frame.to_dict("records")}
        shown = [row.cells[0].text for row in table.rows]
        assert sorted(shown) == sorted(records) and len(shown) > 0
        ranks = [path_order.index(p) if p in path_order else len(path_order) for p in shown]
        assert ranks == sorted(ranks)                                           # the model's path order
        for row in table.rows:
            r = records[row.cells[0].text]
            expected = [r["original"], r["mean"], r["sd"], abs(r["t"]), r["p"], r["ci_low"], r["ci_high"]]
            assert [c.value for c in row.cells[1:]] == pytest.approx(expected, rel=0, abs=0)
            if language == "en":                                    # Indonesian writes decimal commas
                assert row.cells[1].text == fmt(r["original"]) and row.cells[7].text == fmt(r["ci_high"])
    html, tex = render_html(context, TEMPLATES), render_latex(context, TEMPLATES)
    word = "Table" if language == "en" else "Tabel"
    for number in ("6a", "6b"):
        assert f"{word} {number}." in html and strings["t" + number] in html
        assert strings["t" + number] in tex
    assert strings["sec_total_effects"] in html


def test_table_6_states_the_interval_rule_and_reads_the_vaf_apart(study_run, context, language):
    strings = STRINGS[language]
    table = _tables(context)["6"]
    labels = [c.label for c in table.columns]
    assert labels[-3:] == [strings["c_mediation_type"], strings["c_vaf"], strings["c_vaf_reading"]]
    assert resolved_config(study_run)["mediation"]["significance"] == "confidence_interval"
    assert strings["med_rule_confidence_interval"] in table.notes[0]
    mediation = pd.read_csv(study_run / "results/mediation/indirect.csv", keep_default_na=False).set_index("path")
    for row in table.rows:
        record = mediation.loc[row.cells[0].text]
        kind, vaf, reading = (c.text for c in row.cells[-3:])
        assert kind == strings["med_" + record["mediation_type"]]
        assert row.cells[-2].value == pytest.approx(float(record["vaf"]), rel=0, abs=0) if record["vaf"] != "" \
            else vaf == "—"
        if language == "en" and record["vaf"] != "":
            assert vaf == fmt(float(record["vaf"]))
        note = record["vaf_note"]
        if note in ("undefined", "not_significant", "no_direct_path"):
            assert reading == strings["vaf_" + note]
        else:
            assert reading.startswith(strings["vaf_" + record["vaf_mediation"]])
            assert reading.endswith("‡") == (note == "differs")
    differs = (mediation["vaf_note"] == "differs").any()
    assert any(n.startswith("‡") for n in table.notes) == differs


def test_table_7_lists_the_papers_mediation_claims(study_run, context, language):
    strings = STRINGS[language]
    published = yaml.safe_load((study_run / "data/published/nafia-komaryatin-2026.yaml").read_text(encoding="utf-8"))
    claims = published["tables"]["mediation_claims"]
    mediation = pd.read_csv(study_run / "results/mediation/indirect.csv").set_index("path")
    table = _tables(context)["7"]
    rows = {row.cells[1].text: row for row in table.rows}
    assert [row.cells[0].text for row in table.rows][-len(claims):] == ["—"] * len(claims)   # after H1-H5
    for claim in claims:
        row, record = rows[claim["path"]], mediation.loc[claim["path"]]
        texts = [c.text for c in row.cells]
        assert claim["claim"] in texts
        assert row.cells[3].value == pytest.approx(record["original"], rel=0, abs=0)
        if language == "en":
            assert f"[{fmt(record['ci_low'])}, {fmt(record['ci_high'])}]" in texts
        decided = bool(record["ci_low"] > 0 or record["ci_high"] < 0)          # the interval rule, two-tailed
        assert (strings["supported"] if decided else strings["not_supported"]) in texts
        assert texts[-1] == strings["published_supported"]                     # the paper's claim beside
    assert any(strings["med_rule_confidence_interval"] in n for n in table.notes)


def test_a_row_where_p_and_the_interval_disagree_shows_the_interval_decision(study_run, tmp_path):
    """KP -> IP -> KU with crafted draws: a long upper tail makes p > alpha while the percentile interval
    excludes zero; the mediation table and Table 6 and 7 follow the interval."""
    rng = np.random.default_rng(7)
    draws = rng.normal(0.10, 0.02, 2000)
    draws[:80] = 3.0
    results = study_run / "results"
    specific = pd.read_csv(results / "bootstrap/specific_indirect.csv")
    keep = specific["path"] == "KP -> IP -> KU"
    crafted = pd.concat([specific.loc[keep, ["path", "source", "target"]].reset_index(drop=True),
                         summarize(np.array([0.10]), draws[:, None])], axis=1)
    table = mediation_table(crafted, pd.read_csv(results / "bootstrap/paths.csv"),
                            pd.read_csv(results / "bootstrap/total_effects.csv"),
                            pd.read_csv(results / "bootstrap/total_indirect.csv"),
                            hypotheses=read_hypotheses(results / "hypotheses/hypotheses.csv"))
    row = table.iloc[0]
    assert row["p"] > 0.05 and row["ci_low"] > 0 and row["significant"]
    io.write_csv(table, tmp_path / "indirect.csv")
    context = context_for(study_run, audit=None, files={"mediation": tmp_path / "indirect.csv"})
    numbered = _tables(context)
    cells = numbered["6"].rows[0].cells
    assert cells[5].value == pytest.approx(row["p"]) and cells[5].flag is None      # P not marked: significant
    assert cells[-3].text == STRINGS["en"]["med_" + row["mediation_type"]]
    assert row["mediation_type"] in ("complementary", "competitive")               # the direct path is significant
    claim = next(r for r in numbered["7"].rows if r.cells[1].text == "KP -> IP -> KU")
    assert STRINGS["en"]["supported"] in [c.text for c in claim.cells]
