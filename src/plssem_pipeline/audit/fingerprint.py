"""Fingerprints of the code that makes the results.

Snakemake re-runs a rule when its script, inputs or ``params:`` change, but not
when a module the script imports changes. The workflow therefore puts these
fingerprints in the ``params:`` of the rules that use the code, so that editing
the engine (:mod:`plssem`) or this package re-runs exactly the rules whose
results could change.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
from pathlib import Path

__all__ = ["package_fingerprint", "SOURCES"]

#: What a package's fingerprint covers: its modules and the data files it reads.
SOURCES = ("*.py", "*.yaml")


def package_fingerprint(name: str) -> str:
    """``"<version>+sha256:<16 hex>"`` over the sources of package ``name``.

    The sources are its ``.py`` modules and the data files it reads (``.yaml``,
    such as the report's wording in ``report/strings/``). The hash covers each
    file's path (relative to the package) and bytes, in sorted order, so it
    changes whenever any of them changes and does not depend on where the
    package is installed.

    Parameters
    ----------
    name : str
        An importable package, e.g. ``"plssem"``.
    """
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(f"{name!r} is not an importable package")
    root = Path(list(spec.submodule_search_locations)[0])
    digest = hashlib.sha256()
    for source in sorted(p for pattern in SOURCES for p in root.rglob(pattern)):
        digest.update(source.relative_to(root).as_posix().encode() + b"\0")
        digest.update(source.read_bytes() + b"\0")
    version = getattr(importlib.import_module(name), "__version__", "unknown")
    return f"{version}+sha256:{digest.hexdigest()[:16]}"
