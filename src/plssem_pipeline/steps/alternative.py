"""Rule `alternative`: estimate one alternative model (config key ``alternatives.<name>``) on the cleaned
survey and write its information criteria (``results/alternatives/<name>/criteria.csv``)."""
from __future__ import annotations

from .. import io, study
from ..analysis import model_fit, numerics
from ..audit import provenance


def main(smk, log):
    name = smk.wildcards.name
    model = study.model_from_spec(smk.params.model)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    warnings = numerics.estimation_warnings(result, smk.params.algorithm)
    for warning in warnings:
        log.warning("alternative model %s: %s", name, warning)
    criteria = model_fit.criteria_table(result, name, study.roles(smk.params.model))
    io.write_csv(criteria, smk.output.criteria)
    log.info("alternative model %s: %d endogenous construct(s), n = %d", name, len(criteria), result.n)
    provenance.write_json(provenance.step_summary(
        "alternative", inputs=[smk.input.survey], outputs=[smk.output.criteria],
        config={"name": name, "model": smk.params.model, "algorithm": smk.params.algorithm},
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"n": result.n, "iterations": result.iterations, "converged": result.converged,
                 "warnings": warnings},
    ), smk.output.summary)
