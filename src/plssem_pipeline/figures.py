"""Figures of the results, drawn with matplotlib's non-interactive Agg backend.

* :func:`loadings_chart` — outer loadings by construct against the 0.70
  threshold (Hair et al. 2022, ch. 4: loadings ≥ 0.708 explain at least half
  of an indicator's variance);
* :func:`bootstrap_histograms` — the bootstrap distribution of each effect
  with its original estimate and confidence interval;
* :func:`htmt_heatmap` — HTMT ratios against the 0.90 threshold (Henseler,
  Ringle & Sarstedt 2015).

Each function writes one PNG and returns its path. PNGs carry no timestamp,
so a figure drawn twice from the same numbers is the same file.
"""
from __future__ import annotations

import math
from pathlib import Path

__all__ = ["loadings_chart", "bootstrap_histograms", "htmt_heatmap"]

DPI = 150


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path) -> str:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, metadata={"Software": None})
    _pyplot().close(fig)
    return str(path)


def loadings_chart(loadings, path, *, threshold: float = 0.70, labels=None) -> str:
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
    ax.set_xlabel("outer loading")
    ax.set_title("Outer loadings")
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours(k % 10)) for k in range(len(constructs))]
    ax.legend(handles, [f"{c} ({labels[c]})" if c in labels and labels[c] != c else c for c in constructs],
              fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=min(4, len(constructs)),
              frameon=False)
    return _save(fig, path)


def bootstrap_histograms(draws, summary, names, path, *, title: str = "Bootstrap distributions",
                         bins: int = 40) -> str:
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
    """
    import numpy as np

    plt = _pyplot()
    m = len(names)
    if m == 0:
        fig, ax = plt.subplots(figsize=(4, 1.5), layout="constrained")
        ax.axis("off")
        ax.text(0.5, 0.5, "no statistics of this kind in the model", ha="center", va="center")
        return _save(fig, path)
    cols = min(3, m)
    rows = math.ceil(m / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.3 * cols, 2.5 * rows), squeeze=False, layout="constrained")
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
    fig.suptitle(title + " (dashed: confidence interval; red: original estimate)", fontsize=9)
    return _save(fig, path)


def htmt_heatmap(htmt, path, *, threshold: float = 0.90) -> str:
    """Lower-triangle heatmap of the HTMT matrix, values printed, those at or above ``threshold`` in bold.

    Parameters
    ----------
    htmt : DataFrame
        ``results/outer/htmt.csv``: a ``construct`` column then one column per construct.
    """
    import numpy as np

    plt = _pyplot()
    frame = htmt.set_index("construct")
    names = list(frame.columns)
    k = len(names)
    values = frame.to_numpy(dtype=float)
    shown = np.where(np.tril(np.ones((k, k), dtype=bool), -1), values, np.nan)
    fig, ax = plt.subplots(figsize=(1.1 * k + 2, 0.9 * k + 1.2), layout="constrained")
    image = ax.imshow(shown, cmap="Reds", vmin=0, vmax=1)
    for i in range(k):
        for j in range(i):
            ax.text(j, i, f"{values[i, j]:.3f}", ha="center", va="center", fontsize=8,
                    fontweight="bold" if values[i, j] >= threshold else "normal")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_title(f"HTMT (threshold {threshold:.2f})", fontsize=10)
    fig.colorbar(image, ax=ax, shrink=0.8)
    return _save(fig, path)
