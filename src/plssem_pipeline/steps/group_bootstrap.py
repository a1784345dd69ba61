"""Rule `group_bootstrap`: one group's bootstrap chunks merged and summarised.

Writes ``results/groups/{group}/bootstrap.csv`` (family, statistic, original, mean, sd, t, p, ci_low, ci_high:
SmartPLS's per-group Bootstrap MGA columns, p and interval as the full sample's bootstrap computes them,
:func:`plssem_pipeline.analysis.tables.bootstrap_tables`), ``draws.npz`` (the merged draws, for the Bootstrap
MGA) and ``bootstrap.json`` (subsamples, failures).
"""
from __future__ import annotations

import plssem
from plssem.bootstrap import named_stream

from .. import io, study
from ..analysis import groups, numerics, tables
from ..audit import provenance
from .bootstrap import merged_draws

#: The columns of bootstrap.csv after ``family, statistic``.
COLUMNS = ["original", "mean", "sd", "t", "p", "ci_low", "ci_high"]


def main(smk, log):
    config, code = smk.params.bootstrap, str(smk.wildcards.group)
    model = study.model_from_spec(smk.params.model)
    options = study.algorithm_options(smk.params.algorithm)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    draws, chunks = merged_draws(smk.input.chunks, config, smk.params.engine, stream=named_stream(code),
                                 folder=f"results/groups/{code}/chunks")
    failures = numerics.bootstrap_failures(draws, smk.params.algorithm)  # UserError if < 2 usable
    if failures["message"]:
        log.warning("group %s: %s", code, failures["message"])
    jackknife = plssem.jackknife(result.observed_data.standardized, model, **options) if config["ci"] == "bca" else None
    summaries = tables.bootstrap_tables(result, draws, alpha=config["alpha"], ci=config["ci"], jackknife=jackknife)
    io.write_csv(groups.long_table(summaries, model, COLUMNS), smk.output.bootstrap)
    io.save_merged_draws(smk.output.draws, draws)
    failed = sorted(i for ids in failures["failed_ids"].values() for i in ids)
    log.info("group %s: %d subsamples, %d failed", code, len(draws), len(failed))
    provenance.write_json(provenance.step_summary(
        "group_bootstrap", inputs=[smk.input.survey, *smk.input.chunks],
        outputs=[smk.output.bootstrap, smk.output.draws],
        config={"bootstrap": config, "model": smk.params.model, "algorithm": smk.params.algorithm},
        seed=config["seed"], fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"group": code, "stream": named_stream(code), "subsamples": len(draws), "chunks": chunks,
                 "failed": len(failed), "failed_by_reason": failures["failed_by_reason"], "n": result.n,
                 "usable": failures["usable"], "warnings": [failures["message"]] if failures["message"] else []},
    ), smk.output.summary)
