"""Validating and cleaning the survey; every change logged.

:func:`clean_survey` takes the text cells of :func:`plssem_pipeline.ingest.survey.read_survey`
and the study's :class:`~plssem_pipeline.ingest.spec.SurveySpec`, and returns the analysis
data, the same rows before the missing-value treatment, and the *exclusions log*: one row per
change (or flag), with the file line, respondent id, column, raw value,
reason and action. Nothing is dropped or changed without a row there, and the
raw file is only read.

Order of operations:

1. every configured column must exist (id, profile variables, indicators);
2. ids, if configured, must be non-blank and unique;
3. each indicator cell is read as a number (decimal comma if detected);
   blank cells and ``data.missing_codes`` are missing; text and values off
   the indicator's scale (``constructs.<C>.scale``, else ``data.scale``) are
   *invalid*; profile-variable cells must be a configured
   category code. Invalid values stop the run with a list of them
   (``data.invalid_values: error``) or become missing values
   (``data.invalid_values: missing``) -- :mod:`plssem_pipeline.ingest.values`;
4. straight-lining — the same answer to every item, as given (before reverse
   coding) — is flagged, or the respondent excluded (``data.straight_lining``);
   a respondent with no valid answer to any indicator is excluded (never imputed),
   and every indicator missing for more than ``data.max_missing_share`` of the
   respondents is warned about (:mod:`plssem_pipeline.ingest.missing_limits`);
   then the items in ``constructs.<C>.reverse`` are recoded
   ``x -> min + max - x`` on their own scale, one log row per item
   (:mod:`plssem_pipeline.ingest.recoding`);
5. missing indicator values are treated: mean replacement (the indicator's
   mean over its valid values among the respondents kept, as SmartPLS does),
   casewise deletion, or an error (``none``);
6. fewer respondents left than the model needs (see
   :func:`plssem_pipeline.study.sample_size.minimum_respondents`): error; fewer than
   the ten-times rule of thumb: a warning in ``details["warnings"]``;
7. an indicator left constant cannot be standardised, and two indicators
   that are identical (or mirror images, r = ±1) make every block or
   regression they share singular: error, naming them.

Steps 4 to 7 are :mod:`plssem_pipeline.ingest.screening`, which follows Hair et
al. (2022, ch. 2, "Data collection and examination"): missing data (mean
replacement is SmartPLS's default and acceptable when few values are missing per
indicator; casewise deletion otherwise), suspicious response patterns such as
straight-lining, and values outside the response scale.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..errors import UserError
from .screening import check_indicators, flag_straight_lining, record_missing_actions, replace_missing, \
    select_respondents
from .missing_limits import exclude_unanswered, missing_share_warnings
from .recoding import reverse_code
from .spec import SOURCE_ROW, SurveySpec
from .survey import RawSurvey
from .values import (MAX_LISTED, Event, apply_invalid_policy, decimal_mark, profile_controls, read_indicators,
                     read_profile)

__all__ = ["EXCLUSION_COLUMNS", "CleanedSurvey", "clean_survey"]

#: Columns of ``results/clean/exclusions.csv``.
EXCLUSION_COLUMNS = ["row", "id", "column", "raw_value", "reason", "reason_code", "action"]


@dataclass
class CleanedSurvey:
    """Result of :func:`clean_survey`.

    Attributes
    ----------
    survey : DataFrame
        The analysis data: ``source_row``, the id column (if any), the profile
        variables (category codes) and the indicators (reverse-coded items recoded),
        complete (no missing values).
    validated : DataFrame
        The same rows and columns before the missing-value treatment (missing = NaN),
        reverse-coded items recoded.
    exclusions : DataFrame
        Columns :data:`EXCLUSION_COLUMNS`, one row per change or flag.
    details : dict
        Counts for the step summary.
    """

    survey: object
    validated: object
    exclusions: object
    details: dict


def _check_columns(raw: RawSurvey, spec: SurveySpec) -> None:
    """Refuse a header that lacks a configured column (id, profile variable, indicator), suggesting the nearest."""
    import difflib

    wanted = []
    if spec.id_column:
        wanted.append((spec.id_column, "data.id_column"))
    wanted += [(v, f"respondents.{v}") for v in spec.respondents]
    wanted += [(i, spec.controls.get(i) or
                f"constructs.{spec.owners.get(i, '?')}.{'redundancy' if i in spec.redundancy else 'indicators'}")
               for i in spec.indicators]
    present = set(raw.header)
    missing = [(name, key) for name, key in wanted if name not in present]
    if missing:
        lines = []
        unused = [h for h in raw.header if h not in {name for name, _ in wanted}]  # a configured column is no hint
        for name, key in missing:
            hint = [h for h in unused if h.casefold() == name.casefold()]
            if not hint:
                hint = difflib.get_close_matches(name, unused, n=1)
            lines.append(f"{name!r} (configured in {key})" + (f", did you mean {hint[0]!r}?" if hint else ""))
        shown = ", ".join(raw.header[:40]) + (" ..." if len(raw.header) > 40 else "")
        raise UserError(f"column(s) not found in the header: {'; '.join(lines)}. Columns in the file: {shown}",
                        file=raw.path, row=1)


def _check_ids(raw: RawSurvey, spec: SurveySpec):
    """The respondent ids, one per record (``""`` if no id column); refuse blank or duplicate ids."""
    import numpy as np
    import pandas as pd

    if not spec.id_column:
        return [""] * len(raw.lines)
    codes, texts = raw.distinct(spec.id_column)
    written = texts.tolist()
    stripped = np.empty(len(texts), dtype=object)
    stripped[:] = [t.strip() for t in written]
    ids = stripped[codes]
    blank = [raw.lines[i] for i in np.flatnonzero(ids == "").tolist()]
    if blank:
        rows = ", ".join(map(str, blank[:MAX_LISTED])) + (f" and {len(blank) - MAX_LISTED} more" if len(blank) > MAX_LISTED else "")
        raise UserError(f"blank respondent id in row(s) {rows}; every respondent needs an id (data.id_column)",
                        file=raw.path, column=spec.id_column)
    distinct = len(texts) == len(codes) and stripped.tolist() == written   # each record's own text, none stripped
    if distinct or not pd.Series(ids, dtype=object).duplicated().any():
        return ids
    where = defaultdict(list)
    for i, v in enumerate(ids):
        where[v].append(raw.lines[i])
    dups = {v: rows for v, rows in where.items() if len(rows) > 1}
    if dups:
        listed = "; ".join(f"id {v!r} in rows {', '.join(map(str, rows))}" for v, rows in list(dups.items())[:MAX_LISTED])
        raise UserError(f"duplicate respondent id(s): {listed}. Ids must be unique: remove the duplicate "
                        "responses or correct the ids", file=raw.path, column=spec.id_column)
    return ids


def clean_survey(raw: RawSurvey, spec: SurveySpec) -> CleanedSurvey:
    """Validate and clean a survey; see the module docstring for the order of operations.

    Parameters
    ----------
    raw : RawSurvey
    spec : SurveySpec

    Returns
    -------
    CleanedSurvey

    Raises
    ------
    UserError
        Naming the file, row and column of the first problems found.
    """
    import numpy as np

    _check_columns(raw, spec)
    ids = _check_ids(raw, spec)
    decimal = decimal_mark(raw, spec)
    values, events, invalid = read_indicators(raw, spec, decimal)
    profile, profile_events, profile_invalid = read_profile(raw, spec, decimal)
    values = profile_controls(raw, spec, values, profile)
    events += profile_events
    invalid += profile_invalid
    events += apply_invalid_policy(raw, spec, invalid)

    keep, straight, straight_events = flag_straight_lining(values, spec)
    events += straight_events
    keep, unanswered, unanswered_events = exclude_unanswered(spec, values, keep, events)
    events += unanswered_events
    above_limit, missing_warnings = missing_share_warnings(spec, values, keep)
    values, reverse_events = reverse_code(values, spec)
    events += reverse_events
    keep, warnings = select_respondents(raw, spec, values, keep, events)
    warnings = missing_warnings + warnings
    treated, means = replace_missing(raw.path, spec, values, keep)
    record_missing_actions(events, spec, keep, means, straight)
    for line in raw.blank_lines:
        events.append(Event(-1, "", "", "empty row (no value in any column)", "blank_row", "skipped", line))
    check_indicators(raw.path, spec, treated[keep])

    base = _respondent_columns(raw, spec, ids, profile, keep)
    survey, validated = _with_indicators(base, spec, treated, keep), _with_indicators(base, spec, values, keep)
    exclusions = _exclusions_log(raw, ids, events)
    missing_mask = np.isnan(values)
    reasons = Counter(e.reason_code for e in events)
    details = {
        "decimal": decimal,
        "rows_read": len(raw.lines),
        "respondents_kept": int(keep.sum()),
        "respondents_excluded": int((~keep).sum()),
        "missing_indicator_values": int(missing_mask.sum()),
        "missing_treatment": spec.missing_treatment,
        "invalid_values": len(invalid),
        "straight_lining_rows": [int(raw.lines[i]) for i in straight],
        "unanswered_rows": [int(raw.lines[i]) for i in unanswered],
        "max_missing_share": float(spec.max_missing_share),
        "indicators_above_max_missing_share": above_limit,
        "exclusion_rows": len(exclusions),
        "exclusion_reasons": dict(sorted(reasons.items())),
        "columns_not_used": [h for h in raw.header if h and h not in set(base.columns) | set(spec.indicators)],
        "indicator_means_used_for_replacement": {name: float(m) for name, m in zip(spec.indicators, means)}
        if spec.missing_treatment == "mean_replacement" and missing_mask.any() else {},
        "minimum_respondents": spec.min_respondents,
        "recommended_respondents": spec.recommended_respondents,
        "warnings": warnings,
        "reverse_coded": spec.reverse_coded,
        "scales": {name: dict(spec.scales[name]) for name in spec.indicators},
    }
    return CleanedSurvey(survey, validated, exclusions, details)


def _respondent_columns(raw: RawSurvey, spec: SurveySpec, ids, profile: dict, keep):
    """``source_row``, the id column (if any) and the profile variables of the respondents kept.

    A profile variable whose codes are all integers (or missing) is a nullable ``Int64`` column.
    """
    import numpy as np
    import pandas as pd

    columns = {SOURCE_ROW: np.asarray(raw.lines)}
    if spec.id_column:
        columns[spec.id_column] = ids
    for name, codes in profile.items():
        which, known = pd.factorize(codes)    # the category keys present (no two equal: keys of one mapping)
        types = set(map(type, known)) | set(map(type, codes[which < 0]))
        integer = types <= {int, type(None)} and all(-2**63 <= c < 2**63 for c in known)
        if integer:     # Python ints and None only: one Int64 array from the distinct codes
            numbers = np.asarray(known, dtype=np.int64)[which] if len(known) else np.zeros(len(codes), np.int64)
            columns[name] = pd.arrays.IntegerArray(np.where(which < 0, 0, numbers), which < 0)
        else:
            columns[name] = np.asarray(codes, dtype=object)
    return pd.DataFrame(columns).loc[keep].reset_index(drop=True)


def _with_indicators(base, spec: SurveySpec, matrix, keep):
    """``base`` with the indicator columns of ``matrix`` (respondents kept), as integers where all are whole."""
    import numpy as np

    import pandas as pd

    kept = np.compress(keep, matrix.T, axis=1)    # one row per indicator, in one copy
    integral = (kept == np.round(kept)).all(axis=1)     # False for a column with NaN
    columns = {name: base[name] for name in base.columns}   # an indicator that is a base column replaces it there
    for j, name in enumerate(spec.indicators):
        columns[name] = kept[j].astype(np.int64) if integral[j] else kept[j]
    return pd.DataFrame(columns, index=base.index)


def _exclusions_log(raw: RawSurvey, ids, events: list[Event]):
    """The exclusions log: one row per event (:data:`EXCLUSION_COLUMNS`), by file line, then column order.

    ``row`` is a nullable integer: blank for an event of a whole column (a reverse-coded item),
    which comes after the rows.
    """
    import pandas as pd

    column_order = {name: k for k, name in enumerate(raw.header)}
    records = []
    for e in events:
        line = e.line if e.pos < 0 else raw.lines[e.pos]
        records.append({"row": line, "id": ids[e.pos] if e.pos >= 0 else "", "column": e.column,
                        "raw_value": e.raw, "reason": e.reason, "reason_code": e.reason_code, "action": e.action,
                        "_order": column_order.get(e.column, -1)})
    exclusions = pd.DataFrame(records, columns=EXCLUSION_COLUMNS + ["_order"])
    exclusions["row"] = pd.array(exclusions["row"].tolist(), dtype="Int64")
    return exclusions.sort_values(["row", "_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
