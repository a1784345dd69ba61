"""Quality criteria of the measurement and structural models.

Every function works on a batch (leading axis ``b``) of indicator correlation
matrices, weights or loadings, so the bootstrap can use the same code as the
original estimation. Blocks follow :class:`plssem.model.Model`.
"""
from __future__ import annotations

import numpy as np

from .algorithm import solve_batched
from .model import Model

__all__ = [
    "cronbach_alpha", "composite_reliability", "average_variance_extracted", "rho_a", "RELIABILITY",
    "construct_reliability",
    "htmt", "fornell_larcker", "outer_vif", "full_collinearity_vif", "inner_vif", "f_squared",
    "implied_construct_correlations", "implied_indicator_correlations", "d_uls", "srmr",
]


def _submatrix_sums(corr: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sum of ``corr[:, rows, cols]`` for each sample, ``(b,)``.

    Copied to a contiguous ``(b, m)`` array first, so that the order of the
    additions depends on the block's size alone, never on the batch size or
    memory layout (bootstrap results must not depend on chunking).
    """
    sub = np.ascontiguousarray(corr[:, rows[:, None], cols])
    return sub.reshape(sub.shape[0], -1).sum(axis=1)


def _block_sums(values: np.ndarray, model: Model) -> np.ndarray:
    """Sum a per-indicator array ``(b, p)`` within each block -> ``(b, k)``.

    Row-wise sums over each block's contiguous copy: their order depends on the
    block alone, not on the batch size (a ``(b, p) @ (p, k)`` product goes
    through BLAS, whose blocking does), so bootstrap draws do not depend on chunking.
    """
    return np.stack([np.ascontiguousarray(values[:, block]).sum(axis=1) for block in model.blocks], axis=1)


def cronbach_alpha(corr_ind: np.ndarray, model: Model) -> np.ndarray:
    """Cronbach's α of each block on standardised indicators, ``(b, k)``.

    ``α = m/(m-1) · (1 - m / Σ_ij S_ij)`` for a block of ``m`` standardised
    indicators with correlation matrix ``S`` (Cronbach 1951; the standardised
    form that SmartPLS and seminr report). A single-indicator block has α = 1.
    """
    out = np.ones(corr_ind.shape[:1] + (len(model.constructs),))
    for j, block in enumerate(model.blocks):
        m = block.size
        if m > 1:
            total = _submatrix_sums(corr_ind, block, block)
            out[:, j] = m / (m - 1) * (1 - m / total)
    return out


def composite_reliability(loadings: np.ndarray, model: Model) -> np.ndarray:
    """Composite reliability ρ_C, ``(b, k)``, from outer loadings ``(b, p)``.

    ``ρ_C = (Σλ)² / ((Σλ)² + Σ(1 - λ²))`` (Jöreskog 1971; Hair et al. 2022, ch. 4).
    Single-indicator blocks give exactly 1.
    """
    total = _block_sums(loadings, model)
    error = _block_sums(1 - loadings**2, model)
    return total**2 / (total**2 + error)


def average_variance_extracted(loadings: np.ndarray, model: Model) -> np.ndarray:
    """AVE = mean of the squared outer loadings of each block (Fornell & Larcker 1981), ``(b, k)``."""
    sizes = model.block_mask.sum(axis=0)
    return _block_sums(loadings**2, model) / sizes


def rho_a(weights: np.ndarray, corr_ind: np.ndarray, model: Model) -> np.ndarray:
    """Dijkstra–Henseler ρ_A of each block, ``(b, k)``.

    ``ρ_A = (ŵ'ŵ)² · ŵ'(S - diag S)ŵ / ŵ'(ŵŵ' - diag(ŵŵ'))ŵ`` with ``ŵ`` the
    block's outer weights scaled to a unit-variance score (Dijkstra & Henseler
    2015, eq. 14). A single-indicator block has ρ_A = 1. The formula is applied
    to Mode B blocks as well, as SmartPLS does, although it is a reliability of a
    reflective measurement; seminr instead reports ρ_A = 1 for every Mode B block
    (its ``estimate/consistent.py``), so the two differ there.

    Parameters
    ----------
    weights : ndarray (b, p)
        Each indicator's weight on its own construct.
    """
    out = np.ones(weights.shape[:1] + (len(model.constructs),))
    for j, block in enumerate(model.blocks):
        if block.size > 1:
            w = weights[:, block]
            s = corr_ind[:, block[:, None], block]
            ww = (w * w).sum(axis=1)
            # elementwise products and row-wise sums, not ``s @ w``: a batched product's rounding may depend
            # on the batch size, and bootstrap draws must not depend on chunking
            sw = (s * w[:, None, :]).sum(axis=2)
            off = (sw * w).sum(axis=1) - (w * np.diagonal(s, axis1=1, axis2=2) * w).sum(axis=1)
            out[:, j] = ww**2 * off / (ww**2 - (w**4).sum(axis=1))
    return out


#: The reliability statistics of :func:`construct_reliability`, in SmartPLS's order
#: ("Construct reliability and validity": Cronbach's alpha, rho_a, rho_c, AVE).
RELIABILITY = ("cronbach_alpha", "rho_a", "rho_c", "ave")


def construct_reliability(weights: np.ndarray, loadings: np.ndarray, corr_ind: np.ndarray,
                          model: Model) -> dict[str, np.ndarray]:
    """Cronbach's α, ρ_A, ρ_C and AVE of every block, each ``(b, k)``: SmartPLS's construct reliability.

    The one definition used for the original estimate and for every bootstrap and
    jackknife sample (:mod:`plssem.statistics`).

    Parameters
    ----------
    weights : ndarray (b, p)
        Each indicator's (PLS) weight on its own construct; gives ρ_A (:func:`rho_a`).
    loadings : ndarray (b, p)
        Each indicator's loading on its own construct (the consistent loading for
        a PLSc common factor); gives ρ_C and AVE.
    corr_ind : ndarray (b, p, p)
        Indicator correlations; give α (:func:`cronbach_alpha`) and ρ_A.
    model : Model

    Returns
    -------
    dict
        :data:`RELIABILITY` name -> ``(b, k)`` array, constructs in model order.
    """
    return {
        "cronbach_alpha": cronbach_alpha(corr_ind, model),
        "rho_a": rho_a(weights, corr_ind, model),
        "rho_c": composite_reliability(loadings, model),
        "ave": average_variance_extracted(loadings, model),
    }


def htmt(corr_ind: np.ndarray, model: Model, *, absolute: bool = True) -> np.ndarray:
    """Heterotrait–monotrait ratio for every pair of constructs, ``(b, k, k)``, symmetric, NaN diagonal.

    ``HTMT_ij = mean|S_ij| / sqrt(mean|S_ii| · mean|S_jj|)`` where ``S_ij`` are the
    heterotrait correlations between blocks ``i`` and ``j`` and ``S_ii`` the
    off-diagonal monotrait correlations of block ``i`` (Henseler, Ringle &
    Sarstedt 2015, eq. 6). Absolute correlations are used, as in SmartPLS 4 and
    seminr, so that the ratio does not depend on how an indicator is coded;
    Henseler et al. define it on signed correlations, which coincide when all
    correlations are positive. A single-indicator block's monotrait mean is 1
    (seminr's convention).

    ``absolute=False`` gives that signed ratio: the same means of the correlations
    with their signs. It is NaN for a pair where either block's signed monotrait
    mean is not positive (the block's items do not correlate positively on
    average, so the ratio has no meaning).
    """
    a = np.abs(corr_ind) if absolute else corr_ind
    k = len(model.constructs)
    blocks = model.blocks
    mono = np.ones(a.shape[:1] + (k,))
    for j, block in enumerate(blocks):
        m = block.size
        if m > 1:
            diagonal = np.ascontiguousarray(a[:, block, block]).sum(axis=1)
            mono[:, j] = (_submatrix_sums(a, block, block) - diagonal) / (m * (m - 1))
    if not absolute:
        mono[mono <= 0] = np.nan
    out = np.full(a.shape[:1] + (k, k), np.nan)
    for i in range(k):
        for j in range(i + 1, k):
            hetero = _submatrix_sums(a, blocks[i], blocks[j]) / (blocks[i].size * blocks[j].size)
            with np.errstate(divide="ignore", invalid="ignore"):
                out[:, i, j] = out[:, j, i] = hetero / np.sqrt(mono[:, i] * mono[:, j])
    return out


def fornell_larcker(construct_corr: np.ndarray, ave: np.ndarray) -> np.ndarray:
    """Fornell–Larcker matrix: construct correlations with √AVE on the diagonal (Fornell & Larcker 1981)."""
    out = construct_corr.copy()
    idx = np.arange(out.shape[-1])
    out[..., idx, idx] = np.sqrt(ave)
    return out


def _vif_of(corr: np.ndarray) -> np.ndarray:
    """``diag(R^{-1})``: the VIF of each variable on the others in a correlation matrix ``(b, m, m)``."""
    m = corr.shape[-1]
    eye = np.broadcast_to(np.eye(m), corr.shape)
    inv, _ = solve_batched(corr, eye)
    return np.diagonal(inv, axis1=1, axis2=2)


def outer_vif(corr_ind: np.ndarray, model: Model) -> np.ndarray:
    """Indicator VIF within each block, ``(b, p)``: ``VIF_i = [S_jj^{-1}]_ii`` (Hair et al. 2022, ch. 5).

    A single-indicator block has VIF 1.
    """
    out = np.ones(corr_ind.shape[:2])
    for block in model.blocks:
        if block.size > 1:
            out[:, block] = _vif_of(corr_ind[:, block[:, None], block])
    return out


def full_collinearity_vif(construct_corr: np.ndarray) -> np.ndarray:
    """Full-collinearity VIF of every construct, ``(b, k)``: its score regressed on all other constructs' scores.

    ``VIF_j = 1 / (1 - R²_j) = [R^{-1}]_jj``, with ``R²_j`` the R² of construct ``j``
    on all the others and ``R`` the construct correlation matrix (Kock & Lynn 2012;
    Kock 2015, who reads a VIF above 3.3 as a sign of common method bias). NaN where
    ``R`` is singular.

    Parameters
    ----------
    construct_corr : ndarray (b, k, k)
        Correlations of the construct scores.
    """
    return _vif_of(construct_corr)


def inner_vif(construct_corr: np.ndarray, model: Model) -> np.ndarray:
    """VIF of each predictor in each structural regression, ``(b, k, k)`` (NaN where no path).

    ``[i, j]`` is the VIF of predictor ``i`` among the predecessors of ``j``:
    the diagonal of the inverse of their correlation matrix; 1 for a single predictor
    (Hair et al. 2022, ch. 6; SmartPLS's inner VIF).
    """
    out = np.full(construct_corr.shape, np.nan)
    for j in model.endogenous:
        pred = model.predecessors(j)
        out[:, pred, j] = _vif_of(construct_corr[:, pred[:, None], pred])
    return out


def f_squared(construct_corr: np.ndarray, r2: np.ndarray, model: Model) -> np.ndarray:
    """Cohen's f² of each path, ``(b, k, k)`` (NaN where no path).

    ``f²_ij = (R²_j,incl - R²_j,excl) / (1 - R²_j,incl)``, where ``R²_j,excl`` is
    the R² of ``j`` regressed on its predecessors without ``i`` (Cohen 1988;
    Hair et al. 2022, ch. 6).
    """
    out = np.full(construct_corr.shape, np.nan)
    for j in model.endogenous:
        pred = model.predecessors(j)
        for i in pred:
            rest = pred[pred != i]
            if rest.size:
                coef, _ = solve_batched(construct_corr[:, rest[:, None], rest], construct_corr[:, rest, j])
                excl = (coef * construct_corr[:, rest, j]).sum(axis=1)
            else:
                excl = np.zeros(construct_corr.shape[0])
            out[:, i, j] = (r2[:, j] - excl) / (1 - r2[:, j])
    return out


def implied_construct_correlations(construct_corr: np.ndarray, paths: np.ndarray, model: Model) -> np.ndarray:
    """Construct correlations implied by the estimated recursive structural model, ``(b, k, k)``.

    Exogenous constructs keep their observed correlations; each endogenous
    construct ``j = Σ_i B_ij η_i + ζ_j`` with a residual uncorrelated with its
    predecessors and unit total variance. Taking the constructs in topological
    order, ``Cov(η_m, η_j) = Σ_i B_ij Cov(η_m, η_i)`` for every earlier ``m``.
    For a saturated structural model this gives back the observed correlations.
    """
    implied = construct_corr.copy()
    endo = set(model.endogenous)
    order = model.topological_order
    for pos, j in enumerate(order):
        if j not in endo:
            continue
        pred = model.predecessors(j)
        for m in order[:pos]:
            value = (paths[:, pred, j] * implied[:, m, pred]).sum(axis=1)
            implied[:, m, j] = implied[:, j, m] = value
    return implied


def implied_indicator_correlations(corr_ind: np.ndarray, cross_loadings: np.ndarray, construct_corr: np.ndarray,
                                   model: Model) -> np.ndarray:
    """Model-implied indicator correlation matrix ``Σ``, ``(b, p, p)``: the one definition of the fit criteria.

    ``σ_ij = λ_i λ_j φ_ac`` for indicator ``i`` of construct ``a`` and ``j`` of
    construct ``c``, with the outer loadings ``λ`` (the consistent loadings of a
    PLSc common factor) and construct correlations ``φ``: the estimated ones for the
    *saturated* model, :func:`implied_construct_correlations` for the *estimated*
    model (Henseler et al. 2014; Henseler, Hubona & Ray 2016). Within a Mode B
    block the observed correlations are taken as implied: a composite leaves its
    indicators' correlations unrestricted (Henseler et al. 2014); that SmartPLS
    leaves within-Mode-B pairs out was established by the openpls project's
    comparison with SmartPLS's d_ULS, not by SmartPLS's documentation. The diagonal
    is exactly 1.

    Parameters
    ----------
    corr_ind : ndarray (b, p, p)
        Observed indicator correlations ``S``.
    cross_loadings : ndarray (b, p, k)
        Indicator-construct correlations; only each indicator's own construct is read.
    construct_corr : ndarray (b, k, k)
        Construct correlations ``φ`` of the model whose ``Σ`` is wanted.
    model : Model
    """
    mask = model.block_mask.astype(float)
    lam = (cross_loadings * mask).sum(axis=2)                      # (b, p)
    owner = model.indicator_construct
    phi = construct_corr[:, owner[:, None], owner]                  # (b, p, p)
    sigma = lam[:, :, None] * lam[:, None, :] * phi
    for j, block in enumerate(model.blocks):
        if model.constructs[j].mode == "B":
            sigma[:, block[:, None], block] = corr_ind[:, block[:, None], block]
    idx = np.arange(sigma.shape[-1])
    sigma[:, idx, idx] = 1.0
    return sigma


def d_uls(corr_ind: np.ndarray, implied: np.ndarray) -> np.ndarray:
    """Squared Euclidean distance ``d_ULS = ½ ‖S - Σ‖²_F``, ``(b,)`` (Dijkstra & Henseler 2015, CSDA, eq. 5).

    Over the whole matrix, so ``d_ULS = Σ_{i<j} (s_ij - σ_ij)²`` (the diagonal
    residuals are zero). Summed row-wise over a contiguous copy, so a sample's
    value does not depend on the batch it is computed in.

    Parameters
    ----------
    corr_ind, implied : ndarray (b, p, p)
        Observed ``S`` and implied ``Σ`` (:func:`implied_indicator_correlations`).
    """
    resid = np.ascontiguousarray(corr_ind - implied)
    return 0.5 * (resid**2).reshape(resid.shape[0], -1).sum(axis=1)


def srmr(corr_ind: np.ndarray, implied: np.ndarray) -> np.ndarray:
    """Standardised root mean square residual, ``(b,)``.

    ``SRMR = sqrt(Σ_{i<j} (s_ij - σ_ij)² / (p(p+1)/2)) = sqrt(2 d_ULS / (p(p+1)))``
    over the indicator correlations (Hu & Bentler 1998; Henseler et al. 2014),
    Bentler's divisor with the zero diagonal residuals included.

    Parameters
    ----------
    corr_ind, implied : ndarray (b, p, p)
        Observed ``S`` and implied ``Σ`` (:func:`implied_indicator_correlations`:
        the estimated model's with :func:`implied_construct_correlations`, the
        saturated model's with the construct correlations as estimated).
    """
    p = corr_ind.shape[-1]
    return np.sqrt(2 * d_uls(corr_ind, implied) / (p * (p + 1)))
