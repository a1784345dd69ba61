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


def _chunk(smk, path):
    """One chunk's arrays as PLSpredict draws, and its metadata; a chunk of another seed or engine is refused."""
    from plssem.predict import PredictDraws

    settings = smk.params.predict
    arrays, meta = io.load_arrays(path, what="a PLSpredict chunk", rule="predict_chunk")
    if meta.get("seed") != settings["seed"] or meta.get("engine") != smk.params.engine:
        raise UserError(f"chunk {path} was made with seed {meta.get('seed')} / engine {meta.get('engine')}, "
                        f"not seed {settings['seed']} / engine {smk.params.engine}; delete results/predict/chunks")
    if not meta["applicable"]:
        return None, meta
    # the scalars (start, folds) were saved as 0-d arrays
    return PredictDraws(**{name: int(v) if v.ndim == 0 else v for name, v in arrays.items()}), meta


def _chunks(smk, seen: dict):
    """The chunks one at a time, in repetition order (memory: one chunk); ``seen`` counts their repetitions."""
    for path in smk.input.chunks:
        draws, _ = _chunk(smk, path)
        seen.update(repetitions=seen.get("repetitions", 0) + len(draws), folds=draws.folds,
                    n=int(draws.actual.shape[0]))
        yield draws
        del draws                                     # before the next chunk is read


def main(smk, log):
    settings = smk.params.predict
    model = study.model_from_spec(smk.params.model)
    _, meta = _chunk(smk, smk.input.chunks[0])
    details = {"applicable": bool(meta["applicable"]), "reason": meta.get("reason")}
    if meta["applicable"]:
        seen = {}
        tables, found = prediction.prediction_tables(_chunks(smk, seen), model, settings)
        if seen["repetitions"] != settings["repetitions"]:
            raise UserError(f"the chunks hold {seen['repetitions']} repetitions, not {settings['repetitions']}; "
                            "delete results/predict/chunks", key="predict.repetitions")
        details.update(folds=seen["folds"], repetitions=seen["repetitions"], n=seen["n"], **found)
        if found["failed_training_sets"]:
            log.warning("%d of %d training sets failed (not converged or singular); their test rows are left out "
                        "of the metrics", found["failed_training_sets"], seen["repetitions"] * seen["folds"])
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
