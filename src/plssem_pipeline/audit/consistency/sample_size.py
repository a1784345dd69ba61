"""Sample size: the respondent table against n, and n against the sample-size rules.

Sources as in ``docs/pipeline.md``, section "Audit".

``respondent_block_sum``
    Each block of the respondent table (one variable's categories): Σ counts =
    the block's printed total = n. Counts are exact: no rounding.
``respondent_percent``
    Each printed percent = 100 · count / total (the block's printed total, else
    n), within the percent's rounding.
``sample_size_10_times_rule``
    n ≥ 10 × max(largest number of structural paths into a construct, largest
    formative block) (Barclay, Higgins & Thompson 1995; Hair et al. 2022, ch. 1).
``sample_size_per_indicator``
    n ≥ 5 × and 10 × the number of indicators ("5–10 respondents per
    indicator", the rule of thumb the paper attributes to Hair et al.): one
    rule, one row; falling short of 5 × is a ``fail``, of 10 × a ``warn``.
``sample_size_inverse_square_root``
    Kock & Hadaya's (2018) inverse square root method at 5 % significance and
    80 % power: n > (2.486 / |β_min|)² for the weakest published path β_min
    (:data:`INVERSE_SQUARE_ROOT_CONSTANT`, from
    :func:`plssem.sample_size.inverse_square_root_constant`), over β_min's rounding interval:
    ``pass`` above the whole range, else ``warn``, never ``fail``. The method is a
    power analysis, a planning rule for the smallest path one wants to detect, not
    a relation the printed numbers must satisfy: a shortfall says the study had
    less than 80 % power for a path of that size, so a non-significant result on
    it is inconclusive (a weak path rightly rejected is no error), and a
    significant one is still possible (significance with power below 80 % is
    what power below 1 allows). Neither makes the printed numbers inconsistent,
    which is what ``fail`` means.
"""
from __future__ import annotations

import math

from plssem.sample_size import inverse_square_root_constant

from ..published import Published
from .rounding import EPS, rounding_verdict, value_range
from .rows import Check, ConsistencyOptions, predecessors

#: Kock & Hadaya (2018): n_min > (2.486 / |β_min|)² at 5 % significance and 80 % power, one-tailed
#: (2.486 = z_0.95 + z_0.80 to three decimals).
INVERSE_SQUARE_ROOT_CONSTANT = inverse_square_root_constant(alpha=0.05, power=0.8, tails=1)


def check_respondents(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each block of the respondent table against its printed total and n; printed percents against the counts.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads the respondent blocks and ``n``.

    Returns
    -------
    list of Check
        Per block with a printed total or an n: its ``respondent_block_sum`` row (``published``: the
        printed total, else n), then one ``respondent_percent`` row per printed percent.
    """
    rows = []
    w = options.words
    for block in pub.respondents:
        counts = [c[2].value for c in block.categories]
        total = sum(counts)
        targets = []
        if block.total is not None:
            targets.append((w("respondents_its_total"), block.total.value))
        if pub.n is not None:
            targets.append(("n", pub.n))
        sums = " + ".join(w.count(c) for c in counts) + f" = {w.count(total)}"
        if not targets:
            options.skipped.append(("respondent_blocks", block.variable, "no printed total and no n"))
            continue
        bad = [f"{name} {w.count(value)}" for name, value in targets if abs(total - value) > EPS]
        ok = [f"{name} {w.count(value)}" for name, value in targets if abs(total - value) <= EPS]
        verdict = "fail" if bad else "pass"
        parts = [f"{block.label}: {sums}"] + ([w("respondents_differs", targets=w.join(bad))] if bad else [])
        parts += [w("respondents_equals", targets=w.join(ok))] if ok else []
        rows.append(Check("respondent_block_sum", block.table, block.variable, float(targets[0][1]), float(total),
                          verdict, "; ".join(parts) + " " + w("respondents_exact")))
        base = block.total.value if block.total is not None else pub.n
        for code, label, count, percent in block.categories:
            if percent is None or not base:
                continue
            value = 100.0 * count.value / base
            verdict, why = rounding_verdict(value, value, percent, what=w("respondents_what_percent"), words=w)
            rows.append(Check("respondent_percent", block.table, f"{block.variable} = {code} ({label})",
                              percent.value, value, verdict,
                              f"100 · {w.count(count.value)} / {w.count(base)} = {w.num(value)}; " + why))
    return rows


def check_sample_size(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """n against the 10-times rule, 5 and 10 respondents per indicator, and the inverse square root method.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``n`` and the ``original`` of the
        model's paths, and the model's arrows, formative blocks and indicators.

    Returns
    -------
    list of Check
        The ``sample_size_10_times_rule`` and ``sample_size_per_indicator`` rows, then
        ``sample_size_inverse_square_root`` if a path is printed (``published``: n, ``recomputed``: the
        minimum n, for the per-indicator rule its lower end, 5 × the indicators); none without n.
    """
    rows = []
    if pub.n is None:
        options.skipped.append(("sample_size", "all", "the published file gives no n"))
        return rows
    n = pub.n
    table = "n"
    w = options.words
    preds = predecessors(model)
    if preds:
        inbound = max(len(p) for p in preds.values())
        formative = max([len(c.indicators) for c in model.constructs if c.mode == "B"], default=0)
        need = 10 * max(inbound, formative)
        target = max(preds, key=lambda k: len(preds[k]))
        rows.append(Check(
            "sample_size_10_times_rule", table, w("ten_times_item"), float(n), float(need),
            "pass" if n >= need else "fail",
            w("ten_times", inbound=inbound, target=target, formative=formative, need=w.count(need), n=w.count(n),
              outcome=w("meets_it" if n >= need else "does_not_meet_it"))))
    else:
        options.skipped.append(("sample_size_10_times_rule", "all", "no model: the constructs, their paths and "
                                "formative blocks are not known (no outer loadings table)"))
    m = len(model.indicator_names)
    if m:
        low, high = 5 * m, 10 * m
        verdict, outcome = (("pass", "per_indicator_meets_both") if n >= high else
                            ("warn", "per_indicator_short_upper") if n >= low else
                            ("fail", "per_indicator_short_lower"))
        rows.append(Check(
            "sample_size_per_indicator", table, w("per_indicator_item", m=m), float(n), float(low), verdict,
            w("per_indicator", m=m, low=w.count(low), high=w.count(high), n=w.count(n), outcome=w(outcome))))
    else:
        options.skipped.append(("sample_size_per_indicator", "all", "no indicator known (no outer loadings table)"))
    paths = [(link, row.values["original"]) for link, row in pub.effects.items()
             if "original" in row.values and link in set(model.paths)]
    if paths:
        link, weakest = min(paths, key=lambda kv: abs(kv[1].value))
        z = INVERSE_SQUARE_ROOT_CONSTANT
        value, low, high = value_range(lambda x: (z / abs(x[0])) ** 2, [weakest])
        need_high = math.floor(high) + 1
        verdict = "pass" if n > high else "warn"   # a power shortfall, never an inconsistency (module docstring)
        path = f"{link[0]} -> {link[1]}"
        rows.append(Check(
            "sample_size_inverse_square_root", pub.effects[link].table, w("inverse_square_root_item", path=path),
            float(n), value, verdict,
            w("inverse_square_root", constant=w.num(z, "g"), beta=w.text(weakest), path=path, value=w.num(value, 2),
              interval=w.interval(low, high, 2), need=w.count(need_high), n=w.count(n),
              outcome=w("meets_it") if n > high else w("does_not_meet_it") + " " + w("inverse_square_root_power"))))
    else:
        options.skipped.append(("sample_size_inverse_square_root", "all", "no coefficient printed for a path of the "
                                "model" + ("" if model.paths else " (no model: which rows are paths is not known)")))
    return rows
