"""The PLS path-modelling algorithm on correlation matrices, batched.

Wold's and Lohmöller's iterative PLS algorithm (Lohmöller 1989, ch. 2.3;
Tenenhaus et al. 2005, sec. 2) needs the indicator data only through the
indicator correlation matrix ``S`` once the indicators are standardised:
every quantity it forms (covariances of indicators with construct scores,
construct correlations, regression coefficients) is a product of ``S`` with
the outer-weight matrix ``W``. This module runs the algorithm on a stack of
correlation matrices ``S`` of shape ``(b, p, p)`` at once, so that one call
estimates the original sample (``b = 1``), thousands of bootstrap subsamples or
``n`` jackknife samples without a Python loop over samples.

Notation (shapes with a leading batch axis ``b``):

``S``  (b, p, p)  indicator correlations (standardised indicators, n - 1 divisor)
``W``  (b, p, k)  outer weights; zero outside each construct's block; the
                  construct scores ``Y = Z W`` have unit variance: ``diag(W'SW) = 1``
``R``  (b, k, k)  construct-score correlations ``W'SW``
``C``  (b, p, k)  indicator-score correlations ``SW``: loadings on the block,
                  cross-loadings elsewhere
``E``  (b, k, k)  inner weights; ``E[i, j]`` weighs score ``i`` in the inner
                  proxy of construct ``j``
``B``  (b, k, k)  path coefficients; ``B[i, j]`` is the effect of ``i`` on ``j``

Each sample's iterations stop on their own criterion; a converged sample is
frozen while the others go on, so a sample's result never depends on which
other samples share its batch (the bootstrap relies on this for results that are
identical for any chunking). For the same reason reductions are written as
stacked ``matmul`` and axis sums, whose order of operations does not depend on
the batch size, rather than ``einsum``, whose vectorised loops may.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Model

__all__ = ["PLSCore", "SCHEMES", "fit_correlations", "path_coefficients", "solve_batched"]

#: The inner weighting schemes (Lohmöller 1989; SmartPLS 4's default is ``"path"``).
SCHEMES = ("path", "centroid", "factorial")


@dataclass
class PLSCore:
    """Raw arrays of a batched PLS estimation (see module docstring for shapes).

    The first axis of every array indexes the ``b`` samples estimated together:
    one for a single estimation, a chunk of subsamples for the bootstrap.

    Attributes
    ----------
    weights : ndarray (b, p, k)
        Outer weights, scaled so that every construct score has unit variance.
    cross_loadings : ndarray (b, p, k)
        Correlation of every indicator with every construct score; the outer
        loadings are its entries on the block mask.
    construct_correlations : ndarray (b, k, k)
    paths : ndarray (b, k, k)
        ``paths[:, i, j]`` is the coefficient of ``i -> j`` (zero where no path).
    r2 : ndarray (b, k)
        R² of each construct's structural regression (NaN for exogenous constructs).
    iterations : ndarray (b,) of int
        Outer-weight updates performed.
    converged : ndarray (b,) of bool
        Whether the stop criterion was met within ``max_iter`` updates.
    failed : ndarray (b,) of bool
        Samples whose estimation broke down (non-finite correlations, a singular
        block or structural regression); their arrays are NaN.
    """

    weights: np.ndarray
    cross_loadings: np.ndarray
    construct_correlations: np.ndarray
    paths: np.ndarray
    r2: np.ndarray
    iterations: np.ndarray
    converged: np.ndarray
    failed: np.ndarray


def solve_batched(a: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``a[i] x[i] = rhs[i]`` for a stack of systems, flagging singular ones.

    Parameters
    ----------
    a : ndarray (b, m, m)
    rhs : ndarray (b, m) or (b, m, r)

    Returns
    -------
    x : ndarray like ``rhs``
        NaN for singular systems.
    singular : ndarray (b,) of bool
        Systems that are singular or not finite. LAPACK's ``gesv`` refuses the
        whole stack if one matrix is singular; only then are the systems solved
        one at a time, to find which.
    """
    vector = rhs.ndim == a.ndim - 1
    rhs3 = rhs[..., None] if vector else rhs
    bad = ~np.isfinite(a).all(axis=(-2, -1)) | ~np.isfinite(rhs3).all(axis=(-2, -1))
    x = np.full(rhs3.shape, np.nan)
    ok = np.flatnonzero(~bad)
    try:
        x[ok] = np.linalg.solve(a[ok], rhs3[ok])
    except np.linalg.LinAlgError:
        for i in ok:
            try:
                x[i] = np.linalg.solve(a[i], rhs3[i])
            except np.linalg.LinAlgError:
                bad[i] = True
    return (x[..., 0] if vector else x), bad


def path_coefficients(corr: np.ndarray, model: Model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """OLS path coefficients and R² from construct correlations.

    For each endogenous construct ``j`` with predecessors ``P``,
    ``B[P, j] = R[P, P]^{-1} R[P, j]`` and ``R²_j = B[P, j]' R[P, j]``
    (standardised OLS; Hair et al. 2022, ch. 6).

    Returns
    -------
    paths : ndarray (b, k, k)
    r2 : ndarray (b, k), NaN for exogenous constructs
    singular : ndarray (b,) of bool
    """
    b, k, _ = corr.shape
    paths = np.zeros((b, k, k))
    r2 = np.full((b, k), np.nan)
    singular = np.zeros(b, dtype=bool)
    for j in model.endogenous:
        pred = model.predecessors(j)
        coef, bad = solve_batched(corr[:, pred[:, None], pred], corr[:, pred, j])
        paths[:, pred, j] = coef
        r2[:, j] = (coef * corr[:, pred, j]).sum(axis=1)
        singular |= bad
    return paths, r2, singular


def _inner_weights(corr: np.ndarray, model: Model, scheme: str) -> tuple[np.ndarray, np.ndarray]:
    """Inner weights ``E`` (Lohmöller 1989, sec. 2.3.2; Hair et al. 2022, ch. 3).

    * centroid: ``E[i, j] = sign(R[i, j])`` for adjacent constructs;
    * factorial: ``E[i, j] = R[i, j]`` for adjacent constructs;
    * path: a successor ``i`` of ``j`` (``j -> i``) is weighted by ``R[i, j]``;
      the predecessors of ``j`` by their coefficients in the regression of
      ``j`` on them.
    """
    adj = model.path_matrix.astype(float)
    if scheme == "path":
        paths, _, singular = path_coefficients(corr, model)
        return corr * adj.T + paths, singular
    both = adj + adj.T
    singular = np.zeros(corr.shape[0], dtype=bool)
    if scheme == "centroid":
        return np.sign(corr) * both, singular
    return corr * both, singular


def _normalise(weights: np.ndarray, corr_ind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scale each construct's weights so that its score has unit variance.

    Returns the scaled weights and ``S W`` for them (the indicator-score
    correlations, which the next iteration starts from).
    """
    ind_score = corr_ind @ weights
    var = (ind_score * weights).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = 1 / np.sqrt(var)[:, None, :]
    return weights * scale, ind_score * scale


def _exact_single_items(weights: np.ndarray, cross: np.ndarray, model: Model) -> None:
    """Set the weight and loading of every single-indicator construct to exactly ±1, in place.

    A construct measured by one indicator *is* that indicator (standardised): its
    weight and loading are 1 by construction (Hair et al. 2022, ch. 4), up to the
    orientation the algorithm gives it. Computed, they come out as ``1/sqrt(S_ii)``
    and ``sqrt(S_ii)`` with ``S_ii`` one to rounding, so a bootstrap would report an
    SD of ~1e-16 and a t of ~1e16 for a statistic that cannot vary. Which entries are
    fixed is decided from the model (blocks of one indicator), never from the numbers;
    NaN (a failed sample) stays NaN. ``weights`` and ``cross`` are ``(b, p, k)``.
    """
    for j, block in enumerate(model.blocks):
        if block.size == 1:
            i = block[0]
            weights[:, i, j] = np.sign(weights[:, i, j])
            cross[:, i, j] = np.sign(cross[:, i, j])


def _outer_update(
    corr_ind: np.ndarray, weights: np.ndarray, ind_score: np.ndarray, model: Model, mask: np.ndarray, scheme: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One iteration: inner proxies from the current scores, then new outer weights.

    Mode A: ``w_j = cor(x_j, z_j)``, the covariances of the block's indicators
    with the inner proxy ``z_j``. Mode B: ``w_j = S_jj^{-1} cor(x_j, z_j)``, the
    OLS regression of the proxy on the block (Lohmöller 1989, sec. 2.3.3).
    """
    corr = np.swapaxes(weights, 1, 2) @ ind_score      # (b, k, k); ind_score = S W, (b, p, k)
    inner, singular = _inner_weights(corr, model, scheme)
    ind_proxy = ind_score @ inner                      # (b, p, k): cov(x, z_j)
    new = ind_proxy * mask
    for j, block in enumerate(model.blocks):
        if model.constructs[j].mode == "B":
            coef, bad = solve_batched(corr_ind[:, block[:, None], block], ind_proxy[:, block, j])
            new[:, block, j] = coef
            singular |= bad
    return *_normalise(new, corr_ind), singular


def fit_correlations(corr_ind: np.ndarray, model: Model, *, scheme: str = "path", max_iter: int = 300,
                     tol: float = 1e-7) -> PLSCore:
    """Estimate a PLS path model on each of a stack of indicator correlation matrices.

    Parameters
    ----------
    corr_ind : ndarray (b, p, p) or (p, p)
        Correlations of the standardised indicators, in ``model.indicator_names`` order.
    model : Model
    scheme : {"path", "centroid", "factorial"}
        Inner weighting scheme; ``"path"`` is SmartPLS's default.
    max_iter : int
        At most this many outer-weight updates (SmartPLS default 300).
    tol : float
        Stop when the sum of absolute changes of the outer weights between two
        updates falls below ``tol`` (SmartPLS default 1e-7; seminr uses the same
        sum-of-absolute-changes criterion).

    Returns
    -------
    PLSCore
        With a leading batch axis even for a single ``(p, p)`` input.

    Notes
    -----
    Initial outer weights are 1 for every indicator (SmartPLS default), scaled to
    unit-variance scores. No sign correction is applied: each construct keeps
    the orientation the unit starting weights give it, as in SmartPLS (which
    reports, e.g., negative paths between constructs whose indicators correlate
    negatively instead of flipping a construct).
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown weighting scheme {scheme!r}; expected one of {SCHEMES}")
    corr_ind = np.asarray(corr_ind, dtype=float)
    if corr_ind.ndim == 2:
        corr_ind = corr_ind[None]
    b = corr_ind.shape[0]
    mask = model.block_mask.astype(float)
    weights, cross = _normalise(np.broadcast_to(mask, (b,) + mask.shape).copy(), corr_ind)
    iterations = np.zeros(b, dtype=int)
    converged = np.zeros(b, dtype=bool)
    failed = ~np.isfinite(weights).all(axis=(1, 2))
    active = np.flatnonzero(~failed)
    sub = corr_ind[active]
    while active.size and iterations[active[0]] < max_iter:
        new, new_cross, singular = _outer_update(sub, weights[active], cross[active], model, mask, scheme)
        change = np.abs(new - weights[active]).reshape(active.size, -1).sum(axis=1)
        weights[active] = new
        cross[active] = new_cross
        iterations[active] += 1
        broken = singular | ~np.isfinite(change)
        failed[active[broken]] = True
        done = (change < tol) & ~broken
        converged[active[done]] = True
        keep = ~(done | broken)
        if not keep.all():
            active, sub = active[keep], sub[keep]

    _exact_single_items(weights, cross, model)
    corr = np.swapaxes(weights, 1, 2) @ cross
    paths, r2, singular = path_coefficients(corr, model)
    failed |= singular
    for arr in (weights, cross, corr, paths, r2):
        arr[failed] = np.nan
    return PLSCore(weights, cross, corr, paths, r2, iterations, converged, failed)
