"""Decision rules the prose states, and whether they contradict the method.

``p_sign``: a p threshold said to give the sign of an effect ("P > 0,05 menunjukkan pengaruh negatif"):
p says whether an effect is significant, not its sign. ``p_direction``: p above the threshold said
to mean significant/accepted, or below it not significant/rejected. ``t_direction``: the same for t
(t below the critical value significant, or above it not). One entry per sentence; a sentence with a
rule that agrees with the method is recorded with ``contradicts: false``.
"""
from __future__ import annotations

import re

from .context import ProseContext
from .words import LABELS, RELATION, relation_symbol, verdict_of

__all__ = ["read_decision_rules"]

_RULE = re.compile(rf"(?P<stat>{LABELS['p']}|{LABELS['t']})[\s$()]*(?P<rel>{RELATION})[\s$]*(?P<num>\d+(?:[.,]\d+)?)"
                   r"(?P<then>[^;.]{0,80})", re.IGNORECASE)
_SIGN = re.compile(r"\b(?:negatif|positif|negative|positive)\b", re.IGNORECASE)


def read_decision_rules(ctx: ProseContext) -> list[dict]:
    """``{rule, contradicts, text, location, line}`` for each sentence stating a rule."""
    out = []
    for s in ctx.sentences:
        found = None
        for m in _RULE.finditer(s.text):
            then = m.group("then").split(",")[0] if _SIGN.search(m.group("then")) is None else m.group("then")
            if re.match(r"\s*(?:\d|dan\b|and\b)", then):
                continue
            stat = "t" if re.match(LABELS["t"], m.group("stat"), re.IGNORECASE) else "p"
            below = relation_symbol(m.group("rel")) == "<"
            if stat == "p" and _SIGN.search(then):
                rule, contradicts = "p_sign", True
            else:
                verdict = verdict_of(then)
                if verdict is None:
                    continue
                significant = below if stat == "p" else not below
                rule, contradicts = f"{stat}_direction", (verdict == "supported") != significant
            if found is None or (contradicts and not found[1]):
                found = (rule, contradicts)
        if found:
            out.append({"rule": found[0], "contradicts": found[1], "text": s.text, **ctx.place(s.start)})
    return out
