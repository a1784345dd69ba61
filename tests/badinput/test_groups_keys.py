"""Bad values of config ``groups`` and ``ipma`` (issue 15), and groups the data cannot estimate.

The config checks run as the Snakefile runs them (the schema's wording, then
:func:`plssem_pipeline.study.check_semantics` on the config with its defaults filled in); each message names
the key and what was expected. A group's data problems (too few respondents, an indicator without any
valid value or constant within the group) are found by the group data step
(:func:`plssem_pipeline.analysis.groups.group_survey`), naming the group and ``groups.variable``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipeline"))

from pipeline_helpers import SCHEMA_PATH, filled_config, minimal_config  # noqa: E402

from plssem_pipeline import study  # noqa: E402
from plssem_pipeline.analysis.groups import group_survey  # noqa: E402
from plssem_pipeline.errors import UserError  # noqa: E402
from plssem_pipeline.ingest.spec import SurveySpec  # noqa: E402
from plssem_pipeline.study import ConfigError, check_semantics, load_schema, schema_problems  # noqa: E402


@pytest.fixture
def config(tmp_path) -> dict:
    """X -> M -> Y, X -> Y with a respondent variable ``plan`` of three categories, groups of it compared."""
    config = minimal_config(tmp_path)
    config["respondents"] = {"plan": {"label": "Plan", "categories": {1: "Prepaid", 2: "Contract", 3: "Business"}},
                             "region": {"label": "Region"}}
    config["groups"] = {"variable": "plan", "compare": [[2, 1]]}
    return config


def _problems(config, tmp_path) -> list[str]:
    found = schema_problems(config, load_schema(SCHEMA_PATH))
    if found:
        return found
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path, file="study.yaml")
    return info.value.problems


@pytest.mark.parametrize("change, message", [
    (lambda c: c["groups"].update(variable="plna"),
     "config key groups.variable: 'plna' is not a respondent variable (config respondents: plan, region)"),
    (lambda c: c["groups"].update(variable="region"),
     "config key groups.variable: respondent variable 'region' has fewer than two categories in config "
     "respondents.region.categories"),
    (lambda c: c["groups"].update(compare=[[2, 4]]),
     "config key groups.compare[0][1]: '4' is not a category of plan (config respondents.plan.categories: 1, 2, 3)"),
    (lambda c: c["groups"].update(compare=[["Contract", "prepaid"]]),
     "config key groups.compare[0][0]: 'Contract' is the label of category 2 of plan; groups.compare uses the codes "
     "(config respondents.plan.categories), e.g. [[2, 1]]"),
    (lambda c: c["groups"].update(compare=[[2, 2]]),
     "config key groups.compare[0]: [2, 2] compares group 2 with itself; a pair is two different categories"),
    (lambda c: c["groups"].update(compare=[[2, 1], [1, 2]]),
     "config key groups.compare[1]: the same two groups as groups.compare[0]; compare each pair once"),
    (lambda c: c["respondents"]["plan"]["categories"].update({"a/b": "Slash"}) or c["groups"].update(compare=None),
     "config key respondents.plan.categories: category code(s) 'a/b' cannot name a group's folder"),
    (lambda c: c["respondents"]["plan"]["categories"].update({"x-vs-y": "Pair-like"}) or c["groups"].update(
        compare=[["x-vs-y", 1]]), "config key respondents.plan.categories: category code(s) 'x-vs-y' cannot name"),
    (lambda c: c["respondents"]["plan"]["categories"].update({"..": "Dots"}) or c["groups"].update(compare=None),
     "config key respondents.plan.categories: category code(s) '..' cannot name a group's folder"),
    (lambda c: c["respondents"]["plan"].update(categories={"a": "Lower", "A": "Upper"}),   # (the clean step's check)
     "config key respondents.plan.categories: codes 'a' and 'A' are the same text (case and spaces ignored)"),
    (lambda c: c["groups"].update(permutations=10, chunks=11),
     "config key groups.chunks: 11 chunks for 10 permutations (groups.permutations); use at most one chunk per "
     "permutation"),
    (lambda c: c.update(ipma={"target": "Q"}), "config key ipma.target: unknown construct 'Q'"),
    (lambda c: c.update(ipma={"target": "X"}),
     "config key ipma.target: construct 'X' has no predecessors (no path leads to it)"),
])
def test_semantic_problems_name_the_key(config, tmp_path, change, message):
    change(config)
    problems = _problems(config, tmp_path)
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("change, message", [
    (lambda c: c["groups"].update(permutatons=100), "config key groups.permutatons: unknown key (did you mean 'permutations'?)"),
    (lambda c: c["groups"].update(permutations=1), "config key groups.permutations: 1 is less than the minimum of 2"),
    (lambda c: c["groups"].update(compare=[[2, 1, 3]]), "config key groups.compare[0]"),
    (lambda c: c["groups"].pop("variable"), "config key groups.variable: required but missing"),
    (lambda c: c.update(ipma={"target": "Y", "weights": "rescaled"}), "config key ipma.weights"),
])
def test_schema_problems_name_the_key(config, tmp_path, change, message):
    change(config)
    problems = schema_problems(config, load_schema(SCHEMA_PATH))
    assert any(message in p for p in problems), problems


def test_a_valid_study_has_its_settings_with_defaults(config, tmp_path):
    config["groups"] = {"variable": "plan"}
    config["ipma"] = {"target": "Y"}
    filled = filled_config(config)
    check_semantics(filled, root=tmp_path)
    settings = study.group_settings(filled)
    assert settings["pairs"] == [["1", "2"], ["1", "3"], ["2", "3"]]          # every pair once, lower code first
    assert study.group_pairs(filled) == [("1", "2"), ("1", "3"), ("2", "3")]
    assert settings["groups"] == ["1", "2", "3"]
    assert (settings["permutations"], settings["chunks"]) == (5000, 2)
    assert settings["seed"] == filled["bootstrap"]["seed"]
    assert study.ipma_settings(filled) == {"target": "Y", "weights": "unstandardized"}
    assert study.group_settings(filled_config({**config, "groups": None})) is None


def _validated(rows: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"source_row": np.arange(2, rows + 2), "plan": ["1", "2"] * (rows // 2)})
    for item in ("x1", "x2", "m1", "y1", "y2"):
        frame[item] = rng.integers(1, 6, rows).astype(float)
    return frame


def _spec(config) -> SurveySpec:
    constructs = {name: {"indicators": spec["indicators"]} for name, spec in config["constructs"].items()}
    return SurveySpec.from_config({}, {}, constructs, config["paths"])


def test_group_data_is_treated_within_the_group(config):
    validated = _validated(40)
    validated.loc[[0, 2], "x1"] = np.nan                            # two missing values in group 1
    survey, details = group_survey(validated, _spec(config), variable="plan", code="1", label="Prepaid",
                                   source="validated.csv")
    group = validated[validated["plan"] == "1"]
    assert details["n"] == len(group) == 20 and details["replaced"] == 2
    assert details["replaced_by_indicator"] == {"x1": 2}
    assert survey.loc[[0, 1], "x1"].tolist() == [group["x1"].mean()] * 2   # the group's own mean, not the sample's
    assert survey["source_row"].tolist() == group["source_row"].tolist()


@pytest.mark.parametrize("edit, message", [
    (lambda v: v.drop(index=v.index[v["plan"] == "1"][3:]),
     "group 1 (Prepaid) of plan: 3 respondent(s), but the model needs at least 4 in each group"),
    (lambda v: v[v["plan"] != "1"],
     "group 1 (Prepaid) of plan: no respondent has this category. List the pairs to compare without it in "
     "groups.compare, e.g. groups.compare: [[2, 3]]"),
    (lambda v: v[v["plan"] != "1"],
     "with groups.compare: null every category of respondents.plan.categories is paired, group 1 included"),
    (lambda v: v.assign(y2=np.where(v["plan"] == "1", np.nan, v["y2"])),
     "group 1 (Prepaid) of plan: indicator y2 has no valid value among the respondents kept"),
    (lambda v: v.assign(m1=np.where(v["plan"] == "1", 3.0, v["m1"])),
     "group 1 (Prepaid) of plan: indicator(s) with the same value for every respondent kept: m1 (always 3"),
])
def test_a_group_the_model_cannot_be_estimated_on_is_named(config, edit, message):
    with pytest.raises(UserError) as info:
        group_survey(edit(_validated(40)).reset_index(drop=True), _spec(config), variable="plan", code="1",
                     label="Prepaid", source="results/clean/validated.csv",
                     pairs=[["1", "2"], ["1", "3"], ["2", "3"]])     # compare: null, every pair
    text = str(info.value)
    assert message in text and "config key groups.variable" in text and "results/clean/validated.csv" in text, text
