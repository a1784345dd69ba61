"""A printed number and its rounding (:class:`Printed`), shared by the readers of published files.

Kept apart from :mod:`.published` so that the small readers of its sections
(:mod:`.published_prose`, ...) can use it without importing :mod:`.published`,
which calls them.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Printed"]


@dataclass(frozen=True)
class Printed:
    """A printed number and its rounding: ``decimals=None`` means exact (a count).

    >>> Printed(0.662, 3).interval
    (0.6615, 0.6625)
    >>> Printed(0.0, 3).text
    '0.000'
    """

    value: float
    decimals: int | None = None

    @property
    def half(self) -> float:
        """Half a unit of the last printed decimal (0 for an exact value)."""
        return 0.0 if self.decimals is None else 0.5 * 10.0 ** -self.decimals

    @property
    def low(self) -> float:
        return self.value - self.half

    @property
    def high(self) -> float:
        return self.value + self.half

    @property
    def interval(self) -> tuple[float, float]:
        return (round(self.low, 12), round(self.high, 12))

    @property
    def text(self) -> str:
        """The number as the paper printed it."""
        if self.decimals is None:
            return f"{self.value:g}"
        return f"{self.value:.{self.decimals}f}"
