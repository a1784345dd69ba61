"""Reliability and convergent validity: the measurement model's printed statistics from its printed loadings.

The checks from the loadings take the block of a reflective (Mode A)
construct of two or more indicators whose loadings λ_1 … λ_m are all printed; a
Mode B block, a single item (its loading is 1 by construction) or a block with
a loading missing is skipped (``options.skipped``), and so are the paper's
verdicts on them: reflective criteria do not judge formative or single-item
blocks (Hair et al. 2022, chs. 4–5). Sources as in
``docs/pipeline.md``, section "Audit".

``ave_from_loadings``
    AVE = Σλ² / m, the mean squared loading (Fornell & Larcker 1981; Hair et
    al. 2022, ch. 4).
``rho_c_from_loadings``
    ρ_C = (Σλ)² / ((Σλ)² + Σ(1 − λ²)) (Jöreskog 1971), against a printed ρ_C
    (one stated as ρ_C).
``composite_reliability_variant``
    Which coefficient a printed "composite reliability" (variant not stated) is,
    from ρ_C of the printed loadings: ``pass`` if it is that ρ_C; ``warn`` if it
    is not but lies between the printed Cronbach's α and that ρ_C, where
    Dijkstra & Henseler's (2015) ρ_A lies (ρ_A needs the weights and item
    correlations, so a paper's numbers cannot give it); ``fail`` otherwise. One
    row per finding: a ``pass`` per construct, one ``warn`` (one ``fail``) per
    table listing every construct so decided with its arithmetic. The decision
    is also what the comparison with the reproduced results reads the column as
    (:func:`composite_reliability_variants`, :data:`READ_AS`).
``alpha_from_loadings``
    Cronbach's (1951) α = m/(m − 1)·(1 − m/(Σλ)²): for standardised items and a
    composite with equal weights the loadings are λ_i = corr(x_i, Σx) and
    Σλ = sd(Σx), so the formula is exact; PLS Mode A weights are only nearly
    equal, so a miss is a ``warn``, not a ``fail``.
``criterion_verdict``
    The paper's "Valid"/"Reliable" words against the criteria (Hair et al.
    2022, ch. 4; ``audit.criteria``, by default): outer loading > 0.70,
    Cronbach's α and composite reliability > 0.70, AVE ≥ 0.50 (where the
    verdict's table prints it). A ``warn`` when a printed value's rounding
    interval contains the threshold.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..published import NEGATIVE_VERDICTS, Printed, Published
from .rounding import EPS, agreement_verdict, overlaps, rounding_check, value_range
from .rows import Check, ConsistencyOptions


# ----------------------------------------------------------------------------- the block and its coefficients
def _block_loadings(pub: Published, model, construct: str, check: str, options) -> list[Printed] | None:
    indicators = {c.name: tuple(c.indicators) for c in model.constructs}.get(construct)
    if indicators is None:
        options.skipped.append((check, construct, "construct not in the configured model"))
        return None
    reason = _not_reflective(model, construct)
    if reason:
        options.skipped.append((check, construct, reason))
        return None
    missing = [i for i in indicators if i not in pub.loadings]
    if missing:
        options.skipped.append((check, construct, f"loadings of {', '.join(missing)} not published"))
        return None
    return [pub.loadings[i][1] for i in indicators]


def _not_reflective(model, construct: str) -> str | None:
    """Why reflective criteria do not apply to ``construct``'s block (Mode B, or a single item), or None."""
    spec = {c.name: c for c in model.constructs}.get(construct)
    if spec is None:
        return None
    if spec.mode != "A":
        return "Mode B (formative) block: loadings, AVE and composite reliability are no criteria for it"
    if len(spec.indicators) == 1:
        return "single item: its loading is 1 by construction; AVE and reliability do not apply"
    return None


def _block_function(function, model, construct):
    """``X -> function(loadings, model)[:, j]`` for rows ``X`` (points, block) of ``construct``'s loadings.

    ``function`` is an engine quality criterion on a ``(b, p)`` batch of loadings
    (:func:`plssem.quality.average_variance_extracted`, :func:`plssem.quality.composite_reliability`);
    the other blocks' loadings are 0 and do not enter the block's value. Batched for
    :func:`~.rounding.value_range` (``batched=True``): the engine sums each block row by row in an order
    that does not depend on the batch, so each corner's value is the one it has alone.
    """
    j = model.index(construct)
    block = model.blocks[j]
    width = model.block_mask.shape[0]

    def value(X):
        loadings = np.zeros((len(X), width))
        loadings[:, block] = X
        return function(loadings, model)[:, j]

    return value


def _ave(model, construct):
    from plssem.quality import average_variance_extracted

    return _block_function(average_variance_extracted, model, construct)


def _rho_c(model, construct):
    from plssem.quality import composite_reliability

    return _block_function(composite_reliability, model, construct)


def _alpha(X):
    """Cronbach's α of equal loadings' sum, for rows ``X`` (points, block) of loadings (batched)."""
    m = X.shape[1]
    s = X.sum(axis=1)
    return m / (m - 1) * (1 - m / (s * s))


def _list(w, values: Sequence[Printed], square: bool = False) -> str:
    return " + ".join(f"{w.text(p)}²" if square else w.text(p) for p in values)


# ----------------------------------------------------------------------------- the coefficients from the loadings
def check_ave(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed AVE against the AVE of its block's printed loadings.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads each printed ``ave`` and the
        ``loadings`` of the construct's block.

    Returns
    -------
    list of Check
        One ``ave_from_loadings`` row per printed AVE of a Mode A block with every loading printed.
    """
    rows = []
    w = options.words
    for construct, (table, printed) in pub.stat("ave").items():
        loadings = _block_loadings(pub, model, construct, "ave_from_loadings", options)
        if loadings is None:
            continue
        squares = float(np.sum(np.square([p.value for p in loadings])))
        rows.append(rounding_check(
            "ave_from_loadings", table, construct, printed, _ave(model, construct), loadings, what="AVE", words=w,
            batched=True,
            arithmetic=lambda value: w("ave", squares=_list(w, loadings, True), m=len(loadings), sum=w.num(squares),
                                       value=w.num(value))))
    return rows


def _rho_c_arithmetic(w, loadings: list[Printed], value: float) -> str:
    """The arithmetic of ρ_C = ``value`` from the printed loadings, in ``w``'s language."""
    x = np.array([p.value for p in loadings])
    s, e = float(x.sum()), float((1 - x * x).sum())
    return w("rho_c", loadings=_list(w, loadings), sum=w.num(s), error=w.num(e), square=w.num(s * s),
             value=w.num(value))


def check_rho_c(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed ρ_C (stated as ρ_C) against ρ_C of the printed loadings.

    A "composite reliability" whose variant the paper does not state is
    :func:`check_composite_reliability_variant`'s: which coefficient it is, ρ_C
    of the loadings included, is one finding.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``rho_c`` and the block's ``loadings``.

    Returns
    -------
    list of Check
        One ``rho_c_from_loadings`` row per printed ρ_C.
    """
    rows = []
    w = options.words
    for construct, (table, printed) in pub.stat("rho_c").items():
        loadings = _block_loadings(pub, model, construct, "rho_c_from_loadings", options)
        if loadings is None:
            continue
        rows.append(rounding_check(
            "rho_c_from_loadings", table, construct, printed, _rho_c(model, construct), loadings, what="ρ_C",
            words=w, batched=True,
            arithmetic=lambda value: _rho_c_arithmetic(w, loadings, value) + " "
            + w("rho_c_against", printed=w.text(printed))))
    return rows


def check_alpha(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed Cronbach's α against α from its block's printed loadings.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``cronbach_alpha`` and ``loadings``
        (a block of one indicator has no α).

    Returns
    -------
    list of Check
        One ``alpha_from_loadings`` row per printed α; a miss beyond rounding is a ``warn``.
    """
    rows = []
    w = options.words
    for construct, (table, printed) in pub.stat("cronbach_alpha").items():
        loadings = _block_loadings(pub, model, construct, "alpha_from_loadings", options)
        if loadings is None or len(loadings) < 2:
            continue
        m = len(loadings)
        s = float(np.sum([p.value for p in loadings]))
        rows.append(rounding_check(
            "alpha_from_loadings", table, construct, printed, _alpha, loadings, what="α", words=w,
            batched=True,
            arithmetic=lambda value: w("alpha", m=m, m_1=m - 1, sum=w.num(s), square=w.num(s * s), value=w.num(value)),
            on_fail=("warn", "; " + w("alpha_unequal_weights"))))
    return rows


# ----------------------------------------------------------------------------- which composite reliability
#: The coefficient the audit reads a printed "composite reliability" as, by the verdict of its decision: ρ_C
#: when it is ρ_C of the printed loadings, ρ_A when it lies between α and ρ_C; otherwise ρ_C, the coefficient
#: the name denotes (Jöreskog 1971; Hair et al. 2022, ch. 4).
READ_AS = {"pass": "rho_c", "warn": "rho_a", "fail": "rho_c"}


def _variants(pub: Published, model, options: ConsistencyOptions) -> list[tuple]:
    """Each printed composite reliability's decision: ``(table, construct, verdict, printed, ρ_C, arithmetic)``.

    ``verdict`` is ``pass`` (ρ_C of the printed loadings), ``warn`` (between the printed α and that ρ_C:
    ρ_A) or ``fail`` (neither); ``arithmetic`` is the construct's part of the explanation.
    """
    w = options.words
    alphas = pub.stat("cronbach_alpha")
    out = []
    for construct, (table, printed) in pub.stat("composite_reliability").items():
        loadings = _block_loadings(pub, model, construct, "composite_reliability_variant", options)
        if loadings is None:
            continue
        value, low, high = value_range(_rho_c(model, construct), loadings, batched=True)
        head = w("variant_item", construct=construct, printed=w.printed(printed),
                 rho_c=_rho_c_arithmetic(w, loadings, value),
                 interval=w.interval(low, high))
        alpha = alphas.get(construct, (None, None))[1]
        if overlaps(low, high, printed):
            out.append((table, construct, "pass", printed, value, head))
        elif alpha is not None and alpha.low - EPS <= printed.high and printed.low <= high + EPS:
            out.append((table, construct, "warn", printed, value, head + ", " + w(
                "variant_between", alpha=w.text(alpha), above=w.num(printed.value - alpha.value, 3))))
        else:
            where = "variant_below_alpha" if alpha is not None and printed.high < alpha.low else "variant_outside"
            alpha_text = "" if alpha is None else ", " + w("variant_alpha", alpha=w.text(alpha))
            out.append((table, construct, "fail", printed, value, head + alpha_text + ", " + w(where)))
    return out


def composite_reliability_variants(pub: Published, model, options: ConsistencyOptions | None = None) -> dict:
    """The coefficient the audit reads each printed "composite reliability" as (:data:`READ_AS`).

    Parameters
    ----------
    pub : Published
        Its ``composite_reliability`` (variant not stated), ``cronbach_alpha`` and ``loadings``.
    model : plssem.Model
        The configured model (the blocks).
    options : ConsistencyOptions, optional
        The settings (defaults if None).

    Returns
    -------
    dict of str to str
        Construct -> ``"rho_c"`` or ``"rho_a"``, for every construct whose block the check could judge
        (:func:`check_composite_reliability_variant`); the others are absent.
    """
    options = options or ConsistencyOptions()
    return {construct: READ_AS[verdict] for _, construct, verdict, *_ in _variants(pub, model, options)}


def check_composite_reliability_variant(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Which coefficient the printed "composite reliability" is: ρ_C, or between α and ρ_C (ρ_A).

    One finding per table and decision: a column that is ρ_A for four constructs is one ``warn`` row listing
    the four with their arithmetic, not four; a construct whose printed value is ρ_C has its own ``pass`` row.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``composite_reliability``,
        ``cronbach_alpha`` and ``loadings``.

    Returns
    -------
    list of Check
        ``composite_reliability_variant`` rows: one ``pass`` per construct whose printed value is ρ_C of the
        printed loadings; one ``warn`` per table for those between α and ρ_C (ρ_A), one ``fail`` per table for
        the rest (``published`` and ``recomputed``: the printed value and ρ_C when the row has one construct;
        ``item``: the constructs, joined by ``", "``).
    """
    w = options.words
    decided = _variants(pub, model, options)
    rows = [Check("composite_reliability_variant", table, construct, printed.value, value, "pass",
                  text + ": " + w("variant_rho_c"))
            for table, construct, verdict, printed, value, text in decided if verdict == "pass"]
    groups: dict[tuple[str, str], list] = {}
    for entry in decided:
        if entry[2] != "pass":
            groups.setdefault((entry[0], entry[2]), []).append(entry)
    for (table, verdict), entries in groups.items():
        one = entries[0] if len(entries) == 1 else None
        rows.append(Check(
            "composite_reliability_variant", table, ", ".join(e[1] for e in entries),
            one[3].value if one else None, one[4] if one else None, verdict,
            w("variant_rho_a" if verdict == "warn" else "variant_neither", items="; ".join(e[5] for e in entries))))
    return rows


# ----------------------------------------------------------------------------- the paper's verdicts
def _positive(word: str) -> bool:
    return word.strip().lower() not in NEGATIVE_VERDICTS


def check_verdicts(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """The paper's "Valid"/"Reliable" verdicts against the criteria in ``options``.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``verdict``, ``loadings`` and the
        reliability statistics and AVE printed in the verdict's table; uses ``options.loading_threshold``,
        ``ave_threshold`` and ``reliability_threshold``.

    Returns
    -------
    list of Check
        ``criterion_verdict`` rows: one per construct-level verdict, then one per table and construct
        for its indicators' verdicts (``published`` = items called valid, ``recomputed`` = items meeting
        the criterion).
    """
    rows = []
    t = options.words
    owner = {i: c.name for c in model.constructs for i in c.indicators}
    items: dict[tuple[str, str], list] = {}
    reliability = ("cronbach_alpha", "composite_reliability", "rho_a", "rho_c")
    for table, item, word in pub.verdicts:
        reason = _not_reflective(model, owner.get(item, item))
        if reason:
            options.skipped.append(("criterion_verdict", f"{table}: {item}", reason))
            continue
        if item in pub.loadings:
            items.setdefault((table, owner.get(item, "?")), []).append((item, word))
            continue
        stats = [(s, pub.stat(s)[item][1]) for s in reliability if item in pub.stat(s) and pub.stat(s)[item][0] == table]
        stats += [("ave", pub.stat("ave")[item][1])] if item in pub.stat("ave") and pub.stat("ave")[item][0] == table else []
        if not stats:
            options.skipped.append(("criterion_verdict", f"{table}: {item}", "no printed statistic to judge"))
            continue
        ok, every, some, parts = True, True, True, []  # meets at the printed values, surely, possibly
        for name, p in stats:
            bound = options.ave_threshold if name == "ave" else options.reliability_threshold
            meets = p.value >= bound if name == "ave" else p.value > bound
            inside = p.low <= bound <= p.high
            every, some, ok = every and meets and not inside, some and (meets or inside), ok and meets
            parts.append(t("criterion_meets" if meets else "criterion_misses", statistic=t(f"statistic_{name}"),
                           value=t.text(p), sign="≥" if name == "ave" else ">", bound=t.num(bound, 2)))
        rows.append(_verdict_row(t, "criterion_verdict", table, item, _positive(word), ok, every == some, word, parts))
    for (table, construct), entries in items.items():
        words = {w for _, w in entries}
        bound = options.loading_threshold
        meets = {i: pub.loadings[i][1].value > bound for i, _ in entries}
        sure = all(not (pub.loadings[i][1].low <= bound <= pub.loadings[i][1].high) for i, _ in entries)
        disagree = [i for i, w in entries if _positive(w) != meets[i]]
        clear = [i for i in disagree if not pub.loadings[i][1].low <= bound <= pub.loadings[i][1].high]
        values = [pub.loadings[i][1] for i, _ in entries]
        low = min(values, key=lambda p: p.value)
        high = max(values, key=lambda p: p.value)
        parts = [t("loadings_printed", count=len(entries), words=" / ".join(sorted(words))),
                 t("loadings_range", low=t.text(low), high=t.text(high)),
                 t("loadings_all", bound=t.num(bound, 2)) if all(meets.values())
                 else t("loadings_some", meeting=sum(meets.values()), count=len(entries), bound=t.num(bound, 2))]
        if disagree:
            parts.append(t("loadings_contradicts", items=", ".join(disagree)))
        rows.append(Check("criterion_verdict", table, t("loadings_item", construct=construct),
                          float(sum(_positive(w) for _, w in entries)), float(sum(meets.values())),
                          agreement_verdict(not clear, sure or bool(clear)),  # a clear contradiction fails
                          "; ".join(parts) + " " + t("loadings_criterion", bound=t.num(bound, 2))))
    return rows


def _verdict_row(t, check, table, item, said: bool, ok: bool, sure: bool, word: str, parts) -> Check:
    return Check(check, table, item, float(said), float(ok), agreement_verdict(said == ok, sure),
                 "; ".join([t("verdict_printed", word=word), *parts])
                 + ("" if sure else " " + t("rounding_contains_threshold")) + " " + t("verdict_scale"))
