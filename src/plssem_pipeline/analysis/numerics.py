"""Numerical faults of an estimation: found, named, reported; never silently dropped.

The engine (:mod:`plssem`) flags what goes wrong numerically — a sample that
did not converge (``PLSResult.converged``), a singular Mode B block or
structural regression (``ModelError``), bootstrap subsamples that failed
(``BootstrapDraws.failed``) — and leaves it to the caller to tell the user.
This module is the pipeline's side of that contract:

* :func:`estimate` — :func:`plssem.estimate` with the config's algorithm
  settings, turning a breakdown into a :class:`UserError` that names the
  perfectly collinear constructs or indicators (:func:`diagnose_breakdown`);
* :func:`estimation_warnings` — non-convergence and undefined statistics
  (a singular block's VIF) of a successful estimate, as sentences for the
  log, the terminal and the step's ``summary.json``;
* :func:`bootstrap_failures` — how many subsamples failed, why, and which;
  a :class:`UserError` when fewer than two are usable.

No statistic of the model is computed here beyond ranks and correlations of
the data, used to say *which* columns make a matrix singular.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from ..errors import UserError
from ..study import algorithm_options

__all__ = ["estimate", "numerically_singular", "diagnose_breakdown",
           "estimation_warnings", "bootstrap_failures", "FAILURE_REASONS", "SINGULAR_CONDITION"]

#: Why a bootstrap subsample failed, in the order counted (see :func:`bootstrap_failures`).
FAILURE_REASONS = {
    "constant_indicator": "an indicator is constant in the subsample (its correlations are undefined)",
    "not_converged": "the algorithm did not converge within algorithm.max_iter iterations",
    "singular": "a singular matrix (Mode B block or structural regression) or non-finite values",
}


def estimate(data, model, algorithm: Mapping, *, source: str):
    """:func:`plssem.estimate` with the config's ``algorithm`` settings; faults become :class:`UserError`.

    Parameters
    ----------
    data : DataFrame
        The cleaned survey.
    model : plssem.Model
    algorithm : mapping
        The ``algorithm`` config section.
    source : str
        The file ``data`` was read from, named in messages.

    Raises
    ------
    UserError
        The engine refused the data (:class:`plssem.ModelError`), with the
        file named; for a breakdown (a singular Mode B block or structural
        regression) the message names the collinear constructs and indicators.
    """
    import plssem

    try:
        result = plssem.estimate(data, model, **algorithm_options(algorithm))
    except plssem.ModelError as error:
        if "broke down" in str(error):
            raise UserError(diagnose_breakdown(data, model), file=source) from None
        raise UserError(str(error), file=source) from None
    if numerically_singular(result):
        raise UserError(diagnose_breakdown(data, model), file=source)
    return result


#: Condition number above which a matrix counts as singular: its solution is then arbitrary
#: in the directions of its (numerical) null space.
SINGULAR_CONDITION = 1e12


def _condition(matrix) -> float:
    import numpy as np

    if not np.isfinite(matrix).all():
        return float("inf")
    try:
        return float(np.linalg.cond(matrix))
    except np.linalg.LinAlgError:
        return float("inf")


def numerically_singular(result) -> list[str]:
    """Mode B blocks and structural regressions of an estimate whose matrix is singular in floating point.

    LAPACK solves an exactly singular system without complaint when rounding
    leaves its pivots tiny rather than zero, and returns one arbitrary solution
    among infinitely many; the engine then reports weights or paths that mean
    nothing. A condition number above :data:`SINGULAR_CONDITION` is treated as
    the breakdown it is.

    Returns
    -------
    list of str
        ``"Mode B block X"`` / ``"regression of Y on A, B"`` for each singular matrix.
    """
    model = result.model
    names = model.construct_names
    corr = result.correlations
    found = []
    for j, construct in enumerate(model.constructs):
        block = model.blocks[j]
        if construct.mode == "B" and block.size > 1 and _condition(corr[block][:, block]) > SINGULAR_CONDITION:
            found.append(f"Mode B block {names[j]}")
    between = result.core.construct_correlations[0]
    for j in model.endogenous:
        pred = model.predecessors(j)
        if pred.size > 1 and _condition(between[pred][:, pred]) > SINGULAR_CONDITION:
            found.append(f"regression of {names[j]} on {', '.join(names[p] for p in pred)}")
    return found


def _rank(matrix) -> int:
    import numpy as np

    return int(np.linalg.matrix_rank(matrix)) if matrix.size else 0


def _collinear_pairs(z, names: Sequence[str], left, right=None, tol: float = 1e-10) -> list[str]:
    """``"a = b"`` / ``"a = -b"`` for indicator pairs whose correlation is ±1 (within ``tol``)."""
    import numpy as np

    n = z.shape[0]
    corr = z.T @ z / (n - 1)
    pairs = combinations(left, 2) if right is None else ((a, b) for a in left for b in right)
    out = []
    for a, b in pairs:
        r = corr[a, b]
        if abs(abs(r) - 1) < tol:
            kind = "identical after standardising" if r > 0 else "mirror images (r = -1)"
            out.append(f"{names[a]} and {names[b]} are {kind}")
    return out


def diagnose_breakdown(data, model) -> str:
    """Why the PLS estimation broke down: which Mode B block or structural regression is singular.

    A Mode B block is singular when its indicators are linearly dependent; the
    regression of a construct on its predecessors is singular when two (or
    more) predecessors are perfectly collinear, which requires their indicator
    blocks to be linearly dependent (e.g. one block copied from another).
    Both are found from ranks of the standardised data.
    """
    import numpy as np
    import plssem

    prepared = plssem.prepare(data, model, "none")
    z = prepared.standardized
    n = z.shape[0]
    names = list(model.indicator_names)
    constructs = list(model.construct_names)
    blocks = model.blocks
    found = []
    for j, construct in enumerate(model.constructs):
        block = blocks[j]
        if construct.mode == "B" and _rank(z[:, block]) < block.size:
            pairs = _collinear_pairs(z, names, block)
            found.append(f"the indicators of the Mode B construct {construct.name} are linearly dependent"
                         + (f" ({'; '.join(pairs)})" if pairs else "")
                         + f", so its regression weights are undefined: remove the redundant indicator(s) from "
                         f"constructs.{construct.name}.indicators")
    path_index = {pair: i for i, pair in enumerate(model.paths)}
    for j in model.endogenous:
        pred = [int(p) for p in model.predecessors(j)]
        if len(pred) < 2:
            continue
        target = constructs[j]
        dependent = []
        for a, b in combinations(pred, 2):
            za, zb = z[:, blocks[a]], z[:, blocks[b]]
            if _rank(np.hstack([za, zb])) < _rank(za) + _rank(zb):
                pairs = _collinear_pairs(z, names, blocks[a], blocks[b])
                dependent.append(f"{constructs[a]} and {constructs[b]}" + (f" ({'; '.join(pairs)})" if pairs else ""))
        if not dependent:
            union = np.hstack([z[:, blocks[a]] for a in pred])
            if _rank(union) < sum(_rank(z[:, blocks[a]]) for a in pred):
                dependent.append(" and ".join(constructs[a] for a in pred) + " together")
        if dependent:
            keys = ", ".join(f"paths[{path_index[(constructs[a], target)]}] ('{constructs[a]} -> {target}')"
                             for a in pred)
            total = sum(blocks[a].size for a in pred)
            small = (f" With {n} respondents, {total} indicators cannot be linearly independent: collect more "
                     "responses." if n - 1 < total else "")
            found.append(f"the structural regression of {target} on its predecessors is singular: the indicator "
                         f"blocks of {'; '.join(dependent)} are linearly dependent, so their construct scores can be "
                         f"perfectly collinear (a block copied from another construct?). Correct the data, or let "
                         f"only one of them point at {target} (config keys {keys}).{small}")
    if not found:
        found.append("a Mode B block or a structural regression has a singular correlation matrix, but no "
                     "linearly dependent indicators or blocks were found; check for indicators copied between "
                     "constructs")
    return "the PLS estimation broke down: " + "\n  ".join(found)


def estimation_warnings(result, algorithm: Mapping) -> list[str]:
    """Sentences about a successful but imperfect estimate (empty if none).

    * the algorithm stopped at ``algorithm.max_iter`` without meeting
      ``algorithm.tol`` (every estimate is then that of the last iteration);
    * a block whose VIF is undefined (singular correlation matrix).
    """
    import numpy as np

    options = algorithm_options(algorithm)
    out = []
    if not result.converged:
        out.append(f"the PLS algorithm did not converge: after {result.iterations} iterations (algorithm.max_iter = "
                   f"{options['max_iter']}) the outer weights still changed by more than algorithm.tol = "
                   f"{options['tol']:g}; every estimate reported is that of the last iteration. Raise "
                   "algorithm.max_iter (SmartPLS's default is 300) or check the data")
    model, corr = result.model, result.correlations
    vif = result.outer_vif
    bad = set(vif[~np.isfinite(vif.to_numpy())].index.get_level_values("construct"))
    for j, name in enumerate(model.construct_names):
        block = model.blocks[j]
        if name in bad or (block.size > 1 and _condition(corr[block][:, block]) > SINGULAR_CONDITION):
            out.append(f"the VIF of construct {name}'s indicators is undefined: their correlation matrix is "
                       "singular (linearly dependent indicators), so results/outer/vif.csv shows empty cells or "
                       "meaningless huge values for them; remove the redundant indicator(s) from "
                       f"constructs.{name}.indicators")
    return out


def _ids(ids, limit: int = 20) -> str:
    ids = [int(i) for i in ids]
    return ", ".join(map(str, ids[:limit])) + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def bootstrap_failures(draws, algorithm: Mapping) -> dict:
    """Count and classify the failed subsamples of a (merged) bootstrap.

    A subsample fails when an indicator is constant in it (it is flagged
    before the first iteration), when the algorithm does not converge within
    ``algorithm.max_iter`` iterations, or when a Mode B block or structural
    regression is singular in it. Failed subsamples are NaN in the draws, left
    out of every summary (``n_valid``) and listed in ``subsamples.csv``.

    Returns
    -------
    dict
        ``subsamples``, ``usable``, ``failed`` (count), ``failed_by_reason``
        (reason key -> count, see :data:`FAILURE_REASONS`), ``failed_ids``
        (reason key -> subsample indices), ``message`` (a sentence for the
        log, or ``""`` when none failed).

    Raises
    ------
    UserError
        Fewer than two usable subsamples: no standard error can be computed.
    """
    import numpy as np

    max_iter = algorithm_options(algorithm)["max_iter"]
    failed = np.asarray(draws.failed, dtype=bool)
    iterations = np.asarray(draws.iterations)
    converged = np.asarray(draws.converged, dtype=bool)
    ids = np.asarray(draws.subsample_ids)
    masks = {
        "constant_indicator": failed & (iterations == 0),
        "not_converged": failed & ~converged & (iterations >= max_iter),
    }
    masks["singular"] = failed & ~masks["constant_indicator"] & ~masks["not_converged"]
    total, n_failed = failed.size, int(failed.sum())
    why = ""

    counts = {key: int(mask.sum()) for key, mask in masks.items()}
    report = {
        "subsamples": int(total),
        "usable": int(total - n_failed),
        "failed": n_failed,
        "failed_by_reason": counts,
        "failed_ids": {key: ids[mask].tolist() for key, mask in masks.items() if mask.any()},
        "message": "",
    }
    if n_failed:
        why = "; ".join(f"{counts[key]} because {FAILURE_REASONS[key]}"
                        + (f" (max_iter = {max_iter})" if key == "not_converged" else "")
                        + f": subsample(s) {_ids(ids[masks[key]])}"
                        for key in FAILURE_REASONS if counts[key])
        report["message"] = (f"{n_failed} of {total} bootstrap subsamples failed ({why}). They are left out of "
                             f"every bootstrap summary (n_valid = {total - n_failed}) and marked failed in "
                             "results/bootstrap/subsamples.csv")
    if total - n_failed < 2:
        advice = []
        if counts["not_converged"]:
            advice.append("raise algorithm.max_iter (SmartPLS's default is 300)")
        if counts["constant_indicator"]:
            advice.append("check for indicators that (almost) never vary: a subsample that misses the few "
                          "respondents who answer differently makes them constant")
        if counts["singular"]:
            advice.append("check for (nearly) collinear indicators or constructs")
        advice = "; ".join(advice)
        raise UserError(f"{n_failed} of {total} bootstrap subsamples failed and {total - n_failed} are usable; "
                        f"at least 2 are needed for standard errors ({why if n_failed else 'none failed'})."
                        + (f" {advice[:1].upper()}{advice[1:]}." if advice else ""),
                        key="algorithm.max_iter" if counts["not_converged"] > n_failed / 2 else None)
    return report
