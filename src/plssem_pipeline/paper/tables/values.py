"""A table's parsed content: the YAML mapping, the number behind every value, and what was skipped.

:class:`Parsed` collects what the row parsers (:mod:`.rows`, :mod:`.respondents`, :mod:`.matrices`) read:
:meth:`Parsed.put` writes a value at a key path of the table's mapping and keeps the printed
:class:`~plssem_pipeline.paper.numbers.Number` it came from, so every number written has a span.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..numbers import Number

__all__ = ["Parsed", "count_of", "slug", "path_label", "construct_of"]

_ARROW = re.compile(r"\s*(?:->|-->|—>|–>|→|⟶|- >|=>)\s*")


@dataclass
class Parsed:
    """The mapping of one table (``data``), ``numbers``: key path -> Number, and ``skipped`` (line, reason)."""

    data: dict = field(default_factory=dict)
    numbers: dict[tuple, Number] = field(default_factory=dict)
    decimals: dict[str, list[int]] = field(default_factory=dict)
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def put(self, keys: tuple, number: Number, *, count: bool = False, column: str | None = None) -> None:
        """Write ``number`` (its decimal reading, or its count when ``count``) at ``data[keys[0]][keys[1]]...``."""
        node = self.data
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = count_of(number) if count else number.value
        self.numbers[keys] = number
        if not count and number.decimals is not None:
            self.decimals.setdefault(column or keys[0], []).append(number.decimals)

    def set(self, keys: tuple, value) -> None:
        """Write a value that is no number (a label, a verdict word)."""
        node = self.data
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value

    def printed_decimals(self):
        """One int when every column printed the same decimals, else column -> the most frequent decimals."""
        per_column = {column: Counter(d).most_common(1)[0][0] for column, d in self.decimals.items()}
        if not per_column:
            return None
        values = set(per_column.values())
        return values.pop() if len(values) == 1 else per_column


def count_of(number: Number) -> int:
    """A count's integer reading (``"140"`` -> 140; ``"1.234"`` -> 1234)."""
    if number.count is not None:
        return number.count
    if number.decimals is None:
        return int(number.value)
    raise ValueError(f"{number.text!r} is not a count")


def slug(text: str) -> str:
    """``"E-commerce yang digunakan"`` -> ``"e_commerce_yang_digunakan"``."""
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_") or "block"


def path_label(text: str) -> str | None:
    """``"EC → IP"`` -> ``"EC -> IP"``; None when the text is no path (fewer than two named nodes)."""
    text = re.sub(r"^\s*H\d+[a-z]?\s*[:.]?\s+", "", text)  # a hypothesis number before the path
    nodes = [n.strip() for n in _ARROW.split(text)]
    return " -> ".join(nodes) if len(nodes) >= 2 and all(nodes) else None


def construct_of(indicator: str) -> str:
    """The construct an indicator name belongs to by its prefix: ``"EC1"`` -> ``"EC"``, ``"KP_3"`` -> ``"KP"``."""
    return re.sub(r"[\s_.-]*\d+[a-z]?$", "", indicator) or indicator
