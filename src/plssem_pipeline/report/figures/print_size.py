"""The size at which the LaTeX report prints each figure, and the scale it applies.

The LaTeX report (``workflow/templates/results.tex.j2``: A4, 2 cm margins, so a
17.0 × 25.7 cm text block) includes a figure with ``width=\\linewidth`` and
``keepaspectratio``, at most ``0.42\\textheight`` high; a wide figure (the
structural model) on a landscape page (pdflscape swaps the text block's width
and height), at most ``0.82\\textheight`` high. A figure of ``w × h`` inches
is thus scaled by ``min(W / w, H / h)`` for its box ``W × H`` (:func:`scale`),
and a font of ``s`` points prints at ``s`` times that. The figures are drawn
at (or within) their box's size, so that their fonts, all at least
:data:`MIN_FONT` points, print at least that large. A test checks the
template's numbers against these.
"""
from __future__ import annotations

__all__ = ["MIN_FONT", "TEXT_WIDTH", "TEXT_HEIGHT", "NORMAL_HEIGHT", "WIDE_HEIGHT", "box", "scale"]

#: Smallest printed font size (points) of any figure text.
MIN_FONT = 7.0
#: The text block of an A4 page with 2 cm margins, inches.
TEXT_WIDTH, TEXT_HEIGHT = 17.0 / 2.54, 25.7 / 2.54
#: Fraction of ``\textheight`` a normal and a wide (landscape) figure may take.
NORMAL_HEIGHT, WIDE_HEIGHT = 0.42, 0.82


def box(wide: bool = False) -> tuple[float, float]:
    """``(width, height)`` in inches of the box a figure is printed in (a landscape page when ``wide``)."""
    if wide:
        return TEXT_HEIGHT, WIDE_HEIGHT * TEXT_WIDTH
    return TEXT_WIDTH, NORMAL_HEIGHT * TEXT_HEIGHT


def scale(width: float, height: float, wide: bool = False) -> float:
    """The factor a ``width × height`` inch figure is printed at: ``min(W / width, H / height)``.

    >>> round(scale(17.0 / 2.54, 2.0), 6)
    1.0
    """
    w, h = box(wide)
    return min(w / width, h / height)
