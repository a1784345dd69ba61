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
``sample_size_5_per_indicator``, ``sample_size_10_per_indicator``
    n ≥ 5 × and 10 × the number of indicators ("5–10 respondents per
    indicator", the rule of thumb the paper attributes to Hair et al.); falling
    short of 5 × is a ``fail``, of 10 × a ``warn``.
``sample_size_inverse_square_root``
    Kock & Hadaya's (2018) inverse square root method at 5 % significance and
    80 % power: n > (2.486 / |β_min|)² for the weakest published path β_min
    (:data:`INVERSE_SQUARE_ROOT_CONSTANT`), over β_min's rounding interval:
    ``pass`` above the whole range, ``fail`` at or below all of it, else ``warn``.
"""
from __future__ import annotations

import math

from ..published import Published
from .rounding import EPS, rounding_verdict, value_range
from .rows import Check, ConsistencyOptions, fmt, predecessors, range_text

#: Kock & Hadaya (2018): n_min > (2.486 / |β_min|)² at 5 % significance and 80 % power
#: (2.486 ≈ z_0.95 + z_0.80 = 1.645 + 0.842; their test is one-tailed).
INVERSE_SQUARE_ROOT_CONSTANT = 2.486


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
    for block in pub.respondents:
        counts = [c[2].value for c in block.categories]
        total = sum(counts)
        targets = []
        if block.total is not None:
            targets.append(("its printed total", block.total.value))
        if pub.n is not None:
            targets.append(("n", pub.n))
        sums = " + ".join(f"{c:g}" for c in counts) + f" = {total:g}"
        if not targets:
            options.skipped.append(("respondent_blocks", block.variable, "no printed total and no n"))
            continue
        bad = [f"{name} {value:g}" for name, value in targets if abs(total - value) > EPS]
        ok = [f"{name} {value:g}" for name, value in targets if abs(total - value) <= EPS]
        verdict = "fail" if bad else "pass"
        text = f"{block.label}: {sums}"
        text += (f"; differs from {', '.join(bad)}" if bad else "") + (f"; equals {', '.join(ok)}" if ok else "")
        text += " (counts are exact, no rounding)"
        rows.append(Check("respondent_block_sum", block.table, block.variable, float(targets[0][1]), float(total),
                          verdict, text))
        base = block.total.value if block.total is not None else pub.n
        for code, label, count, percent in block.categories:
            if percent is None or not base:
                continue
            value = 100.0 * count.value / base
            verdict, why = rounding_verdict(value, value, percent, what="the percent")
            rows.append(Check("respondent_percent", block.table, f"{block.variable} = {code} ({label})",
                              percent.value, value, verdict,
                              f"100 · {count.value:g} / {base:g} = {fmt(value)}; " + why))
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
        The ``sample_size_10_times_rule``, ``sample_size_5_per_indicator`` and
        ``sample_size_10_per_indicator`` rows, then ``sample_size_inverse_square_root`` if a path is
        printed (``published``: n, ``recomputed``: the minimum n); none without n.
    """
    rows = []
    if pub.n is None:
        options.skipped.append(("sample_size", "all", "the published file gives no n"))
        return rows
    n = pub.n
    table = "n"
    preds = predecessors(model)
    inbound = max(len(p) for p in preds.values())
    formative = max([len(c.indicators) for c in model.constructs if c.mode == "B"], default=0)
    need = 10 * max(inbound, formative)
    target = max(preds, key=lambda k: len(preds[k]))
    rows.append(Check(
        "sample_size_10_times_rule", table, "10 × the largest number of arrows at a construct", float(n), float(need),
        "pass" if n >= need else "fail",
        f"10-times rule (Barclay, Higgins & Thompson 1995; Hair et al. 2022, ch. 1): n ≥ 10 × max(largest number of "
        f"structural paths into a construct = {inbound} ({target}), largest formative block = {formative}) = {need}; "
        f"n = {n} {'meets' if n >= need else 'does not meet'} it"))
    m = len(model.indicator_names)
    for factor, fail_verdict in ((5, "fail"), (10, "warn")):
        need = factor * m
        rows.append(Check(
            f"sample_size_{factor}_per_indicator", table, f"{factor} × {m} indicators", float(n), float(need),
            "pass" if n >= need else fail_verdict,
            f"'5–10 respondents per indicator' (the rule of thumb the paper attributes to Hair et al.): "
            f"{factor} × {m} = {need}; n = {n} {'meets' if n >= need else 'falls short of'} the "
            f"{'lower' if factor == 5 else 'upper'} end"
            + ("" if n >= need or factor == 5 else " (a warning: the lower end is the rule's minimum)")))
    paths = [(link, row.values["original"]) for link, row in pub.effects.items()
             if "original" in row.values and link in set(model.paths)]
    if paths:
        link, weakest = min(paths, key=lambda kv: abs(kv[1].value))
        z = INVERSE_SQUARE_ROOT_CONSTANT
        value, low, high = value_range(lambda x: (z / abs(x[0])) ** 2, [weakest])
        need_high = math.floor(high) + 1
        verdict = "pass" if n > high else ("fail" if n <= low else "warn")
        rows.append(Check(
            "sample_size_inverse_square_root", pub.effects[link].table,
            f"weakest path {link[0]} -> {link[1]}", float(n), value, verdict,
            f"inverse square root method (Kock & Hadaya 2018), 5 % significance and 80 % power: n_min > "
            f"(2.486 / |β_min|)² with the weakest published path |β_min| = {weakest.text} ({link[0]} -> {link[1]}): "
            f"(2.486 / {weakest.text})² = {value:.2f}, {range_text(low, high, 2)} over its rounding, so at least "
            f"{need_high} respondents; n = {n} {'meets' if n > high else 'does not meet'} it"))
    return rows
