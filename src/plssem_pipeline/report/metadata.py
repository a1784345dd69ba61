"""The report's document information: author, keywords and date (the PDF's ``/Info``, the HTML's ``<meta>``),
and the study's own symbols that the templates print as written (:mod:`.symbols`).

The title and the subject are the report's title and subtitle (:mod:`.context`); the date is
:func:`.dates.report_date`, read when the report is rendered.
"""
from __future__ import annotations

from .dates import report_date
from .inputs import ReportInputs
from .symbols import verbatim_symbols

__all__ = ["document_info", "PIPELINE_NAME"]

#: The author of a report whose config names none (``report.author``).
PIPELINE_NAME = "plssem_pipeline"


def _authors(value) -> list[str]:
    if value is None:
        return [PIPELINE_NAME]
    names = [value] if isinstance(value, str) else list(value)
    return [str(name) for name in names if str(name).strip()] or [PIPELINE_NAME]


def document_info(inputs: ReportInputs) -> dict:
    """Author, keywords, date and verbatim symbols of a report.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs: ``report.author`` of the config (one name or a list; default
        :data:`PIPELINE_NAME`), the construct labels, the published tables and the respondent profile.

    Returns
    -------
    dict
        ``author`` (list of str), ``keywords`` (list of str: "PLS-SEM", then the construct labels in
        the config's order), ``date`` (:class:`datetime.date`, :func:`.dates.report_date`),
        ``verbatim_symbols`` (sorted list of str: the symbols of :mod:`.symbols` that occur in the config,
        the published tables or the respondent profile, printed as written).

    Raises
    ------
    UserError
        ``SOURCE_DATE_EPOCH`` is set but not a whole number.
    """
    report = inputs.config.get("report") or {}
    keywords = ["PLS-SEM"] + [label for label in dict.fromkeys(inputs.labels.values()) if label != "PLS-SEM"]
    profile = inputs.records("respondents", dtype=str, keep_default_na=False)
    return {
        "author": _authors(report.get("author")),
        "keywords": keywords,
        "date": report_date(),
        "verbatim_symbols": sorted(verbatim_symbols(inputs.config, inputs.published or {}, profile)),
    }
