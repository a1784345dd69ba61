"""The exclusions log's reason codes: one per event, counted by code in the summary, worded in every report language."""
from collections import Counter

from plssem_pipeline.ingest.cleaning import clean_survey
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.ingest.survey import read_survey
from plssem_pipeline.ingest.values import REASON_CODES
from plssem_pipeline.report.catalogue import STRINGS

RESPONDENTS = {"sector": {"label": "Sector", "categories": {1: "Food", 2: "Fashion", 3: "Craft"}}}
CONSTRUCTS = {"A": {"indicators": ["A1", "A2", "A3"]}, "B": {"indicators": ["B1", "B2"]}}
LINES = ["id;sector;A1;A2;A3;B1;B2",
         "R1;1;4;5;3;3;4",
         "R2;2;-99;4;2;;3",        # a missing-value code, a blank cell
         "R3;9;5; 5 ;4;4;1",       # not a category, surrounding whitespace
         "R4;3;2;7;2;2;1",         # off the scale
         "R5;2;x;2;4;4;5",         # not a number
         "R6;1;3;3;3;3;3",         # straight-lining
         "R7;1;;;;;",              # no valid answer to any indicator
         ";;;;;;",                 # an empty row
         "R8;2;2;4;5;3;2",
         "R9;3;5;1;2;4;4"]


def test_every_event_has_a_code_that_the_summary_counts_and_the_report_words(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    spec = SurveySpec.from_config({"id_column": "id", "missing_codes": [-99], "scale": {"min": 1, "max": 5},
                                   "invalid_values": "missing"}, RESPONDENTS, CONSTRUCTS)
    out = clean_survey(read_survey(path), spec)
    codes = out.exclusions["reason_code"].tolist()
    assert set(codes) <= set(REASON_CODES)
    assert {"blank_cell", "missing_code", "not_a_category", "trimmed", "off_scale", "not_a_number",
            "straight_lining", "no_answer", "blank_row"} <= set(codes)
    assert out.details["exclusion_reasons"] == dict(sorted(Counter(codes).items()))
    for language, strings in STRINGS.items():     # the report's methods name each code in its language
        assert all(strings.get(f"reason_{code}") for code in REASON_CODES), language
    assert len({STRINGS["id"][f"reason_{code}"] for code in REASON_CODES}) == len(REASON_CODES)
