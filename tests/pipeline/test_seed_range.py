"""bootstrap.seed: every seed the schema accepts works end to end; beyond Philox's 128-bit key it is refused."""
import numpy as np
import pytest

import plssem
from plssem.bootstrap import MAX_SEED, resample_indices
from plssem_pipeline import io, study
from pipeline_helpers import ROOT, two_construct_sample

SCHEMA = study.load_schema(ROOT / "workflow" / "schemas" / "config.schema.yaml")


def _philox_accepts(key: int) -> bool:
    try:
        np.random.Philox(key=key)
    except ValueError:
        return False
    return True


def test_max_seed_is_philox_limit():
    """The engine's limit is the largest key numpy.random.Philox takes (checked against numpy, not typed in)."""
    assert _philox_accepts(MAX_SEED) and not _philox_accepts(MAX_SEED + 1)
    assert SCHEMA["properties"]["bootstrap"]["properties"]["seed"]["maximum"] == MAX_SEED


@pytest.mark.parametrize("seed", [0, 2**63, 2**64, MAX_SEED])
def test_engine_draws_with_large_seeds(seed):
    """Any seed up to 2**128 - 1 draws the same rows as Philox(key=seed) read directly."""
    direct = np.random.Generator(np.random.Philox(key=seed)).random((3, 8))
    assert np.array_equal(resample_indices(8, seed, 0, 3), np.minimum((direct * 8).astype(np.int64), 7))


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 2**200])
def test_engine_refuses_seed_outside_philox(seed):
    with pytest.raises(ValueError, match=r"from 0 to 2\*\*128 - 1"):
        resample_indices(8, seed, 0, 1)


@pytest.mark.parametrize("seed", [MAX_SEED + 1, 2**200])
def test_schema_refuses_seed_beyond_philox(seed):
    config = {"bootstrap": {"seed": seed}}
    problems = [p for p in study.schema_problems(config, SCHEMA) if "bootstrap" in p]
    assert problems and problems[0].startswith("config key bootstrap.seed:")
    assert "2**128 - 1" in problems[0]


def test_chunk_with_largest_seed_round_trips(tmp_path):
    """A chunk keyed by 2**128 - 1 saves and loads (NumPy has no integer type for it)."""
    model, z = two_construct_sample(40)
    draws = plssem.bootstrap(z, model, seed=MAX_SEED, start=0, stop=5)
    io.save_draws(tmp_path / "chunk.npz", draws, seed=MAX_SEED, engine="e")
    back, meta = io.load_draws(tmp_path / "chunk.npz")
    assert meta == {"seed": MAX_SEED, "engine": "e"}
    assert np.array_equal(back.values["paths"], draws.values["paths"], equal_nan=True)
