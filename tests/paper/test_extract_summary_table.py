"""A hypothesis summary table repeating the path-coefficient table's paths (reviewer finding 3).

Both tables are kept and each is checked on its own rows (t = |O|/STDEV from the full table, which a summary
without STDEV cannot give); a value the two print differently is a ``table_vs_table`` finding. Numbers are
``plssem`` estimates of a simulated survey (``generator_model``), printed with 3 decimals.
"""
from __future__ import annotations

import pytest

from plssem_pipeline.paper import audit_paper
from plssem_pipeline.paper.document import parse_text
from test_extract_layouts import EFFECT_HEADER, _estimates, _f

KEYS = ("original", "mean", "sd", "t", "p")


@pytest.fixture(scope="module")
def estimates():
    return _estimates()


def _paper(e, *, summary_first: bool, planted: str | None, where: str) -> str:
    """Loadings, the path table and a summary table (H, path, β, T, P, decision); ``planted``'s T one more in
    the table ``where`` ("paths" or "summary")."""
    def t_of(path, table):
        t = float(_f(e.paths[path]["t"], False))
        return _f(t + 1 if (path == planted and table == where) else t, False)

    full = ["Table {n}. Path coefficients", "\t".join([""] + EFFECT_HEADER)] + [
        "\t".join([p] + [t_of(p, "paths") if k == "t" else _f(r[k], False) for k in KEYS])
        for p, r in e.paths.items()]
    summary = ["Table {n}. Summary of hypothesis testing", "Hypothesis\tPath\tβ\tT statistics\tP values\tDecision"] + [
        "\t".join([f"H{k + 1}", p, _f(r["original"], False), t_of(p, "summary"), _f(r["p"], False),
                   "Supported" if float(_f(r["p"], False)) < 0.05 else "Rejected"])
        for k, (p, r) in enumerate(e.paths.items())]
    tables = [summary, full] if summary_first else [full, summary]
    lines = ["RESULTS", "", "Table 2. Outer loadings", "Indicator\tOuter loadings",
             *[f"{i}\t{_f(v, False)}" for i, v in e.loadings.items()]]
    for n, table in enumerate(tables, start=3):
        lines += ["", table[0].format(n=n), *table[1:]]
    return "\n".join(lines)


@pytest.mark.parametrize("summary_first", [False, True], ids=["paths_first", "summary_first"])
def test_a_clean_summary_table_hides_nothing(estimates, summary_first):
    e = estimates[0]
    full = "table4_path_coefficients" if summary_first else "table3_path_coefficients"
    rows = audit_paper(parse_text(_paper(e, summary_first=summary_first, planted=None, where=""), "s.md")).findings
    t_rows = [r for r in rows if r.check == "t_equals_o_over_sd" and len(r.item.split(" -> ")) == 2]
    assert sorted(r.item for r in t_rows) == sorted(e.paths) and {r.table for r in t_rows} == {full}
    assert [r for r in rows if r.check == "table_vs_table"] == []  # the summary repeats the paths value for value
    assert [r for r in rows if r.verdict == "fail" and r.check in ("t_equals_o_over_sd", "p_from_t",
                                                                   "claim_verdict")] == []


@pytest.mark.parametrize("where", ["paths", "summary"])
def test_a_t_printed_differently_in_the_two_tables(estimates, where):
    """The T of one path one more in one table: table_vs_table fails for that path only; when the full table
    carries it, t = |O|/STDEV fails there too (the summary no longer hides it)."""
    e = estimates[0]
    planted = list(e.paths)[2]
    rows = audit_paper(parse_text(_paper(e, summary_first=False, planted=planted, where=where), "s.md")).findings
    pairs = [r for r in rows if r.check == "table_vs_table"]
    assert [(r.item, r.verdict) for r in pairs] == [(f"{planted} (T)", "fail")]
    assert pairs[0].table == "table3_path_coefficients+table4_path_coefficients"
    t_fails = [r.item for r in rows if r.check == "t_equals_o_over_sd" and r.verdict == "fail"]
    assert t_fails == ([planted] if where == "paths" else [])
    assert {r.table for r in rows if r.check == "p_from_t" and r.item == planted} == {
        "table3_path_coefficients", "table4_path_coefficients"}  # each table's own t and p
