"""A group below the ten-times rule of thumb gets the clean step's warning (issue 15, a user's study): in the
group_data step's summary and log, on the terminal, and in the report's sentence on the groups.

A real run of the groups study on SmartPLS's corporate-reputation case with the Prepaid plan group cut to 60
respondents (``groups_study.small_group_runs``, its 1-chunk run, shared with the chunking test of test_groups.py):
above the model's minimum, below its ten-times rule (QUAL's eight Mode B indicators: 80).
"""
from __future__ import annotations

import json

import pytest

import groups_study


@pytest.fixture(scope="module")
def small_group_runs(tmp_path_factory):
    return groups_study.small_group_runs(tmp_path_factory)


def test_group_below_the_ten_times_rule_is_warned_of(small_group_runs):
    project, done = small_group_runs[1]
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
    assert sizes["1"] == groups_study.SMALL_GROUP < need <= sizes["2"]
