"""The discriminant-validity and collinearity tables of a published-tables file, for :mod:`.consistency.discriminant`.

Keys read in any table (written by the paper extractor, :mod:`plssem_pipeline.paper.tables`, or by
hand; ``docs/pipeline.md``, section "Audit"):

``fornell_larcker``, ``htmt``
    row construct -> column construct -> value (a lower triangle as printed; the Fornell–Larcker
    diagonal is √AVE, the off-diagonal the construct correlations);
``cross_loadings``
    indicator -> construct -> loading;
``f_square``
    ``"A -> B"`` -> f²;
``vif``
    indicator (outer VIF) or ``"A -> B"`` (inner VIF) -> VIF;
``discriminant_verdict``
    what the paper concludes from the table (``{verdict: established | not established,
    threshold, text, location}``; ``threshold`` the HTMT bound the text states).

Every value is a :class:`~.printed.Printed` with the table's ``printed_decimals``.
:func:`parse_matrices` is called by :func:`plssem_pipeline.audit.published.parse_published`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import UserError
from .printed import Printed

__all__ = ["Matrices", "DiscriminantVerdict", "parse_matrices"]

Entry = tuple[str, Printed]  # (table id, printed value)


@dataclass(frozen=True)
class DiscriminantVerdict:
    """The paper's conclusion on discriminant validity from one table (``kind`` fornell_larcker or htmt)."""

    table: str
    kind: str
    established: bool
    threshold: Printed | None
    text: str
    location: str


@dataclass
class Matrices:
    """``fornell_larcker``/``htmt``: (row, column) -> entry; ``cross_loadings``: (indicator, construct) -> entry;
    ``f_square``: (source, target) -> entry; ``vif``: indicator or "A -> B" -> entry."""

    fornell_larcker: dict[tuple[str, str], Entry] = field(default_factory=dict)
    htmt: dict[tuple[str, str], Entry] = field(default_factory=dict)
    cross_loadings: dict[tuple[str, str], Entry] = field(default_factory=dict)
    f_square: dict[tuple[str, str], Entry] = field(default_factory=dict)
    vif: dict[str, Entry] = field(default_factory=dict)
    verdicts: list[DiscriminantVerdict] = field(default_factory=list)


def _printed(value, where: str, file: str, decimals: int | None) -> Printed:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise UserError(f"{where}: expected a finite number, got {value!r}", file=file)
    return Printed(float(value), decimals)


def _decimals(table: Mapping, key: str, default: int) -> int:
    spec = table.get("printed_decimals", default)
    return int(spec.get(key, default)) if isinstance(spec, Mapping) else int(spec)


def parse_matrices(data: Mapping, *, file: str = "published tables", default_decimals: int = 3) -> Matrices:
    """Read every table's ``fornell_larcker``, ``htmt``, ``cross_loadings``, ``f_square``, ``vif``.

    Parameters
    ----------
    data : mapping
        The published-tables document (its ``tables:``).
    file : str
        Its name, for messages.
    default_decimals : int
        Decimals of a table without ``printed_decimals``.

    Returns
    -------
    Matrices

    Raises
    ------
    UserError
        Naming the key of a value that is not a finite number, or an f²/VIF path that is no ``"A -> B"``.
    """
    out = Matrices()
    for table_id, table in (data.get("tables") or {}).items():
        if not isinstance(table, Mapping):
            continue
        where = f"tables.{table_id}"
        for key in ("fornell_larcker", "htmt", "cross_loadings"):
            decimals = _decimals(table, key, default_decimals)
            for row, cells in (table.get(key) or {}).items():
                if not isinstance(cells, Mapping):
                    raise UserError(f"{where}.{key}.{row}: expected a mapping column -> value", file=file)
                for column, value in cells.items():
                    getattr(out, key)[(str(row), str(column))] = (str(table_id), _printed(
                        value, f"{where}.{key}.{row}.{column}", file, decimals))
        for label, value in (table.get("f_square") or {}).items():
            nodes = tuple(part.strip() for part in str(label).split("->"))
            if len(nodes) != 2 or not all(nodes):
                raise UserError(f"{where}.f_square: {label!r} is not a path 'A -> B'", file=file)
            out.f_square[nodes] = (str(table_id), _printed(value, f"{where}.f_square.{label}", file,
                                                           _decimals(table, "f_square", default_decimals)))
        for item, value in (table.get("vif") or {}).items():
            out.vif[str(item)] = (str(table_id), _printed(value, f"{where}.vif.{item}", file,
                                                          _decimals(table, "vif", default_decimals)))
        verdict = table.get("discriminant_verdict")
        if isinstance(verdict, Mapping) and verdict.get("verdict"):
            kind = "htmt" if table.get("htmt") else "fornell_larcker"
            threshold = verdict.get("threshold")
            out.verdicts.append(DiscriminantVerdict(
                str(table_id), kind, str(verdict["verdict"]).strip().lower() == "established",
                None if threshold is None else _printed(threshold, f"{where}.discriminant_verdict.threshold", file,
                                                        verdict.get("threshold_decimals")),
                str(verdict.get("text", "")), str(verdict.get("location", ""))))
    return out
