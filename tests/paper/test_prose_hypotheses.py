"""Hypotheses as papers state and number them: in Markdown and in flattened PDF text (a stated hypothesis
without a final period, a verdict in brackets after a construct's name), and the ``hypothesis_numbering``
row that names the hypothesis renumbered and both of its places. Texts are written here from the tables'
numbers.
"""
from __future__ import annotations

import pytest

from plssem_pipeline.audit.consistency import ConsistencyOptions
from plssem_pipeline.audit.consistency.prose_claims import check_hypothesis_numbering
from plssem_pipeline.audit.published import parse_published
from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.prose import Names, extract_prose

NAMES = {"KL": "kualitas layanan", "KPL": "kepuasan pelanggan", "LP": "loyalitas pelanggan"}
PATHS = {("KL", "KPL"): (0.480, 8.372), ("KL", "LP"): (0.273, 4.431), ("KPL", "LP"): (0.417, 7.238)}
TABLES = {"table1_path_coefficients": {"rows": {f"{a} -> {b}": {"original": o, "t": t, "p": 0.0}
                                                for (a, b), (o, t) in PATHS.items()}},
          "table2_specific_indirect": {"rows": {"KL -> KPL -> LP": {"original": round(0.480 * 0.417, 3),
                                                                     "t": 5.1, "p": 0.0}}}}
ORDINALS = ["pertama", "kedua", "ketiga"]


def fmt(x: float, decimals: int = 3) -> str:
    return f"{x:.{decimals}f}".replace(".", ",")


def _define() -> str:
    return "Variabel penelitian ini adalah " + ", ".join(f"{n} ({a})" for a, n in NAMES.items()) + "."


def _stated(blank: str) -> str:
    """Each hypothesis stated without a final period after a sentence about it (``blank`` between blocks)."""
    out = []
    for k, (a, b) in enumerate(PATHS):
        out += [f"Penelitian terdahulu menunjukkan bahwa {NAMES[a]} memperkuat {NAMES[b]}.",
                f"H{k + 1}: {NAMES[a].capitalize()} berpengaruh positif terhadap {NAMES[b]}"]
    return blank.join(out)


def _results(order, blank: str) -> str:
    """Results sentences for the paths in ``order``, each naming the hypothesis of its position in ``order``."""
    return blank.join(
        f"{NAMES[a].capitalize()} berpengaruh positif dan signifikan terhadap {NAMES[b]} dengan koefisien jalur "
        f"sebesar {fmt(PATHS[(a, b)][0])}, T-statistik sebesar {fmt(PATHS[(a, b)][1])} dan P-value "
        f"({fmt(0, 3)} < {fmt(0.05, 2)}), sehingga hipotesis {ORDINALS[k]} diterima."
        for k, (a, b) in enumerate(order))


def _mediation() -> str:
    o = TABLES["table2_specific_indirect"]["rows"]["KL -> KPL -> LP"]["original"]
    return (f"Pengaruh tidak langsung {NAMES['KL']} terhadap {NAMES['LP']} melalui {NAMES['KPL']} signifikan "
            f"dengan koefisien sebesar {fmt(o)}, sehingga {NAMES['KPL']} memediasi pengaruh {NAMES['KL']} "
            f"terhadap {NAMES['LP']} (diterima).")


def _paper(blank: str, order=tuple(PATHS)) -> str:
    return blank.join(["PERUMUSAN HIPOTESIS" if blank == "\n" else "## PERUMUSAN HIPOTESIS", _define(),
                       _stated(blank), "HASIL" if blank == "\n" else "## HASIL", _mediation(),
                       _results(order, blank)]) + "\n"


@pytest.mark.parametrize("blank", ["\n", "\n\n"], ids=["flat", "markdown"])
def test_stated_hypotheses_without_a_period_and_mentions_get_their_paths(blank):
    prose = extract_prose(parse_text(_paper(blank)), TABLES)
    stated = {h["id"]: h["path"] for h in prose["hypotheses_stated"]}
    assert stated == {f"H{k + 1}": f"{a} -> {b}" for k, (a, b) in enumerate(PATHS)}
    for h in prose["hypotheses_stated"]:
        a, b = h["path"].split(" -> ")
        assert h["statement"] == f"{NAMES[a].capitalize()} berpengaruh positif terhadap {NAMES[b]}"
    mentions = [(m["ordinal"], m["path"]) for m in prose["hypothesis_mentions"] if m["section"].endswith("HASIL")]
    assert mentions == [(k + 1, f"{a} -> {b}") for k, (a, b) in enumerate(PATHS)]


def test_a_verdict_in_brackets_is_no_construct_name():
    document = parse_text(_paper("\n\n"))
    names = Names.from_document(document, TABLES)
    assert names.resolve("diterima") is None
    assert {names.resolve(n) for n in NAMES.values()} == set(NAMES)


@pytest.mark.parametrize("blank", ["\n", "\n\n"], ids=["flat", "markdown"])
def test_a_renumbering_names_the_paths_and_both_places(blank):
    """The results call H2's path "hipotesis pertama" and H1's "hipotesis kedua": one row naming both paths,
    each with its stated number and section and its number and section in the results, and all four lines."""
    order = [list(PATHS)[1], list(PATHS)[0], list(PATHS)[2]]
    document = parse_text(_paper(blank, order))
    tables = {k: dict(v) for k, v in TABLES.items()}
    prose = extract_prose(document, tables)
    rows = [r for r in check_hypothesis_numbering(parse_published({"tables": tables, "prose": prose}), None,
                                                  ConsistencyOptions()) if r.verdict == "fail"]
    assert len(rows) == 1
    stated = {h["path"]: h for h in prose["hypotheses_stated"]}
    swapped = [" -> ".join(p) for p in order[:2]]
    mentions = {m["path"]: m for m in prose["hypothesis_mentions"] if m["section"].endswith("HASIL")}
    expected = [f"{p}: {stated[p]['id']} in PERUMUSAN HIPOTESIS, 'hipotesis {ORDINALS[swapped.index(p)]}' in HASIL"
                for p in swapped]
    assert rows[0].item == "; ".join(expected)
    for p in swapped:
        assert f"line {stated[p]['line']}" in rows[0].location and f"line {mentions[p]['line']}" in rows[0].location
