"""The words the prose readers look for, in English and Indonesian.

Verdicts ("diterima", "supported", "tidak signifikan"), ordinals ("ketiga", "third"),
relations ("<", "lebih kecil dari", "less than") and the statistics' labels ("P-value",
"T-statistik", "β", "R-square").
"""
from __future__ import annotations

import re

__all__ = ["ORDINALS", "verdict_of", "RELATION", "relation_symbol", "LABELS", "FILLER"]

ORDINALS = {w: i for i, w in enumerate(
    ["pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan", "kesepuluh"],
    start=1)} | {w: i for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"], start=1)}

_NEGATIVE = re.compile(
    r"\b(?:ditolak|menolak|tolak|tidak\s+(?:signifikan|didukung|diterima|berpengaruh|terbukti|mendukung)|"
    r"not\s+(?:significant|supported|accepted|confirmed)|insignificant|non-?significant|rejected|reject)\b",
    re.IGNORECASE)
_POSITIVE = re.compile(
    r"\b(?:diterima|menerima|terima|didukung|mendukung|dukungan|terbukti|signifikan|supported|supports|support|"
    r"accepted|accept|confirmed|significant(?:ly)?)\b", re.IGNORECASE)


def verdict_of(text: str) -> str | None:
    """``"rejected"`` if ``text`` says not supported/significant, ``"supported"`` if it says so, else None.

    >>> verdict_of("H2 tidak diterima"), verdict_of("hipotesis pertama diterima"), verdict_of("the mean")
    ('rejected', 'supported', None)
    """
    if _NEGATIVE.search(text):
        return "rejected"
    if _POSITIVE.search(text):
        return "supported"
    return None


#: A relation between two numbers, as printed.
RELATION = (r"(?:<=|>=|≤|≥|<|>|=|\\leq?|\\geq?|\\lt|\\gt|lebih\s+kecil\s+dari(?:pada)?|kurang\s+dari|"
            r"lebih\s+besar\s+dari(?:pada)?|lebih\s+dari|smaller\s+than|less\s+than|lower\s+than|below|"
            r"greater\s+than|larger\s+than|higher\s+than|above|di\s*bawah|di\s*atas)")


def relation_symbol(text: str) -> str:
    """``"<"``, ``">"`` or ``"="`` of a printed relation (``≤`` reads ``<``).

    >>> relation_symbol("lebih kecil dari"), relation_symbol("≥"), relation_symbol("=")
    ('<', '>', '=')
    """
    t = text.lower()
    if re.search(r"<|≤|\\le|\\lt|kecil|kurang|less|smaller|lower|below|bawah", t):
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
