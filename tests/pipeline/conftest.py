"""Fixtures of the pipeline tests (helpers in pipeline_helpers.py, a name no other test folder uses)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline_helpers import make_project, simulate_survey, snakemake, study_config


@pytest.fixture(scope="session")
def simulated_survey() -> pd.DataFrame:
    return simulate_survey()


@pytest.fixture(scope="session")
def default_run(tmp_path_factory, simulated_survey) -> Path:
    """The whole DAG on the simulated survey: 200 subsamples in 1 chunk, one core."""
    directory = make_project(tmp_path_factory.mktemp("run_a"), survey=simulated_survey,
                             config=study_config("data/raw/survey.csv", chunks=1))
    snakemake(directory, "--cores", "1")
    return directory


@pytest.fixture(scope="session")
def chunked_run(tmp_path_factory, simulated_survey) -> Path:
    """The same study with 3 bootstrap chunks on 2 cores."""
    directory = make_project(tmp_path_factory.mktemp("run_b"), survey=simulated_survey,
                             config=study_config("data/raw/survey.csv", chunks=3))
    snakemake(directory, "--cores", "2")
    return directory
