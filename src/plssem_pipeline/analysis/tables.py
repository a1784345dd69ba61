"""The engine's results laid out as the results contract's tables.

Each function takes a :class:`plssem.PLSResult` (or bootstrap draws) and
returns plain DataFrames whose columns are the documented CSV columns
(see ``docs/pipeline.md``). No statistic is computed here: this module only
selects, names and orders what :mod:`plssem` estimated.
"""
from __future__ import annotations

__all__ = ["outer_tables", "lower_order_tables", "inner_tables", "original_statistics", "bootstrap_tables",
           "subsample_table", "SUMMARY_COLUMNS"]

#: Columns of every bootstrap summary, after the key columns.
SUMMARY_COLUMNS = ["original", "mean", "sd", "t", "p", "ci_low", "ci_high", "n_valid"]

#: Key columns of a family that has no rows (no mediated route, say), where
#: :func:`plssem.statistics.labels` has no dict to take them from; otherwise the
#: columns are the keys of the labels' dicts.
_EMPTY_FAMILY_COLUMNS = {
    "paths": ["source", "target"],
    "specific_indirect": ["path", "source", "target"],
    "total_indirect": ["source", "target"],
    "total_effects": ["source", "target"],
    "loadings": ["construct", "indicator"],
    "weights": ["construct", "indicator"],
    "r2": ["construct"],
    "htmt": ["construct_1", "construct_2"],
    "moderation": ["term", "iv", "moderator", "target", "statistic", "level"],
    "moderated_mediation": ["path", "term", "moderator", "statistic", "level"],
}


#: First (key) columns of the wide measurement tables, beside one column per construct: ``htmt`` and
#: ``fornell_larcker`` start with ``construct``, ``cross_loadings`` with ``indicator``; a construct
#: cannot bear these names (refused by :mod:`plssem_pipeline.study.reserved`).
WIDE_TABLE_KEYS = ("construct", "indicator")


def _square(frame):
    out = frame.copy()
    out.index.name = WIDE_TABLE_KEYS[0]
    return out.reset_index()


def outer_tables(result) -> dict:
    """Measurement-model tables: ``loadings, reliability, htmt, htmt_signed, fornell_larcker, cross_loadings, vif,
    full_collinearity_vif``.

    * ``loadings``: construct, indicator, loading, weight;
    * ``reliability``: construct, cronbach_alpha, rho_a, rho_c, ave;
    * ``htmt``, ``fornell_larcker``: square matrices, first column ``construct``,
      then one column per construct (HTMT diagonal empty; Fornell–Larcker
      diagonal √AVE); ``htmt_signed`` the same layout, HTMT from the signed correlations;
    * ``cross_loadings``: indicator, then one column per construct;
    * ``vif``: construct, indicator, vif (within its block);
    * ``full_collinearity_vif``: construct, vif (its score on all other constructs' scores, Kock 2015).
    """
    loadings = result.outer_loadings.to_frame()
    loadings["weight"] = result.outer_weights
    cross = result.cross_loadings.reset_index()
    return {
        "loadings": loadings.reset_index(),
        "reliability": result.reliability.reset_index(),
        "htmt": _square(result.htmt),
        "htmt_signed": _square(result.htmt_signed),
        "fornell_larcker": _square(result.fornell_larcker),
        "cross_loadings": cross,
        "vif": result.outer_vif.reset_index(),
        "full_collinearity_vif": result.full_collinearity_vif.reset_index(),
    }


def lower_order_tables(result) -> dict:
    """The lower-order measurement model of staged higher-order constructs: ``lower_order_loadings``,
    ``lower_order_reliability``, ``lower_order_htmt``.

    A higher-order construct measured by its dimensions' scores (disjoint two-stage, or embedded
    two-stage for Mode B) is assessed in two steps (Sarstedt et al. 2019): its dimensions (lower-order
    constructs, LOCs) in the first-stage model, then the higher-order construct with the dimensions as its
    indicators (the final model's tables). These are :func:`outer_tables`' ``loadings``, ``reliability``
    and ``htmt`` of the first-stage model (``result.first_stage``), rows of the LOCs only; the HTMT's
    columns are the first stage's constructs except higher-order ones (a repeated-indicators construct
    shares its dimensions' indicators). Header only when the model has no staged higher-order construct.

    Parameters
    ----------
    result : plssem.PLSResult
        The final model's estimate (``result.model.higher_order``, ``result.first_stage``).

    Returns
    -------
    dict
        ``lower_order_loadings`` (construct, indicator, loading, weight), ``lower_order_reliability``
        (construct, cronbach_alpha, rho_a, rho_c, ave), ``lower_order_htmt`` (construct, then one column per
        construct) -> DataFrame, rows in model order.
    """
    model = result.model
    dimensions = [d for h in model.higher_order if h.staged for d in h.dimensions]
    source = result.first_stage if dimensions and result.first_stage is not None else result
    tables = outer_tables(source)
    higher = [h.name for h in source.model.higher_order]
    htmt = tables["htmt"].drop(columns=[c for c in higher if c in tables["htmt"].columns])
    return {f"lower_order_{name}": frame[frame["construct"].isin(dimensions)].reset_index(drop=True)
            for name, frame in (("loadings", tables["loadings"]), ("reliability", tables["reliability"]),
                                ("htmt", htmt))}


def inner_tables(result) -> dict:
    """Structural-model tables: ``paths, r2, f2, vif, effects, specific_indirect, fit``.

    * ``paths``: source, target, coefficient (model order);
    * ``r2``: construct, r2, r2_adj (endogenous constructs);
    * ``f2``: source, target, f2; ``vif``: source, target, vif (of the source
      among the target's predictors);
    * ``effects``: source, target, direct, total_indirect, total for every
      pair joined by a directed route (direct 0 where the model has no direct
      path, total_indirect 0 where there is no route of two or more paths);
    * ``specific_indirect``: path (``"A -> M -> B"``), source, target, effect;
    * ``fit``: statistic, value (``srmr`` of the estimated model).
    """
    import pandas as pd

    total = result.total_effects
    indirect = result.total_indirect_effects
    path_matrix = result.path_matrix
    effects = pd.DataFrame({
        "source": total.index.get_level_values("source"),
        "target": total.index.get_level_values("target"),
        "direct": [float(path_matrix.loc[s, t]) for s, t in total.index],
        "total_indirect": [float(indirect.get((s, t), 0.0)) for s, t in total.index],
        "total": total.to_numpy(),
    })
    specific = result.specific_indirect_effects
    routes = [p.split(" -> ") for p in specific.index]
    specific_frame = pd.DataFrame({"path": list(specific.index), "source": [r[0] for r in routes],
                                   "target": [r[-1] for r in routes], "effect": specific.to_numpy()})
    return {
        "paths": result.paths.reset_index(),
        "r2": result.r2.reset_index(),
        "f2": result.f2.reset_index(),
        "vif": result.inner_vif.reset_index(),
        "effects": effects,
        "specific_indirect": specific_frame,
        "fit": pd.DataFrame({"statistic": ["srmr"], "value": [result.srmr]}),
    }


def original_statistics(result) -> dict:
    """The full-sample value of every bootstrapped statistic: :func:`plssem.statistics.collect` of ``result``.

    Returns
    -------
    dict
        Family -> ndarray ``(1, m)``, columns as :func:`plssem.statistics.labels`; the moderation families
        use the interaction terms' SDs (``result.term_sd``).
    """
    from plssem import statistics

    term_sd = None if result.term_sd is None else result.term_sd.to_numpy()[None]
    return statistics.collect(result.core, result.correlations[None], result.model, term_sd)


def bootstrap_tables(result, draws, *, alpha: float = 0.05, ci: str = "percentile", jackknife=None) -> dict:
    """One summary table per bootstrapped family of statistics.

    Parameters
    ----------
    result : plssem.PLSResult
        The full-sample estimate (gives the ``original`` column).
    draws : plssem.BootstrapDraws
        All subsamples, merged.
    alpha, ci
        As :func:`plssem.summarize`.
    jackknife : dict, optional
        Leave-one-out estimates per family (:func:`plssem.jackknife`), needed for BCa.

    Returns
    -------
    dict
        Family -> DataFrame: the family's key columns (``source, target`` /
        ``path, source, target`` / ``construct, indicator`` / ``construct`` /
        ``construct_1, construct_2`` / ``statistic, construct``) then :data:`SUMMARY_COLUMNS`. Families:
        ``paths, specific_indirect, total_indirect, total_effects, loadings,
        weights, r2, htmt, reliability``. ``t`` is signed (``original / sd``); SmartPLS
        prints ``|t|``.
    """
    import pandas as pd
    from plssem import statistics, summarize

    model = result.model
    original = original_statistics(result)
    labels = statistics.labels(model)
    tables = {}
    for family, keys in labels.items():
        summary = summarize(original[family][0], draws.values[family], alpha=alpha, ci=ci,
                            jackknife=None if jackknife is None else jackknife[family])
        key_frame = pd.DataFrame(keys, columns=list(keys[0]) if keys else _EMPTY_FAMILY_COLUMNS.get(family, []))
        tables[family] = pd.concat([key_frame, summary[SUMMARY_COLUMNS]], axis=1)
    return tables


def subsample_table(draws, failed_ids=None):
    """One row per subsample: subsample, iterations, converged, failed, failed_reason.

    Parameters
    ----------
    draws : plssem.BootstrapDraws
    failed_ids : mapping, optional
        Reason key -> subsample ids, as :func:`plssem_pipeline.analysis.numerics.bootstrap_failures`
        gives them: each failed subsample under one reason, so that ``failed_reason`` agrees with
        ``failed_by_reason`` of the step summary (a subsample with a constant indicator is not
        converged too, but failed because of the constant indicator). Empty for a usable subsample.

    Returns
    -------
    DataFrame, shape (B, 5)
    """
    import pandas as pd

    reason = {int(i): key for key, ids in (failed_ids or {}).items() for i in ids}
    return pd.DataFrame({"subsample": draws.subsample_ids, "iterations": draws.iterations,
                         "converged": draws.converged, "failed": draws.failed,
                         "failed_reason": [reason.get(int(i), "") for i in draws.subsample_ids]})
