"""Files the pipeline reads back, of the wrong shape (issue 11, kind 12): clear messages, never a traceback.

``python -m plssem_pipeline.verify`` on a manifest that is not one; user text with control characters
and terminal escape sequences shown escaped (checked against Python's own ``repr`` escapes).
"""
import json
import logging
from types import SimpleNamespace

import pytest
from hypothesis import given, strategies as st

from plssem_pipeline.errors import UserError
from plssem_pipeline.printable import REORDERING, printable
from plssem_pipeline.steps.runner import run
from plssem_pipeline.verify import main as verify_main

VALID_FILES = {"inputs": {}, "code": {}, "outputs": {}, "other": {}}


@pytest.mark.parametrize("text, says", [
    ('{"files": []}', "key 'files': expected an object with inputs, code, outputs, other, got a JSON list"),
    ("{}", "no 'files' section"),
    ("[]", "expected a JSON object with a 'files' section, got a JSON list"),
    ('"results"', "got a JSON str"),
    ('{"files": {"inputs": {}}}', "key 'files.code' is missing"),
    ('{"files": {"inputs": [], "code": {}, "outputs": {}, "other": {}}}', "key 'files.inputs': expected an object"),
    ('{"files": {"inputs": {"a.csv": 3}, "code": {}, "outputs": {}, "other": {}}}', "key 'files.inputs'"),
    (json.dumps({"files": VALID_FILES, "walked": "results"}), "key 'walked' has the wrong type (str)"),
    (json.dumps({"files": VALID_FILES, "root": 1}), "key 'root' has the wrong type (int)"),
    (json.dumps({"files": VALID_FILES, "walked": ["/"]}), "key 'walked': '/' is not a folder inside the project"),
    (json.dumps({"files": VALID_FILES, "walked": ["results/../.."]}), "key 'walked': 'results/../..' is not"),
    (json.dumps({"files": VALID_FILES, "versions": ["numpy"]}), "key 'versions' has the wrong type (list)"),
    ("{not json", "not a JSON manifest"),
    ("[" * 100_000, "not a JSON manifest"),
])
def test_a_manifest_of_the_wrong_shape(tmp_path, capsys, text, says):
    manifest = tmp_path / "results" / "provenance.json"
    manifest.parent.mkdir()
    manifest.write_text(text)
    assert verify_main([str(manifest)]) == 2          # any exception would fail the test
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {manifest}: ") and says in err and "Traceback" not in err


def test_a_binary_manifest_and_a_folder(tmp_path, capsys):
    manifest = tmp_path / "provenance.json"
    manifest.write_bytes(b"\xff\xfe\x00\x81PK\x03\x04")
    assert verify_main([str(manifest)]) == 2
    assert "not a JSON manifest" in capsys.readouterr().err
    assert verify_main([str(tmp_path)]) == 2
    assert "cannot read the manifest" in capsys.readouterr().err


def test_file_names_in_a_manifest_are_printed_escaped(tmp_path, capsys):
    files = dict(VALID_FILES, outputs={"results/x\x1b[2J.csv": "0" * 64})
    manifest = tmp_path / "results" / "provenance.json"
    manifest.parent.mkdir()
    manifest.write_text(json.dumps({"files": files, "root": ".."}))
    assert verify_main([str(manifest)]) == 1
    out = capsys.readouterr().out
    assert "missing  results/x\\x1b[2J.csv" in out and "\x1b" not in out


CONTROL = [chr(c) for c in [*range(0x20), 0x7f, *range(0x80, 0xa0)]] + sorted(REORDERING)


@given(st.text(alphabet=st.sampled_from(CONTROL) | st.characters(whitelist_categories=("L", "N"))))
def test_printable_escapes_as_python_repr_does(text):
    """Names: every control character and bidi control escaped exactly as ``repr`` escapes it."""
    assert printable(text, keep_newlines=False) == repr(text)[1:-1]
    whole = printable(text)   # a message keeps its line breaks and tabs, nothing else
    assert whole.replace("\\n", "").replace("\\t", "") == whole and all(c.isprintable() or c in "\n\t" for c in whole)


def test_user_error_shows_names_escaped():
    error = UserError("not found: 'KP3\x1b[31m'", file="data/raw/s\u202eurvey.csv", row=1, column="KP3\x1b[31m\nx")
    assert str(error) == ("data/raw/s\\u202eurvey.csv, row 1, column KP3\\x1b[31m\\nx: not found: 'KP3\\x1b[31m'")


def test_runner_escapes_errors_and_warnings_on_terminal_and_log(tmp_path, capsys):
    def main(smk, log):
        log.warning("column 'EC2\x1b]0;title\x07' has a constant value")
        raise UserError("no such indicator\x1b[2J", column="KP\r1")

    smk = SimpleNamespace(log=[str(tmp_path / "rule.log")], rule="clean", output=[], input=[])
    with pytest.raises(SystemExit):
        run(main, smk)
    err = capsys.readouterr().err
    logging.shutdown()
    log = (tmp_path / "rule.log").read_text()
    for text in (err, log):
        assert "\x1b" not in text and "\r" not in text and "\x07" not in text
        assert "column KP\\r1: no such indicator\\x1b[2J" in text
        assert "'EC2\\x1b]0;title\\x07' has a constant value" in text


def _chunk(tmp_path):
    import numpy as np
    import plssem
    from plssem_pipeline import io

    model = plssem.Model.from_spec({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, ["X -> Y"])
    rng = np.random.default_rng(1)
    x = rng.standard_normal((40, 1))
    data = np.hstack([x + rng.standard_normal((40, 2)), x + rng.standard_normal((40, 2))])
    draws = plssem.bootstrap((data - data.mean(0)) / data.std(0, ddof=1), model, seed=3, start=0, stop=5)
    path = tmp_path / "results/bootstrap/chunks/subsamples_0-5.npz"
    io.save_draws(path, draws, seed=3, engine="e")
    io.save_merged_draws(tmp_path / "results/bootstrap/draws.npz", draws)
    return path, tmp_path / "results/bootstrap/draws.npz"


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "empty"])
def test_a_damaged_draws_file_is_named(tmp_path, damage):
    from plssem_pipeline import io

    chunk, merged = _chunk(tmp_path)
    for path in (chunk, merged):
        whole = path.read_bytes()
        path.write_bytes({"truncated": whole[: len(whole) // 2], "not a zip": b"construct,loading\n",
                          "empty": b""}[damage])
    with pytest.raises(UserError) as info:
        io.load_draws(chunk)
    assert str(info.value).startswith(f"{chunk}: cannot be read as a bootstrap chunk (")
    assert "snakemake -R bootstrap_chunk" in str(info.value)
    with pytest.raises(UserError) as info:
        io.load_merged_draws(merged)
    assert str(info.value).startswith(f"{merged}: cannot be read as the merged bootstrap draws (")


def test_a_chunk_missing_an_array_is_named(tmp_path):
    import numpy as np
    from plssem_pipeline import io

    chunk, _ = _chunk(tmp_path)
    with np.load(chunk) as data:
        arrays = {k: data[k] for k in data.files if k != "failed"}
    with open(chunk, "wb") as handle:
        np.savez(handle, **arrays)
    with pytest.raises(UserError, match="cannot be read as a bootstrap chunk"):
        io.load_draws(chunk)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
MANIFEST_KEYS = st.sampled_from(["files", "root", "walked", "excluded", "code_fingerprints", "versions"])


@given(st.one_of(JSON, st.dictionaries(MANIFEST_KEYS, JSON, max_size=6),
                 st.fixed_dictionaries({"files": st.dictionaries(st.sampled_from(["inputs", "code", "outputs", "other"]),
                                                                 JSON, max_size=4)}),
                 st.fixed_dictionaries({"files": st.fixed_dictionaries(
                     {g: st.dictionaries(st.text(max_size=12), st.text(max_size=64), max_size=3)
                      for g in ("inputs", "code", "outputs", "other")})}, optional={"walked": JSON, "excluded": JSON,
                                                                                   "root": JSON, "versions": JSON})))
def test_verify_never_crashes_on_any_json(tmp_path_factory, manifest):
    """Any JSON document: a verdict (0/1) or a message (2), never an exception."""
    folder = tmp_path_factory.mktemp("manifest")
    path = folder / "provenance.json"
    path.write_text(json.dumps(manifest))
    assert verify_main([str(path), "--root", str(folder)]) in (0, 1, 2)
