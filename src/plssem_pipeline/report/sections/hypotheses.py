"""The hypotheses part of the structural model: Table 7, each hypothesis with its test and verdict.

The rows are ``results/hypotheses/hypotheses.csv`` (rule ``hypotheses``): the
config's hypotheses, or, without config key ``hypotheses``, one per path. When
the config states no hypotheses and the published tables do, the rows are the
paper's, numbered and worded as the paper does, each with the test of its
path. The paper's verdict is set beside the reproduced one, matched by path.
The paper's mediation claims that no hypothesis tests (``mediation_claims``
of the published tables, unnumbered) follow, each with its specific indirect
effect's test from ``results/mediation/indirect.csv`` (Table 6). The verdict
is :func:`plssem_pipeline.analysis.decision.is_supported` of the row (sign and
tails included), the rule of the mediation table and the audit.
"""
from __future__ import annotations

from collections.abc import Mapping

from ...analysis.decision import is_supported
from ...study.labels import label_for
from ..blocks import heading, table
from ..inputs import ReportInputs
from ..localize import interval
from ..tables import Cell, Column, Row, Table, fmt, number, prose, pvalue

__all__ = ["one_tailed_note", "table7", "blocks"]

_NOT_SUPPORTED = ("not supported", "not_supported", "rejected")


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


def _path(text) -> str:
    return " -> ".join(p.strip() for p in str(text).split("->"))


def _published_hypotheses(published, *, claims: bool = False) -> dict:
    """The paper's hypotheses by path: ``{path: (name, statement, verdict)}``; with ``claims``, then its
    unnumbered mediation claims (``mediation_claims``: path, claim, verdict_published) on other paths, name empty."""
    tables = (published or {}).get("tables", published or {}) if published else {}
    tables = tables if isinstance(tables, Mapping) else {}
    listed = tables.get("hypotheses")
    found = {}
    if isinstance(listed, Mapping):
        found = {_path(spec.get("path", "")): (str(name), str(spec.get("statement", "")),
                                               spec.get("verdict_published")) for name, spec in listed.items()}
    if claims and isinstance(tables.get("mediation_claims"), list):
        for c in tables["mediation_claims"]:
            if isinstance(c, Mapping):
                found.setdefault(_path(c.get("path", "")), ("", str(c.get("claim", "")), c.get("verdict_published")))
    return found


def _text(value) -> str:
    """A text cell of a CSV as read by pandas ("" for an empty cell, read as NaN)."""
    return value if isinstance(value, str) else ""


def _hypotheses(inputs, tests: dict) -> tuple:
    """``(rows, from_paper, with_published)``; a row is ``(name, path, statement, published verdict)``.

    The paper's unnumbered mediation claims (name empty) follow the hypotheses, unless one of them tests
    the same path."""
    if not inputs.config.get("hypotheses") and _published_hypotheses(inputs.published):
        paper = _published_hypotheses(inputs.published, claims=True)
        return [(name, path, text, verdict) for path, (name, text, verdict) in paper.items()], True, True
    paper = _published_hypotheses(inputs.published, claims=True)
    stated = {str(name): label_for((spec or {}).get("statement"), inputs.language, "")
              for name, spec in (inputs.config.get("hypotheses") or {}).items()}
    rows = [(str(r["hypothesis"]), path, stated.get(str(r["hypothesis"])) or _text(r.get("statement"))
             or paper.get(path, ("", "", None))[1], paper.get(path, (None, None, None))[2]) for path, r in tests.items()]
    rows += [("", path, text, verdict) for path, (name, text, verdict) in paper.items()
             if not name and path not in tests]
    return rows, False, bool(paper)


def _claims_note(inputs) -> str:
    """The note on the paper's mediation claims: each tested by its specific indirect effect (Table 6)."""
    t = inputs.t
    return t("n_t7_claims", level=prose(float(inputs.level), inputs.language), ci=inputs.ci_method,
             rule=t("med_rule_" + inputs.significance))


def _note(inputs, tails: int, level: str, from_paper: bool, signed: bool) -> str:
    """The note under Table 7: where the numbering comes from and the rule of the verdict."""
    t = inputs.t
    key = "t7_rule_" + inputs.significance + ("_one_tailed" if tails == 1 else "")
    rule = t(key, alpha=prose(inputs.alpha, inputs.language), level=level)
    if from_paper:
        note = t("n_t7_published", source=_citation_short(inputs.published) or "published", rule=rule)
    elif inputs.config.get("hypotheses"):
        note = t("n_t7_stated", rule=rule)
    else:
        note = t("n_t7_config", rule=rule)
    return note + (" " + t("n_t7_sign") if signed and tails == 2 else "")


def _published_cell(t, verdict_published, supported: bool) -> Cell:
    pv = str(verdict_published or "")
    shown = (t("published_supported") if pv == "supported" else
             t("published_not_supported") if pv in _NOT_SUPPORTED else pv)
    agree = (pv == "supported") == supported if pv else True
    return Cell(shown, flag=None if agree else "out")


def supported(inputs: ReportInputs, record) -> bool:
    """A row of ``hypotheses.csv`` judged by :func:`~plssem_pipeline.analysis.decision.is_supported`.

    Parameters
    ----------
    inputs : ReportInputs
        Gives ``bootstrap.alpha`` and ``mediation.significance``.
    record : mapping
        A row of ``results/hypotheses/hypotheses.csv``.

    Returns
    -------
    bool
    """
    sign = record.get("sign") if record.get("sign") in ("positive", "negative") else None
    return is_supported(number(record.get("original")), number(record.get("p")), number(record.get("ci_low")),
                        number(record.get("ci_high")), alpha=inputs.alpha, method=inputs.significance,
                        sign=sign, tails=int(record.get("tails", 2)))


def one_tailed_note(inputs: ReportInputs) -> str:
    """The note under the path-coefficient table (Table 5, two-tailed P) when the hypotheses are tested one-tailed.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``hypotheses`` (``results/hypotheses/hypotheses.csv``) and ``boot_paths``.

    Returns
    -------
    str
        Empty when no structural path is hypothesised one-tailed; else where the hypotheses are judged
        (Table 7) and the hypothesised paths whose two-tailed significance in Table 5 differs from their
        one-tailed verdict in Table 7 (or that the two agree).
    """
    t = inputs.t
    tests = [r for r in inputs.records("hypotheses", dtype={"hypothesis": str, "path": str, "sign": str,
                                                             "statement": str})
             if str(r["kind"]) == "direct" and int(r["tails"]) == 1]
    if not tests:
        return ""
    two_tailed = {f"{r['source']} -> {r['target']}": inputs.significant(r) for r in inputs.records("boot_paths")}
    differ = [f"{r['hypothesis']} ({r['path']})" for r in tests
              if two_tailed.get(str(r["path"])) is not None and two_tailed[str(r["path"])] != supported(inputs, r)]
    return t("n_t5_one_tailed") + " " + (t("n_t5_one_tailed_differ", paths=", ".join(differ)) if differ
                                         else t("n_t5_one_tailed_agree"))


def _row(inputs, tests, hypothesis, with_published: bool, signed: bool, with_statement: bool) -> Row:
    t = inputs.t
    name, path, statement, verdict_published = hypothesis
    record = tests.get(path)
    head = [Cell(name or "—"), Cell(path)] + ([Cell(statement)] if with_statement else [])
    if signed:
        sign = _text(record.get("sign")) if record is not None else ""
        head.append(Cell(t("sign_" + sign) if sign in ("positive", "negative") else "—"))
    tail = [_published_cell(t, verdict_published, False)] if with_published else []
    if record is None:
        return Row(head + [Cell("") for _ in range(4)] + [Cell(t("not_supported"), flag="fail")] + tail, keys=(name,))
    beta, tt, p = float(record["original"]), abs(float(record["t"])), float(record["p"])
    low, high = float(record["ci_low"]), float(record["ci_high"])
    verdict = supported(inputs, record)
    cells = head + [Cell(fmt(beta), beta), Cell(fmt(tt), tt), Cell(pvalue(p, inputs.language), p),
                    Cell(interval(low, high, inputs.language)),
                    Cell(t("supported") if verdict else t("not_supported"), flag="pass" if verdict else "fail")]
    if with_published:
        cells.append(_published_cell(t, verdict_published, verdict))
    return Row(cells, keys=(name, path))


def table7(inputs: ReportInputs) -> Table:
    """Table 7: the hypotheses, each with its effect's β, T, P (one- or two-tailed), interval and verdict.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``hypotheses`` (``results/hypotheses/hypotheses.csv``) and the published tables.

    Returns
    -------
    Table
        With the sign column when a hypothesis is signed, the statements (config
        ``hypotheses.<H>.statement`` in the report's language, else the paper's) when any is given, and
        the paper's verdicts beside when it has hypotheses (a disagreement marked).
    """
    t = inputs.t
    text = {"hypothesis": str, "path": str, "sign": str, "statement": str}
    tests = {str(r["path"]): r for r in inputs.records("hypotheses", dtype=text)}
    hypotheses, from_paper, with_published = _hypotheses(inputs, tests)
    # a mediation claim's test: its specific indirect effect's two-tailed row of Table 6
    effects = {**{str(r["path"]): r for r in inputs.records("mediation", dtype={"path": str})}, **tests}
    tails = int(next(iter(tests.values()))["tails"]) if tests else 2
    level = prose(100 * float(next(iter(tests.values()))["ci_level"]), "en") if tests else inputs.level
    signed = any(r.get("sign") in ("positive", "negative") for r in tests.values())
    with_statement = with_published or any(statement for _, _, statement, _ in hypotheses)
    rows = [_row(inputs, effects, hypothesis, with_published, signed, with_statement) for hypothesis in hypotheses]
    columns = [Column(t("c_hypothesis"), "l"), Column(t("c_path"), "l")]
    if with_statement:
        columns.append(Column(t("c_statement" if from_paper else "c_statement_stated"), "l", width=4.6))
    if signed:
        columns.append(Column(t("c_sign"), "l"))
    columns += [Column(t("c_beta"), width=1.0), Column("T", width=1.0),
                Column(t("c_p_one_tailed") if tails == 1 else "P", width=1.1),
                Column(t("c_ci", level=level), width=2.1), Column(t("c_verdict"), "l")]
    if with_published:
        columns.append(Column(t("c_published_verdict"), "l", width=1.7))
    sources = inputs.source("hypotheses")
    if inputs.config.get("published"):
        sources.append(inputs.file(inputs.config["published"]))
    notes = [_note(inputs, tails, prose(float(level), inputs.language), from_paper, signed)]
    if any(not name for name, *_ in hypotheses):
        notes.append(_claims_note(inputs))
    return Table("table-7", "7", t("t7"), columns, rows, notes=notes, sources=sources, font="footnotesize")


def blocks(inputs: ReportInputs) -> list:
    """The hypotheses part of the structural model's section: its heading and Table 7."""
    return [heading(inputs.t("sec_hypotheses")), table(table7(inputs))]
