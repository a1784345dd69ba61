"""The respondent-profile variables as used: categories from the config, or from the file's value labels.

A profile variable (``respondents.<variable>``) needs its categories (code ->
label) for Table 1. The config may leave them out when the survey is an SPSS or
Stata file that carries *value labels* for the column: the labels are then the
categories, in ascending order of their codes (as SPSS lists them), leaving out
the codes the file declares missing (they are no answer, not a category).
Likewise the file's *variable label* is the variable's display label when
``respondents.<variable>.label`` is left out. The config always wins where it
says something.

The clean step writes the result as ``results/clean/categories.csv``
(:data:`CATEGORY_COLUMNS`), which the describe step reads: one row per category,
with where it came from.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..errors import UserError
from ..study.labels import RESULTS_LANGUAGE, label_for
from .survey import RawSurvey, parse_number
from .values import category_code_clashes

__all__ = ["CATEGORY_COLUMNS", "profile_variables", "category_table", "variables_from_table"]

#: Columns of ``results/clean/categories.csv``.
CATEGORY_COLUMNS = ["variable", "label", "code", "category", "source"]
#: ``source`` of a category given in the config, and of one read from the file's value labels.
FROM_CONFIG, FROM_FILE = "config", "value labels in the survey file"


def _ordered(labels: Mapping) -> dict:
    """``labels`` in ascending order of their codes when every code is a number, else as stored."""
    numbers = {code: parse_number(str(code)) for code in labels}
    if all(n is not None for n in numbers.values()):
        return dict(sorted(labels.items(), key=lambda item: numbers[item[0]]))
    return dict(labels)


def profile_variables(respondents: Mapping, raw: RawSurvey) -> tuple[dict, dict]:
    """The ``respondents`` config completed from the survey file's value and variable labels.

    Parameters
    ----------
    respondents : Mapping
        The ``respondents`` config: variable -> ``{"label": str, "categories": {code: label}}``,
        either key possibly left out.
    raw : RawSurvey
        The survey as read; its ``value_labels``, ``variable_labels`` and ``missing``.

    Returns
    -------
    variables : dict
        Variable -> ``{"label": str, "categories": {code: label}}`` (``label`` only if known).
    sources : dict
        Variable -> :data:`FROM_CONFIG` or :data:`FROM_FILE`.

    Raises
    ------
    UserError
        Naming ``respondents.<variable>.categories`` when the config gives no categories
        and the file has no value labels for the column (a CSV never has), or labels whose
        codes a cell cannot tell apart (:func:`.values.category_code_clashes`).
    """
    variables, sources = {}, {}
    for name, given in (respondents or {}).items():
        name, spec = str(name), dict(given or {})
        if not spec.get("categories") and name in raw.header:
            labels = {code: label for code, label in raw.value_labels.get(name, {}).items()
                      if not raw.declared_missing(name, code)}
            if not labels:
                where = ("a CSV file has none" if raw.file_format == "csv"
                         else f"the file has none for column {name}")
                raise UserError(f"no categories for the profile variable {name!r}: list them (code: label) under "
                                f"respondents.{name}.categories; they can only be left out when the survey is an "
                                f"SPSS or Stata file with value labels for the column, and {where}",
                                file=raw.path, key=f"respondents.{name}.categories")
            spec["categories"] = _ordered(labels)
            sources[name] = FROM_FILE
            clashes = category_code_clashes(spec["categories"])
            if clashes:
                raise UserError(f"the value labels of column {name} cannot be told apart: {'; '.join(clashes)}, and "
                                "a cell is matched to its category by number or by text ignoring case and spaces; "
                                f"recode one of them in the survey, or list the categories (code: label) under "
                                f"respondents.{name}.categories",
                                file=raw.path, key=f"respondents.{name}.categories")
        else:
            sources[name] = FROM_CONFIG
        if not spec.get("label") and raw.variable_labels.get(name):
            spec["label"] = raw.variable_labels[name]
        variables[name] = spec
    return variables, sources


def category_table(variables: Mapping, sources: Mapping):
    """``results/clean/categories.csv``: one row per category of each profile variable, in order.

    Parameters
    ----------
    variables, sources : Mapping
        As returned by :func:`profile_variables`.

    Returns
    -------
    DataFrame
        Columns :data:`CATEGORY_COLUMNS`; ``label`` is the column name where no label is known. A label
        given per language is written in English (:data:`plssem_pipeline.study.labels.RESULTS_LANGUAGE`).
    """
    import pandas as pd

    rows = [{"variable": name, "label": label_for(spec.get("label"), RESULTS_LANGUAGE, name), "code": str(code),
             "category": label_for(category, RESULTS_LANGUAGE, str(code)), "source": sources[name]}
            for name, spec in variables.items() for code, category in spec["categories"].items()]
    return pd.DataFrame(rows, columns=CATEGORY_COLUMNS)


def variables_from_table(frame) -> dict:
    """The profile variables back from :func:`category_table`'s table (codes as text), in order.

    Parameters
    ----------
    frame : DataFrame
        ``results/clean/categories.csv`` read with every column as text.

    Returns
    -------
    dict
        Variable -> ``{"label": str, "categories": {code: label}}``.
    """
    variables: dict = {}
    for row in frame.itertuples(index=False):
        spec = variables.setdefault(row.variable, {"label": row.label, "categories": {}})
        spec["categories"][row.code] = row.category
    return variables
