"""The report's numbers in the report's language: one decimal separator per language.

The sections write the numbers of their table cells with :func:`~.tables.fmt`, in the
neutral form of the results files (``0.528``), so that a cell's text and its value
match the CSVs and the audit's comparison. Once the context is complete,
:func:`localize_tables` writes every number of every table in the report's
language (Indonesian: ``0,528``), in one place; sentences take their numbers
already formatted for the language (:func:`~.tables.prose`, :func:`~.tables.integer`,
:func:`plssem_pipeline.language.number_text`), and the figures theirs from the same
function (:mod:`.figures.drawing`).

A number is a run of digits, a point and digits, standing alone: not part of a
word (``KP1.2``) nor of a dotted identifier such as a version (``3.11.7``). Columns
of identifiers (``Column.mono``: file names, hashes, versions) are left as written.
"""
from __future__ import annotations

import re

from ..language import SEPARATORS
from .tables import Table, fmt, integer

__all__ = ["localized", "interval", "localize_tables"]

#: A decimal number standing alone: digits '.' digits (and an exponent, 2.5e-5), no word character or point
#: before it, no word character nor another '.digit' after it (a sentence's full stop may follow).
NUMBER = re.compile(r"(?<![\w.])(\d+)\.(\d+)((?:e[-+]?\d+)?)(?!\w|\.\d)")
#: A note's number standing alone (:data:`NUMBER`), or a count with thousands commas standing alone (5,000;
#: 1,234,567), written neutrally (English) by :attr:`~.inputs.ReportInputs.subsamples_neutral`.
NOTE_NUMBER = re.compile(NUMBER.pattern + r"|(?<![\w.,])([1-9]\d{0,2}(?:,\d{3})+)(?![\w,]|\.\d)")


def localized(text: str, language: str) -> str:
    """``text`` with the decimal point of each number standing alone written as ``language`` writes it.

    Parameters
    ----------
    text : str
        A table cell, header or note with numbers in the neutral form (``"[0.453, 0.635]"``).
    language : str
        A key of :data:`plssem_pipeline.language.SEPARATORS`.

    Returns
    -------
    str
        Unchanged in English; in Indonesian every ``0.528`` becomes ``0,528`` (versions such as
        ``3.11.7`` and names such as ``KP1.2`` are not numbers standing alone and stay).

    Examples
    --------
    >>> localized("0.528 (p < 0.001), 2.5%, 2.5e-5, python 3.11.7, x1.5, at least 0.50.", "id")
    '0,528 (p < 0,001), 2,5%, 2,5e-5, python 3.11.7, x1.5, at least 0,50.'
    """
    decimal = SEPARATORS[language][0]
    return text if decimal == "." else NUMBER.sub(lambda m: f"{m.group(1)}{decimal}{m.group(2)}{m.group(3)}", text)


def _localized_note(text: str, language: str) -> str:
    """:func:`localized`, and each count with thousands commas (``1,000``) in the thousands separator of ``language``
    (``1.000``), in one pass: a note names its counts neutrally, since a count already written ``1.000`` would
    read as a decimal number here."""
    decimal, thousands = SEPARATORS[language]
    return NOTE_NUMBER.sub(lambda m: m.group(4).replace(",", thousands) if m.group(4)
                           else f"{m.group(1)}{decimal}{m.group(2)}{m.group(3)}", text)


def interval(low, high, language: str = "en", decimals: int = 3) -> str:
    """A confidence interval as the report writes it.

    Parameters
    ----------
    low, high : float
        The bounds.
    language : str
        Where the decimal separator is a comma, the bounds are separated by a semicolon,
        which a decimal comma cannot be mistaken for.
    decimals : int

    Returns
    -------
    str

    Examples
    --------
    >>> interval(0.4531, 0.6349), interval(0.4531, 0.6349, "id")
    ('[0.453, 0.635]', '[0,453; 0,635]')
    """
    separator = "; " if SEPARATORS[language][0] == "," else ", "
    return localized(f"[{fmt(low, decimals)}{separator}{fmt(high, decimals)}]", language)


def _count(cell, language: str) -> bool:
    """Whether ``cell`` is a whole number already written in ``language`` (``integer``: ``5.000``), which
    :func:`localized` would misread as a decimal."""
    return (cell.value is not None and float(cell.value).is_integer() and abs(cell.value) >= 1000
            and cell.text == integer(cell.value, language))


def _localize_table(table: Table, language: str) -> None:
    shown = [not column.mono for column in table.columns]
    for column in table.columns:
        column.label = localized(column.label, language)
    for row in table.rows:
        for cell, numbers in zip(row.cells, shown):
            if numbers and not _count(cell, language):
                cell.text = localized(cell.text, language)
                cell.title = None if cell.title is None else localized(cell.title, language)
    table.notes = [_localized_note(note, language) for note in table.notes]
    if table.comparison is not None:
        _localize_table(table.comparison, language)


def localize_tables(sections, language: str) -> None:
    """Write the numbers of every table of ``sections`` in ``language``, in place.

    Parameters
    ----------
    sections : list of dict
        The report's sections (:func:`~.blocks.section`); each table block's table and the
        comparison table attached to it are changed: column headers, cells (but those of
        ``mono`` columns) and the cells' titles, notes. Captions, row-group headings (labels
        the user wrote) and the audit's explanations (``Row.detail``, worded in the report's
        language by the audit) are left as they are.
    language : str
        A key of :data:`plssem_pipeline.language.SEPARATORS`.
    """
    if SEPARATORS[language][0] == ".":
        return
    for section in sections:
        for block in section["blocks"]:
            if block["kind"] == "table":
                _localize_table(block["table"], language)
