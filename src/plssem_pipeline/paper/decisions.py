"""A results table's verdict column ("Decision", "Keputusan", "Keterangan") as claims the audit checks.

A path or hypothesis table often prints its verdict beside each p ("Supported", "Diterima",
"Rejected", "Ditolak"). :mod:`.tables.rows` keeps it as the table's ``decisions`` ("A -> B" ->
``{verdict_printed, hypothesis?}``); :func:`add_decision_claims` turns each into a claim of that table
(``{path, verdict_published, verdict_printed}`` under the row's hypothesis number, or its path), which
``claim_verdict`` compares with the row's p. A claim the prose already makes for the same path with the
same verdict (``tables.hypotheses``, ``tables.mediation_claims``, by :mod:`.prose`) is not repeated; a
verdict the table prints differently from the prose is kept (both are checked).
"""
from __future__ import annotations

from collections.abc import Mapping

from ..audit.verdicts import verdict_of

__all__ = ["add_decision_claims"]


def _path(text) -> str:
    return " -> ".join(part.strip() for part in str(text).split("->"))


def _prose_claims(tables: Mapping) -> set[tuple[str, str]]:
    """``(path, verdict)`` of every claim the prose gave (hypotheses, mediation claims)."""
    entries = list((tables.get("hypotheses") or {}).values()) + list(tables.get("mediation_claims") or [])
    return {(_path(e["path"]), str(e["verdict_published"])) for e in entries
            if isinstance(e, Mapping) and e.get("path") and e.get("verdict_published")}


def add_decision_claims(tables: dict) -> list[tuple[str, str, str]]:
    """Add each table's ``decisions`` as claims of the table (in place).

    Parameters
    ----------
    tables : dict
        The extracted tables (``published["tables"]``), after the prose added its hypotheses.

    Returns
    -------
    list of tuple
        ``(what, where, reason)`` for each printed verdict that is no verdict word (left out).
    """
    made = _prose_claims(tables)
    skipped = []
    for table_id, table in list(tables.items()):
        if not isinstance(table, Mapping) or not isinstance(table.get("decisions"), Mapping):
            continue
        for path, decision in table["decisions"].items():
            verdict = verdict_of(decision["verdict_printed"])
            if verdict is None:
                skipped.append(("decision", f"{table_id}, {path}",
                                f"{decision['verdict_printed']!r} is no verdict (supported/rejected)"))
                continue
            if (_path(path), verdict) in made:
                continue
            key = decision.get("hypothesis") or path
            while key in table:
                key += "_2"
            table[key] = {"path": path, "verdict_published": verdict, "verdict_printed": decision["verdict_printed"]}
    return skipped
