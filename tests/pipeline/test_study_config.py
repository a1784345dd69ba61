"""The study configuration: schema problems, semantic checks, chunking (plssem_pipeline.study)."""

import pytest
import yaml
from hypothesis import given, strategies as st
from snakemake.utils import validate

from plssem_pipeline.study import ConfigError, check_semantics, chunk_ranges, format_key, load_schema, \
    schema_problems, typed_overrides

from pipeline_helpers import ROOT, SCHEMA_PATH, filled_config, minimal_config


@pytest.fixture
def schema():
    return load_schema(SCHEMA_PATH)


@pytest.fixture
def config(tmp_path):
    return minimal_config(tmp_path)


def test_default_config_is_valid(schema):
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert schema_problems(config, schema) == []
    validate(config, str(SCHEMA_PATH))
    assert config["bootstrap"] == {"samples": 5000, "seed": 20260130, "chunks": 4, "ci": "percentile",
                                   "alpha": 0.05, "sign_change": "none", "tails": 2}
    assert config["hypotheses"] is None
    assert list(config["respondents"]) == ["business_type", "years_established", "revenue", "ecommerce_platform"]
    assert config["respondents"]["ecommerce_platform"]["categories"][5] == "Bukalapak"
    assert config["paths"] == ["KP -> IP", "EC -> IP", "KP -> KU", "EC -> KU", "IP -> KU"]
    assert config["audit"]["tolerances"]["p"] < config["audit"]["alpha"]     # a flip of significance is no "within"


def test_every_schema_key_has_description_and_optional_keys_defaults(schema):
    required_without_default = {"constructs", "paths", "respondents.*.categories", "constructs.*.indicators",
                                "constructs.*.scale.min", "constructs.*.scale.max", "hypotheses.*.path",
                                # a higher-order construct's keys: a default would put them on every construct
                                # (their descriptions say what applies when left out)
                                "constructs.*.dimensions", "constructs.*.approach",
                                "controls.*.targets",   # required in a control's {targets, label} form
                                "alternatives.*.paths",  # an alternative model is its paths
                                # sections null by default: their keys' defaults are study.groups.GROUP_DEFAULTS and
                                # IPMA_DEFAULTS (Snakemake's validate would write a schema default into the null)
                                "groups.variable", "groups.compare", "groups.permutations", "groups.seed",
                                "groups.chunks", "ipma.target", "ipma.weights",
                                # and study.power.POWER_DEFAULTS
                                "power.n", "power.replications", "power.alpha", "power.target", "power.test",
                                "power.samples", "power.population", "power.seed", "power.chunks"}

    def walk(node, key):
        for name, sub in node.get("properties", {}).items():
            path = f"{key}.{name}" if key else name
            assert "description" in sub, f"{path} has no description"
            if path.replace(".*", "") not in {p.replace(".*", "") for p in required_without_default} \
                    and "label" not in name:
                assert "default" in sub, f"{path} has no default"
            walk(sub, path)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            walk(extra, f"{key}.*")

    walk(schema, "")


def test_defaults_filled_config(config):
    out = filled_config(config)
    assert out["data"]["missing_treatment"] == "mean_replacement"
    assert out["algorithm"] == {"weighting": "path", "max_iter": 300, "tol": 1e-7}
    assert out["constructs"]["X"]["mode"] == "A"
    assert out["published"] is None and out["respondents"] == {}


def test_schema_problems_name_keys(config, schema):
    config["bootstrap"] = {"samples": -5, "seed": 1.5, "ci": "bootstrap-t"}
    config["algorithm"] = {"tol": "1e-7"}
    config["bootstap"] = {}
    problems = "\n".join(schema_problems(config, schema))
    assert "config key bootstrap.samples: -5 is less than the minimum of 2" in problems
    assert "config key bootstrap.seed: expected integer, got 1.5" in problems
    assert "config key bootstrap.ci: expected one of 'percentile', 'bca'" in problems
    assert "config key algorithm.tol: expected number, got '1e-7'" in problems and "1.0e-7" in problems
    assert "config key bootstap: unknown key (did you mean 'bootstrap'?)" in problems
    del config["paths"]
    assert any(p.startswith("config key paths: required but missing") for p in schema_problems(config, schema))


@pytest.mark.parametrize("change, message", [
    (lambda c: c["paths"].append("X -> Q"), "config key paths[3] ('X -> Q'): unknown construct 'Q'"),
    (lambda c: c["paths"].append("Y -> X"), "cycle among"),
    (lambda c: c["paths"].append("X -> X"), "cannot point to itself"),
    (lambda c: c["paths"].append("X -> M"), "same path as paths[0]"),
    (lambda c: c["constructs"]["Y"]["indicators"].append("x1"), "constructs.Y.indicators[2]: indicator 'x1' is "
                                                              "already in construct 'X'"),
    (lambda c: c["constructs"].update(Z={"indicators": ["z1"]}), "constructs.Z: construct 'Z' is in no path"),
    (lambda c: c["data"].update(survey="data/nope.csv"), "config key data.survey: survey file 'data/nope.csv' not found"),
    (lambda c: c["data"].update(missing_codes=[3]), "config key data.missing_codes[0]: 3 is a valid answer"),
    (lambda c: c["data"].update(id_column="x1"), "config key data.id_column: 'x1' is also an indicator"),
    (lambda c: c.update(bootstrap={"samples": 10, "chunks": 11}), "config key bootstrap.chunks: 11 chunks"),
    (lambda c: c.update(published="data/published/none.yaml"), "config key published: file"),
    (lambda c: c.update(published="data/published/none.yaml", audit={"tolerances": {"p": 0.05}}),
     "config key audit.tolerances.p: 0.05 is not below audit.alpha (0.05)"),
])
def test_semantic_errors_name_the_key(config, tmp_path, change, message):
    change(config)
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path, file="study.yaml")
    assert message in str(info.value)
    assert str(info.value).startswith("study.yaml: ")


def test_a_construct_written_in_other_letter_case_is_suggested_without_knock_on_problems(config, tmp_path):
    config["paths"] = ["X -> m", "m -> Y", "X -> Y"]
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path)
    assert info.value.problems == [f"config key paths[{i}] ({text!r}): unknown construct 'm' (did you mean 'M'?); "
                                   "constructs defined under constructs: X, M, Y"
                                   for i, text in enumerate(config["paths"][:2])]   # not "'M' is in no path"


def test_semantics_return_model(config, tmp_path):
    model = check_semantics(filled_config(config), root=tmp_path)
    assert model.construct_names == ("X", "M", "Y")
    assert model.paths == (("X", "M"), ("M", "Y"), ("X", "Y"))


def test_all_problems_reported_at_once(config, tmp_path):
    config["paths"] += ["X -> Q", "X -> X"]
    config["data"]["missing_codes"] = [2]
    with pytest.raises(ConfigError) as info:
        check_semantics(filled_config(config), root=tmp_path)
    assert len(info.value.problems) == 3


def test_format_key():
    assert format_key(["data", "scale", "min"]) == "data.scale.min"
    assert format_key(["paths", 3]) == "paths[3]"
    assert format_key([]) == "(top level)"


@given(st.integers(1, 20000), st.integers(1, 64))
def test_chunks_tile_the_subsamples(samples, chunks):
    ranges = chunk_ranges(samples, chunks)
    assert ranges[0][0] == 0 and ranges[-1][1] == samples
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert len(ranges) == min(chunks, samples)
    sizes = [stop - start for start, stop in ranges]
    assert min(sizes) >= 1 and max(sizes) - min(sizes) <= 1


def test_typed_overrides_restore_yaml_types():
    # what Snakemake's --config gives for bootstrap='{samples: 200, alpha: 0.1, ci: bca}' published=null
    given = {"bootstrap": {"samples": "200", "alpha": "0.1", "ci": "bca"}, "published": "null",
             "data": {"missing_codes": ["-99", "NA"], "survey": "data/raw/x.csv"}}
    assert typed_overrides(given) == {"bootstrap": {"samples": 200, "alpha": 0.1, "ci": "bca"}, "published": None,
                                      "data": {"missing_codes": [-99, "NA"], "survey": "data/raw/x.csv"}}
