"""The methods section names the workbook sheet read and the profile variables whose categories are value labels."""
import json

import pytest
import yaml

from report_helpers import ROOT, context_for

STRINGS = ROOT / "src/plssem_pipeline/report/strings"


@pytest.mark.parametrize("language", ["en", "id"])
def test_sheet_and_value_labels_in_the_method_section(study_run, tmp_path, language):
    summary = json.loads((study_run / "results/clean/summary.json").read_text(encoding="utf-8"))
    summary["details"]["format"].update(file_format="xlsx", sheet="Responses")
    summary["details"]["categories_from_value_labels"] = ["revenue", "business_type"]
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(summary), encoding="utf-8")
    strings = yaml.safe_load((STRINGS / f"{language}.yaml").read_text(encoding="utf-8"))
    context = context_for(study_run, audit="run", language=language, files={"clean_summary": path})
    methods = " ".join(context["methods"])
    survey = yaml.safe_load((study_run / "config.yaml").read_text(encoding="utf-8"))["data"]["survey"]
    assert strings["m_survey_sheet"].format(survey=survey, sheet="Responses") in methods
    assert strings["m_value_labels"].format(variables="revenue, business_type") in methods
    plain = context_for(study_run, audit="run", language=language)
    assert strings["m_survey_sheet"].format(survey=survey, sheet="Responses") not in " ".join(plain["methods"])
