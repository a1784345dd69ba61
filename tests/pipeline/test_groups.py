"""The multi-group analysis and IPMA through the real Snakemake DAG (issue 15), against SmartPLS 4.

The shared run ``groups`` (:mod:`groups_study`: SmartPLS's corporate-reputation case, groups of
``servicetype``, 1,000 subsamples per group, 1,000 permutations, IPMA of CUSL) is checked:

* the 26 group path coefficients (``results/groups/<code>/bootstrap.csv``, column ``original``) and the 13
  Contract − Prepaid differences (``results/mga/2-vs-1/mga.csv``) round to SmartPLS's 3 decimals;
* the Bootstrap MGA p values (1- and 2-tailed) lie within the Monte-Carlo error the test derives of SmartPLS's;
* the parametric and Welch–Satterthwaite columns follow from the groups' files by their formulas (scipy's t);
* the step summaries count the groups' respondents, the values replaced within each group, the subsamples
  and permutations;
* IPMA's standardized importance is the total effect the bootstrap step reports;
* ``python -m plssem_pipeline.verify results/provenance.json`` passes and lists the new files.

A small run of the moderation study with three groups (:func:`extended_groups`) checks every pair, the respondents
in no group, and MICOM's and IPMA's exclusions (interaction term, higher-order construct). A second, small pair of
runs (:func:`chunked_groups`: ``groups_study.small_group_runs``, the Prepaid plan group cut to 60 respondents) shows
``mga.csv``, ``micom.csv`` and the groups' ``bootstrap.csv`` byte-identical for 1 and 3 permutation and bootstrap
chunks.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats

import groups_study
import run_pool_helpers
from pipeline_helpers import snakemake

from plssem import mga as engine_mga
from plssem_pipeline import io

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from mga_support import bootstrap_mga_se  # noqa: E402  (tests/engine: shared with test_smartpls_mga.py)

CASE = groups_study.CASE
#: SmartPLS rounds every number to 3 decimals.
ROUNDING = 0.0005 + 1e-9
#: The group names of SmartPLS's tables -> the category codes of the study.
NAMES = {label: code for code, label in groups_study.CATEGORIES.items()}
PAIR = "2-vs-1"


@pytest.fixture(scope="module")
def groups_run(tmp_path_factory) -> Path:
    return groups_study.groups_study_run(tmp_path_factory)


def _smartpls(name: str) -> pd.DataFrame:
    return pd.read_csv(CASE / f"mga_corp_reputation__path_coefficients__{name}.csv", index_col="path")


def _group_paths(run: Path, code: int) -> pd.DataFrame:
    table = io.read_csv(run / f"results/groups/{code}/bootstrap.csv")
    return table[table["family"] == "paths"].set_index("statistic")


def _mga(run: Path) -> pd.DataFrame:
    return io.read_csv(run / f"results/mga/{PAIR}/mga.csv", dtype={"group_1": str, "group_2": str})


@pytest.mark.parametrize("group", sorted(NAMES))
def test_group_path_coefficients_round_to_smartpls(groups_run, group):
    table = _smartpls("bootstrap_results")
    ours = _group_paths(groups_run, NAMES[group])["original"]
    assert sorted(ours.index) == sorted(table.index)
    delta = (ours[table.index] - table[f"Original ({group})"]).abs()
    assert (delta <= ROUNDING).all(), delta[delta > ROUNDING].to_dict()


def test_differences_round_to_smartpls(groups_run):
    smartpls = _smartpls("bootstrap_mga")
    paths = _mga(groups_run).query("family == 'paths'").set_index("statistic")
    assert (paths["group_1"] == "2").all() and (paths["group_2"] == "1").all()   # Contract − Prepaid
    delta = (paths.loc[smartpls.index, "difference"] - smartpls["Difference (Contract plan - Prepaid plan)"]).abs()
    assert (delta <= ROUNDING).all(), delta[delta > ROUNDING].to_dict()
    assert np.array_equal(paths["difference"], paths["original_1"] - paths["original_2"])


def test_bootstrap_mga_p_within_monte_carlo_error(groups_run):
    """Bootstrap MGA p (1- and 2-tailed) of the 13 paths against SmartPLS's.

    Tolerance, from Monte-Carlo error and rounding (as tests/engine/test_smartpls_mga.py): the p of the
    run is a function of the two groups' B = 1,000 draws each (``results/groups/<code>/draws.npz``), SmartPLS's of
    its own independent draws (B_S unknown, taken as at least 1,000). Its error is estimated by batch means
    (tests/engine/mga_support.bootstrap_mga_se): the draws cut into 10 blocks of b = 100 (block i of one group
    against block i of the other), the p recomputed per block; as the error of a smooth function of means and a
    two-sample U-statistic it scales as 1/sqrt(B):
    ``SE(p_run - p_SmartPLS) = sd(block p) sqrt(b) sqrt(1/B + 1/B_S)``. Allowed: 4 SE + 0.0005 (SmartPLS's
    rounding); the 2-tailed p, ``2 min(p, 1 - p)``, twice that. The file's p must be the p of its draws.
    """
    smartpls = _smartpls("bootstrap_mga")
    paths = _mga(groups_run).query("family == 'paths'").set_index("statistic").loc[smartpls.index]
    labels = list(_group_paths(groups_run, 2).index)          # the draws' columns: bootstrap.csv's paths, in order
    order = [labels.index(path) for path in smartpls.index]
    draws = [io.load_merged_draws(groups_run / f"results/groups/{code}/draws.npz")["paths"][:, order]
             for code in (2, 1)]
    originals = [_group_paths(groups_run, code).loc[smartpls.index, "original"].to_numpy() for code in (2, 1)]
    one, two = engine_mga.bootstrap_mga(*draws, *originals)
    np.testing.assert_array_equal(paths["bootstrap_mga_p_one_tailed"].to_numpy(), one)
    np.testing.assert_array_equal(paths["bootstrap_mga_p"].to_numpy(), two)
    se = bootstrap_mga_se(*draws, *originals)
    d_one = np.abs(one - smartpls["1-tailed (Contract plan vs Prepaid plan) p value"].to_numpy())
    d_two = np.abs(two - smartpls["2-tailed (Contract plan vs Prepaid plan) p value"].to_numpy())
    print(f"Bootstrap MGA: |Δp| 1-tailed max {d_one.max():.4f} (z max {((d_one - 0.0005).clip(0) / se).max():.2f}), "
          f"2-tailed max {d_two.max():.4f}")
    assert list(smartpls.index[d_one > 4 * se + ROUNDING]) == []
    assert list(smartpls.index[d_two > 8 * se + ROUNDING]) == []


def test_parametric_and_welch_columns_follow_from_the_group_files(groups_run):
    """Keil et al. (2000) and Welch–Satterthwaite (cSEM's df) from bootstrap.csv's originals and SDs, scipy's t."""
    table = _mga(groups_run)
    files = [io.read_csv(groups_run / f"results/groups/{code}/bootstrap.csv") for code in (2, 1)]
    n1, n2 = (json.loads((groups_run / f"results/groups/{code}/summary.json").read_text())["details"]["n"]
              for code in (2, 1))
    assert (files[0][["family", "statistic"]].to_numpy() == table[["family", "statistic"]].to_numpy()).all()
    diff = files[0]["original"] - files[1]["original"]
    s1, s2 = files[0]["sd"], files[1]["sd"]
    pooled = np.sqrt(((n1 - 1) ** 2 * s1**2 + (n2 - 1) ** 2 * s2**2) / (n1 + n2 - 2)) * np.sqrt(1 / n1 + 1 / n2)
    t = diff / pooled
    ok = np.isfinite(t.to_numpy())
    np.testing.assert_allclose(table["parametric_t"][ok], t[ok], rtol=1e-12)
    np.testing.assert_allclose(table["parametric_p"][ok], 2 * stats.t.sf(np.abs(t[ok]), n1 + n2 - 2), rtol=1e-10)
    v1, v2 = (n1 - 1) / n1 * s1**2, (n2 - 1) / n2 * s2**2
    df = np.round((v1 + v2) ** 2 / ((n1 - 1) / n1**2 * s1**4 + (n2 - 1) / n2**2 * s2**4) - 2)
    np.testing.assert_allclose(table["welch_t"][ok], (diff / np.sqrt(v1 + v2))[ok], rtol=1e-12)
    np.testing.assert_array_equal(table["welch_df"][ok], df[ok])
    np.testing.assert_allclose(table["welch_p"][ok], 2 * stats.t.sf(np.abs(diff / np.sqrt(v1 + v2))[ok], df[ok]),
                               rtol=1e-10)


def test_p_values_are_probabilities_and_single_items_have_no_test(groups_run):
    """Every p lies in [0, 1]; a single item's loading and weight (exactly 1 in every group, subsample and
    permutation) have no test at all, as in the bootstrap tables."""
    case = yaml.safe_load((CASE / "case.yaml").read_text(encoding="utf-8"))
    single = [f"{spec['indicators'][0]} {arrow} {name}" for name, spec in case["model"]["constructs"].items()
              if len(spec["indicators"]) == 1 for arrow in ("<-", "->")]
    table = _mga(groups_run).set_index("statistic")
    tests = ["permutation_p", "bootstrap_mga_p_one_tailed", "bootstrap_mga_p", "parametric_t", "parametric_p",
             "welch_t", "welch_df", "welch_p"]
    assert single and table.loc[single, tests].isna().all().all()
    others = table.drop(index=single)
    for column in ("permutation_p", "bootstrap_mga_p_one_tailed", "bootstrap_mga_p", "parametric_p", "welch_p"):
        assert others[column].between(0, 1).all(), column


def test_summaries_count_groups_replacements_subsamples_and_permutations(groups_run):
    case = yaml.safe_load((CASE / "case.yaml").read_text(encoding="utf-8"))
    raw = pd.read_csv(CASE / "corporate_reputation.csv", sep=";")
    indicators = [i for spec in case["model"]["constructs"].values() for i in spec["indicators"]]
    config = yaml.safe_load((groups_run / "config.yaml").read_text(encoding="utf-8"))
    for label, code in NAMES.items():
        details = json.loads((groups_run / f"results/groups/{code}/summary.json").read_text())["details"]
        rows = raw[raw["servicetype"] == code]
        assert details["n"] == case["dataset"]["groups"][label]["n"] == len(rows)
        assert details["replaced"] == int((rows[indicators] == case["dataset"]["missing_code"]).sum().sum())
        assert details["label"] == label and details["without_group"] == 0
        boot = json.loads((groups_run / f"results/groups/{code}/bootstrap.json").read_text())["details"]
        assert boot["subsamples"] == config["bootstrap"]["samples"] and boot["n"] == details["n"]
    summary = json.loads((groups_run / f"results/mga/{PAIR}/summary.json").read_text())["details"]
    assert summary["groups"] == [{"code": str(code), "label": groups_study.CATEGORIES[code],
                                  "n": case["dataset"]["groups"][groups_study.CATEGORIES[code]]["n"]} for code in (2, 1)]
    assert summary["permutations"] == config["groups"]["permutations"]
    assert summary["seed"] == config["bootstrap"]["seed"] and summary["micom_excluded"] == {}
    micom = io.read_csv(groups_run / f"results/mga/{PAIR}/micom.csv")
    assert list(micom["construct"]) == list(case["model"]["constructs"])
    assert (micom["compositional_invariance"] == (micom["c"] >= micom["c_q05"])).all()


def test_ipma_importance_is_the_total_effect_on_the_target(groups_run):
    """The standardized importance of each predecessor is its total effect on CUSL from the bootstrap step's
    own table; the rescaled weights of each construct sum to 1; performances lie on 0-100."""
    constructs = io.read_csv(groups_run / "results/ipma/constructs.csv").set_index("construct")
    effects = io.read_csv(groups_run / "results/bootstrap/total_effects.csv")
    to_target = effects[effects["target"] == "CUSL"].set_index("source")["original"]
    assert sorted(constructs.index) == sorted(to_target.index)
    np.testing.assert_allclose(constructs["importance_standardized"], to_target[constructs.index], atol=1e-12)
    indicators = io.read_csv(groups_run / "results/ipma/indicators.csv")
    np.testing.assert_allclose(indicators.groupby("construct")["rescaled_weight"].sum(), 1.0, atol=1e-12)
    assert constructs["performance"].between(0, 100).all() and indicators["performance"].between(0, 100).all()
    summary = json.loads((groups_run / "results/ipma/summary.json").read_text())["details"]
    assert summary["target"] == "CUSL" and summary["weights"] == "unstandardized"


def test_provenance_covers_the_group_and_ipma_files(groups_run):
    done = subprocess.run([sys.executable, "-m", "plssem_pipeline.verify", "results/provenance.json"],
                          cwd=groups_run, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    outputs = json.loads((groups_run / "results/provenance.json").read_text())["files"]["outputs"]
    for name in (f"results/mga/{PAIR}/mga.csv", f"results/mga/{PAIR}/micom.csv", "results/groups/1/bootstrap.csv",
                 "results/groups/2/draws.npz", "results/groups/2/estimates.npz", "results/ipma/constructs.csv"):
        assert name in outputs, name


def _extended(directory: Path) -> Path:
    """The moderation study (interaction term, higher-order construct, control variable) with a profile variable of
    three categories (``groups.compare`` null: every pair), five respondents in no group, and IPMA of M."""
    import moderation_study
    from pipeline_helpers import make_project

    # one bootstrap and permutation chunk each (the chunking is the small pair's test: chunked_groups)
    config = moderation_study.study_config_dict(samples=50, chunks=1)
    config["respondents"] = {"grp": {"label": "Group", "categories": {1: "A", 2: "B", 3: "C"}}}
    config["groups"] = {"variable": "grp", "permutations": 40, "chunks": 1}
    config["ipma"] = {"target": "M"}
    make_project(directory, config=config)
    survey = moderation_study.simulate_survey()
    survey.insert(1, "grp", np.random.default_rng(5).choice([1, 2, 3], size=len(survey)))
    survey.loc[:4, "grp"] = None
    survey.to_csv(directory / moderation_study.SURVEY, index=False, lineterminator="\n")
    targets = [f"results/mga/{a}-vs-{b}/summary.json" for a, b in ((1, 2), (1, 3), (2, 3))]
    snakemake(directory, *targets, "results/ipma/constructs.csv", "--cores", "2", timeout=900)
    return directory


def _pooled_run(name: str, build, fixture: str):
    """Run ``name`` made by ``build`` in the session's run pool (made once, in the background, when a selected test
    uses it) and the module fixture ``fixture`` that waits for it."""
    run_pool_helpers.register(name, build, f"test_groups.py::{fixture}")

    @pytest.fixture(scope="module", name=fixture)
    def made(tmp_path_factory):
        return run_pool_helpers.result(name, tmp_path_factory)

    return made


extended_groups = _pooled_run("groups_extended", _extended, "extended_groups")


def test_every_pair_of_an_extended_model(extended_groups):
    """Every pair of three categories, lower code first; respondents without a category in no group (counted);
    MICOM leaves out the interaction term and the higher-order construct, saying why; IPMA leaves out the term."""
    survey = io.read_csv(extended_groups / "results/clean/validated.csv", dtype={"grp": str})
    for first, second in (("1", "2"), ("1", "3"), ("2", "3")):
        summary = json.loads((extended_groups / f"results/mga/{first}-vs-{second}/summary.json").read_text())
        details = summary["details"]
        assert [g["n"] for g in details["groups"]] == [int((survey["grp"] == c).sum()) for c in (first, second)]
        assert details["without_group"] == int(survey["grp"].isna().sum()) == 5
        assert sorted(details["micom_excluded"]) == ["Q", "X x W"]
        micom = io.read_csv(extended_groups / f"results/mga/{first}-vs-{second}/micom.csv")
        assert not set(micom["construct"]) & {"Q", "X x W"}
        table = io.read_csv(extended_groups / f"results/mga/{first}-vs-{second}/mga.csv", dtype={"group_1": str})
        assert (table["group_1"] == first).all() and "X x W -> M" in set(table["statistic"])
    ipma = io.read_csv(extended_groups / "results/ipma/constructs.csv")
    assert list(ipma["construct"]) == ["X", "W"]


#: The rules of issue 15: a study without config groups and ipma has none of their jobs.
NEW_RULES = ("group_data", "group_estimate", "group_bootstrap_chunk", "group_bootstrap", "permutation_chunk", "mga",
             "ipma", "ipma_map")


def _jobs(done) -> dict:
    """Rule -> job count from the "Job stats" table of ``snakemake -n``."""
    lines = (done.stdout + done.stderr).split("Job stats:", 1)[1].splitlines()
    rows = [line.split() for line in lines[3:]]
    return {row[0]: int(row[1]) for row in rows[:next(i for i, row in enumerate(rows) if row[0] == "total")]}


def test_the_dag_has_the_group_jobs_only_with_groups(tmp_path):
    """The groups study has one group_data, group_estimate and group_bootstrap per group, a bootstrap chunk per group
    and chunk, a permutation chunk per pair and chunk; the same study without groups and ipma has none of the new
    rules' jobs and every other job unchanged."""
    project = groups_study.make_groups_project(tmp_path / "groups", chunks=3, permutation_chunks=4)
    jobs = _jobs(snakemake(project, "-n"))
    assert {rule: jobs[rule] for rule in NEW_RULES} == {
        "group_data": 2, "group_estimate": 2, "group_bootstrap_chunk": 2 * 3, "group_bootstrap": 2,
        "permutation_chunk": 4, "mga": 1, "ipma": 1, "ipma_map": 1}
    without = _jobs(snakemake(project, "-n", "--config", "groups=null", "ipma=null"))
    assert not set(NEW_RULES) & set(without), without
    assert {rule: n for rule, n in jobs.items() if rule not in NEW_RULES} == without


def test_a_bad_group_variable_stops_the_run_before_any_job(tmp_path):
    project = groups_study.make_groups_project(tmp_path / "bad")
    done = snakemake(project, "-n", "--config", "groups={variable: servicetyp}", check=False)
    assert done.returncode == 1
    assert "config key groups.variable: 'servicetyp' is not a respondent variable" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


#: Files compared byte for byte between the two chunkings.
COMPARED = groups_study.SMALL_GROUP_TARGETS


@pytest.fixture(scope="module")
def chunked_groups(tmp_path_factory) -> dict[int, Path]:
    """``{chunks: project}``: the study (100 subsamples, 60 permutations) in 1 chunk and in 3."""
    return {chunks: project for chunks, (project, _) in groups_study.small_group_runs(tmp_path_factory).items()}


def test_results_are_byte_identical_for_any_chunking(chunked_groups):
    assert len(list((chunked_groups[3] / f"results/mga/{PAIR}/chunks").glob("*.npz"))) == 3
    assert len(list((chunked_groups[3] / "results/groups/1/chunks").glob("*.npz"))) == 3
    for name in COMPARED:
        assert (chunked_groups[1] / name).read_bytes() == (chunked_groups[3] / name).read_bytes(), name
