"""Signed, one-tailed hypotheses end to end: the real Snakemake DAG on a simulated survey.

``results/hypotheses/hypotheses.csv`` is recomputed here from ``results/bootstrap/draws.npz``
with numpy and scipy (SD with B - 1, the one-tailed p of Student's t with B - 1 df by
``scipy.stats.t.sf``, the 90 % percentile interval by ``numpy.quantile``), and the verdicts of
Table 7 (report/results.html), the mediation table and the audit are checked to agree with it.
"""
from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import run_pool_helpers
from pipeline_helpers import make_project, simulate_survey, snakemake, study_config

ALPHA = 0.05
HYPOTHESES = {
    "H1": {"path": "KP -> IP", "sign": "positive", "statement": "Customer engagement raises product innovation"},
    "H2": {"path": "EC -> IP", "sign": "positive"},
    "H3": {"path": "KP -> KU", "sign": "negative"},            # the data say positive: not supported
    "H4": {"path": "IP -> KU", "sign": "positive"},
    "H5": {"path": "KP -> IP -> KU", "sign": "positive"},     # an indirect effect
}
SIGN = {"positive": 1, "negative": -1}


def _one_tailed(directory):
    config = study_config("data/raw/survey.csv", chunks=2, hypotheses=HYPOTHESES)
    config["bootstrap"]["tails"] = 1
    config["report"]["formats"] = ["html", "tex"]
    # what the tests read: Table 7 of the HTML and the audit (no .tex, workbook or manifest)
    snakemake(make_project(directory, survey=simulate_survey(), config=config), "report/results.html",
              "results/audit/published_vs_reproduced.csv", "--cores", "2")
    return directory


run_pool_helpers.register("one_tailed", _one_tailed, "test_hypotheses_e2e.py::run")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return run_pool_helpers.result("one_tailed", tmp_path_factory)


def _recomputed(run) -> pd.DataFrame:
    """Each hypothesis's test from the draws and the full-sample estimates, with numpy and scipy only."""
    with np.load(run / "results/bootstrap/draws.npz") as data:
        draws = {name: data[name] for name in data.files}
    paths = pd.read_csv(run / "results/bootstrap/paths.csv")
    indirect = pd.read_csv(run / "results/bootstrap/specific_indirect.csv")
    column = {f"{s} -> {t}": ("paths", j, o) for j, (s, t, o) in enumerate(zip(paths.source, paths.target,
                                                                            paths.original))}
    column.update({p: ("specific_indirect", j, o) for j, (p, o) in enumerate(zip(indirect.path, indirect.original))})
    rows = []
    for name, spec in HYPOTHESES.items():
        family, j, original = column[spec["path"]]
        x = draws[family][:, j]
        x = x[np.isfinite(x)]
        sd = x.std(ddof=1)
        t = original / sd
        sign = SIGN[spec["sign"]]
        p = stats.t.sf(sign * t, x.size - 1)
        low, high = np.quantile(x, [ALPHA, 1 - ALPHA])
        rows.append({"hypothesis": name, "path": spec["path"], "original": original, "sd": sd, "t": t, "p": p,
                     "ci_low": low, "ci_high": high, "supported": bool(p < ALPHA and sign * original > 0)})
    return pd.DataFrame(rows)


def test_hypotheses_csv_against_numpy_and_scipy(run):
    ours = pd.read_csv(run / "results/hypotheses/hypotheses.csv", dtype={"sign": str})
    ref = _recomputed(run)
    assert list(ours["hypothesis"]) == list(ref["hypothesis"])
    assert list(ours["path"]) == list(ref["path"])
    assert list(ours["kind"]) == ["direct"] * 4 + ["indirect"]
    assert list(ours["sign"]) == [spec["sign"] for spec in HYPOTHESES.values()]
    assert set(ours["tails"]) == {1} and np.allclose(ours["ci_level"], 0.90)
    for column in ("original", "sd", "t"):
        np.testing.assert_allclose(ours[column], ref[column], rtol=1e-12, atol=0)
    np.testing.assert_allclose(ours["p"], ref["p"], rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(ours["ci_low"], ref["ci_low"], rtol=0, atol=1e-14)
    np.testing.assert_allclose(ours["ci_high"], ref["ci_high"], rtol=0, atol=1e-14)
    assert list(ours["supported"]) == list(ref["supported"])
    assert not ours.loc[ours["hypothesis"] == "H3", "supported"].item()   # the wrong sign
    assert ours.loc[0, "statement"] == HYPOTHESES["H1"]["statement"]


def _table7(run) -> list:
    """Table 7 of the HTML report as rows of cell texts."""
    page = (run / "report/results.html").read_text(encoding="utf-8")
    block = page[page.index('id="table-7"'):]
    block = block[:block.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", block, flags=re.S)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r,
                                                                                  flags=re.S)] for r in rows]


def test_table7_shows_the_one_tailed_tests(run):
    ours = pd.read_csv(run / "results/hypotheses/hypotheses.csv")
    header, *rows = _table7(run)
    assert "Sign" in header and "P (one-tailed)" in header and "90% CI" in header
    verdict, ci = header.index("Verdict"), header.index("90% CI")
    assert [r[0] for r in rows[:len(ours)]] == list(ours["hypothesis"])
    assert {r[0] for r in rows[len(ours):]} <= {"—"}      # then the paper's unnumbered mediation claims, if any
    for row, record in zip(rows, ours.itertuples()):
        assert row[verdict] == ("Supported" if record.supported else "Not supported")
        assert row[ci] == f"[{record.ci_low:.3f}, {record.ci_high:.3f}]"
        assert row[header.index("Sign")] == record.sign
    statement, published = header.index("Statement"), header.index("Published verdict")
    assert rows[0][statement] == HYPOTHESES["H1"]["statement"]          # the config's wording first
    # the paper's verdicts beside, matched by path: its H3 (KP -> KU) and its mediation claim on KP -> IP -> KU
    assert rows[2][published].startswith("supported") and rows[2][published].endswith("†") == (rows[2][verdict]
                                                                                               != "Supported")
    assert rows[4][published] == "supported"


def test_mediation_and_audit_agree_with_the_hypotheses(run):
    ours = pd.read_csv(run / "results/hypotheses/hypotheses.csv").set_index("path")
    mediation = pd.read_csv(run / "results/mediation/indirect.csv", keep_default_na=False).set_index("path")
    # KP -> IP -> KU is H5: judged by H5's one-tailed test; its direct effect KP -> KU is H3
    assert mediation.loc["KP -> IP -> KU", "hypothesis"] == "H5"
    assert str(mediation.loc["KP -> IP -> KU", "significant"]) == str(ours.loc["KP -> IP -> KU", "significant"])
    assert mediation.loc["KP -> IP -> KU", "direct_hypothesis"] == "H3"
    assert str(mediation.loc["KP -> IP -> KU", "direct_significant"]) == str(ours.loc["KP -> KU", "significant"])
    # EC -> IP -> KU is no hypothesis: the two-tailed bootstrap row decides (p < alpha)
    boot = pd.read_csv(run / "results/bootstrap/specific_indirect.csv").set_index("path")
    assert mediation.loc["EC -> IP -> KU", "hypothesis"] == ""
    assert str(mediation.loc["EC -> IP -> KU", "significant"]) == str(bool(boot.loc["EC -> IP -> KU", "p"] < ALPHA))
    # the audit's claim rows: the paper's hypotheses on these paths take the hypotheses' verdicts
    audit = pd.read_csv(run / "results/audit/published_vs_reproduced.csv")
    claims = audit[audit["statistic"] == "supported"]
    checked = 0
    for row in claims.itertuples():
        path = row.row[row.row.index("(") + 1:-1]
        if path in ours.index:
            assert row.reproduced == float(ours.loc[path, "supported"]), row.row
            checked += 1
    assert checked >= 4


def _two_tailed_bca(directory):
    hypotheses = {"Ha": {"path": "IP -> KU"}, "Hb": {"path": "EC -> IP -> KU", "sign": "negative"},
                  "Hc": {"path": "KP -> IP", "sign": "positive"}}
    config = study_config("data/raw/survey.csv", chunks=1, samples=120, hypotheses=hypotheses)
    config["bootstrap"]["ci"] = "bca"
    config["report"]["formats"] = ["html", "tex"]
    snakemake(make_project(directory, survey=simulate_survey(), config=config), "--cores", "2",
              "results/hypotheses/hypotheses.csv", "results/mediation/indirect.csv")
    return directory


run_pool_helpers.register("two_tailed_bca", _two_tailed_bca, "bca_run")


@pytest.fixture(scope="module")
def bca_run(tmp_path_factory):
    return run_pool_helpers.result("two_tailed_bca", tmp_path_factory)


def test_two_tailed_bca_hypotheses_are_the_bootstrap_rows(bca_run):
    """Under tails 2 a hypothesis's numbers are its effect's row of results/bootstrap/, bit for bit (BCa:
    the hypotheses step's jackknife is the bootstrap step's); a two-tailed signed hypothesis is supported
    when significant with the stated sign."""
    directory = bca_run
    ours = pd.read_csv(directory / "results/hypotheses/hypotheses.csv").set_index("path")
    paths = pd.read_csv(directory / "results/bootstrap/paths.csv")
    paths.index = paths["source"] + " -> " + paths["target"]
    indirect = pd.read_csv(directory / "results/bootstrap/specific_indirect.csv").set_index("path")
    columns = ["original", "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid"]
    for path, frame in (("IP -> KU", paths), ("EC -> IP -> KU", indirect), ("KP -> IP", paths)):
        assert ours.loc[path, columns].tolist() == frame.loc[path, columns].tolist(), path
        significant = bool(frame.loc[path, "p"] < ALPHA)
        sign = {"Ha": 0, "Hb": -1, "Hc": 1}[ours.loc[path, "hypothesis"]]
        assert ours.loc[path, "significant"] == significant
        assert ours.loc[path, "supported"] == (significant and (sign == 0 or sign * frame.loc[path, "original"] > 0))
    assert set(ours["tails"]) == {2} and np.allclose(ours["ci_level"], 0.95)
    mediation = pd.read_csv(directory / "results/mediation/indirect.csv", keep_default_na=False).set_index("path")
    assert mediation.loc["EC -> IP -> KU", "hypothesis"] == "Hb"
    assert str(mediation.loc["EC -> IP -> KU", "significant"]) == str(ours.loc["EC -> IP -> KU", "significant"])
