"""The paper against itself: every consistency check on hand-checkable cases.

Two sources of cases: the paper's own tables (data/published/, whose
arithmetic data/README.md works out by hand) and a made-up, internally
consistent published file for another model (audit_helpers.py), in which one
number at a time is broken.
"""
import copy
import itertools
import math

import numpy as np
import pytest
import yaml

from plssem_pipeline.audit.consistency import (COLUMNS, ConsistencyOptions, checks_table, implied_correlations, run_checks,
                                         value_range)
from plssem_pipeline.audit.published import Printed, parse_published
from plssem_pipeline.study import model_from_config

import audit_helpers as made_up
from audit_helpers import BREAKS, PAPER, changed, corners, made_up_published


def checks(data, model=None, **options):
    rows = run_checks(parse_published(data, file="made-up.yaml"), model or made_up.model(),
                      ConsistencyOptions(**options))
    return checks_table(rows)


def verdicts(table, check):
    part = table[table["check"] == check]
    return dict(zip(part["item"], part["verdict"]))


# ----------------------------------------------------------------------------- the paper
@pytest.fixture(scope="module")
def paper_checks(paper, paper_model):
    return checks_table(run_checks(paper, paper_model))


def test_paper_failures_are_exactly_the_known_ones(paper_checks):
    failed = paper_checks[paper_checks["verdict"] == "fail"]
    assert sorted(zip(failed["check"], failed["item"])) == sorted([
        ("r2_label", "IP"),                                  # 0.678 >= 0.67 is 'kuat' by the paper's own rule
        # R²(KU) above 1 and the implied correlations no correlation matrix: one finding, one row
        ("structural_correlation_matrix", "implied construct correlations"),
        # p 0.002 / 0.004 swapped between the two mediation paths in the text: one finding, one row
        ("prose_vs_table", "KP -> IP -> KU / EC -> IP -> KU: p"),
    ])
    warned = paper_checks[paper_checks["verdict"] == "warn"]
    # one finding, one row: the printed "composite reliability" is rho_A for all four constructs
    assert sorted(zip(warned["check"], warned["item"])) == [("composite_reliability_variant", "EC, IP, KP, KU"),
                                                            ("sample_size_per_indicator", "5–10 × 28 indicators")]
    assert "rho_c_from_loadings" not in set(paper_checks["check"])     # no rho_C printed as such
    # internally consistent parts of the paper pass
    for check in ("ave_from_loadings", "alpha_from_loadings", "adjusted_r2", "t_equals_o_over_sd", "p_from_t",
                  "indirect_equals_product", "respondent_block_sum", "claim_verdict",
                  "sample_size_10_times_rule", "sample_size_inverse_square_root"):
        assert set(verdicts(paper_checks, check).values()) == {"pass"}, check
    assert len(verdicts(paper_checks, "t_equals_o_over_sd")) == 7 and len(verdicts(paper_checks, "p_from_t")) == 7


def test_paper_csv_columns_and_failures_first(paper_checks):
    assert list(paper_checks.columns) == COLUMNS
    order = paper_checks["verdict"].map({"fail": 0, "warn": 1, "pass": 2}).tolist()
    assert order == sorted(order)
    assert paper_checks["explanation"].str.len().min() > 60


#: Kock & Hadaya (2018), "Minimum sample size estimation in PLS-SEM: the inverse square root and gamma-exponential
#: methods", Information Systems Journal 28(1), 227-261: n_min > (2.486 / |beta_min|)^2 at 5 % significance and
#: 80 % power. A published constant, not an output of ours.
KOCK_HADAYA_CONSTANT = 2.486


@pytest.fixture(scope="module")
def printed():
    """The paper's printed numbers, read straight from the YAML (not through the code under test)."""
    tables = yaml.safe_load(PAPER.read_text(encoding="utf-8"))["tables"]
    paths = {tuple(k.split(" -> ")): v for k, v in tables["table5_path_coefficients"]["rows"].items()}
    return {"paths": paths, "r2": tables["table4_r_squared"]["r2"],
            "loadings": tables["table2_convergent_validity"]["loadings"],
            "half": 0.5 * 10.0 ** -tables["table5_path_coefficients"]["printed_decimals"],
            "r2_half": 0.5 * 10.0 ** -tables["table4_r_squared"]["printed_decimals"]}


def _structure_by_hand(r2_ip, kp_ip, ec_ip, kp_ku, ec_ku, ip_ku):
    """The paper's model (KP, EC -> IP; KP, EC, IP -> KU) by path tracing, in plain numpy.

    R²(IP) = b1² + b2² + 2·b1·b2·φ gives φ = corr(KP, EC); then corr(KP, IP) = b1 + b2·φ,
    corr(EC, IP) = b2 + b1·φ, corr(X, KU) = Σ_i b_i corr(i, X), and R²(KU) = b′ R_PP b.
    Returns φ, the implied 4 x 4 correlation matrix (KP, EC, IP, KU) and R²(KU).
    """
    phi = (r2_ip - kp_ip ** 2 - ec_ip ** 2) / (2 * kp_ip * ec_ip)
    R = np.eye(4)
    R[0, 1] = R[1, 0] = phi
    R[0, 2] = R[2, 0] = kp_ip + ec_ip * phi
    R[1, 2] = R[2, 1] = ec_ip + kp_ip * phi
    b = np.array([kp_ku, ec_ku, ip_ku])
    R[3, :3] = R[:3, 3] = b @ R[:3, :3]
    return phi, R, float(b @ R[:3, :3] @ b)


def _inputs(printed):
    p = printed["paths"]
    return [printed["r2"]["IP"], p[("KP", "IP")]["original"], p[("EC", "IP")]["original"],
            p[("KP", "KU")]["original"], p[("EC", "KU")]["original"], p[("IP", "KU")]["original"]]


def test_paper_structural_arithmetic_as_worked_out_by_hand(paper_checks, printed):
    """data/README.md: corr(KP, EC) from R²(IP); the KU paths then give an R²(KU) above 1."""
    inputs = _inputs(printed)
    phi, R, r2_ku = _structure_by_hand(*inputs)
    assert r2_ku > 1 and ("structural_r2", "KU") not in set(zip(paper_checks["check"], paper_checks["item"]))
    row = paper_checks.set_index(["check", "item"]).loc[("structural_correlation_matrix",
                                                        "implied construct correlations")]
    assert f"= {r2_ku:.4f}, printed {printed['r2']['KU']:.3f}" in row["explanation"]     # R²(KU) opens the row
    assert f"corr(KP, EC) = {phi:.4f}" in row["explanation"]
    # every corner of the box of the six printed values (each ± half a unit of its last decimal): 2^6 = 64 corners
    halves = [printed["r2_half"]] + [printed["half"]] * 5
    corners = [_structure_by_hand(*(x + s * h for x, s, h in zip(inputs, signs, halves)))[2]
               for signs in itertools.product((-1, 1), repeat=len(inputs))]
    assert len(corners) == 64
    assert f"[{min(corners):.4f}, {max(corners):.4f}]" in row["explanation"]
    smallest = np.linalg.eigvalsh(R)[0]
    assert smallest < 0                                                # not a correlation matrix
    assert row["recomputed"] == pytest.approx(smallest, abs=1e-12) and row["verdict"] == "fail"


def _rho_c(x):
    x = np.asarray(x, dtype=float)
    return x.sum() ** 2 / (x.sum() ** 2 + (1 - x ** 2).sum())


def test_paper_composite_reliability_is_rho_a_in_one_row(paper_checks, printed):
    """The printed "composite reliability" misses rho_C of the printed loadings (numpy here) for every construct
    and lies between the printed alpha and that rho_C: one warn row lists the four, each with its arithmetic."""
    reliability = yaml.safe_load(PAPER.read_text(encoding="utf-8"))["tables"]["table3_reliability"]
    blocks = {}
    for indicator, value in printed["loadings"].items():
        blocks.setdefault(indicator.rstrip("0123456789"), []).append(value)
    variant = paper_checks[paper_checks["check"] == "composite_reliability_variant"]
    assert len(variant) == 1
    row = variant.iloc[0]
    assert row["verdict"] == "warn" and row["item"] == ", ".join(reliability["composite_reliability"])
    assert math.isnan(row["published"]) and math.isnan(row["recomputed"])
    for construct, loadings in blocks.items():
        rho_c, cr = _rho_c(loadings), reliability["composite_reliability"][construct]
        alpha = reliability["cronbach_alpha"][construct]
        assert alpha <= cr < rho_c                                       # between alpha and rho_C: rho_A
        assert f"{construct}: printed {cr:.3f}" in row["explanation"]
        assert f"= {rho_c:.4f}," in row["explanation"] and f"α {alpha:.3f}" in row["explanation"], construct
    assert "ρ_A" in row["explanation"] and row["location"].startswith(reliability["caption"])


def test_paper_t_that_only_rounding_reconciles(paper_checks, printed):
    """KP -> KU: |O| / STDEV misses the printed t, but with O and STDEV anywhere in their rounding
    intervals |O|/STDEV spans a range that holds it, so the printed rounding must be honoured for it to pass."""
    kp_ku, half = printed["paths"][("KP", "KU")], printed["half"]
    o, sd, t = abs(kp_ku["original"]), kp_ku["sd"], kp_ku["t"]
    low, high = (o - half) / (sd + half), (o + half) / (sd - half)
    assert low <= t <= high and abs(o / sd - t) > 0.1
    row = paper_checks.set_index(["check", "item"]).loc[("t_equals_o_over_sd", "KP -> KU")]
    assert row["recomputed"] == pytest.approx(o / sd) and row["difference"] == pytest.approx(o / sd - t)
    assert row["verdict"] == "pass" and f"[{low:.4f}, {high:.4f}]" in row["explanation"]


def test_paper_sample_size_rules(paper_checks, printed):
    table = paper_checks.set_index("check")
    assert table.loc["sample_size_10_times_rule", "recomputed"] == 30             # 10 x 3 paths into KU
    m = len(printed["loadings"])                                                  # 28 printed loadings
    per_indicator = table.loc["sample_size_per_indicator"]                        # one rule, one row
    n = yaml.safe_load(PAPER.read_text(encoding="utf-8"))["n"]
    assert per_indicator["recomputed"] == 5 * m and per_indicator["published"] == n == 5 * m   # n: exactly 5 x 28
    assert f"10 × {m} = {10 * m}" in per_indicator["explanation"] and per_indicator["verdict"] == "warn"
    row = table.loc["sample_size_inverse_square_root"]
    weakest, value = min(((k, abs(v["original"])) for k, v in printed["paths"].items()), key=lambda kv: kv[1])
    n_min = (KOCK_HADAYA_CONSTANT / value) ** 2
    assert row["recomputed"] == pytest.approx(n_min)
    assert " -> ".join(weakest) in row["item"]
    assert f"at least {math.floor(n_min) + 1} respondents" in row["explanation"]


@pytest.mark.parametrize("row, column, value, check, item", [
    ("EC -> IP", "t", 12.574, "t_equals_o_over_sd", "EC -> IP"),
    ("IP -> KU", "p", 0.01, "p_from_t", "IP -> KU"),
    ("KP -> IP", "sd", 0.064, "t_equals_o_over_sd", "KP -> IP"),
])
def test_paper_perturbed_table5_fails_only_there(paper_model, row, column, value, check, item):
    from plssem_pipeline.audit.published import load_published
    data = yaml.safe_load(PAPER.read_text(encoding="utf-8"))
    data["tables"]["table5_path_coefficients"]["rows"][row][column] = value
    table = checks(data, paper_model)
    assert verdicts(table, check)[item] == "fail"
    before = checks_table(run_checks(load_published(PAPER), paper_model))
    new_failures = set(zip(table.loc[table["verdict"] == "fail", "check"], table.loc[table["verdict"] == "fail", "item"]))
    old_failures = set(zip(before.loc[before["verdict"] == "fail", "check"], before.loc[before["verdict"] == "fail", "item"]))
    assert (check, item) in new_failures - old_failures


# ----------------------------------------------------------------------------- a made-up consistent study
def test_made_up_consistent_study_passes_every_check():
    table = checks(made_up_published())
    assert set(table["verdict"]) == {"pass"}, table[table["verdict"] != "pass"][["check", "item", "explanation"]]
    counted = table["check"].value_counts().to_dict()
    assert counted == {
        "respondent_block_sum": 1, "respondent_percent": 2, "ave_from_loadings": 4, "rho_c_from_loadings": 4,
        "alpha_from_loadings": 4, "criterion_verdict": 8, "adjusted_r2": 2, "r2_label": 2, "structural_r2": 2,
        "structural_correlation_matrix": 1, "t_equals_o_over_sd": 6, "p_from_t": 6, "indirect_equals_product": 2,
        "claim_verdict": 5, "prose_vs_table": 1, "sample_size_10_times_rule": 1, "sample_size_per_indicator": 1,
        "sample_size_inverse_square_root": 1}
    # the paper's table ids and construct names appear nowhere
    assert not table["table"].str.contains("table").any() and not table["item"].str.contains("KU").any()


@pytest.mark.parametrize("n", [60, 90, 95, 96, 250])
def test_inverse_square_root_shortfall_is_a_warning_never_a_failure(n):
    """Kock & Hadaya's method is a power analysis: n below its minimum for the weakest path warns (the study had
    less than 80 % power for a path that size), it never fails (no printed number is inconsistent); above the
    minimum over the path's whole rounding interval it passes."""
    data = changed(made_up_published(), "n", value=n)
    rows = data["tables"]["direct_effects"]["rows"]
    path, beta = min(((p, abs(r["original"])) for p, r in rows.items()), key=lambda kv: kv[1])
    n_max = (KOCK_HADAYA_CONSTANT / (beta - 0.0005)) ** 2          # printed with 3 decimals: beta ± 0.0005
    row = checks(data).set_index("check").loc["sample_size_inverse_square_root"]
    assert row["item"] == f"weakest path {path}"
    assert row["verdict"] == ("pass" if n > n_max else "warn")
    assert ("less than 80 % power" in row["explanation"]) == (n <= n_max)


@pytest.mark.parametrize("keys, value, check, item", BREAKS, ids=[b[2] for b in BREAKS])
def test_made_up_study_one_broken_number_fails_its_check(keys, value, check, item):
    table = checks(changed(made_up_published(), *keys, value=value))
    failed = table[table["verdict"] == "fail"]
    assert (check, item) in set(zip(failed["check"], failed["item"])), table[table["check"] == check]
    assert table["verdict"].iloc[0] == "fail"                                   # failures first


def test_made_up_study_r2_that_the_paths_cannot_give():
    """Lower the printed R²(Y) as the paper's R²(KU) is lower than its paths imply."""
    data = changed(made_up_published(), "tables", "explained_variance", "r2", "Y", value=0.2)
    data = changed(data, "tables", "explained_variance", "r2_adj", "Y", value=0.194)
    table = checks(data)
    assert verdicts(table, "structural_r2") == {"M": "pass", "Y": "fail"}
    assert verdicts(table, "adjusted_r2") == {"M": "pass", "Y": "pass"}


def test_made_up_study_paths_that_give_an_r2_above_one():
    data = changed(made_up_published(), "tables", "direct_effects", "rows", "M -> Y", "original", value=0.95)
    table = checks(data, ).set_index(["check", "item"])
    assert ("structural_r2", "Y") not in table.index                    # a symptom of the matrix's finding
    matrix = table.loc[("structural_correlation_matrix", "implied construct correlations")]
    assert matrix["verdict"] == "fail" and matrix["explanation"].startswith("With standardised")
    assert "R²(Y)" in matrix["explanation"] and "negative" in matrix["explanation"]


def test_rounding_is_honoured_at_the_edge():
    """A printed t just inside the reach of the rounding intervals passes, just outside fails."""
    base = made_up_published()
    row = base["tables"]["direct_effects"]["rows"]["A -> M"]
    o, sd = row["original"], row["sd"]
    highest = (o + 0.0005) / (sd - 0.0005)                  # the largest |O|/STDEV the rounding allows
    last = np.floor((highest + 0.0005) * 1000) / 1000         # the largest printed t whose interval reaches it
    for t, verdict in ((round(last, 3), "pass"), (round(last + 0.001, 3), "fail")):
        table = checks(changed(base, "tables", "direct_effects", "rows", "A -> M", "t", value=t))
        assert verdicts(table, "t_equals_o_over_sd")["A -> M"] == verdict, (t, highest)


def test_p_reference_distributions_and_assumed_b():
    """p = 2 P(T > |t|): t = 2.0 gives 0.0455 (normal) and, with B = 20, 0.0600 (t, 19 df)."""
    data = changed(made_up_published(), "tables", "direct_effects", "rows", "A -> Y",
                   value={"original": 0.2, "mean": 0.2, "sd": 0.1, "t": 2.0, "p": 0.046})
    data.pop("bootstrap_samples")
    assert verdicts(checks(data), "p_from_t")["A -> Y"] == "pass"                     # B = 5000 assumed: 0.0456
    table = checks(data, bootstrap_samples=20)
    row = table.set_index(["check", "item"]).loc[("p_from_t", "A -> Y")]
    assert row["verdict"] == "warn" and "only the normal reference agrees" in row["explanation"]
    assert row["recomputed"] == pytest.approx(0.0600, abs=1e-4)


def test_one_exogenous_construct_every_r2_is_a_prediction():
    model = model_from_config({"X": {"indicators": ["x1", "x2"]}, "Z": {"indicators": ["z1", "z2"]},
                               "W": {"indicators": ["w1", "w2"]}}, ["X -> Z", "Z -> W", "X -> W"])
    # corr(X, Z) = 0.5; W = 0.3 X + 0.4 Z: R² = 0.09 + 0.16 + 2·0.3·0.4·0.5 = 0.37
    data = {"n": 100, "tables": {"s": {"r2": {"Z": 0.25, "W": 0.37}, "rows": {
        "X -> Z": {"original": 0.5}, "Z -> W": {"original": 0.4}, "X -> W": {"original": 0.3}}}}}
    assert verdicts(checks(data, model), "structural_r2") == {"Z": "pass", "W": "pass"}
    data["tables"]["s"]["r2"]["W"] = 0.45
    assert verdicts(checks(data, model), "structural_r2") == {"Z": "pass", "W": "fail"}


def test_three_exogenous_constructs_are_fitted_jointly():
    model = model_from_config({k: {"indicators": [k.lower()]} for k in ("X1", "X2", "X3", "Y")},
                              ["X1 -> Y", "X2 -> Y", "X3 -> Y"])
    data = {"n": 200, "tables": {"s": {"r2": {"Y": 0.42}, "rows": {
        "X1 -> Y": {"original": 0.3}, "X2 -> Y": {"original": 0.35}, "X3 -> Y": {"original": 0.2}}}}}
    table = checks(data, model)
    assert set(table.loc[table["check"].str.startswith("structural"), "verdict"]) == {"pass"}
    data["tables"]["s"]["r2"]["Y"] = 0.99          # needs correlations above 1 among X1..X3
    table = checks(data, model)
    assert "fail" in set(table.loc[table["check"].str.startswith("structural"), "verdict"])


def test_implied_correlations_match_a_simulated_recursive_model():
    rng = np.random.default_rng(5)
    n = 400_000
    a = rng.standard_normal(n)
    b = 0.3 * a + np.sqrt(1 - 0.09) * rng.standard_normal(n)
    m = 0.4 * a + 0.35 * b
    m += np.sqrt(1 - m.var()) * rng.standard_normal(n)
    y = 0.25 * a + 0.45 * m
    y += np.sqrt(1 - y.var()) * rng.standard_normal(n)
    R, r2 = implied_correlations(["A", "B", "M", "Y"], ["A", "B", "M", "Y"],
                                 {"A": [], "B": [], "M": ["A", "B"], "Y": ["A", "M"]},
                                 {("A", "M"): 0.4, ("B", "M"): 0.35, ("A", "Y"): 0.25, ("M", "Y"): 0.45},
                                 {("A", "B"): 0.3})
    np.testing.assert_allclose(R, np.corrcoef([a, b, m, y]), atol=6e-3)
    assert r2["M"] == pytest.approx(0.16 + 0.1225 + 2 * 0.4 * 0.35 * 0.3)


def test_value_range_agrees_with_brute_force_corners():
    printed = [Printed(v, 3) for v in (0.818, 0.802, 0.796, 0.82, 0.804, 0.827, 0.827, 0.9, 0.75, 0.81, 0.77, 0.8)]
    ave = lambda x: float(np.mean(np.square(x)))  # noqa: E731
    value, low, high = value_range(ave, printed)          # 12 inputs: the gradient-sign corners
    lo, hi = corners(ave, [p.value for p in printed], 0.0005)
    assert (low, high) == pytest.approx((lo, hi), abs=1e-15)
    assert value_range(lambda x: x[0] / x[1], [Printed(0.566, 3), Printed(0.047, 3)])[1:] == pytest.approx(
        (0.5655 / 0.0475, 0.5665 / 0.0465))
    assert value_range(lambda x: x[0] * 2, [Printed(140)]) == (280, 280, 280)       # counts are exact


def test_published_file_errors_name_the_key():
    from plssem_pipeline.errors import UserError

    data = copy.deepcopy(made_up_published())
    data["tables"]["measurement"]["loadings"]["a2"] = "0,79"
    with pytest.raises(UserError, match=r"made-up.yaml: tables.measurement.loadings.a2: expected a number, got '0,79'"):
        checks(data)
