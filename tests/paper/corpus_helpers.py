"""A small corpus for the command-line and workflow tests: the running example and three generated papers.

The example is the Markdown transcript in ``tests/fixtures/paper/`` (an unchanged copy of the shared one, see its
README); the others are written by
:mod:`generator` (a clean English Markdown paper, an Indonesian plain-text paper with a planted p-from-t error, an
English flattened one with a planted variance-explained error). :func:`digests` hashes every file below a folder, to
show that the inputs were left as they were and that two runs wrote the same bytes.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from generator import PaperSpec, corpus

ROOT = Path(__file__).resolve().parents[2]
#: The running example (the fixture copy, so that a clone runs the tests on its own: absent is an error, not a skip).
EXAMPLE = ROOT / "tests" / "fixtures" / "paper" / "nafia-komaryatin-2026-sentri.md"
HAND_FILE = ROOT / "data" / "published" / "nafia-komaryatin-2026.yaml"
SPECS = [PaperSpec("msme", "en", "markdown"),
         PaperSpec("service", "id", "plain", plant="p_from_t", table_commas=True),
         PaperSpec("adoption", "en", "flat", plant="variance_explained")]


def write_corpus(directory: Path) -> dict[str, dict | None]:
    """Write the four papers into ``directory``; file name -> the planted error's manifest entry (None: clean)."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLE, directory / EXAMPLE.name)
    planted = {EXAMPLE.name: None}
    for _, path, entry in corpus(SPECS, directory):
        planted[path.name] = entry
    return planted


def digests(directory: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below ``directory``."""
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}
