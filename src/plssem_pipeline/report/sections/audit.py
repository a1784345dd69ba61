"""Section "Audit": the audit's checks of the paper against itself (Table C1, failures first) and the
summary of its comparison of published and reproduced values, with the rows of no numbered table."""
from __future__ import annotations

from ..blocks import heading, section as make_section, table, text
from ..inputs import ReportInputs, read_csv
from ...audit.catalogue import AuditCatalogue
from ..tables import Cell, Column, Row, Table, fmt, integer, number_cell, pvalue
from .comparison import PAPER_TABLES, claim_text, comparison_table, table_name, table_number, tally

__all__ = ["consistency", "summary", "section"]

_FAILS = {"fail", "failed", "failure", "inconsistent", "false", "no", "invalid", "impossible", "error", "mismatch",
          "not consistent"}
_PASSES = {"pass", "passed", "ok", "consistent", "true", "yes", "valid", "holds", "agrees"}
_NUMBERS = ("published", "recomputed", "difference")
#: The verdict of a failed check, a note and a passed check, as the report words it (the CSV keeps its own).
_VERDICTS = ("verdict_fail", "verdict_note", "verdict_pass")
#: Checks whose values count (respondents, items, supported claims as 1/0): whole numbers are written without
#: decimals. The sample-size rules' minimum n may be fractional (the inverse square root method).
_COUNTS = ("respondent_block_sum", "criterion_verdict", "claim_verdict")
#: Checks whose published and recomputed values are p values (their difference is not).
_P_VALUES = ("p_from_t",)


def _rank(record) -> int:
    """0 for a failed check, 2 for a passed one, 1 for anything else (a note)."""
    verdict = str(record.get("verdict", "")).strip().lower()
    return 0 if verdict in _FAILS else 2 if verdict in _PASSES else 1


def _four(value: float) -> str:
    return fmt(value, 4)


def _shown(inputs, check: str, item: str, key: str):
    """How a check's value is written: counts whole, p values in the report's p convention, the rest to 4 decimals."""
    if check in _COUNTS or check.startswith("sample_size"):
        return lambda v: integer(v, inputs.language) if float(v).is_integer() else _four(v)
    if (check in _P_VALUES or item.endswith(": p")) and key != "difference":   # a p value quoted in the text too
        return lambda v: pvalue(v, inputs.language)
    return _four


def _check_row(inputs, r, variables: dict) -> Row:
    check, item = str(r.get("check", "")), str(r.get("item", ""))
    name = AuditCatalogue(inputs.language).strings.get(f"check_{check}", check)   # the CSV keeps the check's id
    return Row([Cell(name), Cell(table_name(inputs, r.get("table", ""))),
                Cell(variables.get(item) or claim_text(inputs, item)),
                *(number_cell(r.get(k, ""), _shown(inputs, check, item, k)) for k in _NUMBERS),
                Cell(inputs.t(_VERDICTS[_rank(r)]), flag=("fail", "warn", "pass")[_rank(r)])],
               detail=str(r.get("explanation", "")) or None)


def consistency(inputs: ReportInputs, path) -> dict:
    """The audit's checks of the paper against itself, failures first.

    Parameters
    ----------
    inputs : ReportInputs
        For the labels and the links.
    path : str or Path
        The audit's ``consistency`` file.

    Returns
    -------
    dict
        ``text`` (a summary sentence), ``table`` (Table C1; None without checks)
        and ``counts`` (``[failed, notes, passed]``).
    """
    t = inputs.t
    records = read_csv(path, dtype=str, keep_default_na=False).to_dict("records")
    records = sorted(records, key=_rank)  # stable: failures first
    counts = [sum(1 for r in records if _rank(r) == k) for k in (0, 1, 2)]
    if not records:
        return {"text": t("a_consistency_empty"), "table": None, "counts": counts}
    columns = [Column(t("c_check"), "l", width=4.2), Column(t("c_table"), "l"), Column(t("c_item"), "l", width=3.4),
               Column(t("c_published")), Column(t("c_recomputed")), Column(t("c_difference")),
               Column(t("c_verdict"), "l")]
    # a respondent variable by its label ("Business type"), as Table 1 names it
    variables = dict(zip(*(inputs.frame("respondents", dtype=str)[k] for k in ("variable", "label"))))
    checks = Table("table-c1", "C1", t("consistency_caption"), columns,
                   [_check_row(inputs, r, variables) for r in records],
                   sources=[inputs.file(path)], font="footnotesize")
    return {"text": t("a_consistency_summary", total=len(records), fail=counts[0], note=counts[1], passed=counts[2],
                      file=str(path)), "table": checks, "counts": counts}


def summary(inputs: ReportInputs) -> dict | None:
    """What the audit found, as the context's ``audit``; None when it has nothing to show.

    Parameters
    ----------
    inputs : ReportInputs
        Its ``audit`` files (None: no audit step) and ``comparisons``.

    Returns
    -------
    dict or None
        None when the workflow has no audit step or the study has no published
        tables (nothing was compared, nothing checked). Otherwise ``published``
        (``text``, ``path``, ``link`` of the comparison's summary),
        ``consistency`` (:func:`consistency`), ``other`` (the comparison rows
        of no numbered table, a Table or None).
    """
    t = inputs.t
    if inputs.audit is None or (not inputs.config.get("published") and not inputs.comparisons):
        return None
    out = {"published": None, "consistency": None, "other": None}
    if inputs.comparisons is not None:
        total, within, out_n = tally(inputs.comparisons)
        path = inputs.audit["published_vs_reproduced"]
        out["published"] = {"text": t("a_published_summary", total=total, within=within, out=out_n,
                                      na=total - within - out_n, file=str(path)), **inputs.file(path)}
        other = [r for r in inputs.comparisons if table_number(r["table"]) not in PAPER_TABLES]
        if other:
            out["other"] = comparison_table(inputs, None, other, t("comparison_other_caption"))
    if "consistency" in inputs.audit:
        out["consistency"] = consistency(inputs, inputs.audit["consistency"])
    return out


def _blocks(inputs, audit: dict) -> list:
    t = inputs.t
    checks, published = audit["consistency"], audit["published"]
    blocks = [heading(t("sec_audit_consistency"))]
    if checks:
        blocks += [text(checks["text"]), table(checks["table"]) if checks["table"] else None]
    blocks.append(heading(t("sec_audit_published"), keep=False))
    if published:
        blocks.append(text(published["text"]))
    if audit["other"]:
        blocks.append(table(audit["other"]))
    return blocks


def section(inputs: ReportInputs) -> dict | None:
    """Section "Audit", with :func:`summary` as its ``data`` (the context's ``audit``); None without one."""
    audit = summary(inputs)
    if audit is None:
        return None
    return make_section("audit", inputs.t("sec_audit"), _blocks(inputs, audit), results=False, data=audit)
