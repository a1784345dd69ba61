"""The sample size the text states ("a sample of 230", "230 valid responses were retained", "n = 230",
"sampel sebanyak 140 responden"), never a population ("population of 1,250", "N = 1,250", "populasi").

Two kinds of statement, the explicit first: (1) "n = 230" (a lower-case n), "sample (size) of / comprised /
consisted of 230", "sampel sebanyak / berjumlah 140", "230 valid responses", "a total of 250 (valid)
responses / respondents", "sebanyak 140 responden"; (2) "250 respondents" / "140 responden". A number
is not a sample size when the words before it in its sentence name the population ("populasi",
"population", "N ="), a minimum or a rule of thumb ("minimum", "at least", "28 × 5 = 140"), or when it is a
percentage, a multiplier ("10 times", "5 kali") or below 10; sentences citing other studies ("et al.",
"dkk.") and the literature-review and introduction sections are not read. When the statements of the
first kind found (else of the second) give different numbers, none is used and the conflict is recorded
(``skipped``): never guessed.
"""
from __future__ import annotations

import re

from .context import ProseContext

__all__ = ["read_sample_size"]

_NUM = r"(?P<num>\d{1,3}(?:[.,\s]\d{3})+|\d+)"
_EXPLICIT = [re.compile(p, re.IGNORECASE) for p in (
    rf"(?<![\w.])(?-i:n)\s*=\s*{_NUM}",
    rf"\b(?:sample|sampel)(?:\s+size)?(?:\s+(?:akhir|final|penelitian|yang\s+digunakan))?\s+(?:of|was|is|comprised|"
    rf"consisted\s+of|consists\s+of|included|sebanyak|berjumlah|sejumlah|adalah|yaitu|terdiri\s+(?:atas|dari))"
    rf"\s+(?:(?:a\s+total\s+of|sebanyak|about|sekitar)\s+)?{_NUM}",
    rf"{_NUM}\s+(?:valid|usable|complete[d]?|returned|eligible)\s+(?:responses|questionnaires|respondents|"
    rf"participants|cases|kuesioner|responden)",
    rf"\ba\s+total\s+of\s+{_NUM}\s+(?:valid\s+|usable\s+)?(?:responses|respondents|participants|questionnaires)",
    rf"\b(?:sebanyak|total|berjumlah)\s+{_NUM}\s+(?:orang\s+)?responden")]
_RESPONDENTS = [re.compile(rf"{_NUM}\s+(?:orang\s+)?(?:respondents|responden|participants|partisipan)\b",
                           re.IGNORECASE)]
_NOT_SAMPLE = re.compile(r"populasi|population|(?-i:\bN)\s*=|minimum|minimal|at\s+least|paling\s+sedikit|sekurang|"
                         r"[×x]\s*\d+\s*=\s*$|\\times\s*\d+\s*=\s*$", re.IGNORECASE)
_AFTER = re.compile(r"\s*(?:%|per\b|x\b|×|kali\b|times\b)", re.IGNORECASE)
_CITING = re.compile(r"\bet\s+al\b|\bdkk\b", re.IGNORECASE)
_SKIPPED_SECTIONS = re.compile(r"literat|tinjauan|kajian\s+pustaka|landasan|theor|teori|pendahuluan|introduction|"
                               r"hipotesis|hypothes", re.IGNORECASE)


def _candidates(ctx: ProseContext, patterns: list[re.Pattern]) -> list[tuple[int, int, int]]:
    """``(n, start, end)`` of every sample-size statement of one kind (document offsets of the number)."""
    found = []
    for index, s in enumerate(ctx.sentences):
        if _CITING.search(s.text) or _SKIPPED_SECTIONS.search(s.section.rsplit(" > ", 1)[-1]):
            continue
        for m in (m for pattern in patterns for m in pattern.finditer(s.text)):
            number = next((x for x in ctx.numbers(index) if x.start == s.start + m.start("num")), None)
            if number is None:
                continue
            n = number.count if number.count is not None else (int(number.value) if number.decimals is None
                                                               else None)
            clause_start = max(s.text.rfind(c, 0, m.start()) for c in ",;:(")
            before = s.text[clause_start + 1:m.start("num")]
            if (n is None or n < 10 or number.percent or _NOT_SAMPLE.search(before)
                    or _AFTER.match(s.text, m.end("num"))):
                continue
            found.append((n, number.start, number.end))
    return sorted(set(found), key=lambda f: f[1])


def read_sample_size(ctx: ProseContext) -> dict:
    """``{n, location, line}``: the sample size the text states (``n`` None when none, or statements differ).

    Parameters
    ----------
    ctx : ProseContext

    Returns
    -------
    dict
        The provenance of ``n``'s number is recorded as ``prose.sample_size.n``; a conflict is recorded in
        ``ctx.skipped`` with both numbers.
    """
    for patterns in (_EXPLICIT, _RESPONDENTS):
        found = _candidates(ctx, patterns)
        if not found:
            continue
        values = sorted({n for n, _, _ in found})
        if len(values) > 1:
            first = next(f for f in found if f[0] == values[0])
            ctx.skip("sample size", first[1], first[2],
                     f"the text states different sample sizes ({', '.join(map(str, values))}): none used")
            break
        n, start, end = found[0]
        ctx.record("prose.sample_size.n", start, end)
        return {"n": n, **ctx.place(start)}
    return {"n": None, "location": None, "line": None}
