"""Published against reproduced: every published number beside the pipeline's.

:func:`published_vs_reproduced` sets each number of the published tables
(:mod:`plssem_pipeline.audit.published`) beside the value the pipeline computed from
the data, with the difference (reproduced − published) and the tolerance it
is judged by (``audit.tolerances`` in config.yaml):

=========================  ==========================================================
published                  reproduced (file, column) and tolerance
=========================  ==========================================================
n                          rows kept by ``clean`` (``results/clean/summary.json``); exact
respondent counts          ``results/describe/respondents.csv`` ``n``; exact
respondent percents        ``percent``; half a unit of the printed last decimal
loadings                   ``results/outer/loadings.csv``; ``loading`` (0.03)
AVE, Cronbach's α          ``results/outer/reliability.csv``; ``ave`` (0.02), ``cronbach_alpha`` (0.02)
composite reliability      the same file's ``rho_a`` or ``rho_c``: the one the consistency check
                           ``composite_reliability_variant`` decided the printed column is
                           (``variants``); ``rho_c`` when it could not decide; ``composite_reliability`` (0.02)
R², adjusted R²            ``results/inner/r2.csv``; ``r2`` (0.03), ``r2_adj`` (0.03)
path / indirect O and M    ``results/bootstrap/{paths,specific_indirect}.csv``; ``effect_sds`` × published STDEV (2)
STDEV                      ``sd``; ``sd_relative`` × published STDEV (0.5)
T statistics               \\|t\\| (SmartPLS prints \\|O/STDEV\\|); ``t`` (2.0)
P values                   ``p``; ``p`` (0.01, below ``audit.alpha``); never within when the two
                           sides of α differ (published p < α ≤ reproduced p, or the reverse)
claims (hypotheses)        1 if supported, else 0; exact: a claim on an effect that is one of
                           the study's hypotheses (``results/hypotheses/hypotheses.csv``) takes
                           that hypothesis's test (sign, tails); any other is significant by
                           ``mediation.significance`` (p < ``audit.alpha`` or the bootstrap
                           interval excludes 0); both by :mod:`plssem_pipeline.analysis.decision`
=========================  ==========================================================

A row is ``within`` when ``|difference| ≤ tolerance`` (with 1e-9 of slack for
binary floating point), and a P value's only if published and reproduced p lie
on the same side of ``audit.alpha`` (a flip of significance is a difference
whatever the tolerance); a published number with no reproduced counterpart has
an empty ``reproduced`` and is not within. A published O or M without a
published STDEV has no tolerance: its row has an empty ``tolerance`` and is not
within (``no_tolerance`` in the summary).
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

from .published import Published

__all__ = ["COLUMNS", "Tolerances", "Reproduced", "read_reproduced", "published_vs_reproduced",
           "composite_reliability_read_as", "display_row", "significance_flips"]

#: Columns of ``results/audit/published_vs_reproduced.csv``.
COLUMNS = ["table", "row", "statistic", "published", "reproduced", "difference", "tolerance", "within"]
_SLACK = 1e-9
#: The ``row`` of n, and the end of the ``row`` of a respondent block's total (``"gender (total)"``).
N_ROW, TOTAL_SUFFIX = "respondents", " (total)"
#: The ``statistic`` of a printed composite reliability ends with the coefficient it is compared with.
CR_READ_AS = "composite_reliability as "


@dataclass(frozen=True)
class Tolerances:
    """Tolerances of the comparison (``audit.tolerances``); see ``docs/pipeline.md`` for the reasons."""

    loading: float = 0.03
    ave: float = 0.02
    cronbach_alpha: float = 0.02
    composite_reliability: float = 0.02
    r2: float = 0.03
    r2_adj: float = 0.03
    effect_sds: float = 2.0
    sd_relative: float = 0.5
    t: float = 2.0
    p: float = 0.01
    count: float = 0.0

    @classmethod
    def from_config(cls, section: Mapping | None) -> "Tolerances":
        names = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in (section or {}).items() if k in names})


@dataclass
class Reproduced:
    """The pipeline's results the audit reads (pandas DataFrames indexed for lookup)."""

    n: int | None
    respondents: object  # DataFrame: variable, code, n, percent
    loadings: object     # indexed by indicator
    reliability: object  # indexed by construct
    r2: object           # indexed by construct
    paths: object        # indexed by "A -> B"
    indirect: object     # indexed by "A -> M -> B"
    hypotheses: object = None  # results/hypotheses/hypotheses.csv indexed by path, or None


def read_reproduced(*, clean_summary, respondents, loadings, reliability, r2, paths, indirect,
                    hypotheses=None) -> Reproduced:
    """Read the results files named in the module docstring (``hypotheses`` optional)."""
    from .. import io
    from ..analysis.hypotheses import read_hypotheses

    with open(clean_summary, encoding="utf-8") as handle:
        n = json.load(handle).get("details", {}).get("respondents_kept")
    resp = io.read_csv(respondents, dtype={"variable": str, "code": str}, keep_default_na=False,
                       na_values=[""])
    path_table = io.read_csv(paths)
    path_table.index = path_table["source"].astype(str) + " -> " + path_table["target"].astype(str)
    indirect_table = io.read_csv(indirect)
    indirect_table.index = [" -> ".join(p.strip() for p in str(s).split("->")) for s in indirect_table["path"]]
    return Reproduced(n=n, respondents=resp, loadings=io.read_csv(loadings).set_index("indicator"),
                      reliability=io.read_csv(reliability).set_index("construct"),
                      r2=io.read_csv(r2).set_index("construct"), paths=path_table, indirect=indirect_table,
                      hypotheses=None if hypotheses is None else read_hypotheses(hypotheses).set_index("path"))


def _get(frame, key, column):
    try:
        value = frame.loc[key, column]
    except KeyError:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def significance_flips(published: float, reproduced: float | None, alpha: float) -> bool:
    """Whether a published and a reproduced p lie on different sides of α (one significant, the other not).

    Parameters
    ----------
    published, reproduced : float
        The two p values (``reproduced`` None: not reproduced, no flip).
    alpha : float
        The significance level (``audit.alpha``); p < α is significant.

    Returns
    -------
    bool

    Examples
    --------
    >>> significance_flips(0.04, 0.06, 0.05), significance_flips(0.001, 0.037, 0.05)
    (True, False)
    """
    return reproduced is not None and (published < alpha) != (reproduced < alpha)


def _row(table, row, statistic, published, reproduced, tolerance, *, flip=False):
    difference = None if reproduced is None else reproduced - published
    within = difference is not None and abs(difference) <= tolerance + _SLACK and not flip
    return {"table": table, "row": row, "statistic": statistic, "published": float(published),
            "reproduced": reproduced, "difference": difference, "tolerance": float(tolerance), "within": within}


def published_vs_reproduced(pub: Published, rep: Reproduced, tolerances: Tolerances = Tolerances(), *,
                            alpha: float = 0.05, significance: str = "p_value", variants: Mapping | None = None):
    """Every published number beside the pipeline's, as the ``published_vs_reproduced.csv`` DataFrame.

    Rows follow the published file: n, then its tables in order; within a
    table, its items in the published order. A claim's reproduced verdict is
    :func:`plssem_pipeline.analysis.mediation.is_significant` of its bootstrap row under
    ``significance`` (``mediation.significance``) and ``alpha`` (``audit.alpha``). A P value
    is within only if both p lie on the same side of ``alpha`` (:func:`significance_flips`).

    ``variants``: construct -> ``"rho_a"`` or ``"rho_c"``, what the consistency check decided each
    printed "composite reliability" is
    (:func:`plssem_pipeline.audit.consistency.composite_reliability_variants`); its row compares the
    printed value with that reproduced coefficient only (statistic ``composite_reliability as rho_a``),
    with ``rho_c`` for a construct the check could not decide.
    """
    import pandas as pd

    tol = tolerances
    by_table: dict[str, list[dict]] = {t: [] for t in pub.table_order}
    rows_n = []
    if pub.n is not None:
        rows_n.append(_row("n", N_ROW, "n", pub.n, None if rep.n is None else float(rep.n), tol.count))
    respondents = rep.respondents
    for block in pub.respondents:
        mine = respondents[respondents["variable"] == block.variable]
        total = 0.0 if len(mine) else None
        for code, label, count, percent in block.categories:
            hit = mine[mine["code"] == code]
            got = float(hit["n"].iloc[0]) if len(hit) else None
            by_table[block.table].append(_row(block.table, f"{block.variable} = {code}", "n", count.value, got,
                                              tol.count))
            if percent is not None:
                got_pct = float(hit["percent"].iloc[0]) if len(hit) else None
                by_table[block.table].append(_row(block.table, f"{block.variable} = {code}", "percent",
                                                  percent.value, got_pct, percent.half))
        if block.total is not None:
            got_total = float(mine["n"].sum()) if len(mine) else None  # all respondents, a (missing) row included
            by_table[block.table].append(_row(block.table, f"{block.variable}{TOTAL_SUFFIX}", "n", block.total.value,
                                              got_total, tol.count))
    for indicator, (table, printed) in pub.loadings.items():
        by_table[table].append(_row(table, indicator, "loading", printed.value,
                                    _get(rep.loadings, indicator, "loading"), tol.loading))
    reliability = {"ave": [("ave", "ave", tol.ave)],
                   "cronbach_alpha": [("cronbach_alpha", "cronbach_alpha", tol.cronbach_alpha)],
                   "composite_reliability": [],
                   "rho_a": [("rho_a", "rho_a", tol.composite_reliability)],
                   "rho_c": [("rho_c", "rho_c", tol.composite_reliability)]}
    for statistic, targets in reliability.items():
        for construct, (table, printed) in pub.stat(statistic).items():
            if statistic == "composite_reliability":
                column = (variants or {}).get(construct, "rho_c")
                targets = [(f"{CR_READ_AS}{column}", column, tol.composite_reliability)]
            for name, column, tolerance in targets:
                by_table[table].append(_row(table, construct, name, printed.value,
                                            _get(rep.reliability, construct, column), tolerance))
    for statistic, tolerance in (("r2", tol.r2), ("r2_adj", tol.r2_adj)):
        for construct, (table, printed) in pub.stat(statistic).items():
            by_table[table].append(_row(table, construct, statistic, printed.value,
                                        _get(rep.r2, construct, statistic), tolerance))
    for rows, frame in ((pub.effects, rep.paths), (pub.indirect, rep.indirect)):
        for nodes, effect in rows.items():
            label = " -> ".join(nodes)
            sd = effect.values.get("sd")
            for statistic in ("original", "mean", "sd", "t", "p"):
                printed = effect.values.get(statistic)
                if printed is None:
                    continue
                got = _get(frame, label, statistic)
                if statistic in ("original", "mean"):
                    # no published SD, no tolerance: the row is still written (tolerance NaN, within False)
                    # and listed under `no_tolerance` in summary.json, never dropped
                    tolerance = math.nan if sd is None else tol.effect_sds * sd.value
                elif statistic == "sd":
                    tolerance = tol.sd_relative * sd.value
                elif statistic == "t":
                    tolerance = tol.t
                    got = None if got is None else abs(got)
                else:
                    tolerance = tol.p
                by_table[effect.table].append(_row(
                    effect.table, label, statistic, printed.value, got, tolerance,
                    flip=statistic == "p" and significance_flips(printed.value, got, alpha)))
    for claim in pub.claims:
        reproduced = _claim_verdict(rep, claim.path, len(claim.nodes), alpha=alpha, significance=significance)
        by_table[claim.table].append(_row(claim.table, f"{claim.id} ({claim.path})", "supported",
                                          float(claim.supported), reproduced, 0.0))
    rows = rows_n + [r for table in pub.table_order for r in by_table[table]]
    return pd.DataFrame(rows, columns=COLUMNS)


def display_row(row: str, words) -> str:
    """A ``row`` of the comparison as the report shows it: its word ids in the report's language.

    Parameters
    ----------
    row : str
        The CSV's ``row`` (an indicator, a construct, a path, ``"respondents"``, ``"gender (total)"``).
    words : plssem_pipeline.audit.catalogue.AuditCatalogue
        The language.

    Returns
    -------
    str
        ``"respondents"`` and the ``" (total)"`` of a block's total translated; names from the study unchanged.
    """
    if row == N_ROW:
        return words("comparison_respondents")
    if row.endswith(TOTAL_SUFFIX):
        return words("comparison_total", variable=row[:-len(TOTAL_SUFFIX)])
    return row


def _claim_verdict(rep: Reproduced, path: str, nodes: int, *, alpha: float, significance: str) -> float | None:
    """1.0 / 0.0: the claim's effect supported, by its hypothesis's test when it is one; None if not estimated."""
    from ..analysis.decision import is_supported

    test = {}
    if rep.hypotheses is not None and path in rep.hypotheses.index:
        frame, row = rep.hypotheses, rep.hypotheses.loc[path]
        test = {"sign": row["sign"], "tails": int(row["tails"])}
    else:
        frame = rep.paths if nodes == 2 else rep.indirect
    p, low, high, estimate = (_get(frame, path, column) for column in ("p", "ci_low", "ci_high", "original"))
    if p is None if significance == "p_value" else (low is None or high is None):
        return None
    return float(is_supported(estimate, p, low, high, alpha=alpha, method=significance, **test))


def composite_reliability_read_as(table) -> dict:
    """Which reproduced coefficient each printed composite reliability was compared with, per construct and overall.

    Parameters
    ----------
    table : pandas.DataFrame
        ``published_vs_reproduced.csv``.

    Returns
    -------
    dict
        ``by_construct``: construct -> ``"rho_a"`` or ``"rho_c"`` (the statistic ``composite_reliability as
        rho_a``); ``overall``: that value when every construct has it, ``"mixed"``, or None without one.
    """
    rows = table[table["statistic"].astype(str).str.startswith(CR_READ_AS)]
    out = {str(r["row"]): str(r["statistic"])[len(CR_READ_AS):] for _, r in rows.iterrows()}
    values = set(out.values())
    overall = values.pop() if len(values) == 1 else ("mixed" if values else None)
    return {"by_construct": out, "overall": overall}


def empty_table():
    """``published_vs_reproduced.csv`` with its header only (no published tables configured)."""
    import pandas as pd

    return pd.DataFrame(columns=COLUMNS)


def audit_details(pub: Published, table, checks, skipped) -> dict:
    """The ``details`` of ``results/audit/summary.json``: counts, what is outside tolerance, failed checks."""
    def label(r):
        return f"{r['table']} / {r['row']} / {r['statistic']}"

    reproduced = table["reproduced"].notna()
    judged = table["tolerance"].notna()
    outside = table[reproduced & judged & ~table["within"].astype(bool)]
    verdicts = checks["verdict"].value_counts()
    return {
        "citation": pub.citation,
        "published_vs_reproduced": {
            "rows": int(len(table)), "within": int(table["within"].astype(bool).sum()),
            "outside": [label(r) for _, r in outside.iterrows()],
            "not_reproduced": [label(r) for _, r in table[~reproduced].iterrows()],
            "no_tolerance": [label(r) for _, r in table[~judged].iterrows()],
            "composite_reliability_read_as": composite_reliability_read_as(table),
        },
        "consistency": {
            "checks": int(len(checks)),
            "verdicts": {v: int(verdicts.get(v, 0)) for v in ("fail", "warn", "pass")},
            "by_check": {name: {v: int(n) for v, n in group["verdict"].value_counts().items()}
                         for name, group in checks.groupby("check", sort=False)},
            "skipped": [{"check": c, "item": i, "reason": why} for c, i, why in skipped],
        },
        "failures": [f"{r['check']} / {r['table']} / {r['item']}" for _, r in
                     checks[checks["verdict"] == "fail"].iterrows()],
    }
