"""Screening the values read: straight-lining, missing values, sample size, degenerate indicators.

Steps 4 to 7 of :func:`plssem_pipeline.ingest.cleaning.clean_survey`, on the
indicator values read by :mod:`plssem_pipeline.ingest.values`:
:func:`flag_straight_lining` (``data.straight_lining``), :func:`select_respondents`
(casewise deletion, the model's minimum sample and the ten-times rule, :func:`ten_times_warnings`: also
each group's of the multi-group analysis),
:func:`replace_missing` (mean replacement over the respondents kept, as SmartPLS
does), :func:`record_missing_actions` (what happened to each missing value, for
the exclusions log) and :func:`check_indicators` (constant indicators and pairs
with r = ±1, which make any block or regression holding them singular).

The screening follows Hair et al. (2022, ch. 2, "Data collection and examination").

References
----------
Hair, J. F., Hult, G. T. M., Ringle, C. M., & Sarstedt, M. (2022). *A Primer
on Partial Least Squares Structural Equation Modeling (PLS-SEM)* (3rd ed.).
Sage.
"""
from __future__ import annotations

from ..errors import UserError
from .spec import SurveySpec
from .survey import RawSurvey
from .values import MAX_LISTED, Event, format_number

__all__ = ["flag_straight_lining", "select_respondents", "ten_times_warnings", "replace_missing",
           "record_missing_actions", "check_indicators"]


def flag_straight_lining(values, spec: SurveySpec):
    """Find respondents who gave the same answer to every item they answered (at least two; control
    variables, ``spec.controls``, are no items).

    Parameters
    ----------
    values : ndarray
        Respondents x indicators as read, NaN where missing.
    spec : SurveySpec

    Returns
    -------
    keep : ndarray of bool
        False for the respondents excluded (``data.straight_lining: exclude``).
    straight : list of int
        Record positions of the straight-liners, kept or not.
    events : list of Event
        One per straight-liner.
    """
    import numpy as np

    n = values.shape[0]
    items = values[:, spec.item_columns]    # a Fortran-order copy of the item columns
    answered = ~np.isnan(items)
    counts = answered.sum(axis=1)
    same = (np.fmin.reduce(items, axis=1) == np.fmax.reduce(items, axis=1)) if items.shape[1] else counts > n
    straight = np.flatnonzero((counts >= 2) & same).tolist()     # the smallest answer is the largest: all alike
    first = np.full(n, np.nan)
    first[straight] = items[straight, answered[straight].argmax(axis=1)]    # the first answer, as written
    excluded = spec.straight_lining == "exclude"
    action = ("respondent excluded (data.straight_lining: exclude)" if excluded
              else "flagged, respondent kept (data.straight_lining: flag)")
    events = [Event(i, "", format_number(first[i]), f"straight-lining: the same answer ({format_number(first[i])}) "
                    f"to all {counts[i]} answered items", "straight_lining", action) for i in straight]
    keep = np.ones(n, dtype=bool)
    if excluded:
        keep[straight] = False
    return keep, straight, events


def select_respondents(raw: RawSurvey, spec: SurveySpec, values, keep, events: list[Event]):
    """Apply ``data.missing_treatment`` to the respondents and check that enough of them are left.

    Parameters
    ----------
    raw : RawSurvey
        For the row numbers and the file named in the errors.
    spec : SurveySpec
        ``data.missing_treatment`` and the model's minimum and recommended sample sizes.
    values : ndarray
        Respondents x indicators as read, NaN where missing.
    keep : ndarray of bool
        The respondents kept so far (after straight-lining).
    events : list of Event
        The events so far; the missing indicator cells are listed if ``data.missing_treatment`` is ``none``.

    Returns
    -------
    keep : ndarray of bool
        The respondents kept (casewise deletion drops those with a missing indicator value).
    warnings : list of str
        The ten-times rule of thumb, if not met.

    Raises
    ------
    UserError
        Missing indicator values under ``none``; no respondent left; fewer than the model needs.
    """
    import numpy as np

    n = len(keep)
    missing_mask = np.isnan(values)
    if spec.missing_treatment == "none" and (missing_mask & keep[:, None]).any():
        cells = [e for e in events if e.kind == "missing" and e.column in spec.owners and keep[e.pos]]
        listed = "; ".join(f"row {raw.lines[e.pos]}, column {e.column} ({e.reason})" for e in cells[:MAX_LISTED])
        raise UserError(f"{len(cells)} missing indicator value(s) and data.missing_treatment is none: {listed}"
                        + (" ..." if len(cells) > MAX_LISTED else "")
                        + ". Set data.missing_treatment to mean_replacement or casewise_deletion", file=raw.path)
    if spec.missing_treatment == "casewise_deletion":
        keep = keep & ~missing_mask.any(axis=1)
    if not keep.any():
        raise UserError("no respondent is left after the exclusions (see the reasons above: straight-lining, "
                        "no valid answer to any indicator, casewise deletion)", file=raw.path)
    kept_count = int(keep.sum())
    if kept_count < spec.min_respondents:
        dropped = n - kept_count
        raise UserError(
            f"{kept_count} respondent(s) " + (f"left of {n} after the exclusions" if dropped else "in the file")
            + f", but the model needs at least {spec.min_respondents}: {spec.min_reason}. Collect more responses"
            + (" (or revisit data.missing_treatment / data.straight_lining)" if dropped else "")
            + " or simplify the model", file=raw.path)
    return keep, ten_times_warnings(kept_count, spec)


def ten_times_warnings(count: int, spec: SurveySpec) -> list[str]:
    """The warning when ``count`` respondents are fewer than the ten-times rule of thumb (a warning, not a limit).

    Parameters
    ----------
    count : int
        The respondents analysed: the sample kept, or one group of the multi-group analysis.
    spec : SurveySpec
        Its ``recommended_respondents`` (:func:`plssem_pipeline.study.sample_size.ten_times_rule`).

    Returns
    -------
    list of str
        One warning (Hair et al. 2022, ch. 1), or none when ``count`` meets the rule or the model has no path.
    """
    if not spec.recommended_respondents or count >= spec.recommended_respondents:
        return []
    return [f"{count} respondents: fewer than the ten-times rule of thumb ({spec.recommended_respondents} = 10 x "
            "the most arrows pointing at one construct; Hair et al. 2022, ch. 1); estimates may be unstable and "
            "many bootstrap subsamples may fail"]


def replace_missing(source: str, spec: SurveySpec, values, keep):
    """The indicator means over the respondents kept, and the values with missing ones replaced by them.

    Also the multi-group analysis's treatment within each group
    (:func:`plssem_pipeline.analysis.groups.group_survey`).

    Parameters
    ----------
    source : str
        The survey file, named in an error.
    spec : SurveySpec
        ``data.missing_treatment`` and the indicators.
    values : ndarray
        Respondents x indicators as read, NaN where missing.
    keep : ndarray of bool

    Returns
    -------
    treated : ndarray
        ``values`` with every missing value replaced by its indicator's mean under
        ``mean_replacement``; a copy of ``values`` otherwise.
    means : ndarray
        Each indicator's mean over its valid values among the respondents kept.

    Raises
    ------
    UserError
        If an indicator has no valid value among the respondents kept.
    """
    import numpy as np

    means = np.full(len(spec.indicators), np.nan)
    kept = np.compress(keep, values.T, axis=1)   # one row per indicator, in one copy
    for j, name in enumerate(spec.indicators):
        valid = kept[j][~np.isnan(kept[j])]
        if valid.size == 0:
            raise UserError(f"indicator {name} has no valid value among the respondents kept; it cannot be "
                            f"estimated: remove it from constructs.{spec.owners[name]}.indicators or fix the data",
                            file=source, column=name)
        means[j] = valid.mean()
    treated = values.copy(order="K")
    if spec.missing_treatment == "mean_replacement":
        rows, cols = np.nonzero(np.isnan(values))
        treated[rows, cols] = means[cols]
    return treated, means


def record_missing_actions(events: list[Event], spec: SurveySpec, keep, means, straight: list[int]) -> None:
    """Fill in the action of every missing-value event that has none yet (in place).

    A missing indicator value of a respondent kept was replaced by the mean; one of a
    respondent excluded went with the respondent (straight-lining or casewise deletion);
    a missing profile value is only counted.
    """
    straight_set = set(straight)
    for e in events:
        if e.action:
            continue
        if e.kind == "missing" and e.column in spec.owners:
            j = spec.indicators.index(e.column)
            if keep[e.pos]:
                e.action = f"replaced by the mean of {e.column} over its valid values ({float(means[j])!r})"
            elif e.pos in straight_set and spec.straight_lining == "exclude":
                e.action = "respondent excluded (data.straight_lining: exclude)"
            else:
                e.action = "respondent excluded (data.missing_treatment: casewise_deletion)"
        elif e.kind == "missing":
            e.action = "counted as missing in the respondent profile"


def check_indicators(source: str, spec: SurveySpec, kept) -> None:
    """Refuse constant indicators and perfectly correlated pairs among the respondents kept.

    Parameters
    ----------
    source : str
        The survey file, named in an error.
    spec : SurveySpec
    kept : ndarray
        The treated values of the respondents kept.

    Raises
    ------
    UserError
        Naming the constant indicators, or the pairs with r = ±1.
    """
    import numpy as np

    same = (kept == kept[0]).all(axis=0)
    constant = [name for j, name in enumerate(spec.indicators) if same[j]]
    if constant:
        listed = ", ".join(f"{c} (always {format_number(kept[0, spec.indicators.index(c)])}, construct "
                           f"{spec.owners[c]})" for c in constant)
        raise UserError(f"indicator(s) with the same value for every respondent kept: {listed}. A constant "
                        "indicator has no variance and cannot be standardised; remove it from its construct's "
                        "indicators in the config", file=source)
    _check_collinear_pairs(source, spec, np.ascontiguousarray(kept))   # the sums below rounded as in C order


def _check_collinear_pairs(source: str, spec: SurveySpec, kept) -> None:
    """Refuse two indicators whose values are identical, or mirror images, for every respondent kept.

    Such a pair has correlation ±1: a block holding both has a singular
    correlation matrix (undefined VIF; Mode B weights undefined), and two
    constructs holding one each can have perfectly collinear scores. It is
    almost always a column copied twice, or a reverse-coded copy.
    """
    import numpy as np

    centred = kept - kept.mean(axis=0)
    norms = np.sqrt((centred ** 2).sum(axis=0))
    corr = (centred.T @ centred) / np.outer(norms, norms)
    found = []
    for a in range(len(spec.indicators)):
        for b in range(a + 1, len(spec.indicators)):
            if abs(abs(corr[a, b]) - 1) < 1e-12:
                ia, ib = spec.indicators[a], spec.indicators[b]
                same = np.array_equal(kept[:, a], kept[:, b])
                kind = ("identical values" if same else
                        "values that are a linear function of each other (r = 1)" if corr[a, b] > 0 else
                        "mirror-image values (r = -1: a reverse-coded copy?)")
                found.append(f"{ia} (construct {spec.owners[ia]}) and {ib} (construct {spec.owners[ib]}) have {kind}")
    if found:
        listed = "; ".join(found[:MAX_LISTED]) + (f"; ... and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else "")
        raise UserError(f"perfectly correlated indicators among the respondents kept: {listed}. Such a pair makes "
                        "the correlation matrix of any block or regression holding both singular (probably a column "
                        "copied twice): correct the data, or keep only one of them in the constructs' indicators in "
                        "the config", file=source)
