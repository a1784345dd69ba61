"""A second study, not the default paper, from its own config through the real Snakemake DAG.

A simulated brand study of 260 customers, reported in Indonesian, with everything issue 10 asks a
study to bring at once:

* IMG, a formative (Mode B) brand image of four items with a global single item ``img_global``
  (``constructs.IMG.redundancy``);
* SAT, reflective, whose third item was asked reversed (``constructs.SAT.reverse``);
* WTP, a single item: the willingness to pay in euros on its own scale 0–150 (``constructs.WTP.scale``)
  beside the 7-point items;
* LOY, reflective, estimated as a common factor with PLSc (``model: common_factor``);
* signed hypotheses tested one-tailed (``bootstrap.tails: 1``), one of them an indirect effect and one
  of them stated against the data's direction;
* no ``published``, no ``report.title``, no ``data.synthetic``: nothing of the default paper may appear.

Every expectation is derived here from the data or the run's own files, never typed in: the reversed
item against the raw file recoded with numpy, the one-tailed p against ``scipy.stats.t.sf`` on the
bootstrap draws, the verdicts against the decision rules stated in the issue.
"""
from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import run_pool_helpers
from pipeline_helpers import make_project, snakemake, study_config

N = 260
ALPHA = 0.05
SEVEN = {"min": 1, "max": 7}
EUROS = {"min": 0, "max": 150}
HYPOTHESES = {
    "H1": {"path": "IMG -> SAT", "sign": "positive"},
    "H2": {"path": "SAT -> LOY", "sign": "positive"},
    "H3": {"path": "SAT -> WTP", "sign": "positive"},
    "H4": {"path": "IMG -> SAT -> LOY", "sign": "positive"},
    "H5": {"path": "IMG -> LOY", "sign": "negative"},       # simulated positive: must not be supported
}


def _likert(x, rng):
    return np.clip(np.round(4 + 1.2 * x + 0.3 * rng.standard_normal(x.size)), 1, 7).astype(int)


def _survey() -> pd.DataFrame:
    rng = np.random.default_rng(101)
    img_items = rng.standard_normal((N, 4))
    img = img_items @ np.array([0.5, 0.4, 0.3, 0.1])
    img /= img.std()
    sat = 0.6 * img + 0.8 * rng.standard_normal(N)
    loy = 0.5 * sat + 0.3 * img + 0.75 * rng.standard_normal(N)
    wtp = 0.45 * sat + 0.9 * rng.standard_normal(N)
    frame = pd.DataFrame({f"img{k + 1}": _likert(img_items[:, k], rng) for k in range(4)})
    frame["img_global"] = _likert(img, rng)
    for name, latent in (("sat", sat), ("loy", loy)):
        for k in range(1, 4):
            frame[f"{name}{k}"] = _likert(0.85 * latent + 0.5 * rng.standard_normal(N), rng)
    frame["sat3"] = 8 - frame["sat3"]                      # asked reversed
    frame["wtp"] = np.clip(np.round(60 + 30 * wtp), 0, 150).astype(int)
    return frame


def _config() -> dict:
    config = study_config("data/raw/brand.csv", samples=500, chunks=2, hypotheses=HYPOTHESES)
    for key in ("published",):
        config.pop(key)
    config.pop("respondents")
    config["data"] = {"survey": "data/raw/brand.csv", "scale": SEVEN, "id_column": None}
    config["constructs"] = {
        "IMG": {"label": "Citra merek", "indicators": ["img1", "img2", "img3", "img4"], "mode": "B",
                "redundancy": "img_global"},
        "SAT": {"label": "Kepuasan", "indicators": ["sat1", "sat2", "sat3"], "reverse": ["sat3"]},
        "WTP": {"label": "Kesediaan membayar", "indicators": ["wtp"], "scale": EUROS},
        "LOY": {"label": "Loyalitas", "indicators": ["loy1", "loy2", "loy3"], "model": "common_factor"},
    }
    config["paths"] = ["IMG -> SAT", "SAT -> LOY", "SAT -> WTP", "IMG -> LOY"]
    config["bootstrap"]["tails"] = 1
    config["report"] = {"formats": ["html", "tex"], "language": "id"}
    return config


def _build(directory):
    make_project(directory, config=_config())
    _survey().to_csv(directory / "data/raw/brand.csv", index=False, lineterminator="\n")
    # the HTML report and the results before it: what the tests read (no .tex, workbook or manifest)
    snakemake(directory, "report/results.html", "--cores", "2", timeout=900)
    return directory


run_pool_helpers.register("second_study", _build, "test_second_study.py::run")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return run_pool_helpers.result("second_study", tmp_path_factory)


@pytest.fixture(scope="module")
def report(run) -> str:
    """The HTML report as text, its embedded figures (base64 data URIs) left out."""
    text = (run / "report/results.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", text))


def _csv(run, path):
    return pd.read_csv(run / path)


def _strings():
    from plssem_pipeline.report.catalogue import STRINGS

    return STRINGS["id"]


def _table(report: str, table_id: str) -> str:
    match = re.search(rf'<div class="table-block[^"]*" id="{table_id}">(.*?)</div>', report, flags=re.S)
    return match.group(1) if match else ""


def test_reverse_coded_item_is_recoded_and_logged(run):
    raw = _survey()
    survey = _csv(run, "results/clean/survey.csv")
    np.testing.assert_array_equal(survey["sat3"].to_numpy(), 1 + 7 - raw["sat3"].to_numpy())
    log = _csv(run, "results/clean/exclusions.csv")
    rows = log[log["column"] == "sat3"]
    assert len(rows) == 1 and "constructs.SAT.reverse" in rows["reason"].iloc[0]
    assert f"{N} cell" in rows["action"].iloc[0]


def test_single_item_on_its_own_scale(run):
    raw = _survey()
    assert raw["wtp"].max() > 7                                 # beyond the 7-point items' scale, accepted
    indicators = _csv(run, "results/describe/indicators.csv").set_index("indicator")
    assert (indicators.loc["wtp", "scale_min"], indicators.loc["wtp", "scale_max"]) == (EUROS["min"], EUROS["max"])
    assert (indicators.loc["sat1", "scale_min"], indicators.loc["sat1", "scale_max"]) == (SEVEN["min"], SEVEN["max"])
    for family in ("loadings", "weights"):
        row = _csv(run, f"results/bootstrap/{family}.csv").set_index("indicator").loc["wtp"]
        assert row["sd"] == 0.0 and np.isnan(row["t"]) and np.isnan(row["p"]), family


def test_formative_construct_is_judged_by_formative_rules(run, report):
    formative = _csv(run, "results/bootstrap/formative.csv")
    assert list(formative["indicator"]) == ["img1", "img2", "img3", "img4"]
    for record in formative.to_dict("records"):
        # mediation.significance (default confidence_interval): significant when the interval excludes zero
        w_sig = not record["weight_ci_low"] <= 0 <= record["weight_ci_high"]
        l_sig = not record["loading_ci_low"] <= 0 <= record["loading_ci_high"]
        assert (record["weight_significant"], record["loading_significant"]) == (w_sig, l_sig)
        kept = w_sig or record["loading"] >= 0.5 or l_sig        # issue 10: kept if loading >= 0.5 or significant
        assert (record["decision"] == "keep") == kept, record["indicator"]
    redundancy = _csv(run, "results/outer/redundancy.csv").set_index("construct").loc["IMG"]
    scores = _csv(run, "results/clean/survey.csv")
    assert redundancy["global_item"] == "img_global" and 0 < redundancy["path"] <= 1
    assert (redundancy["path"] >= 0.70) == (redundancy["verdict"] == "convergent")
    assert np.isfinite(scores["img_global"]).all()
    # the report: Table 3e lists IMG's indicators; Tables 2 and 3 (reflective rules) hold neither IMG nor WTP
    assert all(item in _table(report, "table-3e") for item in ("img1", "img4"))
    assert "img_global" in _table(report, "table-3d")
    for table_id in ("table-2", "table-3"):
        block = _table(report, table_id)
        assert "SAT" in block and "IMG — " not in block and "WTP — " not in block and ">wtp<" not in block


def test_one_tailed_hypotheses_from_the_draws(run, report):
    table = _csv(run, "results/hypotheses/hypotheses.csv").set_index("hypothesis")
    with np.load(run / "results/bootstrap/draws.npz") as data:
        draws = {name: data[name] for name in data.files}
    paths = _csv(run, "results/bootstrap/paths.csv")
    indirect = _csv(run, "results/bootstrap/specific_indirect.csv")
    where = {f"{s} -> {t}": ("paths", j) for j, (s, t) in enumerate(zip(paths.source, paths.target))}
    where.update({p: ("specific_indirect", j) for j, p in enumerate(indirect.path)})
    for name, spec in HYPOTHESES.items():
        family, j = where[spec["path"]]
        x = draws[family][:, j]
        x = x[np.isfinite(x)]
        row = table.loc[name]
        sign = 1 if spec["sign"] == "positive" else -1
        t = row["original"] / x.std(ddof=1)
        assert row["tails"] == 1 and row["t"] == pytest.approx(t, rel=1e-12)
        assert row["p"] == pytest.approx(stats.t.sf(sign * t, x.size - 1), rel=1e-10)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(np.quantile(x, [ALPHA, 1 - ALPHA])), abs=1e-14)
        supported = bool(row["p"] < ALPHA and np.sign(row["original"]) == sign)
        assert bool(row["supported"]) == supported, name
    assert not table.loc["H5", "supported"] and table.loc["H1", "supported"]
    # Table 7 prints the same verdicts
    words = _strings()
    block = _table(report, "table-7")
    for name in HYPOTHESES:
        line = re.search(rf">{name}<.*?</tr>", block, flags=re.S).group(0)
        expected = words["supported"] if table.loc[name, "supported"] else words["not_supported"]
        assert f">{expected}<" in line, name


def test_nothing_of_the_default_paper_in_the_report(run, report):
    words = _strings()
    assert f"<h1>{words['title_default']}</h1>" in report       # a neutral title in the report's language
    for text in ("Nafia", "Komaryatin", "Jepara", "UMKM", "KP1", words["synthetic_banner_title"],
                 words["m_numbering"], words["n_t3b_paper"], words["sec_audit"]):
        assert text not in report, text
    assert 'id="synthetic-banner"' not in report and 'id="audit"' not in report
    assert '<html lang="id">' in report and "Citra merek" in report
    # the methods say that the hypotheses were tested one-tailed, with the matching 90 % interval
    assert words["m_one_tailed"].format(level="90") in report
