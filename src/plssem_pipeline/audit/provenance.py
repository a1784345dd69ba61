"""The JSON summary every step writes beside its results.

Each summary records what an auditor needs to trust and re-run the step: the
SHA-256 of every input (and of the outputs written before it), the slice of the
configuration the step used, the seed (if any), the versions of Python and the
packages, the code fingerprints, and step-specific details (counts, detected
file format, convergence). Summaries hold no timestamps, so re-running a step
on the same inputs gives the same summary (timings are in
``results/benchmarks/``).
"""
from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from ..system_errors import naming

__all__ = ["sha256_file", "package_versions", "step_summary", "write_json", "NOT_INSTALLED"]

#: The version recorded for a package that is not installed.
NOT_INSTALLED = "not installed"

#: Distributions whose versions every summary records ("not installed" for a missing one).
PACKAGES = ("plssem", "numpy", "pandas", "scipy", "matplotlib", "snakemake", "pyyaml", "jinja2")


def sha256_file(path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_versions(packages: Iterable[str] = PACKAGES) -> dict[str, str]:
    """Python's version and each distribution's version (``importlib.metadata``, no imports).

    A package that is not installed is recorded as ``"not installed"``, never left out.
    """
    from .. import __version__

    versions = {"python": platform.python_version(), "plssem_pipeline": __version__}
    for name in packages:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = NOT_INSTALLED
    return versions


def _plain(value):
    """Config values as JSON-able plain data (Snakemake passes its own mapping types)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return value.item()
    return value


def step_summary(
    step: str,
    *,
    inputs: Iterable[str],
    outputs: Iterable[str] = (),
    config: Mapping | None = None,
    seed: int | None = None,
    fingerprints: Mapping[str, str] | None = None,
    details: Mapping | None = None,
) -> dict:
    """Build a step's summary.

    Parameters
    ----------
    step : str
        Rule name.
    inputs, outputs : iterable of path
        Files to hash; outputs are those already written when the summary is made.
    config : mapping
        The configuration slice the step used.
    seed : int, optional
    fingerprints : mapping
        Code fingerprints (see :mod:`plssem_pipeline.audit.fingerprint`).
    details : mapping
        Step-specific facts.
    """
    return {
        "step": step,
        "inputs": {str(p): sha256_file(p) for p in inputs},
        "outputs": {str(p): sha256_file(p) for p in outputs},
        "config": _plain(config or {}),
        "seed": seed,
        "versions": package_versions(),
        "code": _plain(fingerprints or {}),
        "details": _plain(details or {}),
    }


def write_json(data: Mapping, path) -> None:
    """Write ``data`` as indented UTF-8 JSON, keys in insertion order (NaN written as null)."""
    def clean(value):
        if isinstance(value, float) and value != value:
            return None
        if isinstance(value, Mapping):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        return value

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with naming(path), open(path, "w", encoding="utf-8", newline="\n") as handle:   # a full disk names this file
        json.dump(clean(_plain(data)), handle, indent=2, ensure_ascii=False)
        handle.write("\n")
