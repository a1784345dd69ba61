"""Section "Method and settings": the sample, the model, the algorithm, the bootstrap and the software."""
from __future__ import annotations

from ...study.extensions import control_targets
from ...study.labels import missing_translations
from ..blocks import section as make_section, text
from ..inputs import ReportInputs
from ..localize import localized
from ..tables import integer, prose, tolerance
from . import groups, ipma
from .higher_order import higher_order, is_staged
from .moderation import is_quadratic, term_scale, term_subject
from .structural import F2_SIZES, bounds

__all__ = ["paragraphs", "section"]


def _sample(inputs) -> str:
    t, lang = inputs.t, inputs.language
    clean = inputs.summaries["clean_summary"]["details"]
    data = inputs.config["data"]
    reasons = clean.get("exclusion_reasons") or {}
    sheet = (clean.get("format") or {}).get("sheet")
    survey = t("m_survey_sheet", survey=str(data["survey"]), sheet=sheet) if sheet else str(data["survey"])
    out = t("m_sample", n=integer(clean["respondents_kept"], lang), rows=integer(clean["rows_read"], lang),
            survey=survey, excluded=integer(clean.get("respondents_excluded", 0), lang),
            logged=integer(clean.get("exclusion_rows", 0), lang))
    if clean.get("categories_from_value_labels"):
        out += " " + t("m_value_labels", variables=", ".join(clean["categories_from_value_labels"]))
    if reasons:
        out += " " + t("m_sample_reasons", reasons="; ".join(f"{_reason(t, k)}: {integer(v, lang)}"
                                                             for k, v in reasons.items()))
    out += " " + t("m_missing", treatment=t("treatment_" + data["missing_treatment"])) + _missing_limits(inputs, clean)
    return " ".join([out, *_coding(inputs, clean.get("scales") or {})])


def _reason(t, code: str) -> str:
    """An exclusion-log reason code (``reason_code`` of results/clean/exclusions.csv) in the report's language."""
    return t("reason_" + code) if "reason_" + code in t.strings else code


def _missing_limits(inputs, clean: dict) -> str:
    """The respondents excluded for answering nothing and the indicators above data.max_missing_share."""
    t, lang = inputs.t, inputs.language
    out = ""
    rows = clean.get("unanswered_rows") or []
    if rows:
        out += " " + t("m_unanswered", count=integer(len(rows), lang), rows=", ".join(map(str, rows)))
    above = clean.get("indicators_above_max_missing_share") or {}
    if above:
        shares = ", ".join(f"{name} ({prose(100 * share, lang, 1)}%)" for name, share in above.items())
        out += " " + t("m_missing_share", limit=prose(100 * clean["max_missing_share"], lang), indicators=shares)
    return out


def _coding(inputs, scales: dict) -> list[str]:
    """The response scales, when they differ between constructs, and the reverse-coded items.

    ``scales`` is the clean step's ``details.scales`` (indicator -> construct, scale_min,
    scale_max, reverse_coded; a control variable's scale None).
    """
    t, lang = inputs.t, inputs.language

    def shown(entry: dict) -> str:
        return f"{prose(entry['scale_min'], lang)}–{prose(entry['scale_max'], lang)}"

    by_scale: dict[str, list[str]] = {}
    for entry in scales.values():
        if entry["scale_min"] is None:   # a control variable: any number, on no response scale
            continue
        constructs = by_scale.setdefault(shown(entry), [])
        if entry["construct"] not in constructs:
            constructs.append(entry["construct"])
    out = []
    if len(by_scale) > 1:
        out.append(t("m_scales", scales="; ".join(f"{', '.join(names)} ({scale})" for scale, names in by_scale.items())))
    reversed_items = [f"{name} ({shown(entry)})" for name, entry in scales.items() if entry.get("reverse_coded")]
    if reversed_items:
        out.append(t("m_reverse", items=", ".join(reversed_items)))
    return out


def _model(inputs) -> str:
    t, config = inputs.t, inputs.config
    outer = inputs.summaries["outer_summary"]["details"]
    versions = inputs.summaries["boot_summary"].get("versions", {})
    hocs = higher_order(config)
    modes: dict = {}
    for name, spec in config["constructs"].items():   # a higher-order construct has no indicators of its own
        if str(name) not in hocs:
            modes[spec.get("mode", "A")] = modes.get(spec.get("mode", "A"), 0) + len(spec.get("indicators") or ())
    fields = dict(k=len(config["constructs"]) - len(hocs), indicators=sum(modes.values()), paths=len(config["paths"]),
                  modes=", ".join(f"{count} {t('mode_' + mode)}" for mode, count in sorted(modes.items()) if count))
    out = t("m_model", **fields) if not hocs else t(
        "m_model_hoc", **fields,
        hocs=", ".join(f"{name}: {t('mode_' + spec.get('mode', 'A'))}" for name, spec in hocs.items()))
    algorithm = config["algorithm"]
    return out + " " + t("m_algorithm", version=versions.get("plssem", "?"),
                         scheme=t("scheme_" + algorithm["weighting"]),
                         tol=localized(tolerance(float(algorithm["tol"])), inputs.language),
                         max_iter=algorithm["max_iter"], iterations=outer.get("iterations", "?"),
                         converged=t("converged") if outer.get("converged", True) else t("not_converged")) \
        + _consistent(inputs, outer.get("plsc")) + _extensions(inputs)


def _extensions(inputs) -> str:
    """The interaction terms (method, scale convention), the higher-order constructs (approach) and the control
    variables, each a sentence when the model has them."""
    t, config = inputs.t, inputs.config
    out = []
    terms = [name for name, role in inputs.roles.items() if role == "interaction"]
    if terms:
        settings = config.get("moderation") or {}
        convention = "m_term_standardized" if settings.get("standardize_term", True) else "m_term_unstandardized"
        method = settings.get("method", "two_stage")
        interactions = ", ".join(term for term in terms if not is_quadratic(term))
        quadratic = ", ".join(term for term in terms if is_quadratic(term))
        subject = t(term_subject(terms, "m_subject_"), terms=interactions, quadratic=quadratic)
        out.append(t("m_moderation", terms=subject, method=t("mod_method_" + method),
                     convention=t(convention, scale=term_scale(t, method))))
    hocs = [t("m_hoc_entry", hoc=name, dimensions=", ".join(map(str, spec["dimensions"])),
              mode=t("mode_" + spec.get("mode", "A")),
              approach=t("hoc_repeated" if not is_staged(spec) else
                         "hoc_two_stage" if spec.get("approach", "two_stage") == "two_stage" else "hoc_embedded"))
            for name, spec in higher_order(config).items()]
    if hocs:
        out.append(t("m_hoc", constructs="; ".join(hocs)))
    controls = [f"{column} -> {', '.join(map(str, targets))}"
                for column, targets in control_targets(config.get("controls")).items()]
    if controls:
        out.append(t("m_controls", controls="; ".join(controls)))
    return "".join(" " + sentence for sentence in out)


def _consistent(inputs, plsc: dict | None) -> str:
    """The common factors estimated with PLSc and the estimate's inadmissible results (outer step's ``details.plsc``)."""
    if not plsc:
        return ""
    t = inputs.t
    what = ([t("plsc_rho", names=", ".join(plsc["rho_a_above_1"]))] if plsc["rho_a_above_1"] else []) \
        + ([t("plsc_corr", pairs=", ".join("–".join(p) for p in plsc["correlations_above_1"]))]
           if plsc["correlations_above_1"] else []) \
        + ([t("plsc_npd")] if plsc["not_positive_definite"] else [])
    composites = [name for name in inputs.config["constructs"] if name not in plsc["common_factors"]]
    return " " + t("m_plsc", constructs=", ".join(plsc["common_factors"])) \
        + (" " + t("m_plsc_composites", names=", ".join(composites)) if composites else "") + " " \
        + (t("m_plsc_inadmissible", what="; ".join(what)) if what else t("m_plsc_admissible"))


def _not_converged(details: dict) -> int:
    """The failed subsamples whose reason is non-convergence: each failed subsample counted once, under one reason."""
    by_reason = details.get("failed_by_reason")
    return int(by_reason["not_converged"]) if by_reason else int(details.get("not_converged", 0))


def _bootstrap(inputs) -> str:
    t, lang = inputs.t, inputs.language
    boot = inputs.summaries["boot_summary"]
    bootstrap = inputs.config["bootstrap"]
    details = boot["details"]
    out = t("m_bootstrap", samples=inputs.subsamples, failed=integer(details["failed"], lang),
            nonconv=integer(_not_converged(details), lang), alpha=prose(inputs.alpha, lang),
            ci=inputs.ci_method, level=prose(100 * (1 - inputs.alpha), lang),
            sign=t("sign_" + bootstrap["sign_change"]), seed=boot.get("seed", bootstrap["seed"]))
    if details["failed"]:
        ids = details.get("failed_subsamples", [])
        out += " " + t("m_failed_list", ids=", ".join(map(str, ids[:50])) + (" …" if len(ids) > 50 else ""))
    plsc = details.get("plsc")
    if plsc:
        count = plsc["subsamples_inadmissible"]
        out += " " + (t("m_plsc_boot", count=integer(count, lang), samples=inputs.subsamples) if count
                      else t("m_plsc_boot_none", samples=inputs.subsamples))
    if int(bootstrap.get("tails", 2)) == 1:
        out += " " + t("m_one_tailed", level=prose(100 * (1 - 2 * inputs.alpha), lang))
    return out + " " + t("m_mediation", rule=t("med_rule_" + inputs.config["mediation"]["significance"]))


def _software(inputs) -> str:
    t = inputs.t
    versions = inputs.summaries["boot_summary"].get("versions", {})
    software = ", ".join(f"{name} {version}" for name, version in versions.items())
    numbering = " " + t("m_numbering") if inputs.config.get("published") else ""  # only beside a published paper
    thresholds = {k: prose(inputs.criteria[k], inputs.language, 2) for k in ("loading", "ave", "reliability", "htmt")}
    thresholds.update(bounds(inputs, F2_SIZES))
    return t("m_software", software=software) + " " + t("m_thresholds", **thresholds) + numbering \
        + _untranslated(inputs)


def _untranslated(inputs) -> str:
    """The labels the config gives per language but not in the report's, shown in English instead (once, here)."""
    keys = missing_translations(inputs.config, inputs.language)
    return " " + inputs.t("m_labels_fallback", keys=", ".join(keys)) if keys else ""


def paragraphs(inputs: ReportInputs) -> list:
    """The methods as four paragraphs: sample, model and algorithm, bootstrap and mediation, software; and a fifth
    on the group comparison and the IPMA when the study configures them (config ``groups``, ``ipma``).

    Parameters
    ----------
    inputs : ReportInputs
        The configuration and the summaries of the clean, outer and bootstrap steps.

    Returns
    -------
    list of str
        Sentences in the report's language, numbers formatted for it.
    """
    extended = " ".join(sentence for sentence in (groups.methods_text(inputs), ipma.methods_text(inputs)) if sentence)
    return [_sample(inputs), _model(inputs), _bootstrap(inputs), *([extended] if extended else []), _software(inputs)]


def section(inputs: ReportInputs) -> dict:
    """Section "Method and settings": one text block a paragraph of :func:`paragraphs`.

    Its ``data`` is the paragraphs themselves (the context's ``methods``).
    """
    shown = paragraphs(inputs)
    return make_section("methods", inputs.t("sec_methods"), [text(p) for p in shown], results=False, data=shown)
