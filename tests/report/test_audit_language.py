"""The report's audit section in the report's language: explanations as the audit step wrote them, and
check names, verdict words and the comparison's labels from the catalogues.

The consistency file is written here by calling the checks directly on the paper's published tables
(the audit step's own function, :func:`plssem_pipeline.audit.consistency.checks_table`), in Indonesian,
as ``report.language: id`` makes the audit step write it; the comparison is the fixture's.
"""
from __future__ import annotations

import pytest
import yaml

from plssem_pipeline.audit.catalogue import AuditCatalogue
from plssem_pipeline.audit.consistency import ConsistencyOptions, checks_table, run_checks
from plssem_pipeline.audit.published import load_published
from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.study import model_from_config

from report_helpers import FIXTURES, ROOT, context_for

PAPER = ROOT / "data" / "published" / "nafia-komaryatin-2026.yaml"


def _consistency(tmp_path, language: str):
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    model = model_from_config(config["constructs"], config["paths"])
    table = checks_table(run_checks(load_published(PAPER), model, ConsistencyOptions(language=language)))
    path = tmp_path / f"consistency-{language}.csv"
    table.to_csv(path, index=False)
    return path, table


@pytest.mark.parametrize("language", ["en", "id"])
def test_audit_section_speaks_the_report_language(study_run, tmp_path, language):
    path, written = _consistency(tmp_path, language)
    context = context_for(study_run, language=language,
                          audit={"published_vs_reproduced": str(FIXTURES / "published_vs_reproduced.csv"),
                                 "consistency": str(path)})
    words, t = AuditCatalogue(language), STRINGS[language]
    checks = context["audit"]["consistency"]["table"]
    assert len(checks.rows) == len(written)
    # the explanations as the audit step wrote them, in the same order (failures first)
    assert [row.detail for row in checks.rows] == written["explanation"].tolist()
    # the check's name and the verdict word from the catalogues, never the CSV's ids
    assert [row.cells[0].text for row in checks.rows] == [words(f"check_{c}") for c in written["check"]]
    verdicts = {"fail": t["verdict_fail"], "warn": t["verdict_note"], "pass": t["verdict_pass"]}
    assert [row.cells[-1].text for row in checks.rows] == [verdicts[v] for v in written["verdict"]]
    # the comparison rows of no numbered table: n and a hypothesis, their ids named in the report's language
    other = context["audit"]["other"]
    assert [(r.cells[0].text, r.cells[1].text) for r in other.rows] == [
        (words("comparison_respondents"), t["c_n"]), ("H1 (KP -> IP)", t["c_supported_binary"])]


def test_indonesian_audit_section_has_no_english_words(study_run, tmp_path):
    path, _ = _consistency(tmp_path, "id")
    context = context_for(study_run, language="id",
                          audit={"published_vs_reproduced": str(FIXTURES / "published_vs_reproduced.csv"),
                                 "consistency": str(path)})
    english = {STRINGS["en"][k] for k in ("verdict_fail", "verdict_note", "verdict_pass")}
    english |= {text for key, text in AuditCatalogue("en").strings.items() if key.startswith("check_")}
    shown = [cell.text for row in context["audit"]["consistency"]["table"].rows for cell in row.cells]
    shown += [cell.text for row in context["audit"]["other"].rows for cell in row.cells]
    assert shown and not english.intersection(shown) - {"t = |O|/STDEV"}   # a formula, the same in both languages
