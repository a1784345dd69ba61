"""Fixtures of the bad-input tests: the corpus, its cases run through the entry points and through Snakemake.

The helpers that copy the project and run the real ``snakemake`` live in
``tests/pipeline/pipeline_helpers.py`` and are reused, not copied; the corpus
itself is ``badinput_corpus.py`` (module names unique across test folders).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "pipeline"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import pytest  # noqa: E402


from badinput_runs import Runs  # noqa: E402


@pytest.fixture(scope="session")
def snakemake_runs(tmp_path_factory) -> Runs:
    """Every Snakemake run of the bad-input tests (badinput_runs.RUNS), each made once, in the background."""
    return Runs(tmp_path_factory)
