"""The report's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today's UTC date.

One function, so that the PDF's metadata (``/CreationDate``, the title block) and the provenance section
print the same day. The date is read when the report is rendered, never put into a rule's params (the
report would then be re-run every day).
"""
from __future__ import annotations

import datetime as _dt
import os

from ..errors import UserError

__all__ = ["report_date"]


def report_date(environ=None) -> _dt.date:
    """The date the report states (UTC calendar day).

    Parameters
    ----------
    environ : mapping, optional
        Environment variables (default :data:`os.environ`).

    Returns
    -------
    datetime.date
        The UTC day of ``SOURCE_DATE_EPOCH`` (seconds since 1970-01-01 UTC, the reproducible-builds
        convention, https://reproducible-builds.org/specs/source-date-epoch/) when it is set and
        non-empty, else today's UTC day.

    Raises
    ------
    UserError
        ``SOURCE_DATE_EPOCH`` is set but not a non-negative integer.

    >>> report_date({"SOURCE_DATE_EPOCH": "1700000000"})
    datetime.date(2023, 11, 14)
    """
    environ = os.environ if environ is None else environ
    value = str(environ.get("SOURCE_DATE_EPOCH", "")).strip()
    if not value:
        return _dt.datetime.now(_dt.timezone.utc).date()
    if not value.isdigit():
        raise UserError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got {value!r}")
    return _dt.datetime.fromtimestamp(int(value), tz=_dt.timezone.utc).date()
