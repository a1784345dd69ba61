"""Writing a large data frame as CSV: pandas' own text for each distinct value, put together with NumPy.

``DataFrame.to_csv`` formats every cell in Python (a ``float_format`` call per
float): about 6 s per million rows of 30 columns. A survey column holds few
distinct values, so :func:`write_frame` has pandas format each column's
distinct values once -- in a two-column frame, with the same options, so that
quoting, ``float_format`` and ``na_rep`` are pandas' own -- and copies the bytes
to the records in blocks of rows. The file is byte for byte what ``to_csv``
writes; a frame it cannot treat so (an index written, a column of mixed
objects, a value holding a line break or a NUL) is written by ``to_csv`` itself.
"""
from __future__ import annotations

__all__ = ["write_frame"]

#: Rows put together at a time (bounds the working memory to this many rows x the widest record).
BLOCK_ROWS = 100_000
#: A column's rarer texts longer than most (a mean among whole numbers) may hold up to this share of its rows;
#: they go in after the padding is dropped, so that the block is as wide as the common texts.
LONG_SHARE = 0.05
#: Stands for a long text in the block (a byte no text of the frame may hold, else nothing is narrowed).
_MARK = 1


def write_frame(frame, path, *, float_format, na_rep: str = "", min_rows: int = 10_000) -> None:
    """Write ``frame`` to ``path`` as ``frame.to_csv(path, index=False, ...)`` does, byte for byte.

    Parameters
    ----------
    frame : pandas.DataFrame
    path : path
    float_format : callable
        Applied to each float value, as ``to_csv``'s ``float_format``.
    na_rep : str
        The text of a missing value.
    min_rows : int
        Frames with fewer rows go straight to ``to_csv`` (nothing to gain).

    Notes
    -----
    Comma-separated, ``"\\n"`` line ends, UTF-8, header row, no index: the options of
    :func:`plssem_pipeline.io.write_csv`.
    """
    import numpy as np

    options = {"index": False, "float_format": float_format, "na_rep": na_rep, "lineterminator": "\n",
               "encoding": "utf-8"}
    pieces = None
    if len(frame) >= min_rows and frame.shape[1] >= 2 and frame.columns.nlevels == 1:
        pieces = [_distinct_texts(frame.iloc[:, j], options) for j in range(frame.shape[1])]
    if pieces is None or any(p is None for p in pieces):
        frame.to_csv(path, **options)
        return
    header = frame.iloc[:0].to_csv(**{k: v for k, v in options.items() if k != "encoding"}).encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(header)
        marks = any((texts.view(np.uint8) == _MARK).any() for _, texts in pieces)   # then no text is narrowed
        pieces = [(codes, texts, None) if marks else _narrowed(codes, texts, len(frame)) for codes, texts in pieces]
        pieces = [(codes, _with_separator(texts, "\n" if j == len(pieces) - 1 else ","), long)
                  for j, (codes, texts, long) in enumerate(pieces)]
        for start in range(0, len(frame), BLOCK_ROWS):
            handle.write(_block(pieces, start, min(start + BLOCK_ROWS, len(frame))))


def _distinct_texts(column, options: dict):
    """``(codes, texts)``: each distinct value's CSV bytes (``S`` array) and each row's index into them; or None.

    An integer column's texts are its decimals, whatever the options: those of each integer from its
    smallest to its largest value when they are at most as many as its rows (codes: value - smallest),
    else ``(None, texts)``, its rows' texts themselves.
    """
    import numpy as np
    import pandas as pd

    values = column.to_numpy() if isinstance(column.dtype, np.dtype) else column.array
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iu":
        lo, hi = (int(values.min()), int(values.max())) if len(values) else (0, 0)
        width = max(len(str(lo)), len(str(hi)))
        if hi - lo < max(1, len(values)):
            start = values.dtype.type(lo)
            texts = (np.arange(hi - lo + 1, dtype=values.dtype) + start).astype(f"S{width}")
            return (values - start).astype(np.intp), texts
        return None, values.astype(f"S{width}")
    if isinstance(column.dtype, np.dtype) and column.dtype.kind == "f":
        codes, keys = pd.factorize(values.view(f"i{values.itemsize}"))  # by bits: -0.0 and 0.0 are written apart
        uniques = pd.Series(keys.view(values.dtype))
    elif isinstance(column.dtype, np.dtype) and column.dtype.kind == "b":
        codes, uniques = pd.factorize(values)
        uniques = pd.Series(uniques)
    elif column.dtype == object or isinstance(column.dtype, pd.StringDtype) or \
            isinstance(column.dtype, pd.api.extensions.ExtensionDtype) and column.dtype.kind in "iuf":
        if column.dtype == object and _mostly_distinct(values):   # each row its own value: no hashing
            codes, uniques = np.arange(len(values)), pd.Series(values, dtype=object)
        else:
            codes, uniques = pd.factorize(values, use_na_sentinel=False)
            uniques = pd.Series(uniques, dtype=column.dtype)
        if column.dtype.kind == "O" and pd.api.types.infer_dtype(uniques, skipna=True) not in ("string", "empty"):
            return None  # numbers among text: 1, 1.0 and True are one value to factorize, three texts to to_csv
    else:
        return None
    plain = _plain_texts(uniques, options["na_rep"]) if column.dtype.kind == "O" else None
    if plain is not None:
        return np.asarray(codes), plain
    text = pd.DataFrame({"v": uniques, "w": 0}).to_csv(header=False, **{k: v for k, v in options.items()
                                                                         if k != "encoding"})
    if text.count("\n") != len(uniques) or "\x00" in text:
        return None  # a value over several lines, or a NUL the block assembly would drop
    try:
        lines = text.encode("utf-8").split(b"\n")[:-1]
    except UnicodeEncodeError:
        return None
    texts = np.array(lines, dtype=f"S{max(map(len, lines))}")
    ends = np.char.str_len(texts)
    cells = texts.view(np.uint8).reshape(len(texts), -1)
    rows = np.arange(len(texts))
    cells[rows, ends - 1] = 0   # each line ends ",0": the other column
    cells[rows, ends - 2] = 0
    return np.asarray(codes), texts


def _plain_texts(uniques, na_rep: str):
    """The bytes of text values that the csv writer leaves unquoted (no comma, quote, CR or LF), else None."""
    import numpy as np
    import pandas as pd

    texts = np.where(pd.isna(uniques), na_rep, uniques.to_numpy(dtype=object, na_value=na_rep))
    joined = "\n".join(texts.tolist())
    if joined.count("\n") != len(texts) - 1 or any(c in joined for c in ',"\r\x00'):
        return None
    try:
        lines = joined.encode("utf-8").split(b"\n")
    except UnicodeEncodeError:
        return None
    return np.array(lines, dtype=f"S{max(1, max(map(len, lines)))}")


def _narrowed(codes, texts, n: int):
    """``(codes, texts, long)``: ``texts`` cut to the width of all but at most :data:`LONG_SHARE` of the rows,
    each longer text replaced by the mark, and ``long`` the full bytes of each replaced text (or None)."""
    import numpy as np

    if codes is None:
        return codes, texts, None
    lengths = np.char.str_len(texts)
    rows = np.bincount(codes, minlength=len(texts))
    widths = np.unique(lengths)
    beyond = np.array([rows[lengths > w].sum() for w in widths])
    width = max(1, int(widths[np.argmax(beyond <= LONG_SHARE * n)]))
    if width >= texts.itemsize:
        return codes, texts, None
    is_long = lengths > width
    narrow = np.where(is_long, bytes([_MARK]), texts).astype(f"S{width}")
    return codes, narrow, {int(u): bytes(texts[u]) for u in np.flatnonzero(is_long)}


def _mostly_distinct(values, sample: int = 1000) -> bool:
    """Whether most of the first ``sample`` objects differ (an id column), so that factorizing gains nothing."""
    try:
        return 2 * len(set(values[:sample].tolist())) > min(sample, len(values))
    except TypeError:   # an unhashable object: pd.factorize decides
        return False


def _with_separator(texts, separator: str):
    """Each text's bytes (NUL-padded) followed by ``separator``, as one ``void`` item per text."""
    import numpy as np

    cells = np.zeros((len(texts), texts.itemsize + 1), dtype=np.uint8)
    cells[:, :-1] = texts.view(np.uint8).reshape(len(texts), -1)
    cells[:, -1] = ord(separator)
    return cells.view(np.dtype((np.void, cells.shape[1]))).ravel()


def _block(pieces: list, start: int, stop: int) -> bytes:
    """Records ``start`` to ``stop - 1``: the cells' bytes padded with NULs side by side, the NULs then dropped,
    then each mark replaced by its long text (:func:`_narrowed`), in row order."""
    import numpy as np

    widths = [cells.itemsize for _, cells, _ in pieces]
    block = np.empty((stop - start, sum(widths)), dtype=np.uint8)
    marked = []
    at = 0
    for (codes, cells, long), width in zip(pieces, widths):
        which = slice(start, stop) if codes is None else codes[start:stop]
        block[:, at:at + width] = cells[which].view(np.uint8).reshape(-1, width)
        at += width
        if long:
            marked.append((np.isin(which, list(long)), which, long))
    data = block[block != 0].tobytes()
    if not marked:
        return data
    rows, columns = np.nonzero(np.column_stack([mask for mask, _, _ in marked]))   # in the order of the marks
    texts = [marked[c][2][int(marked[c][1][r])] for r, c in zip(rows.tolist(), columns.tolist())]
    parts = data.split(bytes([_MARK]))
    return b"".join(part for pair in zip(parts, texts + [b""]) for part in pair)
