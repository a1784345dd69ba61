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
        frame = pd.read_csv(io.StringIO(body), sep=delimiter, header=None, dtype=object, na_filter=True,
                            keep_default_na=False, quoting=csv.QUOTE_NONE, skip_blank_lines=False, engine="c",
                            doublequote=False, comment=None, escapechar=None)
    except (pd.errors.ParserError, ValueError):
        return None     # a line wider than the header's: the csv reader names it
    if frame.shape[1] < 2 or frame.shape[0] < 2 or body.count(delimiter) != len(frame) * (frame.shape[1] - 1):
        return None     # a shorter or blank line, which pandas pads (no line is longer: pandas refuses those)
    written = frame.iloc[0].tolist()
    if not all(isinstance(c, str) for c in written) or all(not c.strip() for c in written):
        return None
    columns = [factorized(frame.iloc[1:, j].to_numpy()) for j in range(frame.shape[1])]
    del frame
    limit = csv.field_size_limit()
    blank = None
    for codes, texts in columns:
        if max(map(len, texts)) > limit:
            return None  # a field the csv reader refuses
        empty = _blank_texts(texts)[codes]
        blank = empty if blank is None else blank & empty
    if blank.any():
        return None  # a row of blank cells is a blank row to the csv reader: its numbering is done there
    return written, columns


def _blank_texts(texts):
    """True for each text that is empty once stripped."""
    import numpy as np

    return np.fromiter((not t.strip() for t in texts), dtype=bool, count=len(texts))
