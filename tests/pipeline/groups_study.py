"""The multi-group and IPMA test study (issue 15): SmartPLS's corporate-reputation case and its one DAG run.

The data of ``tests/fixtures/smartpls-reference/cr_extended_mga_servicetype/`` (Hair et al.'s corporate
reputation survey as SmartPLS 4 read it: ``;``-separated, ``-99`` missing, 7-point items, 344 respondents),
the extended model with Mode B drivers (QUAL, PERF, CSOR, ATTR), path weighting, and the groups of
``servicetype`` (1 Prepaid plan, 125 respondents; 2 Contract plan, 219): ``groups: {variable: servicetype,
compare: [[2, 1]], permutations: 1000}``, 1,000 bootstrap subsamples, ``ipma: {target: CUSL}``, the report
in HTML and PDF. Missing values are replaced by the indicator's mean within each group, as SmartPLS did.

Used by ``tests/pipeline/test_groups.py`` and the report tests of the group comparison and IPMA, which
share one run per pytest session (:func:`groups_study_run`, ``--cores 2``). A second, small pair of runs of the
study with the Prepaid plan group cut to :data:`SMALL_GROUP` respondents (:func:`small_group_runs`) serves the
chunking test of ``test_groups.py`` and the ten-times-rule warning of ``test_group_sample_size.py``.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import yaml

import run_pool_helpers
from pipeline_helpers import ROOT, make_project, snakemake, study_config

#: The SmartPLS reference case (its case.yaml describes data, model and settings).
CASE = ROOT / "tests" / "fixtures" / "smartpls-reference" / "cr_extended_mga_servicetype"
#: The survey file, relative to the project.
SURVEY = "data/raw/corporate_reputation.csv"
#: Category codes and labels of the group variable, in code order (case.yaml, dataset.groups).
CATEGORIES = dict(sorted((group["servicetype"], name) for name, group in
                         yaml.safe_load((CASE / "case.yaml").read_text(encoding="utf-8"))["dataset"]["groups"].items()))
#: Bootstrap subsamples (per group and for the pooled sample), their chunks and the permutations of the run.
SAMPLES, CHUNKS, PERMUTATIONS = 1000, 2, 1000


def study_config_dict(*, samples: int = SAMPLES, chunks: int = CHUNKS, permutations: int = PERMUTATIONS,
                      permutation_chunks: int = 2, formats=("html", "pdf")) -> dict:
    """The study's config.yaml: the case's data and model (case.yaml), the groups and the IPMA target."""
    case = yaml.safe_load((CASE / "case.yaml").read_text(encoding="utf-8"))
    config = study_config(SURVEY, samples=samples, chunks=chunks)
    for key in ("published", "hypotheses"):
        config.pop(key, None)
    config["data"] = {"survey": SURVEY, "delimiter": ";", "scale": {"min": 1, "max": 7},
                      "missing_codes": [case["dataset"]["missing_code"]], "id_column": None, "synthetic": False}
    config["respondents"] = {"servicetype": {"label": "Service type", "categories": dict(CATEGORIES)}}
    config["constructs"] = {name: {"indicators": list(spec["indicators"]), "mode": spec["mode"]}
                            for name, spec in case["model"]["constructs"].items()}
    config["paths"] = [f"{a} -> {b}" for a, b in case["model"]["paths"]]
    config["groups"] = {"variable": "servicetype", "compare": [[2, 1]], "permutations": permutations,
                        "chunks": permutation_chunks}
    config["ipma"] = {"target": "CUSL"}
    # Not what this study tests (test_predict_fit.py does): PLSpredict and the exact-fit test kept small.
    config["predict"] = {"repetitions": 2}
    config["fit"] = {"samples": 200}
    config["report"] = {"formats": list(formats), "language": "en"}
    return config


def make_groups_project(directory: Path, **settings) -> Path:
    """A project copy in ``directory`` with the case's survey and :func:`study_config_dict` (``settings``)."""
    make_project(directory, config=study_config_dict(**settings))
    shutil.copy(CASE / "corporate_reputation.csv", directory / SURVEY)
    return directory


def _build(directory: Path) -> Path:
    snakemake(make_groups_project(directory), "--cores", "2", timeout=1800)
    return directory


#: One run per pytest session, shared by the pipeline and report tests, made in the background.
run_pool_helpers.register("groups", _build, "groups_run")


def groups_study_run(tmp_path_factory) -> Path:
    """The project directory where ``snakemake --cores 2`` built the groups study (HTML and PDF report)."""
    return run_pool_helpers.result("groups", tmp_path_factory)


#: Respondents kept of the Prepaid plan group (category 1) in :func:`small_group_runs`: above the model's minimum,
#: below its ten-times rule (QUAL's eight Mode B indicators: 80).
SMALL_GROUP = 60
#: What :func:`small_group_runs` builds (the files the chunking test compares byte for byte, and what they need).
SMALL_GROUP_TARGETS = ["results/mga/2-vs-1/mga.csv", "results/mga/2-vs-1/micom.csv", "results/groups/1/bootstrap.csv",
                       "results/groups/2/bootstrap.csv"]


def make_small_group_project(directory: Path, **settings) -> Path:
    """:func:`make_groups_project` with the Prepaid plan group cut to its first :data:`SMALL_GROUP` respondents."""
    project = make_groups_project(directory, **settings)
    survey = project / SURVEY
    data = pd.read_csv(survey, sep=";", dtype=str, keep_default_na=False)
    data.drop(index=data.index[data["servicetype"] == "1"][SMALL_GROUP:]).to_csv(survey, sep=";", index=False)
    return project


def _small_group_pair(directory: Path) -> dict[int, tuple[Path, subprocess.CompletedProcess]]:
    """Two small runs of :func:`make_small_group_project` (100 subsamples, 60 permutations, HTML only) up to
    :data:`SMALL_GROUP_TARGETS`: 1 bootstrap and permutation chunk, and 3; ``{chunks: (project, its snakemake)}``."""
    out = {}
    for chunks in (1, 3):
        project = make_small_group_project(directory / f"chunks_{chunks}", samples=100, chunks=chunks,
                                           permutations=60, permutation_chunks=chunks, formats=("html",))
        out[chunks] = project, snakemake(project, *SMALL_GROUP_TARGETS, "--cores", "2", timeout=900)
    return out


run_pool_helpers.register("groups_small_group", _small_group_pair, "test_groups.py::chunked_groups",
                          "test_group_sample_size.py::small_group_runs")


def small_group_runs(tmp_path_factory) -> dict[int, tuple[Path, subprocess.CompletedProcess]]:
    """The pair of small runs with the Prepaid plan group cut to :data:`SMALL_GROUP` (made once per session)."""
    return run_pool_helpers.result("groups_small_group", tmp_path_factory)
