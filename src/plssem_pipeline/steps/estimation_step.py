"""The `outer` and `inner` rules: estimate the model once and write one step's tables.

Both rules estimate the same model on the cleaned survey and differ only in the
tables they write (:func:`plssem_pipeline.analysis.tables.outer_tables` or
:func:`~plssem_pipeline.analysis.tables.inner_tables`) and in the warnings that concern
them: an undefined indicator VIF belongs to the measurement model, so only the
`outer` step reports it. The `outer` step also writes the redundancy analysis of
formative constructs (:func:`plssem_pipeline.analysis.formative.redundancy_analysis`,
two-construct models of their own) and the lower-order constructs of the first-stage model
(:func:`plssem_pipeline.analysis.tables.lower_order_tables`).
"""
from __future__ import annotations

from .. import io, study
from ..analysis import consistent, formative, numerics, tables
from ..audit import provenance


def _other_models(data, result, smk) -> dict:
    """The outer step's tables of other models: the redundancy analysis of formative constructs
    (``constructs.<C>.redundancy``) and the first-stage model's lower-order constructs."""
    return {"redundancy": formative.redundancy_analysis(data, smk.params.constructs, smk.params.algorithm,
                                                        source=smk.input.survey),
            **tables.lower_order_tables(result)}


#: step name -> (tables function, whether the step reports indicator-VIF warnings, tables of other models or None)
STEPS = {"outer": (tables.outer_tables, True, _other_models), "inner": (tables.inner_tables, False, None)}


def run_step(step: str, smk, log) -> None:
    """Estimate the configured model on ``smk.input.survey`` and write ``step``'s tables and summary."""
    make_tables, reports_vif, other_models = STEPS[step]
    model = study.model_from_spec(smk.params.model)
    data = io.read_csv(smk.input.survey)
    result = numerics.estimate(data, model, smk.params.algorithm, source=smk.input.survey)
    log.info("estimated on %d respondents: %d iterations, converged %s", result.n, result.iterations,
             result.converged)
    warnings = [w for w in numerics.estimation_warnings(result, smk.params.algorithm)
                if reports_vif or "VIF" not in w]
    plsc, plsc_warnings = consistent.estimation_details(result)
    warnings += plsc_warnings if reports_vif else []     # measurement-model news: the outer step reports it
    for warning in warnings:
        log.warning(warning)
    outputs = make_tables(result)
    if other_models is not None:
        outputs.update(other_models(data, result, smk))
    for name, frame in outputs.items():
        io.write_csv(frame, smk.output[name])
    provenance.write_json(provenance.step_summary(
        step, inputs=[smk.input.survey], outputs=[smk.output[name] for name in outputs],
        config={"constructs": smk.params.constructs, "paths": smk.params.paths, "model": smk.params.model,
                "algorithm": smk.params.algorithm},
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"n": result.n, "iterations": result.iterations, "converged": result.converged,
                 "warnings": warnings, **({"plsc": plsc} if plsc else {})},
    ), smk.output.summary)
