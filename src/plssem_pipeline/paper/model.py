"""The model a paper's tables imply: reflective constructs from the loadings, paths from the path table.

The consistency checks (:mod:`plssem_pipeline.audit.consistency`) read a ``plssem.Model`` for
the constructs' indicators, modes and paths. A paper gives them only through its tables, so
:func:`infer_model` takes

* indicators: the keys of every ``loadings`` table, in print order;
* each indicator's construct: the construct it is printed under or beside (``indicator_constructs``: a
  loadings matrix's column, a list's construct cell) when the tables name that construct elsewhere (a
  construct statistic, a path, a matrix row), else its name's prefix (``EC4`` -> ``EC``) when that prefix is
  such a construct, else the column of its largest printed cross-loading; an indicator none gives is left
  out (``skipped``);
* modes: ``A`` (a loadings table is the reflective measurement model's report);
* paths: the two-node rows of the path-coefficient tables (else the f² list's paths); a path to or from
  a construct without indicators is left out (``skipped``), never given invented indicators.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..audit.published import CONSTRUCT_STATISTICS
from .tables.values import construct_of

__all__ = ["infer_model"]

_CONSTRUCT_KEYS = (*CONSTRUCT_STATISTICS, "fornell_larcker", "htmt")


def _tables(published: Mapping):
    return [(k, t) for k, t in (published.get("tables") or {}).items() if isinstance(t, Mapping)]


def _paths(published: Mapping) -> list[tuple[str, str]]:
    found = []
    for table_id, table in _tables(published):
        if "total" in table_id or "indirect" in table_id or not isinstance(table.get("rows"), Mapping):
            continue
        for label in table["rows"]:
            nodes = tuple(part.strip() for part in str(label).split("->"))
            if len(nodes) == 2 and nodes not in found:
                found.append(nodes)
    if not found:
        for _, table in _tables(published):
            for label in (table.get("f_square") or {}):
                nodes = tuple(part.strip() for part in str(label).split("->"))
                if len(nodes) == 2 and nodes not in found:
                    found.append(nodes)
    return found


def infer_model(published: Mapping, skipped: list | None = None):
    """The ``plssem.Model`` of a published-tables mapping (an extraction's ``published``).

    Parameters
    ----------
    published : mapping
        With ``tables:`` (see :mod:`plssem_pipeline.audit.published`).
    skipped : list, optional
        Filled with ``("model", item, reason)`` for indicators and paths left out.

    Returns
    -------
    plssem.Model
        Mode A constructs with their indicators, the paths between them.

    Raises
    ------
    ValueError
        If the tables give no construct with indicators (no loadings table), or no path between two
        constructs with indicators (``plssem.Model`` needs a structural model).
    """
    from plssem import Model

    skipped = skipped if skipped is not None else []
    paths = _paths(published)
    known = {node for path in paths for node in path}
    cross, columns = {}, {}
    indicators: list[str] = []
    for _, table in _tables(published):
        for key in _CONSTRUCT_KEYS:
            known.update(str(c) for c in (table.get(key) or {}))
        for indicator, row in (table.get("cross_loadings") or {}).items():
            if isinstance(row, Mapping) and row:
                cross[str(indicator)] = max(row, key=lambda c: row[c])
                known.update(str(c) for c in row)
        indicators += [str(i) for i in (table.get("loadings") or {}) if str(i) not in indicators]
        columns.update({str(i): str(c) for i, c in (table.get("indicator_constructs") or {}).items()})
    blocks: dict[str, list[str]] = {}
    for indicator in indicators:
        construct = (columns[indicator] if columns.get(indicator) in known
                     else construct_of(indicator) if construct_of(indicator) in known else cross.get(indicator))
        if construct is None:
            skipped.append(("model", indicator, "no construct: its name's prefix is no construct of the tables "
                                                "and no cross-loading is printed"))
            continue
        blocks.setdefault(construct, []).append(indicator)
    if not blocks:
        raise ValueError("the tables give no construct with indicators (no outer loadings table)")
    kept = []
    for a, b in paths:
        if a in blocks and b in blocks:
            kept.append(f"{a} -> {b}")
        else:
            skipped.append(("model", f"{a} -> {b}", "a construct of the path has no printed loadings"))
    if not kept:
        raise ValueError("the tables give no path between constructs with printed loadings (no path table)")
    return Model.from_spec({name: {"indicators": items, "mode": "A"} for name, items in blocks.items()}, kept)
