"""Fixtures of the pipeline tests (helpers in pipeline_helpers.py, a name no other test folder uses)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import run_pool_helpers
from pipeline_helpers import simulate_survey  # importing it registers default_run and chunked_run


@pytest.fixture(scope="session")
def simulated_survey() -> pd.DataFrame:
    return simulate_survey()


@pytest.fixture(scope="session")
def default_run(tmp_path_factory) -> Path:
    """The whole DAG on the simulated survey: 200 subsamples in 1 chunk, PLSpredict in 1 job, one core."""
    return run_pool_helpers.result("default_run", tmp_path_factory)


@pytest.fixture(scope="session")
def chunked_run(tmp_path_factory) -> Path:
    """The same study with 3 bootstrap chunks and 3 PLSpredict jobs on 2 cores, up to results/
    (:data:`pipeline_helpers.RESULT_STEPS`)."""
    return run_pool_helpers.result("chunked_run", tmp_path_factory)
