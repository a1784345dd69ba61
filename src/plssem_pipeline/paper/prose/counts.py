"""Counts quoted in the prose about the respondent table ("Makanan/ minuman yaitu sebanyak 100 orang").

For every category of the tables' respondent blocks, each place where the prose names its label
(compared without case, spaces and punctuation; the prose's name may stop before a bracketed
remark of the label, "Di bawah 300 jt (usaha mikro)" as "dibawah 300jt") followed, before any
other label, by a whole number (not a percent) is a count for that category.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..numbers import numbers_in
from .context import ProseContext

__all__ = ["read_counts"]


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


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


def read_counts(ctx: ProseContext) -> list[dict]:
    """``{block, category, label, n, location, line}`` for each count the prose gives a category."""
    labels = _labels(ctx.tables)
    if not labels:
        return []
    out, seen = [], set()
    for s in ctx.sentences:
        chars = [(i, c) for i, c in enumerate(s.text) if c.isalnum()]
        flat = "".join(c.lower() for _, c in chars)
        hits = []
        for block, code, key, label in labels:
            for m in re.finditer(re.escape(key), flat):
                begin, end = chars[m.start()][0], chars[m.end() - 1][0] + 1
                if not any(b <= begin < e or b < end <= e for b, e, *_ in hits):
                    hits.append((begin, end, block, code, label))
        hits.sort()
        for k, (begin, end, block, code, label) in enumerate(hits):
            stop = hits[k + 1][0] if k + 1 < len(hits) else len(s.text)
            numbers = [n for n in numbers_in(s.text[end:stop], s.start + end) if n.decimals is None]
            if not numbers or numbers[0].percent or (block, code, s.start) in seen:
                continue
            if re.search(r"[a-z]\s*$", s.text[end:numbers[0].start - s.start], re.IGNORECASE) and not re.search(
                    r"(?:sebanyak|yaitu|adalah|of|were|was|:|=|sejumlah|berjumlah|\))\s*$",
                    s.text[end:numbers[0].start - s.start], re.IGNORECASE) and numbers[0].start - s.start - end > 2:
                continue
            seen.add((block, code, s.start))
            ctx.record(f"prose.counts[{len(out)}].n", numbers[0].start, numbers[0].end)
            out.append({"block": block, "category": code, "label": label, "n": int(numbers[0].value),
                        **ctx.place(numbers[0].start)})
    return out
