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
  automatically by :mod:`plssem_pipeline.report.figures.layout`. It lives in
  :mod:`plssem_pipeline.report.figures.structural_model` and, with
  :func:`path_label`, is importable from here too, so that one module names
  every figure;
* :func:`simple_slopes_chart` — the moderation's simple slopes (moderator at
  −1 SD, mean, +1 SD), from :mod:`plssem_pipeline.report.figures.slopes`.

Each function writes one PNG (for HTML) and, given ``pdf=``, the same figure as
PDF (for LaTeX), and returns the PNG's path (:func:`loadings_figure` returns the
loadings chart unsaved). Each is drawn at the size the LaTeX report prints it
(:mod:`.print_size`), its texts at least 7 points. Neither file carries a timestamp,
so a figure drawn twice from the same numbers is the same file. Text from the
user (construct labels, indicator names) is drawn as plain text: matplotlib's
``$...$`` mathtext is switched off, so a ``$`` in a label is just a dollar sign
(:mod:`plssem_pipeline.report.figures.drawing`). Numbers are written in the
report's language (``language``: decimal comma in Indonesian), values with
:func:`plssem_pipeline.language.number_text`, ticks with :func:`.drawing.localize_axes`.
"""
from __future__ import annotations

import math
import textwrap

from ...language import number_text
from ..localize import interval
from . import print_size
from .drawing import localize_axes, message_figure, plain_text, pyplot, save
from .slopes import simple_slopes_chart
from .structural_model import path_label, structural_model

__all__ = ["loadings_chart", "loadings_figure", "bootstrap_histograms", "htmt_heatmap", "structural_model",
           "path_label", "simple_slopes_chart", "HTMT_THRESHOLD"]

#: The HTMT threshold of the heatmap (Henseler, Ringle & Sarstedt 2015): one value for the bold cells and the title.
HTMT_THRESHOLD = 0.90


@plain_text
def loadings_chart(loadings, path, *, threshold: float = 0.70, labels=None, pdf=None,
                   title: str = "Outer loadings", axis_label: str = "outer loading", language: str = "en") -> str:
    """Write :func:`loadings_figure` as PNG to ``path`` (and as PDF to ``pdf``); returns the PNG's path."""
    return save(loadings_figure(loadings, threshold=threshold, labels=labels, title=title, axis_label=axis_label,
                                language=language), path, pdf)


@plain_text
def loadings_figure(loadings, *, threshold: float = 0.70, labels=None, title: str = "Outer loadings",
                    axis_label: str = "outer loading", language: str = "en"):
    """Bars of the outer loadings, grouped by construct (colour, legend), with a line at ``threshold``.

    Drawn at print size (:mod:`.print_size`: the text width, within the normal figure box), with
    every text at least :data:`.print_size.MIN_FONT` points: one bar per indicator, its name under it.
    The legend sits under the axes in a space of its own (matplotlib's constrained layout,
    ``outside lower center``), so it never meets the axis' label, whatever the number of constructs.

    Parameters
    ----------
    loadings : DataFrame
        Columns ``construct, indicator, loading`` (``results/outer/loadings.csv``).
    threshold : float
    labels : mapping, optional
        Construct -> display label.
    title, axis_label : str
        Wording (the report passes its language's).
    language : str
        The report's language, for the numbers (:data:`plssem_pipeline.language.SEPARATORS`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    plt = pyplot()
    labels = labels or {}
    n = len(loadings)
    constructs = list(dict.fromkeys(loadings["construct"]))
    names = [f"{c} ({labels[c]})" if c in labels and labels[c] != c else str(c) for c in constructs]
    names = [name if len(name) <= 60 else name[:57] + "..." for name in names]
    columns = max(1, min(len(constructs), int(95 // (max(len(name) for name in names) + 5))))
    legend_rows = math.ceil(len(constructs) / columns)
    width, height = print_size.box()
    fig, ax = plt.subplots(figsize=(width, min(height, 3.1 + 0.17 * legend_rows)), layout="constrained")
    colours = plt.get_cmap("tab10")
    colour = [colours(constructs.index(c) % 10) for c in loadings["construct"]]
    ax.bar(range(n), loadings["loading"], color=colour, width=0.7)
    ax.set_xticks(range(n), [str(i) for i in loadings["indicator"]], rotation=90, fontsize=7.5 if n <= 45 else 7)
    ax.set_xlim(-0.6, n - 0.4)
    ax.axhline(threshold, color="black", linestyle="--", linewidth=1)
    ax.annotate(" " + number_text(threshold, language, ".2f"), xy=(1.0, threshold), va="center", fontsize=7.5,
                xycoords=("axes fraction", "data"), annotation_clip=False)
    ax.set_ylim(min(0.0, float(loadings["loading"].min()) - 0.05), max(1.0, float(loadings["loading"].max()) + 0.05))
    ax.set_ylabel(axis_label, fontsize=8)
    ax.set_title(title, fontsize=9)
    ax.tick_params(axis="y", labelsize=7.5)
    localize_axes(ax, language)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours(k % 10)) for k in range(len(constructs))]
    fig.legend(handles, names, fontsize=7.5, loc="outside lower center", ncol=columns, frameon=False)
    return fig


@plain_text
def bootstrap_histograms(draws, summary, names, path, *, title: str = "Bootstrap distributions",
                         bins: int = 40, pdf=None,
                         legend: str = "dashed: confidence interval; red: original estimate",
                         empty: str = "no statistics of this kind in the model", language: str = "en") -> str:
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
    language : str
        The report's language, for the tick labels.
    """
    import numpy as np

    plt = pyplot()
    m = len(names)
    if m == 0:
        return message_figure(empty, path, pdf)
    # at print size: the text width, panels at least 0.95 inch high within the normal figure box
    cols = min(3 if m <= 9 else 4, m)
    rows = math.ceil(m / cols)
    width, height = print_size.box()
    heading = textwrap.fill(f"{title} ({legend})", width=int(width / (0.55 * 8.0 / 72)))
    top = 0.2 + 0.15 * heading.count("\n")
    fig, axes = plt.subplots(rows, cols, figsize=(width, top + rows * max(0.95, min(1.45, (height - top) / rows))),
                             squeeze=False, layout="constrained")
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
        ax.set_title(str(names[k]), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.locator_params(axis="x", nbins=4)
        localize_axes(ax, language)
    fig.suptitle(heading, fontsize=8)
    return save(fig, path, pdf)


@plain_text
def htmt_heatmap(htmt, path, *, threshold: float = HTMT_THRESHOLD, ci=None, pdf=None,
                 title: str | None = None, language: str = "en") -> str:
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
    language : str
        The report's language, for the values, the intervals and the colour bar.
    """
    import numpy as np

    plt = pyplot()
    frame = htmt.set_index("construct")
    names = list(frame.columns)
    k = len(names)
    values = frame.to_numpy(dtype=float)
    bounds = {}
    if ci is not None:
        for row in ci.itertuples(index=False):
            pair = (str(row.construct_1), str(row.construct_2))
            bounds[pair] = bounds[pair[::-1]] = (float(row.ci_low), float(row.ci_high))
    # the lower triangle only (rows 2..k, columns 1..k-1), cells sized for their text at print size
    cell_w, cell_h = (0.95, 0.5) if bounds else (0.62, 0.36)
    shown = np.where(np.tril(np.ones((k - 1, k - 1), dtype=bool)), values[1:, :-1], np.nan)
    fig, ax = plt.subplots(figsize=(cell_w * (k - 1) + 1.9, cell_h * (k - 1) + 1.0), layout="constrained")
    image = ax.imshow(shown, cmap="Reds", vmin=0, vmax=1, aspect="auto")
    for i in range(1, k):
        for j in range(i):
            text = number_text(values[i, j], language, ".3f")
            heavy = values[i, j] >= threshold
            if (names[i], names[j]) in bounds:
                low, high = bounds[(names[i], names[j])]
                text += "\n" + interval(low, high, language)
                heavy = heavy or high >= threshold
            ax.text(j, i - 1, text, ha="center", va="center", fontsize=8 if not bounds else 7.5,
                    fontweight="bold" if heavy else "normal")
    ax.set_xticks(range(k - 1), names[:-1], fontsize=8)
    ax.set_yticks(range(k - 1), names[1:], fontsize=8)
    ax.set_title(title or f"HTMT (threshold {number_text(threshold, language, '.2f')})", fontsize=9)
    bar = fig.colorbar(image, ax=ax, shrink=0.9)
    bar.ax.tick_params(labelsize=7.5)
    localize_axes(bar.ax, language)
    return save(fig, path, pdf)
