"""A survey's cells held column by column, each column as its distinct texts and one code per record.

A survey column holds few distinct texts (``1`` to ``5``, a blank, ``-99``) in many
records. :func:`factorized` stores a column as those texts and, per record, the
index of its text, so that everything after reading (:mod:`.values`) decides
once per distinct text and spreads the decision to the records with NumPy.

:func:`plain_csv_columns` reads a *plain* delimited text file -- no quote
character, no bare carriage return, no blank line, every line as wide as the
header -- with pandas' C parser, column-wise, in a fraction of the time Python's
record-by-record :mod:`csv` reader takes at a million respondents. For such a
file both readers give the same cells and the same rows (record *k* is line
*k*). Any other file gets None and is read by
:func:`plssem_pipeline.ingest.csv_text.numbered_records`, whose messages name
the row of a problem.
"""
from __future__ import annotations

import csv
import io

__all__ = ["factorized", "columns_of_rows", "plain_csv_columns"]

#: The start of the file that decides how each column is read (:func:`_column_types`).
_SAMPLE_CHARS = 65536


def factorized(cells):
    """``(codes, texts)`` of a column: ``texts[codes]`` gives back ``cells``.

    Parameters
    ----------
    cells : sequence of str, length n

    Returns
    -------
    codes : ndarray of signed int, shape (n,)
        Index of each cell's text in ``texts``, in the smallest integer type that holds them.
    texts : ndarray of object
        The distinct texts, in order of first appearance.
    """
    import numpy as np
    import pandas as pd

    codes, texts = pd.factorize(np.asarray(cells, dtype=object))
    return codes.astype(np.min_scalar_type(-len(texts)), copy=False), np.asarray(texts, dtype=object)


def columns_of_rows(rows: list[list[str]], width: int) -> list:
    """The :func:`factorized` columns of records ``rows`` (each ``width`` cells wide)."""
    return [factorized([row[j] for row in rows]) for j in range(width)]


def plain_csv_columns(text: str, delimiter: str):
    """The written header and the :func:`factorized` data columns of a plain CSV text, or None.

    Parameters
    ----------
    text : str
        The decoded file, after Excel's ``sep=`` line.
    delimiter : str
        One character.

    Returns
    -------
    tuple or None
        ``(written_header, columns)``: the header's cells as written and one ``(codes, texts)``
        pair per column, for data rows on lines 2, 3, ...; None when the file is not plain (see the
        module docstring), has fewer than two columns or no data row, or a record the csv reader
        would treat otherwise (a longer or shorter line, a field over the csv module's size limit,
        a row of blank cells).
    """
    import pandas as pd

    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    body = text[:-1] if text.endswith("\n") else text
    if body.startswith("\n") or body.endswith("\n"):
        return None     # a blank first or last line (any other is a row pandas makes, caught by the count below)
    try:
        frame = pd.read_csv(io.StringIO(body), sep=delimiter, header=None, dtype=_column_types(body, delimiter),
                            na_filter=True, keep_default_na=False, quoting=csv.QUOTE_NONE, skip_blank_lines=False,
                            engine="c", doublequote=False, comment=None, escapechar=None)
    except (pd.errors.ParserError, ValueError):
        return None     # a line wider than the header's: the csv reader names it
    if frame.shape[1] < 2 or frame.shape[0] < 2 or body.count(delimiter) != len(frame) * (frame.shape[1] - 1):
        return None     # a shorter or blank line, which pandas pads (no line is longer: pandas refuses those)
    written = frame.iloc[0].tolist()
    if not all(isinstance(c, str) for c in written) or all(not c.strip() for c in written):
        return None
    columns = [_data_column(frame.iloc[:, j]) for j in range(frame.shape[1])]
    del frame
    if any(c is None for c in columns):
        return None
    limit = csv.field_size_limit()
    if any(max(map(len, texts)) > limit for _, texts in columns):
        return None  # a field the csv reader refuses
    if _blank_row(columns):
        return None  # a row of blank cells is a blank row to the csv reader: its numbering is done there
    return written, columns


def _column_types(body: str, delimiter: str) -> dict:
    """The pandas dtype to read each column with: ``category`` (the C parser hands over each cell's code and
    each distinct text once, no text per cell), but ``object`` for a column whose first lines hold mostly
    distinct texts (an id: its categories would be sorted). Either gives the same :func:`_data_column`."""
    rows = [line.split(delimiter) for line in body[:_SAMPLE_CHARS].split("\n")]
    sample = rows[1:] or rows
    return {j: object if 2 * len({row[j] for row in sample if j < len(row)}) > len(sample) else "category"
            for j in range(len(rows[0]))}


def _data_column(column):
    """:func:`factorized` of a column read by pandas without its first cell (the header), or None if a cell is NA."""
    import numpy as np
    import pandas as pd

    if not isinstance(column.dtype, pd.CategoricalDtype):
        return factorized(column.to_numpy()[1:])
    codes = column.cat.codes.to_numpy()[1:]
    if (codes < 0).any():
        return None
    which, order = pd.factorize(codes)     # the texts in order of first appearance, as factorized's
    texts = np.asarray(column.cat.categories, dtype=object)[order]
    return which.astype(np.min_scalar_type(-len(texts)), copy=False), texts


def _blank_row(columns) -> bool:
    """Whether some record's cells are all blank (empty once stripped); the columns with fewer texts first,
    and none after one without a blank text (the id column's texts are then never stripped)."""
    import numpy as np

    blank = True
    for codes, texts in sorted(columns, key=lambda column: len(column[1])):
        empty = np.fromiter((not t.strip() for t in texts), dtype=bool, count=len(texts))
        if not empty.any():
            return False
        blank = blank & empty[codes]
    return bool(np.any(blank))
