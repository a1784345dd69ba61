"""Fixtures of the report tests.

The report is tested on the default study run end to end by the real
``snakemake`` (the embedded synthetic survey, config.yaml unchanged), the same
run tests/pipeline and tests/audit use: ``pipeline_helpers.default_study_run``
runs it once per pytest session, whichever folder asks first.
"""
from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def snakemake_report(study_run, tmp_path_factory):
    """``(project, process)``: a copy of :func:`study_run` where the real ``snakemake --report
    report/snakemake.html`` ran (it runs no job), shared by the tests that read Snakemake's report."""
    project = tmp_path_factory.mktemp("snakemake_report") / "project"
    shutil.copytree(study_run, project, symlinks=True)
    return project, pipeline_helpers.snakemake(project, "--report", "report/snakemake.html")


@pytest.fixture(scope="session")
def groups_run(tmp_path_factory) -> Path:
    """The shared groups run (tests/pipeline/groups_study.py: SmartPLS's corporate-reputation case, servicetype 2
    Contract plan vs. 1 Prepaid plan, IPMA of CUSL)."""
    import groups_study

    return groups_study.groups_study_run(tmp_path_factory)


@pytest.fixture(scope="module")
def groups_context(groups_run) -> dict:
    """The report context of :func:`groups_run` in English (group_report_helpers.group_context)."""
    from group_report_helpers import group_context

    return group_context(groups_run)
