"""The wrapper every Snakemake script runs in.

``run(main, snakemake)`` sets up logging to the rule's ``log:`` file, runs
``main(snakemake, logger)`` and turns a user's mistake into a clean failure:

* :class:`~plssem_pipeline.errors.UserError` and :class:`plssem.ModelError`
  (the engine's refusal of a model or data set) are written, as one message
  naming the file, row, column or config key, to the log and to stderr, and
  the script exits with status 1 — no traceback;
* before ``main`` runs, every input that another step wrote is checked against the
  SHA-256 its producer recorded (:func:`plssem_pipeline.audit.chain.check_inputs`):
  an edited intermediate result stops the step, naming the file and what to do;
* an :class:`OSError` (disk full, permission denied, read-only file system)
  is told as what happened and to which file (:mod:`plssem_pipeline.system_errors`), exit 1,
  no traceback — also when the rule's log file itself cannot be opened;
* any other exception is a bug in the pipeline: its traceback goes to the log
  and stderr and it propagates as usual.

Warnings a script logs (``log.warning(...)``: a non-converged estimation,
failed bootstrap subsamples) go to the log and, as ``Warning in rule <rule>:
...``, to stderr, so that the user sees them on the terminal. Python warnings
are captured into the log only. Control characters and terminal escape sequences
of user text (a survey header, a cell) are shown escaped in every message and log
line (:mod:`plssem_pipeline.printable`).
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from ..errors import UserError
from ..printable import printable
from .. import system_errors
from ..audit import chain

__all__ = ["run", "user_message", "abort"]

EXIT_USER_ERROR = 1


def user_message(error: BaseException, rule: str | None = None) -> str:
    """The one-paragraph message shown for a user error."""
    head = f"Error in rule {rule}: " if rule else "Error: "
    return head + printable(error)


def abort(error: UserError, *, stream=None) -> None:
    """Print ``error`` for the user (no traceback) and exit with status 1.

    For the workflow's own checks while Snakemake parses it (a config error
    stops the run before any rule).
    """
    print(user_message(error), file=stream or sys.stderr)
    sys.exit(EXIT_USER_ERROR)


class _Printable(logging.Formatter):
    """A formatter that shows control characters of user text escaped (:func:`~plssem_pipeline.printable.printable`)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def _logger(log_path: str | None, rule: str | None = None) -> logging.Logger:
    logger = logging.getLogger("plssem_pipeline.script")
    logger.handlers.clear()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if log_path:
        handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
        handler.setFormatter(_Printable("%(levelname)s %(message)s"))
        logger.addHandler(handler)
        terminal = logging.StreamHandler(sys.stderr)  # warnings only: errors are printed by run()
        terminal.addFilter(lambda record: record.levelno == logging.WARNING)
        terminal.setFormatter(_Printable(f"Warning in rule {rule}: %(message)s" if rule
                                                else "Warning: %(message)s"))
        logger.addHandler(terminal)
        warnings_logger = logging.getLogger("py.warnings")
        warnings_logger.handlers.clear()
        warnings_logger.addHandler(handler)
        logging.captureWarnings(True)
    else:
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setFormatter(_Printable("%(message)s"))
        logger.addHandler(terminal)
    return logger


def run(main: Callable, smk) -> None:
    """Run ``main(smk, logger)`` as a Snakemake script job; see the module docstring.

    Parameters
    ----------
    main : callable
        ``main(snakemake, logger)``; its return value is ignored.
    smk : snakemake.script.Snakemake
        The ``snakemake`` object Snakemake injects into ``script:`` jobs.
    """
    from plssem import ModelError

    log_path = smk.log[0] if len(smk.log) else None
    rule = getattr(smk, "rule", None)
    try:
        logger = _logger(log_path, rule)
    except OSError as error:                 # the log itself cannot be written (read-only, full disk)
        print(user_message(system_errors.describe(error), rule), file=sys.stderr)
        sys.exit(EXIT_USER_ERROR)
    logger.info("rule %s", rule)
    try:
        chain.check_inputs(getattr(smk, "input", ()))   # no hand-edited intermediate result reaches a step
        main(smk, logger)
    except (UserError, ModelError, OSError) as error:
        text = error
        if isinstance(error, OSError):
            text = system_errors.describe(error, getattr(smk, "output", ()))
            logging.raiseExceptions = False   # a full disk must not turn the log's own failure into a traceback
        message = user_message(text, rule)
        logger.error(message)
        print(message, file=sys.stderr)
        logging.shutdown()
        sys.exit(EXIT_USER_ERROR)
    except Exception:
        logger.exception("internal error in rule %s (a bug in the pipeline, not in your data; please report it)", rule)
        logging.shutdown()
        raise
    logger.info("done")
    logging.shutdown()
