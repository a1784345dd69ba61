"""Construct names misspelt by one letter: resolved when exactly one construct's name is within one edit and
no other's within two, otherwise not (never guessed); in a sentence, the misspelt name gives its path. The
typos are made here from the names (a letter doubled, dropped or replaced in the longest word)."""
from __future__ import annotations

import pytest

from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.prose import Names, extract_prose
from plssem_pipeline.paper.prose.names import normalise
from plssem_pipeline.paper.prose.typos import distance

NAMES = {"keterlibatan pelanggan": "KP", "inovasi produk": "IP", "kinerja usaha": "KU", "e-commerce": "EC"}
TABLES = {"paths": {"rows": {"KP -> IP": {"p": 0.0}, "EC -> IP": {"p": 0.0}, "IP -> KU": {"p": 0.0}}}}


def typo(name: str, how: str) -> str:
    """``name`` with one letter doubled, dropped or replaced in the middle of its longest word."""
    words = name.split()
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w, m = words[k], len(words[k]) // 2
    words[k] = {"double": w[:m] + w[m] + w[m:], "drop": w[:m] + w[m + 1:],
                "replace": w[:m] + ("x" if w[m] != "x" else "y") + w[m + 1:]}[how]
    return " ".join(words)


@pytest.mark.parametrize("how", ["double", "drop", "replace"])
def test_one_letter_typo_resolves_when_no_other_name_is_near(how):
    names = Names(NAMES)
    for name, abbr in NAMES.items():
        if len(max(name.split(), key=len)) < 6:
            continue
        wrong = typo(name, how)
        assert distance(normalise(wrong), normalise(name)) == 1
        assert names.resolve(wrong) == abbr and names.resolve(wrong.upper()) == abbr


def test_a_typo_near_two_names_or_in_a_short_word_stays_unresolved():
    near = {"kualitas produk": "KP", "kualitas produksi": "KPS"}      # two edits apart
    wrong = "kualitas produk" + "k"                                    # one from the first, two from the second
    assert distance(wrong, "kualitas produk") == 1 and distance(wrong, "kualitas produksi") == 2
    assert Names(near).resolve(wrong) is None
    short = {"kinerja umkm": "KU"}
    assert Names(short).resolve("kinerja umum") is None               # one letter in a four-letter word
    assert Names(NAMES).resolve(typo(typo("keterlibatan pelanggan", "double"), "double")) is None  # two edits


@pytest.mark.parametrize("how", ["double", "drop", "replace"])
def test_a_misspelt_name_in_a_sentence_gives_its_path(how):
    p = round(0.0123 * 3, 3)
    define = ", ".join(f"{n} ({a})" for n, a in NAMES.items())
    wrong = typo("keterlibatan pelanggan", how)
    source = (f"Variabel penelitian ini adalah {define}.\n\n"
              f"{wrong.capitalize()} berpengaruh terhadap inovasi produk (p = {p:.3f}).\n")
    document = parse_text(source)
    assert Names.from_document(document, TABLES).resolve(wrong) == "KP"
    statements = extract_prose(document, TABLES)["statements"]
    assert [(s["path"], s["value"]) for s in statements] == [("KP -> IP", p)]


def test_a_misspelt_name_near_two_names_in_a_sentence_is_skipped():
    tables = {"paths": {"rows": {"KP -> IP": {"p": 0.0}, "KPS -> IP": {"p": 0.0}}}}
    p = round(0.0123 * 3, 3)
    source = ("Variabel penelitian ini adalah kualitas produk (KP), kualitas produksi (KPS) dan inovasi produk (IP).\n\n"
              f"Kualitas produkk berpengaruh terhadap inovasi produk (p = {p:.3f}).\n")
    skipped = []
    statements = extract_prose(parse_text(source), tables, skipped=skipped)["statements"]
    assert statements == [] and skipped


def _levenshtein(a: str, b: str) -> int:
    """The textbook dynamic programme (Wagner and Fischer 1974), the whole table."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row = row, [i]
        for j, cb in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb)))
    return row[-1]


def test_the_banded_distance_is_levenshtein_up_to_its_limit():
    import random

    from plssem_pipeline.paper.prose.typos import _one_apart

    rng = random.Random(16)
    for _ in range(3000):
        a, b = ("".join(rng.choice("abc") for _ in range(rng.randint(0, 7))) for _ in range(2))
        full = _levenshtein(a, b)
        assert [distance(a, b, limit) for limit in (1, 2)] == [min(full, limit + 1) for limit in (1, 2)], (a, b)
        assert _one_apart(a, b) == (full == 1), (a, b)
