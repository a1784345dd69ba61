"""Rule `power_chunk`: replications start .. stop-1 of sample size n simulated, estimated and tested, saved.

The population is the model estimated on ``results/clean/survey.csv`` (config ``power.population: estimated``,
:func:`plssem.population.from_estimates`) or the one the config gives (:func:`plssem.population.from_parameters`;
no survey read). :func:`plssem.power.power_chunk` draws each replication from (seed, n, r) alone, so the chunks
merge into the same results for any chunking. The chunk records the settings it was made with (its params,
:func:`plssem_pipeline.study.power.drawn_with`) and the engine fingerprint, which rule `power` checks, and the
population's true effects (the estimator's values in the population) and its stated ones.
"""
from __future__ import annotations

from plssem import population as populations
from plssem.power import power_chunk

from .. import io, study
from ..analysis import numerics
from ..study.power import drawn_with


def population_of(smk):
    """The population of ``smk.params.power["population"]`` for the model of ``smk.params.model``."""
    model = study.model_from_spec(smk.params.model)
    given = smk.params.power["population"]
    if given != "estimated":
        scheme = study.algorithm_options(smk.params.algorithm)["scheme"]
        return populations.from_parameters(model, **given, scheme=scheme)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    return populations.from_estimates(result)


def main(smk, log):
    settings = smk.params.power
    n, start, stop = int(smk.wildcards.n), int(smk.wildcards.start), int(smk.wildcards.stop)
    population = population_of(smk)
    options = study.algorithm_options(smk.params.algorithm)
    draws = power_chunk(population, n, seed=settings["seed"], start=start, stop=stop, test=settings["test"],
                        alpha=settings["alpha"], tails=settings["tails"], **options,
                        **{key: settings[key] for key in ("samples", "significance") if key in settings})
    log.info("n = %d, replications %d..%d: %d failed", n, start, stop - 1, int(draws.failed.sum()))
    io.save_arrays(smk.output.draws, {"estimates": draws.estimates, "significant": draws.significant,
                                      "failed": draws.failed},
                   n=n, start=start, labels=list(draws.labels), effects=population.effects, stated=population.stated,
                   settings=drawn_with(settings), engine=smk.params.engine)
