"""Rule `inner`: estimate the model and write the structural-model tables."""
from plssem_pipeline.runner import run


def main(smk, log):
    from plssem_pipeline import io, numerics, provenance, study, tables

    model = study.model_from_config(smk.params.constructs, smk.params.paths)
    data = io.read_csv(smk.input.survey)
    result = numerics.estimate(data, model, smk.params.algorithm, source=smk.input.survey)
    log.info("estimated on %d respondents: %d iterations, converged %s", result.n, result.iterations,
             result.converged)
    warnings = [w for w in numerics.estimation_warnings(result, smk.params.algorithm) if "VIF" not in w]
    for warning in warnings:
        log.warning(warning)
    outputs = tables.inner_tables(result)
    for name, frame in outputs.items():
        io.write_csv(frame, smk.output[name])
    provenance.write_json(provenance.step_summary(
        "inner", inputs=[smk.input.survey], outputs=[smk.output[name] for name in outputs],
        config={"constructs": smk.params.constructs, "paths": smk.params.paths, "algorithm": smk.params.algorithm},
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"n": result.n, "iterations": result.iterations, "converged": result.converged,
                 "warnings": warnings},
    ), smk.output.summary)


run(main, snakemake)  # noqa: F821
