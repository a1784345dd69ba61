"""Moderation results: the interaction terms, their simple slopes and the moderated mediation.

For an interaction term ``X x W -> Y`` the structural equation of ``Y`` holds
``b1·X + b2·W + b3·(X·W)`` (standardised construct scores X, W; Hair et al. 2022,
ch. 7), where ``b3`` is the *raw coefficient*: the term's path per unit of the
product ``X·W`` (:mod:`plssem.specification`: the path itself when the term is kept at
the product's variance, seminr's convention, or the standardised path divided by the
term's SD, the default). The effect of X on Y at ``W = w`` (in SDs of W) is the
*simple slope* ``b1 + b3·w`` (Aiken & West 1991); for a quadratic term ``X x X`` the
effect of X at ``X = x`` is the derivative of ``b1·x + b3·x²``, ``b1 + 2·b3·x``.

* ``results/moderation/interactions.csv`` (:func:`interactions_table`): one row per
  interaction path, its coefficient and bootstrap test (``results/bootstrap/paths.csv``),
  its raw coefficient and the term's SD, f² (``results/inner/f2.csv``) and the
  Johnson–Neyman region: the moderator values where the simple slope's interval excludes
  zero, the roots of ``(b1 + b3·w)² = c²·Var(b1 + b3·w)`` (Johnson & Neyman 1936; Hayes
  2022, ch. 7) with the bootstrap covariance of ``(b1, b3)`` and the critical value ``c`` of
  the bootstrap p values (Student t with ``B' - 1`` degrees of freedom at ``bootstrap.alpha``,
  :func:`plssem.inference.summarize`), and the range of the moderator's standardised scores;
* ``simple_slopes.csv`` (:func:`simple_slopes_table`): the simple slopes at the moderator's
  -1 SD, mean and +1 SD with their bootstrap tests (``results/bootstrap/moderation.csv``),
  and the three coefficients that draw them;
* ``moderated_mediation.csv`` (:func:`moderated_mediation_table`): Hayes's (2015) index of
  moderated mediation and the conditional indirect effects of every mediated route with a
  moderated path (``results/bootstrap/moderated_mediation.csv``), each judged by the rule
  of the mediation analysis (``mediation.significance``, by default the bootstrap interval
  excluding zero; :func:`plssem_pipeline.analysis.decision.is_significant`).

References
----------
Aiken, L. S., & West, S. G. (1991). *Multiple regression: Testing and interpreting interactions*. Sage.
Hayes, A. F. (2015). An index and test of linear moderated mediation. *Multivariate Behavioral Research*,
50(1), 1-22.
Hayes, A. F. (2022). *Introduction to mediation, moderation, and conditional process analysis* (3rd ed.).
Guilford.
Johnson, P. O., & Neyman, J. (1936). Tests of certain linear hypotheses and their application to some
educational problems. *Statistical Research Memoirs*, 1, 57-93.
"""
from __future__ import annotations

from .decision import is_significant

__all__ = ["INTERACTION_COLUMNS", "SLOPE_COLUMNS", "MODERATED_MEDIATION_COLUMNS", "critical_value",
           "interactions_table", "simple_slopes_table", "moderated_mediation_table"]

#: Columns of ``results/moderation/interactions.csv``.
INTERACTION_COLUMNS = ["term", "iv", "moderator", "target", "method", "standardize_term", "coefficient",
                       "raw_coefficient", "term_sd", "f2", "t", "p", "ci_low", "ci_high", "jn_lower", "jn_upper",
                       "jn_region", "moderator_min", "moderator_max"]
#: Columns of ``results/moderation/simple_slopes.csv``.
SLOPE_COLUMNS = ["term", "iv", "moderator", "target", "level", "conditional_effect", "sd", "t", "p", "ci_low",
                 "ci_high", "iv_effect", "moderator_effect", "raw_coefficient"]
#: Columns of ``results/moderation/moderated_mediation.csv``.
MODERATED_MEDIATION_COLUMNS = ["path", "term", "moderator", "statistic", "level", "original", "sd", "t", "p",
                               "ci_low", "ci_high", "decision"]


def critical_value(n_valid: int, alpha: float) -> float:
    """The two-tailed critical value of the bootstrap tests: ``t_{1 - alpha/2}`` with ``n_valid - 1`` d.f.

    The reference distribution of :func:`plssem.inference.summarize`'s p values, so that the
    Johnson–Neyman bounds are where the simple slope's p crosses ``alpha``.

    Examples
    --------
    >>> round(critical_value(5001, 0.05), 4)
    1.9604
    """
    from scipy import stats

    return float(stats.t.isf(alpha / 2, df=max(int(n_valid) - 1, 1)))


def _position(frame, **match) -> int:
    """The position of ``frame``'s one row whose columns equal ``match`` (the draws' columns follow the rows)."""
    import numpy as np

    mask = np.ones(len(frame), dtype=bool)
    for column, value in match.items():
        mask &= frame[column].astype(str).to_numpy() == str(value)
    found = np.flatnonzero(mask)
    if found.size != 1:
        raise ValueError(f"expected one row with {match}, found {found.size}")
    return int(found[0])


def interactions_table(model, boot_paths, boot_moderation, f2, draws, scores, term_sd, *, alpha: float):
    """``results/moderation/interactions.csv``: one row per path of an interaction term, in model order.

    Parameters
    ----------
    model : plssem.Model
        The final model (``model.interactions``, ``model.paths``).
    boot_paths, boot_moderation : DataFrame
        ``results/bootstrap/paths.csv`` and ``moderation.csv``; their rows are the columns of ``draws``.
    f2 : DataFrame
        ``results/inner/f2.csv`` (source, target, f2).
    draws : mapping
        ``results/bootstrap/draws.npz`` (:func:`plssem_pipeline.io.load_merged_draws`): ``paths`` and
        ``moderation`` arrays, shape ``(B, rows)``, NaN rows for failed subsamples.
    scores : DataFrame
        The final model's standardised construct scores (``PLSResult.scores``), for the moderator's range.
    term_sd : pandas.Series
        Each term's unstandardised SD (``PLSResult.term_sd``).
    alpha : float
        ``bootstrap.alpha``.

    Returns
    -------
    DataFrame
        Columns :data:`INTERACTION_COLUMNS`: ``coefficient`` the path as reported
        (``results/inner/paths.csv``), ``t``, ``p``, ``ci_low``, ``ci_high`` its bootstrap test;
        ``jn_lower``, ``jn_upper``, ``jn_region`` from :func:`plssem.moderation.johnson_neyman`
        (moderator values in SDs; empty bound where the region is unbounded on that side).
    """
    import numpy as np
    import pandas as pd
    from plssem.moderation import johnson_neyman

    terms = {t.name: t for t in model.interactions}
    f2_of = {(r.source, r.target): r.f2 for r in f2.itertuples(index=False)}
    rows = []
    for source, target in model.paths:
        if source not in terms:
            continue
        term = terms[source]
        path = boot_paths.iloc[_position(boot_paths, source=source, target=target)]
        raw_at = _position(boot_moderation, term=source, target=target, statistic="raw_coefficient")
        iv_at = _position(boot_paths, source=term.iv, target=target)
        factor = term.slope_factor
        pair = np.column_stack([draws["paths"][:, iv_at], factor * draws["moderation"][:, raw_at]])
        usable = pair[np.isfinite(pair).all(axis=1)]
        raw = float(boot_moderation["original"].iloc[raw_at])
        lower, upper, region = johnson_neyman(float(boot_paths["original"].iloc[iv_at]), factor * raw,
                                              np.cov(usable, rowvar=False, ddof=1),
                                              critical_value(len(usable), alpha))
        moderator = scores[term.moderator]
        rows.append({
            "term": source, "iv": term.iv, "moderator": term.moderator, "target": target, "method": term.method,
            "standardize_term": bool(term.standardize), "coefficient": path["original"], "raw_coefficient": raw,
            "term_sd": float(term_sd[source]), "f2": f2_of[(source, target)], "t": path["t"], "p": path["p"],
            "ci_low": path["ci_low"], "ci_high": path["ci_high"], "jn_lower": lower, "jn_upper": upper,
            "jn_region": region, "moderator_min": float(moderator.min()), "moderator_max": float(moderator.max()),
        })
    return pd.DataFrame(rows, columns=INTERACTION_COLUMNS)


def simple_slopes_table(model, boot_paths, boot_moderation):
    """``results/moderation/simple_slopes.csv``: the simple slopes of every interaction path.

    Parameters
    ----------
    model : plssem.Model
    boot_paths, boot_moderation : DataFrame
        ``results/bootstrap/paths.csv`` and ``moderation.csv``.

    Returns
    -------
    DataFrame
        Columns :data:`SLOPE_COLUMNS`, the ``conditional_effect`` rows of ``moderation.csv`` in their order
        (levels ``-1``, ``0``, ``+1``: the moderator at -1 SD, its mean, +1 SD); ``conditional_effect``, ``sd``,
        ``t``, ``p``, ``ci_low``, ``ci_high`` their bootstrap summary; ``iv_effect``, ``moderator_effect`` and
        ``raw_coefficient`` draw the lines ``y = iv_effect·x + moderator_effect·w + raw_coefficient·x·w``
        (x, w in SDs). For a quadratic term ``moderator_effect`` is 0, so that with ``w = x`` the
        formula is the curve ``b1·x + b3·x²``.
    """
    import pandas as pd

    terms = {t.name: t for t in model.interactions}
    original = {(r.source, r.target): r.original for r in boot_paths.itertuples(index=False)}
    raw = {(r.term, r.target): r.original for r in boot_moderation.itertuples(index=False)
           if r.statistic == "raw_coefficient"}
    rows = []
    for r in boot_moderation.itertuples(index=False):
        if r.statistic != "conditional_effect":
            continue
        term = terms[r.term]
        rows.append({
            "term": r.term, "iv": r.iv, "moderator": r.moderator, "target": r.target, "level": r.level,
            "conditional_effect": r.original, "sd": r.sd, "t": r.t, "p": r.p, "ci_low": r.ci_low,
            "ci_high": r.ci_high, "iv_effect": original[(term.iv, r.target)],
            "moderator_effect": 0.0 if term.quadratic else original[(term.moderator, r.target)],
            "raw_coefficient": raw[(r.term, r.target)],
        })
    return pd.DataFrame(rows, columns=SLOPE_COLUMNS)


def moderated_mediation_table(boot_moderated_mediation, *, alpha: float, significance: str = "confidence_interval"):
    """``results/moderation/moderated_mediation.csv``: the index of moderated mediation and the conditional
    indirect effects, each with its decision.

    Parameters
    ----------
    boot_moderated_mediation : DataFrame
        ``results/bootstrap/moderated_mediation.csv`` (path, term, moderator, statistic, level, then the
        summary columns).
    alpha : float
        ``bootstrap.alpha``.
    significance : {"confidence_interval", "p_value"}
        ``mediation.significance``, the mediation analysis's rule.

    Returns
    -------
    DataFrame
        Columns :data:`MODERATED_MEDIATION_COLUMNS`, the rows of the input in order; ``decision``
        ``"significant"`` or ``"not_significant"`` (a significant ``index`` is moderated mediation,
        Hayes 2015).
    """
    frame = boot_moderated_mediation
    decision = ["significant" if is_significant(r.p, r.ci_low, r.ci_high, alpha=alpha, method=significance)
                else "not_significant" for r in frame.itertuples(index=False)]
    out = frame.reindex(columns=MODERATED_MEDIATION_COLUMNS[:-1]).copy()
    out["decision"] = decision
    return out[MODERATED_MEDIATION_COLUMNS]
