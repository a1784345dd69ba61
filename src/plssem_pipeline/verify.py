"""Verify a results folder against its manifest.

Usage::

    python -m plssem_pipeline.verify results/provenance.json [--root PROJECT_DIR]

Re-hashes every file the manifest lists (inputs, workflow code, everything
under ``results/`` and ``report/``), looks for files under those folders that
it does not list, and compares the code fingerprints of the installed
``plssem`` and ``plssem_pipeline`` and the package versions with the run's.
Prints one line per difference (``changed``, ``missing``, ``new``), then a
``note`` for each package whose code or version differs from the run's (notes
do not change the exit status).

Exit status: 0 when everything matches, 1 when anything differs, 2 when the
manifest cannot be read or is not a manifest (not JSON, or a key of the wrong
shape: the message names the key). File names are printed with control
characters escaped (:mod:`plssem_pipeline.printable`).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .audit.manifest import FILE_GROUPS, verify_manifest
from .printable import printable

__all__ = ["main", "shape_problem"]


def _hash_map(value) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _names(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def shape_problem(manifest) -> str | None:
    """What makes ``manifest`` (parsed JSON) not a provenance manifest, naming the key; None when it is one.

    A manifest is an object whose ``files`` holds ``inputs``, ``code``, ``outputs`` and ``other``, each
    mapping a file name to its SHA-256; ``root`` is a string, ``walked`` and ``excluded`` lists of folder and
    file names, ``code_fingerprints`` and ``versions`` map names to strings
    (:func:`plssem_pipeline.audit.manifest.build_manifest`).
    """
    if not isinstance(manifest, dict):
        return f"expected a JSON object with a 'files' section, got a JSON {type(manifest).__name__}"
    files = manifest.get("files")
    if not isinstance(files, dict):
        return ("no 'files' section" if files is None else
                f"key 'files': expected an object with {', '.join(FILE_GROUPS)}, got a JSON {type(files).__name__}")
    for group in FILE_GROUPS:
        if group not in files:
            return f"key 'files.{group}' is missing"
        if not _hash_map(files[group]):
            return f"key 'files.{group}': expected an object mapping file names to SHA-256 hashes"
    checks = {"root": lambda v: isinstance(v, str), "walked": _names, "excluded": _names,
              "code_fingerprints": lambda v: v is None or _hash_map(v), "versions": lambda v: v is None or _hash_map(v)}
    for key, valid in checks.items():
        if key in manifest and not valid(manifest[key]):
            return f"key '{key}' has the wrong type ({type(manifest[key]).__name__})"
    for folder in manifest.get("walked", []):      # walked again: a folder of the project, not the whole disk
        if not folder or Path(folder).is_absolute() or ".." in Path(folder).parts:
            return f"key 'walked': {folder!r} is not a folder inside the project (results, report)"
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plssem_pipeline.verify",
                                     description="Verify a results folder against results/provenance.json.")
    parser.add_argument("manifest", nargs="?", default="results/provenance.json",
                        help="the manifest written by the provenance rule (default: results/provenance.json)")
    parser.add_argument("--root", help="project directory (default: the manifest's recorded root, "
                                       "normally the folder above results/)")
    args = parser.parse_args(argv)
    try:
        with open(args.manifest, encoding="utf-8") as handle:
            manifest = json.load(handle)
    except OSError as error:
        print(printable(f"Error: {args.manifest}: cannot read the manifest: {error.strerror}"), file=sys.stderr)
        return 2
    except (ValueError, RecursionError) as error:   # JSONDecodeError, UnicodeDecodeError, nesting too deep
        print(printable(f"Error: {args.manifest}: not a JSON manifest ({error})"), file=sys.stderr)
        return 2
    problem = shape_problem(manifest)
    if problem:
        print(printable(f"Error: {args.manifest}: not a provenance manifest: {problem}"), file=sys.stderr)
        return 2
    result = verify_manifest(manifest, args.manifest, root=args.root)
    print(printable(result.report(args.manifest)))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
