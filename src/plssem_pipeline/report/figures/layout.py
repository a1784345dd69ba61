"""Automatic layout of a PLS path model drawn as SmartPLS draws it.

Constructs are circles, placed in columns by *topological depth* (the length
of the longest directed route that reaches them from an exogenous construct),
so every structural path points rightwards (unless the caller places them:
:meth:`.roles.Roles.columns` puts interaction terms and control variables next
to their target, and the dimensions of a repeated-indicators construct beside it). Each construct's indicators are
boxes in a block on one side of its circle: to the left of the exogenous
constructs (first column), to the right of the constructs of the last column,
and above or below the others.

Neighbouring columns are far enough apart for the widest path label and for
half of each one's above/below indicator blocks; when a drawing with these
gaps would be too wide for the landscape page to print its fonts at
:data:`.print_size.MIN_FONT`, the columns are set *tight*, only as far apart as
the path labels need, and the descent puts the blocks at different heights. When even the tight columns are too wide, the
layers are wrapped onto rows (two, or more when two are still too wide), every second row running leftwards
(a serpentine: the paths from the end of one row to the start of the next stay short), if that prints the
fonts larger than one row would (:func:`_wrapped`).

Within a column the constructs are first ordered by the barycentre of their
neighbours (Sugiyama, Tagawa & Toda 1981, the usual layered-graph heuristic)
and stacked without overlap. Then a coordinate descent moves one construct at a
time up or down (and flips an above/below indicator block) to minimise a cost
that counts, in this order of weight: overlapping footprints (circle, label,
indicator block), structural paths passing through a construct or an indicator
block they do not belong to, path crossings, path labels colliding, and the
height of the drawing (:class:`.cost.Evaluator`). Everything is deterministic.

All lengths are in inches of the final figure, so fonts keep their size
whatever the model: a bigger model gives a bigger figure. The sizes, the
boxes and footprints of a construct and the tests of segments against
rectangles are in :mod:`.geometry`; this module decides where things go.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import print_size
from .cost import Evaluator
from .geometry import Geometry, Pieces
from .roles import depths

__all__ = ["Geometry", "Layout", "depths", "layout_model", "max_width"]


@dataclass
class Layout:
    """Positions of a laid-out model (inches; y grows upwards).

    Attributes
    ----------
    x, y : dict
        Construct -> centre of its circle.
    side : dict
        Construct -> ``"left"``, ``"right"``, ``"above"`` or ``"below"`` (where its indicator block is).
    boxes : dict
        Construct -> list of ``(indicator, x, y, width)``: centres of its indicator boxes.
    label_pos : dict
        Construct -> ``"below"`` or ``"above"``: where its label goes.
    footprints : dict
        Construct -> list of rectangles ``(x0, y0, x1, y1)`` it occupies.
    problems : dict
        Counts of what the cost penalises, for the final layout: ``overlaps``,
        ``paths_through_constructs``, ``paths_through_blocks``, ``paths_through_own_labels``
        (a path across its own constructs' labels), ``crossings``, ``label_collisions``.
    columns : list
        The constructs of each column, top to bottom.
    pieces : geometry.Pieces
        The model's pieces (boxes, connectors, labels) the layout was computed with.
    """

    x: dict
    y: dict
    side: dict
    boxes: dict
    label_pos: dict
    footprints: dict
    problems: dict = field(default_factory=dict)
    columns: list = field(default_factory=list)
    pieces: Pieces | None = None

    def bounds(self, margin: float = 0.3) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)``: the rectangle around every footprint, widened by ``margin``."""
        rects = [r for rs in self.footprints.values() for r in rs]
        x0 = min(r[0] for r in rects) - margin
        y0 = min(r[1] for r in rects) - margin
        x1 = max(r[2] for r in rects) + margin
        y1 = max(r[3] for r in rects) + margin
        return x0, y0, x1, y1


# --- layers and cost --------------------------------------------------------------------------

class _Model(Pieces):
    """The model's pieces (:class:`.geometry.Pieces`) with its paths, columns and possible sides of each block."""

    def __init__(self, constructs, edges, indicators, labels, geometry: Geometry, columns=None):
        super().__init__(constructs, indicators, labels, geometry)
        self.edges = [tuple(e) for e in edges]
        self.depth = dict(columns) if columns is not None else depths(self.constructs, self.edges)
        self.n_columns = max(self.depth.values()) + 1
        self.per_row = self.n_columns          # columns per row (fewer when the layers are wrapped: :func:`_places`)

    def sides(self, c):
        """Where ``c``'s indicator block may go: left in the first column, at the end of the last row (right,
        or left when that row runs leftwards), else above or below."""
        d = self.depth[c]
        if d == 0:
            return ("left",)
        if d == self.n_columns - 1:
            return ("left",) if (d // self.per_row) % 2 else ("right",)
        return ("above", "below")


def _order_columns(model: _Model):
    """Constructs by column (depth), each column sorted by the barycentre of its neighbours (four sweeps)."""
    columns = [[c for c in model.constructs if model.depth[c] == d] for d in range(model.n_columns)]
    neighbours = {c: [s for s, t in model.edges if t == c] + [t for s, t in model.edges if s == c]
                  for c in model.constructs}
    for _ in range(4):
        position = {c: i for col in columns for i, c in enumerate(col)}
        for k, col in enumerate(columns):
            def bary(c, col=col):
                others = [position[n] for n in neighbours[c] if model.depth[n] != model.depth[c]]
                return (sum(others) / len(others)) if others else position[c]
            columns[k] = sorted(col, key=lambda c: (bary(c), model.constructs.index(c)))
            position.update({c: i for i, c in enumerate(columns[k])})
    return columns


def _stack(model: _Model, columns, side) -> dict:
    """Initial heights: each column's footprints stacked, centred on 0."""
    g, y = model.g, {}
    for col in columns:
        extents = [model.footprint_height(c, side[c]) for c in col]
        total = sum(hi - lo for lo, hi in extents) + g.node_gap * 1.5 * (len(col) - 1)
        top = total / 2
        for c, (lo, hi) in zip(col, extents):
            y[c] = top - hi
            top -= (hi - lo) + g.node_gap * 1.5
    return y


def _descend(evaluator: Evaluator, model: _Model, order, x, y, side, passes: int) -> float:
    """Coordinate descent: move one construct at a time up or down (and flip its block) while the cost falls.

    ``y`` and ``side`` are updated in place; returns the final cost.
    """
    cost = evaluator.evaluate(x, y, side)
    steps = [sign * d for d in (0.25, 0.5, 1.0, 1.5, 2.0, 3.0) for sign in (1, -1)]
    for _ in range(passes):
        improved = False
        for c in order:
            best = (cost, y[c], side[c])
            original = (y[c], side[c])
            for s in model.sides(c):
                for step in [0.0, *steps]:
                    if s == original[1] and step == 0.0:
                        continue
                    y[c], side[c] = original[0] + step, s
                    trial = evaluator.evaluate(x, y, side, bound=best[0] - 1e-9)   # cannot win: cut short
                    if trial < best[0] - 1e-9:
                        best = (trial, y[c], s)
            y[c], side[c] = best[1], best[2]
            if best[0] < cost - 1e-9:
                cost = best[0]
                improved = True
        if not improved:
            break
    return cost


def _places(model: _Model, gaps, pitch: float = 0.0) -> tuple[list, list]:
    """``(x, dy)`` of each column: its centre and its row's vertical offset (inches).

    With ``model.per_row`` columns per row the layers are wrapped: row ``r`` holds the columns
    ``r * per_row ...``, the rows ``pitch`` apart, every second row running leftwards (a serpentine), so the
    paths from one row to the next stay short. Within a row the columns are ``max(gaps)`` apart.
    """
    if model.per_row >= model.n_columns:
        x = [0.0]
        for gap in gaps:
            x.append(x[-1] + gap)
        return x, [0.0] * len(x)
    step = max(gaps, default=0.0)
    rows = [divmod(d, model.per_row) for d in range(model.n_columns)]
    return ([step * (q if r % 2 == 0 else model.per_row - 1 - q) for r, q in rows], [-pitch * r for r, _ in rows])


def _close_rows(evaluator: Evaluator, model: _Model, x, y, side, cost: float) -> float:
    """Move each wrapped row, with the rows under it, up (towards the row above) while the cost falls.

    ``y`` is updated in place; returns the final cost.
    """
    for row in range(1, -(-model.n_columns // model.per_row)):
        below = [c for c in model.constructs if model.depth[c] // model.per_row >= row]
        for step in (0.5, 0.25, 0.1):
            while True:
                for c in below:
                    y[c] += step
                trial = evaluator.evaluate(x, y, side, bound=cost - 1e-9)
                if trial >= cost - 1e-9:
                    for c in below:
                        y[c] -= step
                    break
                cost = trial
    return cost


def _width(model: _Model, columns, gaps) -> float:
    """Estimated width (inches) of the drawing's footprints with the columns ``gaps`` apart."""
    lo = hi = 0.0
    xs, _ = _places(model, gaps)
    for k, column in enumerate(columns):
        for c in column:
            rects = model.footprint(c, xs[k], 0.0, model.sides(c)[0])
            lo, hi = min([lo] + [r[0] for r in rects]), max([hi] + [r[2] for r in rects])
    return hi - lo


def _arrange(evaluator: Evaluator, model: _Model, columns, gaps, allowed: float, passes: int, restarts: int,
             pitch: float = 0.0):
    """Place the constructs with the columns ``gaps`` apart: ``(cost, x, y, side, clean)``.

    The first descent without overlaps or paths through constructs and blocks wins, else the cheapest;
    when no start is clean, the columns are spread wider (less steep paths), as long as the drawing stays
    within ``allowed`` inches (or its width at ``gaps``), and the starts tried again.
    """
    order = [c for col in columns for c in col]
    # Starts: middle blocks above, below, alternating by column, then pseudo-random sides (fixed seeds).
    starts = [{c: model.sides(c)[0] for c in order}, {c: model.sides(c)[-1] for c in order},
              {c: model.sides(c)[model.depth[c] % len(model.sides(c))] for c in order}]
    for seed in range(restarts):
        flips = random.Random(seed)
        starts.append({c: flips.choice(model.sides(c)) for c in order})
    best, width = None, _width(model, columns, gaps)
    for spread in (1.0, 1.3, 1.6) if model.per_row == model.n_columns else (1.0,):   # wrapped rows fill the width
        if spread > 1 and _width(model, columns, [spread * gap for gap in gaps]) > max(allowed, width):
            break                                 # wider would print the fonts smaller
        column_x, dy = _places(model, [spread * gap for gap in gaps], pitch)
        x = {c: column_x[model.depth[c]] for c in model.constructs}
        for start in starts:
            side = dict(start)
            y = {c: v + dy[model.depth[c]] for c, v in _stack(model, columns, side).items()}
            cost = _descend(evaluator, model, order, x, y, side, passes)
            if model.per_row < model.n_columns and _close_rows(evaluator, model, x, y, side, cost) < cost:
                cost = _descend(evaluator, model, order, x, y, side, passes)      # the rows closed up: again
            problems = evaluator.evaluate(x, y, side, detail=True)[1]
            clean = not (problems["overlaps"] or problems["paths_through_constructs"]
                         or problems["paths_through_blocks"])
            if clean or best is None or cost < best[0] - 1e-9:
                best = (cost, x, y, side, clean)
            if clean:
                return best
    return best


def _printed(evaluator: Evaluator, arranged) -> float:
    """The factor the landscape page prints an arrangement's footprints at (its labels' and legend's slack
    included)."""
    _, x, y, side, _ = arranged
    x0, y0, x1, y1 = Layout(x, y, side, {}, {}, evaluator.evaluate(x, y, side, detail=True)[2]).bounds()
    return print_size.scale(x1 - x0, y1 - y0 + 0.3, wide=True)


#: Distances tried between wrapped rows, in heights of the tallest column's stack.
PITCHES = (1.25,)


def _wrapped(evaluator: Evaluator, model: _Model, columns, gaps, allowed: float, passes: int, restarts: int):
    """The layers wrapped onto as few rows as fit the page's width (:func:`_places`): ``(printed, arranged)``.

    The columns are as far apart as ``gaps`` ask, or less (never under the geometry's ``column_gap``) when
    the rows would not fit the page's width otherwise; the rows are tried :data:`PITCHES` apart (the starts
    of :func:`_arrange`, at most two pseudo-random, and three rounds of descent: a wrapped model is a large
    one, each round of its descent costly), the first clean arrangement kept (else the cheapest). ``printed`` is the smallest font's printed size (points,
    from the footprints' size; :func:`_printed`).
    """
    g = model.g
    for rows in range(2, model.n_columns):
        model.per_row = -(-model.n_columns // rows)
        step = max(gaps)
        room = allowed - (_width(model, columns, [step] * len(gaps)) - step * (model.per_row - 1))
        step = max(g.column_gap, min(step, room / max(1, model.per_row - 1)))
        if room >= g.column_gap * (model.per_row - 1) or model.per_row <= 2:
            break
    side = {c: model.sides(c)[0] for c in model.constructs}
    tallest = max(sum(hi - lo + g.node_gap * 1.5 for lo, hi in (model.footprint_height(c, side[c]) for c in col))
                  for col in columns)
    chosen = None
    for factor in PITCHES:
        arranged = _arrange(evaluator, model, columns, [step] * len(gaps), allowed, min(passes, 3), min(restarts, 2),
                            pitch=factor * tallest)
        if chosen is None or arranged[-1] or arranged[0] < chosen[0]:
            chosen = arranged
        if arranged[-1]:
            break
    return _printed(evaluator, chosen) * g.smallest_font(), chosen


def max_width(geometry: Geometry) -> float:
    """The widest drawing (inches of footprints) the landscape page prints with its fonts at
    :data:`.print_size.MIN_FONT` or larger."""
    return print_size.box(wide=True)[0] * geometry.smallest_font() / print_size.MIN_FONT - 0.3


def layout_model(constructs, edges, indicators, *, labels=None, path_label_chars=None,
                 geometry: Geometry | None = None, columns=None, spacing: float = 1.0, passes: int = 6,
                 restarts: int = 4) -> Layout:
    """Lay out a path model.

    Parameters
    ----------
    constructs : sequence of str
        Construct names, in config order.
    edges : sequence of (source, target)
        Structural paths (recursive).
    indicators : mapping
        Construct -> indicator names.
    labels : mapping, optional
        Construct -> display label drawn beside the circle (omitted when equal to the name).
    path_label_chars : mapping, optional
        ``(source, target)`` -> number of characters of the path's label, to size label boxes.
    geometry : Geometry, optional
    columns : mapping, optional
        Construct -> column (0 = leftmost); by default its depth (:func:`depths`), so that every path
        points rightwards (:meth:`.roles.Roles.columns` places interaction terms, control variables and
        dimensions).
    spacing : float
        The columns' gaps multiplied by this (more room for the path labels when a label found no place).
    passes : int
        Maximum rounds of the coordinate descent.
    restarts : int
        Pseudo-random starts (sides of the blocks) tried after the three fixed ones, while none is clean.

    Returns
    -------
    Layout
    """
    g = geometry or Geometry()
    model = _Model(constructs, edges, indicators, labels or {}, g, columns)
    columns = _order_columns(model)
    # Column spacing, gap by gap: room for the widest path label between two circles and (unless tight)
    # for the above/below indicator blocks of the two neighbouring columns (half a block each).
    label_room = 2 * g.radius + max([g.path_label_width_per_char * n for n in (path_label_chars or {}).values()]
                                    + [0.0]) + 0.35

    def half_block(column):
        return max([model.block[c]["horizontal"] / 2 for c in column
                    if set(model.sides(c)) & {"above", "below"}] + [0.0])

    evaluator = Evaluator(model, path_label_chars or {})
    allowed = max_width(g)
    best = None
    tight = [spacing * max(g.column_gap, label_room) for _ in columns[1:]]
    one_row = _width(model, columns, tight)
    if one_row > allowed and model.n_columns > 3:
        # too wide even tight: the layers wrapped onto rows, unless one row prints the fonts larger
        printed, arranged = _wrapped(evaluator, model, columns, tight, allowed, passes, restarts)
        if printed * one_row >= print_size.MIN_FONT * allowed:
            best = (arranged, tight, _width(model, columns, tight))
        else:
            model.per_row = model.n_columns
    for tight in (False, True) if best is None else ():
        gaps = [spacing * max(g.column_gap, label_room, 0.0 if tight else half_block(columns[k - 1])
                              + half_block(columns[k]) + 0.3) for k in range(1, len(columns))]
        width = _width(model, columns, gaps)
        if tight and (width > allowed or gaps == best[1]):
            break                                 # tight does not fit either, or changes nothing
        arranged = _arrange(evaluator, model, columns, gaps, allowed, passes, restarts)
        if best is None or (arranged[-1], -width) > (best[0][-1], -best[2]):
            best = (arranged, gaps, width)
        if arranged[-1] and width <= allowed:
            break
    _, x, y, side, _ = best[0]
    _, problems, fps = evaluator.evaluate(x, y, side, detail=True)        # then centred vertically on 0
    shift = -(min(r[1] for rs in fps.values() for r in rs) + max(r[3] for rs in fps.values() for r in rs)) / 2
    y = {c: v + shift for c, v in y.items()}
    fps = {c: model.footprint(c, x[c], y[c], side[c]) for c in model.constructs}
    return Layout(x=x, y=y, side=side, boxes={c: model.boxes(c, x[c], y[c], side[c]) for c in model.constructs},
                  label_pos={c: model.label_side(side[c]) for c in model.constructs}, footprints=fps,
                  problems=problems, columns=columns, pieces=model)
