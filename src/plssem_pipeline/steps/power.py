"""Rule `power`: the power chunks merged per sample size and summarised.

Writes ``results/power/power.csv`` (one row per effect and n: ``effect``, ``n``, ``true_value``, ``power``,
``mc_se`` = √(P(1 − P)/R), ``replications`` (those that estimated), ``failed``), ``minimum_n.csv`` (one row per
effect: ``effect``, ``true_value``, ``minimum_n`` (the smallest n of the grid whose power reaches ``power.target``;
empty when none does), ``note`` ("not reached" then), ``inverse_square_root`` and ``gamma_exponential`` (Kock &
Hadaya 2018, at ``alpha``, the tails and power ``target``, for a path; empty for a zero path and for an indirect
effect, to which the methods do not apply)) and
``summary.json`` (the settings, the population's true effects, the failures per n, the effects whose target power
no n of the grid reaches). :func:`plssem.power.summarise` computes both tables.
"""
from __future__ import annotations

import pandas as pd
from plssem import power as engine
from plssem.power import PowerDraws

from .. import io
from ..audit import provenance
from ..errors import UserError
from ..study.power import drawn_with

#: The engine's columns (:func:`plssem.power.summarise`) -> the results files' (snake_case, as every results CSV).
COLUMNS = {"Effect": "effect", "n": "n", "True value": "true_value", "Power": "power", "MC SE": "mc_se",
           "Replications": "replications", "Failed": "failed", "Minimum n": "minimum_n",
           "Inverse square root": "inverse_square_root", "Gamma-exponential": "gamma_exponential", "Note": "note"}


def merged_draws(paths, settings, engine_fingerprint: str) -> tuple[list[PowerDraws], dict]:
    """The chunks ``paths`` merged per sample size (:func:`plssem.power.merge`), ascending n, and the true effects.

    Raises
    ------
    UserError
        A chunk made with other settings or another engine (delete ``results/power/chunks``), or a sample size
        whose chunks do not hold ``power.replications`` replications.
    """
    parts: dict[int, list[PowerDraws]] = {}
    effects: dict = {}
    for path in paths:
        arrays, meta = io.load_arrays(path, what="a power chunk", rule="power_chunk")
        if meta.get("settings") != drawn_with(settings) or meta.get("engine") != engine_fingerprint:
            raise UserError("the chunk was made with other power settings or another engine; delete "
                            "results/power/chunks and rerun", file=str(path))
        effects = meta["effects"]
        parts.setdefault(int(meta["n"]), []).append(PowerDraws(
            n=int(meta["n"]), start=int(meta["start"]), labels=list(meta["labels"]), estimates=arrays["estimates"],
            significant=arrays["significant"], failed=arrays["failed"]))
    merged = [engine.merge(parts[n]) for n in sorted(parts)]
    for draws in merged:
        if len(draws.failed) != settings["replications"]:
            raise UserError(f"the chunks of n = {draws.n} hold {len(draws.failed)} replications, not "
                            f"{settings['replications']}", key="power.replications")
    return merged, effects


def main(smk, log):
    settings = smk.params.power
    draws, effects = merged_draws(smk.input.chunks, settings, smk.params.engine)
    table, minimum = engine.summarise(draws, effects, target=settings["target"], alpha=settings["alpha"],
                                      tails=settings["tails"])
    table, minimum = table.rename(columns=COLUMNS), minimum.rename(columns=COLUMNS)
    for column in ("minimum_n", "inverse_square_root", "gamma_exponential"):   # whole numbers, empty when none
        minimum[column] = minimum[column].astype("Int64")
    # Kock & Hadaya's methods are for a path coefficient (its SE about 1/√N); an indirect effect has none
    minimum.loc[minimum["effect"].str.count("->") > 1, ["inverse_square_root", "gamma_exponential"]] = pd.NA
    io.write_csv(table, smk.output.power)
    io.write_csv(minimum, smk.output.minimum_n)
    failed = {str(d.n): int(d.failed.sum()) for d in draws}
    unreached = minimum.loc[minimum["minimum_n"].isna(), "effect"].tolist()
    warnings = [f"n = {n}: {count} of {settings['replications']} replications failed to estimate (left out of the "
                "power)" for n, count in failed.items() if count]
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
                 "population": "estimated" if settings["population"] == "estimated" else "given",
                 "effects": effects, "hypothesised": [e for e in settings["hypothesised"] if e in effects],
                 "failed": failed, "not_reached": unreached, "warnings": warnings},
    ), smk.output.summary)
