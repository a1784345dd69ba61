"""Rule `fit`: the model fit with the bootstrap test of exact fit, the information criteria of the study's
model and of every alternative model, and their comparison by BIC and Akaike weights."""
from __future__ import annotations

import pandas as pd

from .. import io, study
from ..analysis import model_fit, numerics
from ..audit import provenance


def main(smk, log):
    settings = smk.params.fit
    model = study.model_from_spec(smk.params.model)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    fit_table, details = model_fit.exact_fit(result, samples=settings["samples"], seed=settings["seed"])
    if details["note"]:
        log.info(details["note"])
    for name, failed in details["failed"].items():
        if failed:
            log.warning("bootstrap test of exact fit, %s model: %d of %d subsamples failed (left out of HI95/HI99)",
                        name, failed, settings["samples"])
    own = model_fit.criteria_table(result, study.STUDY_MODEL, study.roles(smk.params.model))
    criteria = pd.concat([own, *(io.read_csv(path, dtype={"model": str, "construct": str})
                                       for path in smk.input.alternatives)], ignore_index=True)
    comparison = model_fit.comparison_table(criteria)
    outputs = {"fit": fit_table, "criteria": criteria, "model_comparison": comparison}
    for name, frame in outputs.items():
        io.write_csv(frame, smk.output[name])
    provenance.write_json(provenance.step_summary(
        "fit", inputs=[smk.input.survey, *smk.input.alternatives], outputs=[smk.output[name] for name in outputs],
        config={"fit": settings, "model": smk.params.model, "algorithm": smk.params.algorithm,
                "alternatives": list(smk.params.alternatives)},
        seed=settings["seed"], fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={**details, "n": result.n, "samples": settings["samples"],
                 "models": list(dict.fromkeys(criteria["model"]))},
    ), smk.output.summary)
