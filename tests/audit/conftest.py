"""Fixtures of the audit tests.

The real Snakemake runs come from tests/pipeline/pipeline_helpers.py (put on
the import path here), so that a session running both folders runs the
default study once.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipeline"))

from audit_helpers import PAPER, ROOT  # noqa: E402
from pipeline_helpers import default_study_run  # noqa: E402


@pytest.fixture(scope="session")
def default_study(tmp_path_factory) -> Path:
    """The default study (embedded survey, config.yaml unchanged) run by the real snakemake on 2 cores."""
    if not (ROOT / "data" / "raw" / "survey.csv").is_file() or not PAPER.is_file():
        pytest.skip("the default survey or the published tables are not there")
    return default_study_run(tmp_path_factory)


@pytest.fixture(scope="session")
def paper():
    """The paper's published tables, normalised."""
    from plssem_pipeline.audit.published import load_published

    return load_published(PAPER)


@pytest.fixture(scope="session")
def paper_model():
    from plssem_pipeline.study import model_from_config

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    return model_from_config(config["constructs"], config["paths"])
