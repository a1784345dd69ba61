"""What every figure shares: matplotlib's Agg backend, plain text, and writing PNG and PDF without timestamps.

Text from the user (construct labels, indicator names) is drawn as plain
text: :func:`plain_text` switches matplotlib's ``$...$`` mathtext off, so a
``$`` in a label is just a dollar sign, and embeds TrueType fonts in PDFs so
their text is searchable. :func:`save` writes neither a timestamp nor a
producer, so a figure drawn twice from the same numbers is the same file.

Numbers drawn in a figure follow the report's language, as the report's own text does:
values written by the figures go through :func:`plssem_pipeline.language.number_text`
(``0,528`` in Indonesian), and :func:`localize_axes` gives the axes' tick labels the
language's decimal separator.
"""
from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["DPI", "pyplot", "plain_text", "save", "message_figure", "localize_axes"]

#: Resolution of the PNG files.
DPI = 150


def pyplot():
    """``matplotlib.pyplot`` on the non-interactive Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plain_text(function):
    """Run a drawing function with mathtext off and TrueType fonts in PDFs (searchable text)."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False, "pdf.fonttype": 42}):
            return function(*args, **kwargs)

    return wrapper


def save(fig, path, pdf=None) -> str:
    """Write ``fig`` as PNG to ``path`` (and as PDF to ``pdf`` if given), close it, and return ``str(path)``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : path
        PNG to write; its folder is created.
    pdf : path, optional
        Also write the figure as PDF.

    Returns
    -------
    str
        The PNG's path.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, metadata={"Software": None})
    # The PNG's layout (constrained layout works in inches, so it holds at any resolution) is kept for the
    # PDF rather than computed again: with many panels the layout is half of the drawing time.
    fig.set_layout_engine("none")
    if pdf is not None:
        Path(pdf).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(pdf, metadata={"Creator": None, "Producer": None, "CreationDate": None})
    pyplot().close(fig)
    return str(path)


def message_figure(text: str, path, pdf=None) -> str:
    """A small figure saying ``text`` (nothing to draw), written by :func:`save`; returns the PNG's path."""
    fig, ax = pyplot().subplots(figsize=(4, 1.5), layout="constrained")
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=9)
    return save(fig, path, pdf)


def localize_axes(ax, language: str) -> None:
    """Write the tick labels of ``ax`` (both axes) with the decimal separator of ``language``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes with matplotlib's default numeric ticks (a colorbar's ``cbar.ax`` too).
    language : str
        A key of :data:`plssem_pipeline.language.SEPARATORS`; English leaves the axes as they are.

    Notes
    -----
    matplotlib's ``axes.formatter.use_locale`` would read the machine's locale, so the same
    figure would differ between machines; the tick text is rewritten here instead, from
    matplotlib's own choice of ticks and decimals (:class:`matplotlib.ticker.ScalarFormatter`).
    """
    from matplotlib.ticker import ScalarFormatter

    from ...language import SEPARATORS

    decimal, thousands = SEPARATORS[language]
    if decimal == ".":
        return
    swap = str.maketrans({".": decimal, ",": thousands})

    class _Localized(ScalarFormatter):
        def __call__(self, x, pos=None):
            return super().__call__(x, pos).translate(swap)

    for axis in (ax.xaxis, ax.yaxis):
        if isinstance(axis.get_major_formatter(), ScalarFormatter):
            axis.set_major_formatter(_Localized())
