"""Mediation analysis: Zhao, Lynch & Chen's (2010) typology and the VAF.

For a specific indirect effect ``a × b`` of X on Y through mediator(s) M and
the direct effect ``c'`` of X on Y (Zhao, Lynch & Chen 2010, Fig. 2; Hair et
al. 2022, ch. 7):

* indirect significant, direct significant with the same sign:
  **complementary** (partial) mediation;
* indirect significant, direct significant with the opposite sign:
  **competitive** (partial) mediation;
* indirect significant, direct not significant: **indirect-only** (full) mediation;
* indirect not significant, direct significant: **direct-only** (no mediation);
* neither significant: **no effect** (no mediation).

"Same sign" means ``a × b × c' > 0``. Where the model has no direct path
X -> Y, ``c'`` is fixed at zero and treated as not significant, so the type
can only be indirect-only or no effect (said in the table's ``direct``
column, left empty).

Significance follows the bootstrap: ``p < alpha`` (``significance="p_value"``)
or a confidence interval that excludes zero (``"confidence_interval"``); Zhao
et al. recommend the bootstrap test of the indirect effect over Sobel's. An
effect stated as a hypothesis (``results/hypotheses/hypotheses.csv``) is judged
by that hypothesis's test, one-tailed in its direction under ``bootstrap.tails:
1``, so that the mediation table and the hypotheses table cannot disagree; the
rule is :func:`plssem_pipeline.analysis.decision.is_significant`.

The *variance accounted for*, ``VAF = indirect / total`` with the total
effect of X on Y (Hair et al. 2022, ch. 7), is reported for completeness;
Zhao et al. argue the typology, not the VAF, should classify mediation.
"""
from __future__ import annotations

from .decision import is_significant

__all__ = ["MEDIATION", "INDIRECT_COLUMNS", "mediation_type", "is_significant", "vaf",
           "mediation_table"]

#: The five outcomes of the typology (its keys) -> partial / full / no mediation.
MEDIATION = {"complementary": "partial", "competitive": "partial", "indirect-only": "full",
             "direct-only": "none", "no-effect": "none"}
#: Columns of ``results/mediation/indirect.csv``.
INDIRECT_COLUMNS = ["path", "source", "target", "original", "mean", "sd", "t", "p", "ci_low", "ci_high",
                    "n_valid", "significant", "direct", "direct_p", "direct_significant", "total_indirect",
                    "total_effect", "vaf", "mediation_type", "mediation", "hypothesis",
                    "direct_hypothesis"]


def mediation_type(indirect_significant: bool, direct_significant: bool, indirect: float,
                   direct: float | None) -> str:
    """Zhao, Lynch & Chen (2010) type of one mediation, see the module table.

    Parameters
    ----------
    indirect_significant, direct_significant : bool
    indirect : float
        The indirect effect ``a × b``.
    direct : float or None
        The direct effect ``c'``; ``None`` when the model has no direct path.

    Examples
    --------
    >>> mediation_type(True, True, 0.14, 0.57)
    'complementary'
    >>> mediation_type(True, True, 0.14, -0.2)
    'competitive'
    >>> mediation_type(True, False, 0.14, None)
    'indirect-only'
    """
    direct_significant = bool(direct_significant) and direct is not None
    if indirect_significant and direct_significant:
        return "complementary" if indirect * direct > 0 else "competitive"
    if indirect_significant:
        return "indirect-only"
    if direct_significant:
        return "direct-only"
    return "no-effect"


def vaf(indirect: float, total: float) -> float:
    """Variance accounted for, ``indirect / total`` (NaN when the total effect is 0)."""
    return indirect / total if total != 0 else float("nan")


def _judge(record, test, *, alpha: float, significance: str) -> bool:
    """Significance of a bootstrap row, or of the hypothesis ``test`` on the same effect when there is one."""
    if test is None:
        return is_significant(record.p, record.ci_low, record.ci_high, alpha=alpha, method=significance)
    return is_significant(test.p, test.ci_low, test.ci_high, alpha=alpha, method=significance, sign=test.sign,
                          tails=int(test.tails))


def mediation_table(specific, paths, total_effects, total_indirect, *, alpha: float = 0.05,
                    significance: str = "p_value", hypotheses=None):
    """The mediation table: every specific indirect effect with its type.

    Parameters
    ----------
    specific : DataFrame
        ``results/bootstrap/specific_indirect.csv`` (path, source, target, original, mean, sd, t, p, ci_low,
        ci_high, n_valid).
    paths, total_effects, total_indirect : DataFrame
        ``results/bootstrap/paths.csv``, ``total_effects.csv``, ``total_indirect.csv``.
    alpha : float
    significance : {"p_value", "confidence_interval"}
    hypotheses : DataFrame, optional
        ``results/hypotheses/hypotheses.csv``: an indirect or direct effect stated as a hypothesis is
        significant by that hypothesis's test (its p or interval, sign and tails), not the two-tailed
        bootstrap row; its name goes in the ``hypothesis`` / ``direct_hypothesis`` column.

    Returns
    -------
    DataFrame
        Columns :data:`INDIRECT_COLUMNS`.
    """
    import pandas as pd

    def lookup(frame):
        return {(r.source, r.target): r for r in frame.itertuples(index=False)}

    tests = {} if hypotheses is None else {str(r.path): r for r in hypotheses.itertuples(index=False)}
    direct, totals, indirect_totals = lookup(paths), lookup(total_effects), lookup(total_indirect)
    rows = []
    for r in specific.itertuples(index=False):
        test = tests.get(str(r.path))
        sig = _judge(r, test, alpha=alpha, significance=significance)
        d = direct.get((r.source, r.target))
        d_test = tests.get(f"{r.source} -> {r.target}")
        d_sig = _judge(d, d_test, alpha=alpha, significance=significance) if d is not None else False
        kind = mediation_type(sig, d_sig, r.original, d.original if d is not None else None)
        total = totals[(r.source, r.target)].original
        rows.append({
            "path": r.path, "source": r.source, "target": r.target, "original": r.original, "mean": r.mean,
            "sd": r.sd, "t": r.t, "p": r.p, "ci_low": r.ci_low, "ci_high": r.ci_high, "n_valid": r.n_valid,
            "significant": sig,
            "direct": d.original if d is not None else float("nan"),
            "direct_p": d.p if d is not None else float("nan"),
            "direct_significant": d_sig,
            "total_indirect": indirect_totals[(r.source, r.target)].original,
            "total_effect": total, "vaf": vaf(r.original, total),
            "mediation_type": kind, "mediation": MEDIATION[kind],
            "hypothesis": test.hypothesis if test is not None else "",
            "direct_hypothesis": d_test.hypothesis if d_test is not None and d is not None else "",
        })
    return pd.DataFrame(rows, columns=INDIRECT_COLUMNS)
