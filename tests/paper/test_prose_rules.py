"""Decision rules and the significance level the text states (tests/paper/prose_cases.py's papers).

A results sentence ("P-value = 0,000 < 0,05 sehingga berpengaruh positif") is no rule; the compound rule
"P < 0,05 maka diterima, sedangkan P > 0,05 maka berpengaruh negatif" is read as two rules, the second
``p_sign``; a level the paper states (α = 0.10, "taraf signifikansi 10%", "p < 0.10 means supported") is the
α of ``claim_verdict``. Every number is formatted from computed values.
"""
from __future__ import annotations

import pytest

import prose_cases as pc
from plssem_pipeline.audit.consistency import ConsistencyOptions
from plssem_pipeline.audit.consistency.prose import check_inequalities
from plssem_pipeline.audit.consistency.prose_claims import check_decision_rules
from plssem_pipeline.audit.consistency.wording import check_claims


def _rules(sentence: str, v: dict | None = None):
    v = v or pc.values()
    source = pc.text(v).replace("A p value below 0.05 indicates a significant effect.", sentence)
    assert sentence in source
    data, pub = pc.published(source, v)
    return data["prose"], pub


@pytest.mark.parametrize("comma", [False, True])
def test_a_results_sentence_with_an_equals_sign_is_no_rule(comma):
    v = pc.values()
    r = v["rows"]["SQ -> CS"]
    for sentence in (f"The p value = {pc.fmt(r['p'], 3, comma)} < {pc.fmt(0.05, 2, comma)} so the effect is positive "
                     f"and significant.",
                     f"Dengan T-statistik sebesar {pc.fmt(r['t'], 3, comma)} dan "
                     f"P-value = {pc.fmt(r['p'], 3, comma)} < "
                     f"{pc.fmt(0.05, 2, comma)} sehingga berpengaruh positif dan signifikan."):
        prose, pub = _rules(sentence, v)
        assert [x for x in prose["decision_rules"] if x["text"] == sentence] == []
        assert all(row.verdict == "pass" for row in check_decision_rules(pub, None, ConsistencyOptions()))


@pytest.mark.parametrize("sentence", [
    "Apabila P values < {a} maka hipotesis diterima, sedangkan apabila P values > {a} maka variabel berpengaruh "
    "negatif.",
    "If the p value < {a} the hypothesis is accepted, whereas if the p value > {a} the effect is negative.",
])
def test_the_second_clause_of_a_compound_rule_is_read(sentence):
    sentence = sentence.format(a=pc.fmt(0.05, 2))
    prose, pub = _rules(sentence)
    assert [(x["rule"], x["contradicts"]) for x in prose["decision_rules"]] == [("p_sign", True)]
    rows = [r for r in check_decision_rules(pub, None, ConsistencyOptions()) if r.verdict == "fail"]
    assert [r.item for r in rows] == ["p_sign"]


@pytest.fixture()
def marginal(monkeypatch):
    """SQ -> BL with t = 1.8: two-tailed p between 0.05 and 0.10."""
    o, _ = pc.COEFFICIENTS["SQ", "BL"]
    monkeypatch.setitem(pc.COEFFICIENTS, ("SQ", "BL"), (o, o / 1.8))
    v = pc.values()
    assert 0.05 < v["rows"]["SQ -> BL"]["p"] < 0.10
    return v


@pytest.mark.parametrize("statement,comma", [
    ("Hypotheses were tested at a significance level of α = {a}.", False),
    ("A hypothesis is supported when its p value is below {a} ({pct}% significance level).", False),
    ("Hipotesis diterima jika nilai P < {a} (taraf signifikansi {pct}%).", True),
])
def test_a_stated_significance_level_is_the_alpha_of_the_verdicts(marginal, statement, comma):
    alpha = 0.10
    sentence = statement.format(a=pc.fmt(alpha, 2, comma), pct=pc.fmt(100 * alpha, 0))
    prose, pub = _rules(sentence, marginal)
    assert prose["alpha"]["value"] == pytest.approx(alpha) and prose["alpha"]["line"]
    assert pub.prose.alpha == pytest.approx(alpha)
    rows = {r.item.split()[0]: r for r in check_claims(pub, None, ConsistencyOptions())}
    assert rows["H2"].verdict == "pass" and "the paper states it" in rows["H2"].explanation
    # a paper whose rule says 0.05: the same claim contradicts its p
    _, plain = _rules("A p value below 0.05 indicates a significant effect.", marginal)
    assert plain.prose.alpha == pytest.approx(0.05)
    rows = {r.item.split()[0]: r for r in check_claims(plain, None, ConsistencyOptions())}
    assert rows["H2"].verdict == "fail"


@pytest.mark.parametrize("stated,verdict", [(0.10, "pass"), (0.05, "fail")])
def test_an_inequality_against_a_threshold_above_alpha_is_judged_at_alpha(marginal, stated, verdict):
    """"p = 0.07 < 0.10, so H2 is supported": true, and significant only when the paper's α is 0.10."""
    r, n = marginal["rows"]["SQ -> BL"], pc.NAMES["en"]
    old = (f"{n['SQ']} also affects {n['BL'].lower()} (β = {pc.fmt(r['original'])}, t = {pc.fmt(r['t'])}), "
           f"so the second hypothesis is accepted.")
    new = (f"{n['SQ']} also affects {n['BL'].lower()} (p = {pc.fmt(r['p'])} < {pc.fmt(0.10, 2)}), so the second "
           f"hypothesis is accepted.")
    source = pc.text(marginal).replace(old, new).replace(
        "A p value below 0.05 indicates a significant effect.",
        f"A hypothesis is supported when its p value is below {pc.fmt(stated, 2)}.")
    assert new in source
    _, pub = pc.published(source, marginal)
    assert pub.prose.alpha == pytest.approx(stated)
    rows = [x for x in check_inequalities(pub, None, ConsistencyOptions()) if x.item.startswith("SQ -> BL")]
    assert [x.verdict for x in rows] == [verdict]
    assert ("judged at α = 0.05" in rows[0].explanation) == (stated == 0.05)
