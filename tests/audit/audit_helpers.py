"""Helpers of the audit tests: made-up published tables for a model that is not the paper's.

:func:`made_up_published` builds, from chosen "true" values, the published
tables a careful author would print for a four-construct model (A, B -> M -> Y,
A -> Y) with table ids, construct names and layouts of its own: every
printed number is the rounding of a value computed exactly from the others
(AVE, ρ_C and α from the loadings, R² from the paths and corr(A, B), adjusted
R², t = O/SD, p from t with B − 1 df, indirect = product of paths), so every
consistency check must pass; a test then breaks one number and expects exactly
that check to fail.
"""
from __future__ import annotations

import copy
import itertools
from pathlib import Path

import numpy as np
from scipy import stats

from plssem_pipeline.study import model_from_config

ROOT = Path(__file__).resolve().parents[2]
#: The paper's published tables.
PAPER = ROOT / "data" / "published" / "nafia-komaryatin-2026.yaml"

CONSTRUCTS = {
    "A": {"indicators": ["a1", "a2", "a3"]},
    "B": {"indicators": ["b1", "b2", "b3"]},
    "M": {"indicators": ["m1", "m2", "m3", "m4"]},
    "Y": {"indicators": ["y1", "y2", "y3"]},
}
PATHS = ["A -> M", "B -> M", "A -> Y", "M -> Y"]
LOADINGS = {"a1": 0.82, "a2": 0.79, "a3": 0.853, "b1": 0.77, "b2": 0.881, "b3": 0.8144,
            "m1": 0.74, "m2": 0.8, "m3": 0.8612, "m4": 0.7777, "y1": 0.9, "y2": 0.83, "y3": 0.8042}
CORR_AB = 0.3
COEFFICIENTS = {("A", "M"): 0.4012, ("B", "M"): 0.3467, ("A", "Y"): 0.2551, ("M", "Y"): 0.4503}
SDS = {("A", "M"): 0.061, ("B", "M"): 0.0583, ("A", "Y"): 0.1022, ("M", "Y"): 0.0712}
N = 250
B = 5000


def model():
    return model_from_config(CONSTRUCTS, PATHS)


def _r(x, d=3):
    return float(round(x, d))


def _p(t):
    return float(2 * stats.t.sf(abs(t), B - 1))


def made_up_published() -> dict:
    """The consistent made-up published file (a dict as yaml.safe_load gives it)."""
    blocks = {c: [LOADINGS[i] for i in spec["indicators"]] for c, spec in CONSTRUCTS.items()}
    ave = {c: float(np.mean(np.square(x))) for c, x in blocks.items()}
    rho_c = {c: sum(x) ** 2 / (sum(x) ** 2 + sum(1 - v * v for v in x)) for c, x in blocks.items()}
    alpha = {c: len(x) / (len(x) - 1) * (1 - len(x) / sum(x) ** 2) for c, x in blocks.items()}
    b = COEFFICIENTS
    r2_m = b["A", "M"] ** 2 + b["B", "M"] ** 2 + 2 * b["A", "M"] * b["B", "M"] * CORR_AB
    corr_am = b["A", "M"] + b["B", "M"] * CORR_AB
    r2_y = b["A", "Y"] ** 2 + b["M", "Y"] ** 2 + 2 * b["A", "Y"] * b["M", "Y"] * corr_am
    r2 = {"M": r2_m, "Y": r2_y}
    adj = {c: 1 - (1 - v) * (N - 1) / (N - 2 - 1) for c, v in r2.items()}
    rows = {}
    for (s, t), o in b.items():
        sd = SDS[s, t]
        rows[f"{s} -> {t}"] = {"original": _r(o), "mean": _r(o + 0.001), "sd": _r(sd), "t": _r(o / sd),
                               "p": _r(_p(o / sd))}
    indirect = {}
    for route, sd in ((("A", "M", "Y"), 0.0301), (("B", "M", "Y"), 0.0292)):
        o = float(np.prod([b[x, y] for x, y in zip(route[:-1], route[1:])]))
        indirect[" -> ".join(route)] = {"original": _r(o), "mean": _r(o), "sd": _r(sd), "t": _r(o / sd),
                                        "p": _r(_p(o / sd))}
    return {
        "source": {"citation": "Made up (2030). A study that adds up."},
        "n": N,
        "bootstrap_samples": B,
        "tables": {
            "profile": {"printed_decimals": {"percent": 1}, "blocks": {
                "gender": {"label": "Gender", "total": N, "categories": {
                    "f": {"label": "Female", "n": 120, "percent": 48.0},
                    "m": {"label": "Male", "n": 130, "percent": 52.0}}}}},
            "measurement": {"printed_decimals": 3, "loadings": {i: _r(v) for i, v in LOADINGS.items()},
                            "ave": {c: _r(v) for c, v in ave.items()},
                            "verdict": {i: "valid" for i in LOADINGS}},
            "reliability": {"rho_c": {c: _r(v) for c, v in rho_c.items()},
                            "cronbach_alpha": {c: _r(v) for c, v in alpha.items()},
                            "verdict": {c: "reliable" for c in CONSTRUCTS}},
            "explained_variance": {"r2": {c: _r(v) for c, v in r2.items()},
                                   "r2_adj": {c: _r(v) for c, v in adj.items()},
                                   "thresholds_stated": {"substantial": 0.67, "moderate": 0.33, "weak": 0.19},
                                   "interpretation_published": {"M": "moderate", "Y": "moderate"}},
            "direct_effects": {"rows": rows},
            "mediation": {"rows": indirect},
            "hypotheses": {f"H{i}": {"path": p, "verdict_published": "supported"}
                           for i, p in enumerate(PATHS, start=1)},
            "mediation_claims": [{"path": "A -> M -> Y", "verdict_published": "supported",
                                  "prose_values": {"t": indirect["A -> M -> Y"]["t"]}}],
        },
    }


#: One number of :func:`made_up_published` broken at a time, and the check it must fail.
BREAKS = [
    # (keys to change, new value, check, item)
    (("tables", "profile", "blocks", "gender", "categories", "m", "n"), 131, "respondent_block_sum", "gender"),
    (("tables", "profile", "blocks", "gender", "categories", "f", "percent"), 48.3, "respondent_percent",
     "gender = f (Female)"),
    (("tables", "measurement", "ave", "M"), 0.64, "ave_from_loadings", "M"),
    (("tables", "reliability", "rho_c", "Y"), 0.9, "rho_c_from_loadings", "Y"),
    (("tables", "explained_variance", "r2_adj", "M"), 0.37, "adjusted_r2", "M"),
    (("tables", "explained_variance", "interpretation_published", "Y"), "substantial", "r2_label", "Y"),
    (("tables", "direct_effects", "rows", "A -> M", "t"), 7.9, "t_equals_o_over_sd", "A -> M"),
    (("tables", "direct_effects", "rows", "A -> Y", "p"), 0.05, "p_from_t", "A -> Y"),
    (("tables", "mediation", "rows", "B -> M -> Y", "original"), 0.166, "indirect_equals_product", "B -> M -> Y"),
    (("tables", "hypotheses", "H3", "verdict_published"), "rejected", "claim_verdict", "H3 (A -> Y)"),
    (("tables", "mediation_claims", 0, "prose_values", "t"), 5.1, "prose_vs_table",
     "mediation_claims[0] (A -> M -> Y): t"),
    (("tables", "measurement", "verdict", "m1"), "invalid", "criterion_verdict", "M loadings"),
]


def changed(data: dict, *keys, value) -> dict:
    """A deep copy of ``data`` with ``data[k1][k2]... = value``."""
    out = copy.deepcopy(data)
    target = out
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value
    return out


def corners(function, values, half):
    """Brute-force range of ``function`` over the box ``values ± half`` (every corner)."""
    results = [function(np.array(values) + np.array(signs) * half)
               for signs in itertools.product((-1, 1), repeat=len(values))]
    return min(results), max(results)
