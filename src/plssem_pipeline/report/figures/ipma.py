"""The importance–performance map (Ringle & Sarstedt 2016; Hair et al. 2024, ch. 3): one point per predecessor of
the target construct, its importance (unstandardized total effect on the target) on the x axis and its performance
(0–100; the axis zoomed to the points, as SmartPLS's chart) on the y axis, each point labelled with the construct's name, and dashed lines at the constructs' mean
importance and mean performance, which divide the map into its four quadrants (the lower right: high importance,
low performance, the priorities).

Drawn at print size (:mod:`.print_size`: within the normal figure box), every text at least
:data:`.print_size.MIN_FONT` points, numbers in the report's language, like the other charts.
"""
from __future__ import annotations

from .drawing import localize_axes, plain_text, pyplot, save

__all__ = ["ipma_chart", "ipma_figure", "performance_limits", "SIZE", "MARGIN", "MIN_MARGIN"]

#: The figure's size in inches: within the normal print box (:func:`.print_size.box`), so its fonts print at their
#: size.
SIZE = (5.6, 4.0)
#: The performance axis' margin beyond the points: this share of their range, at least :data:`MIN_MARGIN` points of
#: performance.
MARGIN, MIN_MARGIN = 0.15, 2.5
#: Label offsets (points) tried in turn, so that labels of nearby points do not overlap.
_OFFSETS = ((5, 4), (5, -10), (-5, 4), (-5, -10), (5, 14), (-5, -20))


def performance_limits(performance) -> tuple[float, float]:
    """The performance axis' limits: the points' range widened by :data:`MARGIN` of it (at least
    :data:`MIN_MARGIN` points) on each side, within 0–100.

    SmartPLS zooms its map to the data in the same way: performances of a study often lie within a few points
    of each other (64–70 of 100, say), which a 0–100 axis would squeeze into a thin band.

    Parameters
    ----------
    performance : array-like (k,)
        The constructs' performances, 0–100.

    Returns
    -------
    (float, float)
        The lower and upper limit; ``0 <= lower < upper <= 100``.

    Examples
    --------
    >>> performance_limits([64.0, 70.0])
    (61.5, 72.5)
    >>> performance_limits([5.0, 99.0])
    (0.0, 100.0)
    """
    import numpy as np

    y = np.asarray(performance, dtype=float)
    low, high = float(y.min()), float(y.max())
    margin = max(MARGIN * (high - low), MIN_MARGIN)
    return max(0.0, low - margin), min(100.0, high + margin)


def _offsets(x, y, width: float, height: float, limits: tuple[float, float] = (0.0, 100.0)) -> list:
    """An offset of :data:`_OFFSETS` per point: the first whose label box lies away from the labels placed before.

    Positions are in points of the printed axes (``width`` × ``height`` points for the data ranges ``x`` spans and
    ``limits`` of ``y``); a label counts as 40 × 9 points.
    """
    import numpy as np

    x, y = np.asarray(x, float), np.asarray(y, float)
    span_x = max(float(np.ptp(x)), 1e-12) * 1.4
    px, py = (x - x.min()) / span_x * width, (y - limits[0]) / (limits[1] - limits[0]) * height
    placed, out = [], []
    for k in np.argsort(-py, kind="stable"):
        for dx, dy in _OFFSETS:
            left = px[k] + dx - (40 if dx < 0 else 0)
            box = (left, py[k] + dy, left + 40, py[k] + dy + 9)
            if all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in placed):
                break
        placed.append(box)
        out.append((int(k), (dx, dy)))
    return [offset for _, offset in sorted(out)]


@plain_text
def ipma_chart(constructs, path, *, pdf=None, **wording) -> str:
    """Write :func:`ipma_figure` as PNG to ``path`` (and as PDF to ``pdf``); returns the PNG's path."""
    return save(ipma_figure(constructs, **wording), path, pdf)


@plain_text
def ipma_figure(constructs, *, title: str = "Importance–performance map",
                importance_label: str = "Importance (unstandardized total effect)",
                performance_label: str = "Performance", language: str = "en"):
    """The importance–performance map of the target's predecessors.

    Parameters
    ----------
    constructs : DataFrame
        ``results/ipma/constructs.csv``: columns ``construct``, ``importance`` (unstandardized total effect on the
        target) and ``performance`` (0–100), one row per predecessor.
    title, importance_label, performance_label : str
        Wording in the report's language: the title (with the target), the x and the y axis.
    language : str
        The report's language, for the tick labels.

    Returns
    -------
    matplotlib.figure.Figure
        The points, labelled; the y axis zoomed to the points (:func:`performance_limits`); the x axis from the smaller of 0 and the least importance
        to beyond the largest; dashed lines at the mean importance and the mean performance.

    Raises
    ------
    ValueError
        When ``constructs`` has no row.
    """
    if len(constructs) == 0:
        raise ValueError("the importance-performance map needs at least one construct (results/ipma/constructs.csv)")
    plt = pyplot()
    names = [str(name) for name in constructs["construct"]]
    x = constructs["importance"].to_numpy(dtype=float)
    y = constructs["performance"].to_numpy(dtype=float)
    width, height = SIZE
    fig, ax = plt.subplots(figsize=SIZE, layout="constrained")
    ax.scatter(x, y, s=28, color="#1f77b4", zorder=3)
    ax.axvline(float(x.mean()), color="0.35", linestyle="--", linewidth=0.9, zorder=1)
    ax.axhline(float(y.mean()), color="0.35", linestyle="--", linewidth=0.9, zorder=1)
    low, high = min(0.0, float(x.min())), float(x.max())
    margin = 0.15 * max(high - low, 1e-9)
    ax.set_xlim(low - (0.05 * (high - low) if low < 0 else 0.0), high + margin)
    limits = performance_limits(y)
    ax.set_ylim(*limits)
    ax_width, ax_height = 0.8 * width * 72, 0.8 * height * 72
    for name, xi, yi, offset in zip(names, x, y, _offsets(x, y, ax_width, ax_height, limits)):
        ax.annotate(name, (xi, yi), xytext=offset, textcoords="offset points", fontsize=7.5,
                    ha="left" if offset[0] > 0 else "right", va="bottom", zorder=4)
    ax.set_xlabel(importance_label, fontsize=8)
    ax.set_ylabel(performance_label, fontsize=8)
    ax.set_title(title, fontsize=8.5)
    ax.tick_params(labelsize=7.5)
    ax.grid(False)
    localize_axes(ax, language)
    return fig
