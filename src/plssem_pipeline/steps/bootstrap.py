"""Rule `bootstrap`: merge the chunks and summarise every bootstrapped statistic."""
from __future__ import annotations

import plssem

from .. import io, study
from ..analysis import consistent, formative, numerics, tables
from ..audit import provenance
from ..errors import UserError

# summary.json lists every failed subsample id up to this many; beyond it (B may reach 1,000,000) the
# list is cut, `failed_subsamples_truncated` is true and subsamples.csv (column `failed`) holds them all.
FAILED_LISTED = 10_000


def merged_draws(paths, config, engine: str, *, stream: int = 0, folder: str = "results/bootstrap/chunks"):
    """The bootstrap chunks ``paths`` merged (:func:`plssem.merge`), after checking each was made with
    ``config["seed"]``, Philox ``stream`` and the ``engine`` fingerprint, and that they hold ``config["samples"]``.

    Raises
    ------
    UserError
        A chunk of another seed, stream or engine (delete ``folder``); the wrong number of subsamples.
    """
    parts = []
    for path in paths:
        draws, meta = io.load_draws(path)
        if meta.get("seed") != config["seed"] or meta.get("engine") != engine or meta.get("stream", 0) != stream:
            raise UserError(f"chunk {path} was made with seed {meta.get('seed')} / stream {meta.get('stream', 0)} / "
                            f"engine {meta.get('engine')}, not seed {config['seed']} / stream {stream} / engine "
                            f"{engine}; delete {folder}")
        parts.append(draws)
    draws = plssem.merge(parts)
    if len(draws) != config["samples"]:
        raise UserError(f"the chunks hold {len(draws)} subsamples, not {config['samples']}", key="bootstrap.samples")
    return draws, len(parts)


def main(smk, log):
    config = smk.params.bootstrap
    model = study.model_from_spec(smk.params.model)
    options = study.algorithm_options(smk.params.algorithm)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    draws, chunks = merged_draws(smk.input.chunks, config, smk.params.engine)
    failures = numerics.bootstrap_failures(draws, smk.params.algorithm)  # UserError if < 2 usable
    if failures["message"]:
        log.warning(failures["message"])
    plsc, plsc_warnings = consistent.bootstrap_details(draws, model)
    for warning in plsc_warnings:
        log.warning(warning)
    jackknife = plssem.jackknife(result.observed_data.standardized, model, **options) if config["ci"] == "bca" else None
    summaries = tables.bootstrap_tables(result, draws, alpha=config["alpha"], ci=config["ci"], jackknife=jackknife)
    for family, frame in summaries.items():
        io.write_csv(frame, smk.output[family])
    io.write_csv(formative.formative_assessment(  # Mode B indicators: weights, loadings, VIF, decision
        summaries["weights"], summaries["loadings"], result.outer_vif.reset_index(), smk.params.constructs,
        alpha=config["alpha"], significance=smk.params.significance), smk.output.formative)
    io.write_csv(tables.subsample_table(draws, failures["failed_ids"]), smk.output.subsamples)
    io.save_merged_draws(smk.output.draws, draws)
    failed = [i for ids in failures["failed_ids"].values() for i in ids]
    failed.sort()
    listed = failed[:FAILED_LISTED]
    log.info("%d subsamples, %d failed", len(draws), len(failed))
    provenance.write_json(provenance.step_summary(
        "bootstrap", inputs=[smk.input.survey, *smk.input.chunks],
        outputs=[smk.output[f] for f in summaries] + [smk.output.formative, smk.output.subsamples, smk.output.draws],
        config={"bootstrap": config, "constructs": smk.params.constructs, "paths": smk.params.paths,
                "model": smk.params.model, "algorithm": smk.params.algorithm},
        seed=config["seed"], fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"subsamples": len(draws), "chunks": chunks, "failed": len(failed),
                 "failed_subsamples": listed,
                 "failed_subsamples_truncated": len(listed) < len(failed),
                 "failed_subsamples_file": "subsamples.csv",
                 "not_converged": failures["failed_by_reason"]["not_converged"], "n": result.n,
                 "usable": failures["usable"], "failed_by_reason": failures["failed_by_reason"],
                 "warnings": ([failures["message"]] if failures["message"] else []) + plsc_warnings,
                 **({"plsc": plsc} if plsc else {})},
    ), smk.output.summary)
