"""Verdicts read from the prose: negations, the null hypothesis, and one verdict per clause.

The papers are tests/paper/prose_cases.py's, with SQ -> BL made non-significant (a coefficient of
0.03 over its standard error) where a rejected hypothesis is needed; every number in the text is
formatted from the computed values.
"""
from __future__ import annotations

import pytest

import prose_cases as pc
from plssem_pipeline.audit.consistency import ConsistencyOptions
from plssem_pipeline.audit.consistency.prose import check_inequalities
from plssem_pipeline.audit.consistency.wording import check_claims
from plssem_pipeline.audit.verdicts import verdict_of

#: (negated, affirmative) templates of a result about {x} -> {y}.
PAIRS = {"en": [("{x} does not significantly affect {y}", "{x} significantly affects {y}"),
                ("{x} has no significant effect on {y}", "{x} has a significant effect on {y}"),
                ("{x} did not have a significant effect on {y}", "{x} had a significant effect on {y}"),
                ("the hypothesis that {x} affects {y} cannot be accepted",
                 "the hypothesis that {x} affects {y} is accepted"),
                ("{x} is not significantly related to {y}", "{x} is significantly related to {y}")],
         "id": [("{x} tidak memiliki pengaruh yang signifikan terhadap {y}",
                 "{x} memiliki pengaruh yang signifikan terhadap {y}"),
                ("{x} tidak berpengaruh signifikan terhadap {y}", "{x} berpengaruh signifikan terhadap {y}"),
                ("tidak ada pengaruh signifikan {x} terhadap {y}", "ada pengaruh signifikan {x} terhadap {y}"),
                ("hipotesis {x} terhadap {y} tidak dapat diterima", "hipotesis {x} terhadap {y} dapat diterima")]}
NEGATED = {language: [negated for negated, _ in pairs] for language, pairs in PAIRS.items()}
NULL_REJECTED = ["maka H0 ditolak dan Ha diterima", "H0 rejected, H1 accepted", "the null hypothesis is rejected",
                 "hipotesis nol ditolak", "we reject H0"]


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_negated_verdict_is_rejected_and_its_affirmative_supported(language):
    n = pc.NAMES[language]
    for negated, affirmative in PAIRS[language]:
        negated, affirmative = (t.format(x=n["SQ"], y=n["BL"]) for t in (negated, affirmative))
        assert verdict_of(negated) == "rejected", negated
        assert verdict_of(affirmative) == "supported", affirmative


def test_rejecting_the_null_hypothesis_supports_the_hypothesis():
    for sentence in NULL_REJECTED:
        assert verdict_of(sentence) == "supported", sentence
        assert verdict_of(sentence.replace("rejected", "accepted").replace("ditolak", "diterima", 1)
                          .replace("reject ", "accept ")) in ("rejected", None), sentence


@pytest.fixture()
def weak(monkeypatch):
    """Values with SQ -> BL not significant (two-tailed p > 0.05)."""
    monkeypatch.setitem(pc.COEFFICIENTS, ("SQ", "BL"), (0.03, pc.COEFFICIENTS["SQ", "BL"][1]))
    v = pc.values()
    assert v["rows"]["SQ -> BL"]["p"] > 0.05
    return v


def _sq_bl_sentence(v, clause: str) -> tuple[str, str]:
    r = v["rows"]["SQ -> BL"]
    old = (f"{pc.NAMES['en']['SQ']} also affects {pc.NAMES['en']['BL'].lower()} (β = {pc.fmt(r['original'])}, "
           f"t = {pc.fmt(r['t'])}), so the second hypothesis is accepted.")
    return old, clause.format(p=pc.fmt(r["p"]), t=pc.fmt(r["t"]))


@pytest.mark.parametrize("template", NEGATED["en"][:3])
def test_a_negated_result_agrees_with_its_inequality_and_its_table(weak, template):
    x, y = pc.NAMES["en"]["SQ"], pc.NAMES["en"]["BL"].lower()
    old, new = _sq_bl_sentence(weak, template.format(x=x, y=y) + " (t = {t}, p = {p} > 0.05), so H2 is rejected.")
    source = pc.text(weak)
    assert old in source
    data, pub = pc.published(source.replace(old, new), weak)
    options = ConsistencyOptions()
    rows = [r for r in check_inequalities(pub, None, options) if r.item.startswith("SQ -> BL")]
    assert rows and all(r.verdict == "pass" for r in rows)
    assert data["tables"]["hypotheses"]["H2"]["verdict_published"] == "rejected"
    claim = [r for r in check_claims(pub, None, options) if r.item.startswith("H2")]
    assert [r.verdict for r in claim] == ["pass"]


def test_the_null_hypothesis_rejected_is_the_hypothesis_supported():
    v = pc.values()
    p = v["rows"]["CS -> BL"]["p"]
    source = pc.text(v).replace(f"p = {pc.fmt(p)} < 0.05, supporting H3",
                                f"p = {pc.fmt(p)} < 0.05, so H0 is rejected and H3 is accepted")
    data, pub = pc.published(source, v)
    assert data["tables"]["hypotheses"]["H3"]["verdict_published"] == "supported"
    assert all(r.verdict == "pass" for r in check_inequalities(pub, None, ConsistencyOptions()))


@pytest.mark.parametrize("contrast", ["whereas", "while", "but"])
def test_two_paths_in_one_sentence_each_take_their_own_clause(weak, contrast):
    """"X is significant (p < 0.05), whereas Y is not significant (p > 0.05)": no false fail for either path."""
    n, r = pc.NAMES["en"], weak["rows"]
    p1, p2 = r["SQ -> CS"]["p"], r["SQ -> BL"]["p"]
    sentence = (f"The effect of {n['SQ'].lower()} on {n['CS'].lower()} is significant (p = {pc.fmt(p1)} < 0.05), "
                f"{contrast} the effect of {n['SQ'].lower()} on {n['BL'].lower()} is not significant "
                f"(p = {pc.fmt(p2)} > 0.05).")
    source = pc.text(weak).replace("A p value below 0.05 indicates a significant effect.", sentence)
    assert sentence in source
    data, pub = pc.published(source, weak)
    verdicts = {s["path"]: s["verdict"] for s in data["prose"]["statements"] if s["text"] == sentence}
    assert verdicts == {"SQ -> CS": "supported", "SQ -> BL": "rejected"}
    rows = check_inequalities(pub, None, ConsistencyOptions())
    assert {r.item.split(":")[0] for r in rows} >= {"SQ -> CS", "SQ -> BL"}
    assert all(r.verdict == "pass" for r in rows)
