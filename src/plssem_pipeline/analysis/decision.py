"""The pipeline's one significance and support rule for bootstrap tests.

Every verdict of the pipeline comes from here: the hypotheses
(``results/hypotheses/hypotheses.csv`` and the report's Table 7), the mediation
typology (``results/mediation/indirect.csv``, Table 6), the p flags of the
bootstrap tables, the structural-model figure and the audit's claim rows.

An effect is **significant** under the rule ``mediation.significance``:

* ``p_value``: ``p < alpha``, where ``p`` is the test's p: two-tailed, or
  one-tailed in the hypothesised direction (:func:`plssem.inference.one_tailed_p`);
* ``confidence_interval``: two-tailed, the ``1 - alpha`` bootstrap interval
  excludes zero; one-tailed, the ``1 - 2 alpha`` interval's bound on the
  hypothesised side does (lower bound above zero for a positive hypothesis,
  upper bound below zero for a negative one), the one-sided ``1 - alpha``
  confidence bound.

A hypothesis is **supported** when its effect is significant and, if it states
a sign, the estimate has that sign (Hair et al. 2022, ch. 6: a path's
hypothesis is supported when the coefficient is significant and its sign is as
hypothesised). A one-tailed test needs a sign; an unsigned hypothesis is
tested two-tailed and supported when significant. The mediation typology uses
the significance of the indirect and the direct effect (Zhao, Lynch & Chen
2010). A missing p or bound (NaN or None) is never significant.
"""
from __future__ import annotations

import math

__all__ = ["SIGNS", "is_significant", "is_supported", "sign_of"]

#: Hypothesised directions (config ``hypotheses.<name>.sign``) -> +1 / -1.
SIGNS = {"positive": 1, "negative": -1}


def _missing(x) -> bool:
    return x is None or math.isnan(float(x))


def sign_of(sign) -> int:
    """``+1``, ``-1`` or ``0`` (no sign) for ``"positive"``, ``"negative"`` or None / ``""``.

    Raises
    ------
    ValueError
        For any other value.
    """
    if sign is None or (isinstance(sign, float) and math.isnan(sign)) or sign == "":
        return 0
    if sign not in SIGNS:
        raise ValueError(f"unknown sign {sign!r}; expected 'positive', 'negative' or none")
    return SIGNS[sign]


def is_significant(p, ci_low, ci_high, *, alpha: float, method: str = "p_value", sign=None,
                   tails: int = 2) -> bool:
    """Whether a bootstrap test rejects zero, by p value or interval (see the module docstring).

    Parameters
    ----------
    p : float
        The test's p: two-tailed for ``tails=2``, one-tailed in the direction ``sign`` for ``tails=1``.
    ci_low, ci_high : float
        The test's interval: ``1 - alpha`` for ``tails=2``, ``1 - 2 alpha`` for ``tails=1``.
    alpha : float
    method : {"p_value", "confidence_interval"}
        ``mediation.significance``.
    sign : {"positive", "negative", None}
        The hypothesised direction; needed for ``tails=1``, unused for ``tails=2``.
    tails : {1, 2}
        ``bootstrap.tails``.

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        For an unknown method or sign, ``tails`` not 1 or 2, or ``tails=1`` without a sign.
    """
    if method not in ("p_value", "confidence_interval"):
        raise ValueError(f"unknown significance method {method!r}; expected 'p_value' or 'confidence_interval'")
    if tails not in (1, 2):
        raise ValueError(f"tails must be 1 or 2, not {tails!r}")
    direction = sign_of(sign)
    if tails == 1 and direction == 0:
        raise ValueError("a one-tailed test needs a hypothesised sign ('positive' or 'negative')")
    if method == "p_value":
        return False if _missing(p) else bool(float(p) < alpha)
    if tails == 1:
        bound = ci_low if direction > 0 else ci_high
        return False if _missing(bound) else bool(direction * float(bound) > 0)
    if _missing(ci_low) or _missing(ci_high):
        return False
    return bool(ci_low > 0 or ci_high < 0)


def is_supported(estimate, p, ci_low, ci_high, *, alpha: float, method: str = "p_value", sign=None,
                 tails: int = 2) -> bool:
    """Whether a hypothesis is supported: significant (:func:`is_significant`) with the stated sign, if any.

    ``estimate`` is the effect on the full sample (path coefficient or specific indirect effect);
    the other parameters, the result (a bool) and the errors raised are those of :func:`is_significant`.

    Examples
    --------
    >>> is_supported(0.30, 0.01, 0.1, 0.5, alpha=0.05)
    True
    >>> is_supported(-0.30, 0.01, -0.5, -0.1, alpha=0.05, sign="positive")
    False
    """
    significant = is_significant(p, ci_low, ci_high, alpha=alpha, method=method, sign=sign, tails=tails)
    direction = sign_of(sign)
    if direction == 0 or not significant:
        return significant
    return not _missing(estimate) and direction * float(estimate) > 0
