"""The reference fixtures are the unchanged copies that ``SHA256SUMS`` lists.

Each folder of ``tests/fixtures/`` with a ``SHA256SUMS`` holds copies of the project's shared reference
files (provenance in its ``README.md``): ``smartpls-reference/`` for the engine tests, ``paper/`` (the
running example's transcript) for the paper-audit tests. ``SHA256SUMS`` gives the SHA-256 of each copy,
as computed on the shared originals. An edited, missing or unlisted fixture file fails here, so a changed
reference number cannot pass unnoticed.
"""
from __future__ import annotations

import hashlib

import pytest

from engine_support import FIXTURES

#: Every fixture folder that lists its copies' hashes (the smartpls-reference folder among them).
FOLDERS = sorted(p.parent for p in FIXTURES.parent.glob("*/SHA256SUMS"))
#: Files of a fixture folder that are documentation, not fixtures.
NOT_FIXTURES = {"README.md", "SHA256SUMS"}


def _listed(folder) -> dict[str, str]:
    """``SHA256SUMS`` as relative path -> hex digest (``sha256sum`` format: digest, two spaces, path)."""
    listed = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, path = line.split("  ", 1)
        assert path not in listed, f"{path} is listed twice"
        listed[path] = digest
    return listed


def test_the_fixture_folders_are_found():
    assert {FIXTURES, FIXTURES.parent / "paper"} <= set(FOLDERS)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_fixture_file_is_listed(folder):
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - NOT_FIXTURES
    listed = set(_listed(folder))
    assert not listed - present, f"listed in SHA256SUMS but missing: {sorted(listed - present)}"
    assert not present - listed, f"fixture files not in SHA256SUMS: {sorted(present - listed)}"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_fixture_files_match_their_sha256(folder):
    changed = [path for path, digest in _listed(folder).items()
               if hashlib.sha256((folder / path).read_bytes()).hexdigest() != digest]
    assert not changed, f"fixture files differ from the copied originals (SHA256SUMS): {changed}"
