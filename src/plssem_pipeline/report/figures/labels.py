"""Placing the structural-model figure's labels where they touch no line, shape or other label.

A :class:`Scene` collects what is drawn: line segments (structural paths,
indicator connectors), circles (constructs), rectangles (indicator boxes) and
the texts already placed, each with an *owner*. :meth:`Scene.place` tries a
label at each of its candidate positions (for a path's label, points along the
path; for a loading, points along its connector's stub) and keeps the first
whose box, as matplotlib renders it (:meth:`matplotlib.text.Text.get_window_extent`
plus its background box), meets nothing but what it belongs to. A label
written on its own line with a white background (SmartPLS's style) hides only
that line's middle, never another line or text.

All coordinates are data coordinates of the drawing: inches, y upwards.
"""
from __future__ import annotations

from .geometry import overlap, segment_hits_rect

__all__ = ["Scene", "MARGIN"]

#: Clearance (inches) kept between a label's box and anything else.
MARGIN = 0.025


def _rect_meets_circle(rect, centre, r: float) -> bool:
    """Does the rectangle ``(x0, y0, x1, y1)`` meet the disc of radius ``r`` around ``centre``?"""
    nx = min(max(centre[0], rect[0]), rect[2])
    ny = min(max(centre[1], rect[1]), rect[3])
    return (nx - centre[0]) ** 2 + (ny - centre[1]) ** 2 < r * r


def _grow(rect, by: float):
    return rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by


class Scene:
    """What has been drawn on ``ax``, to place labels clear of it.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes whose data unit is one inch (the structural model's).
    renderer : matplotlib renderer
        Measures the texts (``fig.canvas.get_renderer()``).
    """

    def __init__(self, ax, renderer):
        self.ax = ax
        self.renderer = renderer
        self.segments: list = []
        self.circles: list = []
        self.rects: list = []
        self.unresolved = 0

    def add_polyline(self, points, owner) -> None:
        """Register the segments of the polyline ``points`` (a path or a connector) as ``owner``'s."""
        for p, q in zip(points[:-1], points[1:]):
            self.segments.append((p, q, owner))

    def add_circle(self, centre, r: float, owner) -> None:
        """Register a construct's circle."""
        self.circles.append((centre, r, owner))

    def add_rect(self, rect, owner) -> None:
        """Register a rectangle ``(x0, y0, x1, y1)`` (an indicator box or a placed text)."""
        self.rects.append((tuple(rect), owner))

    def extent(self, text) -> tuple[float, float, float, float]:
        """The rectangle (inches) ``text`` covers as rendered, its background box included."""
        box = text.get_window_extent(self.renderer)
        inverse = self.ax.transData.inverted()
        (x0, y0), (x1, y1) = inverse.transform([(box.x0, box.y0), (box.x1, box.y1)])
        patch = text.get_bbox_patch()
        pad = 0.0
        if patch is not None:
            pad = patch.get_boxstyle().pad * text.get_fontsize() / 72.0
        return x0 - pad, y0 - pad, x1 + pad, y1 + pad

    def add_text(self, text, owner) -> None:
        """Register a text drawn where it is (a construct's name, an indicator's name)."""
        self.add_rect(self.extent(text), owner)

    def conflicts(self, rect, owner) -> int:
        """How many registered items other than ``owner``'s the rectangle ``rect`` meets (with :data:`MARGIN`)."""
        grown = _grow(rect, MARGIN)
        hits = sum(1 for p, q, o in self.segments if o != owner and segment_hits_rect(p, q, grown))
        hits += sum(1 for c, r, o in self.circles if _rect_meets_circle(grown, c, r))
        hits += sum(1 for r, o in self.rects if overlap(grown, r) > 0)
        return hits

    def place(self, text, candidates, owner) -> int:
        """Move ``text`` to the first of ``candidates`` (points, inches) where it meets nothing, and register it.

        When every candidate meets something, the one that meets least is kept and
        counted in :attr:`unresolved`.

        Returns
        -------
        int
            Number of items the label meets where it stays (0: clear).
        """
        best = None
        for point in candidates:
            text.set_position(point)
            rect = self.extent(text)
            hits = self.conflicts(rect, owner)
            if best is None or hits < best[0]:
                best = (hits, point, rect)
            if hits == 0:
                break
        text.set_position(best[1])
        self.add_rect(best[2], owner)
        self.unresolved += best[0] > 0
        return best[0]
