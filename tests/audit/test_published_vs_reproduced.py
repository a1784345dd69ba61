"""results/audit/: the published tables beside the reproduced results, on the real default run.

The default run is the embedded (synthetic) survey with config.yaml unchanged,
run by the real ``snakemake --cores 2`` (shared with
tests/pipeline/test_default_study.py). Its expected closeness to the paper is
what data/README.md reports for the synthetic survey: every loading, AVE, α,
R² and path within the issue-3 tolerances; the bootstrap SDs of KP -> KU and
EC -> KU (and so their t) not reproducible.
"""
import json

import pandas as pd
import pytest
import yaml

import numpy as np

from plssem_pipeline.audit.compare import COLUMNS, Reproduced, Tolerances, published_vs_reproduced
from plssem_pipeline.audit.consistency import composite_reliability_variants
from plssem_pipeline.audit.published import parse_published

import audit_helpers as made_up
from audit_helpers import PAPER, changed, made_up_published


def _tolerances(run) -> dict:
    """``audit.tolerances`` of the config.yaml the run used."""
    return yaml.safe_load((run / "config.yaml").read_text(encoding="utf-8"))["audit"]["tolerances"]


@pytest.fixture(scope="module")
def table(default_study):
    return pd.read_csv(default_study / "results/audit/published_vs_reproduced.csv")


def test_columns_and_every_published_number(table, paper):
    assert list(table.columns) == COLUMNS
    expected = (1                                                    # n
                + sum(len(b.categories) + 1 for b in paper.respondents)  # Table 1 counts and totals
                + len(paper.loadings)                                 # loadings
                + sum(map(len, paper.construct_stats.values()))       # AVE, alpha, CR (as rho_a), R², adjusted R²
                + sum(len(row.values) for row in paper.effect_rows)   # Tables 5 and 6: O, M, STDEV, T, P
                + len(paper.claims))                                  # hypotheses and mediation claims
    assert len(table) == expected
    assert table["reproduced"].notna().all()
    assert (table["difference"] - (table["reproduced"] - table["published"])).abs().max() < 1e-12
    assert table["within"].dtype == bool


def test_rows_are_judged_by_the_config_tolerances(table, default_study):
    """Each row's tolerance is config.yaml's ``audit.tolerances`` and ``within`` is |difference| <= tolerance.

    Whether the default survey's loadings, AVE, α, R² and paths are within those tolerances is
    asserted independently, from the raw results, in tests/pipeline/test_default_study.py.
    """
    tolerances = _tolerances(default_study)

    def rows(statistic, tables=None):
        part = table[table["statistic"] == statistic]
        return part if tables is None else part[part["table"].isin(tables)]

    assert rows("n")["within"].all() and (rows("n")["difference"] == 0).all()   # Table 1 exactly, and n
    for statistic in ("loading", "ave", "cronbach_alpha", "r2", "r2_adj"):
        part = rows(statistic)
        assert len(part) and (part["tolerance"] == tolerances[statistic]).all(), statistic
    paths = rows("original", ["table5_path_coefficients"]).set_index("row")
    published_sd = rows("sd", ["table5_path_coefficients"]).set_index("row")["published"]
    assert (paths["tolerance"] == tolerances["effect_sds"] * published_sd.loc[paths.index]).all()
    alpha = yaml.safe_load((default_study / "config.yaml").read_text(encoding="utf-8"))["audit"]["alpha"]
    assert tolerances["p"] < alpha
    judged = table[table["reproduced"].notna()]
    flip = (judged["statistic"] == "p") & ((judged["published"] < alpha) != (judged["reproduced"] < alpha))
    assert (judged["within"] == ((judged["difference"].abs() <= judged["tolerance"] + 1e-9) & ~flip)).all()
    assert rows("supported")["within"].all()          # every hypothesis the paper accepts is still accepted


def test_not_reproducible_sds_are_flagged(table, default_study):
    """data/README.md: the printed SDs of KP -> KU and EC -> KU are too small to reproduce."""
    sd = table[(table["statistic"] == "sd") & (table["table"] == "table5_path_coefficients")].set_index("row")
    assert not sd.loc["KP -> KU", "within"] and not sd.loc["EC -> KU", "within"]
    printed = yaml.safe_load(PAPER.read_text(encoding="utf-8"))["tables"]["table5_path_coefficients"]["rows"]
    sd_relative = _tolerances(default_study)["sd_relative"]
    for row in ("KP -> KU", "EC -> KU"):
        assert sd.loc[row, "published"] == printed[row]["sd"]
        assert sd.loc[row, "tolerance"] == pytest.approx(sd_relative * printed[row]["sd"]), row
    t = table[table["statistic"] == "t"]
    assert (t["reproduced"] > 0).all()                 # |t|, as SmartPLS prints it


def _rho_c(x):
    x = np.asarray(x, dtype=float)
    return x.sum() ** 2 / (x.sum() ** 2 + (1 - x ** 2).sum())


def test_composite_reliability_is_compared_with_what_the_audit_decided_it_is(table, default_study):
    """The paper's "composite reliability" lies between its printed α and ρ_C of its printed loadings (worked
    out here from the YAML, in numpy) for every construct: ρ_A. It is compared with the reproduced ρ_A only."""
    printed = yaml.safe_load(PAPER.read_text(encoding="utf-8"))["tables"]
    loadings = printed["table2_convergent_validity"]["loadings"]
    reliability_table = printed["table3_reliability"]
    for construct, value in reliability_table["composite_reliability"].items():
        rho_c = _rho_c([v for i, v in loadings.items() if i.rstrip("0123456789") == construct])
        assert reliability_table["cronbach_alpha"][construct] <= value < rho_c - 0.005, construct
    cr = table[table["statistic"].str.startswith("composite_reliability")]
    assert set(cr["statistic"]) == {"composite_reliability as rho_a"}
    assert sorted(cr["row"]) == sorted(reliability_table["composite_reliability"])
    reliability = pd.read_csv(default_study / "results/outer/reliability.csv").set_index("construct")
    rho_a = cr.set_index("row")["reproduced"]
    assert (rho_a == reliability.loc[rho_a.index, "rho_a"]).all()
    summary = json.loads((default_study / "results/audit/summary.json").read_text())
    assert summary["step"] == "audit"
    read_as = summary["details"]["published_vs_reproduced"]["composite_reliability_read_as"]
    assert read_as == {"by_construct": {c: "rho_a" for c in rho_a.index}, "overall": "rho_a"}


def test_consistency_csv_and_summary_on_the_run(default_study):
    checks = pd.read_csv(default_study / "results/audit/consistency.csv")
    assert list(checks.columns) == ["check", "table", "item", "published", "recomputed", "difference", "verdict",
                                    "explanation", "location"]
    assert checks["verdict"].iloc[0] == "fail" and checks["verdict"].iloc[-1] == "pass"
    summary = json.loads((default_study / "results/audit/summary.json").read_text())
    counts = summary["details"]["consistency"]["verdicts"]
    assert counts == checks["verdict"].value_counts().reindex(["fail", "warn", "pass"]).fillna(0).astype(int).to_dict()
    assert ("structural_correlation_matrix / table4_r_squared+table5_path_coefficients / implied construct "
            "correlations") in summary["details"]["failures"]
    assert summary["inputs"] and summary["config"]["audit"]["tolerances"]["loading"] == 0.03


def _frames(pub):
    """Reproduced results equal to the published numbers, shifted where a test says."""
    effects = {" -> ".join(k): v.values for k, v in pub.effects.items()}
    indirect = {" -> ".join(k): v.values for k, v in pub.indirect.items()}
    table = lambda rows: pd.DataFrame({s: {k: v[s].value for k, v in rows.items()}  # noqa: E731
                                       for s in ("original", "mean", "sd", "t", "p")})
    reliability = pd.DataFrame({"ave": {c: p.value for c, (_, p) in pub.stat("ave").items()},
                                "cronbach_alpha": {c: p.value for c, (_, p) in pub.stat("cronbach_alpha").items()},
                                "rho_c": {c: p.value for c, (_, p) in pub.stat("rho_c").items()}})
    r2 = pd.DataFrame({"r2": {c: p.value for c, (_, p) in pub.stat("r2").items()},
                       "r2_adj": {c: p.value for c, (_, p) in pub.stat("r2_adj").items()}})
    respondents = pd.DataFrame({"variable": ["gender", "gender"], "code": ["f", "m"], "n": [120, 130],
                                "percent": [48.0, 52.0]})
    loadings = pd.DataFrame({"loading": {i: p.value for i, (_, p) in pub.loadings.items()}})
    return Reproduced(n=250, respondents=respondents, loadings=loadings, reliability=reliability, r2=r2,
                      paths=table(effects), indirect=table(indirect))


def test_tolerance_rules_on_a_made_up_study():
    pub = parse_published(made_up_published())
    rep = _frames(pub)
    rep.paths.loc["A -> Y", "original"] += 0.2                 # published SD 0.102: 2 SDs = 0.204 -> within
    rep.paths.loc["M -> Y", "original"] += 0.15                # published SD 0.071: 2 SDs = 0.142 -> outside
    rep.paths.loc["A -> M", "t"] *= -1                         # a negative t is compared as |t|
    rep.paths.loc["B -> M", "sd"] = 0.058 * 1.6                # 60 % above the published SD: outside
    rep.paths.loc["A -> Y", "p"] = 0.2                         # no longer significant: H3 not supported
    rep.loadings.loc["m2", "loading"] += 0.031
    out = published_vs_reproduced(pub, rep, Tolerances(), alpha=0.05).set_index(["row", "statistic"])
    assert out.loc[("A -> Y", "original"), "within"] and out.loc[("A -> Y", "original"), "tolerance"] == pytest.approx(0.204)
    assert not out.loc[("M -> Y", "original"), "within"]
    assert out.loc[("A -> M", "t"), "difference"] == 0
    assert not out.loc[("B -> M", "sd"), "within"]
    assert not out.loc[("m2", "loading"), "within"] and out.loc[("m1", "loading"), "within"]
    assert out.loc[("H3 (A -> Y)", "supported"), "reproduced"] == 0 and not out.loc[("H3 (A -> Y)", "supported"), "within"]
    assert out.loc[("gender = f", "percent"), "tolerance"] == 0.05          # half a unit of 1 printed decimal
    assert out.loc[("gender (total)", "n"), "reproduced"] == 250
    wide = published_vs_reproduced(pub, rep, Tolerances(loading=0.05, effect_sds=3), alpha=0.05)
    wide = wide.set_index(["row", "statistic"])
    assert wide.loc[("m2", "loading"), "within"] and wide.loc[("M -> Y", "original"), "within"]


def test_composite_reliability_read_as_the_decided_coefficient_on_a_made_up_study():
    """A "composite reliability" printed as ρ_C of the loadings is compared with ρ_C; one printed between α and
    ρ_C with ρ_A; the variant check's decision decides (made-up study: ρ_C printed exactly, α from the loadings)."""
    data = made_up_published()
    reliability = data["tables"]["reliability"]
    reliability["composite_reliability"] = dict(reliability["rho_c"])
    between = round((reliability["cronbach_alpha"]["M"] + reliability["rho_c"]["M"]) / 2, 3)
    data = changed(data, "tables", "reliability", "composite_reliability", "M", value=between)
    pub = parse_published(data)
    variants = composite_reliability_variants(pub, made_up.model())
    assert variants == {"A": "rho_c", "B": "rho_c", "M": "rho_a", "Y": "rho_c"}
    rep = _frames(pub)
    rep.reliability["rho_a"] = rep.reliability["rho_c"] - 0.01
    out = published_vs_reproduced(pub, rep, Tolerances(), variants=variants)
    cr = out[out["statistic"].str.startswith("composite_reliability")].set_index("row")
    assert cr["statistic"].to_dict() == {"A": "composite_reliability as rho_c", "B": "composite_reliability as rho_c",
                                         "M": "composite_reliability as rho_a", "Y": "composite_reliability as rho_c"}
    assert cr.loc["M", "reproduced"] == rep.reliability.loc["M", "rho_a"]
    assert cr.loc["A", "reproduced"] == rep.reliability.loc["A", "rho_c"]
    undecided = published_vs_reproduced(pub, rep, Tolerances())            # no decision: rho_c, the name's meaning
    assert set(undecided.loc[undecided["statistic"].str.startswith("composite"), "statistic"]) == {
        "composite_reliability as rho_c"}


@pytest.mark.parametrize("published, reproduced, tolerance, within", [
    (0.045, 0.049, 0.01, True),      # both significant, 0.004 apart
    (0.045, 0.052, 0.01, False),     # 0.007 apart, within the tolerance, but significance flips at 0.05
    (0.045, 0.052, 0.5, False),      # whatever the tolerance
    (0.052, 0.045, 0.5, False),      # the reverse flip
    (0.060, 0.052, 0.01, True),      # both not significant
])
def test_a_flip_of_significance_is_never_within(published, reproduced, tolerance, within):
    data = changed(made_up_published(), "tables", "direct_effects", "rows", "A -> Y", "p", value=published)
    pub = parse_published(data)
    rep = _frames(pub)
    rep.paths.loc["A -> Y", "p"] = reproduced
    out = published_vs_reproduced(pub, rep, Tolerances(p=tolerance), alpha=0.05).set_index(["row", "statistic"])
    row = out.loc[("A -> Y", "p")]
    assert row["difference"] == pytest.approx(reproduced - published)
    assert bool(row["within"]) is within
