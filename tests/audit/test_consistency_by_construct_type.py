"""The paper against itself by construct type: formative (Mode B) and single-item blocks are not graded by
reflective rules (loadings against 0.70, AVE, ρ_C, α, "Valid"/"Reliable"); they are listed as skipped, with why.

The made-up, internally consistent published file of audit_helpers.py, read with a model in which construct A
is formative and, in the second case, B a single item (its printed loading 1, AVE 1, ρ_C 1, as a paper that
runs a single item through reflective rules would print them).
"""
from plssem_pipeline.audit.consistency import ConsistencyOptions, checks_table, run_checks
from plssem_pipeline.audit.published import parse_published
from plssem_pipeline.study import model_from_config

from audit_helpers import CONSTRUCTS, PATHS, made_up_published

REFLECTIVE_CHECKS = {"ave_from_loadings", "rho_c_from_loadings", "alpha_from_loadings",
                     "composite_reliability_variant", "criterion_verdict"}


def _run(data, constructs):
    options = ConsistencyOptions()
    table = checks_table(run_checks(parse_published(data, file="made-up.yaml"),
                                    model_from_config(constructs, PATHS), options))
    return table, options.skipped


def _graded(table, construct, indicators):
    rows = table[table["check"].isin(REFLECTIVE_CHECKS)]
    return rows[rows["item"].isin([construct, f"{construct} loadings", *indicators])]


def test_a_formative_block_is_not_graded_by_reflective_rules():
    constructs = {**CONSTRUCTS, "A": {"indicators": CONSTRUCTS["A"]["indicators"], "mode": "B"}}
    table, skipped = _run(made_up_published(), constructs)
    assert _graded(table, "A", CONSTRUCTS["A"]["indicators"]).empty
    reasons = {(check, item): why for check, item, why in skipped}
    for check in ("ave_from_loadings", "rho_c_from_loadings", "alpha_from_loadings"):
        assert "Mode B" in reasons[(check, "A")]
    assert all("Mode B" in reasons[("criterion_verdict", f"measurement: {i}")] for i in CONSTRUCTS["A"]["indicators"])
    assert "Mode B" in reasons[("criterion_verdict", "reliability: A")]
    # the reflective blocks are still checked, and pass (the file is consistent)
    for construct in ("B", "M", "Y"):
        graded = _graded(table, construct, CONSTRUCTS[construct]["indicators"])
        assert set(graded["check"]) == {"ave_from_loadings", "rho_c_from_loadings", "alpha_from_loadings",
                                         "criterion_verdict"}
        assert set(graded["verdict"]) == {"pass"}


def test_a_single_item_is_not_graded_by_reflective_rules():
    data = made_up_published()
    measurement, reliability = data["tables"]["measurement"], data["tables"]["reliability"]
    for item in ("b2", "b3"):
        del measurement["loadings"][item], measurement["verdict"][item]
    measurement["loadings"]["b1"], measurement["ave"]["B"], reliability["rho_c"]["B"] = 1.0, 1.0, 1.0
    del reliability["cronbach_alpha"]["B"]
    table, skipped = _run(data, {**CONSTRUCTS, "B": {"indicators": ["b1"]}})
    assert _graded(table, "B", ["b1"]).empty
    reasons = {(check, item): why for check, item, why in skipped}
    assert "single item" in reasons[("ave_from_loadings", "B")]
    assert "single item" in reasons[("rho_c_from_loadings", "B")]
    assert "single item" in reasons[("criterion_verdict", "measurement: b1")]
    assert "single item" in reasons[("criterion_verdict", "reliability: B")]
