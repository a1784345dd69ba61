"""The simple-slope figure of the moderation analysis (Aiken & West 1991; Hair et al. 2022, ch. 7).

One panel per interaction term of ``results/moderation/simple_slopes.csv``: the target
construct's predicted score over the independent variable from −2 to +2 SD, one line per
level of the moderator (−1 SD, mean, +1 SD). The lines are
``y = iv_effect·x + moderator_effect·w + raw_coefficient·x·w`` with ``x`` and ``w`` in
standard deviations of their construct scores (``raw_coefficient``: the term's path per unit
of the unstandardised product, Henseler & Chin 2010), so the three lines fan out by exactly
the interaction. A quadratic term ``A x A`` has no moderator: its panel draws the curve
``y = iv_effect·x + raw_coefficient·x²`` (a quadratic effect) and marks it at −1 SD, the mean and
+1 SD, the points of the conditional effects table, named in its legend. Panel titles and axes name the
constructs by their labels in the report's language (``A × B → C``, as the structural model writes a term).

Drawn at print size (:mod:`.print_size`), every text at least :data:`.print_size.MIN_FONT`
points, numbers in the report's language, like the other charts of :mod:`.charts`.
"""
from __future__ import annotations

import math
import textwrap

from . import print_size
from .drawing import localize_axes, message_figure, plain_text, pyplot, save

__all__ = ["simple_slopes_chart", "slope_lines", "predicted", "SPAN", "LEVELS"]

#: The independent variable's range drawn, in standard deviations.
SPAN = (-2.0, 2.0)
#: The moderator's levels drawn (standard deviations), in the order of the legend.
LEVELS = (-1.0, 0.0, 1.0)
_STYLES = {-1.0: ("#3182bd", "--"), 0.0: ("black", "-"), 1.0: ("#d62728", "-.")}


def slope_lines(record, points: int = 41) -> dict:
    """The lines (or the curve) of one term's panel.

    Parameters
    ----------
    record : mapping
        A row of ``simple_slopes.csv`` (``iv``, ``moderator``, ``iv_effect``, ``moderator_effect``,
        ``raw_coefficient``); every row of a term carries the same three coefficients.
    points : int
        Points along :data:`SPAN`.

    Returns
    -------
    dict
        Level (float, SD of the moderator; ``None`` for a quadratic term's one curve) -> ``(x, y)`` lists.
    """
    xs = [SPAN[0] + (SPAN[1] - SPAN[0]) * k / (points - 1) for k in range(points)]
    if _quadratic(record):
        return {None: (xs, [predicted(record, x) for x in xs])}
    return {w: (xs, [predicted(record, x, w) for x in xs]) for w in LEVELS}


def _quadratic(record) -> bool:
    return str(record["iv"]) == str(record["moderator"])


def predicted(record, x: float, w: float | None = None) -> float:
    """The target's predicted score (SD) at ``x`` SD of the independent variable and ``w`` SD of the moderator.

    ``iv_effect·x + moderator_effect·w + raw_coefficient·x·w``; for a quadratic term (``iv`` equal to
    ``moderator``; ``w`` not used) ``iv_effect·x + raw_coefficient·x²``.
    """
    b1, b2, b3 = (float(record[k]) for k in ("iv_effect", "moderator_effect", "raw_coefficient"))
    return b1 * x + b3 * x * x if _quadratic(record) else b1 * x + b2 * w + b3 * x * w


@plain_text
def simple_slopes_chart(slopes, path, *, pdf=None, level_names=("−1 SD", "mean", "+1 SD"),
                        title: str = "Simple slopes", x_label: str = "{iv} (SD)", y_label: str = "{target}",
                        moderator_label: str = "{moderator}:", empty: str = "no interaction term in the model",
                        language: str = "en", labels=None, panel: str = "{iv} × {moderator} → {target}",
                        quadratic_panel: str = "{iv} × {iv} → {target}",
                        points: str = "{iv} at −1 SD, the mean, +1 SD") -> str:
    """Write the simple-slope figure as PNG to ``path`` (and as PDF to ``pdf``); returns the PNG's path.

    Parameters
    ----------
    slopes : DataFrame
        ``results/moderation/simple_slopes.csv`` (columns ``term, iv, moderator, target, level, iv_effect,
        moderator_effect, raw_coefficient``, ...); without rows, a small figure saying ``empty``.
    path : path
    pdf : path, optional
    level_names : tuple of str
        The legend's names of the moderator's levels −1 SD, mean, +1 SD (the report's language).
    title, x_label, y_label, moderator_label, panel, quadratic_panel, points : str
        Wording; ``{iv}``, ``{target}`` and ``{moderator}`` are filled in per panel with the constructs' labels:
        ``panel`` titles an interaction term's panel, ``quadratic_panel`` a quadratic term's, ``points`` names the
        marks on a quadratic term's curve in its legend.
    empty : str
        The text of the figure of a model without interaction terms.
    language : str
        The report's language, for the tick labels.
    labels : mapping, optional
        Construct name -> its label in the report's language (names without one are written as they are).

    Returns
    -------
    str
    """
    plt = pyplot()
    terms = list(dict.fromkeys(slopes["term"].astype(str))) if len(slopes) else []
    if not terms:
        return message_figure(empty, path, pdf)
    cols = min(2, len(terms))
    rows = math.ceil(len(terms) / cols)
    width, height = print_size.box()
    fig, axes = plt.subplots(rows, cols, figsize=(width, min(height, 0.45 + 2.3 * rows)), squeeze=False,
                             layout="constrained")
    for k, ax in enumerate(axes.flat):
        if k >= len(terms):
            ax.axis("off")
            continue
        record = slopes[slopes["term"].astype(str) == terms[k]].iloc[0]
        names = {key: (labels or {}).get(str(record[key]), str(record[key])) for key in ("iv", "moderator", "target")}
        wording = dict(x=x_label, y=y_label, moderator=moderator_label, points=points,
                       title=quadratic_panel if _quadratic(record) else panel)
        _panel(ax, record, level_names, names, wording)
        localize_axes(ax, language)
    fig.suptitle(title, fontsize=9)
    return save(fig, path, pdf)


def _panel(ax, record, level_names, names, wording) -> None:
    """One term's lines (or curve), its axes' labels and its legend; ``names`` the labels of ``iv``, ``moderator``
    and ``target``, ``wording`` the texts ``title``, ``x``, ``y``, ``moderator`` and ``points`` to fill in."""
    lines = slope_lines(record)
    levels = dict(zip(LEVELS, level_names))
    for level, (xs, ys) in lines.items():
        if level is None:
            ax.plot(xs, ys, color="black", linewidth=1.3)
            ax.plot(LEVELS, [predicted(record, m) for m in LEVELS], "o", color="#d62728", markersize=4,
                    label=textwrap.fill(wording["points"].format(**names), width=34))
            continue
        colour, style = _STYLES[level]
        ax.plot(xs, ys, color=colour, linestyle=style, linewidth=1.3, label=levels[level])
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_xlim(*SPAN)
    ax.set_title(textwrap.fill(wording["title"].format(**names), width=48), fontsize=8)
    ax.set_xlabel(wording["x"].format(**names), fontsize=7.5)
    ax.set_ylabel(textwrap.fill(wording["y"].format(**names), width=36), fontsize=7.5)
    ax.tick_params(labelsize=7)
    title = None if None in lines else wording["moderator"].format(**names)
    ax.legend(title=title, fontsize=7, title_fontsize=7, frameon=False, loc="best")
