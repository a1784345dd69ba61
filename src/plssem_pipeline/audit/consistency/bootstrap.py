"""Bootstrap statistics: each printed t and p from the other printed columns of its row.

Every path row and every specific-indirect-effect row of the published tables
(SmartPLS's columns O, M, STDEV, T, P). Sources as in ``docs/pipeline.md``,
section "Audit".

``t_equals_o_over_sd``
    t = |O| / STDEV (SmartPLS's "T statistics (|O/STDEV|)").
``p_from_t``
    Two-tailed p from the printed t, under two references: Student t with
    B − 1 degrees of freedom, p = 2·P(T > |t|) (the engine's reference,
    :mod:`plssem.inference`; B from the published file, else
    ``audit.published_bootstrap_samples``, SmartPLS's default 5000), and the
    normal, p = 2·(1 − Φ(|t|)). ``pass`` if both meet the printed p within
    rounding, ``warn`` if only one does, ``fail`` if neither.
"""
from __future__ import annotations

from ..published import Published
from .rounding import overlaps, rounding_check
from .rows import Check, ConsistencyOptions, effect_label


def _effect_rows(pub: Published, columns: set[str]):
    """The path rows, then the indirect-effect rows, that print every one of ``columns``."""
    return [row for row in [*pub.effects.values(), *pub.indirect.values()] if columns <= set(row.values)]


def check_t_statistics(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed t against |O| / STDEV of its row.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``original``, ``sd`` and ``t`` of
        the path and indirect-effect rows.

    Returns
    -------
    list of Check
        One ``t_equals_o_over_sd`` row per path or indirect-effect row printing all three.
    """
    rows = []
    w = options.words
    for row in _effect_rows(pub, {"original", "sd", "t"}):
        v = row.values
        rows.append(rounding_check(
            "t_equals_o_over_sd", row.table, effect_label(row), v["t"], lambda x: abs(x[0]) / x[1],
            [v["original"], v["sd"]], what="|O|/STDEV", words=w,
            arithmetic=lambda value: w("t_statistic", original=w.text(v["original"]), sd=w.text(v["sd"]),
                                       value=w.num(value, 3))))
    return rows


def _p_values(t: float, df: int) -> tuple[float, float]:
    from scipy import stats

    return 2 * float(stats.norm.sf(abs(t))), 2 * float(stats.t.sf(abs(t), df))


def check_p_values(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed p against the two-tailed p of its row's printed t (Student t and normal).

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``t`` and ``p`` of the path and
        indirect-effect rows and ``bootstrap_samples``, else ``options.bootstrap_samples``.

    Returns
    -------
    list of Check
        One ``p_from_t`` row per path or indirect-effect row printing both (``recomputed``: the
        Student t p value).
    """
    rows = []
    w = options.words
    b = pub.bootstrap_samples or options.bootstrap_samples
    source = w("p_source_file" if pub.bootstrap_samples else "p_source_assumed")
    for row in _effect_rows(pub, {"t", "p"}):
        t, p = row.values["t"], row.values["p"]
        point = _p_values(t.value, b - 1)  # (normal, Student t)
        # p decreases in |t|: the high end of t gives the low end of p
        n_low, n_high = _p_values(t.high, b - 1)[0], _p_values(max(t.low, 0.0), b - 1)[0]
        t_low, t_high = _p_values(t.high, b - 1)[1], _p_values(max(t.low, 0.0), b - 1)[1]
        ok_normal, ok_t = overlaps(n_low, n_high, p), overlaps(t_low, t_high, p)
        verdict = "pass" if ok_normal and ok_t else ("warn" if ok_normal or ok_t else "fail")
        outcome = ("p_both" if ok_normal and ok_t else "p_normal_only" if ok_normal else "p_t_only" if ok_t
                   else "p_neither")
        rows.append(Check(
            "p_from_t", row.table, effect_label(row), p.value, point[1], verdict,
            w("p_value", t=w.printed(t), df=w.count(b - 1), b=w.count(b), source=source, p_t=w.num(point[1], ".3g"),
              t_interval=w.interval(t_low, t_high, ".3g"), p_normal=w.num(point[0], ".3g"),
              normal_interval=w.interval(n_low, n_high, ".3g"), p=w.printed(p, probability=True),
              outcome=w(outcome))))
    return rows
