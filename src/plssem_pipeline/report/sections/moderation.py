"""The moderation part of the structural model: interaction effects, simple slopes, Johnson–Neyman, moderated
mediation.

From the moderation step's files (``results/moderation/``):

* the interaction effects table: each interaction term's path (a quadratic term ``A x A``: a quadratic
  effect), under the scale convention of ``moderation.standardize_term`` — the standardised term (the
  default) or the term kept at its unstandardised scale, as seminr keeps it (Henseler & Chin 2010), so both
  coefficients are shown — with its bootstrap T, P and confidence
  interval, its f² judged by Kenny's (2018) thresholds for interaction effects (0.005, 0.01, 0.025;
  Hair et al. 2022, ch. 7) and the significance decision of the pipeline's one rule;
* the conditional effects (simple slopes) of the independent variable at the moderator's −1 SD,
  mean and +1 SD, with their intervals, and the simple-slope figure (:mod:`..figures.slopes`);
* a sentence per term giving the Johnson–Neyman bounds of the moderator where the conditional
  effect's interval excludes zero, the effect's sign in each such region, and whether the bounds lie inside
  the moderator's observed range;
* moderated mediation (Hayes 2015): the index of moderated mediation of each indirect route a term
  moderates, with its interval, and the conditional indirect effects at the three levels (none for a
  quadratic term, whose indirect effect is an instantaneous one, Hayes & Preacher 2010: the engine writes no
  rows, and the part is left out when no row remains).

A model without interaction terms has no moderation part: it is left out whole, heading included.
"""
from __future__ import annotations

from plssem.specification import Interaction, parse_term

from ..blocks import figure, heading, table, text
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, isnan, number, prose, pvalue

__all__ = ["blocks", "interactions_table", "slopes_table", "moderated_mediation_table", "johnson_neyman_text",
           "johnson_neyman_sentence", "f2_interaction_size", "interaction_bounds", "is_quadratic", "term_subject", "term_scale",
           "F2_INTERACTION_SIZES", "LEVEL_KEYS"]

#: f² of an interaction term: from 0.025 large, from 0.01 medium, from 0.005 small (Kenny 2018, as cited by
#: Hair et al. 2022, ch. 7).
F2_INTERACTION_SIZES = ((0.025, "f2_large"), (0.01, "f2_medium"), (0.005, "f2_small"))
#: A level of the moderator (SD from its mean, as the moderation step writes it) -> the key of its name.
LEVEL_KEYS = {-1.0: "level_minus", 0.0: "level_mean", 1.0: "level_plus"}
#: LaTeX widths (cm) of the interaction effects table's ten columns (17 cm text width at footnotesize).
WIDTHS = (3.0, 1.2, 1.2, 1.1, 1.0, 1.15, 1.15, 1.0, 1.3, 1.6)


def f2_interaction_size(f2: float) -> str:
    """The key of an interaction term's effect size by :data:`F2_INTERACTION_SIZES` (``"f2_none"`` below 0.005)."""
    return next((key for bound, key in F2_INTERACTION_SIZES if f2 >= bound), "f2_none")


def interaction_bounds(inputs: ReportInputs) -> dict:
    """The bounds of :data:`F2_INTERACTION_SIZES` for a sentence: ``{"large": "0.025", ...}`` (report's language)."""
    return {key.split("_", 1)[1]: prose(bound, inputs.language) for bound, key in F2_INTERACTION_SIZES}


def _interaction(term: str) -> Interaction:
    """The engine's :class:`~plssem.specification.Interaction` of a term's name ``"A x B"``."""
    iv, moderator = parse_term(str(term))
    return Interaction(str(term), iv, moderator)


def is_quadratic(term: str) -> bool:
    """Whether an interaction term's name ``"A x B"`` is a quadratic term ``"A x A"`` (SmartPLS: a quadratic effect)."""
    return _interaction(term).quadratic


def term_subject(terms, prefix: str = "mod_subject_") -> str:
    """The key ending of the terms' kind: ``interaction``, ``quadratic`` or ``both`` (catalogue ``prefix`` + it)."""
    kinds = {is_quadratic(term) for term in terms}
    return prefix + ("both" if len(kinds) == 2 else "quadratic" if True in kinds else "interaction")


def _path(record) -> str:
    return f"{record['term']} -> {record['target']}"


def _decision(inputs: ReportInputs, record) -> Cell:
    """Significant or not by the pipeline's rule (``mediation.significance``, ``bootstrap.alpha``)."""
    significant = inputs.significant(record)
    return Cell(inputs.t("sig_yes") if significant else inputs.t("sig_no"), flag=None if significant else "warn")


def _tested(inputs: ReportInputs, record) -> list:
    """T, P and the interval of a row of the moderation step's files, as cells."""
    tt, p, low, high = (number(record[k]) for k in ("t", "p", "ci_low", "ci_high"))
    return [Cell(fmt(abs(tt)) if tt is not None else "", abs(tt) if tt is not None else None),
            Cell(pvalue(p, inputs.language), p), Cell(fmt(low), low), Cell(fmt(high), high)]


def _columns(inputs: ReportInputs, first: str, value: str, width: float) -> list:
    """The columns of the conditional effects and moderated mediation tables: ``first`` (a row header, ``width``
    cm wide in LaTeX, its text wrapped), ``value``, STDEV, T, P, the interval's bounds and the decision (keys of
    the catalogue but the bounds); with the gaps they fit the 17 cm text width at footnotesize."""
    t = inputs.t
    low, high = inputs.ci_bounds
    return [Column(t(first), "l", width=width), Column(t(value), width=1.7), Column(t("c_sd_short"), width=1.1),
            Column(t("c_t_short"), width=1.1), Column(t("c_p_short"), width=1.1), Column(low, width=1.1),
            Column(high, width=1.1), Column(t("c_significance"), "l", width=1.6)]


def _level(inputs: ReportInputs, value, construct: str) -> str:
    """``EC at −1 SD``: a level of the moderator (of the iv itself for a quadratic term) in the report's words."""
    return inputs.t("level_at", construct=construct, level=inputs.t(LEVEL_KEYS[float(str(value))]))


def _convention_note(inputs: ReportInputs, records) -> str:
    """How the term was built (``moderation.method``) and which scale its coefficient is on."""
    t = inputs.t
    settings = inputs.config.get("moderation") or {}
    standardized = bool(settings.get("standardize_term", True))
    sds = ", ".join(f"{r['term']}: {fmt(float(r['term_sd']))}" for r in records)
    method = str(settings.get("method", "two_stage"))
    subject = t(term_subject([r["term"] for r in records]))
    return t("n_mod_method", terms=subject, method=t("mod_method_" + method)) + " " + t(
        "n_mod_standardized" if standardized else "n_mod_unstandardized", sds=sds, scale=term_scale(t, method))


def term_scale(t, method: str) -> str:
    """What the unstandardised term is kept at under ``moderation.method`` (Henseler & Chin 2010, as seminr does):
    the variance of the product of the construct scores (two-stage), or the loading-weighted SD of the unstandardised
    product indicators (product indicator, orthogonal: no product of construct scores there)."""
    return t("mod_scale_two_stage" if method == "two_stage" else "mod_scale_indicators")


def interactions_table(inputs: ReportInputs) -> Table | None:
    """The interaction effects: each term's path coefficient, its unstandardised coefficient, bootstrap test and f².

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``interactions`` (``results/moderation/interactions.csv``) and the config's ``moderation``.

    Returns
    -------
    Table or None
        One row a term (``"KP x EC -> IP"``): β (``coefficient``), b (``raw_coefficient``), T, P, the
        confidence interval, f² with its effect size after :data:`F2_INTERACTION_SIZES`, and the decision;
        None when the model has no interaction term.
    """
    t = inputs.t
    records = inputs.optional_records("interactions")
    if not records:
        return None
    rows = []
    for record in records:
        beta, raw, f2 = (float(record[k]) for k in ("coefficient", "raw_coefficient", "f2"))
        path = t("mod_quadratic_path", path=_path(record)) if is_quadratic(record["term"]) else _path(record)
        rows.append(Row([Cell(path), Cell(fmt(beta), beta), Cell(fmt(raw), raw), *_tested(inputs, record),
                         Cell(fmt(f2), f2), Cell(t(f2_interaction_size(f2))), _decision(inputs, record)],
                        keys=(_path(record),)))
    low, high = inputs.ci_bounds
    labels = [(t("c_path"), "l"), (t("c_beta"), "r"), (t("c_raw_coefficient"), "r"), (t("c_t_short"), "r"),
              (t("c_p_short"), "r"), (low, "r"), (high, "r"), (t("c_f2"), "r"), (t("c_effect_size"), "l"),
              (t("c_significance"), "l")]
    columns = [Column(label, align, width=width) for (label, align), width in zip(labels, WIDTHS)]
    notes = [_convention_note(inputs, records),
             t("n_mod_test", ci=inputs.ci_method, samples=inputs.subsamples_neutral,
               rule=t("med_rule_" + inputs.significance)),
             t("n_mod_f2", **interaction_bounds(inputs))]
    return Table("table-moderation", "6c", t("t_moderation"), columns, rows, notes=notes,
                 sources=inputs.source("interactions"), font="footnotesize")


def slopes_table(inputs: ReportInputs) -> Table | None:
    """The conditional effects of each term's independent variable at the moderator's −1 SD, mean and +1 SD.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``simple_slopes`` (``results/moderation/simple_slopes.csv``).

    Returns
    -------
    Table or None
        Grouped by term: one row a level with the conditional effect, its bootstrap STDEV, T, P, interval
        and decision; a quadratic term's levels are those of its own construct. None without a term.
    """
    t = inputs.t
    records = inputs.optional_records("simple_slopes")
    if not records:
        return None
    rows, term = [], None
    for record in records:
        if record["term"] != term:
            term = record["term"]
            group = "slopes_group_quadratic" if is_quadratic(term) else "slopes_group"
            rows.append(Row(group=t(group, iv=record["iv"], target=record["target"], term=term)))
        effect, sd = float(record["conditional_effect"]), float(record["sd"])
        level = _level(inputs, record["level"], str(record["moderator"]))
        rows.append(Row([Cell(level), Cell(fmt(effect), effect), Cell(fmt(sd), sd), *_tested(inputs, record),
                         _decision(inputs, record)], keys=(f"{_path(record)} {record['level']}",)))
    columns = _columns(inputs, "c_moderator_level", "c_conditional_effect", 4.0)
    return Table("table-slopes", "6d", t("t_slopes"), columns, rows, font="footnotesize",
                 notes=[t("n_slopes", ci=inputs.ci_method, samples=inputs.subsamples_neutral)],
                 sources=inputs.source("simple_slopes"))


def johnson_neyman_text(inputs: ReportInputs, record, iv_effect: float) -> str:
    """The Johnson–Neyman sentence of one term in the report's language (:func:`johnson_neyman_sentence`)."""
    return johnson_neyman_sentence(inputs.t, inputs.language, record, iv_effect,
                                   inputs.t("med_rule_" + inputs.significance))


def _sign(t, effect: float) -> str:
    return t("sign_positive" if effect > 0 else "sign_negative")


def johnson_neyman_sentence(t, language: str, record, iv_effect: float, rule: str) -> str:
    """The Johnson–Neyman sentence of one term: where its conditional effect is significant, with which sign, and
    the data's range.

    Parameters
    ----------
    t : Catalogue
        The report's strings (:class:`plssem_pipeline.report.catalogue.Catalogue`).
    language : str
        The report's language, for the numbers' decimal separator.
    record : mapping
        A row of ``interactions.csv``: ``term``, ``iv``, ``moderator``, ``target``, ``raw_coefficient`` (b₃),
        ``jn_lower``, ``jn_upper`` (SD of the moderator), ``jn_region`` (:func:`plssem.moderation.johnson_neyman`:
        ``outside``, significant below the lower and above the upper bound; ``inside``, between them;
        ``everywhere``; ``nowhere``), ``moderator_min``, ``moderator_max``.
    iv_effect : float
        b₁, the independent variable's path to the target (``simple_slopes.csv`` ``iv_effect``).
    rule : str
        The significance rule's words (``med_rule_*``).

    Returns
    -------
    str
        The sign of each significant region is that of the conditional effect ``b₁ + b₃·w`` (``b₁ + 2·b₃·w`` for a
        quadratic term, the curve's slope) at a point of the region: one unit beyond a bound outside them, their
        midpoint inside them, the mean (w = 0) where the effect is significant everywhere (it has no root then).
    """
    region = str(record["jn_region"])
    lower, upper = number(record["jn_lower"]), number(record["jn_upper"])
    low, high = float(record["moderator_min"]), float(record["moderator_max"])
    b3 = float(record["raw_coefficient"]) * _interaction(record["term"]).slope_factor

    def sign(w: float) -> str:
        return _sign(t, iv_effect + b3 * w)
    signs = {"outside": lambda: dict(sign_low=sign(lower - 1), sign_high=sign(upper + 1)),
             "inside": lambda: dict(sign=sign((lower + upper) / 2)), "everywhere": lambda: dict(sign=sign(0.0)),
             "nowhere": dict}[region]()
    out = t("jn_" + region, lower=_sd(lower, language), upper=_sd(upper, language), iv=record["iv"],
            target=record["target"], moderator=record["moderator"], term=record["term"], rule=rule, **signs)
    bounds = [b for b in (lower, upper) if b is not None and not isnan(b)]
    if bounds:
        inside = [_sd(b, language) for b in bounds if low <= b <= high]
        key = "jn_range_none" if not inside else "jn_range_all" if len(inside) == len(bounds) else "jn_range_some"
        out += " " + t(key, moderator=record["moderator"], min=_sd(low, language), max=_sd(high, language),
                       bounds=", ".join(inside))
    return out


def _sd(value, language: str) -> str:
    return "" if value is None else prose(value, language, 2)


def moderated_mediation_table(inputs: ReportInputs) -> Table | None:
    """Moderated mediation: the index (Hayes 2015) and the conditional indirect effects of each moderated route.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``moderated_mediation`` (``results/moderation/moderated_mediation.csv``).

    Returns
    -------
    Table or None
        Grouped by route and term: the index of moderated mediation, then the conditional indirect effect at
        each level of the moderator, each with O, STDEV, T, P, the interval and the file's ``decision``
        (``significant`` or ``not_significant``, by the mediation analysis's rule); None
        when no interaction term lies on an indirect route.
    """
    t = inputs.t
    records = inputs.optional_records("moderated_mediation")
    if not records:
        return None
    rows, group = [], None
    for record in records:
        if (record["path"], record["term"]) != group:
            group = (record["path"], record["term"])
            rows.append(Row(group=t("mm_group", path=record["path"], term=record["term"])))
        label = t("mm_index") if record["statistic"] == "index" else \
            t("mm_conditional", level=_level(inputs, record["level"], str(record["moderator"])))
        o, sd = float(record["original"]), float(record["sd"])
        decided = record["decision"] == "significant"
        rows.append(Row([Cell(label), Cell(fmt(o), o), Cell(fmt(sd), sd), *_tested(inputs, record),
                         Cell(t("sig_yes") if decided else t("sig_no"), flag=None if decided else "warn")],
                        keys=(f"{record['path']} {record['term']} {record['statistic']} {record['level']}",)))
    return Table("table-moderated-mediation", "6e", t("t_moderated_mediation"),
                 _columns(inputs, "c_statistic", "c_original", 5.0), rows, font="footnotesize",
                 notes=[t("n_mm", ci=inputs.ci_method, samples=inputs.subsamples_neutral,
                          rule=t("med_rule_" + inputs.significance))],
                 sources=inputs.source("moderated_mediation"))


def blocks(inputs: ReportInputs) -> list:
    """The moderation part of the structural model's section; nothing when the model has no interaction term.

    Its heading, the interaction effects, the conditional effects with the Johnson–Neyman sentences and the
    simple-slope figure, then the moderated mediation table when a term lies on an indirect route.
    """
    effects = interactions_table(inputs)
    if effects is None:
        return []
    t = inputs.t
    caption = t("f_simple_slopes")
    mediated = moderated_mediation_table(inputs)
    slopes = slopes_table(inputs)
    iv_effects = {str(r["term"]): float(r["iv_effect"]) for r in inputs.optional_records("simple_slopes")}
    return [heading(t("sec_moderation")), table(effects), *([table(slopes)] if slopes is not None else []),
            *[text(johnson_neyman_text(inputs, r, iv_effects[str(r["term"])]))
              for r in inputs.optional_records("interactions")],
            figure(inputs.figure("simple_slopes", "", caption)),
            *([heading(t("sec_moderated_mediation")), table(mediated)] if mediated is not None else [])]
