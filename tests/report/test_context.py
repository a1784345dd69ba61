"""The report's content: numbering, layouts, numbers, audit rendering, languages (no browser, no TeX)."""
import math
import re

import pandas as pd
import pytest
import yaml

from plssem_pipeline.report import render_html, render_latex
from plssem_pipeline.report.catalogue import LANGUAGES, STRINGS, STRINGS_DIR, Catalogue
from plssem_pipeline.report.context import fmt

from report_helpers import FIXTURES, TEMPLATES, context_for, resolved_config, summary


def tables(context):
    return {t.number: t for t in context["tables"]}


def test_catalogue_languages_define_the_same_keys():
    # one data file per language: every file in the folder is a language, with the same keys as en
    assert LANGUAGES == tuple(sorted(path.stem for path in STRINGS_DIR.glob("*.yaml")))
    assert {"en", "id"} <= set(LANGUAGES)
    for language in LANGUAGES:
        assert set(STRINGS[language]) == set(STRINGS["en"]), language
        assert all(isinstance(text, str) for text in STRINGS[language].values()), language
    for language in STRINGS:
        for key, text in STRINGS[language].items():
            assert not re.search(r"<[a-z/]|&[a-z]+;|\\[a-z]", text), (language, key)   # no markup: templates escape
    with pytest.raises(ValueError):
        Catalogue("fr")


def test_tables_carry_the_papers_numbers_and_smartpls_layout(study_run):
    context = context_for(study_run, audit=None)
    numbered = tables(context)
    assert list(numbered) == ["1", "2", "3", "3a", "3b", "3c", "4", "4a", "5", "6", "6a", "6b", "7",
                              "7a", "7b", "7c", "7d", "7e"]       # 7a-7e: predictive power and model fit
    assert numbered["1"].caption == "Respondent profile" and numbered["5"].caption == "Path coefficients"
    headers = [c.label for c in numbered["5"].columns]
    assert headers == ["Path", "Original sample (O)", "Sample mean (M)", "Standard deviation (STDEV)",
                       "T statistics (|O/STDEV|)", "P values", "2.5%", "97.5%"]
    assert [c.label for c in numbered["6"].columns][-3:] == ["Mediation type", "VAF", "VAF reading"]
    # Table 5 holds the bootstrap results, T as |O/STDEV|
    boot = pd.read_csv(study_run / "results/bootstrap/paths.csv")
    rows = numbered["5"].rows
    assert [r.cells[0].text for r in rows] == [f"{s} -> {t}" for s, t in zip(boot["source"], boot["target"])]
    for row, record in zip(rows, boot.to_dict("records")):
        values = [c.value for c in row.cells[1:]]
        expected = [record["original"], record["mean"], record["sd"], abs(record["t"]), record["p"],
                    record["ci_low"], record["ci_high"]]
        assert values == pytest.approx(expected, rel=0, abs=0)
        assert row.cells[1].text == fmt(record["original"])
    # Table 1: every category, a total per block summing to n
    respondents = pd.read_csv(study_run / "results/describe/respondents.csv")
    table1 = numbered["1"]
    assert [g for g, _ in table1.bodies] == list(dict.fromkeys(respondents["label"]))
    totals = [r for r in table1.rows if r.total]
    assert len(totals) == respondents["variable"].nunique() and all(r.cells[1].text == "140" for r in totals)
    # Table 2: loadings, their indicator reliability λ², AVE once per construct
    loadings = pd.read_csv(study_run / "results/outer/loadings.csv")
    indicator_rows = [r for r in numbered["2"].rows if r.group is None]
    assert [r.cells[0].text for r in indicator_rows] == loadings["indicator"].tolist()
    assert sum(1 for r in indicator_rows if r.cells[3].text) == loadings["construct"].nunique()


def test_hypotheses_numbered_as_the_paper_numbers_them(study_run):
    table7 = tables(context_for(study_run, audit=None))["7"]
    claims = [("—", c["path"]) for c in yaml.safe_load((study_run / resolved_config(study_run)["published"]).read_text(
        encoding="utf-8"))["tables"]["mediation_claims"]]     # the paper's unnumbered mediation claims follow
    assert [(r.cells[0].text, r.cells[1].text) for r in table7.rows] == [
        ("H1", "KP -> IP"), ("H2", "EC -> IP"), ("H3", "KP -> KU"), ("H4", "EC -> KU"), ("H5", "IP -> KU")] + claims
    boot = pd.read_csv(study_run / "results/bootstrap/paths.csv")
    boot.index = boot["source"] + " -> " + boot["target"]
    for row in table7.rows[:5]:
        low, high = boot.loc[row.cells[1].text, ["ci_low", "ci_high"]]   # mediation.significance: the interval
        assert row.cells[7].text == ("Supported" if low > 0 or high < 0 else "Not supported")
        assert row.cells[3].value == boot.loc[row.cells[1].text, "original"]


def test_hypotheses_without_published_tables_follow_the_config(study_run):
    config = resolved_config(study_run)
    config["published"] = None
    # without a published paper the tables are numbered 1, 2, 3, ...: Table 7 of the paper by its id
    table7 = next(t for t in context_for(study_run, config=config, audit=None)["tables"] if t.id == "table-7")
    assert [r.cells[0].text for r in table7.rows] == ["H1", "H2", "H3", "H4", "H5"]
    assert [r.cells[1].text for r in table7.rows] == [p.replace(" ", "").replace("->", " -> ")
                                                      for p in config["paths"]]


def test_methods_paragraph_from_config_and_results(study_run):
    text = " ".join(context_for(study_run, audit=None)["methods"])
    outer, boot = summary(study_run, "outer"), summary(study_run, "bootstrap")
    for expected in ["140 respondents", "140 rows were read from data/raw/survey.csv", "0 were excluded",
                     "path weighting scheme", "stop criterion of 1e-7", "at most 300 iterations",
                     f"converged after {outer['details']['iterations']} iterations", "5,000 subsamples",
                     f"({boot['details']['failed']} failed", "percentile 95% confidence intervals",
                     "random seed 20260130", f"numpy {boot['versions']['numpy']}",
                     f"plssem {boot['versions']['plssem']}", "Zhao, Lynch & Chen (2010)", "mean replacement"]:
        assert expected in text, expected


def test_synthetic_banner_follows_the_config(study_run):
    config = resolved_config(study_run)
    assert config["data"]["synthetic"] is True
    context = context_for(study_run, audit=None)
    assert context["synthetic"] and "data/raw/survey.csv" in context["synthetic_text"]
    config["data"]["synthetic"] = False
    assert not context_for(study_run, config=config, audit=None)["synthetic"]


def test_without_an_audit_step_the_audit_section_is_left_out_whole(study_run):
    context = context_for(study_run, audit=None)
    assert context["audit"] is None and "audit" not in [s["id"] for s in context["sections"]]
    assert all(t.comparison is None for t in context["tables"])
    html = render_html(context, TEMPLATES)
    assert 'id="audit"' not in html and 'href="#audit"' not in html
    assert STRINGS["en"]["sec_audit_consistency"] not in html


def test_audit_fixture_published_beside_reproduced_and_checks_failures_first(study_run):
    context = context_for(study_run)   # the fixture CSVs, with the audit step's columns
    numbered = tables(context)
    for number in ("1", "2", "3", "4", "5", "6"):
        assert numbered[number].comparison is not None, number
    comparison = numbered["5"].comparison
    assert [c.label for c in comparison.columns] == ["Row", "Statistic", "Published", "Reproduced", "Difference",
                                                   "Tolerance", "Within tolerance"]
    out = [r for r in comparison.rows if r.cells[6].flag == "fail"]
    assert [(r.cells[0].text, r.cells[1].text) for r in out] == [("EC -> IP", STRINGS["en"]["c_t"])]   # t, named
    assert out[0].cells[4].text == "+2.975" and out[0].cells[4].flag == "out"
    assert "1 of 2 published values within tolerance; 1 out of tolerance" in comparison.notes[0]
    # rows of no numbered table (n, hypotheses) are listed in the audit section
    other = context["audit"]["other"]
    assert [r.cells[0].text for r in other.rows] == ["respondents", "H1 (KP -> IP)"]
    consistency = context["audit"]["consistency"]
    assert [r.cells[6].text for r in consistency["table"].rows] == [STRINGS["en"][f"verdict_{v}"]
                                                                    for v in ("fail", "note", "pass")]
    assert consistency["table"].rows[0].detail.startswith("R²(KU) = b'Rb")
    assert consistency["table"].rows[0].cells[1].text == "Table 4 + Table 5"      # a row of two tables names both
    assert consistency["counts"] == [1, 1, 1]


def test_out_of_tolerance_marks_stand_in_the_comparison_only(study_run, tmp_path):
    """A value out of the audit's tolerance is marked † in the comparison under the table, never in the
    reproduced table itself (its cells are the reproduced results, not the paper's)."""
    boot = pd.read_csv(study_run / "results/bootstrap/paths.csv").iloc[2]   # KP -> KU
    loading = pd.read_csv(study_run / "results/outer/loadings.csv").iloc[0]
    rows = pd.DataFrame([
        {"table": "table5_path_coefficients", "row": f"{boot['source']} -> {boot['target']}", "statistic": "sd",
         "published": 0.047, "reproduced": boot["sd"], "difference": boot["sd"] - 0.047, "tolerance": 0.0235,
         "within": False},
        {"table": "table5_path_coefficients", "row": f"{boot['source']} -> {boot['target']}", "statistic": "t",
         "published": 11.929, "reproduced": abs(boot["t"]), "difference": abs(boot["t"]) - 11.929, "tolerance": 2,
         "within": False},
        {"table": "table2_convergent_validity", "row": loading["indicator"], "statistic": "loading",
         "published": 0.85, "reproduced": loading["loading"], "difference": loading["loading"] - 0.85,
         "tolerance": 0.03, "within": True},
    ])
    path = tmp_path / "published_vs_reproduced.csv"
    rows.to_csv(path, index=False)
    context = context_for(study_run, audit={"published_vs_reproduced": str(path),
                                            "consistency": str(FIXTURES / "consistency.csv")})
    numbered = tables(context)
    for number in ("2", "5"):
        assert not [c for r in numbered[number].rows for c in r.cells if c.flag == "out"], number
        assert not any("†" in note for note in numbered[number].notes), number
    comparison = numbered["5"].comparison
    marked = [(r.cells[0].text, r.cells[1].text) for r in comparison.rows for c in r.cells if c.flag == "out"]
    outside = rows[~rows["within"]]
    assert len(marked) == len(outside) == 2 and {m[0] for m in marked} == set(outside["row"])
    assert numbered["2"].comparison is not None
    html = render_html(context, TEMPLATES)
    assert html.count('class="mark"') == len(outside)   # the two differences in Table 5's comparison only


def test_indonesian_labels_and_prose(study_run):
    context = context_for(study_run, language="id", audit=None)
    numbered = tables(context)
    assert numbered["1"].caption == "Deskripsi responden" and numbered["2"].caption == "Uji validitas konvergen"
    assert context["methods"][0].startswith("Analisis menggunakan 140 responden")
    assert "5.000 subsampel" in context["methods"][2] and "α = 0,05" in context["methods"][2]
    html = render_html(context, TEMPLATES)
    assert '<html lang="id">' in html and "Tabel 1." in html and "Data sintetis" in html
    assert re.search(r"Hipotesis", html) and "Diterima" in html
    english = render_html(context_for(study_run, audit=None), TEMPLATES)
    assert "Tabel 1." not in english and "Table 1." in english


def test_fmt():
    assert fmt(0.0004) == "0.000" and fmt(-0.0004) == "0.000" and fmt(-0.0006) == "-0.001"
    assert fmt(float("nan")) == "" and fmt(None) == "" and fmt(140.0, 0) == "140"
    assert not math.isnan(float(fmt(1 / 3)))


def test_a_model_without_indirect_effects_or_published_tables(study_run, tmp_path):
    mediation = pd.read_csv(study_run / "results/mediation/indirect.csv").iloc[0:0]
    mediation.to_csv(tmp_path / "indirect.csv", index=False)
    empty = tmp_path / "empty.csv"
    empty.write_text("table,row,statistic,published,reproduced,difference,tolerance,within\n")
    checks = tmp_path / "checks.csv"
    checks.write_text("check,table,item,published,recomputed,difference,verdict,explanation\n")
    config = resolved_config(study_run)
    config["published"] = None
    context = context_for(study_run, config=config, files={"mediation": tmp_path / "indirect.csv"},
                          audit={"published_vs_reproduced": str(empty), "consistency": str(checks)})
    assert "table-6" not in {t.id for t in context["tables"]}
    # nothing to show: the mediation part and the audit section are left out whole, headings included
    structural = next(s for s in context["sections"] if s["id"] == "structural")
    headings = [b["text"] for b in structural["blocks"] if b["kind"] == "heading"]
    assert STRINGS["en"]["sec_mediation"] not in headings and STRINGS["en"]["sec_hypotheses"] in headings
    assert not any(b["kind"] == "text" for b in structural["blocks"])
    assert context["audit"] is None and "audit" not in [s["id"] for s in context["sections"]]
    for html in (render_html(context, TEMPLATES), render_latex(context, TEMPLATES)):
        for key in ("sec_mediation", "sec_audit", "sec_audit_consistency", "sec_audit_published"):
            assert STRINGS["en"][key] not in html
