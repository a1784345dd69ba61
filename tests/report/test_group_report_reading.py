"""How the multi-group and IPMA sections read (issue 15, a user's study): the MICOM verdict's words, the IPMA
priorities' sentence, the zoomed performance axis of the map and the Indonesian methods sentence.

From the shared groups run (tests/pipeline/groups_study.py); where the run's numbers do not show a case (a
construct without compositional invariance, one or two priorities), a copy of its results file is changed and the
report context built from it.
"""
from __future__ import annotations

import csv

import pytest

from plssem_pipeline.report.catalogue import STRINGS

from group_report_helpers import PAIR, group_context


def _rows(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(rows: list[dict], path) -> str:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


@pytest.mark.parametrize("language", ["en", "id"])
def test_micom_verdict_without_invariance_reads_as_an_answer(groups_run, tmp_path, language):
    """The verdict of a construct without compositional invariance is the word Step 2's column uses for "no" (not
    "None", which reads as a missing value), in the table and the note."""
    words = STRINGS[language]
    assert words["invariance_none"] == words["answer_no"]
    records = _rows(groups_run / f"results/mga/{PAIR}/micom.csv")
    for record in records:
        if record["construct"] == "LIKE":
            record.update(invariance="none", compositional_invariance="False")
    context = group_context(groups_run, language, files={f"micom:{PAIR}": _write(records, tmp_path / "micom.csv")})
    step3 = next(t for t in context["tables"] if t.id == f"table-micom3-{PAIR}")
    cells = {r.keys[0]: r.cells[-1] for r in step3.rows if r.group is None}
    assert cells["LIKE"].text == words["answer_no"] and cells["LIKE"].flag == "fail"
    texts = [c.text for row in step3.rows if row.group is None for c in row.cells]
    assert not any(text in ("None", "none", "nan", "") for text in texts)
    note = " ".join(step3.notes)
    assert f"{words['answer_no'].lower()}: " in note and "none:" not in note and "tidak ada:" not in note
