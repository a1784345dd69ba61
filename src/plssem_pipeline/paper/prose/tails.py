"""Whether the paper says its tests are one- or two-tailed ("one-tailed", "satu arah", "two-sided")."""
from __future__ import annotations

import re

from .context import ProseContext

__all__ = ["read_tails"]

_ONE = re.compile(r"\b(?:one[\s-]*(?:tailed|sided|tail)|satu[\s-]*(?:arah|sisi|ekor|pihak))\b", re.IGNORECASE)
_TWO = re.compile(r"\b(?:two[\s-]*(?:tailed|sided|tail)|dua[\s-]*(?:arah|sisi|ekor|pihak))\b", re.IGNORECASE)
#: A sentence about testing ("uji dua arah", not "interaksi dua arah").
_TEST = re.compile(r"\b(?:uji|pengujian|hipotesis|hypothes\w*|tests?|tested|testing|signifikansi|significance|"
                   r"p[\s-]*values?|nilai\s+p|bootstrap\w*|tailed|sided)\b", re.IGNORECASE)


def read_tails(ctx: ProseContext) -> dict:
    """``{stated: "one" | "two" | None, location, line}``: the first such words in a sentence about testing (None if none or both)."""
    ones = [(s, m) for s in ctx.sentences for m in [_ONE.search(s.text)] if m and _TEST.search(s.text)]
    twos = [(s, m) for s in ctx.sentences for m in [_TWO.search(s.text)] if m and _TEST.search(s.text)]
    if bool(ones) == bool(twos):
        return {"stated": None, "location": None, "line": None}
    s, m = (ones or twos)[0]
    return {"stated": "one" if ones else "two", **ctx.place(s.start + m.start())}
