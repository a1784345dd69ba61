"""Fixtures of the pipeline tests (helpers in pipeline_helpers.py, a name no other test folder uses)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import run_pool_helpers
from pipeline_helpers import make_project, simulate_survey, snakemake, study_config


@pytest.fixture(scope="session")
def simulated_survey() -> pd.DataFrame:
    return simulate_survey()


def _run(chunks: int, cores: int):
    """The whole DAG on the simulated survey in a fresh project copy, with ``chunks`` bootstrap chunks and as
    many PLSpredict jobs (``predict.chunks``)."""
    def build(directory: Path) -> Path:
        make_project(directory, survey=simulate_survey(),
                     config=study_config("data/raw/survey.csv", chunks=chunks, predict={"chunks": chunks}))
        snakemake(directory, "--cores", str(cores))
        return directory
    return build


run_pool_helpers.register("default_run", _run(chunks=1, cores=1), "default_run")
run_pool_helpers.register("chunked_run", _run(chunks=3, cores=2), "chunked_run")


@pytest.fixture(scope="session")
def default_run(tmp_path_factory) -> Path:
    """The whole DAG on the simulated survey: 200 subsamples in 1 chunk, PLSpredict in 1 job, one core."""
    return run_pool_helpers.result("default_run", tmp_path_factory)


@pytest.fixture(scope="session")
def chunked_run(tmp_path_factory) -> Path:
    """The same study with 3 bootstrap chunks and 3 PLSpredict jobs on 2 cores."""
    return run_pool_helpers.result("chunked_run", tmp_path_factory)
