"""The groups of a multi-group analysis: their data, and their statistics in the long layout.

* :func:`group_survey` — one group's respondents of ``results/clean/validated.csv`` with the missing-value
  treatment applied *within* the group (the clean step's own :func:`~plssem_pipeline.ingest.screening.replace_missing`
  and :func:`~plssem_pipeline.ingest.screening.check_indicators` on the group's rows), as SmartPLS's
  multi-group analysis treats each group as a data set of its own;
* :func:`statistic_labels` / :func:`long_table` — the families compared between groups, one row per statistic,
  labelled as SmartPLS labels them (``"A -> B"``, ``"A -> M -> B"``, ``"x1 <- A"``, ``"x1 -> A"``, ``"A"``).
"""
from __future__ import annotations

from collections.abc import Mapping

from plssem.permutation import FAMILIES  # the families estimated per group and compared, in the long tables' order

from ..errors import UserError

__all__ = ["FAMILIES", "group_survey", "statistic_labels", "long_table", "load_estimates"]


def _group_error(error: UserError, where: str) -> UserError:
    """``error`` re-worded as one of the group ``where``, under config key ``groups.variable``."""
    return UserError(f"{where}: {error.message}", file=error.file, column=error.column, key="groups.variable")


def group_survey(validated, spec, *, variable: str, code: str, label: str, source: str, pairs=()):
    """One group's analysis data: its respondents, missing values treated over the group alone.

    Parameters
    ----------
    validated : DataFrame
        ``results/clean/validated.csv`` (the respondents kept, missing indicator values empty), with the
        group variable's column read as text.
    spec : plssem_pipeline.ingest.spec.SurveySpec
        The model's indicators, ``data.missing_treatment`` and the minimum sample the model needs.
    variable, code, label : str
        Config ``groups.variable``, the group's category code as text and its label (named in messages).
    source : str
        The file ``validated`` was read from, named in messages.
    pairs : sequence of (str, str)
        Pairs of groups to suggest for ``groups.compare`` when this group is too small to compare (those with
        ``code`` left out); the group data step gives every pair of the other compared groups.

    Returns
    -------
    survey : DataFrame
        ``source_row``, the id column (if any), then ``spec.indicators`` with missing values replaced by the
        group's indicator means (``mean_replacement``; the other treatments left none in ``validated``).
    details : dict
        ``n``, ``replaced`` (values replaced), ``replaced_by_indicator`` (indicator -> count, those with any),
        ``recommended`` (the ten-times rule of thumb, None without paths) and ``warnings``: the clean step's
        ten-times warning (:func:`~plssem_pipeline.ingest.screening.ten_times_warnings`) for a group below it,
        naming the group.

    Raises
    ------
    UserError
        Naming the group and config key ``groups.variable``: fewer respondents than the model needs (the
        clean step's minimum), an indicator without any valid value in the group, a constant indicator or
        two perfectly correlated ones within the group.
    """
    import numpy as np

    from ..ingest.screening import check_indicators, replace_missing, ten_times_warnings
    from ..ingest.spec import SOURCE_ROW

    where = f"group {code} ({label}) of {variable}"
    rows = validated[validated[variable] == code].reset_index(drop=True)
    if len(rows) < spec.min_respondents:
        why = ("no respondent has this category" if rows.empty else
               f"{len(rows)} respondent(s), but the model needs at least {spec.min_respondents} in each group: "
               f"{spec.min_reason}")
        left = [f"[{first}, {second}]" for first, second in pairs if code not in (str(first), str(second))]
        example = f", e.g. groups.compare: [{', '.join(left)}]" if left else ""
        raise UserError(f"{where}: {why}. List the pairs to compare without it in groups.compare{example} (with "
                        f"groups.compare: null every category of respondents.{variable}.categories is paired, group "
                        f"{code} included) or collect more responses", file=source, key="groups.variable")
    values = rows[spec.indicators].to_numpy(dtype=float)
    try:
        treated, _ = replace_missing(source, spec, values, np.ones(len(rows), dtype=bool))
        check_indicators(source, spec, treated)
    except UserError as error:
        raise _group_error(error, where) from None
    replaced = spec.missing_treatment == "mean_replacement"
    missing = np.isnan(values).sum(axis=0) if replaced else np.zeros(len(spec.indicators), dtype=int)
    keys = [c for c in (SOURCE_ROW, spec.id_column) if c]
    survey = rows[keys].copy()
    for j, name in enumerate(spec.indicators):
        survey[name] = treated[:, j]
    return survey, {"n": len(rows), "replaced": int(missing.sum()),
                    "replaced_by_indicator": {name: int(k) for name, k in zip(spec.indicators, missing) if k},
                    "recommended": spec.recommended_respondents,
                    "warnings": [f"{where}: {warning}" for warning in ten_times_warnings(len(rows), spec)]}


def _label(family: str, key: Mapping) -> str:
    if family == "specific_indirect":
        return key["path"]
    if family in ("paths", "total_indirect", "total_effects"):
        return f"{key['source']} -> {key['target']}"
    if family == "loadings":
        return f"{key['indicator']} <- {key['construct']}"
    if family == "weights":
        return f"{key['indicator']} -> {key['construct']}"
    return key["construct"]


def statistic_labels(model) -> dict[str, list[str]]:
    """Each family of :data:`FAMILIES` -> its statistics' labels, in :func:`plssem.statistics.labels` order.

    Paths, total effects and total indirect effects ``"A -> B"``; specific indirect effects ``"A -> M -> B"``;
    loadings ``"x1 <- A"``; outer weights ``"x1 -> A"``; R² the construct (SmartPLS 4's labels).
    """
    from plssem import statistics

    keys = statistics.labels(model)
    return {family: [_label(family, key) for key in keys[family]] for family in FAMILIES}


def long_table(tables: Mapping, model, columns) -> "object":
    """The families' tables stacked: ``family, statistic`` then ``columns``.

    Parameters
    ----------
    tables : mapping
        Family -> DataFrame with ``columns``, one row per statistic in :func:`plssem.statistics.labels` order
        (:func:`plssem_pipeline.analysis.tables.bootstrap_tables` gives them).
    model : plssem.Model
    columns : sequence of str

    Returns
    -------
    DataFrame
        One row per statistic of every family of :data:`FAMILIES`, in that order.
    """
    import pandas as pd

    labels = statistic_labels(model)
    parts = [pd.DataFrame({"family": family, "statistic": labels[family],
                           **{c: tables[family][c].to_numpy() for c in columns}}) for family in FAMILIES]
    return pd.concat(parts, ignore_index=True)


def load_estimates(path: str) -> dict:
    """A group's ``estimates.npz`` (rule ``group_estimate``).

    Returns
    -------
    dict
        ``original`` {family: ``(m,)``} and ``jackknife`` {family: ``(n, m)``} (empty without BCa) for the families
        of :data:`FAMILIES`; ``weights`` ``(p, k)`` outer weights; ``n``; ``group``.

    Raises
    ------
    UserError
        ``path`` is not such a file (naming it and rule ``group_estimate``).
    """
    from .. import io

    arrays, meta = io.load_arrays(path, what="a group's estimates", rule="group_estimate")
    parts: dict = {"original": {}, "jackknife": {}}
    for name, values in arrays.items():
        kind, _, family = name.partition("/")
        if family:
            parts[kind][family] = values
    return {**parts, "weights": arrays["weights"], "n": int(meta["n"]), "group": str(meta["group"])}
