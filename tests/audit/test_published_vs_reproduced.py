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

from plssem_pipeline.audit.compare import COLUMNS, Reproduced, Tolerances, published_vs_reproduced
from plssem_pipeline.audit.published import parse_published

from audit_helpers import PAPER, made_up_published


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
                + len(paper.loadings) + 4 + 4 + 2 * 4                 # loadings, AVE, alpha, CR vs rho_c and rho_a
                + 2 + 2                                               # R², adjusted R²
                + 5 * 5 + 2 * 5                                       # Tables 5 and 6: O, M, STDEV, T, P
                + 5 + 2)                                              # hypotheses and mediation claims
    assert len(table) == expected == 112
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
    judged = table[table["reproduced"].notna()]
    assert (judged["within"] == (judged["difference"].abs() <= judged["tolerance"] + 1e-9)).all()
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


def test_composite_reliability_is_compared_with_both_and_matches_rho_a(table, default_study):
    cr = table[table["statistic"].str.startswith("composite_reliability")]
    assert sorted(cr["statistic"].unique()) == ["composite_reliability vs rho_a", "composite_reliability vs rho_c"]
    reliability = pd.read_csv(default_study / "results/outer/reliability.csv").set_index("construct")
    rho_a = cr[cr["statistic"].str.endswith("rho_a")].set_index("row")["reproduced"]
    assert (rho_a == reliability.loc[rho_a.index, "rho_a"]).all()
    summary = json.loads((default_study / "results/audit/summary.json").read_text())
    assert summary["step"] == "audit"
    matches = summary["details"]["published_vs_reproduced"]["composite_reliability_matches"]
    assert matches["overall"] == "rho_a"


def test_consistency_csv_and_summary_on_the_run(default_study):
    checks = pd.read_csv(default_study / "results/audit/consistency.csv")
    assert list(checks.columns) == ["check", "table", "item", "published", "recomputed", "difference", "verdict",
                                    "explanation", "location"]
    assert checks["verdict"].iloc[0] == "fail" and checks["verdict"].iloc[-1] == "pass"
    summary = json.loads((default_study / "results/audit/summary.json").read_text())
    counts = summary["details"]["consistency"]["verdicts"]
    assert counts == checks["verdict"].value_counts().reindex(["fail", "warn", "pass"]).fillna(0).astype(int).to_dict()
    assert "structural_r2 / table4_r_squared / KU" in summary["details"]["failures"]
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
