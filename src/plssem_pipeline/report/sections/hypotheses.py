"""The hypotheses part of the structural model: Table 7, each hypothesis with its path's bootstrap result.

The hypotheses are those of the published tables, numbered and worded as the
paper does, with the paper's verdict beside the reproduced one; without
published tables, one hypothesis per path of the configuration.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..blocks import heading, table
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, prose

__all__ = ["table7", "blocks"]

_NOT_SUPPORTED = ("not supported", "not_supported", "rejected")


def _rule(inputs) -> str:
    return inputs.t("t7_rule_" + inputs.significance, alpha=prose(inputs.alpha, inputs.language),
                    level=prose(100 * (1 - inputs.alpha), inputs.language))


def _citation_short(published) -> str | None:
    """``"Surname et al. 2024"`` from the published tables' source, or None."""
    source = published.get("source", {}) if isinstance(published, Mapping) else {}
    authors = source.get("authors") or []
    year = source.get("year")
    if not (authors and year):
        return None
    surnames = [str(a).split()[-1] for a in authors]
    names = surnames[0] if len(surnames) == 1 else (" & ".join(surnames) if len(surnames) == 2
                                                    else f"{surnames[0]} et al.")
    return f"{names} {year}"


def _hypotheses(inputs) -> tuple:
    """``(hypotheses, note, with_published)``; a hypothesis is ``(name, (source, target), statement,
    published verdict, direction)``."""
    t, published = inputs.t, inputs.published
    tables = (published or {}).get("tables", published or {}) if published else {}
    listed = tables.get("hypotheses") if isinstance(tables, Mapping) else None
    if isinstance(listed, Mapping) and listed:
        hypotheses = []
        for name, spec in listed.items():
            path = str(spec.get("path", ""))
            parts = [p.strip() for p in path.split("->")]
            hypotheses.append((str(name), tuple(parts) if len(parts) == 2 else (path, ""),
                               str(spec.get("statement", "")), spec.get("verdict_published"), spec.get("direction")))
        note = t("n_t7_published", source=_citation_short(published) or "published", rule=_rule(inputs))
        return hypotheses, note, True
    hypotheses = [(f"H{k}", tuple(p.strip() for p in str(path).split("->")), "", None, None)
                  for k, path in enumerate(inputs.config["paths"], start=1)]
    return hypotheses, t("n_t7_config", rule=_rule(inputs)), False


def _published_cell(t, verdict_published, supported: bool) -> Cell:
    pv = str(verdict_published or "")
    shown = (t("published_supported") if pv == "supported" else
             t("published_not_supported") if pv in _NOT_SUPPORTED else pv)
    agree = (pv == "supported") == supported if pv else True
    return Cell(shown, flag=None if agree else "out")


def _row(inputs, stats, hypothesis, with_published: bool) -> Row:
    t = inputs.t
    name, (source, target), statement, verdict_published, direction = hypothesis
    record = stats.get((source, target))
    path = f"{source} -> {target}"
    head = [Cell(name), Cell(path)] + ([Cell(statement)] if with_published else [])
    if record is None:
        return Row(head + [Cell("") for _ in range(4)] + [Cell(t("not_supported"), flag="fail")]
                   + ([Cell(str(verdict_published or ""))] if with_published else []), keys=(name,))
    beta, tt, p = float(record["original"]), abs(float(record["t"])), float(record["p"])
    low, high = float(record["ci_low"]), float(record["ci_high"])
    sign_ok = True
    if direction in ("positive", "+", "negative", "-"):
        sign_ok = (beta > 0) == (direction in ("positive", "+"))
    supported = inputs.significant(record) and sign_ok
    cells = head + [Cell(fmt(beta), beta), Cell(fmt(tt), tt), Cell("< 0.001" if p < 0.001 else fmt(p), p),
                    Cell(f"[{fmt(low)}, {fmt(high)}]"),
                    Cell(t("supported") if supported else t("not_supported"), flag="pass" if supported else "fail")]
    if with_published:
        cells.append(_published_cell(t, verdict_published, supported))
    return Row(cells, keys=(name, path))


def table7(inputs: ReportInputs) -> Table:
    """Table 7: the hypotheses, each with its path's β, T, P, interval and verdict.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``boot_paths``; the hypotheses of the published tables, else the config's paths.

    Returns
    -------
    Table
        With the paper's statements and verdicts beside when it has hypotheses (a disagreement marked).
    """
    t = inputs.t
    stats = {(str(r["source"]), str(r["target"])): r for r in inputs.records("boot_paths")}
    hypotheses, note, with_published = _hypotheses(inputs)
    rows = [_row(inputs, stats, hypothesis, with_published) for hypothesis in hypotheses]
    columns = [Column(t("c_hypothesis"), "l"), Column(t("c_path"), "l")]
    if with_published:
        columns.append(Column(t("c_statement"), "l", width=4.6))
    columns += [Column(t("c_beta"), width=1.0), Column("T", width=1.0), Column("P", width=1.1),
                Column(t("c_ci", level=inputs.level), width=2.1), Column(t("c_verdict"), "l")]
    if with_published:
        columns.append(Column(t("c_published_verdict"), "l", width=1.7))
    sources = inputs.source("boot_paths")
    if inputs.config.get("published"):
        sources.append(inputs.file(inputs.config["published"]))
    return Table("table-7", "7", t("t7"), columns, rows, notes=[note], sources=sources, font="footnotesize")


def blocks(inputs: ReportInputs) -> list:
    """The hypotheses part of the structural model's section: its heading and Table 7."""
    return [heading(inputs.t("sec_hypotheses")), table(table7(inputs))]
