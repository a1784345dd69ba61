"""Operating-system errors (disk full, permission denied, read-only file system) told as what happened.

An :class:`OSError` that escapes a step is not a bug in the pipeline: the disk
filled up, a folder is not writable, a file went missing. :func:`describe`
turns it into one message naming the file (or, when the system did not name
it, the folders the rule writes to), what happened and what to do;
:func:`plssem_pipeline.steps.runner.run` prints it and exits with status 1.
"""
from __future__ import annotations

import errno
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["describe", "naming"]

#: errno -> what to do about it.
ADVICE = {
    errno.ENOSPC: "the disk is full: free space on it (or point the run at another disk) and rerun",
    errno.EDQUOT: "your disk quota is used up: free space and rerun",
    errno.EACCES: "permission denied: make the file and its folder writable (readable for an input) "
                  "for the user running the pipeline, and rerun",
    errno.EPERM: "operation not permitted: check the file's owner and permissions, and rerun",
    errno.EROFS: "the file system is read-only: run the pipeline in a copy of the project on a writable disk",
    errno.ENOENT: "the file or its folder does not exist: check the path, or rerun the rule that makes it",
    errno.EISDIR: "a folder stands where a file is expected: remove or rename the folder",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) or run with fewer --cores",
    errno.EIO: "the disk reported an input/output error: check the disk, then rerun",
}


@contextmanager
def naming(path) -> Iterator[None]:
    """Give an :class:`OSError` raised inside the block ``path`` as its file, when the system named none.

    A write that fills the disk raises ``ENOSPC`` without a file name; the results writers
    (:func:`plssem_pipeline.io.write_csv`, ...) wrap their writing in this, so :func:`describe` names the file.
    """
    try:
        yield
    except OSError as error:
        if error.filename is None:
            error.filename = str(path)
        raise


def _files(error: OSError) -> list[str]:
    return [str(name) for name in (error.filename, getattr(error, "filename2", None)) if name not in (None, "")]


def describe(error: OSError, outputs: Iterable = ()) -> str:
    """One message for ``error``: the file(s), what happened, what to do; no traceback.

    Parameters
    ----------
    error : OSError
        The error raised while a step read or wrote its files.
    outputs : iterable of path
        The rule's outputs, named (by folder) when the system did not name the file
        (``ENOSPC`` from a write names none).

    Returns
    -------
    str
    """
    what = error.strerror or str(error) or type(error).__name__
    code = errno.errorcode.get(error.errno, "") if error.errno is not None else ""
    happened = f"{what} ({code})" if code else what
    files = _files(error)
    if files:
        where = " -> ".join(files)
    else:
        folders = sorted({str(Path(p).parent) for p in outputs})
        where = ("while writing to " + ", ".join(folders)) if folders else "while reading or writing its files"
    advice = ADVICE.get(error.errno, "the operating system refused the operation: fix the cause and rerun")
    return f"{where}: {happened}; {advice}. This is not a fault in your data or in the pipeline."
