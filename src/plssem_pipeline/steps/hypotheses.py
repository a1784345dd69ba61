"""Rule `hypotheses`: each hypothesis's bootstrap test (two- or one-tailed) and verdict."""
from __future__ import annotations

import plssem
from plssem import statistics

from .. import io, study
from ..analysis import numerics, tables
from ..analysis.hypotheses import hypotheses_table
from ..audit import provenance
from ..study.hypotheses import hypotheses_from_config


def main(smk, log):
    boot = smk.params.bootstrap
    config = {"paths": smk.params.paths, "hypotheses": smk.params.hypotheses}
    model = study.model_from_spec(smk.params.model)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    original = {family: values[0] for family, values in tables.original_statistics(result).items()}
    jackknife = None
    if boot["ci"] == "bca":
        jackknife = plssem.jackknife(result.observed_data.standardized, model,
                                     **study.algorithm_options(smk.params.algorithm))
    hypotheses = hypotheses_from_config(config)
    table = hypotheses_table(hypotheses, statistics.labels(model), original, io.load_merged_draws(smk.input.draws),
                             tails=boot["tails"], alpha=boot["alpha"], ci=boot["ci"],
                             significance=smk.params.significance, jackknife=jackknife)
    io.write_csv(table, smk.output.hypotheses)
    log.info("%d hypotheses, %d supported (%s-tailed)", len(table), int(table["supported"].sum()), boot["tails"])
    provenance.write_json(provenance.step_summary(
        "hypotheses", inputs=list(smk.input), outputs=[smk.output.hypotheses],
        config={"hypotheses": smk.params.hypotheses, "bootstrap": boot, "paths": smk.params.paths,
                "mediation": {"significance": smk.params.significance}},
        seed=boot["seed"], fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"supported": {h: bool(s) for h, s in zip(table["hypothesis"], table["supported"])},
                 "tails": boot["tails"]},
    ), smk.output.summary)
