"""Reverse coding: negatively worded items recoded on their own scale before estimation.

An item listed in ``constructs.<C>.reverse`` is recoded ``x -> min + max - x``,
where ``[min, max]`` is the item's response scale (``constructs.<C>.scale``, else
``data.scale``): on a 1-5 scale 1 becomes 5 and 2 becomes 4; on a 0-150 scale
30 becomes 120. The recoding follows Hair et al. (2022, ch. 2, "Data collection
and examination"), where negatively worded items are recoded so that every
indicator of a reflective block points the same way. Missing values stay
missing. Each recoded item is one row of the exclusions log (row blank, the
column, the reason naming ``constructs.<C>.reverse``, and the number of cells
recoded).

References
----------
Hair, J. F., Hult, G. T. M., Ringle, C. M., & Sarstedt, M. (2022). *A Primer
on Partial Least Squares Structural Equation Modeling (PLS-SEM)* (3rd ed.).
Sage.
"""
from __future__ import annotations

from .spec import SurveySpec
from .values import Event, format_number

__all__ = ["reverse_code"]


def reverse_code(values, spec: SurveySpec):
    """Recode the reverse-coded items ``x -> min + max - x`` on each item's own scale.

    Parameters
    ----------
    values : ndarray, shape (n_respondents, n_indicators)
        The indicator values as read and validated (NaN where missing), columns in
        ``spec.indicators`` order; not modified.
    spec : SurveySpec
        The indicators, their scales and which are reverse-coded (``spec.scales``).

    Returns
    -------
    recoded : ndarray, shape (n_respondents, n_indicators)
        A copy of ``values`` with the reverse-coded columns recoded (NaN stays NaN).
    events : list of Event
        One per reverse-coded item (``pos = -1``: no single row), its action giving the
        number of cells recoded.
    """
    import numpy as np

    recoded = np.array(values, dtype=float, copy=True)
    events: list[Event] = []
    for name in spec.reverse_coded:
        j = spec.indicators.index(name)
        lo, hi, key = spec.scale(name)
        column = recoded[:, j]
        cells = int(np.count_nonzero(~np.isnan(column)))
        recoded[:, j] = (lo + hi) - column
        construct = spec.owners.get(name, "?")
        scale = f"{format_number(lo)}–{format_number(hi)}"
        events.append(Event(-1, name, "", f"reverse-coded item (constructs.{construct}.reverse)", "reverse_coded",
                            f"recoded x -> {format_number(lo)} + {format_number(hi)} - x on the scale {scale} "
                            f"({key}) in {cells} cell(s)"))
    return recoded, events
