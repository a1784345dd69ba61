"""Reading and writing the pipeline's files.

Results CSVs follow the design's contract: comma-separated, UTF-8, one header
row, ``.`` as decimal point and *full precision*: every float is written as
Python's shortest repr, which reads back to the identical double
(``float(repr(x)) == x``), so a CSV can be compared byte for byte and re-read
without loss. Missing values are written as empty cells. Line endings are
``\\n`` on every platform.

Bootstrap chunks are ``.npz`` files holding the draws of one range of
subsamples (:func:`save_draws` / :func:`load_draws`); the merged draws are one
compressed ``.npz`` with one array per family (:func:`save_merged_draws` /
:func:`load_merged_draws`). Other chunks (PLSpredict's repetitions) are named arrays with
metadata (:func:`save_arrays` / :func:`load_arrays`).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError
from .system_errors import naming

__all__ = ["format_float", "write_csv", "read_csv", "save_draws", "load_draws", "save_merged_draws",
           "load_merged_draws", "save_arrays", "load_arrays"]


def format_float(value: float) -> str:
    """Shortest string that reads back as the same double (``repr``).

    >>> format_float(0.1), format_float(3.0), format_float(1 / 3)
    ('0.1', '3.0', '0.3333333333333333')
    """
    return repr(float(value))


def write_csv(frame, path, *, index: bool = False) -> None:
    """Write ``frame`` as a results-contract CSV (full precision, empty cells for NaN)."""
    from .csv_writer import write_frame

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with naming(path):          # a full disk names this file
        if index:
            frame.to_csv(path, index=True, float_format=format_float, na_rep="", lineterminator="\n",
                         encoding="utf-8")
        else:
            write_frame(frame, path, float_format=format_float, na_rep="")   # the same bytes, faster for large frames


def read_csv(path, **kwargs):
    """Read a CSV written by :func:`write_csv` (or the cleaned survey), keeping every name a name.

    Only an empty cell is missing: pandas' default missing-value strings
    (``NA``, ``N/A``, ``null``, ``nan``, ``None``, ...) are names a user may
    give a construct, indicator or category (issue 11), and :func:`write_csv`
    writes a missing value as an empty cell. A ``keep_default_na`` passed by
    the caller takes precedence.

    Parameters
    ----------
    path : path
    **kwargs
        Passed to :func:`pandas.read_csv`.

    Returns
    -------
    pandas.DataFrame
        One row per CSV data row.
    """
    import pandas as pd

    if "keep_default_na" not in kwargs:
        kwargs.update(keep_default_na=False, na_values=[""])
    return pd.read_csv(path, **kwargs)


def save_draws(path, draws, **metadata) -> None:
    """Save a :class:`plssem.BootstrapDraws` chunk with scalar ``metadata`` (seed, fingerprint, ...).

    Arrays are stored as ``values/<family>``, ``iterations``, ``converged``,
    ``failed``, ``start`` and PLSc's flags as ``inadmissible/<kind>``; metadata as ``meta/<name>``,
    each value as JSON text (a seed up to 2**128 - 1 does not fit a NumPy integer, and an object
    array could not be loaded without pickle).
    """
    import json

    import numpy as np

    arrays = {f"values/{name}": values for name, values in draws.values.items()}
    arrays.update({f"inadmissible/{name}": flags for name, flags in draws.inadmissible.items()})
    arrays.update(iterations=draws.iterations, converged=draws.converged, failed=draws.failed,
                  start=np.array(draws.start))
    arrays.update({f"meta/{k}": np.array(json.dumps(v)) for k, v in metadata.items()})
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with naming(path), open(path, "wb") as handle:  # np.savez would append ".npz" to a name without it
        np.savez(handle, **arrays)


def load_draws(path):
    """Load a chunk saved by :func:`save_draws`; returns ``(BootstrapDraws, metadata dict)``."""
    import json

    import numpy as np
    from plssem import BootstrapDraws

    with _draws_file(path, "a bootstrap chunk", "bootstrap_chunk"), np.load(path, allow_pickle=False) as data:
        values = {k.split("/", 1)[1]: data[k] for k in data.files if k.startswith("values/")}
        meta = {k.split("/", 1)[1]: json.loads(data[k].item()) for k in data.files if k.startswith("meta/")}
        flags = {k.split("/", 1)[1]: data[k] for k in data.files if k.startswith("inadmissible/")}
        draws = BootstrapDraws(int(data["start"]), values, data["iterations"], data["converged"], data["failed"],
                               flags)
    return draws, meta


@contextmanager
def _draws_file(path, what: str, rule: str) -> Iterator[None]:
    """A draws file that is not one (truncated, not a zip, an array missing) as a :class:`UserError` naming it."""
    import zipfile

    try:
        yield
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError) as error:
        raise UserError(f"cannot be read as {what} ({type(error).__name__}: {error}); delete it and rerun "
                        f"(snakemake -R {rule} makes it again)", file=str(path)) from None


def save_merged_draws(path, draws) -> None:
    """Save the merged draws' values, one compressed array per family (``paths``, ``specific_indirect``, ...)."""
    import numpy as np

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with naming(path), open(path, "wb") as handle:  # np.savez_compressed would append ".npz" to a name without it
        np.savez_compressed(handle, **draws.values)


def load_merged_draws(path) -> dict:
    """Load a file saved by :func:`save_merged_draws`; returns ``{family: array}``."""
    import numpy as np

    with _draws_file(path, "the merged bootstrap draws", "bootstrap"), np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def save_arrays(path, arrays: dict, **metadata) -> None:
    """Save named arrays (``arrays/<name>``) with scalar ``metadata`` as JSON text (``meta/<name>``), as
    :func:`save_draws` does: e.g. a PLSpredict chunk, the fields of :class:`plssem.predict.PredictDraws`."""
    import json

    import numpy as np

    stored = {f"arrays/{name}": np.asarray(values) for name, values in arrays.items()}
    stored.update({f"meta/{k}": np.array(json.dumps(v)) for k, v in metadata.items()})
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with naming(path), open(path, "wb") as handle:  # np.savez would append ".npz" to a name without it
        np.savez(handle, **stored)


def load_arrays(path, *, what: str, rule: str) -> tuple[dict, dict]:
    """Load a file saved by :func:`save_arrays`; returns ``(arrays, metadata)``.

    Raises
    ------
    UserError
        The file is not one (``what``, made by rule ``rule``), naming it and how to make it again.
    """
    import json

    import numpy as np

    with _draws_file(path, what, rule), np.load(path, allow_pickle=False) as data:
        arrays = {k.split("/", 1)[1]: data[k] for k in data.files if k.startswith("arrays/")}
        meta = {k.split("/", 1)[1]: json.loads(data[k].item()) for k in data.files if k.startswith("meta/")}
    return arrays, meta
