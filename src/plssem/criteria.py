"""Information criteria of the structural regressions and Akaike weights, for model selection.

Sharma et al. (2019, "PLS-based model selection: the role of alternative
explanations in information systems research", Journal of the Association for
Information Systems 20(4), 346-397) compare competing PLS path models by
information criteria of each endogenous construct's OLS regression on its
``p_k`` antecedents' construct scores. With standardised scores the regression's
error sum of squares is ``SSE = (1 - R²)(n - 1)``, and

* ``AIC  = n·log(SSE/n) + 2(p_k + 1)``
* ``AICc = n·log(SSE/n) + n(n + p_k)/(n - p_k - 2)``
* ``BIC  = n·log(SSE/n) + (p_k + 1)·log n``
* ``HQ   = n·log(SSE/n) + 2(p_k + 1)·log(log n)``

(seminr's ``it_criteria`` gives AIC and BIC the same way). Sharma et al. recommend
BIC (and the geometric-mean criterion) for selecting among models, compared
through Akaike weights (Wagenmakers & Farrell 2004, "AIC model selection using
Akaike weights", Psychonomic Bulletin & Review 11(1), 192-196).
"""
from __future__ import annotations

import numpy as np

__all__ = ["information_criteria", "akaike_weights", "CRITERIA"]

#: The criteria of :func:`information_criteria`, in reporting order.
CRITERIA = ("AIC", "AICc", "BIC", "HQ")


def information_criteria(r2: np.ndarray, predictors: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """AIC, AICc, BIC and HQ of each endogenous construct's structural regression.

    Parameters
    ----------
    r2 : ndarray (k_endo,)
        R² of each endogenous construct.
    predictors : ndarray (k_endo,) of int
        Number of antecedent constructs ``p_k`` of each.
    n : int
        Number of observations.

    Returns
    -------
    dict of str -> ndarray (k_endo,)
        One array per name of :data:`CRITERIA` (formulas in the module docstring; Sharma et al. 2019).
        An R² outside ``[0, 1)`` (an inadmissible PLSc solution) gives NaN or ``-inf``.

    Raises
    ------
    ValueError
        If the shapes differ, a predictor count is below 1, or ``n <= p_k + 2`` (AICc undefined).
    """
    r2 = np.asarray(r2, dtype=float)
    predictors = np.asarray(predictors)
    if r2.ndim != 1 or predictors.shape != r2.shape:
        raise ValueError(f"information criteria need one R² and one predictor count per endogenous construct, "
                         f"got shapes {r2.shape} and {predictors.shape}")
    if predictors.size and predictors.min() < 1:
        raise ValueError(f"information criteria: every endogenous construct needs at least one predictor, "
                         f"got {predictors.tolist()}")
    if predictors.size and n <= predictors.max() + 2:
        raise ValueError(f"information criteria need more than p_k + 2 = {predictors.max() + 2} observations "
                         f"(AICc divides by n - p_k - 2), got n = {n}")
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = n * np.log((1 - r2) * (n - 1) / n)
    parameters = predictors + 1
    return {
        "AIC": fit + 2 * parameters,
        "AICc": fit + n * (n + predictors) / (n - predictors - 2),
        "BIC": fit + parameters * np.log(n),
        "HQ": fit + 2 * parameters * np.log(np.log(n)),
    }


def akaike_weights(values: np.ndarray) -> np.ndarray:
    """Akaike weights of competing models' criterion values (AIC, BIC, ...), along the last axis.

    ``w_m = exp(-Δ_m/2) / Σ_j exp(-Δ_j/2)`` with ``Δ_m = value_m - min_j value_j``
    (Wagenmakers & Farrell 2004; Burnham & Anderson 2002, sec. 2.9; seminr
    ``compute_itcriteria_weights``).

    Parameters
    ----------
    values : ndarray (..., m)
        Criterion values of ``m`` models (lower is better).

    Returns
    -------
    ndarray (..., m)
        Weights summing to 1 over the finite values. A NaN value gets a NaN weight and is left out of
        the minimum and the sum (as seminr's Python port); all NaN gives all NaN.
    """
    values = np.asarray(values, dtype=float)
    finite = ~np.isnan(values)
    with np.errstate(invalid="ignore"):
        best = np.min(np.where(finite, values, np.inf), axis=-1, keepdims=True)
        likelihood = np.exp(-0.5 * (values - best))
        return likelihood / np.nansum(likelihood, axis=-1, keepdims=True)
