"""The suite's shared Snakemake runs, made in the background while other tests run.

Most of the suite's time is the real ``snakemake`` building test projects, and a build runs one
job at a time most of the time (the DAG is mostly a chain), so on two cores one core would idle.
Each run that tests share is registered here under a name, with the fixture that returns it
(:func:`register`). When a session starts, ``tests/conftest.py`` hands the pool the runs its
selected tests use, in the order they first need them, and :data:`WORKERS` background threads
make them while the tests run. A fixture asks for a run with :func:`result`: it gets the finished
run, waits for one under way, or makes one nobody has started yet itself, at once. A run that
failed raises its error again in every test that asks for it, as a failing fixture does.

A run's ``build`` gets a fresh directory and returns what the fixture returns (usually that
directory). It must not depend on the state of the test that first asks for it: the environment
and the working directory are not the test's (``pipeline_helpers.snakemake`` passes the
environment the session started with).

A run registered with ``waits=True`` spends its time waiting on something else (the cluster test's
run, whose jobs a SLURM scheduler runs): it gets a thread of its own when the session starts, and
takes no worker from the runs that use the cores; the tests that use it run last (``tests/conftest.py``).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Background threads making runs (each run is one ``snakemake``, which may itself use 2 cores);
#: ``PLSSEM_TEST_RUN_WORKERS=0`` makes each run in the first test that needs it, and nothing in the background.
WORKERS = int(os.environ.get("PLSSEM_TEST_RUN_WORKERS", "2"))


@dataclass
class _Run:
    build: Callable[[Path], object]
    fixtures: tuple[str, ...]
    waits: bool = False
    state: str = "pending"                  # pending -> running -> done
    result: object = None
    error: BaseException | None = None
    finished: threading.Event = field(default_factory=threading.Event)


_RUNS: dict[str, _Run] = {}
_LOCK = threading.Lock()
_QUEUE: list[str] = []
_THREADS: list[threading.Thread] = []
_FACTORY = []                               # the session's tmp_path_factory, once known


def register(name: str, build: Callable[[Path], object], *fixtures: str, waits: bool = False) -> None:
    """Register the run ``name`` made by ``build``, used through the fixtures ``fixtures``.

    ``waits``: the run mostly waits (on a batch scheduler), so it is made on a thread of its own from
    the session's start instead of by a worker. The first registration of a name counts (a module may
    be imported by several folders' tests).
    """
    with _LOCK:
        _RUNS.setdefault(name, _Run(build, fixtures, waits))


def needed(items) -> list[str]:
    """The registered runs the selected tests use, in the order of their first use.

    ``items``: the session's tests, in run order. A run's fixture is a fixture name, or
    ``"<test file name>::<fixture name>"`` for a fixture name several test files use.
    """
    order: list[str] = []
    for item in items:
        names = set(item.fixturenames) | {f"{item.path.name}::{name}" for name in item.fixturenames}
        order += [run_name for run_name, run in _RUNS.items()
                  if run_name not in order and names.intersection(run.fixtures)]
    return order


def waits_for(item) -> bool:
    """Whether the test ``item`` uses a run registered with ``waits=True`` (the session runs such tests last)."""
    names = set(item.fixturenames) | {f"{item.path.name}::{name}" for name in item.fixturenames}
    return any(run.waits and names.intersection(run.fixtures) for run in _RUNS.values())


def start(tmp_path_factory, order: list[str], workers: int = WORKERS) -> None:
    """Start making the runs ``order`` (registered names) on ``workers`` background threads."""
    tmp_path_factory.getbasetemp()          # the session's temporary directory, made once, here
    with _LOCK:
        _FACTORY[:] = [tmp_path_factory]
        waiting = [name for name in order if workers and _RUNS[name].waits and _RUNS[name].state == "pending"]
        for name in waiting:
            _RUNS[name].state = "running"
        _QUEUE[:] = [name for name in order if _RUNS[name].state == "pending"]
    threads = [threading.Thread(target=_make, args=(name,), name=f"waiting-run-{name}", daemon=True)
               for name in waiting]
    threads += [threading.Thread(target=_work, name="snakemake-runs", daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
        _THREADS.append(thread)


def stop() -> None:
    """Start no further run; wait for the runs under way (their ``snakemake`` processes) to end."""
    with _LOCK:
        _QUEUE.clear()
    for thread in _THREADS:
        thread.join()
    _THREADS.clear()


def result(name: str, tmp_path_factory=None):
    """What run ``name``'s build returned: made here if nobody started it yet, else awaited.

    ``tmp_path_factory``: the session's, where the run's directory is made (a build asking for
    another run, in the session's pool, need not pass it).

    Raises
    ------
    BaseException
        The error the build raised (a failed ``snakemake``, a ``pytest.skip``).
    """
    run = _RUNS[name]
    with _LOCK:
        if not _FACTORY and tmp_path_factory is not None:
            _FACTORY.append(tmp_path_factory)
        mine = run.state == "pending"
        if mine:
            run.state = "running"
    if mine:
        _make(name)
    run.finished.wait()
    if run.error is not None:
        raise run.error
    return run.result


def _work() -> None:
    while True:
        with _LOCK:
            name = next((n for n in _QUEUE if _RUNS[n].state == "pending"), None)
            _QUEUE[:] = [n for n in _QUEUE if _RUNS[n].state == "pending" and n != name]
            if name is None:
                return
            _RUNS[name].state = "running"
        _make(name)


def _make(name: str) -> None:
    run = _RUNS[name]
    try:
        with _LOCK:
            directory = _FACTORY[0].mktemp(name.replace("/", "_"))
        run.result = run.build(directory)
    except BaseException as error:          # noqa: BLE001 (a skip or a failure, raised again by result())
        run.error = error
    finally:
        run.state = "done"
        run.finished.set()
