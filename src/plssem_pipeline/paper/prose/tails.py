"""The test settings the text states: one- or two-tailed ("one-tailed", "satu arah", "two-sided"), the
bootstrap subsamples ("bootstrapping with 5,000 subsamples") and the significance level ("α = 0.10",
"taraf signifikansi 10%", or a decision rule that agrees with the method, "p < 0,10 maka diterima")."""
from __future__ import annotations

import re

from .context import ProseContext

__all__ = ["read_tails", "read_bootstrap_samples", "read_alpha"]

_ONE = re.compile(r"\b(?:one[\s-]*(?:tailed|sided|tail)|satu[\s-]*(?:arah|sisi|ekor|pihak))\b", re.IGNORECASE)
_TWO = re.compile(r"\b(?:two[\s-]*(?:tailed|sided|tail)|dua[\s-]*(?:arah|sisi|ekor|pihak))\b", re.IGNORECASE)
#: A sentence about testing ("uji dua arah", not "interaksi dua arah").
_TEST = re.compile(r"\b(?:uji|pengujian|hipotesis|hypothes\w*|tests?|tested|testing|signifikansi|significance|"
                   r"p[\s-]*values?|nilai\s+p|bootstrap\w*|tailed|sided)\b", re.IGNORECASE)


def read_tails(ctx: ProseContext) -> dict:
    """``{stated: "one" | "two" | None, location, line}``: the first such words in a sentence about testing
    (None if none or both)."""
    candidates = [s for s in ctx.sentences if any(w in s.text.lower() for w in ("one", "two", "satu", "dua"))]
    ones = [(s, m) for s in candidates for m in [_ONE.search(s.text)] if m and _TEST.search(s.text)]
    twos = [(s, m) for s in candidates for m in [_TWO.search(s.text)] if m and _TEST.search(s.text)]
    if bool(ones) == bool(twos):
        return {"stated": None, "location": None, "line": None}
    s, m = (ones or twos)[0]
    return {"stated": "one" if ones else "two", **ctx.place(s.start + m.start())}


_SUBSAMPLES = re.compile(r"\s*(?:bootstrap\s+)?(?:sub-?samples?|resamples?|sub-?sampel|subsampel|sampel|samples?|"
                         r"iterations?|iterasi|replications?|replikasi|kali)\b", re.IGNORECASE)


def read_bootstrap_samples(ctx: ProseContext) -> dict:
    """``{n, location, line}``: the bootstrap subsamples the text states ("bootstrapping with 5,000 subsamples",
    "bootstrapping 500 subsampel"); ``n`` None when it states none, or different numbers."""
    found = []
    for index, s in enumerate(ctx.sentences):
        if not re.search(r"bootstrap", s.text, re.IGNORECASE):
            continue
        for number in ctx.numbers(index):
            whole = number.count if number.count is not None else (int(number.value) if number.decimals is None
                                                                   else None)
            if whole and whole >= 2 and _SUBSAMPLES.match(ctx.document.text, number.end, s.end):
                found.append((whole, number))
    if len({n for n, _ in found}) != 1:
        return {"n": None, "location": None, "line": None}
    whole, number = found[0]
    ctx.record("prose.bootstrap_samples.n", number.start, number.end)
    return {"n": whole, **ctx.place(number.start)}


_ALPHA = re.compile(r"(?:α|\\alpha|\balpha|(?:taraf|tingkat|level)\s+(?:of\s+)?signifi\w*|signifi\w*\s+level|"
                    r"level\s+of\s+significance)"
                    r"(?:\s*(?:\(\s*[α\\\w]+\s*\))?\s*(?:=|of|sebesar|yaitu|adalah|is|:))?\s*$",
                    re.IGNORECASE)
_LEVELS = (0.01, 0.05, 0.1)


def read_alpha(ctx: ProseContext, rules: list[dict]) -> dict:
    """``{value, location, line}``: the significance level the text states; ``value`` None when none or several.

    A level is a number (a percent read as a fraction) of 0.01, 0.05 or 0.10 right after "α =", "alpha",
    "taraf signifikansi", "significance level of", or before "significance level" ("10% significance
    level"), or the p threshold of a decision rule that agrees with the method (``rules[i]["alpha"]``).
    """
    found = []
    for index, s in enumerate(ctx.sentences):
        lower = s.text.lower()
        if "signifi" not in lower and "α" not in s.text and "alpha" not in lower:
            continue
        for number in ctx.numbers(index):
            value = round(number.value / 100 if number.percent else number.value, 4)
            if value not in _LEVELS:
                continue
            before = ctx.document.text[max(s.start, number.start - 40):number.start]
            after = ctx.document.text[number.end:min(s.end, number.end + 30)]
            if _ALPHA.search(before) or re.match(r"%?\s*(?:significance\s+level|level\s+of\s+significance)", after,
                                                  re.IGNORECASE):
                found.append((value, number.start, number.end))
    key = "prose.alpha.value"
    for k, rule in enumerate(rules):
        where = ctx.provenance.get(f"prose.decision_rules[{k}].alpha")
        if rule.get("alpha") is not None and where is not None:
            found.append((rule["alpha"], where["start"], where["end"]))
    if len({v for v, _, _ in found}) != 1:
        if found:
            ctx.skip("significance level", found[0][1], found[-1][2], "the text states different levels")
        return {"value": None, "location": None, "line": None}
    value, start, end = found[0]
    ctx.record(key, start, end)
    return {"value": value, **ctx.place(start)}
