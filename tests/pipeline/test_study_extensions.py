"""The study's model with interaction terms, higher-order constructs and control variables (issue 13).

``study.model_spec`` -> ``study.model_from_spec`` against the engine's own ``Model.from_spec`` on the
specification written out by hand (moderation_study.engine_spec); ``study.roles`` and
``study.is_mediation_route`` against what the engine's model says (its interaction terms and its
higher-order constructs' paths to their dimensions); every rule that builds the model builds it from the
one ``MODEL_SPEC`` (no DAG run).
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import plssem
import pytest
from plssem import statistics

from moderation_study import engine_spec, study_config_dict
from pipeline_helpers import ROOT
from plssem_pipeline import study
from plssem_pipeline.study.hypotheses import hypotheses_from_config
from plssem_pipeline.study.model import model_effects


def _config(**changes) -> dict:
    config = copy.deepcopy(study_config_dict())
    config.update(copy.deepcopy(changes))
    return config


def _same_model(a, b) -> None:
    assert a.constructs == b.constructs and a.paths == b.paths
    assert a.interactions == b.interactions and a.higher_order == b.higher_order and a.generated == b.generated


def test_model_spec_builds_the_engine_model_of_the_hand_written_specification():
    constructs, paths, moderation = engine_spec()
    expected = plssem.Model.from_spec(constructs, paths, moderation=moderation)
    spec = study.model_spec(_config())
    _same_model(study.model_from_spec(spec), expected)
    assert spec["constructs"]["age"] == {"indicators": ["age"], "mode": "A", "model": "composite"}
    assert spec["paths"][-1] == "age -> Y" and spec["controls"] == {"age": ["Y"]}


def test_model_spec_fills_the_moderation_defaults_and_the_old_call_still_works():
    config = _config()
    del config["moderation"]
    assert study.model_spec(config)["moderation"] == {"method": "two_stage", "standardize_term": True}
    old = study.model_from_config(config["constructs"], config["paths"], controls=config["controls"])
    _same_model(old, study.model_from_spec(study.model_spec(config)))
    default = {"KP": {"indicators": ["kp1", "kp2"]}, "KU": {"indicators": ["ku1", "ku2"]}}
    _same_model(study.model_from_config(default, ["KP -> KU"]), plssem.Model.from_spec(
        {name: spec["indicators"] for name, spec in default.items()}, ["KP -> KU"]))


@pytest.mark.parametrize("term", ["X x W", "X*W", "X × W"])
def test_roles_name_the_final_model_constructs(term):
    config = _config(paths=["X -> M", "W -> M", f"{term} -> M", "M -> Y", "X -> Y", "Q -> Y"])
    roles = study.roles(config)
    model = study.model_from_spec(study.model_spec(config))
    assert set(roles) >= set(model.construct_names)          # every construct of the final model has its role
    assert {n for n, r in roles.items() if r == "interaction"} == {i.name for i in model.interactions}
    assert {n for n, r in roles.items() if r == "higher_order"} == {h.name for h in model.higher_order}
    assert {n for n, r in roles.items() if r == "lower_order"} == {d for h in model.higher_order for d in h.dimensions}
    assert {n for n, r in roles.items() if r == "control"} == set(config["controls"])
    assert roles == study.roles(study.model_spec(config))    # the config or the rules' model spec alike
    assert set(roles.values()) <= set(study.ROLES)


def test_mediation_routes_leave_out_interactions_controls_and_measurement_paths():
    config = _config(paths=["X -> M", "W -> M", "X x W -> M", "M -> Y", "X -> Y", "Q -> M", "W -> Y"],
                     controls={"age": ["M"]})
    config["constructs"]["Q"]["approach"] = "repeated_indicators"    # Mode A: paths Q -> Q1, Q -> Q2
    model = study.model_from_spec(study.model_spec(config))
    roles = study.roles(config)
    measurement = {(h.name, d) for h in model.higher_order if not h.staged for d in h.dimensions}
    assert measurement and set(model.paths) >= measurement
    terms, controls = {i.name for i in model.interactions}, set(config["controls"])
    routes = [tuple(r["path"].split(" -> ")) for r in statistics.labels(model)["specific_indirect"]]
    kept = [r for r in routes if study.is_mediation_route(r, roles)]
    expected = [r for r in routes if r[0] not in terms | controls and not set(zip(r, r[1:])) & measurement]
    assert kept == expected and ("X", "M", "Y") in kept and len(kept) < len(routes)
    effects = model_effects(model, roles)
    assert "X x W -> M" in effects and "age -> M" not in effects and not {f"{a} -> {b}" for a, b in measurement} & effects
    assert {" -> ".join(r) for r in kept} <= effects


def test_default_hypotheses_include_the_interaction_path_in_the_results_spelling():
    config = _config(paths=["X -> M", "W -> M", "X*W -> M", "M -> Y", "X -> Y", "Q -> Y"], hypotheses=None)
    hypotheses = hypotheses_from_config(config)
    assert [h.path for h in hypotheses][2] == "X x W -> M"
    model = study.model_from_spec(study.model_spec(config))
    assert {h.path for h in hypotheses} <= model_effects(model, study.roles(config))


def _rules_with(text: str) -> set[str]:
    """The rule files of workflow/rules whose text matches ``text`` (a regex)."""
    return {p.stem for p in (ROOT / "workflow" / "rules").glob("*.smk") if re.search(text, p.read_text())}


def test_every_step_builds_the_one_model_spec_of_the_snakefile():
    steps = ROOT / "src" / "plssem_pipeline" / "steps"
    building = {p.stem for p in steps.glob("*.py") if "study.model_from_spec(smk.params.model)" in p.read_text()}
    assert not [p.name for p in steps.glob("*.py") if "model_from_config(smk." in p.read_text()]
    # the rule file of each step (rules/fit.smk: rule `alternative` builds study.alternative_spec, `fit` MODEL_SPEC)
    rules_of_steps = {"estimation_step": {"outer", "inner"}, "bootstrap_chunk": {"bootstrap"},
                      "predict_chunk": {"predict"}, "power_chunk": {"power"}, "alternative": {"fit"},
                      **dict.fromkeys(("group_estimate", "group_bootstrap", "permutation_chunk", "mga"), {"groups"})}
    needing = set().union(*(rules_of_steps.get(step, {step}) for step in building))
    assert needing and needing <= _rules_with(r"\n\s+model=MODEL_SPEC,")
    assert "MODEL_SPEC = study.model_spec(config)" in (ROOT / "workflow" / "Snakefile").read_text()


def test_measures_are_the_indicators_or_the_dimensions_of_the_final_model():
    config = _config()
    config["constructs"]["Q"]["mode"] = "B"       # a formative two-stage construct: its dimensions' scores measure it
    model = study.model_from_spec(study.model_spec(config))
    for name, spec in config["constructs"].items():
        if name in model.construct_names:
            assert tuple(study.measures(spec)) == model.constructs[model.index(name)].indicators
    assert study.measures(config["constructs"]["Q"]) == ["Q1", "Q2"]


def test_a_control_written_with_a_label_is_the_same_model_and_shows_its_label():
    plain, labelled = _config(), _config(controls={"age": {"targets": ["Y"], "label": {"en": "Age (years)",
                                                                                        "id": "Usia (tahun)"}}})
    assert study.model_spec(labelled) == study.model_spec(plain) and study.roles(labelled) == study.roles(plain)
    _same_model(study.model_from_spec(study.model_spec(labelled)), plssem.Model.from_spec(*engine_spec()[:2],
                                                                                           moderation=engine_spec()[2]))
    assert study.control_targets(labelled["controls"]) == study.control_targets(plain["controls"]) == {"age": ["Y"]}
    for language in ("en", "id"):
        names = study.construct_labels(labelled, language)
        assert names["age"] == labelled["controls"]["age"]["label"][language]
        assert names["X"] == "X" and list(names) == [*labelled["constructs"], "age"]
        assert study.construct_labels(plain, language)["age"] == "age"
    # the describe step's indicator lists: the control variable a single-item block of its own (Table A1)
    lists = study.indicator_lists(labelled["constructs"], labelled["controls"])
    assert lists["age"] == ["age"] and lists["Q"] == [] and list(lists)[:-1] == list(labelled["constructs"])


@pytest.mark.parametrize("extra", [["W x X -> M"], ["W x X -> Y", "W -> Y"], ["X*W -> M"], ["X × W -> M"]])
def test_the_config_check_refuses_before_the_engine_what_the_engine_refuses(extra, tmp_path):
    """One interaction term written twice (another separator) or the other way round (W x X beside X x W): the
    engine refuses the model; the config check refuses it first, naming both positions in config key paths."""
    from snakemake.utils import validate

    config = _config(paths=["X -> M", "W -> M", "X x W -> M", "M -> Y", "X -> Y", "Q -> Y", *extra])
    constructs, paths, moderation = engine_spec()
    with pytest.raises(plssem.ModelError, match="given twice|other way round"):
        plssem.Model.from_spec(constructs, config["paths"] + paths[len(paths) - 1:], moderation=moderation)
    (tmp_path / config["data"]["survey"]).parent.mkdir(parents=True)
    (tmp_path / config["data"]["survey"]).write_text("respondent_id\n", encoding="utf-8")
    validate(config, str(ROOT / "workflow" / "schemas" / "config.schema.yaml"))
    with pytest.raises(study.ConfigError) as error:
        study.check_semantics(config, root=tmp_path)
    term = extra[0].split(" -> ")[0]
    assert f"config key paths[6] ({extra[0]!r}): " in str(error.value) and "paths[2]" in str(error.value)
    assert ("written the other way round" in str(error.value)) == (term == "W x X")
