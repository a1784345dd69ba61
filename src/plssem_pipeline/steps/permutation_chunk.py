"""Rule `permutation_chunk`: permutations start .. stop-1 of one pair of groups (MICOM, permutation test).

The pooled data are the first group's ``results/groups/{first}/survey.csv`` then the second's (each treated
within its group, :mod:`plssem_pipeline.analysis.mga`); every permutation re-splits them into groups of the
original sizes and estimates both (:func:`plssem.permutation.permutation_estimates`, stream 3 of
``groups.seed``). Permutation ``i`` depends on ``(seed, i)`` alone, so the merged results are byte-identical
for any ``groups.chunks``.
"""
from __future__ import annotations

from plssem.permutation import permutation_estimates

from .. import io, study
from ..analysis import mga


def main(smk, log):
    start, stop = int(smk.wildcards.start), int(smk.wildcards.stop)
    seed = int(smk.params.groups["seed"])
    model = study.model_from_spec(smk.params.model)
    pooled, n1 = mga.pooled_data([smk.input.first, smk.input.second], model)
    draws = permutation_estimates(pooled, n1, model, seed=seed, start=start, stop=stop,
                                  **study.algorithm_options(smk.params.algorithm))
    log.info("pair %s, permutations %d..%d: %d failed", smk.wildcards.pair, start, stop - 1, int(draws.failed.sum()))
    io.save_arrays(smk.output.draws, mga.permutation_arrays(draws), seed=seed, engine=smk.params.engine,
                   pair=str(smk.wildcards.pair))
