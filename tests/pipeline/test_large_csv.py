"""The large-file paths of the clean step give what the general ones give (issue 17).

* ``plssem_pipeline.csv_writer.write_frame`` writes the bytes ``DataFrame.to_csv`` writes (the
  results contract's options), for every kind of column the pipeline writes and their edge values;
* ``plssem_pipeline.ingest.csv_columns.plain_csv_columns`` reads a plain CSV into the cells and rows
  Python's csv reader gives, and declines every file where the two could differ.

About 0.5 s.
"""
import numpy as np
import pandas as pd
import pytest

from plssem_pipeline.csv_writer import write_frame
from plssem_pipeline.ingest import survey as survey_module
from plssem_pipeline.ingest.csv_columns import plain_csv_columns
from plssem_pipeline.ingest.survey import read_survey
from plssem_pipeline.io import format_float

OPTIONS = {"index": False, "float_format": format_float, "na_rep": "", "lineterminator": "\n", "encoding": "utf-8"}


def _frame(ids, n=600, seed=1):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "source_row": np.arange(-2, n - 2), "small": np.arange(n).astype(np.uint8), "id": np.asarray(ids, dtype=object),
        "code": pd.array(rng.choice([1, 2, None], n), dtype="Int64"),
        "x": rng.choice([1.0, -0.0, 0.0, np.nan, np.inf, -np.inf, 1e16, 1e-5, 0.1, 1 / 3, 5e-324], n),
        "text": pd.array(rng.choice(["a", "b", None, "", " c "], n), dtype=object),
        "str": pd.Series(rng.choice(["a", "b"], n)), "flag": rng.random(n) > 0.5, "empty": "",
        "uniform": rng.random(n), "extremes": rng.choice([2**63 - 1, -2**63], n),
        "nan_text": pd.Series(rng.choice(["x", np.nan], n), dtype=object),
        # mostly short texts, a few long ones (written after the padding is dropped), one with the mark byte
        "replaced": np.where(rng.random(n) < 0.02, 3.8793103448275863, rng.integers(1, 6, n).astype(float)),
        "rare_long": np.where(rng.random(n) < 0.02, "a much longer text", "s").astype(object),
        "marked": np.where(np.arange(n) == 7, "x\x01y", "s").astype(object),
    })


@pytest.mark.parametrize("ids", [
    [f"R{i}" for i in range(600)],
    [f"R{i}é" for i in range(600)],                                  # UTF-8
    [f'R{i}' if i % 7 else f'é,"{i}' for i in range(600)],           # quoted by the csv writer
    [f"R{i}" if i % 5 else None for i in range(600)],                # missing
    [f"R{i}\n" if i % 9 == 0 else f"R{i}" for i in range(600)],      # a line break: to_csv itself
    [1 if i % 2 else "1" for i in range(600)],                       # numbers among text: to_csv itself
])
@pytest.mark.parametrize("mark", [False, True])   # a text holding the mark byte: no text is written late
def test_write_frame_is_to_csv(tmp_path, ids, mark):
    frame = _frame(ids) if mark else _frame(ids).drop(columns="marked")
    frame.to_csv(tmp_path / "pandas.csv", **OPTIONS)
    write_frame(frame, tmp_path / "ours.csv", float_format=format_float, min_rows=1)
    assert (tmp_path / "ours.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()


@pytest.mark.parametrize("text", [
    "id,KP1,KP2\nR1,4,5\nR2, 3 ,\n",
    "id,KP1,KP2\r\nR1,NA,null\r\nR2,#,-99\r\n",
    "id;KP1;KP2\nR1;3,5;nan\nR2;;4",
])
def test_plain_csv_read_as_the_csv_reader_reads_it(tmp_path, monkeypatch, text):
    path = tmp_path / "s.csv"
    path.write_bytes(text.encode())
    assert plain_csv_columns(text, ";" if ";" in text else ",") is not None
    fast = read_survey(path)
    monkeypatch.setattr(survey_module, "plain_csv_columns", lambda text, delimiter: None)
    slow = read_survey(path)
    assert (fast.header, fast.rows, fast.lines, fast.blank_lines) == (slow.header, slow.rows, slow.lines,
                                                                      slow.blank_lines)


@pytest.mark.parametrize("text", [
    "id,KP1,KP2\nR1,4,5\n\nR2,3,4\n",          # a blank line
    "id,KP1,KP2\nR1,4,5\n \nR2,3,4\n",         # a line of spaces
    "\nid,KP1,KP2\nR1,4,5\n",                  # a blank first line
    "id,KP1,KP2\nR1,4,5\n\n",                  # a blank last line
    "id,KP1,KP2\nR1,4\n",                      # a short line
    "id,KP1,KP2\nR1,4,5,6\n",                  # a long line
    "id,KP1,KP2\n,,\nR1,4,5\n",                # a row of blank cells
    'id,KP1,KP2\nR1,"4",5\n',                  # a quote
    "id,KP1,KP2\rR1,4,5\r",                    # bare carriage returns
    "id\nR1\n",                                # one column
])
def test_plain_reader_declines_what_it_could_read_otherwise(text):
    assert plain_csv_columns(text, ",") is None
