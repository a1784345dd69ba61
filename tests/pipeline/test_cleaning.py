"""Validation and cleaning of the survey, and the exclusions log (plssem_pipeline.ingest.cleaning)."""
import numpy as np
import pandas as pd
import pytest

from plssem_pipeline.ingest.cleaning import EXCLUSION_COLUMNS, clean_survey
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.survey import read_survey

RESPONDENTS = {"sector": {"label": "Sector", "categories": {1: "Food", 2: "Fashion", 3: "Craft"}}}
CONSTRUCTS = {"A": {"indicators": ["A1", "A2"]}, "B": {"indicators": ["B1", "B2"]}}
HEADER = "id;sector;A1;A2;B1;B2"
GOOD = ["R1;1;4;5;3;4", "R2;2;3;4;2;3", "R3;1;5;5;4;4", "R4;3;2;3;2;1", "R5;2;3;2;4;5"]


def spec(**data):
    base = {"id_column": "id", "missing_codes": [-99, "NA"], "scale": {"min": 1, "max": 5}}
    base.update(data)
    return SurveySpec.from_config(base, RESPONDENTS, CONSTRUCTS)


def clean(tmp_path, lines, bom=False, **data):
    path = tmp_path / "survey.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ("\n".join([HEADER, *lines]) + "\n").encode())
    return clean_survey(read_survey(path), spec(**data))


def test_clean_file_unchanged(tmp_path):
    out = clean(tmp_path, GOOD)
    assert list(out.survey.columns) == ["source_row", "id", "sector", "A1", "A2", "B1", "B2"]
    assert out.survey["source_row"].tolist() == [2, 3, 4, 5, 6]
    assert out.survey["A1"].tolist() == [4, 3, 5, 2, 3] and out.survey["A1"].dtype == np.int64
    assert list(out.exclusions.columns) == EXCLUSION_COLUMNS and out.exclusions.empty
    assert out.details["decimal"] == "."


def test_semicolon_decimal_comma_and_bom(tmp_path):
    lines = GOOD.copy()
    lines[1] = "R2;2;3,5;4;2;3"
    out = clean(tmp_path, lines, bom=True)
    assert out.details["decimal"] == ","
    assert out.survey["A1"].tolist() == [4.0, 3.5, 5.0, 2.0, 3.0]
    assert out.exclusions.empty


def test_off_scale_and_text_stop_with_rows_and_columns(tmp_path):
    lines = GOOD.copy()
    lines[0] = "R1;1;6;5;3;4"
    lines[3] = "R4;3;2;empat;2;1"
    with pytest.raises(UserError) as info:
        clean(tmp_path, lines)
    message = str(info.value)
    assert "row 2, column A1: '6' is off the scale 1–5" in message
    assert "row 5, column A2: 'empat' is not a number" in message
    assert "data.invalid_values" in message


def test_invalid_values_as_missing_are_logged_and_mean_replaced(tmp_path):
    lines = GOOD.copy()
    lines[0] = "R1;1;6;5;3;4"
    out = clean(tmp_path, lines, invalid_values="missing")
    mean = np.mean([3, 5, 2, 3])
    assert out.survey.loc[0, "A1"] == mean
    assert np.isnan(out.validated.loc[0, "A1"])
    row = out.exclusions.iloc[0]
    assert (row["row"], row["id"], row["column"], row["raw_value"]) == (2, "R1", "A1", "6")
    assert "off the scale" in row["reason"] and repr(float(mean)) in row["action"]


def test_missing_codes_and_blank_cells(tmp_path):
    lines = GOOD.copy()
    lines[1] = "R2;2;-99;4;;3"
    lines[2] = "R3;NA;5;5;4;na"
    out = clean(tmp_path, lines)
    ex = out.exclusions
    assert len(ex) == 4  # one row per change
    assert ex[["row", "column", "raw_value"]].values.tolist() == [
        [3, "A1", "-99"], [3, "B1", ""], [4, "sector", "NA"], [4, "B2", "na"]]
    assert ex.loc[0, "reason"].startswith("missing-value code -99")
    assert ex.loc[1, "reason"] == "blank cell"
    assert ex.loc[2, "action"] == "counted as missing in the respondent profile"
    assert out.survey["A1"].tolist()[1] == np.mean([4, 5, 2, 3])
    assert pd.isna(out.survey.loc[2, "sector"])


def test_casewise_deletion(tmp_path):
    lines = GOOD.copy()
    lines[1] = "R2;2;-99;4;;3"
    out = clean(tmp_path, lines, missing_treatment="casewise_deletion")
    assert out.survey["id"].tolist() == ["R1", "R3", "R4", "R5"]
    assert (out.exclusions["action"] == "respondent excluded (data.missing_treatment: casewise_deletion)").all()
    assert len(out.exclusions) == 2
    assert out.details["respondents_excluded"] == 1


def test_missing_treatment_none_refuses(tmp_path):
    lines = GOOD.copy()
    lines[1] = "R2;2;;4;2;3"
    with pytest.raises(UserError, match="row 3, column A1"):
        clean(tmp_path, lines, missing_treatment="none")


@pytest.mark.parametrize("mode, kept", [("flag", 5), ("exclude", 4)])
def test_straight_lining(tmp_path, mode, kept):
    lines = GOOD.copy()
    lines[2] = "R3;1;4;4;4;4"
    out = clean(tmp_path, lines, straight_lining=mode)
    assert len(out.survey) == kept
    row = out.exclusions.iloc[0]
    assert row["row"] == 4 and row["id"] == "R3" and row["column"] == ""
    assert row["reason"].startswith("straight-lining")
    assert ("excluded" in row["action"]) == (mode == "exclude")


def test_whitespace_is_logged(tmp_path):
    lines = GOOD.copy()
    lines[0] = "R1;1;4 ;5;3;4"
    out = clean(tmp_path, lines)
    assert out.survey.loc[0, "A1"] == 4
    assert out.exclusions.loc[0, "raw_value"] == "4 " and out.exclusions.loc[0, "action"] == "read as 4"


def test_duplicate_and_blank_ids(tmp_path):
    lines = GOOD.copy()
    lines[3] = "R1;3;2;3;2;1"
    with pytest.raises(UserError, match="duplicate respondent id.*'R1' in rows 2, 5"):
        clean(tmp_path, lines)
    lines[3] = ";3;2;3;2;1"
    with pytest.raises(UserError, match="blank respondent id in row"):
        clean(tmp_path, lines)


def test_missing_column_named_with_config_key(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("id;sector;A1;A2;B1;b2\nR1;1;4;5;3;4\n")
    with pytest.raises(UserError) as info:
        clean_survey(read_survey(path), spec())
    assert "'B2' (configured in constructs.B.indicators), did you mean 'b2'?" in str(info.value)


def test_unknown_category(tmp_path):
    lines = GOOD.copy()
    lines[0] = "R1;9;4;5;3;4"
    with pytest.raises(UserError, match="'9' is not a category of sector"):
        clean(tmp_path, lines)


def test_constant_indicator_refused(tmp_path):
    lines = [line[:-1] + "4" for line in GOOD]
    with pytest.raises(UserError, match="B2 \\(always 4, construct B\\)"):
        clean(tmp_path, lines)


def test_all_missing_column_refused(tmp_path):
    lines = [";".join(line.split(";")[:2] + ["", *line.split(";")[3:]]) for line in GOOD]
    with pytest.raises(UserError, match="indicator A1 has no valid value"):
        clean(tmp_path, lines)


def test_no_id_column_uses_rows(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("\n".join([HEADER, *GOOD]) + "\n")
    out = clean_survey(read_survey(path), SurveySpec.from_config({}, RESPONDENTS, CONSTRUCTS))
    assert "id" not in out.survey.columns or out.survey.columns.tolist()[0] == "source_row"
    assert out.survey["source_row"].tolist() == [2, 3, 4, 5, 6]
    assert "id" in out.details["columns_not_used"]


def test_raw_file_is_only_read(tmp_path):
    lines = GOOD.copy()
    lines[1] = "R2;2;-99;4;;3"
    path = tmp_path / "survey.csv"
    clean(tmp_path, lines)
    before = path.read_bytes()
    clean_survey(read_survey(path), spec())
    assert path.read_bytes() == before
