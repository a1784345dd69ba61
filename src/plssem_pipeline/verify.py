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
manifest cannot be read.
"""
from __future__ import annotations

import argparse
import json
import sys

from .audit.manifest import verify_manifest

__all__ = ["main"]


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
        print(f"Error: {args.manifest}: cannot read the manifest: {error.strerror}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as error:
        print(f"Error: {args.manifest}: not a JSON manifest ({error})", file=sys.stderr)
        return 2
    if not isinstance(manifest, dict) or "files" not in manifest:
        print(f"Error: {args.manifest}: not a provenance manifest (no 'files' section)", file=sys.stderr)
        return 2
    result = verify_manifest(manifest, args.manifest, root=args.root)
    print(result.report(args.manifest))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
