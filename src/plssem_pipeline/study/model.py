"""The model and the estimation settings a study's configuration describes."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["indicator_lists", "redundancy_items", "model_from_config", "model_effects", "algorithm_options",
           "chunk_ranges"]


def indicator_lists(constructs: Mapping) -> dict[str, list[str]]:
    """``construct -> [indicators]`` from the ``constructs`` config section."""
    return {str(name): [str(i) for i in spec["indicators"]] for name, spec in constructs.items()}


def redundancy_items(constructs: Mapping) -> dict[str, str]:
    """``construct -> global single item`` of the constructs that name one (``constructs.<C>.redundancy``)."""
    return {str(name): str(spec["redundancy"]) for name, spec in constructs.items() if spec.get("redundancy")}


def model_from_config(constructs: Mapping, paths: Sequence[str]):
    """Build the :class:`plssem.Model` of the ``constructs`` and ``paths`` config sections."""
    from plssem import Model

    spec = {str(name): {"indicators": [str(i) for i in c["indicators"]], "mode": c.get("mode", "A"),
                        "model": c.get("model", "composite")}
            for name, c in constructs.items()}
    return Model.from_spec(spec, list(paths))


def model_effects(model) -> set:
    """The effects a hypothesis may name: structural paths ``"A -> B"`` and specific indirect effects
    ``"A -> M -> B"`` (every route of two or more paths, :meth:`plssem.Model.mediated_paths`)."""
    from plssem import statistics

    labels = statistics.labels(model)
    return ({f"{r['source']} -> {r['target']}" for r in labels["paths"]}
            | {r["path"] for r in labels["specific_indirect"]})


def algorithm_options(algorithm: Mapping) -> dict:
    """Keyword arguments of :func:`plssem.estimate` from the ``algorithm`` section."""
    return {"scheme": algorithm.get("weighting", "path"), "max_iter": int(algorithm.get("max_iter", 300)),
            "tol": float(algorithm.get("tol", 1e-7))}


def chunk_ranges(samples: int, chunks: int) -> list[tuple[int, int]]:
    """Split subsamples ``0 .. samples-1`` into ``chunks`` contiguous ranges of near-equal size.

    >>> chunk_ranges(10, 3)
    [(0, 3), (3, 6), (6, 10)]
    """
    chunks = max(1, min(int(chunks), int(samples)))
    bounds = [i * samples // chunks for i in range(chunks + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(chunks)]
