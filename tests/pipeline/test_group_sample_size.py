"""A group below the ten-times rule of thumb gets the clean step's warning (issue 15, a user's study): in the
group_data step's summary and log, on the terminal, and in the report's sentence on the groups.

A real run of the groups study's first steps (clean, group_data) on SmartPLS's corporate-reputation case with the
Prepaid plan group cut to 60 respondents: above the model's minimum, below its ten-times rule (QUAL's eight Mode B
indicators: 80).
"""
from __future__ import annotations

import json

import pandas as pd

import groups_study
from pipeline_helpers import snakemake

#: Respondents kept of the Prepaid plan group (category 1).
KEPT = 60


def test_group_below_the_ten_times_rule_is_warned_of(tmp_path):
    project = groups_study.make_groups_project(tmp_path / "small")
    survey = project / groups_study.SURVEY
    data = pd.read_csv(survey, sep=";", dtype=str, keep_default_na=False)
    first = data.index[data["servicetype"] == "1"][KEPT:]
    data.drop(index=first).to_csv(survey, sep=";", index=False)
    done = snakemake(project, "--cores", "1", "results/groups/1/summary.json", "results/groups/2/summary.json")
    need = json.loads((project / "results/clean/summary.json").read_text())["details"]["recommended_respondents"]
    sizes = {}
    for code in ("1", "2"):
        details = json.loads((project / f"results/groups/{code}/summary.json").read_text())["details"]
        sizes[code] = details["n"]
        assert details["recommended"] == need
        log = (project / f"results/logs/group_data/{code}.log").read_text(encoding="utf-8")
        if details["n"] < need:
            # the clean step's warning, naming the group
            label = groups_study.CATEGORIES[int(code)]
            (warning,) = details["warnings"]
            assert warning.startswith(f"group {code} ({label}) of servicetype: {details['n']} respondents: fewer "
                                      f"than the ten-times rule of thumb ({need} = 10 x the most arrows")
            assert warning in log and "WARNING" in log and warning in done.stderr
        else:
            assert details["warnings"] == [] and "ten-times" not in log
    assert sizes["1"] == KEPT < need <= sizes["2"]

