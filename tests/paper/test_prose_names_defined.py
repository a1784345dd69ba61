"""Construct names the text defines or writes as names, and what is never guessed.

"Brand Trust (BT, four items)" defines BT; a name written capitalised before its bracket ("The model
comprises Customer Satisfaction (SAT)") is the name, not the whole clause; English short forms
("satisfaction" for "customer satisfaction") when unique; mediation sentences ("the effect of X on Y
through M", "M mediates the relationship between X and Y", "X → M → Y") name the indirect effect; initials
resolve a phrase only when it is written as a name and no other construct owns it ("pada era" is no PE,
"Kepuasan Pelanggan (KS)" is never KP); an R² label in a sentence naming several constructs goes to the
construct after "R-square". Numbers are formatted from tests/paper/prose_cases.py's values.
"""
from __future__ import annotations

import pytest

import prose_cases as pc
from plssem_pipeline.audit.consistency import ConsistencyOptions, check_r2_labels
from plssem_pipeline.audit.published import parse_published
from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.prose import Names, add_prose_tables, extract_prose

EN = {"BT": "Brand Trust", "PV": "Perceived Value", "SAT": "Customer Satisfaction", "LOY": "Customer Loyalty"}
PATHS = [("BT", "SAT"), ("PV", "SAT"), ("SAT", "LOY"), ("BT", "LOY"), ("BT", "SAT", "LOY"), ("PV", "SAT", "LOY")]
TABLES = {"table4_path_coefficients": {"rows": {" -> ".join(p): {"t": 1.0} for p in PATHS if len(p) == 2}},
          "table5_specific_indirect": {"rows": {" -> ".join(p): {"t": 1.0} for p in PATHS if len(p) == 3}}}
T = pc.values()["indirect"]["SQ -> CS -> BL"]["t"]


def _defined(remark: str = ", four items") -> str:
    names = [f"{EN[a]} ({a}{remark})" for a in EN]
    return f"The model comprises {', '.join(names[:-1])} and {names[-1]}."


def _paths(sentence: str, definitions: str | None = None) -> list[str | None]:
    document = parse_text(f"# Method\n\n{definitions or _defined()}\n\n# Results\n\n{sentence}\n")
    return [s["path"] for s in extract_prose(document, TABLES)["statements"]]


@pytest.mark.parametrize("remark", ["", ", four items", "; 4 items"])
def test_a_definition_with_a_remark_in_its_bracket(remark):
    names = Names.from_document(parse_text(_defined(remark)), TABLES)
    assert {abbr: names.resolve(name) for abbr, name in EN.items()} == {abbr: abbr for abbr in EN}


def test_a_bracket_naming_two_constructs_defines_neither():
    names = Names.from_document(parse_text("Our constructs (BT, PV) are measured reflectively."), TABLES)
    assert names.resolve("our constructs") is None and names.names == {}


def test_short_forms_resolve_when_unique():
    names = Names.from_document(parse_text(_defined()), TABLES)
    assert names.resolve("satisfaction") == "SAT" and names.resolve("loyalty") == "LOY"
    assert names.resolve("customer") is None and names.resolve("value") is None
    assert _paths(f"Perceived value also positively affects satisfaction (t = {pc.fmt(T)}).") == ["PV -> SAT"]


@pytest.mark.parametrize("sentence", [
    "The indirect effect of brand trust on loyalty through satisfaction is significant (t = {t}).",
    "Satisfaction mediates the relationship between brand trust and customer loyalty (t = {t}).",
    "The path BT → SAT → LOY is significant (t = {t}).",
    "The path BT -> SAT -> LOY is significant (t = {t}).",
])
def test_a_mediation_sentence_names_the_indirect_effect(sentence):
    assert _paths(sentence.format(t=pc.fmt(T))) == ["BT -> SAT -> LOY"]


def test_a_function_word_pair_is_no_name():
    text = ("Pada era digital, pemanfaatan media sosial meningkat. Pada era persaingan ini, Inovasi Produk (IP) dan "
            "Kinerja Usaha (KU) penting. Pada era baru, pelaku usaha berubah.")
    names = Names.from_document(parse_text(text), {"p": {"rows": {"PE -> KU": {}, "PE -> IP": {}, "IP -> KU": {}}}})
    assert names.resolve("pada era") is None and names.resolve("inovasi produk") == "IP"


def test_initials_never_take_another_constructs_defined_name():
    """Kepuasan Pelanggan has the initials KP but is defined as KS; Kepercayaan Merek (KP) is defined too; the
    mediation hypothesis H5 resolves to the indirect effect, not to a direct path."""
    names = {"KP": "Kepercayaan Merek", "NP": "Nilai yang Dipersepsikan", "KS": "Kepuasan Pelanggan",
             "LP": "Loyalitas Pelanggan"}
    text = (f"Variabel penelitian terdiri atas {names['KP']} (KP), {names['NP']} (NP), {names['KS']} (KS) dan "
            f"{names['LP']} (LP).\n\nH5: {names['KS'].lower()} memediasi pengaruh {names['KP'].lower()} terhadap "
            f"{names['LP'].lower()}.\n")
    tables = {"p": {"rows": {"KP -> KS": {}, "NP -> KS": {}, "KS -> LP": {}, "NP -> LP": {}}},
              "i": {"rows": {"KP -> KS -> LP": {}, "NP -> KS -> LP": {}}}}
    document = parse_text(text)
    resolved = Names.from_document(document, tables)
    assert {abbr: resolved.resolve(name) for abbr, name in names.items()} == {abbr: abbr for abbr in names}
    stated = extract_prose(document, tables)["hypotheses_stated"]
    assert [(h["id"], h["path"]) for h in stated] == [("H5", "KP -> KS -> LP")]


def test_an_r2_label_in_a_sentence_naming_several_constructs():
    v = pc.values()
    thresholds = {"kuat": 0.67, "moderat": 0.33, "lemah": 0.19}
    r2 = v["r2"]["CS"]
    true_band = next(band for band, low in sorted(thresholds.items(), key=lambda x: -x[1]) if r2 >= low)
    wrong_band = next(band for band in thresholds if band != true_band)
    n = pc.NAMES["id"]
    bands = ', '.join(f'{pc.fmt(x, 2, True)} {b}' for b, x in thresholds.items())
    text = (f"Menurut Chin (1998), nilai R-square {bands}."
            f" Nilai R-square {n['CS'].lower()} sebesar {pc.fmt(r2, 3, True)} termasuk kategori {wrong_band}, "
            f"artinya {n['SQ'].lower()} menjelaskan {n['CS'].lower()}.")
    document = parse_text(f"{n['SQ']} (SQ), {n['CS']} (CS) dan {n['BL']} (BL) diukur.\n\n{text}\n")
    tables = pc.tables(v)
    prose = extract_prose(document, tables)
    add_prose_tables(document, tables, prose)
    assert tables["table3_r_squared"]["interpretation_published"] == {"CS": wrong_band}
    assert tables["table3_r_squared"]["thresholds_stated"] == pytest.approx(thresholds)
    pub = parse_published({"tables": tables, "prose": prose}, file="generated")
    rows = [r for r in check_r2_labels(pub, None, ConsistencyOptions(language="id")) if r.item == "CS"]
    assert [r.verdict for r in rows] == ["fail"] and f"'{true_band}'" in rows[0].explanation


def test_a_hyphenated_word_gives_its_first_letter_to_initials():
    """PE is "pemanfaatan e-commerce" (written in the hypotheses, used twice), never "pada era"."""
    tables = {"p": {"rows": {"PE -> KU": {}, "PE -> IP": {}, "IP -> KU": {}}}}
    text = ("Pada era digital, pemanfaatan e-commerce meningkat.\n\nH1: pemanfaatan e-commerce berpengaruh terhadap "
            "inovasi produk.\n\nPada era persaingan ini, pemanfaatan e-commerce penting.\n")
    names = Names.from_document(parse_text(text), tables)
    assert names.resolve("pemanfaatan e-commerce") == "PE" and names.resolve("pada era") is None


def test_a_direct_effect_bracket_in_a_mediation_sentence_keeps_its_path():
    """"... through CS is significant (t = a), and the direct effect of SQ on BL remains significant (β = b,
    t = c), so CS partially mediates": b and c are SQ -> BL's, not the indirect effect's."""
    v, n = pc.values(), pc.NAMES["en"]
    ind, direct = v["indirect"]["SQ -> CS -> BL"], v["rows"]["SQ -> BL"]
    sentence = (f"The indirect effect of {n['SQ'].lower()} on {n['BL'].lower()} through {n['CS'].lower()} is "
                f"significant (t = {pc.fmt(ind['t'])}), and since the direct effect of {n['SQ'].lower()} on "
                f"{n['BL'].lower()} also remains significant (β = {pc.fmt(direct['original'])}, t = "
                f"{pc.fmt(direct['t'])}), {n['CS'].lower()} partially mediates this relationship.")
    document = parse_text(f"{n['SQ']} (SQ), {n['CS']} (CS) and {n['BL']} (BL) are measured.\n\n{sentence}\n")
    found = [(s["path"], s["statistic"], s["value"]) for s in extract_prose(document, pc.tables(v))["statements"]]
    assert found == [("SQ -> CS -> BL", "t", ind["t"]), ("SQ -> BL", "beta", direct["original"]),
                     ("SQ -> BL", "t", direct["t"])]
