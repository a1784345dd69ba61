"""Rule `mediation`: the mediation type of every specific indirect effect that is a mediation route.

A route that starts at an interaction term (its moderated mediation is the `moderation` step's) or at a
control variable, or that runs through a path from a higher-order construct to its own dimension, is no
mediation route (:func:`plssem_pipeline.analysis.mediation.mediation_routes`) and is left out, named in the
summary.
"""
from __future__ import annotations

from .. import io, study
from ..analysis.hypotheses import read_hypotheses
from ..analysis.mediation import mediation_routes, mediation_table
from ..audit import provenance


def main(smk, log):
    specific, left_out = mediation_routes(io.read_csv(smk.input.specific_indirect), study.roles(smk.params.model))
    table = mediation_table(
        specific, io.read_csv(smk.input.paths),
        io.read_csv(smk.input.total_effects), io.read_csv(smk.input.total_indirect),
        alpha=smk.params.alpha, significance=smk.params.mediation["significance"],
        hypotheses=read_hypotheses(smk.input.hypotheses),
    )
    io.write_csv(table, smk.output.indirect)
    if left_out:
        log.info("not mediation routes (interaction term, control variable or higher-order measurement): %s",
                 "; ".join(left_out))
    provenance.write_json(provenance.step_summary(
        "mediation", inputs=list(smk.input), outputs=[smk.output.indirect],
        config={"alpha": smk.params.alpha, "mediation": smk.params.mediation, "model": smk.params.model},
        fingerprints={"pipeline": smk.params.pipeline},
        details={"types": dict(zip(table["path"], table["mediation_type"])), "not_mediation_routes": left_out},
    ), smk.output.summary)
