"""Moderation statistics: conditional effects, Johnson–Neyman bounds and moderated mediation.

For an interaction term ``X x W -> Y`` with main effects ``b₁`` (``X -> Y``) and
``b₂`` (``W -> Y``), the conditional effect of ``X`` on ``Y`` at moderator level ``w``
(in SDs of ``W``'s standardised score) is

    θ(w) = b₁ + b₃ w,                                        (Aiken & West 1991, ch. 2)

where ``b₃`` is the term's coefficient per unit of the *unstandardised* product
(:func:`raw_coefficients`): the term's path divided by its SD when the term is
standardised (the default), the path itself when it is not (seminr's convention). Conditional
effects, Johnson–Neyman bounds and the index of moderated mediation are therefore
the same under either convention. For a quadratic term ``X x X -> Y`` the effect of
``X`` at ``X = x`` is ``b₁ + 2 b₃ x``.

Moderated mediation (Hayes 2015): for a specific indirect effect
``a₁ a₂ … a_L`` one of whose paths ``a_l`` (``X -> Y``) is moderated by ``W``,
the conditional indirect effect at ``w`` is ``θ(w) Π_{m≠l} a_m`` and the index of
moderated mediation, its slope in ``w``, is ``b₃ Π_{m≠l} a_m``. Quadratic terms moderate no route.

Every function takes batched arrays (a leading axis over samples) so that the
bootstrap computes them for all subsamples at once.
"""
from __future__ import annotations

import numpy as np

from .model import Model

__all__ = ["LEVELS", "raw_coefficients", "moderation_rows", "moderated_routes", "moderation_statistics",
           "moderated_mediation_statistics", "johnson_neyman"]

#: Moderator levels of the conditional effects, in SDs: −1 SD, the mean, +1 SD.
LEVELS = (-1.0, 0.0, 1.0)


def moderation_rows(model: Model) -> list[tuple[int, int, int, int]]:
    """``(term index in model.interactions, term construct, iv construct, target construct)`` per term path."""
    index = {name: j for j, name in enumerate(model.construct_names)}
    rows = []
    for t, term in enumerate(model.interactions):
        for source, target in model.paths:
            if source == term.name:
                rows.append((t, index[term.name], index[term.iv], index[target]))
    return rows


def raw_coefficients(paths: np.ndarray, term_sd: np.ndarray, model: Model) -> np.ndarray:
    """Each term path's coefficient per unit of the unstandardised product, ``(b, r)`` (rows of :func:`moderation_rows`).

    Parameters
    ----------
    paths : ndarray (b, k, k)
        Path coefficients as reported (a term with ``standardize=False`` already divided by its SD).
    term_sd : ndarray (b, t)
        The terms' unstandardised SDs (:func:`plssem.staging.fit_staged`).
    model : Model
    """
    out = np.empty((paths.shape[0], len(moderation_rows(model))))
    for r, (t, term, _, target) in enumerate(moderation_rows(model)):
        scale = term_sd[:, t] if model.interactions[t].standardize else 1.0
        out[:, r] = paths[:, term, target] / scale
    return out


def moderation_statistics(paths: np.ndarray, term_sd: np.ndarray, model: Model) -> np.ndarray:
    """Per term path: the raw coefficient, then the conditional effects at :data:`LEVELS`; ``(b, 4 r)``."""
    raw = raw_coefficients(paths, term_sd, model)
    columns = []
    for r, (t, _, iv, target) in enumerate(moderation_rows(model)):
        columns.append(raw[:, r])
        columns += [paths[:, iv, target] + model.interactions[t].slope_factor * raw[:, r] * w for w in LEVELS]
    return np.stack(columns, axis=1) if columns else np.empty((paths.shape[0], 0))


def moderated_routes(model: Model) -> list[tuple[tuple[int, ...], int, int]]:
    """``(route, moderated edge position, moderation row)`` for every specific indirect effect with a moderated path.

    Routes that start at an interaction term are left out (they are not indirect effects of a construct),
    and so are quadratic terms: an indirect effect through a curvilinear path varies with the mediator's own
    level (an "instantaneous indirect effect", Hayes & Preacher 2010), not with a moderator.
    """
    rows = moderation_rows(model)
    terms = {j for _, j, _, _ in rows}
    found = []
    for route in model.mediated_paths():
        if route[0] in terms:
            continue
        for position in range(len(route) - 1):
            for r, (t, _, iv, target) in enumerate(rows):
                if model.interactions[t].quadratic:
                    continue
                if (route[position], route[position + 1]) == (iv, target):
                    found.append((route, position, r))
    return found


def moderated_mediation_statistics(paths: np.ndarray, term_sd: np.ndarray, model: Model) -> np.ndarray:
    """Per moderated route: the index of moderated mediation, then the conditional indirect effects; ``(b, 4 m)``."""
    raw = raw_coefficients(paths, term_sd, model)
    rows = moderation_rows(model)
    columns = []
    for route, position, r in moderated_routes(model):
        others = np.ones(paths.shape[0])
        for m in range(len(route) - 1):
            if m != position:
                others = others * paths[:, route[m], route[m + 1]]
        t, _, iv, target = rows[r]
        slope = model.interactions[t].slope_factor * raw[:, r]
        columns.append(slope * others)
        columns += [(paths[:, iv, target] + slope * w) * others for w in LEVELS]
    return np.stack(columns, axis=1) if columns else np.empty((paths.shape[0], 0))


def johnson_neyman(b1: float, b3: float, cov: np.ndarray, critical: float) -> tuple[float, float, str]:
    """Moderator values where the conditional effect ``b₁ + b₃ w`` is significant (Johnson & Neyman 1936).

    Solves ``(b₁ + b₃ w)² = c² (v₁₁ + 2 w v₁₃ + w² v₃₃)`` for ``w`` (Bauer & Curran 2005, eq. 8;
    Hayes 2022, sec. 7.4), with ``v`` the (bootstrap) covariance of ``(b₁, b₃)`` and ``c`` the
    critical value.

    Parameters
    ----------
    b1, b3 : float
        The iv's main effect and the term's raw coefficient (for a quadratic term pass ``2 b₃``).
    cov : ndarray (2, 2)
        Covariance of ``(b₁, b₃)``.
    critical : float
        Critical value of the test statistic (e.g. Student-t at ``1 - α/2``).

    Returns
    -------
    lower, upper : float
        The roots (NaN when there are none).
    region : {"outside", "inside", "everywhere", "nowhere"}
        Where the effect is significant: outside ``[lower, upper]``, inside it, for every ``w``, or for none.
    """
    c2 = critical * critical
    a = b3 * b3 - c2 * cov[1, 1]
    b = 2 * (b1 * b3 - c2 * cov[0, 1])
    c = b1 * b1 - c2 * cov[0, 0]
    disc = b * b - 4 * a * c
    if a == 0 or disc < 0:
        significant = c > 0 if a == 0 and b == 0 else a > 0
        return float("nan"), float("nan"), "everywhere" if significant else "nowhere"
    roots = sorted(((-b - np.sqrt(disc)) / (2 * a), (-b + np.sqrt(disc)) / (2 * a)))
    return float(roots[0]), float(roots[1]), "outside" if a > 0 else "inside"
