"""Fixtures of the report tests.

The report is tested on the default study run end to end by the real
``snakemake`` (the embedded synthetic survey, config.yaml unchanged), the same
run tests/pipeline and tests/audit use: ``pipeline_helpers.default_study_run``
runs it once per pytest session, whichever folder asks first.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipeline"))

import pipeline_helpers  # noqa: E402  (tests/pipeline/pipeline_helpers.py, shared)

from report_helpers import ROOT  # noqa: E402,F401


@pytest.fixture(scope="session")
def study_run(tmp_path_factory) -> Path:
    """A project directory where ``snakemake --cores 2`` has built everything, the report included."""
    return pipeline_helpers.default_study_run(tmp_path_factory)
