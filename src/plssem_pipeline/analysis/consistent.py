"""Consistent PLS (PLSc) in the steps: which constructs are common factors, and the inadmissible results.

PLSc (:mod:`plssem.consistent`) can give a reliability ρ_A above 1, a corrected
construct correlation above 1 in absolute value or a corrected correlation
matrix that is not positive definite (Dijkstra & Henseler 2015). Such results
are kept as computed; these functions count them for ``summary.json`` and put
them in a sentence for the log and the summary's warnings.
"""
from __future__ import annotations

__all__ = ["estimation_details", "bootstrap_details"]


def _pairs(names) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]


def _sentence(where: str, parts: list[str]) -> str:
    return (f"consistent PLS (PLSc) gave inadmissible results {where}: " + "; ".join(parts)
            + ". They are kept as computed, not corrected or dropped; a reliability or construct correlation "
            "above 1 usually means a common factor measured by too few or too weakly related indicators "
            "(see constructs.<C>.model and constructs.<C>.indicators)")


def estimation_details(result) -> tuple[dict, list[str]]:
    """PLSc details of one estimation and its warnings.

    Parameters
    ----------
    result : plssem.PLSResult

    Returns
    -------
    details : dict
        ``{}`` when no construct is a common factor; else ``common_factors`` (names),
        ``rho_a_above_1`` (constructs whose ρ_A exceeds 1), ``correlations_above_1``
        (``[construct_1, construct_2]`` pairs whose corrected correlation exceeds 1 in
        absolute value), ``not_positive_definite`` (bool) and ``inadmissible`` (bool).
    warnings : list of str
        One sentence when anything is inadmissible.
    """
    model = result.model
    if not model.common_factors:
        return {}, []
    names = list(model.construct_names)
    flags = result.admissibility
    rho = [names[j] for j in model.common_factors if flags.reliability[0, j]]
    pairs = [[a, b] for a, b in _pairs(names) if flags.correlations[0, names.index(a), names.index(b)]]
    not_pd = bool(flags.not_positive_definite[0])
    details = {"common_factors": [names[j] for j in model.common_factors], "rho_a_above_1": rho,
               "correlations_above_1": pairs, "not_positive_definite": not_pd,
               "inadmissible": bool(rho or pairs or not_pd)}
    parts = ([f"rho_A above 1 for {', '.join(rho)}"] if rho else []) \
        + ([f"a corrected construct correlation above 1 for {', '.join(a + '-' + b for a, b in pairs)}"]
           if pairs else []) \
        + (["the corrected construct-correlation matrix is not positive definite"] if not_pd else [])
    return details, ([_sentence("in the estimate", parts)] if parts else [])


def bootstrap_details(draws, model) -> tuple[dict, list[str]]:
    """Counts of bootstrap subsamples with inadmissible PLSc results, and a warning.

    Only subsamples whose PLS estimation converged are counted (the others are
    failures, reported as such); subsamples in which PLSc itself was undefined
    (ρ_A not positive) are among the failed ones *and* counted here.

    Parameters
    ----------
    draws : plssem.BootstrapDraws
        Merged draws, with :attr:`~plssem.BootstrapDraws.inadmissible` flags.
    model : plssem.Model

    Returns
    -------
    details : dict
        ``{}`` when no construct is a common factor; else ``common_factors``,
        ``subsamples_inadmissible`` (any kind), ``rho_a_above_1`` (construct ->
        count), ``correlations_above_1`` (``"A-B"`` -> count, pairs with a count only),
        ``not_positive_definite`` (count).
    warnings : list of str
    """
    import numpy as np

    if not model.common_factors:
        return {}, []
    names = list(model.construct_names)
    flags = {kind: np.asarray(values) & np.asarray(draws.converged).reshape((-1,) + (1,) * (np.ndim(values) - 1))
             for kind, values in draws.inadmissible.items()}
    rho = {names[j]: int(flags["reliability"][:, j].sum()) for j in model.common_factors}
    pairs = {f"{a}-{b}": int(n) for (a, b), n in zip(_pairs(names), flags["correlations"].sum(axis=0)) if n}
    not_pd = int(flags["not_positive_definite"].sum())
    anyone = flags["reliability"].any(axis=1) | flags["correlations"].any(axis=1) | flags["not_positive_definite"]
    details = {"common_factors": [names[j] for j in model.common_factors],
               "subsamples_inadmissible": int(anyone.sum()), "rho_a_above_1": rho,
               "correlations_above_1": pairs, "not_positive_definite": not_pd}
    if not anyone.any():
        return details, []
    total = len(draws)
    parts = [f"{int(anyone.sum())} of {total} subsamples have at least one"] \
        + [f"rho_A above 1 for {c} in {n}" for c, n in rho.items() if n] \
        + [f"a corrected correlation above 1 for {p} in {n}" for p, n in pairs.items()] \
        + ([f"a corrected construct-correlation matrix that is not positive definite in {not_pd}"] if not_pd else [])
    return details, [_sentence("in bootstrap subsamples (details.plsc of results/bootstrap/summary.json)", parts)]
