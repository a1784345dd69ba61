"""The discriminant-validity and collinearity checks (audit.consistency.discriminant) on extracted papers.

Tables are printed from a ``plssem`` estimate of a simulated survey (the generator's "adoption" study,
whose second construct has one predictor); a clean paper passes every row, and each planted error
(a printed number changed, or a conclusion the numbers contradict) fails exactly its row.
"""
from __future__ import annotations

import math

import pytest

from plssem_pipeline.audit.consistency import ConsistencyOptions, run_checks
from plssem_pipeline.audit.published import parse_published
from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.extract import extract
from plssem_pipeline.paper.model import infer_model
from test_extract_layouts import _estimates, _f, _tables, _text

CHECKS = {"fornell_larcker_diagonal", "discriminant_verdict", "cross_loading_equals_loading", "vif_at_least_one",
          "f_square_single_predictor"}


@pytest.fixture(scope="module")
def study():
    e, vif, cross = _estimates("adoption")
    return e, vif, cross


def _paper(study, *, fl_says="Discriminant validity is established by the Fornell-Larcker criterion (Table 4).",
           htmt_says=None, edit=None, language="en"):
    e, vif, cross = study
    tables = _tables(e, vif, cross, language == "id")
    top = max(e.htmt.where(e.htmt.values < 1).max())
    htmt_says = htmt_says or "All HTMT values are below 0.90 (Table 5), so discriminant validity holds."
    text = _text(tables, "tabs")
    text = text.replace("Table 5. Heterotrait", htmt_says + "\n\nTable 5. Heterotrait")
    text = text.replace("Table 6. Cross", fl_says + "\n\nTable 6. Cross")
    if edit:
        text = edit(text, e, vif)
    return text, top


def _rows(text, language="en", checks=CHECKS):
    """The rows of ``checks`` on the extraction of ``text``, and the extraction."""
    extraction = extract(parse_text(text, "paper.md"))
    pub = parse_published(extraction.published, file="paper.md")
    options = ConsistencyOptions(language=language)
    rows = [r for r in run_checks(pub, infer_model(extraction.published), options) if r.check in checks]
    return rows, extraction


def test_a_clean_paper_passes_every_row(study):
    e, vif, cross = study
    rows, extraction = _rows(_paper(study)[0])
    by = {}
    for r in rows:
        by.setdefault(r.check, []).append(r)
    assert {r.verdict for r in rows} == {"pass"}
    assert len(by["fornell_larcker_diagonal"]) == len(e.constructs)
    assert len(by["cross_loading_equals_loading"]) == len(e.loadings)
    single = [t for t, p in e.predecessors.items() if len(p) == 1]
    assert len(by["f_square_single_predictor"]) == len(single) >= 1
    assert sorted(r.item for r in by["discriminant_verdict"]) == ["discriminant validity (Fornell-Larcker)",
                                                                  "discriminant validity (HTMT)"]
    assert "vif_at_least_one" not in by
    table = extraction.published["tables"]["table5_htmt"]["discriminant_verdict"]
    assert table["verdict"] == "established" and table["threshold"] == float("0.90")


def test_planted_errors_fail_their_row(study):
    e, vif, cross = study
    construct = e.constructs[1]
    diagonal = _f(e.fornell_larcker.loc[construct, construct], False)
    moved = _f(float(diagonal) + 0.02, False)
    item, value = next(iter(vif.items()))
    target = next(t for t, p in e.predecessors.items() if len(p) == 1)
    path = f"{e.predecessors[target][0]} -> {target}"
    f2 = _f(e.f2[path], False)

    def plant(text, e, vif):
        text = text.replace(f"{construct}\t" + "\t".join(_f(e.fornell_larcker.loc[construct, b], False)
                                                         for b in e.constructs[:1]) + f"\t{diagonal}",
                            f"{construct}\t" + "\t".join(_f(e.fornell_larcker.loc[construct, b], False)
                                                         for b in e.constructs[:1]) + f"\t{moved}")
        text = text.replace(f"{path}\t{f2}", f"{path}\t{_f(float(f2) + 0.05, False)}")
        return text.replace(f"{item}\t{_f(value, False)}", f"{item}\t{_f(1 / value, False)}")

    rows, _ = _rows(_paper(study, edit=plant)[0])
    failed = sorted((r.check, r.item) for r in rows if r.verdict == "fail")
    assert failed == [("f_square_single_predictor", path), ("fornell_larcker_diagonal", construct),
                      ("vif_at_least_one", item)]


def test_a_conclusion_its_numbers_contradict(study):
    top = _paper(study)[1]
    bound = math.floor(top * 100) / 100 - 0.01  # a stated bound below the largest printed HTMT
    text, _ = _paper(study, htmt_says=f"All HTMT values are below {bound:.2f}, so discriminant validity holds.",
                     fl_says="The Fornell-Larcker criterion shows that discriminant validity is not established.")
    rows, _ = _rows(text)
    verdicts = {r.item: r.verdict for r in rows if r.check == "discriminant_verdict"}
    assert verdicts == {"discriminant validity (Fornell-Larcker)": "fail", "discriminant validity (HTMT)": "fail"}


def test_indonesian_paper_and_explanations(study):
    text, _ = _paper(study, language="id", fl_says="Validitas diskriminan terpenuhi menurut kriteria Fornell-Larcker.")
    rows, _ = _rows(text, language="id")
    assert {r.verdict for r in rows} == {"pass"}
    diagonal = next(r for r in rows if r.check == "fornell_larcker_diagonal")
    assert diagonal.explanation.startswith("diagonal Fornell-Larcker adalah √AVE")


def test_a_wrong_ave_is_one_finding_not_two(study):
    e = study[0]
    construct = e.constructs[0]
    rel = e.reliability.loc[construct]
    printed = "\t".join([construct] + [_f(rel[k], False) for k in ("cronbach_alpha", "rho_a", "rho_c", "ave")])
    wrong = printed.rsplit("\t", 1)[0] + "\t" + _f(rel["ave"] + 0.05, False)
    rows, _ = _rows(_paper(study, edit=lambda text, e, vif: text.replace(printed, wrong))[0],
                    checks={"fornell_larcker_diagonal", "ave_from_loadings"})
    verdicts = {(r.check, r.item): r for r in rows if r.item == construct}
    assert verdicts[("ave_from_loadings", construct)].verdict == "fail"
    diagonal = verdicts[("fornell_larcker_diagonal", construct)]
    assert diagonal.verdict == "pass" and "ave_from_loadings" in diagonal.explanation


def _htmt_row(text, language="en"):
    rows, extraction = _rows(text, language=language, checks={"discriminant_verdict"})
    return next(r for r in rows if r.item.endswith("(HTMT)")), extraction


@pytest.mark.parametrize("language, says", [
    ("en", "Every HTMT ratio is below the conservative threshold value of {b} (Table 5), so discriminant validity "
           "holds."),
    ("en", "With the highest HTMT well under the cut-off of {b}, discriminant validity is established."),
    ("id", "Seluruh nilai HTMT berada di bawah nilai ambang {b} sehingga validitas diskriminan terpenuhi."),
    ("id", "Nilai HTMT tidak melewati batas {b}, sehingga validitas diskriminan terpenuhi.")])
def test_a_stated_htmt_threshold_is_read_however_it_is_worded(study, language, says):
    top = _paper(study)[1]
    bound = math.ceil(top * 100) / 100 + 0.01  # a stated bound just above the largest printed HTMT
    printed = f"{bound:.2f}".replace(".", "," if language == "id" else ".")
    row, extraction = _htmt_row(_paper(study, language=language, htmt_says=says.format(b=printed))[0], language)
    stated = extraction.published["tables"]["table5_htmt"]["discriminant_verdict"]
    assert stated["threshold"] == pytest.approx(bound) and row.verdict == "pass"
    assert f"{printed} (" in row.explanation and ("states no threshold" not in row.explanation)


def _with_top_htmt(study, printed: str, says: str):
    """The paper with its largest HTMT printed as ``printed`` and the sentence ``says`` before Table 5."""
    e = study[0]
    top = max(e.htmt.where(e.htmt.values < 1).max())
    return _paper(study, htmt_says=says,
                  edit=lambda text, e, vif: text.replace(f"\t{_f(top, False)}", f"\t{printed}"))[0]


@pytest.mark.parametrize("printed, says, verdict", [
    ("0.850", "All HTMT ratios are below 0.85, so discriminant validity is established.", "warn"),
    ("0.850", "HTMT ratios at or above 0.85 show that discriminant validity is not established.", "warn"),
    ("0.849", "All HTMT ratios are below 0.85, so discriminant validity is established.", "pass"),
    ("0.851", "All HTMT ratios are below 0.85, so discriminant validity is established.", "fail"),
    ("0.872", "Discriminant validity is established by the HTMT (Table 5).", "warn"),
    ("0.899", "Discriminant validity is established by the HTMT (Table 5).", "warn"),
    ("0.905", "Discriminant validity is established by the HTMT (Table 5).", "fail"),
    ("0.872", "The HTMT shows that discriminant validity is not established (Table 5).", "warn")])
def test_an_htmt_verdict_that_turns_on_rounding_or_the_unstated_band_is_a_warn(study, printed, says, verdict):
    row, _ = _htmt_row(_with_top_htmt(study, printed, says))
    assert row.verdict == verdict, row.explanation
    assert ("the paper may be right" in row.explanation) == (verdict == "warn")


def test_a_clear_htmt_failure_is_not_softened_by_a_borderline_pair(study):
    e = study[0]
    pairs = sorted({v for v in e.htmt.values.ravel() if v < 1}, reverse=True)[:2]  # NaN < 1 is False

    def edit(text, e, vif):
        return text.replace(f"\t{_f(pairs[0], False)}", "\t0.951").replace(f"\t{_f(pairs[1], False)}", "\t0.850")
    row, _ = _htmt_row(_paper(study, htmt_says="All HTMT ratios are below 0.85, so discriminant validity holds.",
                              edit=edit)[0])
    assert row.verdict == "fail" and "0.951" in row.explanation and "0.850" in row.explanation
