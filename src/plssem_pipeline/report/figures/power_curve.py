"""The power curve of the Monte Carlo power analysis: power against the sample size n, one line per effect.

Each line joins an effect's power at the simulated sample sizes (the lines set apart sideways by a little, :data:`DODGE`,
so that equal powers stay visible), with error bars of ±1.96 Monte Carlo SEs
(√(P(1 − P)/R)) clipped to [0, 1]; a dashed horizontal line marks the target power. A model may have hundreds of effects (a model
of 12 constructs has 942 specific indirect effects), so at most :data:`MAX_LINES` are drawn (:func:`shown_effects`:
the hypothesised effects first, solid, then the others, dotted) and the rest are summarised as a grey band from
their least to their greatest power at each n.

Drawn at print size (within the normal figure box of :mod:`.print_size`), every text at least
:data:`.print_size.MIN_FONT` points, numbers in the report's language, like the other charts.
"""
from __future__ import annotations

import numpy as np

from ..tables import prose
from .drawing import localize_axes, plain_text, pyplot, save

__all__ = ["MAX_LINES", "SIZE", "Z", "DODGE", "shown_effects", "power_chart", "power_figure"]

#: The most effects drawn as lines; the others are one band.
MAX_LINES = 8
#: The figure's size in inches (within the normal print box).
SIZE = (6.0, 4.2)
#: Error bars: this many Monte Carlo SEs either side of the power (a 95 % normal interval).
Z = 1.96
#: Lines are set apart sideways by this share of the n axis' range each, so that effects of equal power (all at
#: 1.0, say) stay visible side by side.
DODGE = 0.006


def shown_effects(effects, hypothesised, limit: int = MAX_LINES) -> tuple[list[str], list[str]]:
    """The effects drawn as lines and those summarised: the hypothesised effects first, then the others, in order.

    Parameters
    ----------
    effects : sequence of str
        Every effect, in the results' order (paths, then specific indirect effects).
    hypothesised : sequence of str
        The effects of the study's hypotheses.
    limit : int
        The most effects shown.

    Returns
    -------
    (list of str, list of str)
        The shown effects (at most ``limit``: the hypothesised ones first) and the others, each in ``effects``' order.

    Examples
    --------
    >>> shown_effects(["A -> B", "B -> C", "A -> B -> C"], ["B -> C"], limit=2)
    (['B -> C', 'A -> B'], ['A -> B -> C'])
    """
    chosen = [e for e in effects if e in set(hypothesised)] + [e for e in effects if e not in set(hypothesised)]
    shown = chosen[:limit]
    return shown, [e for e in effects if e not in set(shown)]


@plain_text
def power_chart(power, path, *, pdf=None, **wording) -> str:
    """Write :func:`power_figure` as PNG to ``path`` (and as PDF to ``pdf``); returns the PNG's path."""
    return save(power_figure(power, **wording), path, pdf)


@plain_text
def power_figure(power, *, target: float = 0.8, hypothesised=(), title: str = "Power against sample size",
                 n_label: str = "Sample size (n)", power_label: str = "Power", target_label: str = "Target power",
                 rest_label: str = "{count} other effects (range)", language: str = "en"):
    """The power curves.

    Parameters
    ----------
    power : DataFrame
        ``results/power/power.csv``: ``effect``, ``n``, ``true_value``, ``power``, ``mc_se``, one row per effect
        and sample size.
    target : float
        The target power (a dashed line).
    hypothesised : sequence of str
        The hypothesised effects (drawn first, solid).
    title, n_label, power_label, target_label, rest_label : str
        Wording in the report's language; ``rest_label`` has ``{count}``.
    language : str
        The report's language, for the tick labels.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        When ``power`` has no row.
    """
    if len(power) == 0:
        raise ValueError("the power curve needs at least one effect (results/power/power.csv)")
    plt = pyplot()
    effects = list(dict.fromkeys(str(e) for e in power["effect"]))
    shown, rest = shown_effects(effects, hypothesised)
    grid = sorted({int(n) for n in power["n"]})
    fig, ax = plt.subplots(figsize=SIZE, layout="constrained")
    if rest:
        band = power[power["effect"].astype(str).isin(rest)].groupby("n")["power"]
        ax.fill_between(grid, band.min().reindex(grid), band.max().reindex(grid), color="0.85", zorder=1,
                        label=rest_label.format(count=len(rest)))
    colours = plt.get_cmap("tab10").colors
    step = DODGE * max(grid[-1] - grid[0], 1)
    for k, effect in enumerate(shown):
        rows = power[power["effect"].astype(str) == effect].sort_values("n")
        truth = float(rows["true_value"].iloc[0])
        half = Z * rows["mc_se"].to_numpy()       # clipped to [0, 1]: a power is a share
        bars = [np.minimum(half, rows["power"]), np.minimum(half, 1 - rows["power"])]
        ax.errorbar(rows["n"] + (k - (len(shown) - 1) / 2) * step, rows["power"], yerr=bars,
                    color=colours[k % len(colours)],
                    linestyle="-" if effect in hypothesised else ":", marker="o", markersize=3.5, linewidth=1.2,
                    capsize=2, zorder=3, label=f"{effect} ({prose(truth, language, 2)})")
    ax.axhline(target, color="0.3", linestyle="--", linewidth=0.9, zorder=2, label=f"{target_label} {prose(target, language)}")
    ax.set_xticks(grid)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(n_label, fontsize=8)
    ax.set_ylabel(power_label, fontsize=8)
    ax.set_title(title, fontsize=8.5)
    ax.tick_params(labelsize=7.5)
    ax.grid(True, color="0.92", linewidth=0.6)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
    localize_axes(ax, language)
    return fig
