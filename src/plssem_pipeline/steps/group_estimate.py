"""Rule `group_estimate`: the model estimated on one group's data (``results/groups/{group}/survey.csv``).

Writes ``estimates.csv`` (family, statistic, original: every statistic the groups are compared on, labelled
as SmartPLS labels them; :mod:`plssem_pipeline.analysis.groups`) and ``estimates.json`` (n, iterations,
convergence, warnings).
"""
from __future__ import annotations

import pandas as pd

from .. import io, study
from ..analysis import groups, numerics, tables
from ..audit import provenance


def main(smk, log):
    model = study.model_from_spec(smk.params.model)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    warnings = numerics.estimation_warnings(result, smk.params.algorithm)
    for warning in warnings:
        log.warning("group %s: %s", smk.wildcards.group, warning)
    original = tables.original_statistics(result)
    frames = {family: pd.DataFrame({"original": original[family][0]}) for family in groups.FAMILIES}
    io.write_csv(groups.long_table(frames, model, ["original"]), smk.output.estimates)
    log.info("group %s: %d respondents, %d iterations, converged %s", smk.wildcards.group, result.n,
             result.iterations, result.converged)
    provenance.write_json(provenance.step_summary(
        "group_estimate", inputs=[smk.input.survey], outputs=[smk.output.estimates],
        config={"model": smk.params.model, "algorithm": smk.params.algorithm},
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"group": str(smk.wildcards.group), "n": result.n, "iterations": result.iterations,
                 "converged": result.converged, "warnings": warnings},
    ), smk.output.summary)
