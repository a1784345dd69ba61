"""Rule `group_estimate`: the model estimated on one group's data (``results/groups/{group}/survey.csv``).

The single estimation of the group: rule ``group_bootstrap`` takes its originals and rule ``mga`` its originals
and outer weights from here. Writes ``estimates.npz`` (:func:`plssem_pipeline.io.save_arrays`): ``original/<family>``
``(m,)`` for every family the groups are compared on (:data:`plssem_pipeline.analysis.groups.FAMILIES`, columns as
:func:`plssem.statistics.labels`), ``weights`` ``(p, k)`` (the final outer weights, ``core.weights[0]``, MICOM's
group weights) and, with ``bootstrap.ci: bca``, ``jackknife/<family>`` ``(n, m)`` (leave-one-out estimates, BCa's
acceleration); metadata ``group``, ``n``. ``estimates.json``: n, iterations, convergence, warnings.
"""
from __future__ import annotations

import plssem

from .. import io, study
from ..analysis import groups, numerics, tables
from ..audit import provenance


def main(smk, log):
    code = str(smk.wildcards.group)
    model = study.model_from_spec(smk.params.model)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    warnings = numerics.estimation_warnings(result, smk.params.algorithm)
    for warning in warnings:
        log.warning("group %s: %s", code, warning)
    original = tables.original_statistics(result)
    arrays = {f"original/{family}": original[family][0] for family in groups.FAMILIES}
    arrays["weights"] = result.core.weights[0]
    if smk.params.ci == "bca":
        options = study.algorithm_options(smk.params.algorithm)
        jackknife = plssem.jackknife(result.observed_data.standardized, model, **options)
        arrays.update({f"jackknife/{family}": jackknife[family] for family in groups.FAMILIES})
    io.save_arrays(smk.output.estimates, arrays, group=code, n=result.n)
    log.info("group %s: %d respondents, %d iterations, converged %s", code, result.n, result.iterations,
             result.converged)
    provenance.write_json(provenance.step_summary(
        "group_estimate", inputs=[smk.input.survey], outputs=[smk.output.estimates],
        config={"model": smk.params.model, "algorithm": smk.params.algorithm, "ci": smk.params.ci},
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"group": code, "n": result.n, "iterations": result.iterations, "converged": result.converged,
                 "warnings": warnings},
    ), smk.output.summary)
