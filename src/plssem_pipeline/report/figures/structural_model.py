"""The path model drawn as SmartPLS draws it: :func:`structural_model`.

Constructs are blue circles with their R² inside, indicators yellow boxes
with their outer loadings on the arrows, structural paths labelled with β and
p (:func:`path_label`, or stars), dashed when not significant. Where things go
is decided by :func:`plssem_pipeline.report.figures.layout.layout_model`; the
shapes' sizes and the points where arrows meet circles and boxes come from
:mod:`.geometry`, the same the layout optimised.
"""
from __future__ import annotations

from ..tables import pvalue
from .drawing import plain_text, pyplot, save
from .geometry import Geometry, along, box_anchor, edge_points, rim

__all__ = ["structural_model", "path_label", "CONSTRUCT_FILL", "CONSTRUCT_EDGE", "INDICATOR_FILL",
           "INDICATOR_EDGE"]

#: SmartPLS 4's colours: blue constructs, yellow indicators.
CONSTRUCT_FILL, CONSTRUCT_EDGE = "#a9cbe8", "#1f4e79"
INDICATOR_FILL, INDICATOR_EDGE = "#fff3b0", "#9c8500"


def path_label(coefficient: float, p: float | None = None, *, stars: bool = False) -> str:
    """The label of a structural path: ``"0.528 (p < .001)"``, ``"0.207 (p = .038)"`` or ``"0.528***"``.

    p in the report's one p convention (:func:`plssem_pipeline.report.tables.pvalue`).

    >>> path_label(0.5281, 0.00001), path_label(0.2066, 0.0376), path_label(0.2066, 0.0376, stars=True)
    ('0.528 (p < .001)', '0.207 (p = .038)', '0.207*')
    """
    text = f"{coefficient:.3f}"
    if p is None or p != p:
        return text
    if stars:
        return text + ("***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else "")
    shown = pvalue(p)
    return text + (f" (p {shown})" if p < 0.001 else f" (p = {shown})")


def _outer(loadings):
    """Constructs (in the table's order), construct -> indicators, and ``(construct, indicator) -> loading``."""
    constructs = [str(c) for c in dict.fromkeys(loadings["construct"])]
    indicators = {c: [str(i) for i in loadings.loc[loadings["construct"] == c, "indicator"]] for c in constructs}
    loading = {(str(c), str(i)): float(v) for c, i, v in zip(loadings["construct"], loadings["indicator"],
                                                           loadings["loading"])}
    return constructs, indicators, loading


def _paths(paths, *, stars, alpha, significance):
    """The paths ``(source, target)``, path -> label text, and path -> significant (see :func:`structural_model`)."""
    from ...analysis.mediation import is_significant

    def _value(row, column):
        value = row.get(column)
        return float(value) if value is not None and value == value else None

    value_column = "original" if "original" in paths.columns else "coefficient"
    edges, edge_text, significant = [], {}, {}
    for row in paths.to_dict("records"):
        e = (str(row["source"]), str(row["target"]))
        p = float(row["p"]) if "p" in row and row["p"] == row["p"] else None
        edges.append(e)
        edge_text[e] = path_label(float(row[value_column]), p, stars=stars)
        # no p / interval (NaN or missing column): no test, drawn dashed like a non-significant path
        significant[e] = is_significant(p, _value(row, "ci_low"), _value(row, "ci_high"), alpha=alpha,
                                        method=significance)
    return edges, edge_text, significant


def _draw_indicators(ax, layout, c, g: Geometry, loading, *, reflective: bool) -> None:
    """Construct ``c``'s indicator boxes, the arrows between them and its circle, and the loadings on the arrows."""
    from matplotlib.patches import FancyArrowPatch, Rectangle

    cx, cy = layout.x[c], layout.y[c]
    for name, bx, by, bw in layout.boxes[c]:
        ax.add_patch(Rectangle((bx - bw / 2, by - g.box_height / 2), bw, g.box_height, facecolor=INDICATOR_FILL,
                               edgecolor=INDICATOR_EDGE, linewidth=0.8, zorder=3))
        ax.text(bx, by, name, ha="center", va="center", fontsize=8, zorder=4)
        end = box_anchor(layout.side[c], bx, by, bw, g.box_height)
        start = rim((cx, cy), end, g.radius)
        a, b = (start, end) if reflective else (end, start)
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=7, linewidth=0.6,
                                     color="#555555", shrinkA=0, shrinkB=0, zorder=2))
        lx, ly = along(start, end, 0.62)
        ax.text(lx, ly, f"{loading[(c, name)]:.3f}", ha="center", va="center", fontsize=6.5, zorder=5,
                bbox={"boxstyle": "square,pad=0.08", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})


def _draw_construct(ax, layout, c, r: float, r2: float | None, label: str) -> None:
    """Construct ``c``'s circle with its name (and R² when endogenous), and its label when it differs."""
    from matplotlib.patches import Circle

    cx, cy = layout.x[c], layout.y[c]
    ax.add_patch(Circle((cx, cy), r, facecolor=CONSTRUCT_FILL, edgecolor=CONSTRUCT_EDGE, linewidth=1.2, zorder=6))
    name_size = min(10.0, 80.0 / max(1, len(c)))
    if r2 is not None:
        ax.text(cx, cy + 0.11, c, ha="center", va="center", fontsize=name_size, fontweight="bold", zorder=7)
        ax.text(cx, cy - 0.14, f"R² {r2:.3f}", ha="center", va="center", fontsize=7.5, zorder=7)
    else:
        ax.text(cx, cy, c, ha="center", va="center", fontsize=name_size, fontweight="bold", zorder=7)
    if label != c:
        below = layout.label_pos[c] == "below"
        ax.text(cx, cy - r - 0.05 if below else cy + r + 0.05, label, ha="center",
                va="top" if below else "bottom", fontsize=7.5, style="italic", zorder=7,
                bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})


def _draw_path(ax, layout, e, r: float, text: str, significant: bool) -> None:
    """The structural path ``e`` as an arrow between the circles' rims (dashed and grey when not significant)."""
    from matplotlib.patches import FancyArrowPatch

    p0, p1 = edge_points(layout.x, layout.y, e[0], e[1], r)
    ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=12, linewidth=1.4,
                                 linestyle="-" if significant else (0, (4, 3)),
                                 color="#1a1a1a" if significant else "#777777", shrinkA=0, shrinkB=0,
                                 zorder=5))
    lx, ly = along(p0, p1, layout.edge_label_at.get(e, 0.5))
    ax.text(lx, ly, text, ha="center", va="center", fontsize=8, zorder=8,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#999999", "linewidth": 0.5})


@plain_text
def structural_model(loadings, paths, r2, path, *, pdf=None, labels=None, modes=None, alpha: float = 0.05,
                     significance: str = "p_value", stars: bool = False,
                     legend: str | None = "path coefficient (p value); dashed: not significant",
                     geometry=None) -> str:
    """Draw the path model as SmartPLS does: circles with R², indicator boxes with loadings, labelled paths.

    The layout comes from :func:`plssem_pipeline.report.figures.layout.layout_model` (columns by
    topological depth, positions optimised against overlaps and crossings).

    Parameters
    ----------
    loadings : DataFrame
        ``construct, indicator, loading`` (``results/outer/loadings.csv``); its construct order is the model's.
    paths : DataFrame
        ``source, target`` and ``original`` (or ``coefficient``), optionally ``p``
        and ``ci_low, ci_high`` (``results/bootstrap/paths.csv``). Paths that are not significant by
        :func:`plssem_pipeline.analysis.mediation.is_significant` (``significance``, ``alpha``) are dashed; so is a path
        with no p (NaN) or interval.
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
        ``mediation.significance``, the rule of :func:`plssem_pipeline.analysis.mediation.is_significant`.
    stars : bool
        Label paths ``0.528***`` instead of ``0.528 (p < 0.001)``.
    legend : str or None
        Line of text under the drawing.
    geometry : plssem_pipeline.report.figures.geometry.Geometry, optional

    Returns
    -------
    str
        The PNG's path.
    """
    from .layout import layout_model

    plt = pyplot()
    labels = {str(k): str(v) for k, v in (labels or {}).items()}
    modes = modes or {}
    constructs, indicators, loading = _outer(loadings)
    edges, edge_text, significant = _paths(paths, stars=stars, alpha=alpha, significance=significance)
    r2_value = {str(c): float(v) for c, v in zip(r2["construct"], r2["r2"])}
    layout = layout_model(constructs, edges, indicators, labels=labels, geometry=geometry,
                          path_label_chars={e: len(t) for e, t in edge_text.items()})
    g = geometry or Geometry()
    x0, y0, x1, y1 = layout.bounds(margin=0.25)
    legend_space = 0.35 if legend else 0.0
    fig = plt.figure(figsize=(x1 - x0, y1 - y0 + legend_space))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0 - legend_space, y1)
    ax.axis("off")
    for c in constructs:
        _draw_indicators(ax, layout, c, g, loading, reflective=str(modes.get(c, "A")).upper() != "B")
        _draw_construct(ax, layout, c, g.radius, r2_value.get(c), labels.get(c, c))
    for e in edges:
        _draw_path(ax, layout, e, g.radius, edge_text[e], significant[e])
    if legend:
        ax.text(x0 + 0.1, y0 - legend_space + 0.12, legend, ha="left", va="bottom", fontsize=7.5, color="#333333")
    return save(fig, path, pdf)
