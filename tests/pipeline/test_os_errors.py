"""Operating-system errors in a step (issue 11, kind 11): what happened and to which file, exit 1, no traceback.

The errors are simulated (monkeypatching the call that meets them), not provoked by filling a disk; the
expected strerror texts come from :func:`os.strerror`, the system's own wording.
"""
import errno
import json
import logging
import os
from types import SimpleNamespace

import pandas as pd
import pytest

from plssem_pipeline import io
from plssem_pipeline.audit import provenance
from plssem_pipeline.steps.runner import run


@pytest.fixture(autouse=True)
def _restore_logging(monkeypatch):
    monkeypatch.setattr(logging, "raiseExceptions", logging.raiseExceptions)  # the runner turns it off


def _smk(tmp_path, rule="outer", outputs=()):
    return SimpleNamespace(log=[str(tmp_path / "rule.log")], rule=rule, output=list(outputs))


def _run_failing(main, smk, capsys):
    with pytest.raises(SystemExit) as info:
        run(main, smk)
    err = capsys.readouterr().err
    assert info.value.code == 1
    assert "Traceback" not in err and "bug in the pipeline" not in err
    return err


def _full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))   # as a write raises it: no file name


def test_disk_full_while_writing_a_csv_names_the_file(tmp_path, capsys, monkeypatch):
    """ENOSPC raised by a write names no file: the results writer adds it."""
    target = tmp_path / "results" / "outer" / "loadings.csv"
    monkeypatch.setattr(pd.DataFrame, "to_csv", _full)

    def main(smk, log):
        io.write_csv(pd.DataFrame({"a": [1]}), smk.output[0])

    err = _run_failing(main, _smk(tmp_path, outputs=[str(target)]), capsys)
    assert f"Error in rule outer: {target}: {os.strerror(errno.ENOSPC)} (ENOSPC); the disk is full" in err
    assert "ENOSPC" in (tmp_path / "rule.log").read_text()


def test_disk_full_while_writing_a_summary_names_the_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "results" / "outer" / "summary.json"
    monkeypatch.setattr(json, "dump", _full)
    err = _run_failing(lambda smk, log: provenance.write_json({"step": "outer"}, target),
                       _smk(tmp_path, outputs=[str(target)]), capsys)
    assert f"Error in rule outer: {target}: {os.strerror(errno.ENOSPC)} (ENOSPC)" in err


def test_disk_full_elsewhere_names_the_folders_written_to(tmp_path, capsys):
    """An OSError without a file name from code that is not a results writer: the rule's output folders."""
    target = tmp_path / "report" / "figures" / "htmt.png"

    def main(smk, log):
        _full()

    err = _run_failing(main, _smk(tmp_path, "figures", [str(target)]), capsys)
    assert f"Error in rule figures: while writing to {target.parent}: {os.strerror(errno.ENOSPC)} (ENOSPC)" in err


@pytest.mark.parametrize("code, advice", [(errno.EACCES, "permission denied"), (errno.EROFS, "read-only"),
                                          (errno.EPERM, "not permitted")])
def test_permission_and_read_only_errors_name_the_file(tmp_path, capsys, code, advice):
    target = tmp_path / "results" / "clean" / "survey.csv"

    def main(smk, log):
        raise OSError(code, os.strerror(code), str(target))

    err = _run_failing(main, _smk(tmp_path, "clean", [str(target)]), capsys)
    assert f"Error in rule clean: {target}: {os.strerror(code)} ({errno.errorcode[code]}); " in err
    assert advice in err


def test_a_log_file_that_cannot_be_opened(tmp_path, capsys, monkeypatch):
    """The rule's own log on a read-only file system: the same message, before any step code runs."""
    log_path = tmp_path / "results" / "logs" / "outer.log"

    def read_only(filename, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), filename)

    monkeypatch.setattr(logging, "FileHandler", read_only)
    ran = []
    smk = SimpleNamespace(log=[str(log_path)], rule="outer", output=[])
    err = _run_failing(lambda smk, log: ran.append(1), smk, capsys)
    assert f"Error in rule outer: {log_path}: {os.strerror(errno.EROFS)} (EROFS)" in err and not ran


def test_a_missing_file_read_by_a_step(tmp_path, capsys):
    """A real read (pandas) of a file that is not there: named, with its strerror."""
    missing = tmp_path / "results" / "outer" / "loadings.csv"
    err = _run_failing(lambda smk, log: io.read_csv(missing), _smk(tmp_path), capsys)
    assert str(missing) in err and os.strerror(errno.ENOENT) in err and "(ENOENT)" in err
