"""Geometry of the structural-model drawing: sizes, indicator boxes, footprints, segments and rectangles.

:class:`Geometry` holds the sizes of the drawing's elements; :class:`Pieces`
places a construct's indicator boxes and computes the rectangles the construct
occupies (its *footprint*) for a given position and side of its indicator
block. The functions below measure segments (structural paths, indicator
arrows) against rectangles and against each other. Both the layout
(:mod:`.layout`, which minimises overlaps and crossings) and the drawing
(:mod:`.structural_model`) use them, so what is optimised is what is drawn.

All lengths are in inches of the final figure (y grows upwards).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Geometry", "Pieces", "wrap_label", "rim", "along", "edge_points", "label_rect", "box_anchor", "overlap",
           "segment_hits_rect", "point_segment_distance", "segments_cross"]


@dataclass(frozen=True)
class Geometry:
    """Sizes of the drawing's elements: lengths in inches, font sizes in points, both at print size.

    The figure is drawn at the size it is printed (:mod:`.print_size`), so a
    font size here is the printed one; the lengths are what the texts need at
    these sizes (DejaVu Sans, matplotlib's default font).
    """

    radius: float = 0.34          # construct circle
    box_height: float = 0.18      # indicator box
    box_min_width: float = 0.36
    char_width: float = 0.068     # per character of an indicator name (indicator_font)
    box_padding: float = 0.12     # box width beyond its name
    pitch_gap: float = 0.04       # between neighbouring boxes
    side_fan: float = 0.45        # left/right blocks: circle rim -> end of the boxes' stubs (horizontal)
    side_stub: float = 0.42       # left/right blocks: the straight stub from a box, where its loading sits
    top_fan: float = 0.32         # above/below blocks: circle rim -> end of the stubs (vertical)
    top_stub: float = 0.2
    fan_spread: float = 50.0      # degrees: connectors meet the circle within this angle of the block's side
    label_height: float = 0.16    # one line of a construct's label under/over its circle
    label_char: float = 0.066     # per character of a construct label (label_font)
    label_wrap: int = 22          # longer labels are set on two lines
    column_gap: float = 1.6       # minimum distance between columns
    node_gap: float = 0.25        # minimum vertical gap between footprints in a column
    path_label_width_per_char: float = 0.062
    path_label_height: float = 0.17
    name_font: float = 9.0        # construct name in its circle (bold; smaller for long names, at least min_font)
    r2_font: float = 7.5
    indicator_font: float = 7.5
    loading_font: float = 7.5
    path_font: float = 7.5
    label_font: float = 7.5
    legend_font: float = 7.5
    min_font: float = 7.5

    def box_width(self, name: str) -> float:
        """Width of the box of indicator ``name`` (its name's length, at least ``box_min_width``)."""
        return max(self.box_min_width, self.char_width * len(str(name)) + self.box_padding)

    def name_font_for(self, name: str) -> float:
        """Font size of a construct's name in its circle: ``name_font``, smaller for long names (its longest
        line), at least ``min_font``."""
        longest = max(len(line) for line in str(name).split("\n"))
        return max(self.min_font, min(self.name_font, 58.0 / max(1, longest)))

    def fitting(self, names) -> "Geometry":
        """This geometry with circles wide enough for the longest of ``names`` (bold, :meth:`name_font_for`).

        A name of ``n`` characters is at most about ``0.8 n`` ems wide (bold capitals); it must fit the
        circle's chord 0.13 inch above the centre (where the name sits over the R², or the first of two
        lines, ``"\\n"``, of a name without R²).
        """
        from dataclasses import replace

        lines = [line for n in names for line in str(n).split("\n")]
        width = max((0.8 * len(line) * self.name_font_for(line) / 72.0 for line in lines), default=0.0) + 0.06
        return replace(self, radius=max(self.radius, math.hypot(width / 2, 0.13)))

    def smallest_font(self) -> float:
        """The smallest of the drawing's font sizes (points)."""
        return min(self.min_font, self.r2_font, self.indicator_font, self.loading_font, self.path_font,
                   self.label_font, self.legend_font)

    def side_reach(self) -> float:
        """Distance from a circle's centre to the facing edge of its left/right indicator boxes."""
        return self.radius + self.side_fan + self.side_stub

    def top_reach(self) -> float:
        """Distance from a circle's centre to the facing edge of its above/below indicator boxes."""
        return self.radius + self.top_fan + self.top_stub


def wrap_label(text: str, width: int) -> str:
    """``text`` on two lines, broken at the space nearest its middle, when it is longer than ``width``.

    >>> wrap_label("Perceived service quality", 18)
    'Perceived\\nservice quality'
    """
    text = str(text)
    spaces = [k for k, ch in enumerate(text) if ch == " "]
    if len(text) <= width or not spaces:
        return text
    k = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:k] + "\n" + text[k + 1:]


# --- points, segments and rectangles ------------------------------------------------------

def rim(centre, towards, r: float) -> tuple[float, float]:
    """The point of the circle of radius ``r`` around ``centre`` in the direction of ``towards``."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    d = math.hypot(dx, dy) or 1.0
    return centre[0] + r * dx / d, centre[1] + r * dy / d


def along(p, q, frac: float) -> tuple[float, float]:
    """The point at fraction ``frac`` of the way from ``p`` to ``q``."""
    return p[0] + frac * (q[0] - p[0]), p[1] + frac * (q[1] - p[1])


def edge_points(x, y, s, t, r: float):
    """Endpoints of the path ``s -> t`` on the rims of the two circles (centres ``x[c], y[c]``)."""
    source, target = (x[s], y[s]), (x[t], y[t])
    return rim(source, target, r), rim(target, source, r)


def label_rect(p, q, frac: float, width: float, height: float) -> tuple[float, float, float, float]:
    """The ``width`` by ``height`` rectangle centred at fraction ``frac`` of the segment ``p-q``."""
    cx, cy = along(p, q, frac)
    return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def box_anchor(side: str, bx: float, by: float, bw: float, box_height: float) -> tuple[float, float]:
    """Where the arrow between a construct and the box centred at ``(bx, by)`` meets the box.

    The middle of the box's edge that faces the construct: its right edge for a
    block on the ``"left"``, its left edge for ``"right"``, its bottom for
    ``"above"`` and its top for ``"below"``.
    """
    if side == "left":
        return bx + bw / 2, by
    if side == "right":
        return bx - bw / 2, by
    if side == "above":
        return bx, by - box_height / 2
    return bx, by + box_height / 2


def overlap(a, b) -> float:
    """Area shared by the rectangles ``a`` and ``b`` (``(x0, y0, x1, y1)``), 0 if they do not overlap."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def segment_hits_rect(p, q, rect, shrink: float = 0.0) -> bool:
    """Liang–Barsky clipping: does segment p-q pass through ``rect`` (shrunk by ``shrink`` on every side)?"""
    x0, y0, x1, y1 = rect[0] + shrink, rect[1] + shrink, rect[2] - shrink, rect[3] - shrink
    if x0 >= x1 or y0 >= y1:
        return False
    if (p[0] < x0 and q[0] < x0) or (p[0] > x1 and q[0] > x1) or (p[1] < y0 and q[1] < y0) or (
            p[1] > y1 and q[1] > y1):
        return False                      # the segment's bounding box misses the rectangle
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if pk == 0:
            if qk < 0:
                return False
        else:
            r = qk / pk
            if pk < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 > t1:
                return False
    return True


def point_segment_distance(c, p, q) -> float:
    """Distance from point ``c`` to the segment ``p-q``."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((c[0] - p[0]) * dx + (c[1] - p[1]) * dy) / length2))
    return math.hypot(c[0] - p[0] - t * dx, c[1] - p[1] - t * dy)


def segments_cross(p1, p2, p3, p4) -> bool:
    """Do the segments ``p1-p2`` and ``p3-p4`` cross properly (not merely touch or share an end)?"""
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(v) < 1e-12 else (1 if v > 0 else -1)

    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    return o1 != o2 and o3 != o4 and 0 not in (o1, o2, o3, o4)


# --- a construct's pieces -------------------------------------------------------------------

class Pieces:
    """The pieces of each construct of a model: its circle, label and block of indicator boxes.

    Parameters
    ----------
    constructs : sequence of str
    indicators : mapping
        Construct -> indicator names.
    labels : mapping
        Construct -> display label (drawn beside the circle when it differs from the name).
    geometry : Geometry
    """

    def __init__(self, constructs, indicators, labels, geometry: Geometry):
        self.constructs = list(constructs)
        self.indicators = {c: list(indicators.get(c, [])) for c in self.constructs}
        self.labels = labels
        self.g = geometry
        self.block = {c: self._block_size(c) for c in self.constructs}
        self._labels = {c: self._label(c) for c in self.constructs}

    def _block_size(self, c):
        widths = [self.g.box_width(i) for i in self.indicators[c]]
        vertical = len(widths) * (self.g.box_height + self.g.pitch_gap) - self.g.pitch_gap if widths else 0.0
        horizontal = sum(w + self.g.pitch_gap for w in widths) - self.g.pitch_gap if widths else 0.0
        return {"widths": widths, "vertical": vertical, "horizontal": horizontal,
                "max_width": max(widths, default=self.g.box_min_width)}

    def label_text(self, c) -> str:
        """Construct ``c``'s label as drawn (on two lines when long), ``""`` when it equals the name."""
        return self._labels[c][0]

    def label_width(self, c) -> float:
        """Width of construct ``c``'s label, 0 when it has none (label equal to the name)."""
        return self._labels[c][1]

    def label_lines(self, c) -> int:
        """Number of lines of construct ``c``'s label (0 without one)."""
        return self._labels[c][2]

    def _label(self, c) -> tuple:
        text = str(self.labels.get(c, c))
        text = "" if text == c else wrap_label(text, self.g.label_wrap)
        lines = text.split("\n") if text else []
        return text, max((self.g.label_char * len(line) + 0.1 for line in lines), default=0.0), len(lines)

    def boxes(self, c, x, y, side) -> list:
        """``(indicator, x, y, width)`` of each box of ``c`` centred at ``(x, y)``, its block on ``side``.

        A left or right block is a column of boxes whose edges facing the circle
        line up; an above or below block is a row of boxes.
        """
        g, widths = self.g, self.block[c]["widths"]
        names = self.indicators[c]
        out = []
        if side in ("left", "right"):
            sign = -1 if side == "left" else 1
            top = y + self.block[c]["vertical"] / 2 - g.box_height / 2
            for k, (name, w) in enumerate(zip(names, widths)):
                out.append((name, x + sign * (g.side_reach() + w / 2), top - k * (g.box_height + g.pitch_gap), w))
        else:
            sign = 1 if side == "above" else -1
            left = x - self.block[c]["horizontal"] / 2
            for name, w in zip(names, widths):
                out.append((name, left + w / 2, y + sign * (g.top_reach() + g.box_height / 2), w))
                left += w + g.pitch_gap
        return out

    def connector(self, side, centre, box) -> tuple:
        """The arrow between a construct and one of its boxes: ``(anchor, stub_end, rim_point)``.

        A straight stub leaves the box's facing edge (``anchor``, :func:`box_anchor`)
        square to it (the loading is written on it), then the connector runs to the
        circle's rim, meeting it within ``fan_spread`` degrees of the block's side.
        """
        g = self.g
        _, bx, by, bw = box
        anchor = box_anchor(side, bx, by, bw, g.box_height)
        dx, dy = {"left": (g.side_stub, 0), "right": (-g.side_stub, 0), "above": (0, -g.top_stub),
                  "below": (0, g.top_stub)}[side]
        stub_end = (anchor[0] + dx, anchor[1] + dy)
        facing = {"left": 180.0, "right": 0.0, "above": 90.0, "below": 270.0}[side]
        angle = math.degrees(math.atan2(stub_end[1] - centre[1], stub_end[0] - centre[0]))
        offset = (angle - facing + 180.0) % 360.0 - 180.0
        angle = math.radians(facing + max(-g.fan_spread, min(g.fan_spread, offset)))
        rim_point = (centre[0] + g.radius * math.cos(angle), centre[1] + g.radius * math.sin(angle))
        return anchor, stub_end, rim_point

    @staticmethod
    def label_side(side) -> str:
        """Where a construct's label goes: opposite its indicator block, so ``"above"`` only for ``"below"``."""
        return "above" if side == "below" else "below"

    def label_rect(self, c, x, y, side):
        """The rectangle of ``c``'s label beside its circle at ``(x, y)`` (block on ``side``), None without one."""
        if not self.label_text(c):
            return None
        g, half = self.g, self.label_width(c) / 2
        height = g.label_height * self.label_lines(c)
        if self.label_side(side) == "below":
            return x - half, y - g.radius - 0.05 - height, x + half, y - g.radius - 0.05
        return x - half, y + g.radius + 0.05, x + half, y + g.radius + 0.05 + height

    def footprint(self, c, x, y, side) -> list:
        """Rectangles a construct occupies: circle with its label, and its indicator fan and block."""
        g, r = self.g, self.g.radius
        lw = self.label_width(c)
        circle = [x - r, y - r, x + r, y + r]
        if lw:
            half = max(r, lw / 2)
            if self.label_side(side) == "below":
                circle = [x - half, y - r - g.label_height * self.label_lines(c) - 0.06, x + half, y + r]
            else:
                circle = [x - half, y - r, x + half, y + r + g.label_height * self.label_lines(c) + 0.06]
        rects = [tuple(circle)]
        boxes = self.boxes(c, x, y, side)
        if boxes:
            xs0 = min(bx - w / 2 for _, bx, _, w in boxes)
            xs1 = max(bx + w / 2 for _, bx, _, w in boxes)
            ys0 = min(by for _, _, by, _ in boxes) - g.box_height / 2
            ys1 = max(by for _, _, by, _ in boxes) + g.box_height / 2
            if side == "left":
                rects.append((xs0, ys0, x - r * 0.7, ys1))
            elif side == "right":
                rects.append((x + r * 0.7, ys0, xs1, ys1))
            elif side == "above":
                rects.append((xs0, y + r * 0.7, xs1, ys1))
            else:
                rects.append((xs0, ys0, xs1, y - r * 0.7))
        return rects

    def footprint_height(self, c, side) -> tuple[float, float]:
        """Lowest and highest y of ``c``'s footprint, its circle centred at height 0."""
        rects = self.footprint(c, 0.0, 0.0, side)
        return min(r[1] for r in rects), max(r[3] for r in rects)
