"""The pipeline on a real SLURM cluster through the workflow profile ``profiles/slurm``: byte-identical results.

The SLURM run is the chunked run's study (``pipeline_helpers.chunked_project``: 200 subsamples in 3 bootstrap
chunks) up to the bootstrap (:data:`TARGETS`: clean, 3 chunk jobs, the merge: 5 SLURM jobs). Each job is
submitted with ``sbatch`` by the executor plugin and followed with ``squeue``; every file it writes under
results/ must equal the local chunked run's byte for byte (the pool's ``chunked_run``, which the pipeline tests
use as well). Only the benchmarks' timings differ. Every SLURM job costs 6.5-7 s of CPU more than the same
job run locally (the plugin's job step and the job each start Snakemake and parse the workflow), hence the
bootstrap only, not all of results/: the other chunk rules run the same way (one thread, rule ``threads``).

The run waits on the scheduler most of the time, so the pool makes it on a thread of its own from the
session's start (``waits=True``), beside the runs that use the cores. CI starts a single-node cluster
(``.ci/start-slurm``) and sets ``PLSSEM_REQUIRE_SLURM=1``: there the test fails if SLURM is not up; on a
machine without SLURM it is skipped with the reason.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import pipeline_helpers
import run_pool_helpers

PROFILE = pipeline_helpers.ROOT / "profiles" / "slurm"
#: What the SLURM run makes: the bootstrap (and the clean step it reads).
TARGETS = ("results/bootstrap/summary.json",)
#: Node states (sinfo's short form) of a node that takes jobs.
UP = {"idle", "mix", "alloc", "comp"}


def slurm_problem() -> str | None:
    """Why the pipeline cannot run on SLURM here (plugin, commands, a node that takes jobs), or None."""
    if importlib.util.find_spec("snakemake_executor_plugin_slurm") is None:
        return "the SLURM executor plugin is not installed (pip install -e '.[cluster]')"
    missing = [tool for tool in ("sbatch", "squeue", "sinfo") if shutil.which(tool) is None]
    if missing:
        return f"no SLURM here: {', '.join(missing)} not on PATH"
    sinfo = subprocess.run(["sinfo", "--noheader", "--format=%t"], capture_output=True, text=True, timeout=60)
    if sinfo.returncode != 0 or not UP.intersection(sinfo.stdout.split()):
        return f"no SLURM node takes jobs (sinfo: {(sinfo.stdout + sinfo.stderr).strip() or 'no nodes'})"
    return None


def _slurm_run(directory: Path) -> tuple[Path, str]:
    """The chunked run's study through ``profiles/slurm`` up to :data:`TARGETS`: the project and Snakemake's log
    (stderr)."""
    problem = slurm_problem()
    if problem and os.environ.get("PLSSEM_REQUIRE_SLURM") == "1":
        pytest.fail(f"PLSSEM_REQUIRE_SLURM=1 but {problem}", pytrace=False)
    if problem:
        pytest.skip(problem)
    project = pipeline_helpers.chunked_project(directory)
    done = pipeline_helpers.snakemake(project, *TARGETS, "--workflow-profile", str(PROFILE))
    return project, done.stderr


run_pool_helpers.register("slurm_run", _slurm_run, "slurm_run", waits=True)


@pytest.fixture(scope="session")
def slurm_run(tmp_path_factory) -> tuple[Path, str]:
    return run_pool_helpers.result("slurm_run", tmp_path_factory)


@pytest.fixture(scope="session")
def chunked_run(tmp_path_factory) -> Path:
    """The local run of the same study on 2 cores (tests/pipeline's ``chunked_run``)."""
    return run_pool_helpers.result("chunked_run", tmp_path_factory)


def _results(run: Path) -> dict[str, bytes]:
    """Every file under the run's results/, by relative path, except the benchmarks (timings)."""
    results = run / "results"
    return {str(path.relative_to(results)): path.read_bytes() for path in sorted(results.rglob("*"))
            if path.is_file() and path.relative_to(results).parts[0] != "benchmarks"}


def test_every_job_is_a_slurm_job(slurm_run):
    _, log = slurm_run
    jobs = int(re.search(r"^total\s+(\d+)$", log, re.MULTILINE).group(1))
    submitted = re.findall(r"^Job \d+ has been submitted with SLURM jobid \d+", log, re.MULTILINE)
    assert len(submitted) == jobs
    assert "localrule" not in log


def test_slurm_results_are_byte_identical_to_the_local_run(chunked_run, slurm_run):
    project, _ = slurm_run
    local, cluster = _results(chunked_run), _results(project)
    assert {name.split("/")[0] for name in cluster} == {"clean", "bootstrap", "logs"}
    assert len([name for name in cluster if name.startswith("bootstrap/chunks/")]) == pipeline_helpers.CHUNKS
    assert set(cluster) <= set(local)
    assert [name for name in cluster if cluster[name] != local[name]] == []


def _rules() -> dict[str, str]:
    """Every rule of the workflows (workflow/**/*.smk): name -> its text."""
    rules = {}
    for path in (pipeline_helpers.ROOT / "workflow").rglob("*.smk"):
        for text in re.split(r"^(?=rule \w+:)", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
            rules[re.match(r"rule (\w+):", text).group(1)] = text
    return rules


def test_the_profile_sets_every_chunk_rule_and_names_only_rules_of_the_workflow():
    """One thread per chunk job (as locally); memory and time for each (the profile's or the rule's own); no
    setting for a rule that does not exist."""
    profile = yaml.safe_load((PROFILE / "config.yaml").read_text(encoding="utf-8"))
    rules = _rules()
    chunk_rules = {name for name in rules if name.endswith("_chunk")}
    assert set(profile["set-threads"]) | set(profile["set-resources"]) <= set(rules)
    assert profile["set-threads"] == dict.fromkeys(chunk_rules, 1)
    assert {"mem_mb", "runtime"} <= set(profile["default-resources"])
    for name in chunk_rules:
        declared = set(profile["set-resources"].get(name, {})) or set(re.findall(r"^\s+(\w+)=", rules[name], re.M))
        assert {"mem_mb", "runtime"} <= declared, name
