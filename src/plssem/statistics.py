"""The statistics that are estimated once and bootstrapped, with their labels.

One function, :func:`collect`, turns a batched :class:`~plssem.algorithm.PLSCore`
into flat ``(b, m)`` arrays, one per family of statistics, and
:func:`labels` names their columns. The original estimation and every
bootstrap or jackknife sample go through the same code, so the bootstrap
distribution of a statistic is always the distribution of exactly what was
reported for the original sample.
"""
from __future__ import annotations

import numpy as np

from . import effects, moderation, quality
from .algorithm import PLSCore
from .model import Model

__all__ = ["FAMILIES", "labels", "collect", "reachable_pairs"]

#: Families of bootstrapped statistics, in report order.
FAMILIES = (
    "paths", "specific_indirect", "total_indirect", "total_effects",
    "loadings", "weights", "r2", "htmt", "reliability", "moderation", "moderated_mediation",
)


def reachable_pairs(model: Model, min_length: int = 1) -> list[tuple[int, int]]:
    """Sorted construct pairs ``(a, b)`` joined by a directed route of at least ``min_length`` paths."""
    if min_length > 1:
        return sorted({(r[0], r[-1]) for r in model.mediated_paths()})
    adj = model.path_matrix.astype(int)
    reach, power = adj.copy(), adj.copy()
    for _ in range(len(model.constructs)):
        power = power @ adj
        reach += power
    return sorted((int(a), int(b)) for a, b in zip(*np.nonzero(reach)))


def labels(model: Model) -> dict[str, list[dict[str, str]]]:
    """Column labels of each family: a list of dicts (the CSV key columns) in column order."""
    names = model.construct_names
    index = {n: j for j, n in enumerate(names)}
    path_pairs = [(index[s], index[t]) for s, t in model.paths]
    pair = lambda a, b: {"source": names[a], "target": names[b]}  # noqa: E731
    owner = model.indicator_construct
    k = len(names)
    return {
        "paths": [pair(a, b) for a, b in path_pairs],
        "specific_indirect": [
            {"path": " -> ".join(names[c] for c in route), "source": names[route[0]], "target": names[route[-1]]}
            for route in model.mediated_paths()
        ],
        "total_indirect": [pair(a, b) for a, b in reachable_pairs(model, 2)],
        "total_effects": [pair(a, b) for a, b in reachable_pairs(model)],
        "loadings": [{"construct": names[owner[i]], "indicator": ind} for i, ind in enumerate(model.indicator_names)],
        "weights": [{"construct": names[owner[i]], "indicator": ind} for i, ind in enumerate(model.indicator_names)],
        "r2": [{"construct": names[j]} for j in model.endogenous],
        "htmt": [{"construct_1": names[i], "construct_2": names[j]} for i in range(k) for j in range(i + 1, k)],
        "reliability": [{"statistic": s, "construct": names[j]} for s in quality.RELIABILITY for j in range(k)],
        "moderation": _moderation_labels(model),
        "moderated_mediation": _moderated_mediation_labels(model),
    }


_LEVEL_LABELS = ("-1", "0", "+1")


def _moderation_labels(model: Model) -> list[dict[str, str]]:
    """Rows of the ``moderation`` family: per term path, the raw coefficient, then the conditional effects."""
    names = model.construct_names
    out = []
    for t, _, _, target in moderation.moderation_rows(model):
        term = model.interactions[t]
        key = {"term": term.name, "iv": term.iv, "moderator": term.moderator, "target": names[target]}
        out.append({**key, "statistic": "raw_coefficient", "level": ""})
        out += [{**key, "statistic": "conditional_effect", "level": level} for level in _LEVEL_LABELS]
    return out


def _moderated_mediation_labels(model: Model) -> list[dict[str, str]]:
    """Rows of the ``moderated_mediation`` family: per moderated route, the index, then the conditional effects."""
    names = model.construct_names
    rows = moderation.moderation_rows(model)
    out = []
    for route, _, r in moderation.moderated_routes(model):
        term = model.interactions[rows[r][0]]
        key = {"path": " -> ".join(names[c] for c in route), "term": term.name, "moderator": term.moderator}
        out.append({**key, "statistic": "index", "level": ""})
        out += [{**key, "statistic": "conditional_indirect", "level": level} for level in _LEVEL_LABELS]
    return out


def collect(core: PLSCore, corr_ind: np.ndarray, model: Model,
            term_sd: np.ndarray | None = None, families: tuple[str, ...] = FAMILIES) -> dict[str, np.ndarray]:
    """Flatten a batched estimation into ``(b, m)`` arrays, columns as in :func:`labels`.

    ``term_sd`` ``(b, t)``: the interaction terms' unstandardised SDs (:func:`plssem.staging.fit_staged`);
    needed only when the model has interaction terms. ``families``: the families to compute (all by
    default; the group permutations need only some).
    """
    index = {n: j for j, n in enumerate(model.construct_names)}
    src = np.array([index[s] for s, _ in model.paths])
    tgt = np.array([index[t] for _, t in model.paths])
    total = effects.total_effects(core.paths)
    mask = model.block_mask
    k = len(model.constructs)
    iu = np.triu_indices(k, 1)
    indirect_pairs = np.array(reachable_pairs(model, 2), dtype=int).reshape(-1, 2)
    total_pairs = np.array(reachable_pairs(model), dtype=int).reshape(-1, 2)

    def reliability() -> np.ndarray:
        values = quality.construct_reliability(core.weights[:, mask], core.cross_loadings[:, mask], corr_ind, model)
        return np.concatenate([values[s] for s in quality.RELIABILITY], axis=1)

    make = {
        "paths": lambda: core.paths[:, src, tgt],
        "specific_indirect": lambda: effects.specific_indirect_effects(core.paths, model.mediated_paths()),
        "total_indirect": lambda: (total - core.paths)[:, indirect_pairs[:, 0], indirect_pairs[:, 1]],
        "total_effects": lambda: total[:, total_pairs[:, 0], total_pairs[:, 1]],
        "loadings": lambda: core.cross_loadings[:, mask],
        "weights": lambda: core.weights[:, mask],
        "r2": lambda: core.r2[:, list(model.endogenous)],
        "htmt": lambda: quality.htmt(corr_ind, model)[:, iu[0], iu[1]],
        "reliability": reliability,
        "moderation": lambda: moderation.moderation_statistics(core.paths, term_sd, model),
        "moderated_mediation": lambda: moderation.moderated_mediation_statistics(core.paths, term_sd, model),
    }
    return {name: make[name]() for name in families}
