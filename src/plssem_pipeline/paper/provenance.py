"""Where every extracted number came from: key path -> ``{line, page, start, end, text}``.

The extractor never invents a number: each numeric leaf it writes into the published-tables
mapping has an entry here whose ``text`` is ``Document.text[start:end]`` and reads back
(:func:`plssem_pipeline.paper.numbers.numbers_in`) to the value written, as a decimal or as a
count. :func:`verify` checks exactly that, for the tests and for anyone reading an extraction.

Key paths join the mapping's keys with ``.`` and list positions with ``[i]``:
``tables.table5_path_coefficients.rows.EC -> IP.p``, ``n``, ``prose.statements[3].value``.
Keys that hold no printed number have no entry (:data:`UNTRACED_KEYS`, and any ``*_decimals``):
``printed_decimals`` and ``decimals`` count the digits of numbers that have spans, ``line`` is a
line number, ``ordinal`` is the number of a word ("hipotesis pertama": 1); nor has ``source``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .document import Document
from .numbers import Number, numbers_in

__all__ = ["span", "key_path", "numeric_leaves", "verify", "UNTRACED_KEYS"]

_PERCENT = re.compile(r"\s?%")

#: Keys whose numbers are not printed numbers of the paper (so they have no span): digits counted, line
#: numbers, an ordinal word's number.
UNTRACED_KEYS = ("printed_decimals", "decimals", "line", "ordinal")


def span(document: Document, number: Number) -> dict:
    """``{line, page, start, end, text}`` of a printed number."""
    line = document.line_at(number.start)
    return {"line": line.number, "page": line.page, "start": number.start, "end": number.end, "text": number.text}


def key_path(keys) -> str:
    """``("tables", "t5", "rows", "EC -> IP", "p")`` -> ``"tables.t5.rows.EC -> IP.p"`` (mapping keys only)."""
    return ".".join(str(key) for key in keys)


def numeric_leaves(data, prefix: str = ""):
    """``(key path, value)`` of every number in ``data`` but ``source``, ``provenance``, :data:`UNTRACED_KEYS`."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if not prefix and key in ("source", "provenance") or key in UNTRACED_KEYS or str(key).endswith("_decimals"):
                continue
            yield from numeric_leaves(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from numeric_leaves(value, f"{prefix}[{i}]")
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        yield prefix, data


def _reads_as(text: str, value, percent: bool = False) -> bool:
    """Whether ``text`` is one number reading as ``value`` (or, ``percent``: followed by "%", as 100·``value``)."""
    found = numbers_in(text)
    if len(found) != 1 or found[0].text != text:
        return False
    n = found[0]
    return (math.isclose(n.value, value, abs_tol=1e-12) or n.count == value
            or percent and math.isclose(n.value / 100, value, abs_tol=1e-12))


def verify(document: Document, published: Mapping) -> list[str]:
    """Every numeric leaf of ``published`` without a span that reads back to it (empty: all traced).

    Parameters
    ----------
    document : Document
        The paper the extraction was read from.
    published : mapping
        The extraction (with its ``provenance``).

    Returns
    -------
    list of str
        One sentence per leaf with no entry, an entry whose ``text`` is not ``document.text[start:end]``,
        or a ``text`` that does not read as the value (a number followed by "%" reads as its percent too:
        "5 %" as α = 0.05).
    """
    provenance = published.get("provenance") or {}
    problems = []
    for path, value in numeric_leaves(published):
        entry = provenance.get(path)
        if entry is None:
            problems.append(f"{path} = {value!r}: no provenance")
        elif document.text[entry["start"]:entry["end"]] != entry["text"]:
            problems.append(f"{path}: text {entry['text']!r} is not the document's {entry['start']}:{entry['end']}")
        elif not _reads_as(entry["text"], value, _PERCENT.match(document.text, entry["end"]) is not None):
            problems.append(f"{path} = {value!r}: printed {entry['text']!r} does not read as it")
    return problems
