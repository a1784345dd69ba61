"""The model and the estimation settings a study's configuration describes."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["indicator_lists", "redundancy_items", "model_from_config", "model_effects", "algorithm_options",
           "chunk_ranges"]


def indicator_lists(constructs: Mapping, controls: Mapping | None = None) -> dict[str, list[str]]:
    """``construct -> [indicators]`` from the ``constructs`` config section (a higher-order construct: ``[]``),
    then each control variable of config ``controls`` as the single-item construct ``column -> [column]``."""
    out = {str(name): [str(i) for i in spec.get("indicators") or ()] for name, spec in constructs.items()}
    return {**out, **{str(column): [str(column)] for column in controls or {}}}


def redundancy_items(constructs: Mapping) -> dict[str, str]:
    """``construct -> global single item`` of the constructs that name one (``constructs.<C>.redundancy``)."""
    return {str(name): str(spec["redundancy"]) for name, spec in constructs.items() if spec.get("redundancy")}


def model_from_config(constructs: Mapping, paths: Sequence[str], *, moderation: Mapping | None = None,
                      controls: Mapping | None = None):
    """Build the :class:`plssem.Model` of the ``constructs``, ``paths``, ``moderation`` and ``controls`` config
    sections (:func:`.extensions.model_spec`)."""
    from .extensions import model_from_spec, model_spec

    return model_from_spec(model_spec({"constructs": constructs, "paths": paths, "moderation": moderation,
                                       "controls": controls}))


def model_effects(model, roles: Mapping[str, str] | None = None) -> set:
    """The effects a hypothesis may name: structural paths ``"A -> B"`` and specific indirect effects
    ``"A -> M -> B"`` (every route of two or more paths, :meth:`plssem.Model.mediated_paths`).

    With the study's ``roles`` (:func:`.extensions.roles`), not: the paths of control variables, the
    paths from a higher-order construct to its dimensions, and the routes that are no mediation routes
    (:func:`.extensions.is_mediation_route`). An interaction term's path is an effect.
    """
    from plssem import statistics

    from .extensions import is_mediation_route

    roles = roles or {}
    labels = statistics.labels(model)
    paths = {(r["source"], r["target"]) for r in labels["paths"]}
    return ({f"{s} -> {t}" for s, t in paths if is_mediation_route((s, t), roles) or roles.get(s) == "interaction"}
            | {r["path"] for r in labels["specific_indirect"]
               if is_mediation_route(tuple(n.strip() for n in r["path"].split("->")), roles)})


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
