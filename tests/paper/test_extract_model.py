"""The model implied by a paper's tables (plssem_pipeline.paper.model.infer_model)."""
from __future__ import annotations

import pytest

from plssem_pipeline.audit.consistency import ConsistencyOptions, run_checks
from plssem_pipeline.audit.published import load_published, parse_published
from plssem_pipeline.paper.model import infer_model
from plssem_pipeline.study import model_from_config
from plssem_pipeline.study.safety import load_yaml
from test_extract_paper import HAND, ROOT, extraction  # noqa: F401  (the module's fixture)

#: Checks that read only the tables (the prose and verdict-word checks see what the hand file adds).
TABLE_CHECKS = {"respondent_block_sum", "ave_from_loadings", "rho_c_from_loadings", "alpha_from_loadings",
                "composite_reliability_variant", "adjusted_r2", "structural_r2", "structural_correlation_matrix",
                "t_equals_o_over_sd", "p_from_t", "indirect_equals_product"}


def _configured():
    config = load_yaml(ROOT / "config.yaml", what="config")
    return model_from_config(config["constructs"], config["paths"])


def _shape(model):
    return {c.name: set(c.indicators) for c in model.constructs}, {tuple(p) for p in model.paths}


def test_the_example_papers_model_is_the_configured_one(extraction):  # noqa: F811
    skipped = []
    assert _shape(infer_model(extraction.published, skipped)) == _shape(_configured())
    assert skipped == []


def test_the_checks_on_the_extraction_equal_those_on_the_hand_file(extraction):  # noqa: F811
    def rows(pub, model):  # recomputed to 12 decimals: the constructs' order changes the last bits of sums
        return sorted((r.check, r.table, "" if r.check == "respondent_block_sum" else r.item,  # block keys differ
                       r.published, None if r.recomputed is None else round(r.recomputed, 12), r.verdict)
                      for r in run_checks(pub, model, ConsistencyOptions()) if r.check in TABLE_CHECKS)

    got = rows(parse_published(extraction.published, file="extracted"), infer_model(extraction.published))
    assert got == rows(load_published(HAND), _configured())
    assert len(got) > 20


def test_indicators_without_a_known_construct_and_paths_without_indicators_are_left_out():
    published = {"tables": {
        "table2_convergent_validity": {"loadings": {"X1": 0.8, "X2": 0.7, "Q1": 0.9, "Z1": 0.8},
                                       "ave": {"X": 0.5, "Z": 0.6}},
        "table5_path_coefficients": {"rows": {"X -> Y": {"original": 0.3}, "X -> Z": {"original": 0.2}}},
    }}
    skipped = []
    with pytest.raises(ValueError, match="no construct with indicators"):
        infer_model({"tables": {}})
    model = infer_model(published, skipped)
    assert _shape(model) == ({"X": {"X1", "X2"}, "Z": {"Z1"}}, {("X", "Z")})
    assert [s[1] for s in skipped] == ["Q1", "X -> Y"]
    published["tables"]["table5_path_coefficients"]["rows"].pop("X -> Z")
    with pytest.raises(ValueError, match="no path between constructs with printed loadings"):
        infer_model(published)
