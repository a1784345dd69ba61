"""The survey file's structure read as a spreadsheet shows it (issue 11, kind 6).

Row numbers are checked against two independent sources: the same table written as
an Excel workbook by openpyxl (whose row numbers are the spreadsheet's own) and
pandas' ``read_csv`` (record index + 2). Compressed files are made with Python's
``gzip``, ``bz2`` and ``lzma``; UTF-16 text with Python's codecs.
"""
from __future__ import annotations

import bz2
import gzip
import lzma

import pandas as pd
import pytest

from plssem_pipeline.errors import UserError
from plssem_pipeline.ingest.csv_text import utf16_without_bom
from plssem_pipeline.ingest.survey import read_survey

ROWS = [["R1", "4", "fine"], ["R2", "3", "two\nlines"], ["R3", "", "ok"], ["R4", "5", "three\r\nlines\nhere"],
        ["R5", "2", ""], ["R6", "1", "x"]]


def _csv(tmp_path, rows=ROWS, name="survey.csv"):
    path = tmp_path / name
    pd.DataFrame(rows, columns=["id", "KP1", "comment"]).to_csv(path, index=False)
    return path


def test_rows_of_a_csv_with_line_breaks_in_cells_are_the_spreadsheet_rows(tmp_path):
    import openpyxl

    raw = read_survey(_csv(tmp_path))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "KP1", "comment"])
    for row in ROWS:
        sheet.append(row)
    book.save(tmp_path / "survey.xlsx")
    excel_rows = {row[0].value: row[0].row for row in openpyxl.load_workbook(tmp_path / "survey.xlsx").active.iter_rows(min_row=2)}
    assert raw.lines == [excel_rows[r[0]] for r in ROWS] == [2, 3, 4, 5, 6, 7]
    frame = pd.read_csv(tmp_path / "survey.csv", keep_default_na=False, dtype=str)
    assert raw.lines == (frame.index + 2).tolist()
    assert [r[2] for r in raw.rows] == frame["comment"].tolist()
    assert read_survey(tmp_path / "survey.xlsx").lines == raw.lines


def test_an_error_after_a_multiline_cell_names_the_spreadsheet_row(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[5].append("extra")                                       # R6: a fourth value, row 7 (file line 10)
    path = tmp_path / "survey.csv"
    path.write_text("id,KP1,comment\n" + "".join(
        ",".join(f'"{c}"' if "\n" in c else c for c in r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(UserError) as info:
        read_survey(path)
    assert info.value.row == 7 and "4 fields" in str(info.value)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, codec):
    text = "id;KP1;kota\nR1;4;Jepará\nR2;5;Kudus\n"
    (tmp_path / "a.csv").write_bytes(text.encode(codec))
    (tmp_path / "b.csv").write_bytes(text.encode("utf-8"))
    raw, same = read_survey(tmp_path / "a.csv"), read_survey(tmp_path / "b.csv")
    assert (raw.header, raw.rows, raw.lines) == (same.header, same.rows, same.lines)
    assert raw.encoding == codec and raw.bom is None
    assert raw.format["encoding_from"] == "zero bytes (UTF-16 without byte-order mark)"
    assert same.format["encoding_from"] == "data.encoding" and utf16_without_bom(text.encode("utf-8")) is None


def test_utf16_by_its_zero_bytes_that_does_not_decode_is_named(tmp_path):
    path = tmp_path / "survey.csv"
    text = "id,KP1\n" + "".join(f"R{i},4\n" for i in range(60))
    path.write_bytes(text.encode("utf-16-le") + b"\x00\xdc")    # ends in a lone low surrogate (U+DC00)
    with pytest.raises(UserError, match="looks like UTF-16 text without a byte-order mark"):
        read_survey(path)


@pytest.mark.parametrize("compress, named", [(lambda b: gzip.compress(b, mtime=0), "gzip-compressed"),
                                             (bz2.compress, "bzip2-compressed"), (lzma.compress, "xz-compressed"),
                                             (lambda b: b"7z\xbc\xaf\x27\x1c" + b, "7-Zip archive"),
                                             (lambda b: b"%PDF-1.7\n" + b, "a PDF document"),
                                             (lambda b: b"\xef\xbb\xbf\n<!DOCTYPE html><table>" + b, "a web page"),
                                             (lambda b: b'<?xml version="1.0"?>\n<Workbook>' + b, "an XML file")])
def test_compressed_files_are_named(tmp_path, compress, named):
    path = tmp_path / "survey.csv"
    path.write_bytes(compress(b"id,KP1\nR1,4\n"))
    with pytest.raises(UserError) as info:
        read_survey(path)
    message = str(info.value)
    assert named in message and "data.survey" in message and "data.encoding" not in message


@pytest.mark.parametrize("first", ["sep=;", '"sep=;"', "SEP=;"])
def test_excel_sep_line_names_the_delimiter_and_is_no_row(tmp_path, first):
    body = "id;KP1;KP2\r\nR1;4;3\r\nR2;5;2\r\n"
    (tmp_path / "a.csv").write_bytes((first + "\r\n" + body).encode())
    raw = read_survey(tmp_path / "a.csv")
    assert raw.header == ["id", "KP1", "KP2"] and raw.delimiter == ";"
    assert raw.lines == [2, 3] and raw.format["excel_sep_line"] is True
    (tmp_path / "b.csv").write_bytes(body.encode())
    assert read_survey(tmp_path / "b.csv").format["excel_sep_line"] is False


def test_excel_sep_line_overrides_detection_and_conflicts_with_a_set_delimiter(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_bytes(b"sep=|\nid|KP1|label\nR1|4|a,b,c\n")      # the header alone gives '|' too; the data's commas
    raw = read_survey(path)
    assert raw.delimiter == "|" and raw.rows == [["R1", "4", "a,b,c"]]
    with pytest.raises(UserError) as info:
        read_survey(path, delimiter=",")
    assert info.value.key == "data.delimiter" and "sep=|" in str(info.value)
