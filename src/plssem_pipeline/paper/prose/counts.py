"""Counts quoted in the prose about the respondent table ("Makanan/ minuman yaitu sebanyak 100 orang").

For every category of the tables' respondent blocks, each place where the prose names its label
(compared without case, spaces and punctuation; the prose's name may stop before a bracketed
remark of the label, "Di bawah 300 jt (usaha mikro)" as "dibawah 300jt") with a whole number (not a
percent) right after it ("Shopee sebanyak 59", "female (n = 71)") or, failing that, right before it
("71 were female") is a count for that category. A label that two categories share is not used.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..numbers import numbers_in
from .context import ProseContext

__all__ = ["read_counts"]


_NON_KEY = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")


def _key(text: str) -> str:
    return _NON_KEY.sub("", text.lower())


def _labels(tables: Mapping) -> list[tuple[str, str, str, str]]:
    """``(block, category, key, label)`` of every category, longest key first."""
    out = []
    for table in tables.values():
        if isinstance(table, Mapping) and isinstance(table.get("blocks"), Mapping):
            for block, spec in table["blocks"].items():
                for code, cat in ((spec or {}).get("categories") or {}).items():
                    label = str(cat.get("label") or "")
                    short = re.sub(r"\s*\(.*?\)\s*$", "", label)
                    for variant in {label, short}:
                        if len(_key(variant)) >= 4:
                            out.append((str(block), str(code), _key(variant), label))
    return sorted(out, key=lambda x: -len(x[2]))


_AFTER_GAP = re.compile(r"^(?:\s*(?:[:=()]|yaitu|adalah|sebanyak|sejumlah|berjumlah|of|with|n\s*=)\s*)*\s*$",
                        re.IGNORECASE)
_BEFORE_GAP = re.compile(r"^\s*(?:\(\s*[\d.,]+\s*%\s*\)\s*)?(?:(?:were|are|was|is|respondents?|orang|responden)\s*)*$",
                         re.IGNORECASE)


def _whole(numbers):
    return [n for n in numbers if n.decimals is None and not n.percent]


def _after(s, end: int, stop: int):
    """The whole number just after a label ("Shopee sebanyak 59", "female (n = 71)"), if any."""
    numbers = _whole(numbers_in(s.text[end:stop], s.start + end))
    if numbers and _AFTER_GAP.match(s.text[end:numbers[0].start - s.start]):
        return numbers[0]
    return None


def _before(s, start: int, begin: int):
    """The whole number just before a label ("71 were female"), if any."""
    numbers = _whole(numbers_in(s.text[start:begin], s.start + start))
    if numbers and _BEFORE_GAP.match(s.text[numbers[-1].end - s.start:begin]):
        return numbers[-1]
    return None


def read_counts(ctx: ProseContext) -> list[dict]:
    """``{block, category, label, n, location, line}`` for each count the prose gives a category."""
    labels = _labels(ctx.tables)
    if not labels:
        return []
    out, seen = [], set()
    by_key, ambiguous = {}, set()
    for block, code, key, label in labels:
        if by_key.get(key, (block, code))[:2] != (block, code):
            ambiguous.add(key)   # the same label in two blocks ("Lainnya"): which one is not known
        by_key.setdefault(key, (block, code, label))
    keys = [key for key in by_key if key not in ambiguous]   # longest first, as _labels sorts them
    if not keys:
        return []
    pattern = re.compile("|".join(re.escape(key) for key in keys))
    for s in ctx.sentences:
        if not _DIGIT.search(s.text) or not pattern.search(_NON_KEY.sub("", s.text.lower())):
            continue   # no number, or no label (compared as _key compares): the character map is not needed
        chars = [(i, c) for i, c in enumerate(s.text) if c.isalnum()]
        flat = "".join(c.lower() for _, c in chars)
        hits = []
        for m in pattern.finditer(flat):
            begin, end = chars[m.start()][0], chars[m.end() - 1][0] + 1
            if (begin and s.text[begin - 1].isalnum()) or (end < len(s.text) and s.text[end].isalnum()):
                continue
            hits.append((begin, end, *by_key[m.group()]))
        hits.sort()
        for k, (begin, end, block, code, label) in enumerate(hits):
            number = _after(s, end, hits[k + 1][0] if k + 1 < len(hits) else len(s.text)) or _before(
                s, hits[k - 1][1] if k else 0, begin)
            if number is None or (block, code, s.start) in seen:
                continue
            seen.add((block, code, s.start))
            ctx.record(f"prose.counts[{len(out)}].n", number.start, number.end)
            out.append({"block": block, "category": code, "label": label, "n": int(number.value),
                        **ctx.place(number.start)})
    return out
