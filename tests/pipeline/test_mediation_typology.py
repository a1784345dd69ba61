"""Zhao, Lynch & Chen (2010) mediation typology and VAF (plssem_pipeline.analysis.mediation)."""
import math

import pandas as pd
import pytest

from plssem_pipeline.analysis.mediation import INDIRECT_COLUMNS, MEDIATION, is_significant, mediation_table, \
    mediation_type, vaf


@pytest.mark.parametrize("ind_sig, dir_sig, indirect, direct, expected", [
    (True, True, 0.14, 0.57, "complementary"),
    (True, True, -0.14, -0.2, "complementary"),
    (True, True, 0.14, -0.20, "competitive"),
    (True, True, -0.14, 0.20, "competitive"),
    (True, False, 0.14, 0.02, "indirect-only"),
    (False, True, 0.01, 0.40, "direct-only"),
    (False, False, 0.01, 0.02, "no-effect"),
    (True, False, 0.14, None, "no-direct-path"),  # no direct path in the model: neither full nor partial
    (False, True, 0.01, None, "no-effect"),       # a missing direct path is never significant
])
def test_typology(ind_sig, dir_sig, indirect, direct, expected):
    assert mediation_type(ind_sig, dir_sig, indirect, direct) == expected


def test_partial_full_none():
    assert MEDIATION == {"complementary": "partial", "competitive": "partial", "indirect-only": "full",
                         "direct-only": "none", "no-effect": "none", "no-direct-path": "not_assessed"}


def test_significance_rules():
    assert is_significant(0.049, -1, 1, alpha=0.05)
    assert not is_significant(0.05, 0.1, 0.2, alpha=0.05)
    assert not is_significant(math.nan, 0.1, 0.2, alpha=0.05)
    assert is_significant(0.9, 0.01, 0.3, alpha=0.05, method="confidence_interval")
    assert is_significant(0.9, -0.3, -0.01, alpha=0.05, method="confidence_interval")
    assert not is_significant(0.001, -0.01, 0.3, alpha=0.05, method="confidence_interval")
    with pytest.raises(ValueError):
        is_significant(0.01, 0, 1, alpha=0.05, method="sobel")


def test_vaf():
    assert vaf(0.1, 0.3, 0.4) == 0.1 / 0.4
    assert math.isnan(vaf(0.1, None, 0.1))              # no direct path: the indirect routes are the total
    assert math.isnan(vaf(0.1, 0.3, 0.0))
    assert math.isnan(vaf(0.1, -0.3, -0.2))             # opposite signs: no share of the total


def _summary(rows, keys):
    cols = ["original", "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid"]
    return pd.DataFrame([dict(zip(keys + cols, r)) for r in rows])


def test_table_from_bootstrap_summaries():
    key = ["source", "target"]
    paths = _summary([("X", "M", .5, .5, .1, 5, 1e-6, .3, .7, 100), ("M", "Y", .4, .4, .1, 4, 1e-4, .2, .6, 100),
                      ("X", "Y", -.1, -.1, .1, -1, .3, -.3, .1, 100)], key)
    specific = _summary([("X -> M -> Y", "X", "Y", .2, .2, .05, 4, 1e-4, .1, .3, 100),
                         ("Z -> M -> Y", "Z", "Y", .02, .02, .05, .4, .7, -.08, .12, 100)], ["path"] + key)
    totals = _summary([("X", "Y", .1, .1, .1, 1, .3, -.1, .3, 100), ("Z", "Y", .02, 0, 0, 0, .7, 0, 0, 100)], key)
    table = mediation_table(specific, paths, totals, totals.assign(original=[.2, .02]), alpha=0.05)
    assert list(table.columns) == INDIRECT_COLUMNS
    first, second = table.iloc[0], table.iloc[1]
    assert first["mediation_type"] == "indirect-only" and first["mediation"] == "full"
    assert first["direct"] == -.1 and not first["direct_significant"]
    assert (first["direct_ci_low"], first["direct_ci_high"]) == (-.3, .1)
    # a direct effect of the other sign: the indirect effect is no share of the total, the VAF is not read
    assert math.isnan(first["vaf"]) and first["vaf_mediation"] == "not_interpreted"
    assert first["vaf_note"] == "undefined" and first["total_indirect"] == .2
    assert second["mediation_type"] == "no-effect" and math.isnan(second["direct"])


def test_vaf_is_the_pairs_total_indirect_over_its_total_effect():
    """Two chains X -> M1 -> Y and X -> M2 -> Y and a direct path X -> Y: both rows carry one VAF, the pair's
    (a1 b1 + a2 b2) / (c' + a1 b1 + a2 b2) (Hair et al. 2022, ch. 7), recomputed here from the path coefficients;
    a chain whose pair has no direct path (Z -> M1 -> Y) gets no VAF and is not called full mediation."""
    key = ["source", "target"]
    a1, b1, a2, b2, c, a3 = .5, .4, .3, .6, .2, .45
    paths = _summary([("X", "M1", a1, a1, .1, 5, 1e-6, .3, .7, 100), ("M1", "Y", b1, b1, .1, 4, 1e-4, .2, .6, 100),
                      ("X", "M2", a2, a2, .1, 3, 1e-3, .1, .5, 100), ("M2", "Y", b2, b2, .1, 6, 1e-6, .4, .8, 100),
                      ("X", "Y", c, c, .05, 4, 1e-4, .1, .3, 100), ("Z", "M1", a3, a3, .1, 4, 1e-4, .2, .6, 100)], key)
    specific = _summary([("X -> M1 -> Y", "X", "Y", a1 * b1, 0, .05, 4, 1e-4, .1, .3, 100),
                         ("X -> M2 -> Y", "X", "Y", a2 * b2, 0, .05, 4, 1e-4, .1, .3, 100),
                         ("Z -> M1 -> Y", "Z", "Y", a3 * b1, 0, .05, 4, 1e-4, .1, .3, 100)], ["path"] + key)
    indirect = _summary([("X", "Y", a1 * b1 + a2 * b2, 0, 0, 0, 0, 0, 0, 100),
                         ("Z", "Y", a3 * b1, 0, 0, 0, 0, 0, 0, 100)], key)
    totals = indirect.assign(original=[c + a1 * b1 + a2 * b2, a3 * b1])
    table = mediation_table(specific, paths, totals, indirect, alpha=0.05).set_index("path")
    pair = (a1 * b1 + a2 * b2) / (c + a1 * b1 + a2 * b2)
    assert table.loc["X -> M1 -> Y", "vaf"] == pytest.approx(pair, rel=1e-12)
    assert table.loc["X -> M2 -> Y", "vaf"] == pytest.approx(pair, rel=1e-12)
    assert table.loc["X -> M1 -> Y", "mediation_type"] == "complementary"
    no_direct = table.loc["Z -> M1 -> Y"]
    assert no_direct["mediation_type"] == "no-direct-path" and no_direct["mediation"] == "not_assessed"
    assert math.isnan(no_direct["vaf"]) and no_direct["vaf_note"] == "no_direct_path"


def test_no_direct_path_note_also_when_the_indirect_effect_is_not_significant():
    """A chain without a direct path whose indirect effect is not significant (its CI spans zero) has no VAF
    because there is no direct path, not because of opposite signs: vaf_note "no_direct_path" (a fresh user's
    report said "opposite signs" for SQ -> PV -> LOY, 0.036 [-0.010, 0.086], with no SQ -> LOY in the model)."""
    key = ["source", "target"]
    a, b = .3, .12
    paths = _summary([("Z", "M", a, a, .1, 3, 1e-3, .1, .5, 100), ("M", "Y", b, b, .1, 1.2, .23, -.08, .32, 100)], key)
    specific = _summary([("Z -> M -> Y", "Z", "Y", a * b, 0, .03, 1.2, .23, -.01, .086, 100)], ["path"] + key)
    indirect = _summary([("Z", "Y", a * b, 0, 0, 0, 0, 0, 0, 100)], key)
    row = mediation_table(specific, paths, indirect, indirect, alpha=0.05).set_index("path").loc["Z -> M -> Y"]
    assert not row["significant"] and row["mediation_type"] == "no-effect"
    assert math.isnan(row["vaf"]) and row["vaf_note"] == "no_direct_path"
