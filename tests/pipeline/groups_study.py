"""The multi-group and IPMA test study (issue 15): SmartPLS's corporate-reputation case and its one DAG run.

The data of ``tests/fixtures/smartpls-reference/cr_extended_mga_servicetype/`` (Hair et al.'s corporate
reputation survey as SmartPLS 4 read it: ``;``-separated, ``-99`` missing, 7-point items, 344 respondents),
the extended model with Mode B drivers (QUAL, PERF, CSOR, ATTR), path weighting, and the groups of
``servicetype`` (1 Prepaid plan, 125 respondents; 2 Contract plan, 219): ``groups: {variable: servicetype,
compare: [[2, 1]], permutations: 1000}``, 1,000 bootstrap subsamples, ``ipma: {target: CUSL}``, the report
in HTML and PDF. Missing values are replaced by the indicator's mean within each group, as SmartPLS did.

Used by ``tests/pipeline/test_groups.py`` and the report tests of the group comparison and IPMA, which
share one run per pytest session (:func:`groups_study_run`, ``--cores 2``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

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
