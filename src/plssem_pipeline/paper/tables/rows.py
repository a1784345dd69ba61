"""The rows of the list-shaped tables: loadings and construct statistics, R², effects, VIF and f² lists.

Each parser reads a :class:`~.find.Region`'s body lines with :func:`.cells.split_row` and maps a
row's values to the header's columns (:func:`.kinds.columns`): with cells (tabs, aligned
spaces) by position, an empty cell being an empty column; in a flattened line in order. A row
whose values do not fit the columns is skipped with the reason (never guessed).

Keys written (those of ``data/published/*.yaml``, read by :mod:`plssem_pipeline.audit.published`
and :mod:`plssem_pipeline.audit.published_matrices`):

* ``loadings`` (indicator -> λ; ``indicator_constructs``: indicator -> the construct of its matrix column, or
  the construct cell printed before it in a list), ``verdict`` (item -> the printed word), and the construct
  statistics ``ave``, ``cronbach_alpha``, ``composite_reliability``, ``rho_a``, ``rho_c``, ``r2``,
  ``r2_adj`` (construct -> value); a construct statistic printed on an indicator's row (a merged
  cell, as the example's AVE on EC4) belongs to the indicator's construct (:func:`.values.construct_of`);
* ``rows`` ("A -> B" -> ``{original, mean, sd, t, p}``) and, from a verdict column, ``decisions``
  ("A -> B" -> ``{verdict_printed, hypothesis?}``, made claims by :mod:`plssem_pipeline.paper.decisions`);
* ``vif`` (indicator or "A -> B" -> VIF), ``f_square`` ("A -> B" -> f²).
"""
from __future__ import annotations

import re

from .cells import Row, split_row
from .find import Region
from .matrices import header_names
from .values import Parsed, construct_of, path_label

__all__ = ["parse_measurement", "parse_effects", "parse_list"]

_CONSTRUCT_COLUMNS = ("cronbach_alpha", "rho_a", "rho_c", "composite_reliability", "ave", "r2", "r2_adj")
_HYPOTHESIS = re.compile(r"^\s*(H\d+[a-z]?)\b", re.IGNORECASE)
_INDICATOR = re.compile(r"^(?:.*\s)?([A-Za-z][A-Za-z_.]*[\s_.-]?\d+[a-z]?)$")
_DEFAULT = {"convergent_validity": ["loading", "ave"], "r_squared": ["r2", "r2_adj"],
            "reliability": ["cronbach_alpha", "composite_reliability", "ave"]}


def _rows(region: Region, parsed: Parsed, *, trailing_numbers: bool = False) -> list[Row]:
    rows = []
    for line in region.body:
        if not line.text.strip():
            continue
        row = split_row(line, trailing_numbers=trailing_numbers)
        if not row.label and row.values:
            parsed.skipped.append((line.number, "numbers without a row label"))
        elif row.label and any(v is not None for v in row.values):
            rows.append(row)
    return rows


def _fit(row: Row, columns: list[str], parsed: Parsed) -> dict | None:
    """column -> Number for a row, or None (skipped) when the values do not fit the columns."""
    if len(row.values) > len(columns):
        parsed.skipped.append((row.line.number, f"{len(row.values)} values for {len(columns)} columns "
                                                f"({', '.join(columns)})"))
        return None
    return {column: value for column, value in zip(columns, row.values) if value is not None}


def _loadings_matrix(region: Region, names: list[str]) -> Parsed:
    """SmartPLS 4's "Outer loadings - Matrix": indicators down, constructs across, one loading a row.

    ``loadings`` (indicator -> λ) and, when cells give the column, ``indicator_constructs``
    (indicator -> the construct of its column).
    """
    parsed = Parsed()
    for row in _rows(region, parsed):
        filled = [(k, v) for k, v in enumerate(row.values) if v is not None]
        if not _INDICATOR.match(row.label) or len(filled) != 1 or len(row.values) > len(names):
            parsed.skipped.append((row.line.number, f"loadings matrix row {row.label!r}: expected an indicator "
                                                    f"and one loading under one of {', '.join(names)}"))
            continue
        column, number = filled[0]
        parsed.put(("loadings", row.label), number, column="loadings")
        if row.cells:
            parsed.set(("indicator_constructs", row.label), names[column])
    return parsed


def parse_measurement(region: Region) -> Parsed:
    """Loadings and construct statistics (kinds convergent_validity, reliability, r_squared)."""
    names = header_names(region) if region.kind == "convergent_validity" and not region.columns else []
    if len(names) >= 2:
        return _loadings_matrix(region, names)
    parsed = Parsed()
    columns = region.columns or _DEFAULT[region.kind]
    for row in _rows(region, parsed):
        fitted = _fit(row, columns, parsed)
        if fitted is None:
            continue
        indicator = _INDICATOR.match(row.label) if "loading" in columns else None
        item = indicator.group(1) if indicator else row.label
        construct = construct_of(item) if indicator else row.label
        named = row.label[:indicator.start(1)].strip() if indicator and row.cells else ""
        for column, number in fitted.items():
            if column == "loading" and indicator:
                parsed.put(("loadings", item), number, column="loadings")
                if named:  # "Construct | Indicator | Outer loading": the construct printed beside its indicator
                    parsed.set(("indicator_constructs", item), named)
            elif column in _CONSTRUCT_COLUMNS:
                if construct in parsed.data.get(column, {}):
                    parsed.skipped.append((row.line.number, f"a second {column} for {construct}"))
                    continue
                parsed.put((column, construct), number)
            elif column == "vif":
                parsed.put(("vif", item), number)
            else:
                parsed.skipped.append((row.line.number, f"{column} on a row that is no indicator ({row.label})"))
        if row.words:
            parsed.set(("verdict", item), row.words[0])
    return parsed


def parse_effects(region: Region) -> Parsed:
    """Rows ``"A -> B"``/``"A -> M -> B"`` with O, M, STDEV, T, P (path, indirect and total effects tables)."""
    parsed = Parsed()
    columns = region.columns or ["original", "mean", "sd", "t", "p"]
    for row in _rows(region, parsed):
        path = path_label(row.label)
        if path is None:
            parsed.skipped.append((row.line.number, f"row label {row.label!r} is no path 'A -> B'"))
            continue
        fitted = _fit(row, columns, parsed)
        if fitted is None:
            continue
        for column, number in fitted.items():
            parsed.put(("rows", path, column), number, column=column)
        if row.words:  # a "Decision"/"Keputusan" column: the verdict printed on the row, with its H number
            decision = {"verdict_printed": " ".join(row.words)}
            number = _HYPOTHESIS.match(row.label)
            if number:
                decision["hypothesis"] = number.group(1).upper()
            parsed.set(("decisions", path), decision)
    return parsed


def parse_list(region: Region, key: str) -> Parsed:
    """One value per row (``vif``: indicator or path -> VIF; ``f_square``: path -> f²)."""
    parsed = Parsed()
    for row in _rows(region, parsed):
        path = path_label(row.label)
        label = path or row.label
        if key == "f_square" and path is None:
            parsed.skipped.append((row.line.number, f"f² row {row.label!r} is no path 'A -> B'"))
            continue
        if len([v for v in row.values if v is not None]) != 1:
            parsed.skipped.append((row.line.number, f"expected one {key} value, found {len(row.values)}"))
            continue
        parsed.put((key, label), next(v for v in row.values if v is not None))
    return parsed
