"""The embedded synthetic survey is reproducible byte for byte.

The design requires that ``python data/make_survey.py`` regenerates the committed
``data/raw/survey.csv`` exactly. The script is run as a user would (a subprocess,
``--output`` pointing into a temporary folder, so the working tree is not
touched) and the SHA-256 of its output is compared with the committed file's.
"""
import hashlib
import subprocess
import sys

import pytest

from pipeline_helpers import ROOT

SCRIPT = ROOT / "data" / "make_survey.py"
SURVEY = ROOT / "data" / "raw" / "survey.csv"

pytestmark = pytest.mark.skipif(not (SCRIPT.is_file() and SURVEY.is_file()),
                                reason="data/make_survey.py or the committed data/raw/survey.csv is not there")


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_make_survey_reproduces_the_committed_csv_byte_for_byte(tmp_path):
    output = tmp_path / "survey.csv"
    done = subprocess.run([sys.executable, str(SCRIPT), "--output", str(output)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert output.is_file()
    assert _sha256(output) == _sha256(SURVEY), "data/make_survey.py no longer reproduces data/raw/survey.csv"
    assert _sha256(output) in done.stdout                      # the script reports the hash it wrote
