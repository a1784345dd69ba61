"""The cost of a structural-model layout (:mod:`.layout`): what a placement of the constructs gets wrong.

:class:`Evaluator` counts, for given centres and sides of the indicator blocks,
overlapping footprints, crowded columns, structural paths through constructs,
indicator blocks or their own constructs' labels, path crossings, path labels
meeting footprints, other labels or other paths (their positions estimated as
the drawing places them), and the drawing's height, and weighs them into one
number the layout's coordinate descent minimises.
"""
from __future__ import annotations

from . import print_size
from .geometry import edge_points, label_rect, overlap, point_segment_distance, segment_hits_rect, segments_cross

__all__ = ["Evaluator", "LABEL_FRACTIONS"]


#: Where a path's label may sit (fraction of the way along the path), in order of preference.
LABEL_FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75)


def _around(rects) -> tuple[float, float, float, float]:
    """The rectangle around ``rects``."""
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


class Evaluator:
    """The cost of a placement (lower is better), and what it counts; also places the path labels.

    Parameters
    ----------
    model : layout's model
        The model's pieces (:class:`.geometry.Pieces`) with its ``edges`` and ``depth`` (column) of each construct.
    label_chars : mapping
        ``(source, target)`` -> number of characters of the path's label.
    """

    def __init__(self, model, label_chars: dict):
        self.m = model
        self.label_w = {e: model.g.path_label_width_per_char * label_chars.get(e, 14) + 0.08 for e in model.edges}
        # the drawing's footprints may take the landscape page's height less the legend and labels' slack
        self.max_height = print_size.box(wide=True)[1] - 0.6
        self._pieces = {}                         # (construct, x, y, side) -> (footprint, rectangle around it)

    def evaluate(self, x, y, side, detail=False, bound: float | None = None):
        """Cost of placing the circles at ``x, y`` with the indicator blocks on ``side``.

        Parameters
        ----------
        x, y, side : dict
            Construct -> centre coordinates and side of its indicator block.
        detail : bool
            Also return what the cost counts.
        bound : float, optional
            The cost the caller must beat: once the terms counted so far (every term is >= 0, and the
            rounded sum of the cost's formula cannot fall when a term grows) reach it, their cost is returned
            at once, a value >= ``bound`` as the whole cost would be. The layout's descent passes its best cost
            so far: a placement that cannot win is not finished, and the descent ends where it did.

        Returns
        -------
        float or tuple
            The cost; with ``detail``, ``(cost, problems, footprints)`` as in :class:`.layout.Layout`.
        """
        m, g = self.m, self.m.g
        cs = m.constructs
        fps, boxes = {}, {}
        for c in cs:
            key = (c, x[c], y[c], side[c])
            if key not in self._pieces:          # the descent moves one construct at a time: the others' are known
                rects = m.footprint(c, x[c], y[c], side[c])
                self._pieces[key] = (rects, _around(rects))
            fps[c], boxes[c] = self._pieces[key]
        overlaps = 0
        overlap_area = 0.0
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                if overlap(boxes[a], boxes[b]) == 0.0:
                    continue                      # apart as wholes: no two of their rectangles overlap
                area = sum(overlap(ra, rb) for ra in fps[a] for rb in fps[b])
                if area > 0:
                    overlaps += 1
                    overlap_area += area
        # Minimum gap between footprints of the same column (keeps stacks readable).
        gap_violation = 0.0
        spans = {c: (min(r[1] for r in fps[c]), max(r[3] for r in fps[c])) for c in cs}
        for a_i, a in enumerate(cs):
            for b in cs[a_i + 1:]:
                if m.depth[a] != m.depth[b]:
                    continue
                (a0, a1), (b0, b1) = spans[a], spans[b]
                gap = max(b0 - a1, a0 - b1)
                if gap < g.node_gap:
                    gap_violation += g.node_gap - gap
        ys = [r[1] for c in cs for r in fps[c]] + [r[3] for c in cs for r in fps[c]]
        height = max(ys) - min(ys)
        counts = {"overlaps": overlaps, "overlap_area": overlap_area, "gap_violation": gap_violation,
                  "height": height}
        if bound is not None and self._cost(counts) >= bound:
            return self._cost(counts)
        ends = {e: edge_points(x, y, e[0], e[1], g.radius) for e in m.edges}
        through_nodes = through_blocks = through_labels = 0
        near = g.radius + 0.18
        for e, (p, q) in ends.items():
            reach = (min(p[0], q[0]) - near, min(p[1], q[1]) - near, max(p[0], q[0]) + near, max(p[1], q[1]) + near)
            for c in cs:
                if c in e:
                    # its own indicator block and label (not the circle) must not be crossed either
                    if segment_hits_rect(p, q, fps[c][-1], shrink=0.02) and len(fps[c]) > 1:
                        through_blocks += 1
                    label = m.label_rect(c, x[c], y[c], side[c])
                    if label is not None and segment_hits_rect(p, q, label, shrink=-0.03):
                        through_labels += 1     # the label can often move aside (structural_model)
                    continue
                if (reach[0] < x[c] < reach[2] and reach[1] < y[c] < reach[3]   # else farther than `near`
                        and point_segment_distance((x[c], y[c]), p, q) < near):
                    through_nodes += 1
                elif (boxes[c][0] - 0.01 <= reach[2] and reach[0] <= boxes[c][2] + 0.01    # else apart as wholes
                      and boxes[c][1] - 0.01 <= reach[3] and reach[1] <= boxes[c][3] + 0.01
                      and any(segment_hits_rect(p, q, r, shrink=-0.01) for r in fps[c])):
                    through_blocks += 1
        counts.update(through_nodes=through_nodes, through_blocks=through_blocks, through_labels=through_labels)
        if bound is not None and self._cost(counts) >= bound:
            return self._cost(counts)
        crossings = 0
        edges = m.edges
        for i, e in enumerate(edges):
            for f in edges[i + 1:]:
                if set(e) & set(f):
                    continue
                if segments_cross(*ends[e], *ends[f]):
                    crossings += 1
        counts["crossings"] = crossings
        if bound is not None and self._cost(counts) >= bound:
            return self._cost(counts)
        # Path labels (an estimate for the cost; structural_model places them): per path, the position along
        # it that collides least.
        placed = []
        collisions = 0
        all_fp = [r for c in cs for r in fps[c]]
        reach = {f: (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])) for f, (p, q) in ends.items()}
        for e in edges:
            p, q = ends[e]
            best = None
            for frac in LABEL_FRACTIONS:
                rect = label_rect(p, q, frac, self.label_w[e], g.path_label_height)
                x0, y0, x1, y1 = rect
                hits = (sum(1 for r in all_fp if r[0] < x1 and x0 < r[2] and r[1] < y1 and y0 < r[3])
                        + sum(2 for r in placed if r[0] < x1 and x0 < r[2] and r[1] < y1 and y0 < r[3])
                        + sum(1 for f in edges if f != e and reach[f][0] < x1 and x0 < reach[f][2]
                              and reach[f][1] < y1 and y0 < reach[f][3] and segment_hits_rect(*ends[f], rect)))
                if best is None or hits < best[0]:
                    best = (hits, rect)
                if hits == 0:
                    break
            collisions += best[0]
            placed.append(best[1])
        counts["collisions"] = collisions
        cost = self._cost(counts)
        if not detail:
            return cost
        return cost, {"overlaps": overlaps, "paths_through_constructs": through_nodes,
                      "paths_through_blocks": through_blocks, "paths_through_own_labels": through_labels,
                      "crossings": crossings, "label_collisions": collisions}, fps

    def _cost(self, counts: dict) -> float:
        """The weighted sum of what :meth:`evaluate` counts; a term not yet counted is 0."""
        get = counts.get
        height = get("height", 0.0)
        return (1000.0 * get("overlaps", 0) + 2000.0 * get("overlap_area", 0.0) + 400.0 * get("gap_violation", 0.0)
                + 600.0 * get("through_nodes", 0) + 300.0 * get("through_blocks", 0)
                + 200.0 * get("through_labels", 0) + 25.0 * get("crossings", 0) + 6.0 * get("collisions", 0)
                + 1.0 * height + 50.0 * max(0.0, height - self.max_height))
