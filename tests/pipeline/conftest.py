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


#: The steps that write results/ (each step's summary.json a target): what the chunked run is compared on.
RESULT_STEPS = ("clean", "describe", "outer", "inner", "bootstrap", "hypotheses", "mediation", "moderation", "predict",
                "fit", "audit")


def _run(chunks: int, cores: int, targets: tuple[str, ...] = ()):
    """The DAG on the simulated survey in a fresh project copy, with ``chunks`` bootstrap chunks and as many
    PLSpredict jobs (``predict.chunks``): ``targets``, or the whole DAG."""
    def build(directory: Path) -> Path:
        make_project(directory, survey=simulate_survey(),
                     config=study_config("data/raw/survey.csv", chunks=chunks, predict={"chunks": chunks}))
        snakemake(directory, *targets, "--cores", str(cores))
        return directory
    return build


run_pool_helpers.register("default_run", _run(chunks=1, cores=1), "default_run")
# Its tests compare results/ with the default run's (csv, draws, PLSpredict): no figures, report, export or manifest.
run_pool_helpers.register("chunked_run", _run(chunks=3, cores=2, targets=tuple(
    f"results/{step}/summary.json" for step in RESULT_STEPS)), "chunked_run")


@pytest.fixture(scope="session")
def default_run(tmp_path_factory) -> Path:
    """The whole DAG on the simulated survey: 200 subsamples in 1 chunk, PLSpredict in 1 job, one core."""
    return run_pool_helpers.result("default_run", tmp_path_factory)


@pytest.fixture(scope="session")
def chunked_run(tmp_path_factory) -> Path:
    """The same study with 3 bootstrap chunks and 3 PLSpredict jobs on 2 cores, up to results/
    (:data:`RESULT_STEPS`)."""
    return run_pool_helpers.result("chunked_run", tmp_path_factory)
