"""Mediation analysis: Zhao, Lynch & Chen's (2010) typology, decided by bootstrap intervals, and the VAF.

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
X -> Y, ``c'`` is fixed at zero by the model, not estimated: "full" or
"indirect-only" mediation would be an assumption, not a finding, so a
significant indirect effect is typed **no direct path** (indirect effect only,
no direct path in the model; neither partial nor full), and an insignificant
one no effect (the table's ``direct`` column left empty).

Significance is one rule for the indirect and the direct effect,
``mediation.significance``: by default (``"confidence_interval"``) the
bootstrap confidence interval (percentile, ``bootstrap.ci``) excludes zero, the
test Zhao et al. (2010) and Hair et al. (2022, ch. 7) recommend for indirect
effects, whose bootstrap distribution is often skewed; ``"p_value"`` (``p <
alpha``, p from the bootstrap t) is kept as an explicit option. An effect
stated as a hypothesis (``results/hypotheses/hypotheses.csv``) is judged by
that hypothesis's test, one-tailed in its direction under ``bootstrap.tails:
1``, so that the mediation table and the hypotheses table cannot disagree; the
rule is :func:`plssem_pipeline.analysis.decision.is_significant`.

The *variance accounted for*, ``VAF = indirect / total`` of the pair X, Y,
with the *total* indirect effect of X on Y (every route, so several chains of
one pair share one VAF; Hair et al. 2022, ch. 7) and the total effect, is
computed only when the model has a direct path X -> Y (without one the total
is the indirect effect by construction), and read after Hair, Hult, Ringle &
Sarstedt (2014, ch. 7):
above 0.80 full, 0.20 to 0.80 partial, below 0.20 no mediation
(:func:`vaf_mediation`). It is a share of the total effect only when the
indirect and the direct effect have the same sign, so it is undefined (NaN)
otherwise (competitive mediation among them), and it is read only when the
indirect effect is significant (Hair et al. 2014 compute it after that test).
The typology classifies (Zhao et al. 2010 argue against the VAF); the column
``vaf_note`` says why a row's VAF reading is missing or differs from the type
(:func:`vaf_note`), so the two never disagree without a reason in the same row.
"""
from __future__ import annotations

from .decision import is_significant

__all__ = ["MEDIATION", "INDIRECT_COLUMNS", "VAF_FULL", "VAF_PARTIAL", "mediation_type", "is_significant", "vaf",
           "vaf_mediation", "vaf_note", "mediation_routes", "mediation_table"]

#: The five outcomes of the typology (its keys) -> partial / full / no mediation.
#: ``no-direct-path``: a significant indirect effect whose pair has no direct path in the model, so that
#: partial or full mediation cannot be assessed.
MEDIATION = {"complementary": "partial", "competitive": "partial", "indirect-only": "full",
             "direct-only": "none", "no-effect": "none", "no-direct-path": "not_assessed"}
#: Hair et al. (2014, ch. 7): a VAF above this is full mediation ...
VAF_FULL = 0.80
#: ... from this up to :data:`VAF_FULL` partial mediation, below it no mediation.
VAF_PARTIAL = 0.20
#: Columns of ``results/mediation/indirect.csv``.
INDIRECT_COLUMNS = ["path", "source", "target", "original", "mean", "sd", "t", "p", "ci_low", "ci_high",
                    "n_valid", "significant", "direct", "direct_p", "direct_ci_low", "direct_ci_high",
                    "direct_significant", "total_indirect", "total_effect", "vaf", "vaf_mediation", "vaf_note",
                    "mediation_type", "mediation", "hypothesis", "direct_hypothesis"]


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
    'no-direct-path'
    """
    direct_significant = bool(direct_significant) and direct is not None
    if indirect_significant and direct is None:
        return "no-direct-path"
    if indirect_significant and direct_significant:
        return "complementary" if indirect * direct > 0 else "competitive"
    if indirect_significant:
        return "indirect-only"
    if direct_significant:
        return "direct-only"
    return "no-effect"


def vaf(indirect: float, direct: float | None, total: float) -> float:
    """Variance accounted for, ``indirect / total`` of one source-target pair (Hair et al. 2014, ch. 7).

    Parameters
    ----------
    indirect : float
        The total indirect effect of the source on the target (the sum of its specific indirect effects;
        Hair et al. 2022, ch. 7), not one chain's.
    direct : float or None
        The direct effect ``c'``; None when the model has no direct path.
    total : float
        The total effect of the source on the target (direct plus every indirect route).

    Returns
    -------
    float
        NaN when the model has no direct path (the indirect effect is then the total by construction),
        when the indirect and the direct effect have opposite signs (the indirect effect is then no share of
        the total: competitive mediation, or a non-significant direct effect of the other sign) or when the
        total effect is 0.

    Examples
    --------
    >>> vaf(0.1, 0.3, 0.4)
    0.25
    >>> vaf(0.1, -0.3, -0.2), vaf(0.1, None, 0.1)
    (nan, nan)
    """
    undefined = direct is None or indirect * direct < 0 or total == 0
    return float("nan") if undefined else indirect / total


def vaf_mediation(value: float, indirect_significant: bool) -> str:
    """Hair et al.'s (2014, ch. 7) reading of a VAF.

    Parameters
    ----------
    value : float
        :func:`vaf` (NaN when undefined).
    indirect_significant : bool
        Whether the indirect effect is significant; Hair et al. read the VAF only then.

    Returns
    -------
    str
        ``"full"`` (VAF > :data:`VAF_FULL`), ``"partial"`` (:data:`VAF_PARTIAL` ≤ VAF ≤ :data:`VAF_FULL`),
        ``"none"`` (VAF < :data:`VAF_PARTIAL`), or ``"not_interpreted"`` (VAF undefined, or the indirect
        effect not significant).

    Examples
    --------
    >>> vaf_mediation(0.85, True), vaf_mediation(0.5, True), vaf_mediation(0.1, True), vaf_mediation(0.5, False)
    ('full', 'partial', 'none', 'not_interpreted')
    """
    if value != value or not indirect_significant:
        return "not_interpreted"
    return "full" if value > VAF_FULL else "partial" if value >= VAF_PARTIAL else "none"


def vaf_note(value: float, indirect_significant: bool, reading: str, mediation: str, has_direct: bool = True) -> str:
    """Why a row's VAF reading is missing or differs from the typology's partial / full / none.

    Parameters
    ----------
    value : float
        :func:`vaf`.
    indirect_significant : bool
    reading : str
        :func:`vaf_mediation`.
    mediation : str
        The typology's ``"partial"``, ``"full"`` or ``"none"`` (:data:`MEDIATION`).
    has_direct : bool
        Whether the model has the direct path (without one there is no VAF, significant or not).

    Returns
    -------
    str
        ``"no_direct_path"`` (the typology's ``"not_assessed"``: the model has no direct path, no VAF),
        ``"undefined"`` (VAF NaN: opposite signs or a zero total effect), ``"not_significant"`` (the
        indirect effect is not significant: no mediation, VAF not read), ``"differs"`` (the VAF reading is
        not the type's; the type decides) or ``""`` (the two agree).

    Examples
    --------
    >>> vaf_note(0.18, True, "none", "partial"), vaf_note(0.5, True, "partial", "partial")
    ('differs', '')
    """
    if mediation == "not_assessed" or not has_direct:
        return "no_direct_path"
    if value != value:
        return "undefined"
    if not indirect_significant:
        return "not_significant"
    return "" if reading == mediation else "differs"


def mediation_routes(frame, roles):
    """The rows of ``frame`` whose specific indirect effect is a mediation route, and the paths of the others.

    A route that starts at an interaction term (a moderated effect: its moderated mediation is
    ``results/moderation/moderated_mediation.csv``) or at a control variable, or that runs through a
    higher-order construct's path to its own dimension (measurement, Sarstedt et al. 2019), is no
    mediation route (:func:`plssem_pipeline.study.is_mediation_route`).

    Parameters
    ----------
    frame : DataFrame
        A table with a ``path`` column of routes ``"A -> M -> B"`` (``results/bootstrap/specific_indirect.csv``,
        ``moderated_mediation.csv``).
    roles : mapping
        :func:`plssem_pipeline.study.roles` of the study.

    Returns
    -------
    kept : DataFrame
        The mediation routes' rows, in order, index reset.
    left_out : list of str
        The other rows' paths, in order.
    """
    from ..study import is_mediation_route
    from ..study.hypotheses import split_path

    keep = [bool(is_mediation_route(split_path(path), roles)) for path in frame["path"]]
    return frame.loc[keep].reset_index(drop=True), [path for path, k in zip(frame["path"], keep) if not k]


def _judge(record, test, *, alpha: float, significance: str) -> bool:
    """Significance of a bootstrap row, or of the hypothesis ``test`` on the same effect when there is one."""
    if test is None:
        return is_significant(record.p, record.ci_low, record.ci_high, alpha=alpha, method=significance)
    return is_significant(test.p, test.ci_low, test.ci_high, alpha=alpha, method=significance, sign=test.sign,
                          tails=int(test.tails))


def mediation_table(specific, paths, total_effects, total_indirect, *, alpha: float = 0.05,
                    significance: str = "confidence_interval", hypotheses=None):
    """The mediation table: every specific indirect effect with its type.

    Parameters
    ----------
    specific : DataFrame
        ``results/bootstrap/specific_indirect.csv`` (path, source, target, original, mean, sd, t, p, ci_low,
        ci_high, n_valid).
    paths, total_effects, total_indirect : DataFrame
        ``results/bootstrap/paths.csv``, ``total_effects.csv``, ``total_indirect.csv``.
    alpha : float
    significance : {"confidence_interval", "p_value"}
        ``mediation.significance``: the interval excludes zero (default), or ``p < alpha``; the same rule for
        the indirect and the direct effect.
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
        total, total_indirect = totals[(r.source, r.target)].original, indirect_totals[(r.source, r.target)].original
        share = vaf(total_indirect, d.original if d is not None else None, total)
        reading = vaf_mediation(share, sig)
        rows.append({
            "path": r.path, "source": r.source, "target": r.target, "original": r.original, "mean": r.mean,
            "sd": r.sd, "t": r.t, "p": r.p, "ci_low": r.ci_low, "ci_high": r.ci_high, "n_valid": r.n_valid,
            "significant": sig,
            **{key: getattr(d, column) if d is not None else float("nan") for key, column in
               (("direct", "original"), ("direct_p", "p"), ("direct_ci_low", "ci_low"),
                ("direct_ci_high", "ci_high"))},
            "direct_significant": d_sig,
            "total_indirect": total_indirect, "total_effect": total, "vaf": share, "vaf_mediation": reading,
            "vaf_note": vaf_note(share, sig, reading, MEDIATION[kind], has_direct=d is not None),
            "mediation_type": kind, "mediation": MEDIATION[kind],
            "hypothesis": test.hypothesis if test is not None else "",
            "direct_hypothesis": d_test.hypothesis if d_test is not None and d is not None else "",
        })
    return pd.DataFrame(rows, columns=INDIRECT_COLUMNS)
