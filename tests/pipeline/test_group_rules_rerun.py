"""Which jobs a changed group setting re-runs (issue 15, a user's study): each group rule gets as params only the
settings it depends on, so that ``groups.chunks`` or ``groups.permutations`` re-run the permutations, the mga step
and what follows, never a group's data, estimates or bootstrap.

A copy of the shared groups run (tests/pipeline/groups_study.py), its ``.snakemake`` metadata and file times
included, dry-run (``snakemake -n``) with the changed setting; Snakemake's job statistics name the jobs.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

import groups_study
from pipeline_helpers import snakemake

#: The jobs a changed permutation setting may re-run: the permutations, the pair's comparison and what reads it.
ALLOWED = {"permutation_chunk", "mga", "report", "report_tex", "report_pdf", "export", "provenance", "default"}
#: The group rules that depend on no permutation setting.
GROUP_RULES = {"group_data", "group_estimate", "group_bootstrap_chunk", "group_bootstrap"}


def _jobs(project, *args) -> dict[str, int]:
    """Rule -> count of the jobs ``snakemake -n`` would run."""
    out = snakemake(project, "-n", "--cores", "1", *args).stdout
    if "Nothing to be done" in out:
        return {}
    stats = out[out.index("Job stats:"):out.index("total", out.index("Job stats:"))]
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+)\s+(\d+)$", stats, flags=re.M)}


@pytest.fixture(scope="module")
def groups_run(tmp_path_factory):
    return groups_study.groups_study_run(tmp_path_factory)


@pytest.fixture(scope="module")
def project(groups_run, tmp_path_factory):
    copy = tmp_path_factory.mktemp("rerun") / "project"
    shutil.copytree(groups_run, copy, symlinks=True)
    return copy


def test_the_permutation_settings_rerun_only_the_permutations_and_the_comparison(project):
    """Both settings changed in one dry run: a group rule depending on either would re-run (Snakemake's params)."""
    before = _jobs(project)     # the copy is up to date but for its report (templates are named by absolute path)
    assert set(before) <= ALLOWED - {"permutation_chunk", "mga"}, before
    groups = {**groups_study.study_config_dict()["groups"], "chunks": 3,
              "permutations": groups_study.PERMUTATIONS + 20}
    jobs = _jobs(project, "--config", f"groups={json.dumps(groups)}")
    assert {"permutation_chunk", "mga"} <= set(jobs) <= ALLOWED, jobs
    assert not GROUP_RULES & set(jobs)
