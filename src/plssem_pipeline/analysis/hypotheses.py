"""The hypotheses' tests: each stated effect's bootstrap test, two- or one-tailed, and its verdict.

For each hypothesis (:mod:`plssem_pipeline.study.hypotheses`) the effect's
original estimate and bootstrap draws (the ``paths`` or ``specific_indirect``
family) are summarised by :func:`plssem.inference.summarize_directional`: under
``bootstrap.tails: 2`` exactly the two-tailed row of ``results/bootstrap/``,
under ``tails: 1`` the one-tailed p in the stated direction and the
``1 - 2 alpha`` interval. The verdict is
:func:`plssem_pipeline.analysis.decision.is_supported` (Hair et al. 2022, ch. 6;
for indirect effects, the bootstrap test Zhao, Lynch & Chen 2010 recommend).
"""
from __future__ import annotations

from .decision import is_significant, is_supported, sign_of

__all__ = ["HYPOTHESES_COLUMNS", "hypotheses_table", "read_hypotheses"]

#: Columns of ``results/hypotheses/hypotheses.csv``.
HYPOTHESES_COLUMNS = ["hypothesis", "path", "kind", "source", "target", "sign", "tails", "alpha", "ci_level",
                      "original", "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid", "significant",
                      "supported", "statement"]

_FAMILY = {"direct": "paths", "indirect": "specific_indirect"}


def _effect_columns(labels) -> dict:
    """``"A -> B"`` / ``"A -> M -> B"`` -> (family, column) in the families' column order."""
    where = {f"{r['source']} -> {r['target']}": ("paths", j) for j, r in enumerate(labels["paths"])}
    where.update({r["path"]: ("specific_indirect", j) for j, r in enumerate(labels["specific_indirect"])})
    return where


def hypotheses_table(hypotheses, labels, original, draws, *, tails: int = 2, alpha: float = 0.05,
                     ci: str = "percentile", significance: str = "p_value", jackknife=None):
    """One row per hypothesis: its effect's bootstrap test and whether it is supported.

    Parameters
    ----------
    hypotheses : list of plssem_pipeline.study.hypotheses.Hypothesis
    labels : dict
        :func:`plssem.statistics.labels` of the model (the columns of each family).
    original : dict
        Family -> ndarray (m,), the full-sample estimates (``paths``, ``specific_indirect``).
    draws : dict
        Family -> ndarray (B, m), the bootstrap draws (``results/bootstrap/draws.npz``).
    tails : {1, 2}
        ``bootstrap.tails``; 1 needs every hypothesis signed.
    alpha : float
        ``bootstrap.alpha``.
    ci : {"percentile", "bca"}
        ``bootstrap.ci``.
    significance : {"p_value", "confidence_interval"}
        ``mediation.significance``.
    jackknife : dict, optional
        Family -> ndarray (n, m), leave-one-out estimates (needed for ``ci="bca"``).

    Returns
    -------
    DataFrame
        Columns :data:`HYPOTHESES_COLUMNS`, the hypotheses in order.

    Raises
    ------
    KeyError
        If a hypothesis names an effect the model does not have (the config checks refuse it first).
    ValueError
        As :func:`plssem.inference.summarize_directional` (an unsigned hypothesis under ``tails=1``).
    """
    import numpy as np
    import pandas as pd
    from plssem.inference import summarize_directional

    where = _effect_columns(labels)
    located = [where[h.path] for h in hypotheses]
    stats = [None] * len(hypotheses)
    for family in ("paths", "specific_indirect"):
        rows = [i for i, (f, _) in enumerate(located) if f == family]
        if not rows:
            continue
        # the whole family at once, as the bootstrap step summarises it: the same array, the same sums,
        # so that two-tailed rows equal results/bootstrap/ bit for bit (columns without a hypothesis
        # are tested "positive" and left out)
        signs = np.ones(np.shape(original[family])[0])
        signs[[located[i][1] for i in rows]] = [sign_of(hypotheses[i].sign) for i in rows]
        summary = summarize_directional(original[family], draws[family], signs, tails=tails, alpha=alpha, ci=ci,
                                        jackknife=None if jackknife is None else jackknife[family])
        records = summary.to_dict("records")
        for i in rows:
            stats[i] = records[located[i][1]]
    out = []
    for h, s in zip(hypotheses, stats):
        test = dict(p=s["p"], ci_low=s["ci_low"], ci_high=s["ci_high"], alpha=alpha, method=significance,
                    sign=h.sign, tails=tails)
        out.append({"hypothesis": h.name, "path": h.path, "kind": h.kind, "source": h.nodes[0],
                    "target": h.nodes[-1], "sign": h.sign or "", "tails": tails, "alpha": alpha,
                    "ci_level": 1 - alpha * (2 if tails == 1 else 1),
                    **{k: s[k] for k in ("original", "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid")},
                    "significant": is_significant(**test), "supported": is_supported(s["original"], **test),
                    "statement": h.statement})
    return pd.DataFrame(out, columns=HYPOTHESES_COLUMNS)


def read_hypotheses(path):
    """``results/hypotheses/hypotheses.csv`` as written: names and paths as text, no sign as None.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    DataFrame
        Columns :data:`HYPOTHESES_COLUMNS`; ``sign`` is ``"positive"``, ``"negative"`` or None.
    """
    from .. import io

    frame = io.read_csv(path, dtype={"hypothesis": str, "path": str, "sign": str, "statement": str})
    frame["sign"] = [s if s in ("positive", "negative") else None for s in frame["sign"]]
    frame["statement"] = frame["statement"].fillna("")
    return frame
