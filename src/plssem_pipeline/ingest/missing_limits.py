"""Limits of the missing-value treatment: respondents who answered nothing, indicators missing too often.

Two checks of :func:`plssem_pipeline.ingest.cleaning.clean_survey`, made before
the missing-value treatment (``data.missing_treatment``):

* :func:`exclude_unanswered` -- a respondent with no valid answer to any
  indicator (every indicator cell blank, a missing code, or an invalid value
  turned missing) carries no information: mean replacement would invent every
  one of their answers. They are excluded, one row each in the exclusions log,
  never imputed and not counted in n;
* :func:`missing_share_warnings` -- one warning for every indicator whose
  share of missing values exceeds ``data.max_missing_share`` (default 0.15).

Hair et al. (2022, ch. 2, "Missing data") advise mean replacement only when few
values are missing (fewer than 5 % per indicator) and take 15 % missing as the
point beyond which a respondent is removed; the default limit applies those 15 %
to each indicator, which SmartPLS imputes without a word.

References
----------
Hair, J. F., Hult, G. T. M., Ringle, C. M., & Sarstedt, M. (2022). *A Primer
on Partial Least Squares Structural Equation Modeling (PLS-SEM)* (3rd ed.).
Sage.
"""
from __future__ import annotations

from .spec import SurveySpec
from .values import Event

__all__ = ["NO_ANSWER_ACTION", "exclude_unanswered", "missing_shares", "missing_share_warnings"]

#: The exclusions-log action of a respondent without any valid indicator answer, and of each of their cells.
NO_ANSWER_ACTION = "respondent excluded (no valid answer to any indicator: not imputed, not counted in n)"


def exclude_unanswered(spec: SurveySpec, values, keep, events: list[Event]):
    """Exclude the respondents with no valid answer to any indicator (a control variable is none), logging each.

    Parameters
    ----------
    spec : SurveySpec
        Its indicators, in the column order of ``values``.
    values : ndarray, shape (n_rows, n_indicators)
        The indicator values as read, NaN where missing.
    keep : ndarray of bool, shape (n_rows,)
        The respondents kept so far.
    events : list of Event
        The events so far, changed in place: a blank indicator cell of a respondent excluded
        here is left out (the respondent's one row says it: no valid answer to any
        indicator); every other event of theirs without an action (a missing code, an
        invalid value made missing, a blank profile cell) gets :data:`NO_ANSWER_ACTION`.

    Returns
    -------
    keep : ndarray of bool, shape (n_rows,)
        ``keep`` without the respondents who answered nothing.
    unanswered : list of int
        Their record positions.
    new_events : list of Event
        One per such respondent (column ``""``, kind ``"no_answer"``).
    """
    import numpy as np

    items = values[:, spec.item_columns]    # a Fortran-order copy of the item columns
    empty = np.isnan(items).all(axis=1) if items.shape[1] else np.zeros(len(keep), dtype=bool)
    unanswered = np.flatnonzero(empty).tolist()
    chosen = set(unanswered)
    indicators = set(spec.indicators)
    events[:] = [e for e in events if not (e.pos in chosen and e.column in indicators and e.kind == "missing"
                                  and not e.raw.strip())]
    for e in events:
        if e.pos in chosen and not e.action:
            e.action = NO_ANSWER_ACTION
    new_events = [Event(i, "", "", f"no valid answer to any of the {items.shape[1]} indicators", "no_answer",
                        NO_ANSWER_ACTION) for i in unanswered]
    return keep & ~empty, unanswered, new_events


def missing_shares(values, keep):
    """Each indicator's share of missing values among the respondents ``keep``.

    Parameters
    ----------
    values : ndarray, shape (n_rows, n_indicators)
        NaN where missing.
    keep : ndarray of bool, shape (n_rows,)

    Returns
    -------
    ndarray, shape (n_indicators,)
        Missing count / ``keep.sum()`` per indicator (0 when nobody is kept).
    """
    import numpy as np

    kept = int(keep.sum())
    if not kept:
        return np.zeros(values.shape[1])
    return np.isnan(values[keep]).sum(axis=0) / kept


def missing_share_warnings(spec: SurveySpec, values, keep) -> tuple[dict, list[str]]:
    """The indicators whose missing share exceeds ``data.max_missing_share``, and one warning each.

    The share is taken over the respondents ``keep`` (those with at least one valid answer
    and not excluded for straight-lining), before the missing-value treatment.

    Parameters
    ----------
    spec : SurveySpec
        Its indicators, owners, ``max_missing_share`` and ``missing_treatment``.
    values : ndarray, shape (n_rows, n_indicators)
        NaN where missing.
    keep : ndarray of bool, shape (n_rows,)

    Returns
    -------
    above : dict
        Indicator -> its missing share, for those above the limit, in model order.
    warnings : list of str
        One sentence per such indicator, naming the config key.
    """
    import numpy as np

    shares = missing_shares(values, keep)
    kept = int(keep.sum())
    limit = float(spec.max_missing_share)
    above, warnings = {}, []
    treatment = {"mean_replacement": "mean replacement invents these values",
                 "casewise_deletion": "casewise deletion drops every respondent missing it",
                 "none": "the run stops on them (data.missing_treatment: none)"}[spec.missing_treatment]
    for j, name in enumerate(spec.indicators):
        if shares[j] > limit:
            construct = spec.owners.get(name, "?")
            key = f"constructs.{construct}.{'redundancy' if name in spec.redundancy else 'indicators'}"
            above[name] = float(shares[j])
            count = int(np.isnan(values[keep, j]).sum())
            warnings.append(
                f"indicator {name} (construct {construct}) is missing for {100 * shares[j]:.1f}% "
                f"of the respondents ({count} of {kept}), more than data.max_missing_share "
                f"({100 * limit:g}%; Hair et al. 2022, ch. 2): {treatment}; consider removing the indicator "
                f"from {key} or collecting the missing answers")
    return above, warnings
