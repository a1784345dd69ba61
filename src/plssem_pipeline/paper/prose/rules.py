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
from ...audit.verdicts import CONTRAST
from .words import LABELS, RELATION, relation_symbol, verdict_of

__all__ = ["read_decision_rules"]

#: A rule's head: a statistic's label, a relation that is an inequality (never "="), and a threshold.
_HEAD = re.compile(rf"(?P<stat>{LABELS['p']}|{LABELS['t']})[\s$()]*(?:(?:is|are|was|adalah|nya)\s+)?"
                   rf"(?P<rel>{RELATION})[\s$]*"
                   r"(?P<num>\d+(?:[.,]\d+)?)(?![.,]?\d)", re.IGNORECASE)
#: Where a rule's consequent ends: the next condition or contrast ("sedangkan apabila", "while", "if").
_STOP = re.compile(rf"[;.](?!\d)|\b(?:{CONTRAST}|apabila|jika|bila|kalau|if|when|otherwise)\b", re.IGNORECASE)
#: After a threshold: a second inequality or more thresholds ("0,000 < 0,05 < ...", "0.05 and 0.01"): no rule.
_NOT_A_RULE = re.compile(rf"[\s$]*(?:{RELATION}|[,/]?\s*\d|(?:dan|and|atau|or)\s+[\d<>])", re.IGNORECASE)
#: "... diterima jika nilai P < 0,10": the verdict before its condition.
_CONDITION = re.compile(r"\b(?:jika|apabila|bila|kalau|if|when)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_SIGN = re.compile(r"\b(?:negatif|positif|negative|positive)\b", re.IGNORECASE)
_SIGNIFICANCE = re.compile(r"\b(?:signifikan\w*|significan\w*|insignificant)\b", re.IGNORECASE)
#: Conventional thresholds: α for p, the critical t of α = 0.10, 0.05, 0.01 (one- or two-tailed).
_P_LEVELS = (0.01, 0.05, 0.1)
_T_LEVELS = (1.28, 1.282, 1.64, 1.645, 1.65, 1.96, 2.33, 2.326, 2.57, 2.576, 2.58)


def _threshold(text: str) -> float:
    return float(text.replace(",", "."))


def read_decision_rules(ctx: ProseContext) -> list[dict]:
    """``{rule, contradicts, alpha, text, location, line}`` for each sentence stating a rule.

    A rule is a general statement: its relation is an inequality (not "="), its threshold a conventional
    level (p: 0.01, 0.05, 0.10; t: a critical value such as 1.96) with no second inequality after it, and the
    sentence names no construct ("P-value = 0,000 < 0,05 sehingga berpengaruh positif" is a result). Each
    condition's consequent runs to the next condition or contrast ("Apabila P < 0,05 maka hipotesis diterima,
    sedangkan apabila P > 0,05 maka berpengaruh negatif": two rules, the second ``p_sign``). ``p_sign`` needs
    a sign word in the consequent and no word of significance; ``alpha`` is the p threshold of a rule that
    agrees with the method (None otherwise).
    """
    out = []
    for index, s in enumerate(ctx.sentences):
        heads = list(_HEAD.finditer(s.text))
        if not heads or ctx.mentions(s.start, s.end):
            continue
        found = None
        for k, m in enumerate(heads):
            stat = "t" if re.fullmatch(LABELS["t"], m.group("stat"), re.IGNORECASE) else "p"
            threshold = _threshold(m.group("num"))
            if threshold not in (_P_LEVELS if stat == "p" else _T_LEVELS) or relation_symbol(m.group("rel")) == "=":
                continue
            then = s.text[m.end():heads[k + 1].start() if k + 1 < len(heads) else len(s.text)]
            if _NOT_A_RULE.match(then):
                continue   # "p < 0.05 < ..." or a list of thresholds, not a rule
            stop = _STOP.search(then, 1)
            then = then[:stop.start()] if stop else then
            below = relation_symbol(m.group("rel")) == "<"
            if stat == "p" and _SIGN.search(then) and not _SIGNIFICANCE.search(then):
                rule, contradicts = "p_sign", True
            else:
                before = s.text[heads[k - 1].end() if k else 0:m.start()]
                verdict = verdict_of(then) or (verdict_of(before) if _CONDITION.search(before) else None)
                if verdict is None:
                    continue
                significant = below if stat == "p" else not below
                rule, contradicts = f"{stat}_direction", (verdict == "supported") != significant
            alpha = m if stat == "p" and not contradicts else None
            if found is None or (contradicts and not found[1]):
                found = (rule, contradicts, alpha)
        if found:
            alpha, found = found[2], (found[0], found[1], None if found[2] is None else _threshold(found[2]["num"]))
            if alpha is not None:
                ctx.record(f"prose.decision_rules[{len(out)}].alpha", s.start + alpha.start("num"),
                           s.start + alpha.end("num"))
            out.append({"rule": found[0], "contradicts": found[1], "alpha": found[2], "text": s.text,
                        **ctx.place(s.start)})
    return out
