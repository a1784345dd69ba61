"""Assessing formative (Mode B) measurement models: redundancy analysis and indicator weights.

Hair et al. (2022, ch. 5) assess a formative block in three steps, none of which
is a reflective criterion (no alpha, rho, AVE, Fornell–Larcker or HTMT):

1. **convergent validity** by *redundancy analysis* (Chin 1998; Cheah et al. 2018):
   the formative construct, estimated on its own indicators, predicts a global
   single item of the same concept (``constructs.<C>.redundancy``); the path
   between the two should be at least 0.70 (:func:`redundancy_analysis`);
2. **collinearity** of its indicators: VIF 5 or more is critical, 3 to 5 possible
   (``results/outer/vif.csv``);
3. **significance and relevance of the indicator weights** with the decision
   process of Hair et al. (2022, ch. 5, Fig. 5.3): a significant weight keeps the
   indicator; a non-significant one is kept when its loading is 0.50 or more
   (absolute importance); below 0.50 a significant loading makes removal a
   matter of content validity, and neither significant makes the indicator a
   candidate for removal (:func:`formative_assessment`). Formative indicators
   should seldom be removed on statistical grounds alone (content validity).
"""
from __future__ import annotations

from collections.abc import Mapping

from .decision import is_significant

__all__ = ["REDUNDANCY_THRESHOLD", "LOADING_THRESHOLD", "DECISIONS", "REDUNDANCY_COLUMNS", "FORMATIVE_COLUMNS",
           "redundancy_analysis", "collinearity", "formative_assessment"]

#: Minimum path from a formative construct to its global single item (Hair et al. 2022, ch. 5).
REDUNDANCY_THRESHOLD = 0.70
#: Loading from which a non-significant weight's indicator is kept (absolute importance; Hair et al. 2022, ch. 5).
LOADING_THRESHOLD = 0.50
#: The rule that applied -> the decision it gives. A non-significant weight's indicator is kept when its
#: loading is at least 0.50 or significant (Hair, Risher, Sarstedt & Ringle 2019, p. 9; Hair et al. 2022,
#: ch. 5); otherwise its removal is considered, weighing content validity.
DECISIONS = {
    "weight_significant": "keep",
    "loading_at_least_0.5": "keep",
    "loading_significant": "keep",
    "neither_significant": "consider_removal",
}
#: Columns of ``results/outer/redundancy.csv``.
REDUNDANCY_COLUMNS = ["construct", "global_item", "path", "r2", "threshold", "verdict"]
#: Columns of ``results/bootstrap/formative.csv``.
FORMATIVE_COLUMNS = [
    "construct", "indicator", "weight", "weight_mean", "weight_sd", "weight_t", "weight_p", "weight_ci_low",
    "weight_ci_high", "weight_significant", "loading", "loading_sd", "loading_t", "loading_p", "loading_ci_low",
    "loading_ci_high", "loading_significant", "vif", "collinearity", "rule", "decision",
]


def redundancy_analysis(data, constructs: Mapping, algorithm: Mapping, *, source: str = "results/clean/survey.csv",
                        threshold: float = REDUNDANCY_THRESHOLD):
    """Redundancy analysis of every formative construct that has a global single item.

    For construct ``C`` (Mode B, indicators ``x_1 .. x_m``) and its global item
    ``g``, the two-construct model ``C -> G`` (``G`` measured by ``g`` alone) is
    estimated with the study's algorithm settings; the path is the correlation of
    the two construct scores and ``r2`` its square (Hair et al. 2022, ch. 5;
    Cheah et al. 2018). The verdict is ``"convergent"`` when the path is at least
    ``threshold``, else ``"not_convergent"``.

    Parameters
    ----------
    data : DataFrame
        The cleaned survey, holding every indicator and global item.
    constructs : mapping
        The ``constructs`` config section (``indicators``, ``mode``, ``redundancy``).
    algorithm : mapping
        The ``algorithm`` config section.
    source : str
        The file ``data`` was read from, named in messages.
    threshold : float

    Returns
    -------
    DataFrame
        One row per construct with a global item, columns :data:`REDUNDANCY_COLUMNS`
        (no rows when the config names none).

    Raises
    ------
    UserError
        The two-construct model cannot be estimated (a singular block), naming the file.
    """
    import pandas as pd

    from ..study import model_from_config, redundancy_items
    from .numerics import estimate

    rows = []
    for name, item in redundancy_items(constructs).items():
        spec = constructs[name]
        target = f"{name} global item"
        model = model_from_config({name: {"indicators": list(spec["indicators"]), "mode": spec.get("mode", "A")},
                                   target: {"indicators": [item], "mode": "A"}}, [f"{name} -> {target}"])
        result = estimate(data, model, algorithm, source=source)
        path = float(result.paths.iloc[0])
        rows.append({"construct": name, "global_item": item, "path": path, "r2": float(result.r2["r2"].iloc[0]),
                     "threshold": threshold, "verdict": "convergent" if path >= threshold else "not_convergent"})
    return pd.DataFrame(rows, columns=REDUNDANCY_COLUMNS)


def collinearity(vif: float) -> str:
    """``"critical"`` from VIF 5, ``"possible"`` from 3, else ``"none"`` (Hair et al. 2022, ch. 5)."""
    return "critical" if vif >= 5 else "possible" if vif >= 3 else "none"


def _decision(weight_significant: bool, loading: float, loading_significant: bool) -> str:
    if weight_significant:
        return "weight_significant"
    if loading >= LOADING_THRESHOLD:
        return "loading_at_least_0.5"
    return "loading_significant" if loading_significant else "neither_significant"


def formative_assessment(weights, loadings, vif, constructs: Mapping, *, alpha: float = 0.05,
                         significance: str = "p_value"):
    """Each Mode B indicator's weight and loading with their bootstrap inference, its VIF and the decision.

    Parameters
    ----------
    weights, loadings : DataFrame
        ``results/bootstrap/weights.csv`` and ``loadings.csv``: ``construct, indicator,
        original, mean, sd, t, p, ci_low, ci_high``.
    vif : DataFrame
        ``results/outer/vif.csv``: ``construct, indicator, vif``.
    constructs : mapping
        The ``constructs`` config section; only Mode B constructs of two or more
        indicators (a higher-order construct: dimensions) are assessed (a single item's weight is 1 by construction).
    alpha : float
        ``bootstrap.alpha``.
    significance : {"p_value", "confidence_interval"}
        ``mediation.significance``, the pipeline's one significance rule
        (:func:`plssem_pipeline.analysis.decision.is_significant`).

    Returns
    -------
    DataFrame
        One row per indicator, columns :data:`FORMATIVE_COLUMNS`: ``rule`` is the
        branch of Hair et al.'s (2022, Fig. 5.3) decision process that applied (a key
        of :data:`DECISIONS`), ``decision`` what it gives; ``collinearity`` is
        :func:`collinearity` of the VIF.
    """
    import pandas as pd

    from ..study.extensions import measures

    formative = [str(c) for c, spec in constructs.items()
                 if spec.get("mode", "A") == "B" and len(measures(spec)) > 1]
    keys = ["construct", "indicator"]
    frame = (weights.astype({"construct": str, "indicator": str})
             .merge(loadings.astype({"construct": str, "indicator": str}), on=keys, suffixes=("_w", "_l"))
             .merge(vif.astype({"construct": str, "indicator": str})[keys + ["vif"]], on=keys, how="left"))
    rows = []
    for record in frame[frame["construct"].isin(formative)].to_dict("records"):
        w_sig = is_significant(record["p_w"], record["ci_low_w"], record["ci_high_w"], alpha=alpha, method=significance)
        l_sig = is_significant(record["p_l"], record["ci_low_l"], record["ci_high_l"], alpha=alpha, method=significance)
        rule = _decision(w_sig, float(record["original_l"]), l_sig)
        rows.append({
            "construct": record["construct"], "indicator": record["indicator"],
            **{f"weight{suffix}": record[f"{key}_w"] for key, suffix in
               (("original", ""), ("mean", "_mean"), ("sd", "_sd"), ("t", "_t"), ("p", "_p"),
                ("ci_low", "_ci_low"), ("ci_high", "_ci_high"))},
            "weight_significant": w_sig,
            **{f"loading{suffix}": record[f"{key}_l"] for key, suffix in
               (("original", ""), ("sd", "_sd"), ("t", "_t"), ("p", "_p"), ("ci_low", "_ci_low"),
                ("ci_high", "_ci_high"))},
            "loading_significant": l_sig, "vif": record["vif"], "collinearity": collinearity(float(record["vif"])),
            "rule": rule, "decision": DECISIONS[rule],
        })
    return pd.DataFrame(rows, columns=FORMATIVE_COLUMNS)
