"""The extractor on the running example: its tables equal the hand transcription, number for number.

The paper is the project's reference Markdown transcript (``tests/fixtures/paper/``, an unchanged
copy of the shared one); its hand transcription is ``data/published/nafia-komaryatin-2026.yaml``. Both are read
with the audit's own reader (``parse_published``), so the comparison is of what the audit uses.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from plssem_pipeline.audit.published import load_published, parse_published
from plssem_pipeline.paper.document import read_document
from plssem_pipeline.paper.extract import extract
from plssem_pipeline.paper.provenance import numeric_leaves, verify
from plssem_pipeline.study.safety import load_yaml

ROOT = Path(__file__).resolve().parents[2]
PAPER = ROOT / "tests" / "fixtures" / "paper" / "nafia-komaryatin-2026-sentri.md"
HAND = ROOT / "data" / "published" / "nafia-komaryatin-2026.yaml"


@pytest.fixture(scope="module")
def extraction():
    return extract(read_document(PAPER))


@pytest.fixture(scope="module")
def both(extraction):
    return parse_published(extraction.published, file="extracted"), load_published(HAND)


def _printed(mapping):
    return {key: (table, p.value, p.decimals) for key, (table, p) in mapping.items()}


def test_sample_size_and_respondent_blocks(both):
    got, hand = both
    assert got.n == hand.n
    assert len(got.respondents) == len(hand.respondents)
    for g, h in zip(got.respondents, hand.respondents):   # blocks in print order; e-commerce split by a page break
        assert g.table == h.table
        assert [(c[0], c[2]) for c in g.categories] == [(c[0], c[2]) for c in h.categories]
        percents = [[None if c[3] is None else (c[3].value, c[3].decimals) for c in x.categories] for x in (g, h)]
        assert percents[0] == percents[1]  # the percent column too (this paper prints none: none is invented)
        assert g.total == h.total


def test_measurement_and_r2_tables(both):
    got, hand = both
    assert _printed(got.loadings) == _printed(hand.loadings)
    assert set(got.construct_stats) == set(hand.construct_stats)
    for statistic in hand.construct_stats:
        assert _printed(got.stat(statistic)) == _printed(hand.stat(statistic)), statistic


def test_effects_rows_with_their_decimals(both):
    got, hand = both
    for mine, theirs in ((got.effects, hand.effects), (got.indirect, hand.indirect)):
        assert list(mine) == list(theirs)
        for nodes, row in theirs.items():
            assert mine[nodes].table == row.table
            assert {c: (p.value, p.decimals) for c, p in mine[nodes].values.items()} == \
                   {c: (p.value, p.decimals) for c, p in row.values.items()}


def test_printed_decimals_and_headers(extraction):
    hand = load_yaml(HAND, what="published tables")["tables"]
    got = extraction.published["tables"]
    for table_id, table in hand.items():
        if isinstance(table, dict) and "printed_decimals" in table:
            assert got[table_id]["printed_decimals"] == table["printed_decimals"], table_id
    for table_id in ("table2_convergent_validity", "table3_reliability", "table4_r_squared",
                     "table5_path_coefficients", "table6_specific_indirect"):
        assert got[table_id]["columns_printed"] == hand[table_id]["columns_printed"], table_id  # typos kept


def test_the_introduction_tables_are_not_results(extraction):
    captions = [t["caption"] for t in extraction.published["tables"].values() if isinstance(t, dict) and "caption" in t]
    assert not any("UMKM" in c for c in captions)
    assert len(captions) == 6


def test_hypotheses_and_mediation_claims_from_the_prose(both):
    got, hand = both
    assert [(c.id, c.path, c.supported) for c in got.claims] == [(c.id, c.path, c.supported) for c in hand.claims]
    assert [{k: (p.value, p.decimals) for k, p in c.prose_values.items()} for c in got.claims] == \
           [{k: (p.value, p.decimals) for k, p in c.prose_values.items()} for c in hand.claims]


def test_every_number_traces_to_its_span(extraction):
    leaves = list(numeric_leaves(extraction.published))
    assert len(leaves) > 100
    assert verify(extraction.document, extraction.published) == []
