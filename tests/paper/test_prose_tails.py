"""One-tailed papers: p values checked as one-tailed when the paper says so or when its printed p fit the
one-tailed p of their t and not the two-tailed one; the explanation says which tails and why.

The tables' p values are computed here from t (Student t, B − 1 df, one or two tails; tests/paper/prose_cases.py);
SQ -> BL's t (about 2.3) is where one- and two-tailed p print differently at three decimals.
"""
from __future__ import annotations

import pytest
from scipy import stats

import prose_cases as pc
from plssem_pipeline.audit.consistency import ConsistencyOptions, check_claims, check_p_values
from plssem_pipeline.audit.consistency.bootstrap import MIN_ONE_TAILED, paper_tails


def _pub(tails: int, sentence: str | None = None, language: str = "en"):
    v = pc.values(tails)
    _, pub = pc.published(pc.text(v, language=language, tails_sentence=sentence), v)
    return v, pub


def test_the_planted_p_values_tell_the_tails_apart():
    one, two = pc.values(1)["rows"]["SQ -> BL"], pc.values(2)["rows"]["SQ -> BL"]
    assert one["t"] == two["t"] and one["p"] != two["p"]
    assert one["p"] == round(float(stats.t.sf(one["t"], pc.B - 1)), 3)


@pytest.mark.parametrize("sentence,language", [
    ("All hypotheses are directional, so the bootstrap p values are one-tailed.", "en"),
    ("Pengujian hipotesis dilakukan satu arah (one-tailed) dengan bootstrapping.", "id"),
])
def test_stated_one_tailed(sentence, language):
    v, pub = _pub(1, sentence, language)
    assert pub.prose.tails_stated == "one"
    rows = check_p_values(pub, None, ConsistencyOptions(tails="auto", language=language))
    assert {r.verdict for r in rows} == {"pass"}
    sq_bl = next(r for r in rows if r.item == "SQ -> BL")
    assert sq_bl.recomputed == pytest.approx(float(stats.t.sf(v["rows"]["SQ -> BL"]["t"], pc.B - 1)))
    assert ("one-tailed" if language == "en" else "satu arah") in sq_bl.explanation
    assert ("the paper says so" if language == "en" else "dinyatakan oleh artikel") in sq_bl.explanation
    # the same paper read as two-tailed: the row where the tails differ is wrong
    two = {r.item: r.verdict for r in check_p_values(pub, None, ConsistencyOptions(tails="two"))}
    assert two["SQ -> BL"] == "fail"


@pytest.fixture()
def two_discriminating(monkeypatch):
    """CS -> BL's standard error raised so that its t (about 2.1) also prints different one- and two-tailed p."""
    o, _ = pc.COEFFICIENTS["CS", "BL"]
    monkeypatch.setitem(pc.COEFFICIENTS, ("CS", "BL"), (o, o / 2.1))
    one, two = pc.values(1)["rows"], pc.values(2)["rows"]
    assert [k for k in one if one[k]["p"] != two[k]["p"]] == ["SQ -> BL", "CS -> BL"]


def _discriminating(pub, df: int = pc.B - 1):
    """Rows whose printed p fits only the one-tailed p of their t, and only the two-tailed one."""
    from plssem_pipeline.audit.consistency.bootstrap import _effect_rows, _fits

    one = [r.label for r in _effect_rows(pub, {"t", "p"}) if any(_fits(r, df, 1)[:2]) and not any(_fits(r, df, 2)[:2])]
    two = [r.label for r in _effect_rows(pub, {"t", "p"}) if any(_fits(r, df, 2)[:2]) and not any(_fits(r, df, 1)[:2])]
    return one, two


def test_one_tailed_detected_from_p_against_t(two_discriminating):
    v, pub = _pub(1)
    assert pub.prose.tails_stated is None
    one, two = _discriminating(pub)
    assert len(one) >= MIN_ONE_TAILED and not two
    tails, reason = paper_tails(pub, ConsistencyOptions(tails="auto"))
    assert tails == 1 and "fit the one-tailed p" in reason and f"{len(one)} printed p" in reason
    rows = check_p_values(pub, None, ConsistencyOptions(tails="auto"))
    assert {r.verdict for r in rows} == {"pass"}
    claims = check_claims(pub, None, ConsistencyOptions(tails="auto"))
    assert claims and all("one-tailed" in r.explanation for r in claims)


def test_a_single_p_that_fits_only_one_tailed_does_not_switch_the_paper():
    """One misprinted p equal to the one-tailed value (the others print alike both ways): read two-tailed, and
    that row is the one p_from_t flags."""
    v, pub = _pub(1)
    one, two = _discriminating(pub)
    assert len(one) == 1 and len(one) < MIN_ONE_TAILED and not two
    tails, reason = paper_tails(pub, ConsistencyOptions(tails="auto"))
    assert tails == 2 and f"fewer than the {MIN_ONE_TAILED}" in reason
    rows = {r.item: r.verdict for r in check_p_values(pub, None, ConsistencyOptions(tails="auto"))}
    assert rows[one[0]] == "fail"


def test_rows_that_disagree_on_the_tails_are_read_two_tailed_and_the_reason_says_so(two_discriminating):
    """SQ -> BL printed one-tailed, CS -> BL two-tailed: the reason names both counts (not "no p fits")."""
    mixed = pc.values(1)
    mixed["rows"]["CS -> BL"] = pc.values(2)["rows"]["CS -> BL"]
    _, pub = pc.published(pc.text(mixed), mixed)
    one, two = _discriminating(pub)
    assert one == ["SQ -> BL"] and two == ["CS -> BL"]
    for language, words in (("en", ("1 printed p value(s) fit only the one-tailed", "1 only the two-tailed")),
                            ("id", ("hanya sesuai dengan p satu arah", "hanya dengan p dua arah"))):
        tails, reason = paper_tails(pub, ConsistencyOptions(tails="auto", language=language))
        assert tails == 2 and all(w in reason for w in words), reason
        assert "no printed p" not in reason


def test_a_two_tailed_paper_stays_two_tailed():
    v, pub = _pub(2)
    tails, reason = paper_tails(pub, ConsistencyOptions(tails="auto"))
    assert tails == 2 and "does not say" in reason
    rows = check_p_values(pub, None, ConsistencyOptions(tails="auto"))
    assert {r.verdict for r in rows} == {"pass"} and all("two-tailed" in r.explanation for r in rows)
    one = {r.item: r.verdict for r in check_p_values(pub, None, ConsistencyOptions(tails="one"))}
    assert one["SQ -> BL"] == "fail"


def test_stated_two_tailed_wins_over_the_numbers():
    v, pub = _pub(1, "Significance was assessed with two-tailed tests.")
    assert pub.prose.tails_stated == "two"
    rows = {r.item: r.verdict for r in check_p_values(pub, None, ConsistencyOptions(tails="auto"))}
    assert rows["SQ -> BL"] == "fail"


def test_the_stated_bootstrap_samples_are_the_df_of_the_t_reference():
    v = pc.values(2)
    data, pub = pc.published(pc.text(v, tails_sentence=f"Significance was assessed by bootstrapping with "
                                                       f"{pc.B:,} subsamples."), v)
    del data["bootstrap_samples"]
    from plssem_pipeline.audit.published import parse_published

    pub = parse_published(data, file="generated")
    assert pub.bootstrap_samples is None and pub.prose.bootstrap_samples == pc.B
    rows = check_p_values(pub, None, ConsistencyOptions(bootstrap_samples=pc.B // 10))
    assert {r.verdict for r in rows} == {"pass"} and all("the paper states it" in r.explanation for r in rows)
