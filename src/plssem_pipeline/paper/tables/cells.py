"""A table line cut into cells, with the offset of every cell in the document.

A line of a table comes in one of three layouts:

* tab-separated (Markdown transcripts, copy-paste from Word): cells between tabs, empty
  cells kept, so a value's column is its cell's position;
* space-aligned (plain text): cells between runs of two or more spaces;
* Markdown pipe tables (``| EC -> IP | 0.589 |``): cells between pipes (the rule line ``|---|`` is no row);
* flattened (a PDF's text layer): one space between everything. Such a line has no cells,
  only words; :func:`split_row` reads it as a label, then numbers, then words (a verdict).

Markdown emphasis (``<b>140</b>``, ``**Total**``) is ignored when a cell is read (:func:`..document.plain`);
every offset still indexes the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Line, plain
from ..numbers import Number, numbers_in

__all__ = ["Cell", "Row", "cells_of", "split_row", "is_prose"]

_SEPARATOR = re.compile(r"\t| {2,}")
#: What may follow a number in its cell: a percent sign, significance marks ("0.000***", "0.484†").
_MARKS = re.compile(r"%?[*†‡]*")
_BRACKETS = re.compile(r"[()\[\]%*†‡]")  # around and after the numbers of "59 (42.1%)"
_NUMERIC_WORD = re.compile(r"(?<!\S)[-\u2212]?[\d.,]+%?(?!\S)")
#: A Markdown pipe table's cell border: a "|" not inside "(|O/STDEV|)" and not escaped.
_PIPE = re.compile(r"\s*(?<![\\(])\|(?![)])\s*")
#: A Markdown pipe table's rule line ("|---|:---:|").
RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CODE = re.compile(r"^\s*(?:<b>|\*\*)?(\d{1,2})[.)](?:</b>|\*\*)?(?=\s|$)")


@dataclass(frozen=True)
class Cell:
    """A cell: its ``text`` as printed and ``start`` in the document (``plain`` is ``text`` without markup)."""

    text: str
    start: int

    @property
    def plain(self) -> str:
        return plain(self.text).strip()

    @property
    def numbers(self) -> list[Number]:
        """The cell's numbers when it holds nothing else but brackets and marks (``"59 (42.1%)"``), else []."""
        found = numbers_in(self.text, self.start)
        rest = plain(self.text)
        for n in found:
            rest = rest.replace(n.text, " ", 1)
        return found if found and not _BRACKETS.sub("", rest).strip() else []


@dataclass(frozen=True)
class Row:
    """A table line read as ``code`` (``"3"`` of ``"3. Tiktok"``), ``label``, ``values`` and trailing ``words``.

    ``values`` are the numbers in column order; with cells (tab or space-aligned layout) an
    empty cell gives None, so ``values[k]`` is the k-th column after the label.
    """

    line: Line
    code: str | None
    label: str
    label_start: int
    values: list[Number | None]
    words: list[str]
    cells: bool


def _piped(text: str) -> bool:
    """Whether a line is a row of a Markdown pipe table."""
    text = text.strip()
    return len(text) > 1 and text.startswith("|") and text.endswith("|")


def cells_of(line: Line) -> list[Cell]:
    """The line's cells (pipes, tabs or 2+ spaces); a flattened line is one cell."""
    cells, pos = [], 0
    text = line.text
    piped = _piped(text)
    if piped:  # the borders at both ends open and close the row: drop them
        pos = text.index("|") + 1
        text = text[:text.rindex("|")]
    for match in list((_PIPE if piped else _SEPARATOR).finditer(text, pos)) + [None]:
        end = match.start() if match else len(text)
        cell = text[pos:end]
        lead = len(cell) - len(cell.lstrip())
        cells.append(Cell(cell.strip(), line.start + pos + lead))
        if match:
            pos = match.end()
    if cells and not cells[0].text and line.text.startswith(" ") and "\t" not in line.text and not piped:
        cells = cells[1:]  # indentation, not an empty first cell
    return cells


def _code(text: str) -> tuple[str | None, int]:
    match = _CODE.match(text)
    return (match.group(1), match.end()) if match else (None, 0)


def split_row(line: Line, *, trailing_numbers: bool = False) -> Row:
    """Read a table line as label, values and trailing words.

    Parameters
    ----------
    line : Line
        The line.
    trailing_numbers : bool
        For a flattened line: the values are the numbers at the end of the line and the label is
        everything before them (respondent categories such as ``"1. Belum 1 tahun 5"``); otherwise
        the label is the words before the first number (``"EC -> IP 0.589 0.590 ..."``).

    Returns
    -------
    Row
    """
    cells = cells_of(line)
    code, skip = _code(line.text)
    if len(cells) > 1 or _piped(line.text):
        code, skip = _code(cells[0].text)
        if code is not None:  # "3.\tTiktok\t36" or "1. Makanan/Minuman\t100": drop the code
            rest = cells[0].text[skip:]
            lead = len(rest) - len(rest.lstrip())
            cells = ([Cell(rest.strip(), cells[0].start + skip + lead)] if rest.strip() else []) + cells[1:]
        label_cells, values, words = [], [], []
        for cell in cells:
            numbers = cell.numbers
            if words:
                words += [cell.plain] if cell.plain else []
            elif not values and not numbers and cell.plain:
                label_cells.append(cell)
            elif numbers:
                values += numbers
            elif not cell.plain:
                values += [None] if label_cells else []
            else:
                words.append(cell.plain)
        while values and values[-1] is None:
            values.pop()
        label = " ".join(c.plain for c in label_cells)
        start = label_cells[0].start if label_cells else line.start
        return Row(line, code, label, start, values, words, True)
    text = line.text
    numbers = numbers_in(text[skip:], line.start + skip)
    if trailing_numbers:
        tail = []
        for n in reversed(numbers):
            after = _BRACKETS.sub(" ", plain(text[n.end - line.start:])).strip()
            if after and not all(re.fullmatch(r"-?[\d.,]+", w) for w in after.split()):
                break
            tail.insert(0, n)
        label_end = (tail[0].start - line.start) if tail else len(text)
        label_text = text[skip:label_end]
        lead = len(label_text) - len(label_text.lstrip())
        return Row(line, code, plain(label_text).strip(), line.start + skip + lead, tail, [], False)
    if not numbers:
        label_text = text[skip:]
        return Row(line, code, plain(label_text).strip(), line.start + skip, [], [], False)
    label_text = text[skip:numbers[0].start - line.start]
    values, last = [], numbers[0].start - line.start
    for n in numbers:
        gap = _MARKS.sub("", plain(text[last:n.start - line.start])).strip()
        if gap and values:
            break
        values.append(n)
        last = n.end - line.start
    words = _MARKS.sub("", plain(text[last:]), count=1).split()
    return Row(line, code, plain(label_text).strip(),
               line.start + skip + len(label_text) - len(label_text.lstrip()), values, words, False)


def is_prose(text: str) -> bool:
    """Whether a line is running text, not a table row: 25+ words, or 8+ words ending a sentence.

    >>> is_prose("Dalam outer model terdapat tiga model pengukuran yang disertakan dalam model ini, yaitu:")
    True
    >>> is_prose("EC -> IP 0.589 0.590 0.051 11.574 0.000")
    False
    """
    text = plain(text)
    words = len(text.split())
    if words < 8:
        return False
    words -= len(_NUMERIC_WORD.findall(text))
    return words >= 25 or (words >= 8 and text.rstrip().endswith((".", ":")))
