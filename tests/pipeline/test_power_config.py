"""Config ``power`` (issue 17): its settings (study.power_settings) and the messages of a bad one, each naming its key.

Checked through the workflow's own check (study.check_semantics) on the default config.yaml with a ``power`` section,
and through the schema's messages (study.schema_problems): no Snakemake run.
"""
from __future__ import annotations

import copy
from functools import cache

import pytest
import yaml

from plssem_pipeline import study
from plssem_pipeline.study.sample_size import minimum_respondents

from pipeline_helpers import ROOT

POPULATION = {"paths": {"KP -> IP": 0.3, "EC -> IP": 0.3, "KP -> KU": 0.2, "EC -> KU": 0.2, "IP -> KU": 0.3},
              "loadings": {"KP": 0.8, "EC": 0.8, "IP": 0.75, "KU": {f"KU{i}": 0.7 for i in range(1, 7)}}}


SCHEMA = ROOT / "workflow" / "schemas" / "config.schema.yaml"


@cache
def _default_study() -> dict:
    """config.yaml with the schema's defaults filled in (Snakemake's validate, as the workflow does), once."""
    from snakemake.utils import validate

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    validate(config, str(SCHEMA))
    return config


def _config(power) -> dict:
    """The default study with config ``power`` (the schema fills in nothing under it: its defaults are the study's)."""
    config = copy.deepcopy(_default_study())
    config["power"] = copy.deepcopy(power)
    return config


def _problems(power) -> list[str]:
    """Every problem the workflow reports for the default study with config ``power``: schema first, as it does."""
    config = _config(power)
    problems = study.schema_problems(config, study.load_schema(SCHEMA))
    if problems:
        return problems
    try:
        study.check_semantics(config, root=ROOT)
    except study.ConfigError as error:
        return list(error.problems)
    return []


def test_no_power_section_no_power_analysis():
    config = _config(None)
    del config["power"]
    assert study.power_settings(config) is None
    assert study.power_settings(_config(None)) is None


def test_defaults_sorted_grid_and_settings_taken_from_bootstrap():
    config = _config({"n": [200, 50, 100]})
    settings = study.power_settings(config)
    assert settings["n"] == [50, 100, 200]
    assert settings["alpha"] == config["bootstrap"]["alpha"] and settings["seed"] == config["bootstrap"]["seed"]
    assert settings["significance"] == "interval"        # mediation.significance: confidence_interval
    assert settings["population"] == "estimated" and settings["test"] == "bootstrap"
    assert settings["hypothesised"] == config["paths"]  # no config hypotheses: one per path
    assert study.power_settings(_config({}))["n"] == [50, 100, 150, 200, 300]  # power: {} runs with the defaults
    assert study.power_settings(_config({"replications": 3, "chunks": 10}))["chunks"] == 3
    per_chunk = study.power.REPLICATIONS_PER_CHUNK          # chunks null: one job per that many replications
    assert [study.power_settings(_config({"replications": r}))["chunks"]
            for r in (1, per_chunk, per_chunk + 1, 4 * per_chunk)] == [1, 1, 2, 4]


def test_normal_test_chunks_do_not_depend_on_the_bootstrap_settings():
    normal, boot = (study.power.drawn_with(study.power_settings(_config({"test": test})))
                    for test in ("normal", "bootstrap"))
    assert set(boot) - set(normal) == {"samples", "significance"}


def test_a_valid_given_population_passes():
    assert _problems({"population": POPULATION, "n": [50, 100]}) == []


@pytest.mark.parametrize(("power", "expected"), [
    ({"replications": 0}, "config key power.replications: 0 is less than the minimum of 1"),
    ({"target": 1}, "config key power.target: 1 is greater than or equal to the maximum of 1"),
    ({"test": "wald"}, "config key power.test"),
    ({"population": "estimate"}, "config key power.population"),
    ({"n": [50, 100, 50]}, "config key power.n[2]: sample size 50 is listed twice"),
    ({"replications": 4, "chunks": 5}, "config key power.chunks: 5 chunks for 4 replications"),
])
def test_bad_settings_name_their_key(power, expected):
    assert any(problem.startswith(expected) for problem in _problems(power)), _problems(power)


@pytest.mark.parametrize(("population", "expected"), [
    ({"paths": POPULATION["paths"], "loading": POPULATION["loadings"]},
     "config key power.population.loading: unknown key (did you mean 'loadings'?)"),
    ({**POPULATION, "correlation": {"KP <-> EC": 0.3}},
     "config key power.population.correlation: unknown key (did you mean 'correlations'?)"),
    ({**POPULATION, "loadings": {**POPULATION["loadings"], "KP": "0.8"}},
     "config key power.population.loadings.KP: expected number or object, got '0.8' (text, not a number"),
    ("estimate", "config key power.population: expected one of 'estimated', got 'estimate' (did you mean "
                 "'estimated'?)"),
])
def test_a_typo_inside_the_population_is_named(population, expected):
    assert any(problem.startswith(expected) for problem in _problems({"population": population})), \
        _problems({"population": population})


def test_a_one_tailed_power_alpha_of_one_half_or_more_names_power_alpha():
    config = _config({"alpha": 0.6})
    config["bootstrap"]["tails"] = 1
    config["hypotheses"] = {f"H{i}": {"path": path, "sign": "positive"} for i, path in enumerate(config["paths"])}
    with pytest.raises(study.ConfigError, match=r"config key power.alpha: a one-tailed test \(bootstrap.tails: 1\) "
                                                r"needs alpha below 0.5, got 0.6"):
        study.check_semantics(config, root=ROOT)


def test_a_sample_size_below_what_the_model_needs():
    config = _config({})
    need, _ = minimum_respondents(study.indicator_lists(config["constructs"]), config["paths"])
    problems = _problems({"n": [need - 1, 100]})
    assert any(p.startswith(f"config key power.n[0]: sample size {need - 1} is below the {need} respondents")
               for p in problems), problems


def test_a_given_population_that_does_not_match_the_model():
    population = copy.deepcopy(POPULATION)
    population["paths"]["KP -> XX"] = 0.1
    del population["paths"]["IP -> KU"]
    population["loadings"]["ZZ"] = 0.7
    del population["loadings"]["EC"]
    del population["loadings"]["KU"]["KU3"]
    population["correlations"] = {"KP <-> Q": 0.2}
    problems = "\n".join(_problems({"population": population}))
    assert "config key power.population.paths: path 'KP -> XX' is not a path of the model" in problems
    assert "config key power.population.paths: no population value for IP -> KU" in problems
    assert "config key power.population.loadings: construct 'ZZ' is not a construct of the model" in problems
    assert "config key power.population.loadings: construct 'EC' has no loading" in problems
    assert "config key power.population.loadings.KU: no loading for indicator(s) KU3" in problems
    assert "config key power.population.correlations: 'KP <-> Q' is not \"A <-> B\"" in problems


def test_the_engine_refusal_of_a_population_names_the_key():
    population = copy.deepcopy(POPULATION)
    population["paths"].update({"KP -> IP": 0.9, "EC -> IP": 0.9})  # R² of IP above 1
    problems = _problems({"population": population})
    assert len(problems) == 1 and problems[0].startswith("config key power.population: ") and "IP" in problems[0]


def test_a_planned_study_needs_no_survey():
    config = _config({"population": POPULATION})
    config["data"]["survey"] = "data/raw/not_collected_yet.csv"
    study.check_semantics(config, root=ROOT)      # no "survey file not found"
    config["power"]["population"] = "estimated"   # the estimated population needs the survey
    with pytest.raises(study.ConfigError, match="config key data.survey: survey file"):
        study.check_semantics(config, root=ROOT)


def test_an_estimated_population_needs_a_named_survey():
    """Not data.survey's default (the example paper's survey) for a study that left it out; a given population
    needs none."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    del config["data"]["survey"]
    schema = study.load_schema(SCHEMA)
    assert study.schema_problems(config, schema) == []     # no power analysis: the default survey, as before
    config["power"] = {"n": [100]}
    assert [p.split(" — ")[0] for p in study.schema_problems(config, schema)] == \
        ["config key data.survey: required but missing"]
    config["power"]["population"] = POPULATION
    assert study.schema_problems(config, schema) == []


def test_a_model_with_an_interaction_term_is_refused():
    config = _config({"n": [100]})
    config["paths"] = config["paths"] + ["KP x EC -> KU"]
    with pytest.raises(study.ConfigError, match="config key power: the power analysis simulates models without "
                                                "interaction terms"):
        study.check_semantics(config, root=ROOT)
