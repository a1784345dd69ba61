"""Minimum sample sizes of PLS-SEM by Kock & Hadaya's (2018) inverse square root and gamma-exponential methods.

Kock, N., & Hadaya, P. (2018). Minimum sample size estimation in PLS-SEM: The inverse square
root and gamma-exponential methods. *Information Systems Journal*, 28(1), 227–261.

The standard error of a standardised path coefficient is about ``1/√n``, so a path ``β`` is
detected with power ``1 - β_II`` at significance ``α`` when ``|β|·√n > z_{1-α} + z_{1-β_II}``:

* **inverse square root**: ``n_min > (c / |β_min|)²`` with ``c = z_{1-α} + z_{power}``, one-tailed
  as Kock & Hadaya's tests are (``z_{1-α/2}`` two-tailed); ``c`` is rounded to three decimals as
  they tabulate it (2.486 at α = 0.05 and power 0.8);
* **gamma-exponential**: the same ``c`` with the standard error corrected for its departure from
  ``1/√n`` at small ``n``, ``n_min`` the smallest ``n`` that meets the inequality.

Both return the smallest integer ``n`` that satisfies the strict inequality.

Sources of the two rounding choices, which differ from Kock & Hadaya's spreadsheet (Appendix B):

* ``c`` is rounded to three decimals as eq. 5 prints it (2.486); the spreadsheet carries the
  ``NORMSINV`` cells unrounded (2.48647...). The two give different ``n`` only when an integer
  lies between ``(2.486/|β|)²`` and ``(2.48647/|β|)²``; the rounded one reproduces the paper's
  Tables 3-5 (tests/fixtures/kock-hadaya-2018).
* ``n = ⌊(c/|β|)²⌋ + 1`` follows eq. 5's strict inequality ``n_min > (c/|β_min|)²``; the
  spreadsheet's ``ROUNDUP((c/β)²)`` differs from it only when ``(c/β)²`` is an integer.
"""
from __future__ import annotations

import math
from statistics import NormalDist

__all__ = ["inverse_square_root_constant", "inverse_square_root", "gamma_exponential"]


def _check(beta, alpha, power, tails) -> float:
    if tails not in (1, 2):
        raise ValueError(f"tails must be 1 or 2, not {tails!r}")
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError(f"alpha and power must lie in (0, 1), got alpha={alpha!r}, power={power!r}")
    beta = abs(float(beta))
    if not 0 < beta < 1:
        raise ValueError(f"the path coefficient must satisfy 0 < |beta| < 1, got {beta!r}")
    return beta


def inverse_square_root_constant(*, alpha: float = 0.05, power: float = 0.8, tails: int = 1) -> float:
    """``c = z_{1-α/tails} + z_{power}``, rounded to three decimals as Kock & Hadaya (2018, eq. 5) print it.

    2.486 by default (``z_.95 + z_.80``). The quantiles are ``statistics.NormalDist().inv_cdf``
    (Wichura's AS 241, accurate to about 1e-16), so no scipy import is needed.

    Raises
    ------
    ValueError
        For ``tails`` not 1 or 2, or ``alpha``, ``power`` outside (0, 1).
    """
    _check(0.5, alpha, power, tails)
    normal = NormalDist()
    return round(normal.inv_cdf(1 - alpha / tails) + normal.inv_cdf(power), 3)


def inverse_square_root(beta: float, *, alpha: float = 0.05, power: float = 0.8, tails: int = 1) -> int:
    """Kock & Hadaya's (2018) inverse square root method: the smallest ``n > (c / |β|)²``.

    Parameters
    ----------
    beta : float
        The smallest path coefficient to detect (its sign is ignored), ``0 < |beta| < 1``.
    alpha : float
    power : float
    tails : {1, 2}
        Kock & Hadaya test one-tailed (the default).

    Returns
    -------
    int

    Raises
    ------
    ValueError
        For ``beta`` of 0 or ``|beta| >= 1``, or as :func:`inverse_square_root_constant`.
    """
    beta = _check(beta, alpha, power, tails)
    return math.floor((inverse_square_root_constant(alpha=alpha, power=power, tails=tails) / beta) ** 2) + 1



def _exponential_ratio(beta: float, n: int) -> float:
    """``|β| √N exp(e|β|/√N)``: ``|β|`` over the exponential-smoothing SE ``e^{-e|β|/√N}/√N`` (eq. 7)."""
    root = math.sqrt(n)
    return beta * root * math.exp(math.e * beta / root)


def _gamma_ratio(beta: float, n: int) -> float:
    """``|β|`` over the gamma-corrected SE as Exhibit B.1 computes it: ``|β| √N √((N-1)/2) Γ(N/2)/Γ((N+1)/2)``."""
    return beta * math.sqrt(n) * math.sqrt((n - 1) / 2) * math.exp(math.lgamma(n / 2) - math.lgamma((n + 1) / 2))


def _first(ratio, beta: float, c: float, low: int, high: int) -> int:
    """The smallest ``N`` in ``low .. high`` with ``ratio(beta, N) > c``, for a ``ratio`` increasing there."""
    while low < high:
        mid = (low + high) // 2
        low, high = (mid + 1, high) if ratio(beta, mid) <= c else (low, mid)
    return low


def gamma_exponential(beta: float, *, alpha: float = 0.05, power: float = 0.8, tails: int = 1) -> int:
    """Kock & Hadaya's (2018) gamma-exponential method, as their Exhibit B.1 computes it.

    The smallest ``N`` with ``|β| √N · exp(e|β|/√N) > c`` (``c`` of :func:`inverse_square_root_constant`;
    the standard error corrected by exponential smoothing, eq. 7); when that ``N`` is at most 10, the
    smallest ``N`` whose gamma-corrected ratio exceeds ``c`` instead (Gurland & Tripathi 1971). The
    gamma correction follows Exhibit B.1's code, ``√((N-1)/2) Γ(N/2) / Γ((N+1)/2)``, which differs
    from the printed eq. 6 (``Γ((N-1)/2) / Γ(N/2)``); the paper's published results all lie above 10.
    The exponential ratio decreases up to ``N = (e|β|)² < 8`` and increases after, so the
    search scans ``N = 1 .. 8`` and bisects above, up to the inverse square root ``N`` (where
    the ratio, at least ``|β| √N``, exceeds ``c``).

    **Not monotone in |β| above about 0.5**, as Exhibit B.1's ``Calc_N_EXPSnGAMM`` itself is
    (Kock & Hadaya 2018, Appendix B): the factor ``exp(e|β|/√N)`` makes the exponential loop stop
    at ``N <= 10`` for a large ``|β|`` (at ``N = 1`` once ``e²β² > c``), and the gamma loop then
    restarts at ``N = 1`` and ends near, or above, the inverse square root ``n``. One-tailed at
    α = .05 and power .8, β = .50 gives 11 but β = .55 gives 21; from about ``|β| >= .6`` the
    result exceeds the inverse square root's, although the method is meant to refine it
    downwards. This is the published method, kept as published (pinned by
    tests/engine/test_power_sample_size.py).

    Parameters, returns and errors as :func:`inverse_square_root`.
    """
    beta = _check(beta, alpha, power, tails)
    c = inverse_square_root_constant(alpha=alpha, power=power, tails=tails)
    scanned = [n for n in range(1, 9) if _exponential_ratio(beta, n) > c]
    n = scanned[0] if scanned else _first(_exponential_ratio, beta, c, 9,
                                          inverse_square_root(beta, alpha=alpha, power=power, tails=tails))
    if n > 10:
        return n
    n = 1
    while _gamma_ratio(beta, n) <= c:
        n += 1
    return n
