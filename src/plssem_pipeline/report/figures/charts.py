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
  every figure.

Each function writes one PNG (for HTML) and, given ``pdf=``, the same figure as
PDF (for LaTeX), and returns the PNG's path. Neither file carries a timestamp,
so a figure drawn twice from the same numbers is the same file. Text from the
user (construct labels, indicator names) is drawn as plain text: matplotlib's
``$...$`` mathtext is switched off, so a ``$`` in a label is just a dollar sign
(:mod:`plssem_pipeline.report.figures.drawing`). Numbers are written in the
report's language (``language``: decimal comma in Indonesian), values with
:func:`plssem_pipeline.language.number_text`, ticks with :func:`.drawing.localize_axes`.
"""
from __future__ import annotations

import math

from ...language import number_text
from ..localize import interval
from .drawing import localize_axes, plain_text, pyplot, save
from .structural_model import path_label, structural_model

__all__ = ["loadings_chart", "bootstrap_histograms", "htmt_heatmap", "structural_model", "path_label",
           "HTMT_THRESHOLD"]

#: The HTMT threshold of the heatmap (Henseler, Ringle & Sarstedt 2015): one value for the bold cells and the title.
HTMT_THRESHOLD = 0.90


@plain_text
def loadings_chart(loadings, path, *, threshold: float = 0.70, labels=None, pdf=None,
                   title: str = "Outer loadings", axis_label: str = "outer loading", language: str = "en") -> str:
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
    language : str
        The report's language, for the numbers (:data:`plssem_pipeline.language.SEPARATORS`).
    """
    plt = pyplot()
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
    ax.text(threshold, n - 0.3, " " + number_text(threshold, language, ".2f"), va="bottom", fontsize=8)
    low = min(0.0, float(loadings["loading"].min()) - 0.05)
    ax.set_xlim(low, max(1.0, float(loadings["loading"].max()) + 0.05))
    ax.set_xlabel(axis_label)
    ax.set_title(title)
    localize_axes(ax, language)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours(k % 10)) for k in range(len(constructs))]
    names = [f"{c} ({labels[c]})" if c in labels and labels[c] != c else c for c in constructs]
    names = [name if len(name) <= 60 else name[:57] + "..." for name in names]
    columns = max(1, min(4, len(constructs), 100 // max(len(name) for name in names)))
    ax.legend(handles, names, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=columns,
              frameon=False)
    return save(fig, path, pdf)


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
        fig, ax = plt.subplots(figsize=(4, 1.5), layout="constrained")
        ax.axis("off")
        ax.text(0.5, 0.5, empty, ha="center", va="center")
        return save(fig, path, pdf)
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
        localize_axes(ax, language)
    fig.suptitle(f"{title} ({legend})" if cols == 3 else f"{title}\n({legend})", fontsize=9)
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
    scale = 1.45 if bounds else 1.1
    shown = np.where(np.tril(np.ones((k, k), dtype=bool), -1), values, np.nan)
    fig, ax = plt.subplots(figsize=(scale * k + 2, 0.9 * scale / 1.1 * k + 1.2), layout="constrained")
    image = ax.imshow(shown, cmap="Reds", vmin=0, vmax=1)
    for i in range(k):
        for j in range(i):
            text = number_text(values[i, j], language, ".3f")
            heavy = values[i, j] >= threshold
            if (names[i], names[j]) in bounds:
                low, high = bounds[(names[i], names[j])]
                text += "\n" + interval(low, high, language)
                heavy = heavy or high >= threshold
            ax.text(j, i, text, ha="center", va="center", fontsize=8 if not bounds else 7.5,
                    fontweight="bold" if heavy else "normal")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_title(title or f"HTMT (threshold {number_text(threshold, language, '.2f')})", fontsize=10)
    localize_axes(fig.colorbar(image, ax=ax, shrink=0.8).ax, language)
    return save(fig, path, pdf)
