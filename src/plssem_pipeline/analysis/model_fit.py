"""Model fit and model comparison laid out as the results contract's tables (``results/fit/``,
``results/alternatives/<name>/``).

* :func:`exact_fit` — the fit indices of the saturated and the estimated model with HI95/HI99 of the
  bootstrap test of exact fit (:mod:`plssem.fit`); a staged model (interaction terms, higher-order
  constructs) gets the final stage's indices without the test, and the engine's reason;
* :func:`criteria_table` — AIC, AICc, BIC and HQ of each endogenous construct's structural regression
  (:func:`plssem.criteria.information_criteria`; Sharma et al. 2019), one model;
* :func:`comparison_table` — BIC and AIC of the study's model and every alternative with their Akaike
  weights, per endogenous construct common to all of them, and whether the construct's antecedents differ
  across the models (where they do not, the criteria differ only through the outer weights and no model is
  preferred for it).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["CRITERIA_COLUMNS", "COMPARISON_COLUMNS", "ANTECEDENTS_SEPARATOR", "exact_fit", "criteria_table", "comparison_table"]

CRITERIA_COLUMNS = ["model", "construct", "r2", "predictors", "antecedents", "n", "AIC", "AICc", "BIC", "HQ"]
COMPARISON_COLUMNS = ["construct", "model", "antecedents", "predictors_differ", "BIC", "bic_weight", "AIC",
                      "aic_weight"]
#: Separator of the construct names in the ``antecedents`` column.
ANTECEDENTS_SEPARATOR = " + "


def exact_fit(result, *, samples: int, seed: int) -> tuple[pd.DataFrame, dict]:
    """``results/fit/fit.csv``'s table and the facts for ``summary.json``.

    Returns
    -------
    table : DataFrame
        :func:`plssem.fit.fit_table`: statistic, saturated, estimated, then each model's HI95 and HI99.
    details : dict
        ``exact_fit_test`` (whether it ran), ``note`` (why not, else None), ``failed`` (failed subsamples
        per model), ``inner_model_saturated`` (the two models coincide).
    """
    from plssem.fit import exact_fit_test, fit_table, inner_model_saturated
    from plssem.staging import needs_staging

    note, draws = None, None
    try:
        draws = exact_fit_test(result, samples=samples, seed=seed)
    except ValueError as error:
        if not needs_staging(result.model):
            raise
        note = str(error)
    failed = {} if draws is None else {name: int(flags.sum()) for name, flags in draws.failed.items()}
    return fit_table(result, draws), {"exact_fit_test": draws is not None, "note": note, "failed": failed,
                                      "inner_model_saturated": inner_model_saturated(result.model)}


def criteria_table(result, name: str, roles: dict) -> pd.DataFrame:
    """The information criteria of one estimated model, one row per endogenous construct (model order).

    Parameters
    ----------
    result : plssem.PLSResult
    name : str
        The model's name in the ``model`` column (``"Model"`` for the study's own).
    roles : dict
        :func:`plssem_pipeline.study.roles` of its specification: a lower-order construct, explained by
        its higher-order construct (measurement, not a structural regression), is left out.

    Returns
    -------
    DataFrame
        :data:`CRITERIA_COLUMNS`; ``predictors`` counts the construct's antecedents p_k, ``antecedents`` names
        them in model order (joined by :data:`ANTECEDENTS_SEPARATOR`).
    """
    from plssem.criteria import CRITERIA, information_criteria

    model = result.model
    endogenous = [j for j in sorted(model.endogenous) if roles.get(model.construct_names[j]) != "lower_order"]
    names = [model.construct_names[j] for j in endogenous]
    r2 = result.r2["r2"].reindex(names).to_numpy(dtype=float)
    antecedents = [[model.construct_names[i] for i in model.predecessors(j)] for j in endogenous]
    predictors = np.array([len(own) for own in antecedents], dtype=int)
    values = information_criteria(r2, predictors, result.n)
    frame = pd.DataFrame({"model": name, "construct": names, "r2": r2, "predictors": predictors,
                          "antecedents": [ANTECEDENTS_SEPARATOR.join(own) for own in antecedents], "n": result.n,
                          **{criterion: values[criterion] for criterion in CRITERIA}})
    return frame[CRITERIA_COLUMNS]


def comparison_table(criteria: pd.DataFrame) -> pd.DataFrame:
    """BIC, AIC and their Akaike weights across the models of ``criteria`` (:func:`criteria_table` rows of
    every model, the study's first), for each construct every model explains; in the first model's
    construct order, models in ``criteria``'s order. No row with a single model.

    ``predictors_differ`` (one value per construct) is False when every model gives the construct the same
    antecedents: its structural equation is then the same in all of them, and its criteria differ only through
    the outer weights the rest of the model shifts, which is no evidence for one model (the report prefers none).
    """
    from plssem.criteria import akaike_weights

    models = list(dict.fromkeys(criteria["model"]))
    if len(models) < 2:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    per_model = [set(criteria.loc[criteria["model"] == m, "construct"]) for m in models]
    first = criteria.loc[criteria["model"] == models[0], "construct"]
    common = [c for c in first if all(c in constructs for constructs in per_model)]
    frames = []
    for construct in common:
        rows = criteria[criteria["construct"] == construct].set_index("model").loc[models]
        antecedents = rows["antecedents"].fillna("").astype(str).to_numpy()
        frames.append(pd.DataFrame({"construct": construct, "model": models, "antecedents": antecedents,
                                    "predictors_differ": len(set(antecedents)) > 1, "BIC": rows["BIC"].to_numpy(),
                                    "bic_weight": akaike_weights(rows["BIC"].to_numpy(dtype=float)),
                                    "AIC": rows["AIC"].to_numpy(),
                                    "aic_weight": akaike_weights(rows["AIC"].to_numpy(dtype=float))}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COMPARISON_COLUMNS)
