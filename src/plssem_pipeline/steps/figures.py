"""Rule `figures`: loadings chart, bootstrap histograms, HTMT heatmap, the structural model and the simple slopes
(PNG and PDF)."""
from __future__ import annotations

from .. import io
from ..analysis.hypotheses import read_hypotheses
from ..analysis.mediation import mediation_routes
from ..language import number_text
from ..report.catalogue import Catalogue
from ..report.figures import charts as figures, selection
from ..report.figures.structural_model import legend_features
from ..study.labels import label_for


def _measurement_kinds(loadings, modes) -> tuple[set, set]:
    """``(formative, reflective)`` constructs: Mode B, and Mode A, each with two or more indicators (Hair et al.
    2022: loadings against 0.70 and discriminant validity are reflective criteria; a single item is neither)."""
    sizes = loadings.groupby("construct", sort=False)["indicator"].count()
    multi = {str(c) for c, n in sizes.items() if n > 1}
    return ({c for c in multi if modes.get(c, "A") == "B"}, {c for c in multi if modes.get(c, "A") != "B"})


def _kept(frame, mask):
    """The rows of ``frame`` under ``mask``, or all of them when none is (a figure of a model without them
    is not shown: its table is left out of the report)."""
    return frame[mask].reset_index(drop=True) if mask.any() else frame


def _histograms(t, draws, summary, names, hypotheses, path, pdf, *, title: str, where: str, language: str):
    """The bootstrap distributions of the effects :func:`.selection.drawn` keeps (all of a small model's; of a
    large model's the hypothesised ones, at most :data:`.selection.PANELS`), the heading saying how many of how
    many and where the rest are (``where``: their results file)."""
    keep, why = selection.drawn(names, summary["original"], set(hypotheses["path"].astype(str)))
    note = selection.shown_note(t, len(keep), len(names), why, where)
    figures.bootstrap_histograms(draws[:, keep], summary.iloc[keep].reset_index(drop=True),
                                 [names[k] for k in keep], path, pdf=pdf,
                                 title=t(title) + (f"; {note}" if note else ""), legend=t("fig_bootstrap_legend"),
                                 empty=t("fig_no_statistics"), language=language)


def main(smk, log):
    language = smk.params.language
    t = Catalogue(language)
    labels = {name: label_for(label, language, str(name)) for name, label in smk.params.labels.items()}
    out = smk.output
    loadings = io.read_csv(smk.input.loadings)
    formative, reflective = _measurement_kinds(loadings, smk.params.modes)
    terms = {c for c, role in smk.params.roles.items() if role == "interaction"}   # no measurement criteria
    reflective -= terms
    controls = {c for c, role in smk.params.roles.items() if role == "control"}   # nor for control variables
    reflective_loadings = _kept(loadings, loadings["construct"].astype(str).isin(reflective))  # Table 2's
    figures.loadings_chart(reflective_loadings, out.loadings, pdf=out.loadings_pdf, labels=labels,
                           threshold=smk.params.loading_threshold, title=t("fig_loadings_title"),
                           axis_label=t("fig_loadings_axis"), language=language)
    paths = io.read_csv(smk.input.paths)
    draws = io.load_merged_draws(smk.input.draws)
    hypotheses = read_hypotheses(smk.input.hypotheses)   # Table 7's tests: the drawn effects, the dashed paths
    names = [f"{s} -> {t_}" for s, t_ in zip(paths["source"], paths["target"])]
    _histograms(t, draws["paths"], paths, names, hypotheses, out.bootstrap_paths, out.bootstrap_paths_pdf,
                title="fig_paths_title", where="results/bootstrap/paths.csv", language=language)
    indirect = io.read_csv(smk.input.specific_indirect)   # the mediation routes of Table 6 only
    kept = ~indirect["path"].isin(mediation_routes(indirect, smk.params.roles)[1]).to_numpy()
    indirect = indirect[kept].reset_index(drop=True)
    _histograms(t, draws["specific_indirect"][:, kept], indirect, list(indirect["path"]), hypotheses,
                out.bootstrap_indirect, out.bootstrap_indirect_pdf, title="fig_indirect_title",
                where="results/bootstrap/specific_indirect.csv", language=language)
    threshold = smk.params.htmt_threshold  # audit.criteria.htmt: one value for the bold cells and the title
    htmt = io.read_csv(smk.input.htmt)
    others = [c for c in htmt["construct"].astype(str) if c not in formative | terms | controls]   # Table 3b's
    if len(others) >= 2:
        htmt = htmt[htmt["construct"].astype(str).isin(others)][["construct", *others]].reset_index(drop=True)
    figures.htmt_heatmap(htmt, out.htmt, pdf=out.htmt_pdf, ci=io.read_csv(smk.input.htmt_ci),
                         threshold=threshold, language=language,
                         title=t("fig_htmt_title", threshold=number_text(threshold, language, ".2f")))
    drawn = loadings.copy()      # SmartPLS labels a formative block's arrows with its outer weights
    drawn["loading"] = drawn["weight"].where(drawn["construct"].astype(str).isin(formative), drawn["loading"])
    legend = t("fig_structural_legend")
    if (hypotheses["tails"] == 1).any():
        legend += "; " + t("fig_structural_legend_one_tailed")
    if formative:
        legend += "; " + t("fig_structural_legend_formative")
    for feature in legend_features(drawn, paths, smk.params.roles):   # interaction terms, controls, HOCs
        legend += "; " + t(f"fig_structural_legend_{feature}")
    figures.structural_model(drawn, paths, io.read_csv(smk.input.r2), out.structural_model,
                             pdf=out.structural_model_pdf, labels=labels, modes=smk.params.modes,
                             alpha=smk.params.alpha, significance=smk.params.significance, legend=legend,
                             hypotheses=hypotheses, language=language, roles=smk.params.roles)
    figures.simple_slopes_chart(io.read_csv(smk.input.simple_slopes), out.simple_slopes, pdf=out.simple_slopes_pdf,
                                level_names=tuple(t("fig_slopes_levels").split("|")), title=t("fig_slopes_title"),
                                x_label=t("fig_slopes_x"), y_label=t("fig_slopes_y"),
                                moderator_label=t("fig_slopes_moderator"), empty=t("fig_no_interaction"),
                                language=language, labels=labels, panel=t("fig_slopes_panel"),
                                quadratic_panel=t("fig_slopes_panel_quadratic"), points=t("fig_slopes_points"))
    log.info("figures written: %s", ", ".join(out))
