"""Which effects a figure of bootstrap distributions draws: all of them in a small model, a bounded few in a large one.

A model with 12 constructs and 21 paths has some 940 specific indirect effects; a panel for each is neither
readable nor quick to draw. :func:`drawn` keeps every effect while there are at most :data:`PANELS`; beyond
that it keeps the hypothesised ones (the config's ``hypotheses``, which the reader was promised a test of),
at most :data:`PANELS`, or, when none of them is hypothesised, the :data:`PANELS` largest by ``|O|``. The
figure's heading and the report's caption then say how many of how many are drawn and where the others are
(:func:`shown_note`): every effect stays in the results CSV and the workbook.
"""
from __future__ import annotations

import numpy as np

__all__ = ["PANELS", "drawn", "shown_note"]

#: The most panels a figure of bootstrap distributions draws (four rows of three on a page).
PANELS = 12


def drawn(names, originals, hypothesised, *, cap: int = PANELS) -> tuple[np.ndarray, str]:
    """The positions of the effects to draw, in table order, and why those.

    Parameters
    ----------
    names : sequence of str
        The effects, ``"A -> B"`` or ``"A -> M -> B"``, in table order (``m`` of them).
    originals : array-like (m,)
        Their original estimates (O); NaN counts as the smallest.
    hypothesised : collection of str
        The effects the config's ``hypotheses`` name.
    cap : int
        The most panels.

    Returns
    -------
    (ndarray of int, str)
        Sorted positions into ``names``; ``"all"`` (every effect, ``m <= cap``), ``"hypothesised"`` (the
        hypothesised ones, the first ``cap`` in table order) or ``"largest"`` (none hypothesised: the ``cap``
        largest ``|O|``, ties in table order).
    """
    m = len(names)
    if m <= cap:
        return np.arange(m), "all"
    wanted = set(hypothesised)
    chosen = np.array([k for k, name in enumerate(names) if str(name) in wanted][:cap], dtype=int)
    if chosen.size:
        return chosen, "hypothesised"
    size = np.nan_to_num(np.abs(np.asarray(originals, dtype=float)), nan=-1.0)
    return np.sort(np.argsort(-size, kind="stable")[:cap]), "largest"


def shown_note(t, shown: int, total: int, why: str, where: str) -> str:
    """The note of a figure that draws ``shown`` of ``total`` effects (``why`` as :func:`drawn` returns it;
    ``where``: the results file of them all); empty when it draws all of them.

    ``t`` is the report's :class:`plssem_pipeline.report.catalogue.Catalogue`.
    """
    if why == "all":
        return ""
    return t("fig_panels_note", shown=shown, total=total, which=t(f"fig_panels_{why}"), where=where)
