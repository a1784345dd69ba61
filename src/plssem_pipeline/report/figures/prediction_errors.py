"""The figure of PLSpredict's out-of-sample prediction errors (Shmueli et al. 2019, step 3: their distribution
decides between RMSE and MAE).

From ``results/predict/errors.csv`` (one column per endogenous indicator, one row per respondent: the PLS-SEM
error ``y − ŷ`` averaged over the repetitions, in the indicator's units). The number of panels is bounded,
whatever the model's size:

* up to :data:`MAX_PANELS` indicators: one histogram per indicator in a grid of at most
  :data:`MAX_COLUMNS` columns, a line at zero;
* up to :data:`MAX_BOXES` indicators: one panel of box plots, one box per indicator, coloured by construct;
* more: one panel of box plots, one box per construct, its indicators' errors pooled (the title says so).

Drawn at print size (:mod:`.print_size`: the text width, within the normal figure box), every text at least
:data:`.print_size.MIN_FONT` points, numbers in the report's language, like the other charts of :mod:`.charts`.
"""
from __future__ import annotations

import math
import textwrap

from . import print_size
from .drawing import localize_axes, plain_text, pyplot, save

__all__ = ["prediction_errors_chart", "prediction_errors_figure", "MAX_PANELS", "MAX_COLUMNS", "MAX_BOXES"]

#: Most indicators drawn as histograms, one panel each (a 4 × 4 grid fits the normal box at 7-point text).
MAX_PANELS = 16
#: Columns of the histogram grid.
MAX_COLUMNS = 4
#: Most boxes side by side (names at 7 points, turned, across the text width).
MAX_BOXES = 56


def _heading(title: str, width: float) -> tuple[str, float]:
    """The title wrapped to the figure's width at 8 points, and the height it takes (inches)."""
    text = textwrap.fill(title, width=int(width / (0.55 * 8.0 / 72)))
    return text, 0.2 + 0.15 * text.count("\n")


def _histograms(plt, errors, constructs: dict, title: str, axis_label: str, count_label: str, language: str):
    import numpy as np

    names = list(errors.columns)
    m = len(names)
    cols = min(MAX_COLUMNS, m)
    rows = math.ceil(m / cols)
    width, height = print_size.box()
    heading, top = _heading(title, width)
    fig, axes = plt.subplots(rows, cols, figsize=(width, min(height, top + 0.3 + rows * 0.95)), squeeze=False,
                             layout="constrained")
    colours = plt.get_cmap("tab10")
    order = list(dict.fromkeys(constructs[name] for name in names))
    for k, ax in enumerate(axes.flat):
        if k >= m:
            ax.axis("off")
            continue
        values = errors[names[k]].to_numpy(dtype=float)
        values = values[np.isfinite(values)]
        ax.hist(values, bins=20, color=colours(order.index(constructs[names[k]]) % 10), alpha=0.75,
                edgecolor="white", linewidth=0.3)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_title(f"{names[k]} ({constructs[names[k]]})", fontsize=7.5, pad=2)
        ax.tick_params(labelsize=7)
        ax.locator_params(axis="x", nbins=4)
        ax.locator_params(axis="y", nbins=3)
        localize_axes(ax, language)
    fig.supxlabel(axis_label, fontsize=7.5)
    fig.supylabel(count_label, fontsize=7.5)
    fig.suptitle(heading, fontsize=8)
    return fig


def _boxes(plt, groups: list, colours_of: list, title: str, axis_label: str, language: str):
    import numpy as np

    width, height = print_size.box()
    heading, top = _heading(title, width)
    fig, ax = plt.subplots(figsize=(width, min(height, top + 2.9)), layout="constrained")
    values = [np.asarray(v, dtype=float)[np.isfinite(np.asarray(v, dtype=float))] for _, v in groups]
    parts = ax.boxplot(values, widths=0.6, patch_artist=True, showfliers=True,
                       flierprops={"markersize": 2, "markeredgewidth": 0.4}, medianprops={"color": "black"})
    cmap = plt.get_cmap("tab10")
    for patch, colour in zip(parts["boxes"], colours_of):
        patch.set_facecolor(cmap(colour % 10))
        patch.set_alpha(0.75)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(range(1, len(groups) + 1), [name for name, _ in groups], rotation=90, fontsize=7)
    ax.set_ylabel(axis_label, fontsize=7.5)
    ax.tick_params(axis="y", labelsize=7)
    localize_axes(ax, language)
    ax.set_title(heading, fontsize=8)
    return fig


@plain_text
def prediction_errors_chart(errors, constructs, path, *, pdf=None, **wording) -> str:
    """Write :func:`prediction_errors_figure` as PNG to ``path`` (and as PDF to ``pdf``); returns the PNG's path."""
    return save(prediction_errors_figure(errors, constructs, **wording), path, pdf)


@plain_text
def prediction_errors_figure(errors, constructs, *, title: str = "PLS-SEM out-of-sample prediction errors",
                             axis_label: str = "prediction error", count_label: str = "respondents",
                             boxes: str = "box: quartiles; whiskers: 1.5 IQR",
                             by_construct: str = "pooled over each construct's indicators ({count} indicators)",
                             language: str = "en"):
    """The distribution of the PLS-SEM out-of-sample prediction errors, at most :data:`MAX_PANELS` panels.

    Parameters
    ----------
    errors : DataFrame
        ``results/predict/errors.csv``: one column per endogenous indicator (model order), one row per respondent.
    constructs : mapping
        Indicator -> its construct (``results/predict/items.csv``'s two first columns).
    title, axis_label, count_label, boxes, by_construct : str
        Wording in the report's language: the title, the error axis, the histograms' count axis, the box
        plots' legend (appended to the title) and the pooled variant's addition (``{count}``: indicators).
    language : str
        The report's language, for the tick labels.

    Returns
    -------
    matplotlib.figure.Figure
        Histograms (up to :data:`MAX_PANELS` indicators), else one panel of box plots per indicator (up to
        :data:`MAX_BOXES`), else one per construct.

    Raises
    ------
    KeyError
        When an indicator of ``errors`` has no construct in ``constructs``.
    """
    plt = pyplot()
    names = [str(name) for name in errors.columns]
    errors = errors.set_axis(names, axis=1)
    owner = {name: str(constructs[name]) for name in names}
    if len(names) <= MAX_PANELS:
        return _histograms(plt, errors, owner, title, axis_label, count_label, language)
    order = list(dict.fromkeys(owner[name] for name in names))
    if len(names) <= MAX_BOXES:
        groups = [(name, errors[name].to_numpy()) for name in names]
        colours = [order.index(owner[name]) for name in names]
        heading = f"{title} ({boxes})"
    else:
        groups = [(c, errors[[n for n in names if owner[n] == c]].to_numpy().ravel()) for c in order]
        colours = list(range(len(groups)))
        heading = f"{title}, {by_construct.format(count=len(names))} ({boxes})"
    return _boxes(plt, groups, colours, heading, axis_label, language)
