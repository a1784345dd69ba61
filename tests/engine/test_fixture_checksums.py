"""The reference fixtures are the unchanged copies that ``SHA256SUMS`` lists.

``tests/fixtures/smartpls-reference/`` holds copies of the project's shared reference
files (provenance in its ``README.md``). ``SHA256SUMS`` gives the SHA-256 of each
copy, as computed on the shared originals. An edited, missing or unlisted fixture
file fails here, so a changed reference number cannot pass unnoticed.
"""
from __future__ import annotations

import hashlib

from engine_support import FIXTURES

#: Files of the fixture folder that are documentation, not fixtures.
NOT_FIXTURES = {"README.md", "SHA256SUMS"}


def _listed() -> dict[str, str]:
    """``SHA256SUMS`` as relative path -> hex digest (``sha256sum`` format: digest, two spaces, path)."""
    listed = {}
    for line in (FIXTURES / "SHA256SUMS").read_text().splitlines():
        digest, path = line.split("  ", 1)
        assert path not in listed, f"{path} is listed twice"
        listed[path] = digest
    return listed


def test_every_fixture_file_is_listed():
    present = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file()} - NOT_FIXTURES
    listed = set(_listed())
    assert not listed - present, f"listed in SHA256SUMS but missing: {sorted(listed - present)}"
    assert not present - listed, f"fixture files not in SHA256SUMS: {sorted(present - listed)}"


def test_fixture_files_match_their_sha256():
    changed = [path for path, digest in _listed().items()
               if hashlib.sha256((FIXTURES / path).read_bytes()).hexdigest() != digest]
    assert not changed, f"fixture files differ from the copied originals (SHA256SUMS): {changed}"
