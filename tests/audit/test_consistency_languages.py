"""The audit speaks the report's language: the consistency checks' explanations in English and Indonesian.

The checks run twice on the same published tables, ``language="en"`` and ``"id"``, on the paper's
tables, the made-up consistent study and every way of breaking it (audit_helpers.py), plus cases
that reach the remaining branches (a composite reliability that is ρ_C, one between α and ρ_C, one
below α; a sample too small for every rule; a p neither reference gives; paths that imply R² > 1).
Everything but the words must be the same; the Indonesian must hold no English sentence and write
every number of the English with a decimal comma and a thousands point.
"""
from __future__ import annotations

import math
import re
import string
from collections import Counter

import numpy as np
import pytest
import yaml

from plssem_pipeline.audit.catalogue import STRINGS_DIR, AuditCatalogue
from plssem_pipeline.audit.compare import display_row
from plssem_pipeline.audit.consistency import CHECKS, ConsistencyOptions, check_structural
from plssem_pipeline.audit.published import parse_published
from plssem_pipeline.language import SEPARATORS

import audit_helpers as made_up
from audit_helpers import BREAKS, PAPER, changed, made_up_published

STRINGS = AuditCatalogue.STRINGS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _with_composite_reliability() -> list[dict]:
    """The made-up study with a printed "composite reliability" that is ρ_C, ρ_A-like, and below α."""
    base = made_up_published()
    reliability = base["tables"]["reliability"]
    rho_c, alpha = reliability["rho_c"]["A"], reliability["cronbach_alpha"]["A"]
    return [changed(base, "tables", "reliability", "composite_reliability", value={"A": value})
            for value in (rho_c, round((rho_c + alpha) / 2, 3), round(alpha - 0.05, 3))]


#: The checks but the slow structural one (a linear programme per rounding corner): for the cases that
#: do not change a path or an R².
_QUICK = [check for check in CHECKS if check is not check_structural]


def _cases(paper, paper_model):
    """(name, published, model, checks): every published file the checks run on here, and which checks."""
    yield "paper", paper, paper_model, CHECKS
    base = made_up_published()
    yield "made-up", parse_published(base, file="made-up.yaml"), made_up.model(), CHECKS
    for keys, value, check, item in BREAKS:
        yield (f"broken {check}", parse_published(changed(base, *keys, value=value), file="x.yaml"), made_up.model(),
               _QUICK)
    for k, data in enumerate(_with_composite_reliability()):
        yield f"composite reliability {k}", parse_published(data, file="x.yaml"), made_up.model(), _QUICK
    extra = [(("n",), 20, _QUICK), (("tables", "direct_effects", "rows", "A -> Y", "p"), 0.5, _QUICK),
             (("tables", "direct_effects", "rows", "M -> Y", "original"), 0.95, CHECKS),
             (("tables", "explained_variance", "r2", "M"), 0.05, CHECKS)]
    for keys, value, checks in extra:
        yield (f"changed {'.'.join(map(str, keys))}", parse_published(changed(base, *keys, value=value), file="x.yaml"),
               made_up.model(), checks)


@pytest.fixture(scope="module")
def both_languages(paper, paper_model):
    """name -> (English rows, Indonesian rows, skipped in English, skipped in Indonesian)."""
    out = {}
    for name, pub, model, checks in _cases(paper, paper_model):
        en, id_ = ConsistencyOptions(language="en"), ConsistencyOptions(language="id")
        out[name] = tuple([row for check in checks for row in check(pub, model, options)] for options in (en, id_))
        out[name] += (en.skipped, id_.skipped)
    return out


# ----------------------------------------------------------------------------- the catalogues
def test_catalogues_have_the_same_keys_and_fields():
    assert set(STRINGS) == {path.stem for path in STRINGS_DIR.glob("*.yaml")} >= {"en", "id"}
    english = STRINGS["en"]
    for language, texts in STRINGS.items():
        assert list(texts) == list(english), language                      # same keys, same order
        for key, text in texts.items():
            assert isinstance(text, str) and text.strip() and (text.strip() == text or key == "list_separator"), \
                (language, key)
            assert _fields(text) == _fields(english[key]), (language, key)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="audit language 'fr'"):
        AuditCatalogue("fr")
    assert set(STRINGS) <= set(SEPARATORS)


# ----------------------------------------------------------------------------- the checks in two languages
def _number(x) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


def test_results_are_the_same_in_both_languages(both_languages):
    seen = set()
    for name, (en, id_, skipped_en, skipped_id) in both_languages.items():
        assert len(en) == len(id_) > 0, name
        for a, b in zip(en, id_):
            assert (a.check, a.table, a.verdict) == (b.check, b.table, b.verdict), name
            for column in ("published", "recomputed", "difference"):
                x, y = _number(getattr(a, column)), _number(getattr(b, column))
                assert x == y, (name, a.check, a.item, column)
            seen.add((a.check, a.verdict))
        assert skipped_en == skipped_id, name
    # the cases reach every check (19: the 5- and 10-per-indicator rule is one) and every verdict; each check has a
    # name in every language
    assert {v for _, v in seen} == {"fail", "warn", "pass"} and len({c for c, _ in seen}) == 19
    for language in STRINGS:
        assert all(STRINGS[language].get(f"check_{c}") for c, _ in seen), language


def _english_fragments() -> set[str]:
    """Every run of two or more words of the English texts that the Indonesian texts do not also hold."""
    indonesian = " ".join(STRINGS["id"].values())
    out = set()
    for text in STRINGS["en"].values():
        for literal, *_ in string.Formatter().parse(text):
            for run in re.findall(r"[A-Za-z'][A-Za-z' -]*[A-Za-z]", literal or ""):
                if len(run.split()) >= 2 and run not in indonesian:
                    out.add(run)
    return out


def test_indonesian_explanations_hold_no_english(both_languages):
    fragments = _english_fragments()
    assert len(fragments) > 100                                   # the test looks for something
    stopwords = re.compile(r"\b(the|with|and|printed|rounding|within|from|against|cannot|reference)\b")
    for name, (en, id_, _, _) in both_languages.items():
        for a, b in zip(en, id_):
            assert b.explanation.strip() and a.explanation.strip(), (name, a.check)
            assert a.explanation != b.explanation, (name, a.check, a.item)
            left = [f for f in fragments if f in b.explanation]
            assert not left, (name, a.check, a.item, left)
            assert not stopwords.search(b.explanation), (name, a.check, b.explanation)


_NUMBER = re.compile(r"\d(?:[\d.,]*\d)?")


def test_indonesian_numbers_are_the_english_numbers_with_a_decimal_comma(both_languages):
    swap = str.maketrans({".": ",", ",": "."})
    commas = 0
    for name, (en, id_, _, _) in both_languages.items():
        for a, b in zip(en, id_):
            english = _NUMBER.findall(a.explanation)
            assert Counter(_NUMBER.findall(b.explanation)) == Counter(n.translate(swap) for n in english), \
                (name, a.check, a.item)
            commas += sum("," in n for n in _NUMBER.findall(b.explanation))
            # intervals: "[low; high]", never "[low, high]" with decimal commas
            assert not re.search(r"\[[^\]]*\d, -?\d", b.explanation), (name, b.explanation)
    assert commas > 500


def test_english_explanations_keep_their_wording(both_languages):
    """Spot checks of the English the audit has always written (the tests of test_consistency_checks.py hold)."""
    table2 = yaml.safe_load(PAPER.read_text(encoding="utf-8"))["tables"]["table2_convergent_validity"]
    loading, ave = table2["loadings"]["EC1"], table2["ave"]["EC"]          # as printed in the paper
    low, high = ave - 0.0005, ave + 0.0005                                   # its rounding interval, 3 decimals
    en = {(r.check, r.item): r.explanation for r in both_languages["paper"][0]}
    assert en[("ave_from_loadings", "EC")].startswith(f"AVE = mean of the squared loadings = ({loading:.3f}² + ")
    assert en[("ave_from_loadings", "EC")].endswith(f"which meets printed {ave:.3f} (i.e. [{low:.4f}, {high:.4f}]): "
                                                    "consistent within rounding")
    id_ = {(r.check, r.item): r.explanation for r in both_languages["paper"][1]}
    comma = str.maketrans(".", ",")
    assert id_[("ave_from_loadings", "EC")].endswith(
        f"nilai tercetak {ave:.3f} (yaitu [{low:.4f}; {high:.4f}]): ".translate(comma)
        + "konsisten dalam batas pembulatan")


# ----------------------------------------------------------------------------- the comparison's words
@pytest.mark.parametrize("language", sorted(STRINGS))
def test_comparison_word_rows_have_labels(language):
    words = AuditCatalogue(language)
    assert display_row("gender (total)", words) == words("comparison_total", variable="gender")
    assert display_row("respondents", words) == words("comparison_respondents")
    assert display_row("KP -> IP", words) == "KP -> IP"
    if language == "id":
        assert (display_row("gender (total)", words), display_row("respondents", words)) == ("gender (jumlah)",
                                                                                              "responden")


def test_number_formatting_of_the_catalogue():
    en, id_ = AuditCatalogue("en"), AuditCatalogue("id")
    assert (en.num(np.float64(0.66176)), id_.num(np.float64(0.66176))) == ("0.6618", "0,6618")
    assert (en.count(5000), id_.count(5000), id_.count(12.5)) == ("5,000", "5.000", "12,5")
    assert (en.interval(0.1, 0.2), id_.interval(0.1, 0.2)) == ("[0.1000, 0.2000]", "[0,1000; 0,2000]")
    assert (en.num(None), id_.num(float("nan"))) == ("n/a", "t/a")
