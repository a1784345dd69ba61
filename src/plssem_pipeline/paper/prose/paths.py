"""Which path of the tables a piece of prose is about, from the constructs it names.

A sentence names constructs (:meth:`Names.mentions`); the tables' rows say which paths exist.
Two distinct constructs name the path between them in the direction the tables have (the text's
order when both directions exist). A sentence about mediation ("mediasi", "mediates", "through",
"indirect", or two arrows "X → M → Y")
names an indirect effect: "between A and B" / "antara A dan B" picks the only indirect
row from A to B, else the constructs named must be exactly one indirect row's. Anything else is
unresolved (None): never guessed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["Paths", "MEDIATION"]

MEDIATION = re.compile(r"mediasi|memediasi|dimediasi|mediat|intervening|indirect|tidak langsung|\bmelalui\b|"
                       r"\bthrough\b|\bvia\b|(?:→|->|⟶|=>)[^→>]*(?:→|->|⟶|=>)", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:antara|between)\s+(?:variabel\s+|the\s+)?$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:dan|and|&)\s+(?:variabel\s+|the\s+)?$", re.IGNORECASE)


class Paths:
    """The tables' paths (``("A", "B")``) and indirect effects (``("A", "M", "B")``) with their table ids."""

    def __init__(self, tables: Mapping):
        self.table: dict[tuple[str, ...], str] = {}
        for table_id, table in tables.items():
            if isinstance(table, Mapping) and isinstance(table.get("rows"), Mapping):
                for label in table["rows"]:
                    nodes = tuple(part.strip() for part in str(label).split("->"))
                    if len(nodes) >= 2 and all(nodes):
                        self.table.setdefault(nodes, str(table_id))

    @property
    def indirect(self) -> set[tuple[str, ...]]:
        """The indirect effects (three or more nodes)."""
        return {p for p in self.table if len(p) > 2}

    def resolve(self, text: str, mentions: list[tuple[int, int, str]], *, offset: int = 0,
                directed: bool = False) -> tuple[str, ...] | None:
        """The path ``text`` is about, or None.

        Parameters
        ----------
        text : str
            The prose (a sentence or part of one).
        mentions : list of (start, end, abbreviation)
            The constructs it names, offsets in the same frame as ``offset`` + position in ``text``.
        offset : int
            Offset of ``text``'s first character.
        directed : bool
            Take the text's order as the direction even when the tables lack the path (a hypothesis).

        Returns
        -------
        tuple of str or None
        """
        distinct = list(dict.fromkeys(abbr for _, _, abbr in mentions))
        if len(distinct) < 2:
            return None   # a path or indirect effect names two constructs at least
        if MEDIATION.search(text):
            for (s1, e1, a), (s2, e2, b) in zip(mentions, mentions[1:]):
                if a != b and _BETWEEN.search(text[max(0, s1 - offset - 30):s1 - offset]) and _AND.match(
                        text[e1 - offset:s2 - offset]):
                    found = [p for p in self.indirect if p[0] == a and p[-1] == b]
                    return found[0] if len(found) == 1 else None
            found = [p for p in self.indirect if set(p) == set(distinct) and len(p) == len(distinct)]
            if len(found) == 1:
                return found[0]
            if len(distinct) > 2:
                return None
        if len(distinct) != 2:
            return None
        a, b = distinct
        if (a, b) in self.table or directed:
            return (a, b)
        if (b, a) in self.table:
            return (b, a)
        return None
