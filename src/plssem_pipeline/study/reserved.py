"""Names the pipeline gives its own columns, which the study's names must not take.

The clean step adds :data:`~plssem_pipeline.ingest.spec.SOURCE_ROW` (each
respondent's line in the survey file) to ``results/clean/survey.csv`` beside the
survey columns the study uses; the wide measurement tables put a key column
(:data:`~plssem_pipeline.analysis.tables.WIDE_TABLE_KEYS`) beside one column per
construct. A study name equal to one of these would silently replace the
pipeline's column or stop a step with a traceback, so it is refused at the config
check, naming the key.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..analysis.tables import WIDE_TABLE_KEYS
from ..ingest.spec import SOURCE_ROW

__all__ = ["reserved_name_problems"]


def _survey_columns(config: Mapping):
    """``(config key, column name)`` of every survey column the study reads."""
    id_column = config["data"].get("id_column")
    if id_column is not None:
        yield "data.id_column", str(id_column)
    for variable in config.get("respondents") or {}:
        yield f"respondents.{variable}", str(variable)
    for construct, spec in config["constructs"].items():
        for i, indicator in enumerate(spec.get("indicators") or []):
            yield f"constructs.{construct}.indicators[{i}]", str(indicator)
        if spec.get("redundancy"):
            yield f"constructs.{construct}.redundancy", str(spec["redundancy"])
    for column in config.get("controls") or {}:
        yield f"controls.{column}", str(column)


def reserved_name_problems(config: Mapping) -> list[str]:
    """One line per study name that is also a column name the pipeline gives (empty if none).

    Parameters
    ----------
    config : Mapping
        A schema-valid study configuration (``data``, ``respondents``, ``constructs``).

    Returns
    -------
    list of str
        Each naming the config key, the name and the pipeline's column it would collide with.
    """
    problems = [f"config key {key}: {name!r} is the name of the column the pipeline adds to "
                f"results/clean/survey.csv (each respondent's line in the survey file), which this column "
                f"would replace; rename the column (in a copy of the survey) and here"
                for key, name in _survey_columns(config) if name == SOURCE_ROW]
    problems += [f"config key constructs.{construct}: a construct cannot be named {str(construct)!r}, the key column "
                 f"of the measurement tables (results/outer/htmt.csv, fornell_larcker.csv, cross_loadings.csv "
                 f"start with {', '.join(WIDE_TABLE_KEYS)}); choose another name"
                 for construct in config["constructs"] if str(construct) in WIDE_TABLE_KEYS]
    problems += [f"config key controls.{column}: a control variable is a construct named after its column, and "
                 f"{str(column)!r} is the key column of the measurement tables ({', '.join(WIDE_TABLE_KEYS)}); "
                 "rename the column (in a copy of the survey) and here"
                 for column in config.get("controls") or {} if str(column) in WIDE_TABLE_KEYS]
    return problems
