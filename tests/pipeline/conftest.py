"""Fixtures of the pipeline tests (helpers in pipeline_helpers.py, a name no other test folder uses)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline_helpers import make_project, simulate_survey, snakemake, study_config


@pytest.fixture(scope="session")
def simulated_survey() -> pd.DataFrame:
    return simulate_survey()


def _run(tmp_path_factory, survey, name: str, chunks: int, cores: int) -> Path:
    """The whole DAG on ``survey`` in a fresh project copy, with ``chunks`` bootstrap chunks."""
    directory = make_project(tmp_path_factory.mktemp(name), survey=survey,
                             config=study_config("data/raw/survey.csv", chunks=chunks))
    snakemake(directory, "--cores", str(cores))
    return directory


@pytest.fixture(scope="session")
def default_run(tmp_path_factory, simulated_survey) -> Path:
    """The whole DAG on the simulated survey: 200 subsamples in 1 chunk, one core."""
    return _run(tmp_path_factory, simulated_survey, "run_a", chunks=1, cores=1)


@pytest.fixture(scope="session")
def chunked_run(tmp_path_factory, simulated_survey) -> Path:
    """The same study with 3 bootstrap chunks on 2 cores."""
    return _run(tmp_path_factory, simulated_survey, "run_b", chunks=3, cores=2)
