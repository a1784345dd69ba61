"""Rule `power`: the power chunks merged per sample size and summarised.

Writes ``results/power/power.csv`` (one row per effect and n: ``effect``, ``n``, ``true_value`` (the estimator's
value in the population, the effect the replications estimate), ``stated_value`` (the given or estimated value the
population was built from), ``power``, ``mc_se`` = √(P(1 − P)/R), ``replications`` (those that estimated),
``failed``), ``minimum_n.csv`` (one row per effect: ``effect``, ``true_value``, ``stated_value``, ``minimum_n`` (the
smallest n of the grid whose power reaches ``power.target``; empty when none does), ``note`` ("not reached" then;
"smallest n simulated" when the smallest n already reaches it), ``inverse_square_root`` and ``gamma_exponential``
(Kock & Hadaya 2018 for a path's true value, at ``alpha``, the tails and power ``target``; empty for a zero path
and an indirect effect)) and ``summary.json`` (the settings, the effects, the failures per n, the effects whose
target power no n of the grid reaches, the Kock & Hadaya constant). :func:`plssem.power.summarise` computes both
tables (and decides the normal test, which needs every replication of an n).
"""
from __future__ import annotations

from plssem import power as engine
from plssem import sample_size
from plssem.power import PowerDraws

from .. import io
from ..audit import provenance
from ..errors import UserError
from ..study.power import drawn_with

#: The engine's columns (:func:`plssem.power.summarise`) -> the results files' (snake_case, as every results CSV).
COLUMNS = {"Effect": "effect", "n": "n", "True value": "true_value", "Stated value": "stated_value",
           "Power": "power", "MC SE": "mc_se",
           "Replications": "replications", "Failed": "failed", "Minimum n": "minimum_n",
           "Inverse square root": "inverse_square_root", "Gamma-exponential": "gamma_exponential", "Note": "note"}


def merged_draws(paths, settings, engine_fingerprint: str) -> tuple[list[PowerDraws], dict, dict]:
    """The chunks ``paths`` merged per sample size (:func:`plssem.power.merge`), ascending n, the true effects and
    the stated ones.

    Raises
    ------
    UserError
        A chunk made with other settings or another engine (delete ``results/power/chunks``), or a sample size
        whose chunks do not hold ``power.replications`` replications.
    """
    parts: dict[int, list[PowerDraws]] = {}
    effects: dict = {}
    stated: dict = {}
    for path in paths:
        arrays, meta = io.load_arrays(path, what="a power chunk", rule="power_chunk")
        if meta.get("settings") != drawn_with(settings) or meta.get("engine") != engine_fingerprint:
            raise UserError("the chunk was made with other power settings or another engine; delete "
                            "results/power/chunks and rerun", file=str(path))
        effects, stated = meta["effects"], meta["stated"]
        parts.setdefault(int(meta["n"]), []).append(PowerDraws(
            n=int(meta["n"]), start=int(meta["start"]), labels=list(meta["labels"]), estimates=arrays["estimates"],
            significant=arrays["significant"], failed=arrays["failed"]))
    merged = [engine.merge(parts[n]) for n in sorted(parts)]
    for draws in merged:
        if len(draws.failed) != settings["replications"]:
            raise UserError(f"the chunks of n = {draws.n} hold {len(draws.failed)} replications, not "
                            f"{settings['replications']}", key="power.replications")
    return merged, effects, stated


def kock_hadaya(settings) -> dict:
    """The tails, α, power and constant c = z(1 − α/tails) + z(power) of the Kock & Hadaya columns, beside their
    own one-tailed c (2.486 at α = 0.05 and power 0.8), which gives smaller n when the simulation is two-tailed."""
    def constant(tails):
        return sample_size.inverse_square_root_constant(alpha=settings["alpha"], power=settings["target"],
                                                        tails=tails)
    return {"tails": settings["tails"], "alpha": settings["alpha"], "power": settings["target"],
            "constant": constant(settings["tails"]), "constant_one_tailed": constant(1)}


def decision_warnings(settings) -> list[str]:
    """The study's bootstrap decides otherwise than the simulated test (a BCa interval, sign changes)."""
    if settings["test"] != "bootstrap":
        return []
    warnings = []
    if settings["significance"] == "interval" and settings["study_ci"] != "percentile":
        warnings.append(f"the power analysis decides by the percentile interval; the study's hypotheses by the "
                        f"{settings['study_ci']} interval (bootstrap.ci)")
    if settings["study_sign_change"] != "none":
        warnings.append(f"the power analysis' bootstraps make no sign changes; the study's make "
                        f"{settings['study_sign_change']}-level ones (bootstrap.sign_change)")
    return warnings


def main(smk, log):
    settings = smk.params.power
    draws, effects, stated = merged_draws(smk.input.chunks, settings, smk.params.engine)
    table, minimum = engine.summarise(draws, effects, target=settings["target"], alpha=settings["alpha"],
                                      tails=settings["tails"], test=settings["test"], stated=stated)
    table, minimum = table.rename(columns=COLUMNS), minimum.rename(columns=COLUMNS)
    for column in ("minimum_n", "inverse_square_root", "gamma_exponential"):   # whole numbers, empty when none
        minimum[column] = minimum[column].astype("Int64")
    io.write_csv(table, smk.output.power)
    io.write_csv(minimum, smk.output.minimum_n)
    failed = {str(d.n): int(d.failed.sum()) for d in draws}
    unreached = minimum.loc[minimum["minimum_n"].isna(), "effect"].tolist()
    warnings = [f"n = {n}: {count} of {settings['replications']} replications failed to estimate (left out of the "
                "power, which is conditional on the estimation converging)" for n, count in failed.items() if count]
    warnings += decision_warnings(settings)
    for warning in warnings:
        log.warning(warning)
    log.info("power of %d effects at n = %s; %d effects do not reach %.2f", len(effects), settings["n"],
             len(unreached), settings["target"])
    provenance.write_json(provenance.step_summary(
        "power", inputs=list(smk.input.chunks), outputs=[smk.output.power, smk.output.minimum_n],
        config={"power": settings}, seed=settings["seed"],
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"n": settings["n"], "replications": settings["replications"], "chunks": settings["chunks"],
                 "test": settings["test"], "samples": settings["samples"], "alpha": settings["alpha"],
                 "tails": settings["tails"], "significance": settings["significance"], "target": settings["target"],
                 "interval": "percentile", "sign_change": "none", "study_ci": settings["study_ci"],
                 "study_sign_change": settings["study_sign_change"],
                 "population": "estimated" if settings["population"] == "estimated" else "given",
                 "survey": settings["survey"], "effects": effects, "stated": stated,
                 "smallest_n_reached": minimum.loc[minimum["note"] == engine.AT_SMALLEST, "effect"].tolist(),
                 "kock_hadaya": kock_hadaya(settings),
                 "hypothesised": [e for e in settings["hypothesised"] if e in effects],
                 "failed": failed, "not_reached": unreached, "warnings": warnings},
    ), smk.output.summary)
