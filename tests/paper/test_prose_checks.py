"""The prose checks on papers written here from computed numbers (tests/paper/prose_cases.py): English and
Indonesian, decimal point and decimal comma; clean papers raise no prose finding, and each planted error is
found once, by its check, at the path or construct where it was planted.
"""
from __future__ import annotations

import copy

import pytest

import prose_cases as pc
from plssem_pipeline.audit.consistency import ConsistencyOptions
from plssem_pipeline.audit.consistency.prose import check_inequalities, check_prose_vs_table, check_variance_explained
from plssem_pipeline.audit.consistency.prose_claims import (check_decision_rules, check_hypothesis_numbering,
                                                            check_prose_counts)

CHECKS = [check_prose_vs_table, check_inequalities, check_variance_explained, check_hypothesis_numbering,
          check_decision_rules, check_prose_counts]
LAYOUTS = [("en", False), ("en", True), ("id", False), ("id", True)]


def _rows(source: str, v: dict, language: str = "en"):
    _, pub = pc.published(source, v)
    return [row for check in CHECKS for row in check(pub, None, ConsistencyOptions(language=language))]


@pytest.fixture(scope="module")
def v():
    return pc.values()


@pytest.mark.parametrize("language,comma", LAYOUTS)
def test_a_clean_paper_raises_no_prose_finding_and_every_check_runs(v, language, comma):
    rows = _rows(pc.text(v, language=language, comma=comma), v, language)
    assert [r for r in rows if r.verdict != "pass"] == []
    assert {r.check for r in rows} == {"prose_vs_table", "inequality_verdict", "variance_explained",
                                       "hypothesis_numbering", "decision_rule", "prose_count"}
    quoted = {r.item for r in rows if r.check == "prose_vs_table"}
    assert {"SQ -> CS: t", "SQ -> CS: p", "SQ -> BL: t", "CS -> BL: p", "SQ -> CS -> BL: t",
            "SQ -> CS -> BL: p"} <= quoted
    assert all(r.explanation and r.location for r in rows)


@pytest.mark.parametrize("language,comma", LAYOUTS)
@pytest.mark.parametrize("plant", pc.PLANTS)
def test_each_planted_error_is_found_once_where_it_was_planted(v, language, comma, plant):
    rows = _rows(pc.text(v, language=language, comma=comma, plant=plant), v, language)
    failed = [r for r in rows if r.verdict == "fail"]
    assert [r.check for r in failed] == [plant]
    row = failed[0]
    paths = v["rows"]
    if plant == "prose_vs_table":      # the text quotes SQ -> BL's p for CS -> BL
        assert (row.item, row.published, row.recomputed) == ("CS -> BL: p", paths["CS -> BL"]["p"],
                                                             paths["SQ -> BL"]["p"])
    elif plant == "inequality_verdict":
        assert row.item.startswith("CS -> BL: p")
    elif plant == "variance_explained":  # R² of BL given as CS's percentage
        assert row.item == "CS"
        assert row.recomputed == pytest.approx(100 * v["r2"]["CS"])
        assert row.published == pytest.approx(round(100 * v["r2"]["BL"], 1))
    elif plant == "hypothesis_numbering":  # "the third hypothesis" for SQ -> BL, which is H2
        assert (row.published, row.recomputed) == (3, 2)
    elif plant == "decision_rule":
        assert row.item == "p_sign"
    elif plant == "prose_count":
        assert row.published == pc.COUNTS["1"][1] and row.recomputed == pc.COUNTS["1"][1] + 1
    assert row.location and ("line" in row.location)


def test_both_places_and_the_arithmetic_are_in_the_explanation(v):
    rows = _rows(pc.text(v, plant="variance_explained"), v)
    row = next(r for r in rows if r.verdict == "fail")
    assert "Table 3. R-square" in row.location and "Results, line" in row.location
    assert pc.fmt(100 * v["r2"]["CS"], 1) in row.explanation and pc.fmt(v["r2"]["CS"]) in row.explanation
    rows = _rows(pc.text(v, language="id", comma=True, plant="variance_explained"), v, "id")
    row = next(r for r in rows if r.verdict == "fail")
    assert pc.fmt(100 * v["r2"]["CS"], 1, comma=True) in row.explanation and "variasi" in row.explanation


def test_a_verdict_that_contradicts_a_true_inequality(v):
    p = v["rows"]["CS -> BL"]["p"]
    source = pc.text(v).replace(f"p = {pc.fmt(p)} < 0.05, supporting H3",
                                f"p = {pc.fmt(p)} < 0.05; H3 is therefore rejected")
    failed = [r for r in _rows(source, v) if r.verdict == "fail"]
    assert [(r.check, r.item.split(":")[0]) for r in failed] == [("inequality_verdict", "CS -> BL")]
    assert "is true" in failed[0].explanation and "not significant / not supported" in failed[0].explanation


@pytest.mark.parametrize("rule,expected", [
    ("A p value above 0.05 means that the hypothesis is accepted.", "p_direction"),
    ("A t statistic below 1.96 indicates a significant effect.", "t_direction"),
])
def test_decision_rules_that_reverse_the_method(v, rule, expected):
    source = pc.text(v).replace("A p value below 0.05 indicates a significant effect.", rule)
    failed = [r for r in _rows(source, v) if r.verdict == "fail"]
    assert [(r.check, r.item) for r in failed] == [("decision_rule", expected)]


def test_an_unresolved_path_is_skipped_not_guessed(v):
    source = pc.text(v).replace("Customer Satisfaction has a significant effect on brand loyalty",
                                "Word of mouth has a significant effect on repurchase")
    data, pub = pc.published(source, v)
    quoted = {s["path"] for s in data["prose"]["statements"]}
    assert "CS -> BL" not in quoted
    rows = [r for check in CHECKS for r in check(pub, None, ConsistencyOptions())]
    assert not [r for r in rows if r.verdict == "fail"]


@pytest.mark.parametrize("language,comma", LAYOUTS)
def test_two_values_swapped_between_two_rows_are_one_finding(v, language, comma):
    """The text gives SQ -> CS the t of SQ -> BL and SQ -> BL that of SQ -> CS: one row naming both paths, both
    places and the table's values; when only one quote is the other row's value, two rows (no swap)."""
    first, second = "SQ -> CS", "SQ -> BL"
    swapped = copy.deepcopy(v)
    swapped["rows"][first]["t"], swapped["rows"][second]["t"] = v["rows"][second]["t"], v["rows"][first]["t"]
    rows = [r for r in _rows(pc.text(swapped, language=language, comma=comma), v, language) if r.verdict == "fail"]
    assert [(r.check, r.item) for r in rows] == [("prose_vs_table", f"{first} / {second}: t")]
    row = rows[0]
    assert (row.published, row.recomputed) == (v["rows"][first]["t"], v["rows"][second]["t"])
    for path in (first, second):   # the explanation writes numbers as its language does
        assert pc.fmt(v["rows"][path]["t"], 3, language == "id") in row.explanation
    source = pc.text(swapped, language=language, comma=comma).splitlines()
    for path in (first, second):
        line = next(k for k, text in enumerate(source, 1) if pc.fmt(swapped["rows"][path]["t"], 3, comma) in text)
        assert f"line {line}" in row.location
    half = copy.deepcopy(swapped)
    half["rows"][second]["t"] = round(v["rows"][first]["t"] + 1.234, 3)   # not the other row's value
    rows = [r for r in _rows(pc.text(half, language=language, comma=comma), v, language) if r.verdict == "fail"]
    assert sorted(r.item for r in rows) == sorted([f"{first}: t", f"{second}: t"])


@pytest.mark.parametrize("language,comma", LAYOUTS)
def test_a_percentage_tied_to_the_adjusted_r2_is_compared_with_it(v, language, comma):
    """"The adjusted R-square of CS is x: ... explains 100·x % of the variance in CS" against 100·R²adj, not
    100·R²."""
    r2 = v["r2"]["CS"]
    n_obs = sum(n for _, n in pc.COUNTS.values())
    adjusted = round(1 - (1 - r2) * (n_obs - 1) / (n_obs - 2), 3)   # k = 1: SQ is CS's only predictor
    assert round(100 * adjusted, 1) != round(100 * r2, 1)
    n = pc.NAMES[language]
    sentence = {"en": f"The adjusted R-square of {n['CS'].lower()} is {pc.fmt(adjusted, 3, comma)}: {n['SQ'].lower()} "
                      f"explains {pc.fmt(100 * adjusted, 1, comma)}% of the variance in {n['CS'].lower()}.",
                "id": f"Nilai R-square adjusted {n['CS'].lower()} sebesar {pc.fmt(adjusted, 3, comma)}: "
                      f"{n['SQ'].lower()} menjelaskan {pc.fmt(100 * adjusted, 1, comma)}% variasi {n['CS'].lower()}."}
    source = pc.text(v, language=language, comma=comma) + "\n" + sentence[language] + "\n"
    data, pub = pc.published(source, v)
    data["tables"]["table3_r_squared"]["r2_adj"] = {"CS": adjusted}
    from plssem_pipeline.audit.published import parse_published

    pub = parse_published(data, file="generated")
    rows = [r for r in check_variance_explained(pub, None, ConsistencyOptions(language=language))
            if r.published == pytest.approx(round(100 * adjusted, 1))]
    assert len(rows) == 1 and rows[0].verdict == "pass"
    assert rows[0].recomputed == pytest.approx(100 * adjusted)
    # the same percentage said of the plain R² differs from 100·R²
    plain = source.replace(sentence[language], sentence[language].replace("adjusted R-square", "R-square")
                           .replace("R-square adjusted", "R-square"))
    data, _ = pc.published(plain, v)
    data["tables"]["table3_r_squared"]["r2_adj"] = {"CS": adjusted}
    rows = [r for r in check_variance_explained(parse_published(data, file="generated"), None,
                                                ConsistencyOptions(language=language))
            if r.published == pytest.approx(round(100 * adjusted, 1))]
    assert [r.verdict for r in rows] == ["fail"]
