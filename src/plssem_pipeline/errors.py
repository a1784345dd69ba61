"""The one exception type for mistakes a user can fix.

A :class:`UserError` is raised for anything wrong in the user's data file or
configuration: a missing column, a value off the scale, a path to an unknown
construct. :func:`plssem_pipeline.steps.runner.run` turns it into a message on stderr
and in the rule's log and a non-zero exit, never a traceback. Anything else
that escapes a script is a bug in the pipeline and keeps its traceback.
"""
from __future__ import annotations

from .printable import printable

__all__ = ["UserError"]


class UserError(Exception):
    """A mistake in the user's input, with a message that says where and what was expected.

    Parameters
    ----------
    message : str
        What is wrong and what was expected.
    file : str, optional
        The file in which the mistake is (the survey, a config file).
    row : int, optional
        Line number in ``file`` (the header is line 1, as a spreadsheet numbers rows).
    column : str, optional
        Column of ``file``.
    key : str, optional
        Config key, dotted (``bootstrap.samples``, ``paths[2]``).

    Examples
    --------
    >>> str(UserError("'6' is off the scale 1-5", file="survey.csv", row=7, column="KP3"))
    "survey.csv, row 7, column KP3: '6' is off the scale 1-5"
    """

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None, key: str | None = None) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.key = key
        super().__init__(self.__str__())

    @property
    def location(self) -> str:
        """``"file, row r, column c"`` / ``"config key k"``, as far as known."""
        parts = []   # names shown escaped: a header may hold a terminal escape sequence or a line break
        if self.file:
            parts.append(printable(self.file, keep_newlines=False))
        if self.key:
            parts.append(f"config key {printable(self.key, keep_newlines=False)}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {printable(self.column, keep_newlines=False)}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location
        message = printable(self.message)
        return f"{where}: {message}" if where else message
