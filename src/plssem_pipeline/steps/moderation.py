"""Rule `moderation`: the interaction terms, their simple slopes and the moderated mediation.

Header-only tables for a study without interaction terms (the DAG is the same for every study). The
moderated mediation covers the routes the `mediation` step calls mediation routes
(:func:`plssem_pipeline.analysis.mediation.mediation_routes`): none through a higher-order construct's
path to its own dimension.
"""
from __future__ import annotations

from .. import io, study
from ..analysis import numerics
from ..analysis.moderation import interactions_table, moderated_mediation_table, simple_slopes_table
from ..analysis.mediation import mediation_routes
from ..audit import provenance


def _summary_table(path):
    """A bootstrap summary of ``results/bootstrap/`` with its ``level`` column as written (``""``, ``-1``, ``+1``)."""
    frame = io.read_csv(path, dtype={"level": str})
    frame["level"] = frame["level"].fillna("")
    return frame


def main(smk, log):
    model = study.model_from_spec(smk.params.model)
    alpha = smk.params.alpha
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    paths = io.read_csv(smk.input.paths)
    moderation = _summary_table(smk.input.moderation)
    interactions = interactions_table(model, paths, moderation, io.read_csv(smk.input.f2),
                                      io.load_merged_draws(smk.input.draws), result.scores, result.term_sd,
                                      alpha=alpha)
    slopes = simple_slopes_table(model, paths, moderation)
    routes, _ = mediation_routes(_summary_table(smk.input.moderated_mediation), study.roles(smk.params.model))
    moderated = moderated_mediation_table(routes, alpha=alpha, significance=smk.params.significance)
    for name, frame in (("interactions", interactions), ("simple_slopes", slopes),
                        ("moderated_mediation", moderated)):
        io.write_csv(frame, smk.output[name])
    named = interactions["term"] + " -> " + interactions["target"]
    log.info("%d interaction path(s), %d moderated mediation row(s)", len(interactions), len(moderated))
    provenance.write_json(provenance.step_summary(
        "moderation", inputs=list(smk.input),
        outputs=[smk.output.interactions, smk.output.simple_slopes, smk.output.moderated_mediation],
        config={"model": smk.params.model, "algorithm": smk.params.algorithm, "bootstrap": {"alpha": alpha},
                "mediation": {"significance": smk.params.significance}},
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"interactions": list(named), "johnson_neyman": dict(zip(named, interactions["jn_region"])),
                 "moderated_mediation": moderated[["path", "term", "statistic", "level",
                                                   "decision"]].to_dict("records")},
    ), smk.output.summary)
