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

    >>> distance("keterlibataan", "keterlibatan"), distance("umum", "umkm"), distance("abc", "xyz", 1)
    (1, 1, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


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


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))} | {word}


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
    """
    index: dict[str, set[str]] = {}
    for name in names:
        for word in name.split():
            if len(word) >= MIN_WORD:
                for key in _deletions(word):
                    index.setdefault(key, set()).add(word)
    if not index:
        return {}
    known = {word for name in names for word in name.split()}
    lengths = {len(key) for key in index}
    near: dict[str, set[str]] = {}
    for token in set(tokens) - known:
        if len(token) >= MIN_WORD and (len(token) in lengths or len(token) - 1 in lengths):
            for key in _deletions(token):
                for word in index.get(key, ()):
                    near.setdefault(token, set()).add(word)
    if not near:
        return {}
    joined = f" {' '.join(tokens)} "
    out = {}
    for token, words in near.items():
        for word in words:
            for name in names:
                parts = name.split()
                if word in parts:
                    phrase = " ".join(token if p == word else p for p in parts)
                    if f" {phrase} " in joined and closest(phrase, names):
                        out[phrase] = closest(phrase, names)
    return out
