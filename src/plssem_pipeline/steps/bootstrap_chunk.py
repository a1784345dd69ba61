"""Rule `bootstrap_chunk`: estimate bootstrap subsamples start .. stop-1 and save their draws."""
from __future__ import annotations

import plssem

from .. import io, study
from ..analysis import numerics


def run_chunk(smk, log, stream: int = 0) -> None:
    """Estimate subsamples ``start .. stop-1`` of ``smk.input.survey`` on Philox ``stream`` and save them.

    Stream 0 is the full sample's bootstrap (rule ``bootstrap_chunk``); a group's bootstrap (rule
    ``group_bootstrap_chunk``) draws from :func:`plssem.bootstrap.named_stream` of its category code. The
    chunk records the seed, the stream and the engine fingerprint, which the merging rule checks.
    """
    start, stop = int(smk.wildcards.start), int(smk.wildcards.stop)
    model = study.model_from_spec(smk.params.model)
    options = study.algorithm_options(smk.params.algorithm)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    draws = plssem.bootstrap(
        result.observed_data.standardized, model, seed=int(smk.params.seed), start=start, stop=stop,
        sign_change=smk.params.sign_change, original_loadings=result.outer_loadings.to_numpy(), stream=stream,
        **options,
    )
    log.info("subsamples %d..%d: %d failed", start, stop - 1, int(draws.failed.sum()))
    metadata = {"seed": int(smk.params.seed), "engine": smk.params.engine}
    io.save_draws(smk.output.draws, draws, **metadata, **({"stream": stream} if stream else {}))


def main(smk, log):
    run_chunk(smk, log)
