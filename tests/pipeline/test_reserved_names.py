"""Study names that are the pipeline's own column names are refused at the config check (issue 11, kind 8)."""
import copy

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem_pipeline import study
from plssem_pipeline.analysis.tables import WIDE_TABLE_KEYS, outer_tables
from plssem_pipeline.ingest.spec import SOURCE_ROW
from plssem_pipeline.study.reserved import reserved_name_problems
from pipeline_helpers import study_config


def _estimate(names):
    model = plssem.Model.from_spec({names[0]: ["a1", "a2"], names[1]: ["b1", "b2"]}, [f"{names[0]} -> {names[1]}"])
    rng = np.random.default_rng(2)
    x = rng.standard_normal((50, 1))
    data = np.hstack([x + rng.standard_normal((50, 2)), x + rng.standard_normal((50, 2))])
    return plssem.estimate(pd.DataFrame(data, columns=["a1", "a2", "b1", "b2"]), model)


@pytest.mark.parametrize("name", WIDE_TABLE_KEYS)
def test_each_reserved_construct_name_really_collides(name):
    """Why the list holds these names: the wide tables cannot be built for such a construct."""
    assert outer_tables(_estimate(["A", "B"]))["cross_loadings"].columns[0] in WIDE_TABLE_KEYS
    with pytest.raises(ValueError, match="already exists"):
        outer_tables(_estimate([name, "B"]))


def test_default_study_has_no_reserved_name():
    assert reserved_name_problems(study_config("data/raw/survey.csv")) == []


@pytest.mark.parametrize("edit, key", [
    (lambda c: c["data"].update(id_column=SOURCE_ROW), "data.id_column"),
    (lambda c: c["constructs"]["KU"]["indicators"].append(SOURCE_ROW), "constructs.KU.indicators[6]"),
    (lambda c: c["constructs"]["KP"].update(mode="B", redundancy=SOURCE_ROW), "constructs.KP.redundancy"),
    (lambda c: c["constructs"].update(construct=c["constructs"].pop("KU")), "constructs.construct"),
])
def test_refused_naming_the_key(edit, key):
    config = copy.deepcopy(study_config("data/raw/survey.csv"))
    edit(config)
    problems = reserved_name_problems(config)
    assert len(problems) == 1 and problems[0].startswith(f"config key {key}: ")
    with pytest.raises(study.ConfigError, match=f"config key {key.replace('[', '.').replace(']', '.')}"):
        study.check_semantics(config, root=".")
