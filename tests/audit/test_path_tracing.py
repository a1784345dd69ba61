"""The structural check's arithmetic batched over the corners of a rounding box equals it corner by corner.

``RSquareSystem`` solves the exogenous correlations for every corner in one array computation; here each
batch is compared with the same system called on one corner at a time (a batch of one), and with the
rounding box's bounds of ``value_range`` computed both ways, on the example paper's Tables 4 and 5 and on
random recursive models (with two or three exogenous constructs, so that some R² determine a correlation,
some predict and some are solved jointly).
"""
import itertools

import numpy as np
import pytest
import yaml

from plssem_pipeline.audit.consistency import implied_correlations, value_range
from plssem_pipeline.audit.consistency.path_tracing import PathTracing, RSquareSystem
from plssem_pipeline.audit.published import Printed

from audit_helpers import PAPER


def _system(predecessors: dict[str, list[str]], targets: list[str]) -> RSquareSystem:
    names = list(predecessors)
    links = [(s, t) for t in names for s in predecessors[t]]
    exogenous = [n for n in names if not predecessors[n]]
    return RSquareSystem(PathTracing(names, names, predecessors, links), list(itertools.combinations(exogenous, 2)),
                         targets)


def _random_case(seed: int):
    """A random recursive model (names in topological order), its paths and R² near a consistent solution."""
    rng = np.random.default_rng(seed)
    exogenous = [f"X{i}" for i in range(int(rng.integers(2, 4)))]
    endogenous = [f"Y{i}" for i in range(int(rng.integers(1, 4)))]
    predecessors = {x: [] for x in exogenous}
    for k, y in enumerate(endogenous):
        before = exogenous + endogenous[:k]
        chosen = rng.choice(len(before), size=int(rng.integers(1, len(before) + 1)), replace=False)
        predecessors[y] = [before[i] for i in sorted(chosen)]
    unused = [x for x in exogenous if not any(x in p for p in predecessors.values())]
    predecessors[endogenous[-1]] = sorted(set(predecessors[endogenous[-1]]) | set(unused), key=list(predecessors).index)
    system = _system(predecessors, endogenous)
    paths = np.round(rng.uniform(-0.2, 0.5, len(system.tracing.links)), 3)
    r2 = np.round(rng.uniform(0.1, 0.8, len(endogenous)), 3)
    return system, paths, r2


def _corners(paths: np.ndarray, r2: np.ndarray, rng, count: int = 64) -> tuple[np.ndarray, np.ndarray]:
    x = np.concatenate([paths, r2])
    points = x + rng.choice([-0.0005, 0.0005], size=(count, x.size))
    points[0] = x
    return points[:, :paths.size], points[:, paths.size:]


def _assert_batch_equals_one_by_one(system: RSquareSystem, paths: np.ndarray, r2: np.ndarray):
    batch = system(paths, r2)
    for m in range(len(paths)):
        one = system(paths[m:m + 1], r2[m:m + 1])
        for batched, single in zip((batch[0], *batch[2:]), (one[0], *one[2:])):
            np.testing.assert_allclose(batched[m], single[0], rtol=0, atol=1e-12)


def _paper_case():
    tables = yaml.safe_load(PAPER.read_text(encoding="utf-8"))["tables"]
    rows, r2 = tables["table5_path_coefficients"]["rows"], tables["table4_r_squared"]["r2"]
    predecessors = {"KP": [], "EC": [], "IP": ["KP", "EC"], "KU": ["KP", "EC", "IP"]}
    system = _system(predecessors, ["IP", "KU"])
    return system, np.array([rows[f"{s} -> {t}"]["original"] for s, t in system.tracing.links]), \
        np.array([r2["IP"], r2["KU"]])


@pytest.mark.parametrize("case", ["paper", *range(12)])
def test_batched_corners_equal_corner_by_corner(case):
    system, paths, r2 = _paper_case() if case == "paper" else _random_case(case)
    _assert_batch_equals_one_by_one(system, *_corners(paths, r2, np.random.default_rng(1)))


def test_the_random_models_reach_every_role():
    roles = set()
    for seed in range(12):
        system, paths, r2 = _random_case(seed)
        roles |= {role for role, _ in system(paths[None], r2[None])[1].values()}
    assert roles == {"determines", "predicted", "joint"}


@pytest.mark.parametrize("case", ["paper", 0, 3, 7])
def test_value_range_batched_equals_the_loop(case):
    system, paths, r2 = _paper_case() if case == "paper" else _random_case(case)
    inputs = [Printed(float(v), 3) for v in (*paths, *r2)]
    split = len(paths)

    def smallest_eigenvalue(x):
        return np.linalg.eigvalsh(system(x[:, :split], x[:, split:])[2])[:, 0]

    def last_r2(x):
        return system(x[:, :split], x[:, split:])[3][:, -1]

    for function in (smallest_eigenvalue, last_r2):
        batched = value_range(function, inputs, batched=True)
        looped = value_range(lambda x: function(x[None])[0], inputs)
        assert batched == pytest.approx(looped, abs=1e-12, rel=0)


def test_the_batch_gives_the_correlations_of_path_tracing():
    """R of a batch row is implied_correlations' R at that row's paths and solved φ."""
    system, paths, r2 = _random_case(3)
    P, Y = _corners(paths, r2, np.random.default_rng(2), count=8)
    phi, _, R, _, _, _ = system(P, Y)
    predecessors = {n: [s for s, t in system.tracing.links if t == n] for n in system.tracing.names}
    for m in range(len(P)):
        single, _ = implied_correlations(system.tracing.names, system.tracing.names, predecessors,
                                         dict(zip(system.tracing.links, P[m])),
                                         dict(zip(system.unknowns, phi[m])))
        np.testing.assert_allclose(R[m], single, rtol=0, atol=1e-12)
