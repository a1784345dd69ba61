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
from .rows import Check, ConsistencyOptions, effect_label, fmt, printed_text


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
    for row in _effect_rows(pub, {"original", "sd", "t"}):
        v = row.values
        rows.append(rounding_check(
            "t_equals_o_over_sd", row.table, effect_label(row), v["t"], lambda x: abs(x[0]) / x[1],
            [v["original"], v["sd"]], what="|O|/STDEV",
            arithmetic=lambda value: f"|O| / STDEV = {v['original'].text} / {v['sd'].text} = {fmt(value, 3)}; "))
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
    b = pub.bootstrap_samples or options.bootstrap_samples
    source = "the published file's bootstrap_samples" if pub.bootstrap_samples else "assumed (audit.published_bootstrap_samples; the paper does not say)"
    for row in _effect_rows(pub, {"t", "p"}):
        t, p = row.values["t"], row.values["p"]
        point = _p_values(t.value, b - 1)  # (normal, Student t)
        # p decreases in |t|: the high end of t gives the low end of p
        n_low, n_high = _p_values(t.high, b - 1)[0], _p_values(max(t.low, 0.0), b - 1)[0]
        t_low, t_high = _p_values(t.high, b - 1)[1], _p_values(max(t.low, 0.0), b - 1)[1]
        ok_normal, ok_t = overlaps(n_low, n_high, p), overlaps(t_low, t_high, p)
        verdict = "pass" if ok_normal and ok_t else ("warn" if ok_normal or ok_t else "fail")
        rows.append(Check(
            "p_from_t", row.table, effect_label(row), p.value, point[1], verdict,
            f"two-tailed p for printed t = {printed_text(t)}: Student t with B − 1 = {b - 1} df (B = {b}: {source}) "
            f"p = 2·P(T > |t|) = {point[1]:.3g} (over the t interval [{t_low:.3g}, {t_high:.3g}]); normal "
            f"p = 2·(1 − Φ(|t|)) = {point[0]:.3g} ([{n_low:.3g}, {n_high:.3g}]); printed p = "
            f"{printed_text(p, probability=True)}: " + ("both references agree with it" if ok_normal and ok_t else
                                      "only the normal reference agrees" if ok_normal else
                                      "only the t reference agrees" if ok_t else
                                      "neither reference agrees; rounding cannot explain it")))
    return rows
