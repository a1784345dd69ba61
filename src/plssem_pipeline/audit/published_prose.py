"""The ``prose:`` section of a published-tables file: what the paper's text says, for the prose checks.

Written by the paper extractor (:func:`plssem_pipeline.paper.prose.extract_prose`; keys in
``docs/pipeline.md``, section "Audit"): ``tails``, ``bootstrap_samples``, ``alpha``, ``statements``, ``hypotheses_stated``,
``hypothesis_mentions``, ``variance_explained``, ``decision_rules``, ``counts``. Every number is kept
as :class:`~.printed.Printed` with the decimals the text printed (a percent or statistic printed
without decimals is rounded to a whole number; a count is exact). :func:`parse_prose` is called by
:func:`plssem_pipeline.audit.published.parse_published`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import UserError
from .printed import Printed

__all__ = ["Statement", "StatedHypothesis", "HypothesisMention", "VarianceExplained", "DecisionRule",
           "ProseCount", "Prose", "parse_prose"]


@dataclass(frozen=True)
class Statement:
    """A statistic the text quotes about a path (``nodes``; None when unresolved) or a construct (R²)."""

    nodes: tuple[str, ...] | None
    table: str | None
    statistic: str
    value: Printed
    relation: str | None
    threshold: Printed | None
    verdict: str | None
    hypothesis: str | None
    ordinal: int | None
    text: str
    location: str
    line: int | None

    @property
    def path(self) -> str | None:
        return None if self.nodes is None else " -> ".join(self.nodes)


@dataclass(frozen=True)
class StatedHypothesis:
    """A hypothesis as stated ("H1: ..."); ``nodes`` None when its path was not resolved."""

    id: str
    nodes: tuple[str, ...] | None
    statement: str
    location: str
    line: int | None
    section: str = ""


@dataclass(frozen=True)
class HypothesisMention:
    """A later mention of a hypothesis by number ("hipotesis pertama", "H2") and the path it is about."""

    ordinal: int
    id: str | None
    nodes: tuple[str, ...] | None
    section: str
    location: str
    line: int | None
    text: str = ""           # the reference as printed: "hipotesis keempat", "H2"


@dataclass(frozen=True)
class VarianceExplained:
    """A percentage of a construct's variance the text says is explained, and the residual it gives."""

    construct: str
    percent: Printed
    residual: Printed | None
    location: str
    line: int | None
    statistic: str = "r2"    # "r2_adj" when the text ties the percentage to the adjusted R²


@dataclass(frozen=True)
class DecisionRule:
    """A decision rule the text states (``rule``: p_sign, p_direction, t_direction)."""

    rule: str
    contradicts: bool
    text: str
    location: str
    line: int | None
    alpha: float | None = None   # the p threshold of a rule that agrees with the method


@dataclass(frozen=True)
class ProseCount:
    """A count the text gives a category of a respondent block."""

    block: str
    category: str
    label: str
    n: int
    location: str
    line: int | None


@dataclass
class Prose:
    """The ``prose:`` section, read."""

    tails_stated: str | None = None
    tails_location: str = ""
    bootstrap_samples: int | None = None
    bootstrap_location: str = ""
    alpha: float | None = None
    alpha_location: str = ""
    statements: list[Statement] = field(default_factory=list)
    hypotheses: list[StatedHypothesis] = field(default_factory=list)
    mentions: list[HypothesisMention] = field(default_factory=list)
    variance: list[VarianceExplained] = field(default_factory=list)
    rules: list[DecisionRule] = field(default_factory=list)
    counts: list[ProseCount] = field(default_factory=list)


def _printed(value, decimals, where: str, file: str) -> Printed:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise UserError(f"{where}: expected a finite number, got {value!r}", file=file)
    return Printed(float(value), int(decimals) if decimals is not None else 0)


def _nodes(path) -> tuple[str, ...] | None:
    if not path:
        return None
    return tuple(part.strip() for part in str(path).split("->"))


def _entries(section: Mapping, key: str, file: str) -> list:
    entries = section.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise UserError(f"prose.{key}: expected a list of mappings", file=file)
    return entries


def parse_prose(data: Mapping, *, file: str = "published tables") -> Prose | None:
    """The ``prose:`` section of a published-tables mapping (None when it has none).

    Parameters
    ----------
    data : mapping
        The whole YAML document.
    file : str
        Its name, for error messages.

    Returns
    -------
    Prose or None

    Raises
    ------
    UserError
        Naming the key of an entry that is not a mapping or a value that is not a number.
    """
    section = data.get("prose")
    if section is None:
        return None
    if not isinstance(section, Mapping):
        raise UserError("prose: expected a mapping (tails, statements, ...)", file=file)
    tails = section.get("tails") or {}
    boot = section.get("bootstrap_samples") or {}
    n = boot.get("n")
    out = Prose(tails_stated=tails.get("stated"), tails_location=str(tails.get("location") or ""),
                bootstrap_samples=None if n is None else int(_printed(n, 0, "prose.bootstrap_samples.n", file).value),
                bootstrap_location=str(boot.get("location") or ""))
    alpha = (section.get("alpha") or {}).get("value")
    if alpha is not None:
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha < 1:
            raise UserError(f"prose.alpha.value: expected a significance level between 0 and 1, got {alpha!r}",
                            file=file)
        out.alpha, out.alpha_location = float(alpha), str(section["alpha"].get("location") or "")
    for i, e in enumerate(_entries(section, "statements", file)):
        where = f"prose.statements[{i}]"
        threshold = e.get("threshold")
        out.statements.append(Statement(
            _nodes(e.get("path")), e.get("table"), str(e.get("statistic")),
            _printed(e.get("value"), e.get("decimals"), where + ".value", file), e.get("relation"),
            None if threshold is None else _printed(threshold, _decimals_of(threshold), where + ".threshold", file),
            e.get("verdict"), e.get("hypothesis"), e.get("ordinal"), str(e.get("text") or ""),
            str(e.get("location") or ""), e.get("line")))
    for e in _entries(section, "hypotheses_stated", file):
        out.hypotheses.append(StatedHypothesis(str(e.get("id")), _nodes(e.get("path")), str(e.get("statement") or ""),
                                               str(e.get("location") or ""), e.get("line"),
                                               str(e.get("section") or "")))
    for e in _entries(section, "hypothesis_mentions", file):
        out.mentions.append(HypothesisMention(int(e.get("ordinal")), e.get("id"), _nodes(e.get("path")),
                                              str(e.get("section") or ""), str(e.get("location") or ""), e.get("line"),
                                              str(e.get("text") or "")))
    for i, e in enumerate(_entries(section, "variance_explained", file)):
        where = f"prose.variance_explained[{i}]"
        residual = e.get("residual_percent")
        out.variance.append(VarianceExplained(
            str(e.get("construct")), _printed(e.get("percent"), e.get("decimals"), where + ".percent", file),
            None if residual is None else _printed(residual, e.get("residual_decimals"), where + ".residual_percent",
                                                   file), str(e.get("location") or ""), e.get("line"),
            "r2_adj" if e.get("statistic") == "r2_adj" else "r2"))
    for e in _entries(section, "decision_rules", file):
        out.rules.append(DecisionRule(str(e.get("rule")), bool(e.get("contradicts", True)), str(e.get("text") or ""),
                                      str(e.get("location") or ""), e.get("line"), e.get("alpha")))
    for i, e in enumerate(_entries(section, "counts", file)):
        n = _printed(e.get("n"), 0, f"prose.counts[{i}].n", file)
        out.counts.append(ProseCount(str(e.get("block")), str(e.get("category")), str(e.get("label") or ""),
                                     int(n.value), str(e.get("location") or ""), e.get("line")))
    return out


def _decimals_of(value: float) -> int:
    """Decimals of a threshold written without them (0.05 -> 2); thresholds are exact as stated."""
    text = repr(float(value))
    return len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0
