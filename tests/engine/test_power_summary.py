"""``plssem.power.summarise``'s tables from given decisions: the minimum n and its note, Kock & Hadaya per path only.

Chunks of three sample sizes whose decisions are set so that one effect reaches the target at the smallest n, one
at the second and one (an indirect effect) never: the minimum n is the first n of the grid with power >= target,
noted ``AT_SMALLEST`` at the grid's first n and ``NOT_REACHED`` (NaN) when no n reaches it; the MC SE is
``sqrt(P(1 - P)/R)``, 0 at P = 1; Kock & Hadaya's columns are :mod:`plssem.sample_size` at the true path value,
NaN for the indirect effect; the stated values pass through. Cost: well under 1 s.
"""
from __future__ import annotations

import numpy as np

from plssem import sample_size
from plssem.power import AT_SMALLEST, NOT_REACHED, PowerDraws, summarise

LABELS = ["A -> M", "M -> Y", "A -> M -> Y"]
TRUE = {"A -> M": 0.45, "M -> Y": -0.2, "A -> M -> Y": -0.09}
STATED = {"A -> M": 0.5, "M -> Y": -0.25, "A -> M -> Y": -0.125}
R = 40


def _draws(n, hits):
    """``R`` replications at ``n`` whose first ``hits[j]`` reject effect ``j``; replication 0 failed."""
    significant = np.arange(R)[:, None] < np.asarray(hits)[None]
    failed = np.zeros(R, dtype=bool)
    failed[-1] = True
    significant[failed] = False
    return PowerDraws(n, 0, list(LABELS), np.zeros((R, len(LABELS))), significant, failed)


def test_minimum_n_notes_and_kock_hadaya_per_path():
    draws = [_draws(50, [R, 10, 0]), _draws(100, [R, 36, 5]), _draws(150, [R, R, 10])]
    table, minimum = summarise(draws, TRUE, target=0.8, alpha=0.05, tails=2, stated=STATED)
    usable = R - 1
    first = table[table["Effect"] == "A -> M"]
    np.testing.assert_array_equal(first["Power"], 1.0)
    np.testing.assert_array_equal(first["MC SE"], 0.0)
    assert (table["Replications"] == usable).all() and (table["Failed"] == 1).all()
    rows = minimum.set_index("Effect")
    assert rows.loc["A -> M", "Minimum n"] == 50 and rows.loc["A -> M", "Note"] == AT_SMALLEST
    assert rows.loc["M -> Y", "Minimum n"] == 100 and rows.loc["M -> Y", "Note"] == ""
    assert np.isnan(rows.loc["A -> M -> Y", "Minimum n"]) and rows.loc["A -> M -> Y", "Note"] == NOT_REACHED
    for label in ("A -> M", "M -> Y"):
        assert rows.loc[label, "Inverse square root"] == sample_size.inverse_square_root(TRUE[label], tails=2)
        assert rows.loc[label, "Gamma-exponential"] == sample_size.gamma_exponential(TRUE[label], tails=2)
    assert rows.loc["A -> M -> Y", ["Inverse square root", "Gamma-exponential"]].isna().all()
    assert rows["Stated value"].to_dict() == STATED and rows["True value"].to_dict() == TRUE
    assert table.groupby("Effect")["Stated value"].first().to_dict() == STATED
