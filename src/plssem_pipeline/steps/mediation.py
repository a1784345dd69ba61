"""Rule `mediation`: the mediation type of every specific indirect effect."""
from __future__ import annotations

from .. import io
from ..analysis.hypotheses import read_hypotheses
from ..analysis.mediation import mediation_table
from ..audit import provenance


def main(smk, log):
    table = mediation_table(
        io.read_csv(smk.input.specific_indirect), io.read_csv(smk.input.paths),
        io.read_csv(smk.input.total_effects), io.read_csv(smk.input.total_indirect),
        alpha=smk.params.alpha, significance=smk.params.mediation["significance"],
        hypotheses=read_hypotheses(smk.input.hypotheses),
    )
    io.write_csv(table, smk.output.indirect)
    provenance.write_json(provenance.step_summary(
        "mediation", inputs=list(smk.input), outputs=[smk.output.indirect],
        config={"alpha": smk.params.alpha, "mediation": smk.params.mediation},
        fingerprints={"pipeline": smk.params.pipeline},
        details={"types": dict(zip(table["path"], table["mediation_type"]))},
    ), smk.output.summary)
