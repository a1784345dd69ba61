"""The text against the tables: statistics quoted in the prose, inequalities and variance explained.

The prose is the published file's ``prose:`` section (:mod:`plssem_pipeline.audit.published_prose`,
written by the paper extractor) and the claims' ``prose_values``.

``prose_vs_table``
    A p, t or β the text quotes for a path or indirect effect (or an R² for a construct) against the
    same statistic in the table: printed with the same decimals, a quote of the table prints the same
    digits (0,001 is not 0.000, although their rounding intervals touch); with other decimals, the two
    rounding intervals must overlap; a bound ("p < 0.001") holds when some value in the printed
    rounding interval satisfies it. One row per distinct quoted value, with every
    place the text quotes it (a value quoted twice is one finding); two values swapped between two
    rows of one table (each quote is the other row's value) are one finding, one row naming both.
``inequality_verdict``
    An inequality the text writes ("( 0,000 > 0,05 )") must be true for its own numbers, and the
    verdict of its sentence must be what it says: p < α significant/supported, p > α not (for t,
    the other way round). statcheck's "decision error" (Nuijten et al. 2016), read from the words. A p
    written below a threshold above α (the level the paper states, else ``audit.alpha``; "p = 0.071 <
    0.10" at α = 0.05) means significant only when p < α.
``variance_explained``
    A percentage of a construct's variance the text says is explained equals 100·R² of that
    construct (Hair et al. 2022, ch. 6), and the residual it gives equals 100 − 100·R², each within
    the rounding of both printed numbers.
"""
from __future__ import annotations

from ..published import Published
from .bootstrap import paper_alpha
from .rounding import EPS, overlaps
from .rows import Check, ConsistencyOptions, table_location

__all__ = ["check_prose_vs_table", "check_inequalities", "check_variance_explained", "quoted_places"]

_COLUMN = {"p": "p", "t": "t", "beta": "original"}


def quoted_places(locations) -> str:
    """The distinct places, in order, joined by ``"; "``."""
    return "; ".join(dict.fromkeys(loc for loc in locations if loc))


def _row(pub: Published, nodes):
    return (pub.effects if len(nodes) == 2 else pub.indirect).get(tuple(nodes))


def check_prose_vs_table(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each value the text quotes (statements and claims' ``prose_values``) against its table.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`).

    Returns
    -------
    list of Check
        One ``prose_vs_table`` row per distinct (path, statistic, quoted value), or per pair of swapped
        values (item ``"A -> B / C -> D: p"``); ``published`` = table, ``recomputed`` = prose.
    """
    w = options.words
    groups: dict[tuple, dict] = {}
    statements = pub.prose.statements if pub.prose else []
    for s in statements:
        if s.nodes is None:
            continue
        if s.statistic in ("r2", "r2_adj"):
            found = pub.stat(s.statistic).get(s.nodes[0])
            printed, table = (found[1], found[0]) if found else (None, None)
        else:
            row = _row(pub, s.nodes) if s.statistic in _COLUMN else None
            printed = row.values.get(_COLUMN[s.statistic]) if row else None
            table = row.table if row else None
        if printed is None:
            options.skipped.append(("prose_vs_table", f"{s.path}: {s.statistic}", "the tables do not print it"))
            continue
        bound = s.relation if s.threshold is None and s.relation in ("<", ">") else None
        key = (s.nodes, s.statistic, s.value, bound)
        group = groups.setdefault(key, {"item": f"{s.path}: {s.statistic}", "table": table, "printed": printed,
                                        "quoted": s.value, "bound": bound, "places": [], "path": s.path,
                                        "statistic": s.statistic})
        group["places"].append(s.location)
    covered = {(s.nodes, _COLUMN.get(s.statistic, s.statistic), s.value.value) for s in statements if s.nodes}
    for claim in pub.claims:
        row = _row(pub, claim.nodes)
        for statistic, quoted in claim.prose_values.items():
            if row is None or statistic not in row.values or (claim.nodes, statistic, quoted.value) in covered:
                continue
            groups[(claim.id, statistic)] = {"item": f"{claim.id} ({claim.path}): {statistic}", "table": row.table,
                                            "printed": row.values[statistic], "quoted": quoted, "bound": None,
                                            "places": [], "path": claim.path, "statistic": statistic}
    failing = {key: g for key, g in groups.items() if not _agrees(g, g["quoted"], w)}
    swaps = _swaps(failing, w)
    rows = []
    for key, g in groups.items():
        if key in swaps:
            if swaps[key] is not None:
                rows.append(_swap_row(pub, g, groups[swaps[key]], w))
            continue
        printed, quoted = g["printed"], g["quoted"]
        text = w("prose_bound" if g["bound"] else "prose", statistic=g["statistic"], quoted=w.text(quoted),
                 path=g["path"], table=g["table"], printed=w.text(printed), relation=g["bound"] or "=")
        if not g["bound"] and quoted.decimals == printed.decimals:
            text += " " + w("prose_same_decimals", decimals=printed.decimals)
        ok = key not in failing
        rows.append(Check("prose_vs_table", g["table"], g["item"], printed.value, quoted.value,
                          "pass" if ok else "fail", text + ": " + w("prose_same" if ok else "prose_differs"),
                          quoted_places([table_location(pub, g["table"]), *g["places"]])))
    return rows


def _agrees(g: dict, quoted, w) -> bool:
    """Whether ``quoted`` is a quote of the table's value of group ``g`` (see the module docstring)."""
    printed = g["printed"]
    if g["bound"] == "<":
        return printed.low < quoted.value - EPS
    if g["bound"] == ">":
        return printed.high > quoted.value + EPS
    if quoted.decimals == printed.decimals:
        return w.text(quoted) == w.text(printed)
    return quoted.low < printed.high - EPS and quoted.high > printed.low + EPS


def _swaps(failing: dict, w) -> dict:
    """Pairs of failing quotes of one statistic in one table whose values are each other's table values:
    ``{first key: second key, second key: None}`` (each pair met once, in the text's order)."""
    out: dict = {}
    keys = list(failing)
    for i, k1 in enumerate(keys):
        g1 = failing[k1]
        if k1 in out or g1["bound"]:
            continue
        for k2 in keys[i + 1:]:
            g2 = failing[k2]
            if (k2 not in out and not g2["bound"] and g2["path"] != g1["path"] and g2["table"] == g1["table"]
                    and g2["statistic"] == g1["statistic"] and _agrees(g2, g1["quoted"], w)
                    and _agrees(g1, g2["quoted"], w)):
                out[k1], out[k2] = k2, None
                break
    return out


def _swap_row(pub: Published, g1: dict, g2: dict, w) -> Check:
    """One row for two values swapped between two rows of one table (published = the table's value for the
    first path, recomputed = the text's)."""
    text = w("prose_swapped", statistic=g1["statistic"], path1=g1["path"], quoted1=w.text(g1["quoted"]),
             path2=g2["path"], quoted2=w.text(g2["quoted"]), table=g1["table"], printed1=w.text(g1["printed"]),
             printed2=w.text(g2["printed"]))
    return Check("prose_vs_table", g1["table"], f"{g1['path']} / {g2['path']}: {g1['statistic']}",
                 g1["printed"].value, g1["quoted"].value, "fail", text,
                 quoted_places([table_location(pub, g1["table"]), *g1["places"], *g2["places"]]))


def _holds(value, relation: str, threshold) -> tuple[bool, bool]:
    """``(true at the printed value, true for some value in its rounding interval)``."""
    if relation == "<":
        return value.value < threshold.value, value.low < threshold.value
    return value.value > threshold.value, value.high > threshold.value


def check_inequalities(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each inequality the text writes between a p (or t) and its threshold, and the verdict beside it.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`).

    Returns
    -------
    list of Check
        One ``inequality_verdict`` row per inequality (``published`` = the quoted value, ``recomputed`` = the
        threshold); ``fail`` if it is false for its own numbers or the verdict says the opposite; ``warn``
        if it is false at the printed value but true within its rounding (p printed 0.050 written "< 0.05").
    """
    w = options.words
    rows = []
    alpha, source = paper_alpha(pub, options)
    for s in (pub.prose.statements if pub.prose else []):
        if s.threshold is None or s.relation not in ("<", ">") or s.statistic not in ("p", "t"):
            continue
        true, possible = _holds(s.value, s.relation, s.threshold)
        significant = (s.relation == "<") == (s.statistic == "p")
        above_alpha = s.statistic == "p" and s.relation == "<" and s.threshold.value > alpha + EPS
        if above_alpha:   # "p = 0.071 < 0.10" says nothing of significance at alpha = 0.05
            significant = s.value.value < alpha
        says = "supported" if significant else "rejected"
        parts = [w("inequality", statistic=s.statistic, value=w.text(s.value), relation=s.relation,
                   threshold=w.text(s.threshold), path=s.path or w("inequality_no_path"))]
        parts.append(w("inequality_true" if true else "inequality_rounding" if possible else "inequality_false",
                       value=w.text(s.value), relation=s.relation, threshold=w.text(s.threshold)))
        if above_alpha:
            parts.append(w("inequality_alpha", alpha=w.num(alpha, "g") + (f" ({source})" if source else ""),
                           threshold=w.text(s.threshold)))
        contradicts = s.verdict is not None and s.verdict != says
        if s.verdict is not None:
            parts.append(w("inequality_contradicts" if contradicts else "inequality_agrees",
                           meaning=w(f"meaning_{says}"), verdict=w(f"verdict_word_{s.verdict}")))
        rows.append(Check("inequality_verdict", s.table or "prose", f"{s.path or '?'}: {s.statistic} "
                          f"{s.value.text} {s.relation} {s.threshold.text}", s.value.value, s.threshold.value,
                          "fail" if contradicts or not possible else "pass" if true else "warn", "; ".join(parts),
                          s.location))
    return rows


def check_variance_explained(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each percentage of variance explained (and its residual) against 100·R² of its construct (100·R²adj
    when the text ties the percentage to the adjusted R²).

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``r2``.

    Returns
    -------
    list of Check
        One ``variance_explained`` row per percentage quoted (``published`` = the text's percent,
        ``recomputed`` = 100·R²).
    """
    w = options.words
    rows = []
    for v in (pub.prose.variance if pub.prose else []):
        found = pub.stat(v.statistic).get(v.construct)
        if found is None:
            options.skipped.append(("variance_explained", v.construct,
                                    f"no published {v.statistic} for this construct"))
            continue
        table, r2 = found
        low, high = 100 * r2.low, 100 * r2.high
        ok = overlaps(low, high, v.percent)
        parts = [w("variance_adjusted" if v.statistic == "r2_adj" else "variance", percent=w.text(v.percent),
                   construct=v.construct, r2=w.text(r2), table=table, value=w.num(100 * r2.value, 1),
                   interval=w.interval(low, high, 2)),
                 w("variance_same" if ok else "variance_differs")]
        if v.residual is not None:
            ok_residual = overlaps(100 - high, 100 - low, v.residual)
            ok = ok and ok_residual
            parts.append(w("variance_residual", residual=w.text(v.residual), value=w.num(100 - 100 * r2.value, 1))
                         + ": " + w("variance_same" if ok_residual else "variance_differs"))
        rows.append(Check("variance_explained", table, v.construct, v.percent.value, 100 * r2.value,
                          "pass" if ok else "fail", "; ".join(parts),
                          quoted_places([table_location(pub, table), v.location])))
    return rows
