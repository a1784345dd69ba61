"""Construct-by-construct and indicator-by-construct matrices: Fornell–Larcker, HTMT, f², cross-loadings.

A Fornell–Larcker or HTMT matrix lists the same constructs down and across, so its columns are its
row labels in order (an HTMT matrix without the first construct's empty row: the header's names).
The columns of cross-loadings and an f² matrix are the header's names (cells, or the words of a
flattened header), the last as many as the widest row needs. Values go to columns
by cell position, or in order in a flattened line (a lower triangle is left-aligned). Written as
``fornell_larcker``/``htmt``: row -> column -> value; ``f_square``: "row -> column" -> f²;
``cross_loadings``: indicator -> construct -> loading.
"""
from __future__ import annotations

import re

from ..document import plain
from .cells import cells_of, split_row
from .find import Region
from .values import Parsed

__all__ = ["parse_matrix", "header_names"]

_CORNER = re.compile(r"^(?:indikator|indicator|item|items|variabel|variable|construct|konstruk|latent)s?$",
                     re.IGNORECASE)


def header_names(region: Region) -> list[str]:
    """The names of the header's last line (cells, or the words of a flattened line), a corner word left out."""
    if not region.header:
        return []
    line = region.header[-1]
    cells = [c.plain for c in cells_of(line) if c.plain]
    names = cells if len(cells) > 1 else plain(line.text).split()
    return [n for n in names if not _CORNER.match(n)]


def parse_matrix(region: Region, key: str) -> Parsed:
    """``key`` one of ``fornell_larcker``, ``htmt``, ``f_square``, ``cross_loadings``."""
    parsed = Parsed()
    rows = []
    for line in region.body:
        if line.text.strip():
            row = split_row(line)
            if row.label:
                rows.append(row)
    header = header_names(region)
    width = max((len(r.values) for r in rows), default=0)
    labels = [r.label for r in rows]
    columns = None
    if key in ("fornell_larcker", "htmt"):
        if key == "htmt" and rows and any(v is not None for v in rows[0].values):
            # the first construct's empty row is not printed: the header names the columns
            columns = header if len(header) == len(labels) + 1 else None
        else:
            columns = labels  # the same constructs down and across (a header of names with spaces is no help)
    elif header and len(header) >= width:
        columns = header[len(header) - width:] if key == "cross_loadings" else header
    if columns is None:
        parsed.skipped.append((region.body[0].number if region.body else 0,
                               f"{key}: cannot tell the columns (header {header!r}, rows of {width} values)"))
        return parsed
    for row in rows:
        if len(row.values) > len(columns):
            parsed.skipped.append((row.line.number, f"{len(row.values)} values for {len(columns)} columns"))
            continue
        for column, number in zip(columns, row.values):
            if number is None:
                continue
            if key == "f_square":
                parsed.put(("f_square", f"{row.label} -> {column}"), number)
            else:
                parsed.put((key, row.label, column), number)
    return parsed
