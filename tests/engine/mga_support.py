"""The two customer groups of the SmartPLS MGA fixture, for the group-analysis tests.

``cr_extended_mga_servicetype`` (see test_smartpls_mga.py): the corporate-reputation
extended model; groups servicetype 2 (Contract plan) and 1 (Prepaid plan). Each group's
missing values (-99) are replaced by that group's own indicator means, as SmartPLS does
and as the pipeline's ``group_data`` step does; the pooled data puts group 1 (Contract)
first, then group 2, as :func:`plssem.permutation.permutation_estimates` expects.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

import plssem
from engine_support import case_yaml, fixture_file, spec_from_case

CASE = "cr_extended_mga_servicetype"
#: Group 1 and group 2 of every comparison here: (name in case.yaml, servicetype code), in case.yaml's order
#: (Contract plan, then Prepaid plan: SmartPLS's "Contract plan - Prepaid plan" differences).
GROUPS = tuple((name, group["servicetype"]) for name, group in case_yaml(CASE, "case.yaml")["dataset"]["groups"].items())


@functools.lru_cache(maxsize=None)
def case():
    """The fixture's case: spec, paths, the model and the raw data (-99 as NaN)."""
    meta = case_yaml(CASE, "case.yaml")
    spec = spec_from_case(meta["model"]["constructs"])
    paths = [tuple(p) for p in meta["model"]["paths"]]
    raw = pd.read_csv(fixture_file(CASE, meta["dataset"]["file"]), sep=";")
    data = raw.replace(meta["dataset"]["missing_code"], np.nan)
    return spec, paths, plssem.Model.from_spec(spec, paths), data


@functools.lru_cache(maxsize=None)
def treated_groups() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each group's observed indicators with its missing values replaced by the group's means."""
    _, _, model, data = case()
    out = []
    for _, code in GROUPS:
        subset = data.loc[data["servicetype"] == code, list(model.observed_indicators)]
        out.append(subset.fillna(subset.mean()))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def pooled() -> tuple[pd.DataFrame, int]:
    """Group 1's treated rows, then group 2's (fresh 0..n-1 index), and ``n1``."""
    g1, g2 = treated_groups()
    return pd.concat([g1, g2], ignore_index=True), len(g1)


#: Fewest subsamples SmartPLS's table can rest on (SmartPLS 4's default is 5,000; the openpls author's own MGA
#: test uses 1,000; case.yaml: the count was not recorded). A smaller count would widen the tolerance.
B_SMARTPLS_MIN = 1000
#: Draws per block of the batch-means estimate of the Bootstrap MGA p's Monte-Carlo error.
BLOCK = 100


def bootstrap_mga_se(draws_1, draws_2, original_1, original_2, *, reference: int = B_SMARTPLS_MIN,
                     block: int = BLOCK) -> np.ndarray:
    """Monte-Carlo SE ``(m,)`` of ``p − p_ref``: the one-tailed Bootstrap MGA p of ``B`` draws a group against
    that of an independent run with ``reference`` draws a group (SmartPLS's).

    Batch means: both groups' draws cut into ``B // block`` blocks of ``block`` draws (block ``i`` of group 1
    against block ``i`` of group 2) and the p recomputed per block; as the error of a smooth function of sample
    means and a two-sample U-statistic it scales as ``1/sqrt(B)``, so
    ``SE = sd(block p) sqrt(block) sqrt(1/B + 1/reference)``. Blocks of 100 draws: a tail p (0.02 or 0.98) of a
    block then rests on 100 × 100 pairs of draws, not on a handful of them.
    """
    draws_1, draws_2 = np.asarray(draws_1), np.asarray(draws_2)
    samples = draws_1.shape[0]
    assert draws_2.shape[0] == samples and samples // block >= 10, "at least 10 blocks of the same draws a group"
    p = np.array([plssem.bootstrap_mga(draws_1[i * block:(i + 1) * block], draws_2[i * block:(i + 1) * block],
                                       original_1, original_2)[0] for i in range(samples // block)])
    return p.std(axis=0, ddof=1) * np.sqrt(block) * np.sqrt(1 / samples + 1 / reference)
