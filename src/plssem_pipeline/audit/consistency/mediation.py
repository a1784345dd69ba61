"""Mediation: each printed specific indirect effect against the product of its printed paths.

``indirect_equals_product``
    A specific indirect effect a → m → … → b equals the product of the path
    coefficients along it, a→m · … · →b (Preacher & Hayes 2008; ``docs/pipeline.md``,
    section "Audit"), judged within the rounding of every printed factor and of
    the printed indirect effect.
"""
from __future__ import annotations

import numpy as np

from ..published import Published
from .rounding import rounding_check
from .rows import Check, ConsistencyOptions, effect_label


def check_indirect_products(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed specific indirect effect against the product of its printed path coefficients.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads the ``original`` of each
        indirect-effect row and of every path along it.

    Returns
    -------
    list of Check
        One ``indirect_equals_product`` row per printed indirect effect whose paths are all printed.
    """
    rows = []
    w = options.words
    for row in pub.indirect.values():
        if "original" not in row.values:
            continue
        links = list(zip(row.nodes[:-1], row.nodes[1:]))
        missing = [f"{a} -> {b}" for a, b in links if (a, b) not in pub.effects or "original" not in pub.effects[(a, b)].values]
        if missing:
            options.skipped.append(("indirect_equals_product", effect_label(row),
                                    f"path(s) {', '.join(missing)} not published"))
            continue
        factors = [pub.effects[link].values["original"] for link in links]
        tables = sorted({pub.effects[link].table for link in links})
        product = " · ".join(f"{a} -> {b} {w.text(f)}" for (a, b), f in zip(links, factors))
        rows.append(rounding_check(
            "indirect_equals_product", row.table, effect_label(row), row.values["original"],
            lambda x: float(np.prod(x)), factors, what=w("indirect_what"), words=w,
            arithmetic=lambda value: w("indirect", product=product, value=w.num(value), tables=", ".join(tables))))
    return rows
