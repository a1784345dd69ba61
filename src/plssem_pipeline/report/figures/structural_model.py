"""The path model drawn as SmartPLS draws it: :func:`structural_model` (and :func:`draw`, the figure unsaved).

Constructs are blue circles with their R² inside, indicators yellow boxes
with their outer loadings on the arrows, structural paths labelled with β and
p (:func:`path_label`, or stars), dashed when not significant. Interaction
terms (green), control variables (grey) and higher-order constructs are drawn
as :mod:`.roles` describes. Where the
constructs go is decided by :func:`plssem_pipeline.report.figures.layout.layout_model`;
the shapes' sizes and the points where arrows meet circles and boxes come from
:mod:`.geometry`, the same the layout optimised. The labels (construct labels,
path coefficients, loadings) are then placed, among a few candidate positions
each, where their rendered boxes meet no other line, shape or label
(:class:`.labels.Scene`). Every artist carries a ``gid`` naming what it belongs
to (``construct:KP``, ``label:KP``, ``path:KP->IP``, ``box:KP/KP1`` for a box and
its name, ``ind:KP/KP1`` for a connector and its loading), so that a test can
check the rendered figure.

The figure is drawn at print size (:mod:`.print_size`): one unit of the axes
is one inch, and the fonts of :class:`.geometry.Geometry` are the printed sizes
when the figure fits its landscape page.
"""
from __future__ import annotations

import textwrap

from ...language import number_text
from ..tables import pvalue
from .drawing import plain_text, pyplot, save
from .geometry import Geometry, along, edge_points
from .roles import Roles, circle_text

__all__ = ["structural_model", "draw", "path_label", "legend_features", "CONSTRUCT_FILL", "CONSTRUCT_EDGE", "INDICATOR_FILL",
           "INDICATOR_EDGE", "FILLS"]

#: SmartPLS 4's colours: blue constructs, yellow indicators.
CONSTRUCT_FILL, CONSTRUCT_EDGE = "#a9cbe8", "#1f4e79"
INDICATOR_FILL, INDICATOR_EDGE = "#fff3b0", "#9c8500"
#: ``(fill, edge)`` of each kind of circle (:meth:`.roles.Roles.kind`: interaction terms green, control
#: variables grey) and box (a dimension's, a higher-order construct's indicator, blue).
FILLS = {"construct": (CONSTRUCT_FILL, CONSTRUCT_EDGE), "interaction": ("#bfe0b8", "#2e6b2a"),
         "control": ("#dcdcdc", "#555555"), "indicator": (INDICATOR_FILL, INDICATOR_EDGE),
         "dimension": (CONSTRUCT_FILL, CONSTRUCT_EDGE)}

#: Where a path's label may sit (fraction of the way along the path), in order of preference.
PATH_LABEL_AT = (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8)
#: Where a loading may sit (fraction of its stub from the box), in order of preference.
LOADING_AT = (0.5, 0.4, 0.6)
_WHITE = {"facecolor": "white", "edgecolor": "none"}


def path_label(coefficient: float, p: float | None = None, *, stars: bool = False, language: str = "en") -> str:
    """The label of a structural path: ``"0.528 (p < .001)"``, ``"0.207 (p = .038)"`` or ``"0.528***"``.

    Numbers are written with the decimal separator of ``language`` (:func:`plssem_pipeline.language.number_text`),
    p in the report's one p convention (:func:`plssem_pipeline.report.tables.pvalue`).

    >>> path_label(0.5281, 0.00001), path_label(0.2066, 0.0376), path_label(0.2066, 0.0376, stars=True)
    ('0.528 (p < .001)', '0.207 (p = .038)', '0.207*')
    >>> path_label(0.2066, 0.0376, language="id")
    '0,207 (p = 0,038)'
    """
    text = number_text(coefficient, language, ".3f")
    if p is None or p != p:
        return text
    if stars:
        return text + ("***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else "")
    shown = pvalue(p, language)
    return text + (f" (p {shown})" if p < 0.001 else f" (p = {shown})")


def _outer(loadings):
    """Constructs (in the table's order), construct -> indicators, and ``(construct, indicator) -> loading``."""
    constructs = [str(c) for c in dict.fromkeys(loadings["construct"])]
    indicators = {c: [str(i) for i in loadings.loc[loadings["construct"] == c, "indicator"]] for c in constructs}
    loading = {(str(c), str(i)): float(v) for c, i, v in zip(loadings["construct"], loadings["indicator"],
                                                           loadings["loading"])}
    return constructs, indicators, loading


def legend_features(loadings, paths, roles) -> list[str]:
    """What the drawing of this model shows beyond constructs, indicators and paths, for its legend.

    Parameters
    ----------
    loadings, paths : DataFrame
        As :func:`structural_model`.
    roles : mapping or None
        Construct -> role (``study.roles``).

    Returns
    -------
    list of str
        Of ``"interaction"``, ``"control"``, ``"dimensions"`` and ``"measurement"``
        (:meth:`.roles.Roles.features`).
    """
    constructs, indicators, _ = _outer(loadings)
    edges = [(str(s), str(t)) for s, t in zip(paths["source"], paths["target"])]
    return Roles.of(roles, constructs, edges).features(indicators)


def _number(value):
    return float(value) if value is not None and value == value else None


def _tests(hypotheses) -> dict:
    """``"A -> B"`` -> ``(p, significant)`` of the first direct hypothesis on that path (Table 7's test)."""
    if hypotheses is None:
        return {}
    tests = {}
    for row in hypotheses.to_dict("records"):
        key = f"{row['source']} -> {row['target']}"
        if row.get("kind", "direct") == "direct" and key not in tests:
            tests[key] = (_number(row.get("p")), bool(row["significant"]))
    return tests


def _paths(paths, *, stars, alpha, significance, hypotheses=None, language="en", measurement=frozenset()):
    """The paths ``(source, target)``, path -> label text, and path -> significant (see :func:`structural_model`).

    A ``measurement`` path (a higher-order construct's to a dimension) is labelled with its coefficient alone.
    """
    from ...analysis.decision import is_significant

    tests = _tests(hypotheses)
    value_column = "original" if "original" in paths.columns else "coefficient"
    edges, edge_text, significant = [], {}, {}
    for row in paths.to_dict("records"):
        e = (str(row["source"]), str(row["target"]))
        edges.append(e)
        if f"{e[0]} -> {e[1]}" in tests:          # the hypothesis's test: Table 7's p and decision
            p, significant[e] = tests[f"{e[0]} -> {e[1]}"]
        else:                                     # no p / interval (NaN or missing column): dashed
            p = _number(row.get("p"))
            significant[e] = is_significant(p, _number(row.get("ci_low")), _number(row.get("ci_high")),
                                            alpha=alpha, method=significance)
        edge_text[e] = path_label(float(row[value_column]), None if e in measurement else p, stars=stars,
                                  language=language)
    return edges, edge_text, significant


def _draw_construct(ax, scene, layout, c, g: Geometry, r2: float | None, language: str, *, name: str,
                    kind: str) -> None:
    """Construct ``c``'s circle (coloured by ``kind``, :data:`FILLS`) with ``name`` (and R² when endogenous)."""
    from matplotlib.patches import Circle

    cx, cy, gid = layout.x[c], layout.y[c], f"construct:{c}"
    fill, edge = FILLS[kind]
    ax.add_patch(Circle((cx, cy), g.radius, facecolor=fill, edgecolor=edge, linewidth=1.2, zorder=6, gid=gid))
    scene.add_circle((cx, cy), g.radius, gid)
    texts = [ax.text(cx, cy + (0.08 if r2 is not None else 0.0), name, ha="center", va="center",
                     fontsize=g.name_font_for(name), linespacing=1.0,
                     fontweight="bold", zorder=7, gid=gid)]
    if r2 is not None:
        texts.append(ax.text(cx, cy - 0.12, "R² " + number_text(r2, language, ".3f"), ha="center", va="center",
                             fontsize=g.r2_font, zorder=7, gid=gid))
    for text in texts:
        scene.add_text(text, gid)


def _draw_indicators(ax, scene, layout, model, c, loading, *, reflective: bool, language: str,
                     roles: Roles) -> list:
    """Construct ``c``'s boxes (a dimension's blue) and connectors; returns its loadings' ``(text, candidates,
    owner)`` to place."""
    from matplotlib.patches import FancyArrowPatch, Rectangle
    from matplotlib.path import Path

    g = model.g
    todo = []
    for box in layout.boxes[c]:
        name, bx, by, bw = box
        rect = (bx - bw / 2, by - g.box_height / 2, bx + bw / 2, by + g.box_height / 2)
        fill, edge = FILLS["dimension" if roles.is_dimension_box(c, name) else "indicator"]
        ax.add_patch(Rectangle(rect[:2], bw, g.box_height, facecolor=fill, edgecolor=edge,
                               linewidth=0.8, zorder=3, gid=f"box:{c}/{name}"))
        scene.add_rect(rect, f"box:{c}/{name}")
        ax.text(bx, by, name, ha="center", va="center", fontsize=g.indicator_font, zorder=4, gid=f"box:{c}/{name}")
        anchor, stub_end, rim_point = model.connector(layout.side[c], (layout.x[c], layout.y[c]), box)
        points = [rim_point, stub_end, anchor] if reflective else [anchor, stub_end, rim_point]
        owner = f"ind:{c}/{name}"
        ax.add_patch(FancyArrowPatch(path=Path(points), arrowstyle="-|>", mutation_scale=7, linewidth=0.6,
                                     color="#555555", zorder=2, gid=owner))
        scene.add_polyline(points, owner)
        text = ax.text(*anchor, number_text(loading[(c, name)], language, ".3f"), ha="center", va="center",
                       fontsize=g.loading_font, zorder=5, gid=owner, bbox={"boxstyle": "square,pad=0.1", **_WHITE})
        todo.append((text, [along(anchor, stub_end, f) for f in LOADING_AT], owner))
    return todo


def _draw_path(ax, scene, layout, e, g: Geometry, text: str, significant: bool, measurement: bool = False):
    """The path ``e`` as an arrow between the circles' rims (dashed and grey when not significant; a
    ``measurement`` path, a higher-order construct's to a dimension, thin and blue, labelled like a loading);
    its label."""
    from matplotlib.patches import FancyArrowPatch

    p0, p1 = edge_points(layout.x, layout.y, e[0], e[1], g.radius)
    owner = f"path:{e[0]}->{e[1]}"
    colour = CONSTRUCT_EDGE if measurement else "#1a1a1a" if significant else "#777777"
    ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=10 if measurement else 12,
                                 linewidth=1.0 if measurement else 1.4,
                                 linestyle="-" if significant or measurement else (0, (4, 3)),
                                 color=colour, shrinkA=0, shrinkB=0, zorder=5, gid=owner))
    scene.add_polyline([p0, p1], owner)
    box = ({"boxstyle": "square,pad=0.1", **_WHITE} if measurement else
           {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#999999", "linewidth": 0.5})
    label = ax.text(*p0, text, ha="center", va="center", fontsize=g.loading_font if measurement else g.path_font,
                    color=colour if measurement else "black", zorder=8, gid=owner, bbox=box)
    return label, [along(p0, p1, f) for f in PATH_LABEL_AT], owner


def _construct_label(ax, layout, model, c):
    """Construct ``c``'s label (italic, one or two lines) with its candidate positions: under, then over the
    circle (moved aside a little if need be), then beside it, diagonally, then beyond its indicator block."""
    g, text = model.g, model.label_text(c)
    cx, cy = layout.x[c], layout.y[c]
    half = g.radius + 0.05 + g.label_height * model.label_lines(c) / 2
    first = -1 if layout.label_pos[c] == "below" else 1
    label = ax.text(cx, cy, text, ha="center", va="center", fontsize=g.label_font, style="italic", zorder=7,
                    gid=f"label:{c}", linespacing=1.1)
    beside = g.radius + 0.08 + model.label_width(c) / 2
    candidates = [(cx + dx, cy + sign * (half + dy)) for sign in (first, -first) for dy in (0.0, 0.1, 0.2)
                  for dx in (0.0, 0.2, -0.2, 0.4, -0.4, 0.6, -0.6)]
    candidates += [(cx + dx, cy + sign * g.radius * 0.8) for sign in (first, -first) for dx in (beside, -beside)]
    if layout.side[c] in ("above", "below"):      # beyond the indicator block, where no path runs
        sign = 1 if layout.side[c] == "above" else -1
        candidates.append((cx, cy + sign * (g.top_reach() + g.box_height + 0.05 + half - g.radius - 0.05)))
    return label, candidates, f"label:{c}"


def _fit(fig, ax, scene, margin: float = 0.06) -> None:
    """Resize the figure to what is drawn (texts included), keeping one axes unit per inch."""
    extents = [scene.extent(t) for t in ax.texts]
    inverse = ax.transData.inverted()
    for patch in ax.patches:
        box = patch.get_window_extent(scene.renderer)
        (x0, y0), (x1, y1) = inverse.transform([(box.x0, box.y0), (box.x1, box.y1)])
        extents.append((x0, y0, x1, y1))
    x0, y0 = min(r[0] for r in extents) - margin, min(r[1] for r in extents) - margin
    x1, y1 = max(r[2] for r in extents) + margin, max(r[3] for r in extents) + margin
    fig.set_size_inches(x1 - x0, y1 - y0)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


@plain_text
def draw(loadings, paths, r2, *, labels=None, modes=None, alpha: float = 0.05, significance: str = "p_value",
         stars: bool = False, legend: str | None = None, hypotheses=None, language: str = "en", geometry=None,
         roles=None):
    """The structural-model figure, drawn but not saved (see :func:`structural_model` for the parameters).

    Returns
    -------
    tuple
        ``(figure, scene)``: the matplotlib figure and its :class:`.labels.Scene` (``scene.unresolved``
        counts labels that could not be placed clear of everything).
    """
    from .labels import Scene
    from .layout import layout_model, max_width

    plt = pyplot()
    labels = {str(k): str(v) for k, v in (labels or {}).items()}
    modes = modes or {}
    constructs, indicators, loading = _outer(loadings)
    edges = [(str(s), str(t)) for s, t in zip(paths["source"], paths["target"])]
    roles = Roles.of(roles, constructs, edges)
    one_line = max([len(c) for c in constructs if c not in roles.terms] + [5])
    names = {c: circle_text(c, one_line) if c in roles.terms else c for c in constructs}
    g = (geometry or Geometry()).fitting(names.values())      # circles wide enough for the longest name
    edges, edge_text, significant = _paths(paths, stars=stars, alpha=alpha, significance=significance,
                                           hypotheses=hypotheses, language=language, measurement=roles.measurement)
    r2_value = {str(c): float(v) for c, v in zip(r2["construct"], r2["r2"])}

    def lay_out(spacing):
        return layout_model(constructs, edges, {c: roles.shown(c, indicators[c]) for c in constructs},
                            labels=labels, geometry=g, path_label_chars={e: len(t) for e, t in edge_text.items()},
                            columns=roles.columns(constructs, edges), spacing=spacing)

    def render(layout):
        model = layout.pieces
        x0, y0, x1, y1 = layout.bounds(margin=0.25)
        fig = plt.figure(figsize=(x1 - x0, y1 - y0))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.axis("off")
        scene = Scene(ax, fig.canvas.get_renderer())
        todo = []
        for c in constructs:
            _draw_construct(ax, scene, layout, c, g, r2_value.get(c), language, name=names[c], kind=roles.kind(c))
            todo += _draw_indicators(ax, scene, layout, model, c, loading, language=language, roles=roles,
                                     reflective=str(modes.get(c, "A")).upper() != "B")
        path_labels = [_draw_path(ax, scene, layout, e, g, edge_text[e], significant[e], e in roles.measurement)
                       for e in edges]
        construct_labels = [_construct_label(ax, layout, model, c) for c in constructs if model.label_text(c)]
        for text, candidates, owner in todo + construct_labels + path_labels:   # the least movable first
            scene.place(text, candidates, owner)
        _fit(fig, ax, scene)
        return fig, ax, scene

    fig_layout = lay_out(1.0)
    fig, ax, scene = render(fig_layout)
    wrapped = fig_layout.pieces.per_row < fig_layout.pieces.n_columns    # its rows already fill the page's width
    if scene.unresolved and not wrapped:   # a label found no free place: columns further apart, if the page allows
        wider = lay_out(1.3)
        x0, _, x1, _ = wider.bounds(margin=0.0)
        if x1 - x0 <= max_width(g):
            first, other = (fig, ax, scene), render(wider)
            keep, drop = (other, first) if other[2].unresolved < scene.unresolved else (first, other)
            plt.close(drop[0])
            fig, ax, scene = keep
    if legend:
        x0, y0 = ax.get_xlim()[0], ax.get_ylim()[0]
        width = fig.get_size_inches()[0]
        wrapped = textwrap.fill(legend, width=max(30, int((width - 0.2) / (0.55 * g.legend_font / 72))))
        ax.text(x0 + 0.1, y0, wrapped, ha="left", va="top", fontsize=g.legend_font, color="#333333", gid="legend")
        _fit(fig, ax, scene)
    return fig, scene


@plain_text
def structural_model(loadings, paths, r2, path, *, pdf=None, labels=None, modes=None, alpha: float = 0.05,
                     significance: str = "p_value", stars: bool = False,
                     legend: str | None = "path coefficient (p value); dashed: not significant",
                     hypotheses=None, language: str = "en", geometry=None, roles=None) -> str:
    """Draw the path model as SmartPLS does: circles with R², indicator boxes with loadings, labelled paths.

    The layout comes from :func:`plssem_pipeline.report.figures.layout.layout_model` (columns by
    topological depth, positions optimised against overlaps and crossings); the labels are placed
    clear of every line and other label (:class:`plssem_pipeline.report.figures.labels.Scene`).

    Parameters
    ----------
    loadings : DataFrame
        ``construct, indicator, loading`` (``results/outer/loadings.csv``); its construct order is the model's.
    paths : DataFrame
        ``source, target`` and ``original`` (or ``coefficient``), optionally ``p``
        and ``ci_low, ci_high`` (``results/bootstrap/paths.csv``). A path with a direct hypothesis in
        ``hypotheses`` takes that hypothesis's p and decision; any other is significant by
        :func:`plssem_pipeline.analysis.decision.is_significant` (two-tailed, ``significance``, ``alpha``).
        Paths that are not significant are dashed; so is a path with no p (NaN) or interval.
    r2 : DataFrame
        ``construct, r2`` of the endogenous constructs (``results/inner/r2.csv``).
    path : path
        PNG to write.
    pdf : path, optional
    labels : mapping, optional
        Construct -> display label, drawn beside the circle when it differs from the name.
    modes : mapping, optional
        Construct -> ``"A"`` (arrows to the indicators, the default) or ``"B"`` (arrows from them).
    alpha : float
    significance : {"p_value", "confidence_interval"}
        ``mediation.significance``, the rule of :func:`plssem_pipeline.analysis.decision.is_significant`.
    stars : bool
        Label paths ``0.528***`` instead of ``0.528 (p < 0.001)``.
    legend : str or None
        Text under the drawing (wrapped to its width).
    hypotheses : DataFrame, optional
        ``results/hypotheses/hypotheses.csv``: its direct hypotheses' ``p`` and ``significant`` (one-tailed
        under ``bootstrap.tails: 1``), so that the figure and Table 7 agree.
    language : str
        The report's language, for the numbers (:data:`plssem_pipeline.language.SEPARATORS`).
    geometry : plssem_pipeline.report.figures.geometry.Geometry, optional
    roles : mapping, optional
        Construct -> role (``study.roles``): interaction terms, control variables and higher-order
        constructs are drawn as :mod:`plssem_pipeline.report.figures.roles` describes; None: all ordinary.

    Returns
    -------
    str
        The PNG's path.
    """
    fig, _ = draw(loadings, paths, r2, labels=labels, modes=modes, alpha=alpha, significance=significance,
                  stars=stars, legend=legend, hypotheses=hypotheses, language=language, geometry=geometry,
                  roles=roles)
    return save(fig, path, pdf)
