"""A paper's results tables, read from its text: found, classified, parsed (:func:`read_tables`).

* :mod:`.find` — where the tables are (caption or header row; header and body lines);
* :mod:`.kinds` — what a table is and what its columns are, from caption and header (en, id);
* :mod:`.cells` — a line cut into cells (tabs, aligned spaces) or read flattened;
* :mod:`.rows`, :mod:`.respondents`, :mod:`.matrices` — the rows of each kind;
* :mod:`.values` — the parsed mapping and the printed number behind every value.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, plain
from .cells import cells_of
from .find import Region, find_regions
from .matrices import parse_matrix
from .respondents import parse_respondents
from .rows import parse_effects, parse_list, parse_measurement
from .values import Parsed

__all__ = ["Table", "read_tables", "find_regions", "Region"]

_PARSERS = {
    "respondents": parse_respondents,
    "convergent_validity": parse_measurement,
    "reliability": parse_measurement,
    "r_squared": parse_measurement,
    "path_coefficients": parse_effects,
    "specific_indirect": parse_effects,
    "total_indirect": parse_effects,
    "total_effects": parse_effects,
    "fornell_larcker": lambda region: parse_matrix(region, "fornell_larcker"),
    "htmt": lambda region: parse_matrix(region, "htmt"),
    "cross_loadings": lambda region: parse_matrix(region, "cross_loadings"),
    "f_square": lambda region: (parse_list(region, "f_square") if any("->" in line.text or "→" in line.text
                                                                      for line in region.body)
                                else parse_matrix(region, "f_square")),
    "vif": lambda region: parse_list(region, "vif"),
}


@dataclass
class Table:
    """A results table: ``id`` (``table5_path_coefficients``), its region and its parsed content."""

    id: str
    region: Region
    parsed: Parsed


def _printed_header(region: Region) -> list[str]:
    """The header's cells as printed (a flattened or wrapped header: its lines)."""
    cells = [c.plain for c in cells_of(region.header[0])]
    if len(region.header) == 1 and len(cells) > 1:
        return cells
    return [plain(line.text).strip() for line in region.header]


def read_tables(document: Document) -> list[Table]:
    """Every results table of ``document``, parsed, in document order (tables of no known kind left out).

    The id is ``table<N>_<kind>`` with N the printed table number (the order among the found
    tables when there is no caption); a second table with the same id gets ``_2``.

    Parameters
    ----------
    document : Document

    Returns
    -------
    list of Table
        Tables whose parse gave at least one number.
    """
    tables, seen = [], set()
    for order, region in enumerate(find_regions(document), start=1):
        if region.kind is None:
            continue
        parsed = _PARSERS[region.kind](region)
        if not parsed.numbers:
            continue
        table_id = f"table{region.number if region.number is not None else order}_{region.kind}"
        while table_id in seen:
            table_id += "_2"
        seen.add(table_id)
        data = {"caption": region.caption}
        if region.caption_line is not None:
            data["location"] = document.where(region.caption_line.start)
        else:
            data["location"] = document.where(region.header[0].start if region.header else region.body[0].start)
        if region.header and region.kind != "respondents":
            data["columns_printed"] = _printed_header(region)
        if region.source_line is not None:
            data["source_line"] = plain(region.source_line.text).strip()
        decimals = parsed.printed_decimals()
        if decimals is not None:
            data["printed_decimals"] = decimals
        data.update(parsed.data)
        parsed.data = data
        tables.append(Table(table_id, region, parsed))
    return tables
