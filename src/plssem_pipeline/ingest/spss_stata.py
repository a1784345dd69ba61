"""Reading an SPSS (``.sav``, ``.zsav``) or Stata (``.dta``) data file as text cells, with pyreadstat.

Each value becomes the text a CSV export of the file would hold
(:func:`plssem_pipeline.ingest.formats.cell_text`): ``4.0`` is ``"4"``, a
system-missing value (SPSS's ``sysmis``, Stata's ``.``) a blank cell. Case *i*
(from 1) is row *i* + 1, the header being row 1, as in the CSV.

What the file declares about its variables is kept for the cleaning:

* **value labels** (SPSS *Value Labels*, Stata label sets): code -> label per
  variable; they become the categories of a respondent-profile variable whose
  ``respondents.<variable>.categories`` the config leaves out;
* **variable labels**: the display label of such a variable when
  ``respondents.<variable>.label`` is left out;
* **missing values**: SPSS *user-missing* values (up to three discrete values,
  or a range and one discrete value, per variable) are read as they are
  (``user_missing=True``) and declared missing for their column; Stata's
  extended missing values ``.a`` to ``.z`` are cells ``".a"`` ... declared
  missing likewise. Each such cell is logged in the exclusions log.
"""
from __future__ import annotations

from ..errors import UserError
from .formats import FORMAT_NAMES, cell_text, number_text

__all__ = ["read_data_file"]

_NUMERIC = ("double", "float", "int8", "int16", "int32")


def _code_text(value) -> str:
    """A value label's code or a missing value as cell text (``1.0`` -> ``"1"``)."""
    return number_text(float(value)) if isinstance(value, (int, float)) else str(value)


def _spss_missing(meta) -> dict:
    """Column -> list of ``(lo, hi)`` user-missing values (numbers, or text for string variables)."""
    declared = {}
    for column, ranges in (getattr(meta, "missing_ranges", None) or {}).items():
        declared[column] = [(r["lo"], r["hi"]) for r in ranges]
    return declared


def read_data_file(path: str, kind: str):
    """The cases of an SPSS or Stata file as text cells, with the file's labels and missing values.

    Parameters
    ----------
    path : str
    kind : {"sav", "zsav", "dta"}

    Returns
    -------
    records : list of (int, list of str)
        The header (row 1) and one record per case (row *i* + 1).
    metadata : dict
        ``value_labels`` (column -> {code text: label}), ``variable_labels``
        (column -> label), ``missing`` (column -> list of ``(lo, hi)``: a value
        equal to, or between, them is missing; text for string variables) and
        ``missing_source`` (``"SPSS user-missing value"`` / ``"Stata extended missing value"``).

    Raises
    ------
    UserError
        A file pyreadstat cannot read (damaged, or not of this format).
    """
    import pandas as pd
    import pyreadstat

    reader = pyreadstat.read_dta if kind == "dta" else pyreadstat.read_sav
    try:
        frame, meta = reader(path, user_missing=True, apply_value_formats=False)
    except Exception as error:  # pyreadstat raises ReadstatError, PyreadstatError, UnicodeDecodeError...
        raise UserError(f"cannot read the {FORMAT_NAMES[kind]} ({type(error).__name__}: {error}); it may be damaged "
                        "or saved by an unsupported version: save it again, or export it as CSV (UTF-8)",
                        file=path) from None
    header = [str(c) for c in frame.columns]
    types = meta.readstat_variable_types or {}
    missing = _spss_missing(meta) if kind != "dta" else {}
    columns = []
    for name in header:
        cells, numeric = [], types.get(name) in _NUMERIC
        for value in frame[name].tolist():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                cells.append("")
            elif kind == "dta" and numeric and isinstance(value, str):  # extended missing .a-.z
                cells.append("." + value)
                missing.setdefault(name, [])
                if ("." + value, "." + value) not in missing[name]:
                    missing[name].append(("." + value, "." + value))
            else:
                cells.append(cell_text(value))
        columns.append(cells)
    records = [(1, header)] + [(i + 2, list(row)) for i, row in enumerate(zip(*columns))]
    value_labels = {}
    for column, labels in (meta.variable_value_labels or {}).items():
        value_labels[str(column)] = {}
        for code, label in labels.items():
            text = _code_text(code)
            if kind == "dta" and isinstance(code, str) and types.get(column) in _NUMERIC:  # a label of .a-.z
                text = "." + code
                if (text, text) not in missing.setdefault(str(column), []):
                    missing[str(column)].append((text, text))
            value_labels[str(column)][text] = str(label)
    variable_labels = {str(column): str(label) for column, label in (meta.column_names_to_labels or {}).items()
                       if label}
    source = "Stata extended missing value" if kind == "dta" else "SPSS user-missing value"
    return records, {"value_labels": value_labels, "variable_labels": variable_labels, "missing": missing,
                     "missing_source": source}
