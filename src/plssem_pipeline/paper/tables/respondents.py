"""The respondent profile: blocks of categories with counts (and percents), each block's total.

A line with a label and no number opens a block (``Jenis Usaha``); a line with a code or label
and a count is a category of the current block (``1. Makanan/Minuman  100``; ``3.  Tiktok  36``;
a second number, or one followed by ``%``, is its percent); a line whose label says
"Total"/"Jumlah" gives the current block's total, wherever a page break has put it (the
example's ``Outer  Total  140  Model``, printed between the e-commerce block's categories 2
and 3: the block is still open, so the total is its; the stray words are ignored).
"""
from __future__ import annotations

import re

from .cells import split_row
from .find import Region
from .values import Parsed, slug

__all__ = ["parse_respondents"]

_TOTAL = re.compile(r"\b(?:total|jumlah|sum)\b", re.IGNORECASE)


def parse_respondents(region: Region) -> Parsed:
    """``blocks: {slug: {label, categories: {code: {label, n, percent?}}, total}}`` and ``header``."""
    parsed = Parsed()
    if region.header:
        parsed.set(("header",), [c for c in re.split(r"\t| {2,}", region.header[0].text.strip()) if c])
    block, opened = None, {}
    for line in region.body:
        if not line.text.strip():
            continue
        row = split_row(line, trailing_numbers=True)
        values = [v for v in row.values if v is not None]
        if _TOTAL.search(row.label) and values:
            if block is None:
                parsed.skipped.append((line.number, "a total before any block"))
                continue
            parsed.put(("blocks", block, "total"), values[0], count=True)
            continue
        if values and not row.label and not row.code:
            parsed.skipped.append((line.number, "numbers without a category label"))
            continue
        if not values:
            if row.label:
                block = slug(row.label)
                if block in parsed.data.get("blocks", {}):
                    parsed.skipped.append((line.number, f"block {row.label!r} printed twice"))
                parsed.set(("blocks", block, "label"), row.label)
                opened.setdefault(block, line.number)
            continue
        if block is None:
            parsed.skipped.append((line.number, "a category before any block"))
            continue
        categories = parsed.data["blocks"][block].setdefault("categories", {})
        code = int(row.code) if row.code else len(categories) + 1
        if values[0].decimals is not None and values[0].count is None:
            parsed.skipped.append((line.number, f"count {values[0].text!r} is not a whole number"))
            continue
        parsed.set(("blocks", block, "categories", code, "label"), row.label)
        parsed.put(("blocks", block, "categories", code, "n"), values[0], count=True)
        if len(values) > 1:
            parsed.put(("blocks", block, "categories", code, "percent"), values[1], column="percent")
    for key in [k for k, b in parsed.data.get("blocks", {}).items() if not b.get("categories")]:
        parsed.skipped.append((opened[key], f"block {parsed.data['blocks'][key]['label']!r} has no categories"))
        del parsed.data["blocks"][key]  # a heading row of the table ("Characteristic  n  %"), not a block
    return parsed
