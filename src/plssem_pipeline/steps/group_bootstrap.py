"""Rule `group_bootstrap`: one group's bootstrap chunks merged and summarised.

The originals (and, for BCa, the leave-one-out estimates) come from the group's ``estimates.npz`` (rule
``group_estimate``, the group's one estimation). Writes ``results/groups/{group}/bootstrap.csv`` (family,
statistic, original, mean, sd, t, p, ci_low, ci_high: SmartPLS's per-group Bootstrap MGA columns, p and interval as
:func:`plssem.summarize` computes them for the full sample's bootstrap), ``draws.npz`` (the merged draws, for the
Bootstrap MGA) and ``bootstrap.json`` (subsamples, failures).
"""
from __future__ import annotations

import plssem
from plssem.bootstrap import named_stream

from .. import io, study
from ..analysis import groups, numerics
from ..audit import provenance
from .bootstrap import merged_draws

#: The columns of bootstrap.csv after ``family, statistic``.
COLUMNS = ["original", "mean", "sd", "t", "p", "ci_low", "ci_high"]


def main(smk, log):
    config, code = smk.params.bootstrap, str(smk.wildcards.group)
    model = study.model_from_spec(smk.params.model)
    estimates = groups.load_estimates(smk.input.estimates)
    draws, chunks = merged_draws(smk.input.chunks, config, smk.params.engine, stream=named_stream(code),
                                 folder=f"results/groups/{code}/chunks")
    failures = numerics.bootstrap_failures(draws, smk.params.algorithm)  # UserError if < 2 usable
    if failures["message"]:
        log.warning("group %s: %s", code, failures["message"])
    summaries = {family: plssem.summarize(estimates["original"][family], draws.values[family], alpha=config["alpha"],
                                          ci=config["ci"], jackknife=estimates["jackknife"].get(family))
                 for family in groups.FAMILIES}
    io.write_csv(groups.long_table(summaries, model, COLUMNS), smk.output.bootstrap)
    io.save_merged_draws(smk.output.draws, draws)
    failed = sorted(i for ids in failures["failed_ids"].values() for i in ids)
    log.info("group %s: %d subsamples, %d failed", code, len(draws), len(failed))
    provenance.write_json(provenance.step_summary(
        "group_bootstrap", inputs=[smk.input.estimates, *smk.input.chunks],
        outputs=[smk.output.bootstrap, smk.output.draws],
        config={"bootstrap": config, "model": smk.params.model, "algorithm": smk.params.algorithm},
        seed=config["seed"], fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"group": code, "stream": named_stream(code), "subsamples": len(draws), "chunks": chunks,
                 "failed": len(failed), "failed_by_reason": failures["failed_by_reason"], "n": estimates["n"],
                 "usable": failures["usable"], "warnings": [failures["message"]] if failures["message"] else []},
    ), smk.output.summary)
