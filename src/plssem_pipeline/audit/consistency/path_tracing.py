"""Construct correlations and R² implied by standardised paths, for many sets of path values at once.

The arithmetic of the structural consistency check (``structural.py``): Wright's path tracing
(:func:`plssem.quality.implied_construct_correlations`) with a leading batch axis, so that every corner
of a rounding box is one row of one array computation, as :mod:`plssem.bootstrap` batches resamples.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class PathTracing:
    """A recursive structural model whose implied correlations are wanted for a batch of path values.

    Parameters
    ----------
    names : sequence of str
        The constructs; the order of the correlation matrices.
    order : sequence of str
        ``names`` in a topological order of the paths.
    predecessors : dict of str to list of str
        Construct → the constructs with a path into it.
    links : sequence of (str, str)
        The ``(source, target)`` arrows in the order of the columns of the path values given to
        :meth:`implied`; every arrow of ``predecessors`` once.

    Raises
    ------
    ValueError
        If ``order`` is not a topological order of the paths.
    """

    def __init__(self, names: Sequence[str], order: Sequence[str], predecessors: dict[str, list[str]],
                 links: Sequence[tuple[str, str]]):
        from plssem import Model

        self.names = list(names)
        index = {n: i for i, n in enumerate(self.names)}
        position = {n: k for k, n in enumerate(order)}
        if any(position[i] >= position[j] for i, j in links):
            raise ValueError("order is not a topological order of the paths")
        self.links = list(links)
        self.endogenous = [j for j in self.names if predecessors[j]]
        self._source = np.array([index[i] for i, _ in self.links], dtype=int)
        self._target = np.array([index[j] for _, j in self.links], dtype=int)
        self._predecessors = [np.array([index[i] for i in predecessors[j]]) for j in self.endogenous]
        self._columns = [index[j] for j in self.endogenous]
        self.model = Model.from_spec({n: {"indicators": [f"{n} (score)"]} for n in self.names},
                                     [f"{i} -> {j}" for i, j in self.links])

    def implied(self, paths: np.ndarray, exogenous: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Implied construct correlations and R² for each row of ``paths``.

        Parameters
        ----------
        paths : ndarray (m, links)
            Standardised path coefficients, columns in the order of ``links``.
        exogenous : ndarray (m, k, k)
            Unit diagonal and the correlations among the exogenous constructs (other entries are
            overwritten).

        Returns
        -------
        R : ndarray (m, k, k)
            Implied correlations, unit diagonal, in ``names`` order.
        r2 : ndarray (m, len(endogenous))
            Implied R² = b_j′ R_PP b_j of every endogenous construct, in the order of ``endogenous``.
        """
        from plssem.quality import implied_construct_correlations

        m, k = len(paths), len(self.names)
        B = np.zeros((m, k, k))
        B[:, self._source, self._target] = paths
        R = implied_construct_correlations(exogenous, B, self.model)
        r2 = np.empty((m, len(self.endogenous)))
        for e, (preds, j) in enumerate(zip(self._predecessors, self._columns)):
            b = B[:, preds, j]
            r2[:, e] = (b[:, None, :] @ R[:, preds[:, None], preds] @ b[:, :, None])[:, 0, 0]
        return R, r2


class RSquareSystem:
    """The exogenous correlations φ that printed paths and R² determine, for a batch of printed values.

    With the paths fixed, every implied R² is affine in φ: R²_j = c0_j + C_j · φ. Taking the targets
    in order, an R² whose equation has exactly one still-unknown φ determines it; one with none is a
    prediction; the φ left after that are solved jointly by least squares from the R² with several
    (``structural.py`` words the outcome).

    Parameters
    ----------
    tracing : PathTracing
        The structural model.
    unknowns : sequence of (str, str)
        The pairs of exogenous constructs whose correlations φ are unknown.
    targets : sequence of str
        The endogenous constructs with a printed R², in topological order.
    """

    def __init__(self, tracing: PathTracing, unknowns: Sequence[tuple[str, str]], targets: Sequence[str]):
        index = {n: i for i, n in enumerate(tracing.names)}
        self.tracing = tracing
        self.unknowns = list(unknowns)
        self.targets = list(targets)
        self._rows = [tracing.endogenous.index(j) for j in self.targets]
        self._first, self._second = (np.array([index[pair[k]] for pair in self.unknowns], dtype=int) for k in (0, 1))

    def correlations(self, phi: np.ndarray) -> np.ndarray:
        """(m, k, k): unit diagonal and the exogenous correlations of each row of ``phi`` (m, unknowns)."""
        R0 = np.repeat(np.eye(len(self.tracing.names))[None], len(phi), axis=0)
        R0[:, self._first, self._second] = R0[:, self._second, self._first] = phi
        return R0

    def affine(self, paths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``c0`` (m, targets) and ``C`` (m, targets, unknowns) of R² = c0 + C φ for each row of ``paths``."""
        m, u = len(paths), len(self.unknowns)
        units = np.tile(np.concatenate([np.zeros((1, u)), np.eye(u)]), (m, 1))
        r2 = self.tracing.implied(np.repeat(paths, u + 1, axis=0), self.correlations(units))[1]
        r2 = r2[:, self._rows].reshape(m, u + 1, len(self.targets))
        return r2[:, 0], (r2[:, 1:] - r2[:, :1]).transpose(0, 2, 1)

    def __call__(self, paths: np.ndarray, r2: np.ndarray):
        """φ by sequential pinning, then least squares, for each row (say, a corner of a rounding box).

        Parameters
        ----------
        paths : ndarray (m, links)
            Path coefficients in the order of ``tracing.links``.
        r2 : ndarray (m, targets)
            The R² of ``targets``.

        Returns
        -------
        phi : ndarray (m, unknowns)
        roles : dict
            Target → ``("determines", u)``, ``("predicted", None)`` or ``("joint", None)``, for the first row.
        R : ndarray (m, k, k)
            The implied correlations with that φ.
        r2 : ndarray (m, endogenous)
            The implied R² of every endogenous construct (order of ``tracing.endogenous``).
        c0, C : ndarray
            As from :meth:`affine`.
        """
        c0, C = self.affine(paths)
        m, T = len(paths), len(self.targets)
        phi = np.zeros((m, len(self.unknowns)))
        known = np.zeros_like(phi, dtype=bool)
        deferred = np.zeros((m, T), dtype=bool)
        roles: dict[str, tuple[str, int | None]] = {}
        every = np.arange(m)
        for row, j in enumerate(self.targets):
            free = ~known & (np.abs(C[:, row]) > 1e-12)
            count = free.sum(axis=1)
            u = free.argmax(axis=1) if self.unknowns else np.zeros(m, dtype=int)
            pin = every[count == 1]
            rest = c0[pin, row] + (C[pin, row] * np.where(known[pin], phi[pin], 0.0)).sum(axis=1)
            phi[pin, u[pin]] = (r2[pin, row] - rest) / C[pin, row, u[pin]]
            known[pin, u[pin]] = True
            deferred[:, row] = count > 1
            roles[j] = (("determines", int(u[0])) if count[0] == 1 else ("predicted", None) if count[0] == 0
                        else ("joint", None))
        joint = deferred.any(axis=1) & ~known.all(axis=1)
        patterns = np.concatenate([deferred, known], axis=1)[joint]
        for pattern in np.unique(patterns, axis=0):
            group = every[joint][(patterns == pattern).all(axis=1)]
            rows, free = np.flatnonzero(pattern[:T]), np.flatnonzero(~pattern[T:])
            A = C[group][:, rows][:, :, free]
            y = (r2[group][:, rows] - c0[group][:, rows]
                 - (C[group][:, rows] * np.where(known[group], phi[group], 0.0)[:, None]).sum(axis=2))
            # least squares with the cutoff of np.linalg.lstsq's default (eps · largest dimension), batched
            cutoff = np.finfo(float).eps * max(A.shape[1:])
            phi[group[:, None], free] = (np.linalg.pinv(A, rtol=cutoff) @ y[:, :, None])[:, :, 0]
            known[group[:, None], free] = True
        R, implied = self.tracing.implied(paths, self.correlations(phi))
        return phi, roles, R, implied, c0, C


def implied_correlations(names: Sequence[str], order: Sequence[str], predecessors: dict[str, list[str]],
                         paths: dict[tuple[str, str], float], exogenous_correlations: dict[tuple[str, str], float]):
    """Construct correlations implied by standardised path coefficients (Wright's path tracing).

    For a recursive model with standardised constructs, η_j = Σ_i b_ij η_i + ζ_j
    with ζ_j uncorrelated with the constructs before j, every correlation
    follows from the exogenous constructs' correlations:
    corr(η_j, η_k) = Σ_i b_ij corr(η_i, η_k) for every k before j, and
    R²_j = b_j′ R_PP b_j. Where j's predictors are all the constructs before it
    (as with OLS on every prior construct), this needs no assumption about ζ:
    the normal equations give it.

    One set of paths through :class:`PathTracing` (the engine's
    :func:`plssem.quality.implied_construct_correlations` on a :class:`plssem.Model` of ``names`` and
    ``predecessors`` with one placeholder indicator per construct). ``order`` must be a topological
    order of that model; the engine takes its own (Kahn's algorithm), which gives the same correlations.

    Parameters
    ----------
    names : sequence of str
        The constructs; the order of ``R``.
    order : sequence of str
        ``names`` in a topological order of the paths.
    predecessors : dict of str to list of str
        Construct → the constructs with a path into it.
    paths : dict of (str, str) to float
        ``(source, target)`` → standardised path coefficient, for every arrow.
    exogenous_correlations : dict of (str, str) to float
        Correlations among the exogenous constructs (unlisted pairs are 0).

    Returns
    -------
    R : ndarray (k, k)
        Unit diagonal, in ``names`` order.
    r2 : dict
        Implied R² of every endogenous construct.

    Raises
    ------
    ValueError
        If ``order`` is not a topological order of the paths.
    """
    names = list(names)
    links = [(i, j) for j in names for i in predecessors[j]]
    tracing = PathTracing(names, order, predecessors, links)
    index = {n: i for i, n in enumerate(names)}
    R0 = np.eye(len(names))
    for (a, b), value in exogenous_correlations.items():
        R0[index[a], index[b]] = R0[index[b], index[a]] = value
    R, r2 = tracing.implied(np.array([[paths[link] for link in links]], dtype=float), R0[None])
    return R[0], {j: float(r2[0, e]) for e, j in enumerate(tracing.endogenous)}
