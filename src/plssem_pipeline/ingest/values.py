"""Reading the survey's cells as values: indicators as numbers, profile variables as category codes.

Each cell of an indicator column is read as a number (decimal comma if
detected); blank cells and ``data.missing_codes`` are missing; text and values
off the indicator's scale (its construct's ``constructs.<C>.scale``, else
``data.scale``) are *invalid*. Each cell of a profile-variable column must be
a configured category code. Invalid values stop the run with a list of them
(``data.invalid_values: error``) or become missing values
(``data.invalid_values: missing``).

Every cell that is not read as given is recorded as an :class:`Event`, which
becomes one row of the exclusions log (:mod:`plssem_pipeline.ingest.cleaning`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import UserError
from .spec import SurveySpec
from .survey import RawSurvey, detect_decimal, parse_number

__all__ = ["Event", "REASON_CODES", "MAX_LISTED", "format_number", "decimal_mark", "read_indicators", "read_profile",
           "profile_controls", "apply_invalid_policy", "category_code_clashes"]

#: How many offending cells an error message lists before "... and N more".
MAX_LISTED = 12


def format_number(x: float) -> str:
    """``x`` as messages and the exclusions log show it (``%g``: ``3``, ``3.5``)."""
    return f"{x:g}"


#: Every ``reason_code`` of the exclusions log (:attr:`Event.reason_code`): why a cell is missing, then the
#: other kinds of event. The report words each in its language (``reason_<code>`` in report/strings).
REASON_CODES = ("blank_cell", "missing_code", "declared_missing", "not_a_number", "off_scale", "not_a_category",
                "trimmed", "straight_lining", "blank_row", "reverse_coded", "no_answer")


@dataclass
class Event:
    """One change to, or flag on, the survey: a row of the exclusions log before it is written.

    Attributes
    ----------
    pos : int
        Record position in ``RawSurvey.rows``; -1 for file-level and column-level events.
    column : str
        The column concerned; ``""`` for a whole respondent or row.
    raw : str
        The raw cell text (or the value that triggered a flag).
    reason : str
    kind : {"missing", "trimmed", "straight_lining", "blank_row", "reverse_coded", "no_answer"}
    action : str
        What was done; filled in once the treatment is known if left empty.
    line : int or None
        File line, for file-level events (``pos == -1``).
    code : str
        Why a cell is missing, for kind ``"missing"``: ``blank_cell``, ``missing_code``, ``declared_missing``,
        ``not_a_number``, ``off_scale`` or ``not_a_category`` (:attr:`reason_code`).
    """

    pos: int
    column: str
    raw: str
    reason: str
    kind: str
    action: str = ""
    line: int | None = None
    code: str = ""

    @property
    def reason_code(self) -> str:
        """The reason as a code (the exclusions log's ``reason_code``): :attr:`code`, else :attr:`kind`."""
        return self.code or self.kind


def decimal_mark(raw: RawSurvey, spec: SurveySpec) -> str:
    """The decimal mark of the numeric columns: ``data.decimal``, or detected if it is ``auto``; ``.`` but in a CSV."""
    if raw.file_format != "csv":
        return "."  # a workbook or data file stores numbers, not text: cell_text writes them with '.'
    numeric_cells = [c for name in spec.indicators + list(spec.respondents) for c in raw.distinct(name)[1]]
    return spec.decimal if spec.decimal != "auto" else detect_decimal(numeric_cells, raw.delimiter)


def _missing_code(text: str, codes, decimal: str):
    """The entry of ``codes`` that ``text`` matches (text case-insensitively, numbers by value), or None."""
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


def category_code_clashes(categories: Mapping) -> list[str]:
    """Pairs of category codes that a cell cannot tell apart, in words (empty if none).

    A cell is read as a category by its text (case and surrounding spaces
    ignored) or by its number (:func:`read_profile`), so codes ``1``, ``'01'`` and
    ``1.0`` are one category, and so are ``'M'`` and ``'m '``: listing both would
    count the same respondents twice.

    Parameters
    ----------
    categories : Mapping
        Code -> label (``respondents.<variable>.categories``, or the file's value labels).

    Returns
    -------
    list of str
        One phrase per clashing pair, e.g. ``"codes 1 and '01' are the same number (1)"``.
    """
    clashes, seen_text, seen_number = [], {}, {}
    for code in categories:
        text = str(code).strip().casefold()
        number = parse_number(str(code))
        if text in seen_text:
            clashes.append(f"codes {seen_text[text]!r} and {code!r} are the same text (case and spaces ignored)")
        elif number is not None and number in seen_number:
            clashes.append(f"codes {seen_number[number]!r} and {code!r} are the same number ({format_number(number)})")
        seen_text.setdefault(text, code)
        if number is not None:
            seen_number.setdefault(number, code)
    return clashes


def _category_lookup(categories: Mapping):
    """Category codes by their case-folded text and by their numeric value."""
    by_text, by_number = {}, {}
    for code in categories:
        by_text[str(code).strip().casefold()] = code
        number = parse_number(str(code))
        if number is not None:
            by_number[number] = code
    return by_text, by_number


def read_indicators(raw: RawSurvey, spec: SurveySpec, decimal: str):
    """Read every indicator cell as a number on the response scale.

    Parameters
    ----------
    raw : RawSurvey
        The survey's cells as text; its indicator columns are read.
    spec : SurveySpec
        The indicators, each one's scale (``constructs.<C>.scale`` or ``data.scale``) and
        ``data.missing_codes``.
    decimal : {".", ","}
        The file's decimal mark.

    Returns
    -------
    values : ndarray
        Respondents x indicators (Fortran order: one column after another); NaN where missing or invalid.
    events : list of Event
        Blank cells, missing-value codes and trimmed whitespace.
    invalid : list of Event
        Text and values off the scale.
    """
    import numpy as np

    events: list[Event] = []
    invalid: list[Event] = []
    values = np.full((len(raw.lines), len(spec.indicators)), np.nan, order="F")    # filled, and read, by column
    nan = float("nan")
    for j, name in enumerate(spec.indicators):
        if name in spec.controls and name in spec.respondents:
            continue  # a profile variable too: its category codes are the values (profile_controls)
        lo, hi, key = spec.scale(name)
        if lo is None:  # a control variable: any number
            lo, hi, range_text = float("-inf"), float("inf"), f"a number: {key} is a numeric control variable"
        else:
            range_text = f"a number from {format_number(lo)} to {format_number(hi)}, {key}"
        scale_text = f"{format_number(lo)}–{format_number(hi)}"

        def read(text, name=name, lo=lo, hi=hi, key=key, range_text=range_text, scale_text=scale_text):
            stripped = text.strip()
            if not stripped:
                return nan, (events, "blank cell", "missing", "", "blank_cell")
            code = _missing_code(text, spec.missing_codes, decimal)
            if code is not None:
                return nan, (events, f"missing-value code {code!r} (data.missing_codes)", "missing", "", "missing_code")
            declared = raw.declared_missing(name, text)
            if declared:
                return nan, (events, declared, "missing", "", "declared_missing")
            number = parse_number(stripped, decimal)
            if number is None:
                return nan, (invalid, f"not a number (expected {range_text}" + (", decimal mark ','" if decimal == ","
                                                                                else "") + ")", "missing", "",
                             "not_a_number")
            if not lo <= number <= hi:
                return nan, (invalid, f"off the scale {scale_text} ({key})", "missing", "", "off_scale")
            if stripped != text:
                return number, (events, "surrounding whitespace", "trimmed", f"read as {format_number(number)}", "")
            return number, None

        read_values, codes = _read_column(raw, name, read)
        values[:, j] = np.asarray(read_values, dtype=float)[codes]
    return values, events, invalid


def _read_column(raw: RawSurvey, name: str, read):
    """Read column ``name`` once per distinct text: the results, each record's index into them, and its events.

    Parameters
    ----------
    raw : RawSurvey
    name : str
    read : callable
        ``read(text) -> (result, event)``; ``event`` is None or ``(target, reason, kind, action, code)``:
        an :class:`Event` of each record holding ``text`` is appended to the list ``target``, in row order.

    Returns
    -------
    results : list
        One per distinct text (:meth:`RawSurvey.distinct`).
    codes : ndarray of int, shape (n_records,)
    """
    import numpy as np

    codes, texts = raw.distinct(name)
    decided = [read(text) for text in texts]
    flagged = [k for k, (_, event) in enumerate(decided) if event is not None]
    if flagged:
        for i in np.flatnonzero(np.isin(codes, flagged)).tolist():
            target, reason, kind, action, code = decided[codes[i]][1]
            target.append(Event(i, name, texts[codes[i]], reason, kind, action, code=code))
    return [result for result, _ in decided], codes


def profile_controls(raw: RawSurvey, spec: SurveySpec, values, profile: Mapping[str, list]):
    """The control variables that are also profile variables: each one's category codes, as numbers.

    Such a column is read once, as the profile variable (:func:`read_profile`: blank cells, missing-value
    codes and values that are no category are missing, and logged once); the control variable's value is
    the code of the respondent's category (``respondents.gender.categories: {1: Male, 2: Female}`` gives 1
    or 2, whether the cell says ``1`` or ``Male``).

    Parameters
    ----------
    raw : RawSurvey
    spec : SurveySpec
    values : ndarray
        Respondents x indicators from :func:`read_indicators` (such a column left NaN); filled in place.
    profile : dict
        :func:`read_profile`'s codes, variable -> one code (or None) per record.

    Returns
    -------
    ndarray
        ``values`` with those columns filled (NaN where the profile variable is missing).

    Raises
    ------
    UserError
        A category code that is no number (``{M: Male}``): a control variable needs numeric codes.
    """
    for j, name in enumerate(spec.indicators):
        if name not in spec.controls or name not in profile:
            continue
        numbers = {code: parse_number(str(code)) for code in spec.respondents[name]["categories"]}
        text = [str(code) for code, number in numbers.items() if number is None]
        if text:
            raise UserError(f"{spec.controls[name]} is also the profile variable respondents.{name}, whose category "
                            f"code(s) {', '.join(map(repr, text))} are not numbers; the control variable uses the "
                            "category codes as its values: give the categories numeric codes (e.g. 1: Male, "
                            "2: Female)", file=raw.path, column=name)
        values[:, j] = [float("nan") if code is None else numbers[code] for code in profile[name]]
    return values


def read_profile(raw: RawSurvey, spec: SurveySpec, decimal: str):
    """Read every profile-variable cell as one of the variable's configured category codes.

    Parameters
    ----------
    raw : RawSurvey
        The survey's cells as text; its respondent-profile columns are read.
    spec : SurveySpec
        The profile variables with their categories (``respondents``) and ``data.missing_codes``.
    decimal : {".", ","}
        The file's decimal mark (a code written ``1,0`` is category 1).

    Returns
    -------
    profile : dict
        Variable -> object ndarray of category codes, one per record (None where missing or invalid).
    events : list of Event
        Blank cells, missing-value codes and trimmed whitespace.
    invalid : list of Event
        Values that are not a category of their variable.
    """
    import numpy as np

    events: list[Event] = []
    invalid: list[Event] = []
    profile: dict = {}
    for name, variable in spec.respondents.items():
        by_text, by_number = _category_lookup(variable["categories"])
        expected = ", ".join(str(c) for c in variable["categories"])

        def read(text, name=name, by_text=by_text, by_number=by_number, expected=expected):
            stripped = text.strip()
            if not stripped:
                return None, (events, "blank cell", "missing", "", "blank_cell")
            if _missing_code(text, spec.missing_codes, decimal) is not None:
                return None, (events, "missing-value code (data.missing_codes)", "missing", "", "missing_code")
            declared = raw.declared_missing(name, text)
            if declared:
                return None, (events, declared, "missing", "", "declared_missing")
            code = by_text.get(stripped.casefold())
            if code is None:
                number = parse_number(stripped, decimal)
                code = by_number.get(number) if number is not None else None
            if code is None:
                return None, (invalid, f"not a category of {name} (expected one of {expected}; "
                                       f"respondents.{name}.categories)", "missing", "", "not_a_category")
            if stripped != text:
                return code, (events, "surrounding whitespace", "trimmed", f"read as {code}", "")
            return code, None

        read_codes, codes = _read_column(raw, name, read)
        column = np.empty(len(read_codes), dtype=object)
        column[:] = read_codes
        column = column[codes]
        profile[name] = column
    return profile, events, invalid


def apply_invalid_policy(raw: RawSurvey, spec: SurveySpec, invalid: list[Event]) -> list[Event]:
    """Stop on invalid values (``data.invalid_values: error``) or keep them as missing values.

    Parameters
    ----------
    raw : RawSurvey
    spec : SurveySpec
    invalid : list of Event
        The invalid cells found by :func:`read_indicators` and :func:`read_profile`.

    Returns
    -------
    list of Event
        The same events, their reason saying they are treated as missing.

    Raises
    ------
    UserError
        If there are invalid values and ``data.invalid_values`` is ``error``: lists them by row
        and column, and names values repeated as if they were a code for "no answer".
    """
    if invalid and spec.invalid_values == "error":
        _raise_invalid(raw, sorted(invalid, key=lambda e: (e.pos, raw.header.index(e.column))))
    for e in invalid:
        e.reason += "; treated as missing (data.invalid_values: missing)"
    return invalid


def _raise_invalid(raw: RawSurvey, invalid: list[Event]) -> None:
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
