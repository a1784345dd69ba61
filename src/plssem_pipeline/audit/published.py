"""A study's published tables (``data/published/*.yaml``), read for the audit.

The file is a transcription of a paper's results tables. The audit reads it by
*content*, not by table name, so any study's file works if it uses these keys
(documented in ``docs/pipeline.md``, section "Audit"):

top level
    ``n`` (sample size), optionally ``bootstrap_samples`` (the paper's B),
    optionally ``prose:`` (what the text says, :mod:`.published_prose`) and
    ``tables:`` — table id -> table. The table id (``table2_convergent_validity``)
    is what the audit writes in its ``table`` column.
in a table
    ``printed_decimals`` (int, or column -> int): the decimals the paper printed;
    ``blocks`` (respondent profile: variable -> ``categories`` code -> ``{n, percent}``,
    ``total``); ``loadings`` (indicator -> value); ``ave``, ``cronbach_alpha``,
    ``composite_reliability`` (variant not stated), ``rho_a``, ``rho_c``, ``r2``,
    ``r2_adj`` (construct -> value); ``rows`` ("A -> B" or "A -> M -> B" ->
    ``{original, mean, sd, t, p}``); ``verdict`` (item -> the paper's word, e.g.
    "Valid"); ``interpretation_published`` with ``thresholds_stated`` (construct ->
    label, label -> lower bound of R²); claims: a list, or a mapping of ids, of
    entries with ``path`` and ``verdict_published`` (and optional ``prose_values``);
    the discriminant-validity and collinearity tables ``fornell_larcker``, ``htmt``,
    ``cross_loadings``, ``f_square``, ``vif`` (:mod:`.published_matrices`).

Every number is kept with its printed rounding (:class:`Printed`): a value
printed with ``d`` decimals stands for the interval ``value ± 0.5·10^-d``.
Counts are exact. YAML drops trailing zeros (``0.590`` is read ``0.59``), so
decimals come from ``printed_decimals``, or from the audit's default.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import UserError
from .printed import Printed
from .verdicts import NEGATIVE_VERDICTS
from .published_matrices import Matrices, parse_matrices
from .published_prose import Prose, parse_prose

__all__ = ["Printed", "Respondents", "EffectRow", "Claim", "Published", "load_published", "parse_published",
           "path_nodes", "NEGATIVE_VERDICTS"]


CONSTRUCT_STATISTICS = ("ave", "cronbach_alpha", "composite_reliability", "rho_a", "rho_c", "r2", "r2_adj")
EFFECT_COLUMNS = ("original", "mean", "sd", "t", "p")


@dataclass(frozen=True)
class Respondents:
    """One block of the respondent table: ``categories`` are ``(code, label, n, percent)``."""

    table: str
    variable: str
    label: str
    categories: tuple[tuple[str, str, Printed, Printed | None], ...]
    total: Printed | None


@dataclass(frozen=True)
class EffectRow:
    """One row of a path-coefficient or indirect-effect table (``nodes`` = the constructs on the path)."""

    table: str
    label: str
    nodes: tuple[str, ...]
    values: Mapping[str, Printed]


@dataclass(frozen=True)
class Claim:
    """A hypothesis or other claim: the path it is about and the paper's verdict."""

    table: str
    id: str
    path: str
    nodes: tuple[str, ...]
    verdict: str
    prose_values: Mapping[str, Printed] = field(default_factory=dict)

    @property
    def supported(self) -> bool:
        return str(self.verdict).strip().lower() not in NEGATIVE_VERDICTS


@dataclass
class Published:
    """Everything the audit can use from a published-tables file, keyed by what it is.

    ``construct_stats[statistic][construct] = (table, Printed)``;
    ``loadings[indicator] = (table, Printed)``; ``effects`` are the rows with two
    nodes (paths) and ``indirect`` those with three or more, both keyed by their
    nodes, one per path: a table's other than a total-effects table's, then the row printing the most
    columns, then the first (a summary table repeating the paths with fewer columns does not hide the
    full table); ``effect_rows`` are every table's rows in print order, each checked on its own, a row
    that repeats another row of its path value for value given once (the one printing more columns); ``verdicts`` are ``(table, item, word)``; ``interpretations`` are
    ``(table, construct, label, thresholds)``; ``captions`` and ``locations`` are table id -> the
    table's ``caption`` and ``location`` hint (where the paper prints it).
    """

    file: str
    n: int | None
    bootstrap_samples: int | None
    citation: str | None
    table_order: list[str] = field(default_factory=list)
    captions: dict[str, str] = field(default_factory=dict)
    locations: dict[str, str] = field(default_factory=dict)
    respondents: list[Respondents] = field(default_factory=list)
    loadings: dict[str, tuple[str, Printed]] = field(default_factory=dict)
    construct_stats: dict[str, dict[str, tuple[str, Printed]]] = field(default_factory=dict)
    effects: dict[tuple[str, ...], EffectRow] = field(default_factory=dict)
    indirect: dict[tuple[str, ...], EffectRow] = field(default_factory=dict)
    effect_rows: list[EffectRow] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)
    interpretations: list[tuple[str, str, str, dict[str, float]]] = field(default_factory=list)
    prose: Prose | None = None
    matrices: Matrices = field(default_factory=Matrices)

    def stat(self, statistic: str) -> dict[str, tuple[str, Printed]]:
        """``construct -> (table, Printed)`` for one construct-level statistic (empty if not published)."""
        return self.construct_stats.get(statistic, {})


def path_nodes(text: str) -> tuple[str, ...]:
    """``"EC -> IP -> KU"`` -> ``("EC", "IP", "KU")``.

    >>> path_nodes(" KP->IP ")
    ('KP', 'IP')
    """
    nodes = tuple(part.strip() for part in str(text).split("->"))
    if len(nodes) < 2 or not all(nodes):
        raise ValueError(f"{text!r} is not a path of the form 'A -> B' or 'A -> M -> B'")
    return nodes


def _number(value, where: str, file: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UserError(f"{where}: expected a number, got {value!r}", file=file)
    if not math.isfinite(value):
        raise UserError(f"{where}: expected a finite number, got {value!r}", file=file)
    return float(value)


def _decimals(table: Mapping, column: str, default: int) -> int:
    spec = table.get("printed_decimals", default)
    if isinstance(spec, Mapping):
        spec = spec.get(column, default)
    return int(spec)


def _is_claim(entry) -> bool:
    return isinstance(entry, Mapping) and "path" in entry and "verdict_published" in entry


def parse_published(data: Mapping, *, file: str = "published tables", default_decimals: int = 3) -> Published:
    """Normalise a published-tables mapping (see the module docstring for the keys it reads).

    Parameters
    ----------
    data : mapping
        The YAML document.
    file : str
        Its name, for error messages and the audit's explanations.
    default_decimals : int
        Decimals of a table that does not state ``printed_decimals``.

    Raises
    ------
    UserError
        Naming the table and key of a value that is not a number or a path that cannot be read.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("tables"), Mapping):
        raise UserError("expected a mapping with a 'tables:' section (table id -> table)", file=file)
    n = data.get("n")
    samples = data.get("bootstrap_samples")
    source = data.get("source") if isinstance(data.get("source"), Mapping) else {}
    out = Published(file=file, n=None if n is None else int(_number(n, "n", file)),
                    bootstrap_samples=None if samples is None else int(_number(samples, "bootstrap_samples", file)),
                    citation=source.get("citation"))
    for table_id, table in data["tables"].items():
        table_id = str(table_id)
        out.table_order.append(table_id)
        if isinstance(table, list):  # a list of claims
            for i, entry in enumerate(table):
                if _is_claim(entry):
                    out.claims.append(_claim(table_id, f"{table_id}[{i}]", entry, file, default_decimals))
            continue
        if not isinstance(table, Mapping):
            continue
        if table.get("caption"):
            out.captions[table_id] = str(table["caption"])
        if table.get("location"):
            out.locations[table_id] = str(table["location"])
        where = f"tables.{table_id}"
        if isinstance(table.get("blocks"), Mapping):
            decimals = _decimals(table, "percent", default_decimals)
            for variable, block in table["blocks"].items():
                cats = []
                for code, cat in (block.get("categories") or {}).items():
                    key = f"{where}.blocks.{variable}.categories.{code}"
                    count = Printed(_number(cat.get("n"), key + ".n", file))
                    pct = cat.get("percent")
                    pct = None if pct is None else Printed(_number(pct, key + ".percent", file), decimals)
                    cats.append((str(code), str(cat.get("label_en") or cat.get("label") or code), count, pct))
                total = block.get("total")
                total = None if total is None else Printed(_number(total, f"{where}.blocks.{variable}.total", file))
                out.respondents.append(Respondents(table_id, str(variable), str(block.get("label_en")
                                                   or block.get("label") or variable), tuple(cats), total))
        if isinstance(table.get("loadings"), Mapping):
            decimals = _decimals(table, "loadings", default_decimals)
            for indicator, value in table["loadings"].items():
                out.loadings[str(indicator)] = (table_id, Printed(
                    _number(value, f"{where}.loadings.{indicator}", file), decimals))
        for statistic in CONSTRUCT_STATISTICS:
            if isinstance(table.get(statistic), Mapping):
                decimals = _decimals(table, statistic, default_decimals)
                for construct, value in table[statistic].items():
                    out.construct_stats.setdefault(statistic, {})[str(construct)] = (table_id, Printed(
                        _number(value, f"{where}.{statistic}.{construct}", file), decimals))
        if isinstance(table.get("rows"), Mapping):
            for label, row in table["rows"].items():
                try:
                    nodes = path_nodes(label)
                except ValueError as error:
                    raise UserError(f"{where}.rows: {error}", file=file) from None
                values = {col: Printed(_number(row[col], f"{where}.rows.{label}.{col}", file),
                                       _decimals(table, col, default_decimals))
                          for col in EFFECT_COLUMNS if isinstance(row, Mapping) and row.get(col) is not None}
                _add_effect(out, EffectRow(table_id, str(label), nodes, values))
        if isinstance(table.get("verdict"), Mapping):
            for item, word in table["verdict"].items():
                out.verdicts.append((table_id, str(item), str(word)))
        if isinstance(table.get("interpretation_published"), Mapping) and isinstance(
                table.get("thresholds_stated"), Mapping):
            thresholds = {str(k): _number(v, f"{where}.thresholds_stated.{k}", file)
                          for k, v in table["thresholds_stated"].items()}
            for construct, label in table["interpretation_published"].items():
                out.interpretations.append((table_id, str(construct), str(label), thresholds))
        for key, entry in table.items():
            if _is_claim(entry):
                out.claims.append(_claim(table_id, str(key), entry, file, default_decimals))
    out.prose = parse_prose(data, file=file)
    out.matrices = parse_matrices(data, file=file, default_decimals=default_decimals)
    return out


def _repeats(row: EffectRow, other: EffectRow) -> bool:
    """Whether every value ``row`` prints is printed the same in ``other``."""
    return all(other.values.get(column) == value for column, value in row.values.items())


def _add_effect(out: Published, entry: EffectRow) -> None:
    """Add a printed effect row to ``effect_rows`` and, if it ranks first for its path, ``effects``/``indirect``."""
    same = [k for k, row in enumerate(out.effect_rows) if row.nodes == entry.nodes]
    if not any(_repeats(entry, out.effect_rows[k]) for k in same):
        covered = [k for k in same if _repeats(out.effect_rows[k], entry)]
        if covered:
            out.effect_rows[covered[0]] = entry
        else:
            out.effect_rows.append(entry)
    rows = out.effects if len(entry.nodes) == 2 else out.indirect
    rank = lambda row: ("total" not in row.table, len(row.values))  # noqa: E731
    if entry.nodes not in rows or rank(entry) > rank(rows[entry.nodes]):
        rows[entry.nodes] = entry


def _claim(table_id: str, claim_id: str, entry: Mapping, file: str, decimals: int) -> Claim:
    try:
        nodes = path_nodes(entry["path"])
    except ValueError as error:
        raise UserError(f"tables.{table_id} ({claim_id}): {error}", file=file) from None
    prose = {str(k): Printed(_number(v, f"tables.{table_id} ({claim_id}).prose_values.{k}", file), decimals)
             for k, v in (entry.get("prose_values") or {}).items()}
    return Claim(table_id, claim_id, " -> ".join(nodes), nodes, str(entry["verdict_published"]), prose)


def load_published(path, *, default_decimals: int = 3) -> Published:
    """Read and normalise a published-tables YAML file (:func:`parse_published`).

    Read with :func:`plssem_pipeline.study.safety.load_yaml` (safe loader, no Python tags, duplicate keys refused).
    """
    from ..study.safety import load_yaml

    data = load_yaml(path, what="published tables")
    return parse_published(data, file=str(path), default_decimals=default_decimals)
