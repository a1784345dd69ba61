"""How the prose reader reads the sentences papers write (English and Indonesian), each number formatted here.

Statements ("p = 0.003", "(0,000 < 0,05)", "P-value 0,002 ( <0,05 )", "t = 2.45", "T-statistik sebesar
8.966", "β = 0.29", "p < 0.001"), verdicts and hypothesis numbers, variance explained, tails, and construct
names from definitions, initials and bracketed synonyms; an unresolved path is skipped.
"""
from __future__ import annotations

import pytest

from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.prose import Names, add_prose_tables, extract_prose

TABLES = {"paths": {"rows": {"KP -> IP": {"p": 0.0}, "EC -> IP": {"p": 0.0}, "IP -> KU": {"p": 0.0},
                             "KP -> IP -> KU": {"p": 0.0}}},
          "r2": {"r2": {"IP": 0.5, "KU": 0.5}}}
DEFINE = ("Keterlibatan pelanggan (KP), e-commerce (EC), inovasi produk (IP) dan kinerja usaha (KU) adalah variabel "
          "penelitian ini.")


def fmt(x: float, decimals: int, comma: bool) -> str:
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if comma else text


def _prose(sentence: str, tables=TABLES):
    document = parse_text(f"{DEFINE}\n\n{sentence}\n")
    skipped = []
    prose = extract_prose(document, tables, skipped=skipped)
    return prose, skipped


@pytest.mark.parametrize("comma", [False, True])
@pytest.mark.parametrize("template,statistic,relation,has_threshold,verdict", [
    ("Keterlibatan pelanggan berpengaruh terhadap inovasi produk (p = {x}).", "p", "=", False, None),
    ("Nilai p keterlibatan pelanggan terhadap inovasi produk ( {x} < {a} ) sehingga hipotesis pertama diterima.",
     "p", "<", True, "supported"),
    ("Keterlibatan pelanggan terhadap inovasi produk dengan P-value {x} ( <{a} ) ditolak.", "p", "<", True,
     "rejected"),
    ("Keterlibatan pelanggan affects inovasi produk, t = {x}, so H1 is supported.",
     "t", "=", False, "supported"),
    ("Pengaruh keterlibatan pelanggan terhadap inovasi produk dibuktikan T-statistik sebesar {x}.", "t", None,
     False, None),
    ("Keterlibatan pelanggan affects inovasi produk (β = {x}); the first hypothesis is not supported.", "beta", "=",
     False, "rejected"),
    ("Keterlibatan pelanggan affects inovasi produk (p < {x}).", "p", "<", False, None),
])
def test_statements(comma, template, statistic, relation, has_threshold, verdict):
    x, a = 0.0123 * 7, 0.05
    decimals = 3
    sentence = template.format(x=fmt(x, decimals, comma), a=fmt(a, 2, comma))
    prose, _ = _prose(sentence)
    found = [s for s in prose["statements"] if s["statistic"] == statistic]
    assert len(found) == 1, prose["statements"]
    s = found[0]
    assert s["path"] == "KP -> IP" and s["value"] == pytest.approx(round(x, decimals)) and s["decimals"] == decimals
    assert s["relation"] == relation and (s["threshold"] == a if has_threshold else s["threshold"] is None)
    assert s["verdict"] == verdict and s["line"] == 3


def test_a_mediation_sentence_names_the_indirect_effect():
    p = fmt(0.0042, 3, True)
    prose, _ = _prose(f"Mediasi diterima dengan P-value {p} ( <0,05 ), sehingga inovasi produk memediasi hubungan "
                      f"antara keterlibatan pelanggan dan kinerja usaha.")
    assert [s["path"] for s in prose["statements"]] == ["KP -> IP -> KU"]


def test_an_unresolved_path_is_skipped():
    prose, skipped = _prose(f"Word of mouth affects loyalty (p = {fmt(0.031, 3, False)}).")
    assert prose["statements"] == [] and skipped and "no path" in skipped[0][2]


@pytest.mark.parametrize("comma", [False, True])
@pytest.mark.parametrize("template,construct", [
    ("The model explains {x}% of the variance in inovasi produk, and the remaining {y}% is due to other factors.",
     "IP"),
    ("Nilai ini menyatakan bahwa sekitar {x}% dari variasi kinerja usaha dipengaruhi oleh inovasi produk, "
     "sedangkan {y}% sisanya dipengaruhi oleh variabel lain.", "KU"),
])
def test_variance_explained(comma, template, construct):
    x = 100 * 0.6784
    prose, _ = _prose(template.format(x=fmt(x, 1, comma), y=fmt(100 - x, 1, comma)))
    (v,) = prose["variance_explained"]
    assert v["construct"] == construct and v["percent"] == pytest.approx(round(x, 1))
    assert v["residual_percent"] == pytest.approx(round(100 - x, 1))


@pytest.mark.parametrize("sentence,stated", [
    ("The hypotheses were tested with one-tailed bootstrap p values.", "one"),
    ("Pengujian hipotesis menggunakan uji satu arah.", "one"),
    ("Significance was assessed with two-tailed tests.", "two"),
    ("Interaksi dua arah antara pelanggan dan usaha penting.", None),     # not about testing
])
def test_tails(sentence, stated):
    prose, _ = _prose(sentence)
    assert prose["tails"]["stated"] == stated


def test_names_by_definition_initials_and_synonym():
    text = ("Perceived usefulness (PU) and behavioural intention (BI) are measured. Kinerja Usaha is the outcome; "
            "kinerja usaha (business performance) grows, kinerja usaha again, once kualitas umum.")
    names = Names.from_document(parse_text(text), {"t": {"r2": {"PU": 1, "BI": 1, "KU": 1}}})
    assert names.resolve("perceived usefulness") == "PU" and names.resolve("Behavioural Intention") == "BI"
    assert names.resolve("kinerja usaha") == "KU" and names.resolve("business performance") == "KU"
    assert names.resolve("kualitas umum") is None and names.resolve("loyalty") is None


def test_hypotheses_stated_mentioned_and_their_verdicts():
    text = (f"{DEFINE}\n\n# Perumusan Hipotesis\n\nH1: Keterlibatan pelanggan berpengaruh positif terhadap inovasi "
            f"produk\n\nH2: E-commerce berpengaruh positif terhadap inovasi produk\n\n# Hasil\n\n"
            f"E-commerce terhadap inovasi produk tidak signifikan (p = {fmt(0.231, 3, True)}), sehingga hipotesis "
            f"kedua ditolak.\n")
    document = parse_text(text)
    tables = {k: dict(v) for k, v in TABLES.items()}
    prose = extract_prose(document, tables)
    assert [(h["id"], h["path"]) for h in prose["hypotheses_stated"]] == [("H1", "KP -> IP"), ("H2", "EC -> IP")]
    assert [(m["ordinal"], m["path"]) for m in prose["hypothesis_mentions"]] == [(2, "EC -> IP")]
    add_prose_tables(document, tables, prose)
    assert tables["hypotheses"]["H2"]["verdict_published"] == "rejected"
    assert "verdict_published" not in tables["hypotheses"]["H1"]      # the text gives none: not guessed


@pytest.mark.parametrize("template,sep", [
    ("Significance was assessed by bootstrapping with {b} subsamples.", ","),
    ("Signifikansi diuji dengan bootstrapping {b} subsampel.", "."),
    ("The bootstrap used {b} resamples (two-tailed).", ""),
])
def test_bootstrap_samples_stated(template, sep):
    b = 5 * 10 ** 3
    text = f"{b:,}".replace(",", sep)
    prose, _ = _prose(template.format(b=text))
    assert prose["bootstrap_samples"]["n"] == b and prose["bootstrap_samples"]["line"] == 3
