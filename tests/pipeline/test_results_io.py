"""Full-precision CSV, bootstrap chunk files, summaries, fingerprints and the script runner."""
import hashlib
import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import plssem
from plssem_pipeline import io
from plssem_pipeline.audit import provenance
from plssem_pipeline.errors import UserError
from plssem_pipeline.audit.fingerprint import package_fingerprint
from plssem_pipeline.steps.runner import run

from pipeline_helpers import two_construct_sample


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=30))
def test_csv_round_trips_every_double(tmp_path_factory, values):
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    io.write_csv(pd.DataFrame({"x": values}), path)
    assert np.array_equal(pd.read_csv(path)["x"].to_numpy(), np.array(values))


def test_csv_format(tmp_path):
    path = tmp_path / "t.csv"
    io.write_csv(pd.DataFrame({"a": ["x", "y"], "b": [0.1, np.nan], "n": [1, 2]}), path)
    assert path.read_bytes() == b"a,b,n\nx,0.1,1\ny,,2\n"


#: pandas' own default missing-value strings (independent source: its parser's list), every one a possible name.
PANDAS_NA = sorted(pd._libs.parsers.STR_NA_VALUES - {""})


def test_names_pandas_reads_as_missing_stay_names(tmp_path):
    """Issue 11 (4): a construct named NA, null, nan, None, ... is a name in every results CSV read back."""
    assert {"NA", "null", "nan", "None", "N/A", "#N/A", "NaN", "<NA>"} <= set(PANDAS_NA)
    frame = pd.DataFrame({"construct": PANDAS_NA, "indicator": [f"{n}1" for n in PANDAS_NA],
                          "value": [0.5] * (len(PANDAS_NA) - 1) + [np.nan]})
    path = tmp_path / "names.csv"
    io.write_csv(frame, path)
    back = io.read_csv(path)
    assert back["construct"].tolist() == PANDAS_NA and back["indicator"].tolist() == frame["indicator"].tolist()
    assert back["value"].isna().tolist() == frame["value"].isna().tolist()   # an empty cell is still missing
    assert pd.read_csv(path)["construct"].isna().sum() == len(PANDAS_NA)     # what pandas' defaults would have done
    # the report reads the same files through io.read_csv
    from plssem_pipeline.report.inputs import read_csv as report_read_csv
    assert report_read_csv(path)["construct"].tolist() == PANDAS_NA


def test_draws_round_trip(tmp_path):
    model, z = two_construct_sample(50)
    draws = plssem.bootstrap(z, model, seed=3, start=7, stop=19)
    io.save_draws(tmp_path / "chunk.npz", draws, seed=3, engine="e")
    back, meta = io.load_draws(tmp_path / "chunk.npz")
    assert meta == {"seed": 3, "engine": "e"} and back.start == 7
    for name in draws.values:
        assert np.array_equal(back.values[name], draws.values[name], equal_nan=True)
    assert np.array_equal(back.failed, draws.failed)


def test_summary_hashes_and_versions(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a\n1\n")
    summary = provenance.step_summary("clean", inputs=[source], config={"bootstrap": {"seed": 1}}, seed=1)
    provenance.write_json(summary, tmp_path / "s.json")
    back = json.loads((tmp_path / "s.json").read_text())
    assert back["inputs"][str(source)] == hashlib.sha256(b"a\n1\n").hexdigest()
    assert back["seed"] == 1 and back["config"] == {"bootstrap": {"seed": 1}}
    assert {"python", "numpy", "pandas", "plssem", "plssem_pipeline"} <= set(back["versions"])


def test_fingerprint_follows_sources():
    fp = package_fingerprint("plssem")
    assert fp.startswith(plssem.__version__ + "+sha256:") and len(fp.split(":")[1]) == 16
    assert fp == package_fingerprint("plssem") != package_fingerprint("plssem_pipeline")


def test_fingerprint_covers_modules_and_data_files(tmp_path, monkeypatch):
    """Editing a module or a data file the package reads (the report's wording) changes the fingerprint."""
    package = tmp_path / "fingerprinted"
    (package / "strings").mkdir(parents=True)
    (package / "__init__.py").write_text('__version__ = "1.0"\n')
    (package / "strings" / "en.yaml").write_text("title: Results\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = package_fingerprint("fingerprinted")
    (package / "strings" / "en.yaml").write_text("title: Results of the study\n")
    edited_data = package_fingerprint("fingerprinted")
    (package / "__init__.py").write_text('__version__ = "1.0"\nX = 1\n')
    edited_module = package_fingerprint("fingerprinted")
    assert before.startswith("1.0+sha256:") and len({before, edited_data, edited_module}) == 3


def _smk(tmp_path, rule="clean"):
    return SimpleNamespace(log=[str(tmp_path / "rule.log")], rule=rule)


def test_runner_turns_user_errors_into_clean_exit(tmp_path, capsys):
    def main(smk, log):
        raise UserError("'6' is off the scale 1–5", file="survey.csv", row=7, column="KP3")

    with pytest.raises(SystemExit) as info:
        run(main, _smk(tmp_path))
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.strip() == "Error in rule clean: survey.csv, row 7, column KP3: '6' is off the scale 1–5"
    assert "Traceback" not in err
    assert "survey.csv, row 7, column KP3" in (tmp_path / "rule.log").read_text()


def test_runner_reports_engine_refusals(tmp_path, capsys):
    def main(smk, log):
        raise plssem.ModelError("indicator(s) with zero variance cannot be standardised: KP1")

    with pytest.raises(SystemExit):
        run(main, _smk(tmp_path, "outer"))
    assert "Error in rule outer: indicator(s) with zero variance" in capsys.readouterr().err


def test_runner_keeps_tracebacks_of_bugs(tmp_path):
    def main(smk, log):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        run(main, _smk(tmp_path))
    assert "Traceback" in (tmp_path / "rule.log").read_text()
