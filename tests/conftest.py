"""Session-wide set-up of the suite: the shared Snakemake runs start in the background.

The runs the selected tests use (``run_pool_helpers``, registered by the folders' conftest.py and
the test modules) are started when the session's first test starts, in the order the tests need
them, and made while the other tests run (see ``tests/pipeline/run_pool_helpers.py``). With a
background build taking a core, a test's own timing means nothing, so Hypothesis sets no deadline.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

PIPELINE = str(Path(__file__).resolve().parent / "pipeline")
if PIPELINE not in sys.path:
    sys.path.insert(0, PIPELINE)

import run_pool_helpers  # noqa: E402  (tests/pipeline/run_pool_helpers.py)

settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


def pytest_collection_modifyitems(items):
    """The tests of a run that waits on a scheduler go last (in their order): the run is made meanwhile."""
    items.sort(key=run_pool_helpers.waits_for)


@pytest.fixture(scope="session", autouse=True)
def _shared_runs(request, tmp_path_factory):
    """Start the shared runs the session's tests use; at the end, wait for the ones under way."""
    run_pool_helpers.start(tmp_path_factory, run_pool_helpers.needed(request.session.items))
    yield
    run_pool_helpers.stop()
