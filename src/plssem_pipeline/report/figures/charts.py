"""Figures of the results, drawn with matplotlib's non-interactive Agg backend.

* :func:`loadings_chart` — outer loadings by construct against the 0.70
  threshold (Hair et al. 2022, ch. 4: loadings ≥ 0.708 explain at least half
  of an indicator's variance);
* :func:`bootstrap_histograms` — the bootstrap distribution of each effect
  with its original estimate and confidence interval;
* :func:`htmt_heatmap` — HTMT ratios against the 0.90 threshold (Henseler,
  Ringle & Sarstedt 2015), with their bootstrap confidence intervals;
* :func:`structural_model` — the path model drawn as SmartPLS draws it:
  constructs as circles with their R² inside, indicators as boxes with their
  outer loadings, paths labelled with β and p (or stars), laid out
  automatically by :mod:`plssem_pipeline.report.figures.layout`.

Each function writes one PNG (for HTML) and, given ``pdf=``, the same figure as
PDF (for LaTeX), and returns the PNG's path. Neither file carries a timestamp,
so a figure drawn twice from the same numbers is the same file. Text from the
user (construct labels, indicator names) is drawn as plain text: matplotlib's
``$...$`` mathtext is switched off, so a ``$`` in a label is just a dollar sign.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

__all__ = ["loadings_chart", "bootstrap_histograms", "htmt_heatmap", "structural_model", "path_label"]

DPI = 150

#: SmartPLS 4's colours: blue constructs, yellow indicators.
CONSTRUCT_FILL, CONSTRUCT_EDGE = "#a9cbe8", "#1f4e79"
INDICATOR_FILL, INDICATOR_EDGE = "#fff3b0", "#9c8500"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _plain_text(function):
    """Run a drawing function with mathtext off and TrueType fonts in PDFs (searchable text)."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False, "pdf.fonttype": 42}):
            return function(*args, **kwargs)

    return wrapper


def _save(fig, path, pdf=None) -> str:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, metadata={"Software": None})
    if pdf is not None:
        Path(pdf).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(pdf, metadata={"Creator": None, "Producer": None, "CreationDate": None})
    _pyplot().close(fig)
    return str(path)


#: The HTMT threshold of the heatmap (Henseler, Ringle & Sarstedt 2015): one value for the bold cells and the title.
HTMT_THRESHOLD = 0.90


@_plain_text
def loadings_chart(loadings, path, *, threshold: float = 0.70, labels=None, pdf=None,
                   title: str = "Outer loadings", axis_label: str = "outer loading") -> str:
    """Horizontal bars of the outer loadings, grouped by construct, with a line at ``threshold``.

    Parameters
    ----------
    loadings : DataFrame
        Columns ``construct, indicator, loading`` (``results/outer/loadings.csv``).
    path : path
        PNG to write.
    threshold : float
    labels : mapping, optional
        Construct -> display label.
    pdf : path, optional
        Also write the figure as PDF.
    title, axis_label : str
        Wording (the report passes its language's).
    """
    plt = _pyplot()
    labels = labels or {}
    n = len(loadings)
    fig, ax = plt.subplots(figsize=(7, max(3.0, 0.22 * n + 1.8)), layout="constrained")
    constructs = list(dict.fromkeys(loadings["construct"]))
    colours = plt.get_cmap("tab10")
    y = list(range(n))[::-1]
    colour = [colours(constructs.index(c) % 10) for c in loadings["construct"]]
    ax.barh(y, loadings["loading"], color=colour, height=0.7)
    ax.set_yticks(y, [f"{i}" for i in loadings["indicator"]], fontsize=8)
    ax.axvline(threshold, color="black", linestyle="--", linewidth=1)
    ax.text(threshold, n - 0.3, f" {threshold:.2f}", va="bottom", fontsize=8)
    low = min(0.0, float(loadings["loading"].min()) - 0.05)
    ax.set_xlim(low, max(1.0, float(loadings["loading"].max()) + 0.05))
    ax.set_xlabel(axis_label)
    ax.set_title(title)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours(k % 10)) for k in range(len(constructs))]
    names = [f"{c} ({labels[c]})" if c in labels and labels[c] != c else c for c in constructs]
    names = [name if len(name) <= 60 else name[:57] + "..." for name in names]
    columns = max(1, min(4, len(constructs), 100 // max(len(name) for name in names)))
    ax.legend(handles, names, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=columns,
              frameon=False)
    return _save(fig, path, pdf)


@_plain_text
def bootstrap_histograms(draws, summary, names, path, *, title: str = "Bootstrap distributions",
                         bins: int = 40, pdf=None,
                         legend: str = "dashed: confidence interval; red: original estimate",
                         empty: str = "no statistics of this kind in the model") -> str:
    """A grid of histograms, one per statistic, marking the original estimate and the confidence interval.

    Parameters
    ----------
    draws : ndarray (B, m)
        Bootstrap estimates; NaN rows (failed subsamples) are left out.
    summary : DataFrame
        ``m`` rows with ``original, ci_low, ci_high`` (a bootstrap summary table).
    names : sequence of str
        Panel titles, e.g. ``"KP -> IP"``.
    path : path
    pdf : path, optional
    title, legend, empty : str
        Wording: the figure's title, the legend appended to it, and the text of an empty figure.
    """
    import numpy as np

    plt = _pyplot()
    m = len(names)
    if m == 0:
        fig, ax = plt.subplots(figsize=(4, 1.5), layout="constrained")
        ax.axis("off")
        ax.text(0.5, 0.5, empty, ha="center", va="center")
        return _save(fig, path, pdf)
    cols = min(3, m)
    rows = math.ceil(m / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(max(5.0, 3.3 * cols), 2.5 * rows + 0.3), squeeze=False,
                             layout="constrained")
    for k, ax in enumerate(axes.flat):
        if k >= m:
            ax.axis("off")
            continue
        values = np.asarray(draws[:, k], dtype=float)
        values = values[np.isfinite(values)]
        row = summary.iloc[k]
        ax.hist(values, bins=bins, color="#9ecae1", edgecolor="#3182bd", linewidth=0.3)
        ax.axvline(row["original"], color="#d62728", linewidth=1.2, label="original")
        for bound in (row["ci_low"], row["ci_high"]):
            ax.axvline(bound, color="black", linestyle="--", linewidth=0.9)
        ax.axvline(0, color="grey", linewidth=0.6)
        ax.set_title(str(names[k]), fontsize=9)
        ax.tick_params(labelsize=7)
    fig.suptitle(f"{title} ({legend})" if cols == 3 else f"{title}\n({legend})", fontsize=9)
    return _save(fig, path, pdf)


@_plain_text
def htmt_heatmap(htmt, path, *, threshold: float = HTMT_THRESHOLD, ci=None, pdf=None,
                 title: str | None = None) -> str:
    """Lower-triangle heatmap of the HTMT matrix, values printed, those at or above ``threshold`` in bold.

    Parameters
    ----------
    htmt : DataFrame
        ``results/outer/htmt.csv``: a ``construct`` column then one column per construct.
    ci : DataFrame, optional
        ``results/bootstrap/htmt.csv`` (``construct_1, construct_2, ci_low, ci_high``): each cell then also
        shows the bootstrap confidence interval, in bold when its upper bound reaches ``threshold``.
    pdf : path, optional
    title : str, optional
        Defaults to ``"HTMT (threshold 0.90)"``.
    """
    import numpy as np

    plt = _pyplot()
    frame = htmt.set_index("construct")
    names = list(frame.columns)
    k = len(names)
    values = frame.to_numpy(dtype=float)
    bounds = {}
    if ci is not None:
        for row in ci.itertuples(index=False):
            pair = (str(row.construct_1), str(row.construct_2))
            bounds[pair] = bounds[pair[::-1]] = (float(row.ci_low), float(row.ci_high))
    scale = 1.45 if bounds else 1.1
    shown = np.where(np.tril(np.ones((k, k), dtype=bool), -1), values, np.nan)
    fig, ax = plt.subplots(figsize=(scale * k + 2, 0.9 * scale / 1.1 * k + 1.2), layout="constrained")
    image = ax.imshow(shown, cmap="Reds", vmin=0, vmax=1)
    for i in range(k):
        for j in range(i):
            text = f"{values[i, j]:.3f}"
            heavy = values[i, j] >= threshold
            if (names[i], names[j]) in bounds:
                low, high = bounds[(names[i], names[j])]
                text += f"\n[{low:.3f}, {high:.3f}]"
                heavy = heavy or high >= threshold
            ax.text(j, i, text, ha="center", va="center", fontsize=8 if not bounds else 7.5,
                    fontweight="bold" if heavy else "normal")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_title(title or f"HTMT (threshold {threshold:.2f})", fontsize=10)
    fig.colorbar(image, ax=ax, shrink=0.8)
    return _save(fig, path, pdf)


def path_label(coefficient: float, p: float | None = None, *, stars: bool = False) -> str:
    """The label of a structural path: ``"0.528 (p < 0.001)"``, ``"0.207 (p = 0.038)"`` or ``"0.528***"``.

    >>> path_label(0.5281, 0.00001), path_label(0.2066, 0.0376), path_label(0.2066, 0.0376, stars=True)
    ('0.528 (p < 0.001)', '0.207 (p = 0.038)', '0.207*')
    """
    text = f"{coefficient:.3f}"
    if p is None or p != p:
        return text
    if stars:
        return text + ("***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else "")
    return text + (" (p < 0.001)" if p < 0.001 else f" (p = {p:.3f})")


def _rim(x0, y0, x1, y1, r):
    d = math.hypot(x1 - x0, y1 - y0) or 1.0
    return x0 + r * (x1 - x0) / d, y0 + r * (y1 - y0) / d


@_plain_text
def structural_model(loadings, paths, r2, path, *, pdf=None, labels=None, modes=None, alpha: float = 0.05,
                     significance: str = "p_value", stars: bool = False, legend: str | None = "path coefficient (p value); dashed: not significant",
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
    geometry : plssem_pipeline.report.figures.layout.Geometry, optional

    Returns
    -------
    str
        The PNG's path.
    """
    from matplotlib.patches import Circle, FancyArrowPatch, Rectangle

    from .layout import Geometry, layout_model
    from ...analysis.mediation import is_significant

    def _value(row, column):
        value = row.get(column)
        return float(value) if value is not None and value == value else None

    plt = _pyplot()
    labels = {str(k): str(v) for k, v in (labels or {}).items()}
    modes = modes or {}
    constructs = [str(c) for c in dict.fromkeys(loadings["construct"])]
    indicators = {c: [str(i) for i in loadings.loc[loadings["construct"] == c, "indicator"]] for c in constructs}
    loading = {(str(c), str(i)): float(v) for c, i, v in zip(loadings["construct"], loadings["indicator"],
                                                           loadings["loading"])}
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
    r2_value = {str(c): float(v) for c, v in zip(r2["construct"], r2["r2"])}
    layout = layout_model(constructs, edges, indicators, labels=labels, geometry=geometry,
                          path_label_chars={e: len(t) for e, t in edge_text.items()})
    g = geometry or Geometry()
    x0, y0, x1, y1 = layout.bounds(margin=0.25)
    legend_space = 0.35 if legend else 0.0
    width, height = x1 - x0, y1 - y0 + legend_space
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0 - legend_space, y1)
    ax.axis("off")
    r = g.radius
    for c in constructs:
        cx, cy = layout.x[c], layout.y[c]
        reflective = str(modes.get(c, "A")).upper() != "B"
        for name, bx, by, bw in layout.boxes[c]:
            ax.add_patch(Rectangle((bx - bw / 2, by - g.box_height / 2), bw, g.box_height, facecolor=INDICATOR_FILL,
                                   edgecolor=INDICATOR_EDGE, linewidth=0.8, zorder=3))
            ax.text(bx, by, name, ha="center", va="center", fontsize=8, zorder=4)
            side = layout.side[c]
            if side == "left":
                end = (bx + bw / 2, by)
            elif side == "right":
                end = (bx - bw / 2, by)
            elif side == "above":
                end = (bx, by - g.box_height / 2)
            else:
                end = (bx, by + g.box_height / 2)
            start = _rim(cx, cy, end[0], end[1], r)
            a, b = (start, end) if reflective else (end, start)
            ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=7, linewidth=0.6,
                                         color="#555555", shrinkA=0, shrinkB=0, zorder=2))
            frac = 0.62
            lx, ly = start[0] + frac * (end[0] - start[0]), start[1] + frac * (end[1] - start[1])
            ax.text(lx, ly, f"{loading[(c, name)]:.3f}", ha="center", va="center", fontsize=6.5, zorder=5,
                    bbox={"boxstyle": "square,pad=0.08", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})
        ax.add_patch(Circle((cx, cy), r, facecolor=CONSTRUCT_FILL, edgecolor=CONSTRUCT_EDGE, linewidth=1.2,
                            zorder=6))
        name_size = min(10.0, 80.0 / max(1, len(c)))
        if c in r2_value:
            ax.text(cx, cy + 0.11, c, ha="center", va="center", fontsize=name_size, fontweight="bold", zorder=7)
            ax.text(cx, cy - 0.14, f"R² {r2_value[c]:.3f}", ha="center", va="center", fontsize=7.5, zorder=7)
        else:
            ax.text(cx, cy, c, ha="center", va="center", fontsize=name_size, fontweight="bold", zorder=7)
        label = labels.get(c, c)
        if label != c:
            below = layout.label_pos[c] == "below"
            ax.text(cx, cy - r - 0.05 if below else cy + r + 0.05, label, ha="center",
                    va="top" if below else "bottom", fontsize=7.5, style="italic", zorder=7,
                    bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    for e in edges:
        s, t = e
        p0 = _rim(layout.x[s], layout.y[s], layout.x[t], layout.y[t], r)
        p1 = _rim(layout.x[t], layout.y[t], layout.x[s], layout.y[s], r)
        ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=12, linewidth=1.4,
                                     linestyle="-" if significant[e] else (0, (4, 3)),
                                     color="#1a1a1a" if significant[e] else "#777777", shrinkA=0, shrinkB=0,
                                     zorder=5))
        frac = layout.edge_label_at.get(e, 0.5)
        lx, ly = p0[0] + frac * (p1[0] - p0[0]), p0[1] + frac * (p1[1] - p0[1])
        ax.text(lx, ly, edge_text[e], ha="center", va="center", fontsize=8, zorder=8,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#999999",
                      "linewidth": 0.5})
    if legend:
        ax.text(x0 + 0.1, y0 - legend_space + 0.12, legend, ha="left", va="bottom", fontsize=7.5, color="#333333")
    return _save(fig, path, pdf)
