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
#: Group 1 and group 2 of every comparison here: (name in case.yaml, servicetype code).
GROUPS = (("Contract plan", 2), ("Prepaid plan", 1))


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
