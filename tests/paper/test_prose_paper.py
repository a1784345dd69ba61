"""The prose checks on the running example: every finding its hand transcription's notes list about the
prose is found, once, at its place, and nothing else in the prose is flagged.

The paper is the Markdown transcript in ``tests/fixtures/paper/``; the notes are those of
``data/published/nafia-komaryatin-2026.yaml`` (ids in the comments). Expected values come from the hand
file's tables, never typed here.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plssem_pipeline.audit.consistency import ConsistencyOptions, checks_table, run_checks
from plssem_pipeline.audit.published import load_published, parse_published
from plssem_pipeline.paper.document import read_document
from plssem_pipeline.paper.extract import extract
from plssem_pipeline.study import model_from_config

ROOT = Path(__file__).resolve().parents[2]
PAPER = ROOT / "tests" / "fixtures" / "paper" / "nafia-komaryatin-2026-sentri.md"
HAND = ROOT / "data" / "published" / "nafia-komaryatin-2026.yaml"
PROSE_CHECKS = ["prose_vs_table", "inequality_verdict", "variance_explained", "hypothesis_numbering",
                "decision_rule", "prose_count", "r2_label", "claim_verdict"]


@pytest.fixture(scope="module")
def extraction():
    return extract(read_document(PAPER))


@pytest.fixture(scope="module")
def hand():
    return yaml.safe_load(HAND.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["en", "id"])
def checks(request, extraction):
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    model = model_from_config(config["constructs"], config["paths"])
    table = checks_table(run_checks(parse_published(extraction.published, file="extracted"), model,
                                    ConsistencyOptions(language=request.param)))
    return table[table["check"].isin(PROSE_CHECKS)]


def _failed(checks, check):
    return checks[(checks["check"] == check) & (checks["verdict"] == "fail")]


def test_every_prose_finding_of_the_notes_and_nothing_else(checks):
    failed = checks[checks["verdict"] != "pass"]
    items = {(c, i.split(":")[0] if c in ("prose_vs_table", "inequality_verdict") else
              i.rsplit(" in ", 1)[1] if c == "hypothesis_numbering" else i)
             for c, i in zip(failed["check"], failed["item"])}
    assert items == {
        ("r2_label", "IP"),                                    # t4_thresholds: 0.678 >= 0.67 is 'kuat'
        ("variance_explained", "IP"), ("variance_explained", "KU"),          # t4_prose_percentages
        ("hypothesis_numbering", "Mediation Test"),           # hypothesis_numbering_results_paragraph
        ("inequality_verdict", "KP -> KU"), ("inequality_verdict", "KP -> IP -> KU"),  # reversed_inequalities
        ("inequality_verdict", "EC -> IP -> KU"),
        ("prose_vs_table", "KP -> KU"),                        # kp_ku_p_value
        ("prose_vs_table", "KP -> IP -> KU / EC -> IP -> KU"),  # mediation_p_values_swapped: one finding
        ("decision_rule", "p_sign"),                           # t5_placement
    }
    assert len(failed) == len(items)                           # one row per finding


def test_percentages_against_r2_and_the_abstract_not_flagged(checks, hand):
    rows = checks[checks["check"] == "variance_explained"].set_index("item")
    r2 = hand["tables"]["table4_r_squared"]["r2"]
    assert set(rows.index) == {"IP", "KU"}                     # the abstract's names are not resolved: skipped
    for construct, row in rows.iterrows():
        assert row["recomputed"] == pytest.approx(100 * r2[construct])
        assert abs(row["published"] - row["recomputed"]) > 10
        assert "line 29," not in row["location"] and "line 2" in row["location"]


def test_swapped_and_wrong_p_values_name_both_places(checks, hand):
    failed = _failed(checks, "prose_vs_table").set_index("item")
    t5, t6 = hand["tables"]["table5_path_coefficients"]["rows"], hand["tables"]["table6_specific_indirect"]["rows"]
    first, second = "KP -> IP -> KU", "EC -> IP -> KU"
    row = failed.loc[f"{first} / {second}: p"]                 # one row: the text gives each the other's p
    assert (row["published"], row["recomputed"]) == (t6[first]["p"], t6[second]["p"])
    assert "Tabel 6" in row["location"] and "line 316" in row["location"]
    assert "line 350" in row["location"] and "line 354" in row["location"]   # Pembahasan quotes each of them
    assert all(path in row["explanation"] for path in (first, second))
    row = failed.loc["KP -> KU: p"]
    assert (row["published"], row["recomputed"]) == (t5["KP -> KU"]["p"], t5["IP -> KU"]["p"])
    assert "Tabel 5" in row["location"] and "line 336" in row["location"]
    passed = checks[(checks["check"] == "prose_vs_table") & (checks["verdict"] == "pass")]
    assert {"KP -> KU: t", "KP -> IP -> KU: t", "EC -> IP -> KU: t"} <= set(passed["item"])  # the t's match


def test_inequalities_numbering_rule_and_counts_at_their_places(checks, hand):
    assert all("line 316" in loc for loc in _failed(checks, "inequality_verdict")["location"])
    numbering = checks[checks["check"] == "hypothesis_numbering"]
    wrong = _failed(checks, "hypothesis_numbering").iloc[0]
    assert wrong["published"] == 4 and wrong["recomputed"] == 0 and "line 316" in wrong["location"]
    assert "line 127" in wrong["location"]                     # the stated hypothesis it contradicts
    hand_hypotheses = hand["tables"]["hypotheses"]             # each path renumbered, with its stated number
    renumbered = [part.split(": ", 1) for part in wrong["item"].split("; ")]
    assert len(renumbered) == wrong["published"]
    for path, numbers in renumbered:
        hid = next(h for h, v in hand_hypotheses.items() if v["path"] == path)
        assert numbers.startswith(f"{hid} in Perumusan Hipotesis, 'hipotesis ") and numbers.endswith("Mediation Test")
    assert set(numbering[numbering["verdict"] == "pass"]["item"].str.split(" > ").str[0]) == {"Pembahasan"}
    assert "line 295" in _failed(checks, "decision_rule").iloc[0]["location"]
    counts = checks[checks["check"] == "prose_count"]
    blocks = hand["tables"]["table1_respondents"]["blocks"]
    categories = sum(len(b["categories"]) for b in blocks.values())
    # every category but two, which the prose names differently ("kurang dari 1 saru tahun" for "Belum 1 tahun",
    # "2,5milyar – 50 miliar" for "2,5 milyar – 5 milyar"; notes t1_prose_typos, t1_revenue_band_label): not guessed
    assert len(counts) == categories - 2 and set(counts["verdict"]) == {"pass"}   # t1_block_sums: the prose agrees
    by_label = {c["label"]: c["n"] for b in blocks.values() for c in b["categories"].values()}
    for item, value in zip(counts["item"], counts["published"]):
        assert by_label[item.split(" (", 1)[1][:-1]] == value


def test_hypotheses_and_mediation_claims_equal_the_hand_file(extraction, hand):
    tables = extraction.published["tables"]
    for hid, h in hand["tables"]["hypotheses"].items():
        got = tables["hypotheses"][hid]
        assert (got["path"], got["verdict_published"], got["statement"]) == (
            h["path"], h["verdict_published"], h["statement"])
    assert set(tables["hypotheses"]) == set(hand["tables"]["hypotheses"])
    keys = ("path", "claim", "verdict_published", "prose_values")
    assert [{k: c[k] for k in keys} for c in tables["mediation_claims"]] == [
        {k: c[k] for k in keys} for c in hand["tables"]["mediation_claims"]]
    labels = tables["table4_r_squared"]
    assert labels["interpretation_published"] == hand["tables"]["table4_r_squared"]["interpretation_published"]
    assert labels["thresholds_stated"] == hand["tables"]["table4_r_squared"]["thresholds_stated"]


def test_the_extracted_claims_give_the_hand_files_claim_checks(extraction):
    from plssem_pipeline.audit.consistency import check_claims

    options = ConsistencyOptions()
    hand_rows = [(r.item, r.verdict) for r in check_claims(load_published(HAND), None, options)]
    got_rows = [(r.item, r.verdict) for r in check_claims(parse_published(extraction.published), None, options)]
    assert got_rows == hand_rows


def test_prose_numbers_trace_to_the_text(extraction):
    text = read_document(PAPER).text
    prose = extraction.published["prose"]
    provenance = extraction.published["provenance"]
    for i, statement in enumerate(prose["statements"]):
        span = provenance[f"prose.statements[{i}].value"]
        assert text[span["start"]:span["end"]] == span["text"]
        assert float(span["text"].replace(",", ".")) == statement["value"]
    for i, claim in enumerate(extraction.published["tables"]["mediation_claims"]):
        for key, value in claim["prose_values"].items():
            span = provenance[f"tables.mediation_claims[{i}].prose_values.{key}"]
            assert float(span["text"].replace(",", ".")) == value
