"""Rule `predict_chunk`: PLSpredict's out-of-sample predictions of repetitions start .. stop-1, saved.

A model PLSpredict cannot take (interaction terms, higher-order constructs) gets a chunk without arrays
whose metadata says why (``applicable`` false, ``reason``); rule `predict` then writes header-only tables.
"""
from __future__ import annotations

from dataclasses import asdict

from plssem.predict import plspredict, refusal

from .. import io, study
from ..analysis import numerics, prediction


def main(smk, log):
    start, stop = int(smk.wildcards.start), int(smk.wildcards.stop)
    settings = smk.params.predict
    model = study.model_from_spec(smk.params.model)
    meta = {"seed": settings["seed"], "engine": smk.params.engine}
    reason = refusal(model)
    if reason is not None:
        log.info("PLSpredict not applicable: %s", reason)
        io.save_arrays(smk.output.draws, {}, applicable=False, reason=reason, **meta)
        return
    survey = io.read_csv(smk.input.survey)
    result = numerics.estimate(survey, model, smk.params.algorithm, source=smk.input.survey)
    data = prediction.observed_matrix(survey, result)
    del survey, result                                # n x p each: not held while the predictions are made
    folds = study.fold_count(settings["folds"], data.shape[0], settings["repetitions"])
    draws = plspredict(data, model, folds=folds, repetitions=settings["repetitions"], seed=settings["seed"],
                       start=start, stop=stop, approach=settings["approach"],
                       **study.algorithm_options(smk.params.algorithm))
    log.info("repetitions %d..%d of %d-fold cross-validation: %d of %d training sets failed", start, stop - 1,
             folds, int(draws.failed.sum()), draws.failed.size)
    io.save_arrays(smk.output.draws, asdict(draws), applicable=True, **meta)
