"""Validating and cleaning the survey; every change logged.

:func:`clean_survey` takes the text cells of :func:`plssem_pipeline.ingest.survey.read_survey`
and the study's :class:`SurveySpec`, and returns the analysis data, the same
rows before the missing-value treatment, and the *exclusions log*: one row per
change (or flag), with the file line, respondent id, column, raw value,
reason and action. Nothing is dropped or changed without a row there, and the
raw file is only read.

Order of operations:

1. every configured column must exist (id, profile variables, indicators);
2. ids, if configured, must be non-blank and unique;
3. each indicator cell is read as a number (decimal comma if detected);
   blank cells and ``data.missing_codes`` are missing; text and values off
   ``data.scale`` are *invalid*; profile-variable cells must be a configured
   category code. Invalid values stop the run with a list of them
   (``data.invalid_values: error``) or become missing values
   (``data.invalid_values: missing``);
4. straight-lining — the same answer to every item — is flagged, or the
   respondent excluded (``data.straight_lining``);
5. missing indicator values are treated: mean replacement (the indicator's
   mean over its valid values among the respondents kept, as SmartPLS does),
   casewise deletion, or an error (``none``);
6. fewer respondents left than the model needs (see
   :func:`plssem_pipeline.analysis.numerics.minimum_respondents`): error; fewer than
   the ten-times rule of thumb: a warning in ``details["warnings"]``;
7. an indicator left constant cannot be standardised, and two indicators
   that are identical (or mirror images, r = ±1) make every block or
   regression they share singular: error, naming them.

The screening follows Hair et al. (2022, ch. 2, "Data collection and
examination"): missing data (mean replacement is SmartPLS's default and
acceptable when few values are missing per indicator; casewise deletion
otherwise), suspicious response patterns such as straight-lining, and
values outside the response scale.

References
----------
Hair, J. F., Hult, G. T. M., Ringle, C. M., & Sarstedt, M. (2022). *A Primer
on Partial Least Squares Structural Equation Modeling (PLS-SEM)* (3rd ed.).
Sage.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import UserError
from .survey import RawSurvey, detect_decimal, parse_number

__all__ = ["EXCLUSION_COLUMNS", "SurveySpec", "CleanedSurvey", "clean_survey"]

#: Columns of ``results/clean/exclusions.csv``.
EXCLUSION_COLUMNS = ["row", "id", "column", "raw_value", "reason", "action"]

#: How many offending cells an error message lists before "... and N more".
MAX_LISTED = 12


def _g(x: float) -> str:
    return f"{x:g}"


@dataclass
class SurveySpec:
    """What the study expects of its survey file (from the ``data``, ``respondents`` and ``constructs`` config).

    Attributes
    ----------
    indicators : list of str
        Indicator columns, in model order.
    respondents : dict
        Profile variable -> ``{"label": str, "categories": {code: label}}``.
    id_column : str or None
    scale_min, scale_max : float
    missing_codes : tuple
    missing_treatment : {"mean_replacement", "casewise_deletion", "none"}
    invalid_values : {"error", "missing"}
    straight_lining : {"flag", "exclude"}
    decimal : {"auto", ".", ","}
    owners : dict
        Indicator -> construct, for messages.
    min_respondents : int
        Fewest respondents the model can be estimated with (3 without paths).
    min_reason : str
        Why, for the message.
    recommended_respondents : int or None
        The ten-times rule of thumb; fewer gives a warning.
    """

    indicators: list[str]
    respondents: dict = field(default_factory=dict)
    id_column: str | None = None
    scale_min: float = 1
    scale_max: float = 5
    missing_codes: tuple = ()
    missing_treatment: str = "mean_replacement"
    invalid_values: str = "error"
    straight_lining: str = "flag"
    decimal: str = "auto"
    owners: dict = field(default_factory=dict)
    min_respondents: int = 3
    min_reason: str = "the PLS algorithm needs at least 3 respondents"
    recommended_respondents: int | None = None

    @classmethod
    def from_config(cls, data: Mapping, respondents: Mapping, constructs: Mapping,
                    paths: Sequence[str] = ()) -> "SurveySpec":
        """Build from the config sections (defaults filled in by the schema); ``paths`` sets the minimum sample."""
        from ..analysis.numerics import minimum_respondents, ten_times_rule

        owners = {str(i): str(c) for c, spec in constructs.items() for i in spec["indicators"]}
        blocks = {str(c): [str(i) for i in spec["indicators"]] for c, spec in constructs.items()}
        modes = {str(c): spec.get("mode", "A") for c, spec in constructs.items()}
        need, why = minimum_respondents(blocks, paths)
        scale = data.get("scale", {})
        return cls(
            indicators=list(owners),
            respondents={str(k): dict(v) for k, v in (respondents or {}).items()},
            id_column=data.get("id_column"),
            scale_min=scale.get("min", 1),
            scale_max=scale.get("max", 5),
            missing_codes=tuple(data.get("missing_codes", ())),
            missing_treatment=data.get("missing_treatment", "mean_replacement"),
            invalid_values=data.get("invalid_values", "error"),
            straight_lining=data.get("straight_lining", "flag"),
            decimal=data.get("decimal", "auto"),
            owners=owners,
            min_respondents=need,
            min_reason=why,
            recommended_respondents=ten_times_rule(blocks, paths, modes) if paths else None,
        )


@dataclass
class CleanedSurvey:
    """Result of :func:`clean_survey`.

    Attributes
    ----------
    survey : DataFrame
        The analysis data: ``source_row``, the id column (if any), the profile
        variables (category codes) and the indicators, complete (no missing values).
    validated : DataFrame
        The same rows and columns before the missing-value treatment (missing = NaN).
    exclusions : DataFrame
        Columns :data:`EXCLUSION_COLUMNS`, one row per change or flag.
    details : dict
        Counts for the step summary.
    """

    survey: object
    validated: object
    exclusions: object
    details: dict


@dataclass
class _Event:
    pos: int            # record position in RawSurvey.rows; -1 for file-level events
    column: str
    raw: str
    reason: str
    kind: str           # "missing" | "trimmed" | "straight_lining" | "blank_row"
    action: str = ""
    line: int | None = None  # file line, for file-level events (pos == -1)


def _missing_code(text: str, codes, decimal: str):
    stripped = text.strip()
    for code in codes:
        if isinstance(code, str):
            if stripped.casefold() == code.strip().casefold():
                return code
        else:
            number = parse_number(stripped, decimal)
            if number is None and decimal == ",":
                number = parse_number(stripped, ".")
            if number is not None and number == float(code):
                return code
    return None


def _category_lookup(categories: Mapping):
    by_text, by_number = {}, {}
    for code in categories:
        by_text[str(code).strip().casefold()] = code
        number = parse_number(str(code))
        if number is not None:
            by_number[number] = code
    return by_text, by_number


def _check_columns(raw: RawSurvey, spec: SurveySpec) -> None:
    import difflib

    wanted = []
    if spec.id_column:
        wanted.append((spec.id_column, "data.id_column"))
    wanted += [(v, f"respondents.{v}") for v in spec.respondents]
    wanted += [(i, f"constructs.{spec.owners.get(i, '?')}.indicators") for i in spec.indicators]
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


def _check_ids(raw: RawSurvey, spec: SurveySpec) -> list[str]:
    if not spec.id_column:
        return [""] * len(raw.rows)
    ids = [c.strip() for c in raw.column(spec.id_column)]
    blank = [raw.lines[i] for i, v in enumerate(ids) if not v]
    if blank:
        rows = ", ".join(map(str, blank[:MAX_LISTED])) + (f" and {len(blank) - MAX_LISTED} more" if len(blank) > MAX_LISTED else "")
        raise UserError(f"blank respondent id in row(s) {rows}; every respondent needs an id (data.id_column)",
                        file=raw.path, column=spec.id_column)
    where = defaultdict(list)
    for i, v in enumerate(ids):
        where[v].append(raw.lines[i])
    dups = {v: rows for v, rows in where.items() if len(rows) > 1}
    if dups:
        listed = "; ".join(f"id {v!r} in rows {', '.join(map(str, rows))}" for v, rows in list(dups.items())[:MAX_LISTED])
        raise UserError(f"duplicate respondent id(s): {listed}. Ids must be unique: remove the duplicate "
                        "responses or correct the ids", file=raw.path, column=spec.id_column)
    return ids


def _raise_invalid(raw: RawSurvey, invalid: list[_Event]) -> None:
    listed = "\n".join(f"    row {raw.lines[e.pos]}, column {e.column}: {e.raw!r} is {e.reason}" for e in invalid[:MAX_LISTED])
    more = f"\n    ... and {len(invalid) - MAX_LISTED} more" if len(invalid) > MAX_LISTED else ""
    repeated = Counter(e.raw.strip() for e in invalid)
    codes = [value for value, count in repeated.most_common() if count > 1][:3]
    hint = "".join(f"\n  {value!r} occurs {repeated[value]} times: if it is a code for 'no answer', add it to "
                   "data.missing_codes" for value in codes)
    raise UserError(
        f"{len(invalid)} invalid value(s):\n{listed}{more}{hint}\n  Correct them in the file, declare missing-value codes "
        "in data.missing_codes, or set data.invalid_values: missing to treat them as missing (each is then "
        "listed in results/clean/exclusions.csv)", file=raw.path)


def _check_collinear_pairs(raw: RawSurvey, spec: SurveySpec, kept) -> None:
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
                        "the config", file=raw.path)


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
    import pandas as pd

    _check_columns(raw, spec)
    ids = _check_ids(raw, spec)
    n = len(raw.rows)
    lo, hi = spec.scale_min, spec.scale_max
    numeric_cells = [c for name in spec.indicators + list(spec.respondents) for c in raw.column(name)]
    decimal = spec.decimal if spec.decimal != "auto" else detect_decimal(numeric_cells, raw.delimiter)
    scale_text = f"{_g(lo)}–{_g(hi)}"
    range_text = f"{_g(lo)} to {_g(hi)}"

    events: list[_Event] = []
    invalid: list[_Event] = []
    values = np.full((n, len(spec.indicators)), np.nan)
    for j, name in enumerate(spec.indicators):
        for i, text in enumerate(raw.column(name)):
            stripped = text.strip()
            if not stripped:
                events.append(_Event(i, name, text, "blank cell", "missing"))
                continue
            code = _missing_code(text, spec.missing_codes, decimal)
            if code is not None:
                events.append(_Event(i, name, text, f"missing-value code {code!r} (data.missing_codes)", "missing"))
                continue
            number = parse_number(stripped, decimal)
            if number is None:
                invalid.append(_Event(i, name, text, f"not a number (expected a number from {range_text}, data.scale"
                                      + (", decimal mark ','" if decimal == "," else "") + ")", "missing"))
                continue
            if not lo <= number <= hi:
                invalid.append(_Event(i, name, text, f"off the scale {scale_text} (data.scale)", "missing"))
                continue
            values[i, j] = number
            if stripped != text:
                events.append(_Event(i, name, text, "surrounding whitespace", "trimmed", f"read as {_g(number)}"))

    profile: dict[str, list] = {}
    for name, variable in spec.respondents.items():
        by_text, by_number = _category_lookup(variable["categories"])
        expected = ", ".join(str(c) for c in variable["categories"])
        column = []
        for i, text in enumerate(raw.column(name)):
            stripped = text.strip()
            code = None
            if not stripped:
                events.append(_Event(i, name, text, "blank cell", "missing"))
            elif _missing_code(text, spec.missing_codes, decimal) is not None:
                events.append(_Event(i, name, text, "missing-value code (data.missing_codes)", "missing"))
            else:
                code = by_text.get(stripped.casefold())
                if code is None:
                    number = parse_number(stripped, decimal)
                    code = by_number.get(number) if number is not None else None
                if code is None:
                    invalid.append(_Event(i, name, text, f"not a category of {name} (expected one of {expected}; "
                                          f"respondents.{name}.categories)", "missing"))
                elif stripped != text:
                    events.append(_Event(i, name, text, "surrounding whitespace", "trimmed", f"read as {code}"))
            column.append(code)
        profile[name] = column

    if invalid:
        if spec.invalid_values == "error":
            _raise_invalid(raw, sorted(invalid, key=lambda e: (e.pos, raw.header.index(e.column))))
        for e in invalid:
            e.reason += "; treated as missing (data.invalid_values: missing)"
        events.extend(invalid)

    # -- straight-lining (on the values as given, before any treatment)
    keep = np.ones(n, dtype=bool)
    straight = []
    for i in range(n):
        row = values[i][~np.isnan(values[i])]
        if row.size >= 2 and np.all(row == row[0]):
            straight.append(i)
            excluded = spec.straight_lining == "exclude"
            action = ("respondent excluded (data.straight_lining: exclude)" if excluded
                      else "flagged, respondent kept (data.straight_lining: flag)")
            events.append(_Event(i, "", _g(row[0]), f"straight-lining: the same answer ({_g(row[0])}) to all "
                                 f"{row.size} answered items", "straight_lining", action))
            if excluded:
                keep[i] = False

    # -- missing indicator values
    missing_mask = np.isnan(values)
    indicator_events = [e for e in events if e.kind == "missing" and e.column in spec.owners]
    if spec.missing_treatment == "none" and (missing_mask & keep[:, None]).any():
        cells = [e for e in indicator_events if keep[e.pos]]
        listed = "; ".join(f"row {raw.lines[e.pos]}, column {e.column} ({e.reason})" for e in cells[:MAX_LISTED])
        raise UserError(f"{len(cells)} missing indicator value(s) and data.missing_treatment is none: {listed}"
                        + (" ..." if len(cells) > MAX_LISTED else "")
                        + ". Set data.missing_treatment to mean_replacement or casewise_deletion", file=raw.path)
    if spec.missing_treatment == "casewise_deletion":
        keep &= ~missing_mask.any(axis=1)
    if not keep.any():
        raise UserError("no respondent is left after the exclusions (see the reasons above: straight-lining, "
                        "casewise deletion)", file=raw.path)
    kept_count = int(keep.sum())
    if kept_count < spec.min_respondents:
        dropped = n - kept_count
        raise UserError(
            f"{kept_count} respondent(s) " + (f"left of {n} after the exclusions" if dropped else "in the file")
            + f", but the model needs at least {spec.min_respondents}: {spec.min_reason}. Collect more responses"
            + (" (or revisit data.missing_treatment / data.straight_lining)" if dropped else "")
            + " or simplify the model", file=raw.path)
    warnings = []
    if spec.recommended_respondents and kept_count < spec.recommended_respondents:
        warnings.append(f"{kept_count} respondents: fewer than the ten-times rule of thumb "
                        f"({spec.recommended_respondents} = 10 x the most arrows pointing at one construct; Hair "
                        "et al. 2022, ch. 1); estimates may be unstable and many bootstrap subsamples may fail")
    means = np.full(len(spec.indicators), np.nan)
    for j, name in enumerate(spec.indicators):
        column = values[keep, j]
        valid = column[~np.isnan(column)]
        if valid.size == 0:
            raise UserError(f"indicator {name} has no valid value among the respondents kept; it cannot be "
                            f"estimated: remove it from constructs.{spec.owners[name]}.indicators or fix the data",
                            file=raw.path, column=name)
        means[j] = valid.mean()
    treated = values.copy()
    if spec.missing_treatment == "mean_replacement":
        rows, cols = np.nonzero(missing_mask)
        treated[rows, cols] = means[cols]

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
    for line in raw.blank_lines:
        events.append(_Event(-1, "", "", "empty row (no value in any column)", "blank_row", "skipped", line))

    # -- constant indicators (cannot be standardised)
    kept = treated[keep]
    constant = [name for j, name in enumerate(spec.indicators) if np.all(kept[:, j] == kept[0, j])]
    if constant:
        listed = ", ".join(f"{c} (always {_g(kept[0, spec.indicators.index(c)])}, construct {spec.owners[c]})" for c in constant)
        raise UserError(f"indicator(s) with the same value for every respondent kept: {listed}. A constant "
                        "indicator has no variance and cannot be standardised; remove it from its construct's "
                        "indicators in the config", file=raw.path)
    _check_collinear_pairs(raw, spec, kept)

    # -- frames
    lines = np.asarray(raw.lines)
    columns = {"source_row": lines}
    if spec.id_column:
        columns[spec.id_column] = np.asarray(ids, dtype=object)
    for name, codes in profile.items():
        integer = all(c is None or (isinstance(c, int) and not isinstance(c, bool) and -2**63 <= c < 2**63)
                      for c in codes)
        columns[name] = pd.array(codes, dtype="Int64") if integer else np.asarray(codes, dtype=object)
    base = pd.DataFrame(columns).loc[keep].reset_index(drop=True)

    def with_items(matrix):
        frame = base.copy()
        for j, name in enumerate(spec.indicators):
            col = matrix[keep, j]
            integral = not np.isnan(col).any() and np.all(col == np.round(col))
            frame[name] = col.astype(np.int64) if integral else col
        return frame

    survey, validated = with_items(treated), with_items(values)

    column_order = {name: k for k, name in enumerate(raw.header)}
    records = []
    for e in events:
        line = e.line if e.pos < 0 else raw.lines[e.pos]
        records.append({"row": line, "id": ids[e.pos] if e.pos >= 0 else "", "column": e.column,
                        "raw_value": e.raw, "reason": e.reason, "action": e.action,
                        "_order": column_order.get(e.column, -1)})
    exclusions = pd.DataFrame(records, columns=EXCLUSION_COLUMNS + ["_order"])
    exclusions = exclusions.sort_values(["row", "_order"], kind="stable").drop(columns="_order").reset_index(drop=True)

    reasons = Counter(e.reason.split(" (")[0].split(";")[0] for e in events)
    details = {
        "decimal": decimal,
        "rows_read": n,
        "respondents_kept": int(keep.sum()),
        "respondents_excluded": int((~keep).sum()),
        "missing_indicator_values": int(missing_mask.sum()),
        "missing_treatment": spec.missing_treatment,
        "invalid_values": len(invalid),
        "straight_lining_rows": [int(raw.lines[i]) for i in straight],
        "exclusion_rows": len(records),
        "exclusion_reasons": dict(sorted(reasons.items())),
        "columns_not_used": [h for h in raw.header if h and h not in set(columns) | set(spec.indicators)],
        "indicator_means_used_for_replacement": {name: float(m) for name, m in zip(spec.indicators, means)}
        if spec.missing_treatment == "mean_replacement" and missing_mask.any() else {},
        "minimum_respondents": spec.min_respondents,
        "recommended_respondents": spec.recommended_respondents,
        "warnings": warnings,
    }
    return CleanedSurvey(survey, validated, exclusions, details)
