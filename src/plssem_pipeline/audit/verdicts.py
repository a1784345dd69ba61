"""The verdict words of papers, in English and Indonesian: one vocabulary for the audit and the paper reader.

A verdict word is positive ("supported", "diterima", "significant") or negative ("rejected",
"ditolak", "insignificant"). A negator ("not", "no", "cannot", "tidak", "bukan", "belum", "tak") up to
four words before a verdict word turns it round ("does not significantly affect", "tidak memiliki
pengaruh yang signifikan", "cannot be accepted"); a verdict about the null hypothesis ("H0 ditolak",
"the null hypothesis is rejected", "reject H0") is the opposite verdict on the hypothesis. A text whose
decisions on the hypothesis ("rejected", "diterima") outweigh words about the effect's significance
("significant ...; H3 is therefore rejected" is rejected); a text whose decisions (else significance
words) disagree after that has no verdict (None): never guessed.

:data:`NEGATIVE_VERDICTS` are the printed verdict cells of tables that mean "not supported / not valid".
"""
from __future__ import annotations

import re

__all__ = ["NEGATOR", "NEGATIVE_VERDICTS", "verdict_of", "CONTRAST"]

#: A word that negates what follows it (a regular expression, no groups).
NEGATOR = r"(?:not|no|never|cannot|can't|neither|nor|tidak|tak|bukan|belum|tanpa)"
_NEGATOR = re.compile(rf"^{NEGATOR}$|n't$", re.IGNORECASE)
_POSITIVE = {"diterima", "menerima", "terima", "didukung", "mendukung", "dukungan", "terbukti", "signifikan",
             "supported", "supports", "support", "accepted", "accept", "confirmed", "significant", "significantly",
             "holds", "hold", "berpengaruh"}
_NEGATIVE = {"ditolak", "menolak", "tolak", "insignificant", "nonsignificant", "non-significant", "rejected",
             "reject", "unsupported", "unconfirmed"}
#: Words about the effect's significance; a decision on the hypothesis ("rejected", "diterima") outweighs them.
_SIGNIFICANCE = {"signifikan", "significant", "significantly", "insignificant", "nonsignificant", "non-significant",
                 "berpengaruh", "hold", "holds"}
#: Words that only count next to a verdict word's negation ("tidak berpengaruh"), not alone.
_WEAK = {"berpengaruh", "hold", "holds"}
_NULL = re.compile(r"^(?:h0|h_0|h₀|ho)$", re.IGNORECASE)
_HYPOTHESIS = re.compile(r"^(?:h\d+[a-z]?|h_0|h₀|ho|ha)$", re.IGNORECASE)
_NULL_PHRASE = re.compile(r"null\s+hypothes[ie]s|hipotesis\s+nol", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|[;:]", re.UNICODE)
#: Words that open a contrasting clause ("..., whereas Y is not significant").
CONTRAST = r"(?:whereas|while|but|however|meanwhile|sedangkan|namun|tetapi|sementara|padahal|in\s+contrast)"

#: Printed verdict cells (lower case) that mean "not supported / not valid"; any other printed verdict is positive.
NEGATIVE_VERDICTS = {"not supported", "unsupported", "rejected", "no", "false", "invalid", "not valid",
                     "not reliable", "unreliable", "ditolak", "tidak didukung", "tidak valid", "tidak reliabel",
                     "tidak signifikan", "not significant", "tidak diterima", "not accepted", "insignificant"}


def _polarities(text: str) -> list[str]:
    tokens = [t.lower() for t in _TOKEN.findall(text.replace("*", " ").replace("$", " "))]
    null_at = {m.start() for m in _NULL_PHRASE.finditer(text)}
    out = []
    for i, token in enumerate(tokens):
        positive, negative = token in _POSITIVE, token in _NEGATIVE
        if not positive and not negative:
            continue
        window = tokens[max(0, i - 4):i]
        if ";" in window or ":" in window:
            window = window[max(k for k, t in enumerate(window) if t in ";:") + 1:]
        negated = any(_NEGATOR.search(t) for t in window)
        if token in _WEAK and not negated:
            continue
        polarity = "supported" if positive != negated else "rejected"
        if _subject_is_null(tokens, i) or (null_at and _about_null(text, token)):
            polarity = "rejected" if polarity == "supported" else "supported"
        out.append((polarity, token not in _SIGNIFICANCE))
    return out


def _subject_is_null(tokens: list[str], i: int) -> bool:
    """Whether the hypothesis nearest before the verdict word at ``i`` (else right after it) is H0."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if _HYPOTHESIS.match(tokens[k]):
            return bool(_NULL.match(tokens[k]))
    return any(_NULL.match(t) for t in tokens[i + 1:i + 3])


def _about_null(text: str, token: str) -> bool:
    """Whether a verdict word ``token`` sits within a few words of "null hypothesis" / "hipotesis nol"."""
    return bool(re.search(rf"(?:null\s+hypothes[ie]s|hipotesis\s+nol)(?:\W+\w+){{0,3}}?\W+{re.escape(token)}\b|"
                          rf"\b{re.escape(token)}(?:\W+\w+){{0,2}}?\W+(?:null\s+hypothes|hipotesis\s+nol)",
                          text, re.IGNORECASE))


def verdict_of(text: str) -> str | None:
    """``"rejected"`` if ``text`` says not supported/significant, ``"supported"`` if it says so, else None.

    Parameters
    ----------
    text : str
        A sentence or clause.

    Returns
    -------
    str or None
        None when it has no verdict word, or verdict words that disagree (see the module docstring).

    Examples
    --------
    >>> verdict_of("H2 tidak diterima"), verdict_of("hipotesis pertama diterima"), verdict_of("the mean")
    ('rejected', 'supported', None)
    >>> verdict_of("does not significantly affect"), verdict_of("maka H0 ditolak dan Ha diterima")
    ('rejected', 'supported')
    """
    polarities = _polarities(text)
    decisions = {p for p, decision in polarities if decision}
    found = decisions or {p for p, _ in polarities}
    return found.pop() if len(found) == 1 else None
