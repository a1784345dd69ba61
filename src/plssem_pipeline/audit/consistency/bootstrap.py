"""Bootstrap statistics: each printed t and p from the other printed columns of its row.

Every path row and every specific-indirect-effect row of the published tables
(SmartPLS's columns O, M, STDEV, T, P). Sources as in ``docs/pipeline.md``,
section "Audit".

``t_equals_o_over_sd``
    t = |O| / STDEV (SmartPLS's "T statistics (|O/STDEV|)").
``p_from_t``
    p from the printed t, under two references: Student t with
    B − 1 degrees of freedom, p = 2·P(T > |t|) (the engine's reference,
    :mod:`plssem.inference`; B from the published file, else the number of
    subsamples its text states, else ``audit.published_bootstrap_samples``,
    SmartPLS's default 5000; :func:`bootstrap_samples`), and the
    normal, p = 2·(1 − Φ(|t|)); one-tailed (P(T > |t|), 1 − Φ(|t|)) when the
    paper's p values are (:func:`paper_tails`: ``audit.tails``, else what the
    paper states, else whether its printed p values fit one-tailed p and not
    two-tailed, the reading statcheck offers; Nuijten et al. 2016). ``pass`` if
    both meet the printed p within rounding, ``warn`` if only one does,
    ``fail`` if neither; the explanation says which tails and why.
"""
from __future__ import annotations

from ..published import Published
from .rounding import overlaps, rounding_check
from .rows import Check, ConsistencyOptions, effect_label


#: Rows that must fit only the one-tailed p (and none only the two-tailed) to read an unstated paper as one-tailed.
MIN_ONE_TAILED = 2


def _effect_rows(pub: Published, columns: set[str]):
    """The path rows, then the indirect-effect rows, of every table (``pub.effect_rows``) that print all ``columns``."""
    paths = [row for row in pub.effect_rows if len(row.nodes) == 2]
    return [row for row in paths + [r for r in pub.effect_rows if len(r.nodes) > 2] if columns <= set(row.values)]


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


def _p_values(t: float, df: int, tails: int = 2) -> tuple[float, float]:
    """``tails``-tailed p of ``t`` under the standard normal and under Student's t with ``df`` degrees of freedom.

    The survival functions ``scipy.stats.norm.sf`` and ``scipy.stats.t.sf`` are ``ndtr(-|t|)`` and
    ``stdtr(df, -|t|)``; called from :mod:`scipy.special`, which imports in a fraction of :mod:`scipy.stats`'s time.
    """
    from scipy.special import ndtr, stdtr

    return tails * float(ndtr(-abs(t))), tails * float(stdtr(df, -abs(t)))


def _fits(row, df: int, tails: int) -> tuple[bool, bool, tuple]:
    """Whether the row's printed p meets the ``tails``-tailed p of its printed t: (normal, Student t), intervals."""
    t, p = row.values["t"], row.values["p"]
    # p decreases in |t|: the high end of t gives the low end of p
    low, high = _p_values(t.high, df, tails), _p_values(max(t.low, 0.0), df, tails)
    return overlaps(low[0], high[0], p), overlaps(low[1], high[1], p), (low, high)


def bootstrap_samples(pub: Published, options: ConsistencyOptions) -> tuple[int, str]:
    """B for the Student t reference and where it comes from, as the explanations write it.

    The published file's ``bootstrap_samples``, else the subsamples its text states (``prose.bootstrap_samples``),
    else ``options.bootstrap_samples`` (assumed).
    """
    w = options.words
    if pub.bootstrap_samples:
        return pub.bootstrap_samples, w("p_source_file")
    if pub.prose is not None and pub.prose.bootstrap_samples:
        return pub.prose.bootstrap_samples, w("p_source_text", location=pub.prose.bootstrap_location)
    return options.bootstrap_samples, w("p_source_assumed")


def paper_tails(pub: Published, options: ConsistencyOptions) -> tuple[int, str]:
    """The tails of the paper's p values (1 or 2) and the reason, as the explanations write it.

    ``options.tails`` "one"/"two" decides; "auto": the tails the paper states (``prose.tails``), else
    one-tailed when at least :data:`MIN_ONE_TAILED` printed p values fit the one-tailed p of their t and
    not the two-tailed one, and none the reverse (a single misprinted p that happens to be half the
    two-tailed one does not switch the paper); else two-tailed, the reason saying whether no row, too few
    rows, or rows both ways discriminate.

    Parameters
    ----------
    pub : Published
    options : ConsistencyOptions

    Returns
    -------
    tails : int
    reason : str
        The sentence (in ``options.language``) that says why.
    """
    w = options.words
    if options.tails in ("one", "two"):
        return (1 if options.tails == "one" else 2), w("tails_reason_option")
    stated = pub.prose.tails_stated if pub.prose is not None else None
    if stated in ("one", "two"):
        return (1 if stated == "one" else 2), w("tails_reason_stated", location=pub.prose.tails_location)
    df = bootstrap_samples(pub, options)[0] - 1
    one_only = two_only = 0
    for row in _effect_rows(pub, {"t", "p"}):
        one, two = any(_fits(row, df, 1)[:2]), any(_fits(row, df, 2)[:2])
        one_only += one and not two
        two_only += two and not one
    if one_only >= MIN_ONE_TAILED and not two_only:
        return 1, w("tails_reason_detected", count=w.count(one_only))
    if one_only and two_only:
        return 2, w("tails_reason_mixed", one=w.count(one_only), two=w.count(two_only))
    if one_only:
        return 2, w("tails_reason_few", count=w.count(one_only), least=w.count(MIN_ONE_TAILED))
    return 2, w("tails_reason_default")


def paper_alpha(pub: Published, options: ConsistencyOptions) -> tuple[float, str]:
    """The significance level of the paper's verdicts and where it comes from (``""``: ``options.alpha``).

    The level the paper states (``prose.alpha``: "α = 0.10", "taraf signifikansi 10%", or a decision rule
    that agrees with the method, "p < 0.10 means supported"), else ``options.alpha``.
    """
    if pub.prose is not None and pub.prose.alpha is not None:
        return pub.prose.alpha, options.words("p_source_text", location=pub.prose.alpha_location)
    return options.alpha, ""


def check_p_values(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed p against the p of its row's printed t (Student t and normal; tails from :func:`paper_tails`).

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``t`` and ``p`` of the path and
        indirect-effect rows and B (:func:`bootstrap_samples`).

    Returns
    -------
    list of Check
        One ``p_from_t`` row per path or indirect-effect row printing both (``recomputed``: the
        Student t p value).
    """
    rows = []
    w = options.words
    b, source = bootstrap_samples(pub, options)
    tails, reason = paper_tails(pub, options)
    for row in _effect_rows(pub, {"t", "p"}):
        t, p = row.values["t"], row.values["p"]
        point = _p_values(t.value, b - 1, tails)  # (normal, Student t)
        ok_normal, ok_t, (low, high) = _fits(row, b - 1, tails)
        n_low, n_high, t_low, t_high = low[0], high[0], low[1], high[1]
        verdict = "pass" if ok_normal and ok_t else ("warn" if ok_normal or ok_t else "fail")
        outcome = ("p_both" if ok_normal and ok_t else "p_normal_only" if ok_normal else "p_t_only" if ok_t
                   else "p_neither")
        rows.append(Check(
            "p_from_t", row.table, effect_label(row), p.value, point[1], verdict,
            w("p_value", t=w.printed(t), df=w.count(b - 1), b=w.count(b), source=source, p_t=w.num(point[1], ".3g"),
              t_interval=w.interval(t_low, t_high, ".3g"), p_normal=w.num(point[0], ".3g"),
              normal_interval=w.interval(n_low, n_high, ".3g"), p=w.printed(p, probability=True),
              outcome=w(outcome), tails=w(f"tails_{'one' if tails == 1 else 'two'}"),
              factor="" if tails == 1 else "2·", reason=reason)))
    return rows
