"""Rule `permutation_chunk`: permutations start .. stop-1 of one pair of groups (MICOM, permutation test).

The pooled data are the first group's ``results/groups/{first}/survey.csv`` then the second's (each treated
within its group, :mod:`plssem_pipeline.analysis.mga`); every permutation re-splits them into groups of the
original sizes and estimates both (:func:`plssem.permutation.permutation_estimates` with ``groups.seed``, on the
pair's own Philox stream :func:`plssem.permutation.pair_stream` of ``{pair}``, e.g.
``named_stream("permutation:2-vs-1")``, so that pairs do not share random numbers). Permutation ``i`` depends on
``(seed, stream, i)`` alone, so the merged results are byte-identical for any ``groups.chunks``. The chunk records
the seed, the stream and the engine fingerprint, which the ``mga`` rule checks.
"""
from __future__ import annotations

from plssem.permutation import pair_stream, permutation_estimates

from .. import io, study
from ..analysis import mga


def main(smk, log):
    start, stop = int(smk.wildcards.start), int(smk.wildcards.stop)
    seed = int(smk.params.seed)
    model = study.model_from_spec(smk.params.model)
    pooled, n1 = mga.pooled_data([smk.input.first, smk.input.second], model)
    stream = pair_stream(str(smk.wildcards.pair))
    draws = permutation_estimates(pooled, n1, model, seed=seed, start=start, stop=stop, stream=stream,
                                  **study.algorithm_options(smk.params.algorithm))
    log.info("pair %s, permutations %d..%d: %d failed", smk.wildcards.pair, start, stop - 1, int(draws.failed.sum()))
    io.save_arrays(smk.output.draws, mga.permutation_arrays(draws), seed=seed, engine=smk.params.engine,
                   pair=str(smk.wildcards.pair), stream=stream)
