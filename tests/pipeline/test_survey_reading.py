"""Reading survey files as spreadsheets write them (plssem_pipeline.ingest.survey)."""
import codecs

import pytest
from hypothesis import given, strategies as st

from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.survey import detect_decimal, detect_delimiter, parse_number, read_survey


def write(tmp_path, text, name="survey.csv", encoding="utf-8", bom=b""):
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


def test_comma_file_keeps_text_and_lines(tmp_path):
    raw = read_survey(write(tmp_path, "id,KP1,KP2\nR1,4,5\n\nR2, 3 ,2\n"))
    assert raw.delimiter == "," and raw.bom is None
    assert raw.header == ["id", "KP1", "KP2"]
    assert raw.rows == [["R1", "4", "5"], ["R2", " 3 ", "2"]]
    assert raw.lines == [2, 4] and raw.blank_lines == [3]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_detected_from_header(tmp_path, delimiter):
    text = delimiter.join(["id", "KP1", "KP2"]) + "\n" + delimiter.join(["R1", "3,5", "4"]) + "\n"
    raw = read_survey(write(tmp_path, text))
    assert raw.delimiter == delimiter
    assert raw.rows[0] == ["R1", "3,5", "4"]


def test_utf8_bom_removed_and_recorded(tmp_path):
    raw = read_survey(write(tmp_path, "id;KP1\nR1;4\n", bom=codecs.BOM_UTF8))
    assert raw.header == ["id", "KP1"]  # not "\ufeffid"
    assert raw.bom == "utf-8" and raw.delimiter == ";"


def test_utf16_bom_file(tmp_path):
    raw = read_survey(write(tmp_path, "id\tKP1\nR1\t4\n", encoding="utf-16-le", bom=codecs.BOM_UTF16_LE))
    assert raw.header == ["id", "KP1"] and raw.rows == [["R1", "4"]] and raw.bom == "utf-16-le"


def test_latin1_bytes_named_with_line(tmp_path):
    with pytest.raises(UserError) as info:
        read_survey(write(tmp_path, "id,label\nR1,caf\u00e9\n", encoding="latin-1"))
    assert "line 2" in str(info.value) and "data.encoding" in str(info.value)
    raw = read_survey(write(tmp_path, "id,label\nR1,caf\u00e9\n", encoding="latin-1"), encoding="latin-1")
    assert raw.rows == [["R1", "caf\u00e9"]]


def test_damaged_workbook_refused(tmp_path):
    path = tmp_path / "survey.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(UserError, match="cannot be opened.*damaged"):
        read_survey(path)


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("id,KP1\n", "no data rows"),
    ("id,KP1,KP1\nR1,1,2\n", "duplicate column"),
    ("id,KP1\nR1,1,2\n", "3 fields"),
    ("id,KP1,KP2\nR1,1\n", "2 fields"),
])
def test_malformed_files(tmp_path, text, message):
    with pytest.raises(UserError, match=message) as info:
        read_survey(write(tmp_path, text))
    assert "survey.csv" in str(info.value)


def test_trailing_empty_fields_tolerated(tmp_path):
    raw = read_survey(write(tmp_path, "id;KP1\nR1;4;;\n"))
    assert raw.rows == [["R1", "4"]]


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="not found"):
        read_survey(tmp_path / "nope.csv")


def test_detectors():
    assert detect_delimiter("a,b,c") == ","
    assert detect_delimiter("a;b;c") == ";"
    assert detect_delimiter("single") == ","
    assert detect_decimal(["1", "2,5"], ";") == ","
    assert detect_decimal(["1", "2,5"], ",") == "."
    assert detect_decimal(["1", "2.5"], ";") == "."


@pytest.mark.parametrize("text, decimal, value", [
    ("4", ".", 4.0), (" 4 ", ".", 4.0), ("3.5", ".", 3.5), ("3,5", ",", 3.5), ("-99", ".", -99.0),
    ("3,5", ".", None), ("3.5", ",", None), ("empat", ".", None), ("N/A", ".", None), ("", ".", None),
    ("1.234,5", ",", None),
])
def test_parse_number(text, decimal, value):
    assert parse_number(text, decimal) == value


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
def test_parse_number_reads_repr_and_decimal_comma(x):
    assert parse_number(repr(x)) == x
    if "e" not in repr(x):
        assert parse_number(repr(x).replace(".", ","), ",") == x
