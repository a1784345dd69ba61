"""Rule `mga`: one pair of groups compared — MICOM and the group difference tests.

Inputs: both groups' ``survey.csv`` (pooled for MICOM: the pooled sample is estimated here, once),
``estimates.npz`` (the groups' originals and outer weights, rule ``group_estimate``), ``bootstrap.csv`` (the SDs),
``draws.npz`` and ``summary.json`` (results/groups/) and the pair's permutation chunks. Writes ``results/mga/{pair}/mga.csv`` (:func:`plssem_pipeline.analysis.mga.mga_table`),
``micom.csv`` (:func:`~plssem_pipeline.analysis.mga.micom_table`; step 1, configural invariance, holds by
construction: the same indicators, data treatment and algorithm settings in both groups) and ``summary.json``.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from plssem.permutation import pair_stream

from .. import io, study
from ..analysis import groups, mga, numerics
from ..audit import provenance
from ..errors import UserError


def _group_files(smk, which: str) -> dict:
    """Group ``which`` (first / second): its estimates (originals, outer weights), SDs (bootstrap.csv) per family,
    draws and summary."""
    estimates = groups.load_estimates(smk.input[f"{which}_estimates"])
    table = io.read_csv(smk.input[f"{which}_bootstrap"])
    by_family = {family: rows for family, rows in table.groupby("family", sort=False)}
    summary = json.loads(Path(smk.input[f"{which}_summary"]).read_text(encoding="utf-8"))["details"]
    return {"original": estimates["original"], "weights": estimates["weights"],
            "sd": {f: by_family[f]["sd"].to_numpy() if f in by_family else np.empty(0) for f in groups.FAMILIES},
            "draws": io.load_merged_draws(smk.input[f"{which}_draws"]), "summary": summary}


def main(smk, log):
    settings, pair = smk.params.groups, str(smk.wildcards.pair)
    codes = [str(smk.params.first), str(smk.params.second)]
    model = study.model_from_spec(smk.params.model)
    first, second = _group_files(smk, "first"), _group_files(smk, "second")
    stream = pair_stream(pair)
    permutations = mga.load_permutations(smk.input.chunks, seed=settings["seed"], stream=stream,
                                         engine=smk.params.engine, permutations=settings["permutations"],
                                         folder=f"results/mga/{pair}/chunks")
    pooled, n1 = mga.pooled_data([smk.input.first_survey, smk.input.second_survey], model)
    sizes = (n1, pooled.shape[0] - n1)
    table = mga.mga_table(model, codes, [first["original"], second["original"]], [first["sd"], second["sd"]],
                          [first["draws"], second["draws"]], permutations, sizes)
    io.write_csv(table, smk.output.mga)
    pooled_fit = numerics.estimate(pd.DataFrame(pooled, columns=list(model.observed_indicators)), model,
                                   smk.params.algorithm, source=f"{smk.input.first_survey} + {smk.input.second_survey}")
    try:
        micom, excluded = mga.micom_table(pooled, n1, model, permutations, pooled_fit.core.weights[0],
                                          np.stack([first["weights"], second["weights"]]), seed=settings["seed"],
                                          stream=stream)
    except ValueError as error:   # every permutation failed: groups too small or too alike to re-split
        raise UserError(f"pair {pair}: {error}", key="groups.variable") from None
    io.write_csv(micom, smk.output.micom)
    failed = int(permutations.failed.sum())
    warnings = [f"pair {pair}: {failed} of {len(permutations)} permutations failed (a group of the re-split could "
                "not be estimated); the permutation test and MICOM use the others"] if failed else []
    for warning in warnings:
        log.warning(warning)
    log.info("pair %s: %d permutations, %d failed; MICOM on %d constructs", pair, len(permutations), failed,
             len(micom))
    provenance.write_json(provenance.step_summary(
        "mga", inputs=[str(f) for f in smk.input], outputs=[smk.output.mga, smk.output.micom],
        config={"groups": settings, "model": smk.params.model, "algorithm": smk.params.algorithm},
        seed=settings["seed"], fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"pair": pair, "groups": [{"code": code, "label": g["summary"]["label"], "n": n}
                                          for code, g, n in zip(codes, (first, second), sizes)],
                 "variable": settings["variable"], "without_group": first["summary"]["without_group"],
                 "permutations": len(permutations), "failed_permutations": failed, "micom_excluded": excluded,
                 "seed": settings["seed"], "stream": stream, "warnings": warnings},
    ), smk.output.summary)
