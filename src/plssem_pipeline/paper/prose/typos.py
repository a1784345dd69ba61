"""Construct names misspelt by one letter ("keterlibataan pelanggan"), resolved only when unambiguous.

A phrase is read as a construct's name when exactly one construct has a name within one edit of it
(Levenshtein distance: one letter inserted, deleted or replaced) and no other construct has a name
within two; the edit must fall in a word of five letters or more (in a short word one letter makes
another word: "umum" is not "umkm"). Abbreviations are never matched this way. Anything else stays
unresolved: never a guess.
"""
from __future__ import annotations

from collections.abc import Mapping

__all__ = ["distance", "closest", "typo_aliases"]

#: The shortest word a one-letter typo is accepted in.
MIN_WORD = 5


def distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` when it exceeds ``limit``.

    Only the band of cells within ``limit`` of the diagonal is computed (Ukkonen 1985).

    >>> distance("keterlibataan", "keterlibatan"), distance("umum", "umkm"), distance("abc", "xyz", 1)
    (1, 1, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    big = limit + 1
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        lo, hi = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        ca = a[i - 1]
        for j in range(lo, hi + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]), big)
        if min(current[lo - 1:hi + 1]) > limit:
            return big
        previous = current
    return min(previous[-1], big)


def _one_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are exactly one edit apart (one letter inserted, deleted or replaced)."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1 or a == b:
        return False
    k = 0
    while k < len(b) and a[k] == b[k]:
        k += 1
    return a[k + 1:] == b[k + 1:] if len(a) == len(b) else a[k + 1:] == b[k:]


def _edited_word_is_long(phrase: str, name: str) -> bool:
    """Whether the words of ``phrase`` and ``name`` differ in one word of at least :data:`MIN_WORD` letters."""
    words, names = phrase.split(), name.split()
    if len(words) != len(names):
        return False
    differ = [(w, n) for w, n in zip(words, names) if w != n]
    return len(differ) == 1 and min(len(differ[0][0]), len(differ[0][1])) >= MIN_WORD


def closest(phrase: str, names: Mapping[str, str]) -> str | None:
    """The construct whose name ``phrase`` misspells by one letter, if exactly one (see the module docstring).

    Parameters
    ----------
    phrase : str
        A normalised phrase (:func:`~.names.normalise`).
    names : mapping of str to str
        Normalised construct name -> abbreviation (names only, no abbreviations).

    Returns
    -------
    str or None
    """
    near, far = set(), set()
    for name, abbr in names.items():
        d = distance(phrase, name)
        if d == 1 and _edited_word_is_long(phrase, name):
            near.add(abbr)
        elif d <= 2:
            far.add(abbr)
    return next(iter(near)) if len(near) == 1 and not far - near else None


def typo_aliases(tokens: list[str], names: Mapping[str, str]) -> dict[str, str]:
    """Phrases of a text that misspell a construct's name by one letter: ``{phrase: abbreviation}``.

    Parameters
    ----------
    tokens : list of str
        The text's words, lower case, in order (hyphens split: "e-commerce" is "e", "commerce").
    names : mapping of str to str
        Normalised construct name -> abbreviation (names only).

    Returns
    -------
    dict
        Each phrase of the text, with one word one edit from a name's word, that :func:`closest` resolves.
        A word one edit from another keeps its first two letters or its last two (words of five letters
        or more), so only the text's words sharing those with a name's word are compared.
    """
    words = {w for name in names for w in name.split() if len(w) >= MIN_WORD}
    if not words:
        return {}
    ends: dict[str, set[str]] = {}
    for w in words:
        ends.setdefault("<" + w[:2], set()).add(w)
        ends.setdefault(">" + w[-2:], set()).add(w)
    known = {w for name in names for w in name.split()}
    near: dict[str, set[str]] = {}
    for token in set(tokens) - known:
        if len(token) >= MIN_WORD:
            for w in ends.get("<" + token[:2], set()) | ends.get(">" + token[-2:], set()):
                if _one_apart(token, w):
                    near.setdefault(token, set()).add(w)
    if not near:
        return {}
    joined = f" {' '.join(tokens)} "
    out = {}
    for token, close in sorted(near.items()):
        for name in names:
            parts = name.split()
            for word in close & set(parts):
                phrase = " ".join(token if p == word else p for p in parts)
                if f" {phrase} " in joined:
                    found = closest(phrase, names)
                    if found:
                        out[phrase] = found
    return out
