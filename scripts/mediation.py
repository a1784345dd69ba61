"""Rule `mediation`: the mediation type of every specific indirect effect."""
from plssem_pipeline.runner import run


def main(smk, log):
    from plssem_pipeline import io, provenance
    from plssem_pipeline.mediation import mediation_table

    table = mediation_table(
        io.read_csv(smk.input.specific_indirect), io.read_csv(smk.input.paths),
        io.read_csv(smk.input.total_effects), io.read_csv(smk.input.total_indirect),
        alpha=smk.params.alpha, significance=smk.params.mediation["significance"],
    )
    io.write_csv(table, smk.output.indirect)
    provenance.write_json(provenance.step_summary(
        "mediation", inputs=list(smk.input), outputs=[smk.output.indirect],
        config={"alpha": smk.params.alpha, "mediation": smk.params.mediation},
        fingerprints={"pipeline": smk.params.pipeline},
        details={"types": dict(zip(table["path"], table["mediation_type"]))},
    ), smk.output.summary)


run(main, snakemake)  # noqa: F821
