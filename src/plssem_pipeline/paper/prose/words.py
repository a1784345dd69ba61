"""The words the prose readers look for, in English and Indonesian.

Verdicts ("diterima", "supported", "tidak signifikan"), ordinals ("ketiga", "third"),
relations ("<", "lebih kecil dari", "less than") and the statistics' labels ("P-value",
"T-statistik", "β", "R-square").
"""
from __future__ import annotations

import re

from ...audit.verdicts import CONTRAST, verdict_of

__all__ = ["ORDINALS", "verdict_of", "verdict_at", "clauses", "BELOW", "ABOVE", "RELATION", "relation_symbol",
           "LABELS", "FILLER"]

ORDINALS = {w: i for i, w in enumerate(
    ["pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan", "kesepuluh"],
    start=1)} | {w: i for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"], start=1)}

#: A clause boundary inside a sentence: a contrast ("..., whereas", "; sedangkan", "namun").
_CLAUSE = re.compile(rf"[,;]?\s+\b{CONTRAST}\b", re.IGNORECASE)


def clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the clauses of a sentence: cut before a contrast word ("whereas", "sedangkan").

    >>> clauses("X is significant (p = 0.000), whereas Y is not")
    [(0, 28), (28, 46)]
    """
    cuts = [0, *(m.start() for m in _CLAUSE.finditer(text) if m.start() > 0), len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def verdict_at(text: str, position: int, names=None) -> str | None:
    """The verdict of the clause of ``text`` that holds ``position`` (see :func:`clauses`).

    A clause without a verdict word takes that of the clauses after it that name no construct
    (``names(start, end)`` true when ``text[start:end]`` names one): "X affects Y (p = 0.000); therefore H1
    is supported". A sentence comparing two paths ("X is significant (p = 0.000 < 0.05), whereas Y is not
    significant") so gives each statement its own clause's verdict.

    >>> verdict_at("X is significant (p = 0.000 < 0.05), whereas Y is not significant (p = 0.571)", 20)
    'supported'
    """
    parts = clauses(text)
    at = next((k for k, (a, b) in enumerate(parts) if a <= position < b), len(parts) - 1)
    for k, (a, b) in enumerate(parts[at:]):
        if k and names is not None and names(a, b):
            return None
        found = verdict_of(text[a:b])
        if found is not None:
            return found
    return None


#: Words for "below" a number ("less than", "di bawah", "tidak melebihi").
BELOW = (r"(?:lebih\s+kecil\s+dari(?:pada)?|kurang\s+dari|smaller\s+than|less\s+than|lower\s+than|below|under|"
         r"di\s*bawah|tidak\s+melebihi|not\s+exceed(?:ing)?)")
#: Words for "above" a number.
ABOVE = r"(?:lebih\s+besar\s+dari(?:pada)?|lebih\s+dari|greater\s+than|larger\s+than|higher\s+than|above|di\s*atas)"
#: A relation between two numbers, as printed.
RELATION = rf"(?:<=|>=|≤|≥|<|>|=|\\leq?|\\geq?|\\lt|\\gt|{BELOW}|{ABOVE})"


def relation_symbol(text: str) -> str:
    """``"<"``, ``">"`` or ``"="`` of a printed relation (``≤`` reads ``<``).

    >>> relation_symbol("lebih kecil dari"), relation_symbol("≥"), relation_symbol("=")
    ('<', '>', '=')
    """
    t = text.lower()
    if re.search(r"<|≤|\\le|\\lt|kecil|kurang|less|smaller|lower|below|under|bawah|melebihi|exceed", t):
        return "<"
    if re.search(r">|≥|\\ge|\\gt|besar|lebih\s+dari|greater|larger|higher|above|atas", t):
        return ">"
    return "="


#: Statistic -> the label that names it just before its number (case-insensitive).
LABELS = {
    "p": r"(?<![\w-])(?:p[\s-]*values?|p[\s-]*value|nilai\s+p|p|signifikansi|probabilit(?:y|as))(?![\w-])",
    "t": r"(?<![\w-])(?:t[\s-]*(?:statisti[ck]s?|statistik|hitung|values?|stat)|t)(?![\w-])",
    "beta": r"(?:β|\\beta\b|(?<![\w-])beta(?![\w-])|koefisien\s+jalur|path\s+coefficient|original\s+sample|"
            r"koefisien)",
    "f2": r"(?<![\w-])f\s*(?:²|\^\s*\{?2\}?|2|-squared?|\s+squared?)(?![\w-])",
    "r2_adj": r"(?:adjusted\s+r\s*(?:²|\^\s*\{?2\}?|2|-squared?|\s+squared?)|"
              r"(?<![\w-])r\s*(?:²|\^\s*\{?2\}?|2|-squared?|\s+squared?)\s*(?:-\s*)?adjusted)(?![\w-])",
    "r2": r"(?<![\w-])r\s*(?:²|\^\s*\{?2\}?|2|-squared?|\s+squared?)(?![\w-])",
}

#: Words allowed between a statistic's label and its number ("nilai p yang sangat signifikan (0,000").
FILLER = {"sebesar", "senilai", "of", "is", "was", "adalah", "yaitu", "yakni", "value", "values", "nilai", "yang",
          "sangat", "signifikan", "significant", "statistic", "statistics", "statistik", "hitung", "dengan", "at",
          "equal", "to", "sama", "with", "a", "an", "the", "mencapai", "reached", "obtained", "diperoleh",
          "untuk", "for"}
