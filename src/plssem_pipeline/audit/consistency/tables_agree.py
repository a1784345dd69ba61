"""One path printed in two tables: the values they share must agree.

``table_vs_table``
    A paper that prints a path in its path-coefficient table and again in a hypothesis summary table
    (β, T, P, decision) prints the same estimates twice; a column both print must give the same value
    within rounding (the printed intervals ``value ± 0.5·10^-d`` overlap), else one of the two tables is
    wrong. Each pair of rows of the same path (``Published.effect_rows``; total-effects tables compared
    only with total-effects tables, their paths' effects being other quantities) gives one row, naming
    every column that differs: published = the later table's value, recomputed = the earlier table's
    (of the first differing column, in SmartPLS's order O, M, STDEV, T, P).
"""
from __future__ import annotations

from ..published import EFFECT_COLUMNS, Published
from .rows import Check, ConsistencyOptions, effect_label

#: SmartPLS 4's short names of the effect columns.
SHORT = {"original": "O", "mean": "M", "sd": "STDEV", "t": "T", "p": "P"}


def _name(pub: Published, table: str) -> str:
    return pub.captions.get(table) or table


def check_tables_agree(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each path printed in two tables: the columns both print against each other.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``pub.effect_rows``.

    Returns
    -------
    list of Check
        One ``table_vs_table`` row per later row of a path already printed in an earlier table
        (``fail`` when a shared column's rounding intervals do not overlap).
    """
    w = options.words
    rows, first = [], {}
    for row in pub.effect_rows:
        key = (row.nodes, "total" in row.table)
        earlier = first.setdefault(key, row)
        if earlier is row or earlier.table == row.table:
            continue
        shared = [c for c in EFFECT_COLUMNS if c in row.values and c in earlier.values]
        if not shared:
            continue
        differ = [c for c in shared if row.values[c].high < earlier.values[c].low
                  or earlier.values[c].high < row.values[c].low]
        show = lambda r: ", ".join(f"{SHORT[c]} = {w.text(r.values[c])}" for c in shared)  # noqa: E731
        column = (differ or shared)[0]
        text = w("table_vs_table", path=effect_label(row), table1=_name(pub, earlier.table), values1=show(earlier),
                 table2=_name(pub, row.table), values2=show(row))
        outcome = (w("table_vs_table_differs", columns=", ".join(SHORT[c] for c in differ)) if differ
                   else w("table_vs_table_same"))
        rows.append(Check("table_vs_table", f"{earlier.table}+{row.table}",
                          f"{effect_label(row)} ({', '.join(SHORT[c] for c in differ or shared)})",
                          row.values[column].value, earlier.values[column].value, "fail" if differ else "pass",
                          f"{text}: {outcome}"))
    return rows
