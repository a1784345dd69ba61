"""The respondent profile: blocks of categories with counts (and percents), each block's total.

A line with a label and no number opens a block (``Jenis Usaha``); a line with a code or label
and a count is a category of the current block (``1. Makanan/Minuman  100``; ``3.  Tiktok  36``;
a second number, or one followed by ``%``, is its percent); in a table whose first column names the block
and second the category (``Karakteristik | Kategori | Jumlah``), a row with both opens the block at its
first category (``| Jenis Kelamin | Laki-laki | 112 |``); a line whose label says
"Total"/"Jumlah" gives the current block's total, wherever a page break has put it (the
example's ``Outer  Total  140  Model``, printed between the e-commerce block's categories 2
and 3: the block is still open, so the total is its; the stray words are ignored).
"""
from __future__ import annotations

import re

from .cells import cells_of, split_row
from .find import Region
from .values import Parsed, slug

__all__ = ["parse_respondents"]

_TOTAL = re.compile(r"\b(?:total|jumlah|sum)\b", re.IGNORECASE)


def _block_cell(line):
    """The block a row opens in its first cell and the category label in its next ones, or None.

    A row of cells whose first two cells are non-empty labels and whose remaining cells hold its numbers.
    """
    cells = cells_of(line)
    if len(cells) < 3 or not cells[0].plain or cells[0].numbers:
        return None
    k = 1
    while k < len(cells) and cells[k].plain and not cells[k].numbers:
        k += 1
    if k == 1 or not any(c.numbers for c in cells[k:]):
        return None
    return cells[0], " ".join(c.plain for c in cells[1:k])


def parse_respondents(region: Region) -> Parsed:
    """``blocks: {slug: {label, categories: {code: {label, n, percent?}}, total}}`` and ``header``."""
    parsed = Parsed()
    if region.header:
        header = region.header[0]
        parsed.set(("header",), [c.plain for c in cells_of(header) if c.plain] if header.text.strip().startswith("|")
                   else [c for c in re.split(r"\t| {2,}", header.text.strip()) if c])
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
        split = _block_cell(line) if values and not row.code else None
        if split is not None:
            block = _open(parsed, split[0].plain, line.number, opened)
            label = split[1]
        else:
            label = row.label
        if not values:
            if row.label:
                block = _open(parsed, row.label, line.number, opened)
            continue
        if block is None:
            parsed.skipped.append((line.number, "a category before any block"))
            continue
        categories = parsed.data["blocks"][block].setdefault("categories", {})
        code = int(row.code) if row.code else len(categories) + 1
        if values[0].decimals is not None and values[0].count is None:
            parsed.skipped.append((line.number, f"count {values[0].text!r} is not a whole number"))
            continue
        parsed.set(("blocks", block, "categories", code, "label"), label)
        parsed.put(("blocks", block, "categories", code, "n"), values[0], count=True)
        if len(values) > 1:
            parsed.put(("blocks", block, "categories", code, "percent"), values[1], column="percent")
    for key in [k for k, b in parsed.data.get("blocks", {}).items() if not b.get("categories")]:
        parsed.skipped.append((opened[key], f"block {parsed.data['blocks'][key]['label']!r} has no categories"))
        del parsed.data["blocks"][key]  # a heading row of the table ("Characteristic  n  %"), not a block
    return parsed


def _open(parsed: Parsed, label: str, number: int, opened: dict) -> str:
    """Open the block ``label`` (printed at line ``number``); its key."""
    block = slug(label)
    if block in parsed.data.get("blocks", {}):
        parsed.skipped.append((number, f"block {label!r} printed twice"))
    parsed.set(("blocks", block, "label"), label)
    opened.setdefault(block, number)
    return block
