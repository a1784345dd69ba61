"""How the multi-group and IPMA sections read (issue 15, a user's study): the MICOM verdict's words, the IPMA
priorities' sentence, the zoomed performance axis of the map and the Indonesian methods sentence.

From the shared groups run (tests/pipeline/groups_study.py); where the run's numbers do not show a case (a
construct without compositional invariance, one or two priorities), a copy of its results file is changed and the
report context built from it.
"""
from __future__ import annotations

import csv
import json

import numpy as np
import pandas as pd
import pytest

from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.figures.ipma import MARGIN, MIN_MARGIN, ipma_figure, performance_limits
from plssem_pipeline.report.tables import integer

import groups_study

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


def _section(context, section_id):
    return next(s for s in context["sections"] if s["id"] == section_id)


def _texts(context, section_id) -> list[str]:
    return [b["text"] for b in _section(context, section_id)["blocks"] if b["kind"] == "text"]


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


def _ipma_files(groups_run, tmp_path, chosen: list[str]) -> dict:
    """constructs.csv with the constructs ``chosen`` of high importance and low performance, the others the
    opposite: exactly ``chosen`` lie in the map's lower right."""
    records = _rows(groups_run / "results/ipma/constructs.csv")
    for record in records:
        high = record["construct"] in chosen
        record.update(importance=str(5.0 if high else 1.0), performance=str(10.0 if high else 50.0))
    return {"ipma_constructs": _write(records, tmp_path / "constructs.csv")}


@pytest.mark.parametrize("language", ["en", "id"])
def test_ipma_sentence_names_the_priorities_for_their_room_to_improve(groups_run, tmp_path, language):
    """One priority: the singular sentence; two: the plural. Neither promises "the largest gain" (another construct
    may have the larger importance); both say why they are priorities: importance with room to improve."""
    words = STRINGS[language]
    names = [r["construct"] for r in _rows(groups_run / "results/ipma/constructs.csv")]
    assert len(names) >= 3
    for chosen, key in ((names[-1:], "ipma_priority"), (names[-2:], "ipma_priorities")):
        context = group_context(groups_run, language, files=_ipma_files(groups_run, tmp_path, chosen))
        sentence = _texts(context, "ipma")[1]
        assert sentence == words[key].format(target="CUSL", constructs=", ".join(chosen))
    singular, plural = words["ipma_priority"], words["ipma_priorities"]
    assert "largest gain" not in singular + plural and "terbesar" not in singular + plural
    if language == "en":
        assert "it is the priority" in singular and "they are the priorities" in plural
        assert " their " not in singular and " its " not in plural
    else:
        assert "Konstruk ini" in singular and "Konstruk-konstruk ini" in plural


def test_ipma_map_zooms_the_performance_axis_to_the_points(groups_run):
    import matplotlib.pyplot as plt

    constructs = pd.read_csv(groups_run / "results/ipma/constructs.csv")
    y = constructs["performance"].to_numpy(dtype=float)
    fig = ipma_figure(constructs)
    low, high = fig.axes[0].get_ylim()
    plt.close(fig)
    assert (low, high) == performance_limits(y)
    margin = max(MARGIN * float(np.ptp(y)), MIN_MARGIN)
    assert 0.0 <= low < y.min() < y.max() < high <= 100.0
    assert (low == 0.0 or y.min() - low >= margin - 1e-12) and (high == 100.0 or high - y.max() >= margin - 1e-12)
    # zoomed: no wider than the points and the two margins (a 0-100 axis would squeeze them into a band)
    assert high - low <= np.ptp(y) + 2 * margin + 1e-12 < 100.0


@pytest.mark.parametrize("points", [[96.0, 99.5], [0.5, 3.0], [5.0, 50.0, 95.0], [42.0, 42.0]])
def test_performance_limits_stay_within_0_100_and_hold_every_point(points):
    low, high = performance_limits(points)
    assert 0.0 <= low < high <= 100.0
    assert low <= min(points) and max(points) <= high
    assert min(points) - low >= MIN_MARGIN or low == 0.0
    assert high - max(points) >= MIN_MARGIN or high == 100.0


def test_indonesian_methods_sentence_on_the_groups_bootstrap(groups_run):
    """The Indonesian methods sentence on the groups' bootstrap says "tersendiri" (of its own) at most once."""
    methods = " ".join(group_context(groups_run, "id")["methods"])
    sentence = next(s for s in methods.split(". ") if "di-bootstrap" in s)
    assert sentence.count("tersendiri") <= 1 and f"{integer(groups_study.SAMPLES, 'id')} subsampel" in sentence


def _step2(context):
    return next(t for t in context["tables"] if t.id == f"table-micom2-{PAIR}")


def _decimals(text: str) -> int:
    return len(text.split(".")[1])


@pytest.mark.parametrize("shift", [None, 2e-6, -3e-7])
def test_micom_step2_prints_c_and_its_quantile_apart(groups_run, tmp_path, shift):
    """c, its permutation mean and its 5 % quantile with at least 4 decimals, the fewest at which c and the
    quantile print apart, so that the printed numbers agree with the verdict; ``shift``: LIKE's quantile moved to
    c + shift in a copy of micom.csv (c below or above its quantile in the 6th / 7th decimal)."""
    records = _rows(groups_run / f"results/mga/{PAIR}/micom.csv")
    files = {}
    if shift is not None:
        for record in records:
            if record["construct"] == "LIKE":
                q05 = float(record["c"]) + shift
                record.update(c_q05=repr(q05), compositional_invariance=str(float(record["c"]) >= q05))
        files = {f"micom:{PAIR}": _write(records, tmp_path / "micom.csv")}
    table = _step2(group_context(groups_run, files=files))
    rows = {r.keys[0]: r for r in table.rows if r.group is None}
    decimals = {_decimals(c.text) for r in rows.values() for c in r.cells[1:4]}
    assert len(decimals) == 1 and min(decimals) >= 4
    (shown,) = decimals
    apart_at = []
    for record in records:
        c, q05 = float(record["c"]), float(record["c_q05"])
        text_c, text_q = rows[record["construct"]].cells[1].text, rows[record["construct"]].cells[3].text
        if c != q05:
            assert text_c != text_q and (float(text_c) >= float(text_q)) == (c >= q05)
            apart_at.append(next(d for d in range(4, 20) if f"{c:.{d}f}" != f"{q05:.{d}f}"))
        holds = rows[record["construct"]].cells[5].text == STRINGS["en"]["answer_yes"]
        assert holds == (c >= q05)
    assert shown == max(apart_at + [4])                 # the fewest that tell every c from its quantile
    assert f"have {shown} decimals" in " ".join(table.notes).replace("\n", " ")


def test_micom_step2_note_reads_p_as_the_verdict_allows(groups_run, groups_context):
    """The note's reading of p holds for the run's every construct: invariance goes with p >= 0.05, no invariance
    with p below 0.05 + 1/P (P the permutations used), the bound the note prints."""
    summary = json.loads((groups_run / f"results/mga/{PAIR}/summary.json").read_text())["details"]
    used = summary["permutations"] - summary["failed_permutations"]
    note = " ".join(_step2(groups_context).notes)
    assert f"from 0.05 to {0.05 + 1 / used:.4f} can go either way" in note
    for record in _rows(groups_run / f"results/mga/{PAIR}/micom.csv"):
        p, holds = float(record["c_p"]), float(record["c"]) >= float(record["c_q05"])
        assert p >= 0.05 if holds else p < 0.05 + 1 / used


@pytest.mark.parametrize("language", ["en", "id"])
def test_groups_sentence_names_a_group_below_the_ten_times_rule(groups_run, tmp_path, language):
    """The sentence on the groups names each group with fewer respondents than the clean step's ten-times rule of
    thumb (here raised, in a copy of results/clean/summary.json, between the two groups' sizes)."""
    summary = json.loads((groups_run / "results/clean/summary.json").read_text())
    sizes = {g["code"]: g["n"] for g in json.loads(
        (groups_run / f"results/mga/{PAIR}/summary.json").read_text())["details"]["groups"]}
    words = STRINGS[language]

    def sentence(need):
        summary["details"]["recommended_respondents"] = need
        path = tmp_path / f"clean_{need}.json"
        path.write_text(json.dumps(summary), encoding="utf-8")
        context = group_context(groups_run, language, files={"clean_summary": str(path)})
        return _texts(context, "groups")[0]

    first = words["groups_below_ten_times"].split("{")[0]
    assert first not in sentence(min(sizes.values()))            # every group meets the rule
    small = sentence(max(sizes.values()))                       # the smaller group does not
    below = [code for code, n in sizes.items() if n < max(sizes.values())]
    assert first in small and len(below) == 1
    label = groups_study.CATEGORIES[int(below[0])]
    assert f"{first}{integer(max(sizes.values()), language)}:" in small
    assert f"{label} (n = {integer(sizes[below[0]], language)})" in small.split(first)[1]


#: Per MGA table of results.html: for each row header (the path), the number of lines its text takes.
_PATH_LINES = """(() => [...document.querySelectorAll('div[id^="table-mga-"] table')].map(t =>
  [...t.querySelectorAll('tbody th[scope=row]')].map(th => {
    const range = document.createRange();
    range.selectNodeContents(th);
    return [th.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
  })))()"""


def test_html_mga_tables_keep_each_path_on_one_line(groups_run):
    """In a browser 1,100 px wide (the user's window), no path of an MGA table wraps ("SQ ->" / "SAT")."""
    from report_browser import Browser, chromium_binary

    if chromium_binary() is None:
        pytest.skip("needs Debian's chromium")
    with Browser(width=1100, height=1400) as browser:
        tables = browser.open(groups_run / "report/results.html").evaluate(_PATH_LINES)
    assert len(tables) == 2 and all(tables)                  # paths and specific indirect effects
    lines = {text: count for table in tables for text, count in table}
    assert any(text.count("->") == 2 for text in lines)      # an indirect path, the longest
    assert set(lines.values()) == {1}, {t: c for t, c in lines.items() if c != 1}


def test_pdf_keeps_each_groups_bootstrap_rows_with_its_label(groups_run):
    """Table of the groups' bootstrap results in the PDF: on every page the table continues on, its first path
    row comes after a group's label (a group's rows are kept together), and in the LaTeX every row of a group but
    its last forbids a page break (``\\\\*``)."""
    from report_helpers import pdftotext

    caption = STRINGS["en"]["t_group_bootstrap"]
    pages = [p for p in pdftotext(groups_run / "report/results.pdf").split("\f") if caption in p]
    assert pages
    continued = [p for p in pages if f"{caption} (" in p]
    for page in continued:
        lines = page[page.index(caption):].splitlines()
        first_row = next(k for k, line in enumerate(lines) if "->" in line)
        assert any("(n = " in line for line in lines[:first_row]), lines[:first_row + 1]
    tex = (groups_run / "report/results.tex").read_text(encoding="utf-8")
    table = tex[tex.index(r"\label{table-group-bootstrap}"):]
    table = table[:table.index(r"\end{longtable}")]
    blocks = table.split(r"\textit{")[1:]                      # a group heading each
    assert len(blocks) == 2                                    # the two groups
    for block in blocks:
        rows = [line for line in block.splitlines()[1:] if r"-\textgreater{}" in line]
        assert rows and all(r.endswith("\\\\*") for r in rows[:-1]) and rows[-1].endswith("\\\\")
        assert not rows[-1].endswith("\\\\*")


def test_a_long_group_may_break_with_its_label_repeated():
    from plssem_pipeline.report.tables import KEEP_ROWS, Row, Table

    rows = [Row(keys=(str(k),)) for k in range(2 * KEEP_ROWS + 3)]
    kept = Table("t", "1", "c", [], rows, keep_groups=True)
    ends = kept.row_ends("Group", rows)
    assert [k + 1 for k, end in enumerate(ends) if end == "repeat"] == [KEEP_ROWS, 2 * KEEP_ROWS]
    assert ends[-1] == "" and set(ends[:-1]) <= {"keep", "repeat"}
    assert Table("t", "1", "c", [], rows).row_ends("Group", rows) == [""] * len(rows)
    assert kept.row_ends(None, rows) == [""] * len(rows)


@pytest.mark.parametrize("language", ["en", "id"])
def test_mga_tables_say_no_correction_for_multiple_comparisons(groups_run, language):
    context = group_context(groups_run, language)
    sentence = {"en": "No correction for multiple comparisons (pairs × paths × tests) is applied",
                "id": "Tidak ada koreksi untuk perbandingan berganda (pasangan × jalur × uji)"}[language]
    tables = [t for t in context["tables"] if t.id.startswith("table-mga-")]
    assert len(tables) == 2 and all(sentence in " ".join(t.notes) for t in tables)
