"""Rule `bootstrap_chunk`: estimate bootstrap subsamples start .. stop-1 and save their draws."""
from __future__ import annotations

import plssem

from .. import io, study
from ..analysis import numerics


def main(smk, log):
    start, stop = int(smk.wildcards.start), int(smk.wildcards.stop)
    model = study.model_from_spec(smk.params.model)
    options = study.algorithm_options(smk.params.algorithm)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    draws = plssem.bootstrap(
        result.observed_data.standardized, model, seed=int(smk.params.seed), start=start, stop=stop,
        sign_change=smk.params.sign_change, original_loadings=result.outer_loadings.to_numpy(), **options,
    )
    log.info("subsamples %d..%d: %d failed", start, stop - 1, int(draws.failed.sum()))
    io.save_draws(smk.output.draws, draws, seed=int(smk.params.seed), engine=smk.params.engine)
