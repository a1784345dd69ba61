"""Printed numbers within their rounding: the arithmetic every consistency check uses.

Every printed input may lie anywhere in its rounding interval (``0.662``
stands for ``[0.6615, 0.6625]``), which gives an interval for a value
recomputed from printed inputs (:func:`value_range`); that value is consistent
with its own printed value when the interval meets the printed value's
rounding interval (:func:`overlaps`). :func:`rounding_verdict` words the
outcome; :func:`rounding_check` is the whole row of a check that recomputes one
printed value. :func:`agreement_verdict` is the verdict of a check that compares
a classification (a word, a decision) with the one the printed numbers give.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np

from ..published import Printed
from ..catalogue import AuditCatalogue
from .rows import Check

#: Slack for binary floating point in every comparison with a bound.
EPS = 1e-9


def value_range(function: Callable[[np.ndarray], float], printed: Sequence[Printed], *,
                batched: bool = False) -> tuple[float, float, float]:
    """``(value, low, high)`` of ``function`` with every input anywhere in its rounding interval.

    ``value`` is at the printed values. With up to 10 rounded inputs every
    corner of the box is evaluated; with more, the two corners that the signs
    of the central differences point to. Both are exact for functions monotone
    in each input (every function the checks use but the eigenvalue) and
    first-order exact otherwise, the box being ±0.0005 wide.

    Parameters
    ----------
    function : callable
        ``x -> float`` for an array ``x`` of the inputs, in the order of ``printed``; with
        ``batched``, ``X -> values`` for an array ``X`` (points, inputs) of points, one value
        per point (all the corners in one call, as :mod:`plssem.bootstrap` batches resamples).
    printed : sequence of Printed
        The inputs as printed (exact ones do not vary).
    batched : bool
        Whether ``function`` takes the points as rows of one array.

    Returns
    -------
    value, low, high : float
        The value at the printed inputs and its smallest and largest over the rounding box.
    """
    x0 = np.array([p.value for p in printed], dtype=float)
    half = np.array([p.half for p in printed], dtype=float)

    def evaluate(points: np.ndarray) -> list[float]:
        if batched:
            return [float(v) for v in function(points)]
        return [float(function(x)) for x in points]

    free = np.flatnonzero(half > 0)
    if free.size == 0:
        value = evaluate(x0[None])[0]
        return value, value, value
    if free.size <= 10:
        signs = np.array(list(itertools.product((-1.0, 1.0), repeat=free.size)))
        points = np.repeat(x0[None], len(signs) + 1, axis=0)
        points[1:, free] += signs * half[free]
        values = evaluate(points)
    else:
        steps = np.zeros((free.size, x0.size))
        steps[np.arange(free.size), free] = half[free]
        first = evaluate(np.concatenate([x0[None], x0 + steps, x0 - steps]))
        slope = np.zeros_like(x0)
        slope[free] = np.subtract(first[1:1 + free.size], first[1 + free.size:])
        values = [first[0], *evaluate(np.stack([x0 + np.sign(slope) * half, x0 - np.sign(slope) * half]))]
    return values[0], min(values), max(values)


def overlaps(low: float, high: float, printed: Printed) -> bool:
    """Whether ``[low, high]`` meets the printed value's rounding interval.

    Parameters
    ----------
    low, high : float
        The recomputed interval.
    printed : Printed
        The printed value.

    Returns
    -------
    bool
        True when the two intervals meet (within :data:`EPS`).
    """
    return low <= printed.high + EPS and high >= printed.low - EPS


def rounding_verdict(low: float, high: float, printed: Printed, *, what: str,
                     words: AuditCatalogue) -> tuple[str, str]:
    """pass/fail and the sentence that says why, for an interval against a printed value.

    Parameters
    ----------
    low, high : float
        The recomputed interval.
    printed : Printed
        The printed value it should meet.
    what : str
        What was recomputed, as the sentence names it (``"AVE"``, ``"the product"``).
    words : AuditCatalogue
        The language of the sentence.

    Returns
    -------
    verdict : str
        ``"pass"`` if the intervals meet (:func:`overlaps`), else ``"fail"``.
    why : str
        Both intervals and, on a fail, the gap between them.
    """
    if overlaps(low, high, printed):
        return "pass", words("rounding_pass", what=what, interval=words.interval(low, high),
                             printed=words.printed(printed))
    gap = printed.low - high if high < printed.low else low - printed.high
    return "fail", words("rounding_fail", what=what, interval=words.interval(low, high),
                         printed=words.printed(printed), gap=words.num(gap))


def rounding_check(check: str, table: str, item: str, printed: Printed, function: Callable[[np.ndarray], float],
                   inputs: Sequence[Printed], *, what: str, arithmetic: Callable[[float], str],
                   words: AuditCatalogue, on_fail: tuple[str, str] = ("fail", ""), batched: bool = False) -> Check:
    """The row of a printed value recomputed from printed inputs, judged within rounding.

    Parameters
    ----------
    check, table, item : str
        The row's ``check``, ``table`` and ``item``.
    printed : Printed
        The printed value checked (``published``).
    function, inputs
        The recomputation and its printed inputs, as for :func:`value_range`.
    what : str
        What was recomputed, as :func:`rounding_verdict` names it.
    arithmetic : callable
        ``value -> str``: the arithmetic with the printed numbers (``"AVE = ... = 0.5512"``); the
        verdict's sentence follows after ``"; "``.
    words : AuditCatalogue
        The language of the explanation.
    on_fail : (str, str)
        The verdict instead of ``"fail"`` (a check that only approximates
        softens it to ``"warn"``), and a note to end the explanation with
        (with its leading separator), when rounding cannot explain the difference.
    batched : bool
        Whether ``function`` takes the points as rows of one array (:func:`value_range`).

    Returns
    -------
    Check
        ``recomputed`` at the printed inputs, the verdict of :func:`rounding_verdict` (or ``on_fail``).
    """
    value, low, high = value_range(function, inputs, batched=batched)
    verdict, why = rounding_verdict(low, high, printed, what=what, words=words)
    if verdict == "fail":
        verdict, note = on_fail
        why += note
    return Check(check, table, item, printed.value, value, verdict, f"{arithmetic(value)}; {why}")


def agreement_verdict(agrees: bool, sure: bool) -> str:
    """The verdict of a classification printed by the paper against the one its printed numbers give.

    Parameters
    ----------
    agrees : bool
        Whether the paper's classification is the one the printed values give.
    sure : bool
        Whether every value in the printed rounding intervals gives the same classification
        (no interval contains a threshold).

    Returns
    -------
    str
        ``"warn"`` when the classification turns on a rounding interval that contains its threshold, whichever
        side the printed value lies on (the paper may be right or wrong); else ``"pass"`` if they agree and
        ``"fail"`` if they do not.
    """
    if not sure:
        return "warn"
    return "pass" if agrees else "fail"
