"""Rule `predict`: merge the PLSpredict chunks; write the PLSpredict and CVPAT tables.

Header-only tables and ``details.applicable`` false, with the reason, for a model PLSpredict cannot take.
"""
from __future__ import annotations

from .. import io, study
from ..analysis import prediction
from ..audit import provenance
from ..errors import UserError

#: Table -> the rule's output name (Snakemake reserves ``items``).
OUTPUTS = {"items": "indicators", "constructs": "constructs", "cvpat": "cvpat", "errors": "errors"}


def _chunks(smk) -> tuple[list, dict]:
    """The chunks' arrays and the first chunk's metadata; a chunk of another seed or engine is refused."""
    settings, parts, first = smk.params.predict, [], None
    for path in smk.input.chunks:
        arrays, meta = io.load_arrays(path, what="a PLSpredict chunk", rule="predict_chunk")
        if meta.get("seed") != settings["seed"] or meta.get("engine") != smk.params.engine:
            raise UserError(f"chunk {path} was made with seed {meta.get('seed')} / engine {meta.get('engine')}, "
                            f"not seed {settings['seed']} / engine {smk.params.engine}; delete results/predict/chunks")
        parts.append(arrays)
        first = first or meta
    return parts, first


def main(smk, log):
    from plssem.predict import PredictDraws, merge

    settings = smk.params.predict
    model = study.model_from_spec(smk.params.model)
    parts, meta = _chunks(smk)
    details = {"applicable": bool(meta["applicable"]), "reason": meta.get("reason")}
    if meta["applicable"]:
        draws = merge([PredictDraws(**{name: int(v) if v.ndim == 0 else v for name, v in arrays.items()})
                       for arrays in parts])   # the scalars (start, folds) were saved as 0-d arrays
        if len(draws) != settings["repetitions"]:
            raise UserError(f"the chunks hold {len(draws)} repetitions, not {settings['repetitions']}; delete "
                            "results/predict/chunks", key="predict.repetitions")
        tables, found = prediction.prediction_tables(draws, model, settings)
        details.update(folds=draws.folds, repetitions=len(draws), n=int(draws.actual.shape[0]), **found)
        if found["failed_training_sets"]:
            log.warning("%d of %d training sets failed (not converged or singular); their test rows are left out "
                        "of the metrics", found["failed_training_sets"], draws.failed.size)
    else:
        log.info("PLSpredict not applicable: %s", meta["reason"])
        tables = prediction.empty_tables(model)
    if settings["folds"] == "loo":
        details["note"] = ("leave-one-out: one repetition (its folds involve no randomness), whatever "
                           "predict.repetitions says")
    for name, output in OUTPUTS.items():
        io.write_csv(tables[name], smk.output[output])
    provenance.write_json(provenance.step_summary(
        "predict", inputs=[smk.input.survey, *smk.input.chunks],
        outputs=[smk.output[output] for output in OUTPUTS.values()],
        config={"predict": settings, "model": smk.params.model, "algorithm": smk.params.algorithm},
        seed=settings["seed"], fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details=details,
    ), smk.output.summary)
