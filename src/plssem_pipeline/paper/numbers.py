"""Numbers as a paper prints them: decimal point or decimal comma, thousands groups, signs, percents.

:func:`numbers_in` finds every number in a text and keeps its exact span, so that whatever
the extractor writes can be traced back to the characters it came from
(``text[start:end] == number.text``, always). A printed number is read two ways when it
can be: ``"81.600"`` is the decimal 81.6 (three decimals) and the count 81 600 (an
Indonesian thousands point); which one a table means is the caller's decision (a
loading is a decimal, a respondent count a count).

Rules
-----
* A number is digits with optional ``.``/``,`` groups (``0,589``, ``11.929``, ``1.234.567``,
  ``1,234.5``) or a leading-point decimal (``.05``, APA style).
* A number glued to a letter or an underscore before it is part of a name (``EC1``, ``H3``,
  ``v5i1``) and is not a number.
* A minus (``-`` or U+2212 ``−``) belongs to the number when it is not preceded by a digit, a
  letter or a closing bracket (``-2,24`` and ``(−0.12)`` are negative; ``1-3 tahun`` is a range).
* ``percent`` is true when ``%`` follows (spaces allowed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Number", "numbers_in", "parse_number"]

_BODY = re.compile(r"\d+(?:[.,]\d+)*|\.\d+")
_NUMBER = re.compile(rf"(?<![\w.,])(?P<sign>[-\u2212](?=[.\d]))?(?P<body>{_BODY.pattern})")
_AFTER_SIGN_BLOCKERS = re.compile(r"[)\]]")
_PERCENT = re.compile(r"[ \t]*%")
_SEPARATORS = re.compile(r"[.,]")


@dataclass(frozen=True)
class Number:
    """One printed number and its readings.

    Attributes
    ----------
    text : str
        The characters printed, sign included (``"-2,24"``); ``Document.text[start:end] == text``.
    start, end : int
        Offsets of ``text`` in the text searched (plus the ``offset`` given to :func:`numbers_in`).
    value : float
        The decimal reading: the last separator is the decimal one when the groups before it
        are thousands groups (``"0,589"`` -> 0.589, ``"1,234.5"`` -> 1234.5); a number with
        several equal separators is an integer in thousands groups (``"1.234.567"``).
    decimals : int or None
        Digits after the decimal separator; None for an integer.
    count : int or None
        The thousands reading when it exists (``"81.600"`` -> 81600, ``"1,234"`` -> 1234): one to three
        leading digits, not starting with 0 (unless the number is 0), then groups of exactly three.
    percent : bool
        A ``%`` follows.
    sign : str
        ``"-"``, ``"−"`` or ``""``.
    """

    text: str
    start: int
    end: int
    value: float
    decimals: int | None
    count: int | None
    percent: bool
    sign: str


def parse_number(text: str) -> tuple[float, int | None, int | None]:
    """``(value, decimals, count)`` of a printed number without sign (see :class:`Number`).

    Parameters
    ----------
    text : str
        Digits with ``.``/``,`` separators (``"0,589"``, ``"81.600"``, ``".05"``).

    Returns
    -------
    value : float
    decimals : int or None
    count : int or None

    Raises
    ------
    ValueError
        If ``text`` is not such a number.

    Examples
    --------
    >>> parse_number("0,589")
    (0.589, 3, None)
    >>> parse_number("81.600")
    (81.6, 3, 81600)
    >>> parse_number("1.234.567")
    (1234567.0, None, 1234567)
    """
    if not _BODY.fullmatch(text):
        raise ValueError(f"{text!r} is not a number")
    separators = _SEPARATORS.findall(text)
    if not separators:
        return float(int(text)), None, int(text)
    groups = _SEPARATORS.split(text)
    thousands = (len(groups) > 1 and 1 <= len(groups[0]) <= 3 and not groups[0].startswith("0")
                 and all(len(g) == 3 for g in groups[1:]) and len(set(separators)) == 1)
    count = int("".join(groups)) if thousands else None
    if len(separators) > 1 and len(set(separators)) == 1:
        if count is None:  # "1.2.3": neither a decimal nor a grouped integer
            raise ValueError(f"{text!r} is not a number")
        return float(count), None, count
    whole, frac = "".join(groups[:-1]), groups[-1]
    if len(groups) > 2 and not all(len(g) == 3 for g in groups[1:-1]):
        raise ValueError(f"{text!r} is not a number")
    return float(f"{whole or '0'}.{frac}"), len(frac), count


def numbers_in(text: str, offset: int = 0) -> list[Number]:
    """Every number in ``text``, in order (see the module docstring for what counts).

    Parameters
    ----------
    text : str
        Any text (a line, a cell, a whole document).
    offset : int
        Added to every ``start``/``end`` (the position of ``text`` in the document).

    Returns
    -------
    list of Number
        ``text[n.start - offset:n.end - offset] == n.text`` for each.

    Examples
    --------
    >>> [(n.text, n.value) for n in numbers_in("EC1 0,818 and -2,24 in 1-3 tahun")]
    [('0,818', 0.818), ('-2,24', -2.24), ('1', 1.0), ('3', 3.0)]
    """
    found = []
    for match in _NUMBER.finditer(text):
        sign = match.group("sign") or ""
        if sign and match.start() > 0 and _AFTER_SIGN_BLOCKERS.match(text[match.start() - 1]):
            sign = ""
        body = match.group("body")
        try:
            value, decimals, count = parse_number(body)
        except ValueError:
            continue
        start = match.start("body") - len(sign)
        end = match.end("body")
        percent = bool(_PERCENT.match(text, end))
        found.append(Number(text[start:end], start + offset, end + offset, -value if sign else value,
                            decimals, None if count is None else (-count if sign else count), percent, sign))
    return found
