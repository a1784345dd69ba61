"""Limits of mean replacement (issue 11, kind 10): data.max_missing_share and respondents who answered nothing.

The missing shares, the respondents without any answer and the means that replace
missing values are recomputed here with pandas from the survey file itself
(``read_csv``'s own parsing, ``isna().mean()``, ``mean()``), independently of the
pipeline's reader and cleaning.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import yaml

from plssem_pipeline import study
from plssem_pipeline.ingest.cleaning import clean_survey
from plssem_pipeline.ingest.spec import SurveySpec
from plssem_pipeline.ingest.survey import read_survey
from plssem_pipeline.report.catalogue import Catalogue
from plssem_pipeline.report.sections import methods

ROOT = Path(__file__).resolve().parents[2]
CONSTRUCTS = {"A": {"indicators": ["A1", "A2", "A3"]}, "B": {"indicators": ["B1", "B2"]}}
ITEMS = ["A1", "A2", "A3", "B1", "B2"]


def _survey(tmp_path, n=40, seed=1, blank=None, unanswered=()):
    """A 1-5 survey of ``n`` respondents; ``blank``: item -> row positions left blank; ``unanswered``: positions."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.integers(1, 6, (n, len(ITEMS))), columns=ITEMS).astype(object)
    frame.insert(0, "id", [f"R{i + 1}" for i in range(n)])
    for item, rows in (blank or {}).items():
        frame.loc[list(rows), item] = ""
    frame.loc[list(unanswered), ITEMS] = ""
    path = tmp_path / "survey.csv"
    frame.to_csv(path, index=False)
    return path


def _clean(path, **data):
    spec = SurveySpec.from_config({"id_column": "id", **data}, {}, CONSTRUCTS, ["A -> B"])
    return clean_survey(read_survey(path), spec)


def test_unanswered_respondents_are_excluded_logged_and_not_in_the_means(tmp_path):
    path = _survey(tmp_path, blank={"A2": [3, 8]}, unanswered=(0, 11, 25))
    out = _clean(path)
    frame = pd.read_csv(path)
    answered = frame[frame[ITEMS].notna().any(axis=1)]
    assert len(out.survey) == len(answered) == 37                 # not counted in n
    assert out.details["respondents_kept"] == 37 and out.details["respondents_excluded"] == 3
    assert out.survey["id"].tolist() == answered["id"].tolist()
    file_rows = (frame.index[frame[ITEMS].isna().all(axis=1)] + 2).tolist()   # header = row 1
    assert out.details["unanswered_rows"] == file_rows == [2, 13, 27]
    logged = out.exclusions[out.exclusions["column"] == ""]
    assert logged["row"].tolist() == file_rows
    assert (logged["action"].str.startswith("respondent excluded (no valid answer to any indicator")).all()
    assert set(out.exclusions["row"]) == {*file_rows, 5, 10}       # one row per respondent, no per-cell rows
    replaced = out.survey.loc[out.survey["id"].isin(frame.loc[[3, 8], "id"]), "A2"]
    np.testing.assert_allclose(replaced, answered["A2"].mean(), rtol=0, atol=1e-15)
    assert out.details["indicator_means_used_for_replacement"]["A2"] == pytest.approx(answered["A2"].mean(), abs=1e-15)


def test_every_indicator_above_the_limit_is_warned_and_none_at_or_below(tmp_path):
    n = 40
    path = _survey(tmp_path, n=n, blank={"A1": range(0, 6), "A3": range(10, 17), "B2": range(20, 32)})
    out = _clean(path)
    shares = pd.read_csv(path)[ITEMS].isna().mean()             # A1 0.15 (at the limit), A3 0.175, B2 0.30
    expected = {name: share for name, share in shares.items() if share > 0.15}
    assert list(expected) == ["A3", "B2"]
    assert out.details["indicators_above_max_missing_share"] == pytest.approx(expected, abs=1e-15)
    assert out.details["max_missing_share"] == 0.15
    warned = [w for w in out.details["warnings"] if "data.max_missing_share" in w]
    assert [w.split()[1] for w in warned] == ["A3", "B2"]
    assert warned[1].startswith(f"indicator B2 (construct B) is missing for {100 * shares['B2']:.1f}% of the "
                                f"respondents (12 of {n}), more than data.max_missing_share (15%")
    assert "constructs.B.indicators" in warned[1]
    silent = _clean(path, max_missing_share=0.3)
    assert list(silent.details["indicators_above_max_missing_share"]) == []   # B2's 0.30 is not above 0.30
    casewise = _clean(path, missing_treatment="casewise_deletion")
    assert "casewise deletion drops every respondent missing it" in casewise.details["warnings"][0]


def test_the_share_leaves_out_respondents_who_answered_nothing(tmp_path):
    """Six blank A1 cells of the 40 who answered are 15 % (no warning); counting the 4 empty respondents
    too would make it 10 of 44 (22.7 %)."""
    path = _survey(tmp_path, n=44, blank={"A1": range(0, 6)}, unanswered=(40, 41, 42, 43))
    out = _clean(path)
    frame = pd.read_csv(path)
    answered = frame[frame[ITEMS].notna().any(axis=1)]
    assert answered["A1"].isna().mean() == 0.15 and frame["A1"].isna().mean() > 0.15
    assert out.details["indicators_above_max_missing_share"] == {}
    assert out.details["respondents_kept"] == len(answered) == 40


def test_the_key_is_in_the_schema_with_a_default_and_refused_out_of_range():
    schema = study.load_schema(ROOT / "workflow" / "schemas" / "config.schema.yaml")
    entry = schema["properties"]["data"]["properties"]["max_missing_share"]
    assert entry["default"] == 0.15 and entry["description"]
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["data"]["max_missing_share"] = 1.5
    problems = study.schema_problems(config, schema)
    assert problems and all("data.max_missing_share" in p for p in problems)


@pytest.mark.parametrize("language", ["en", "id"])
def test_methods_say_which_indicators_and_rows(language):
    clean = {"respondents_kept": 137, "rows_read": 140, "respondents_excluded": 3, "exclusion_rows": 61,
             "unanswered_rows": [5, 20, 77], "max_missing_share": 0.15,
             "indicators_above_max_missing_share": {"KU3": 58 / 140}}
    t = Catalogue(language)
    inputs = SimpleNamespace(t=t, language=language, summaries={"clean_summary": {"details": clean}},
                             config={"data": {"survey": "data/raw/survey.csv", "missing_treatment": "mean_replacement"}})
    text = methods._sample(inputs)
    comma = "," if language == "id" else "."
    assert t("m_unanswered", count="3", rows="5, 20, 77") in text
    assert t("m_missing_share", limit="15", indicators=f"KU3 (41{comma}4%)") in text
    assert "{" not in text
