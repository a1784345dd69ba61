"""Snakemake script of rule `permutation_chunk`: :func:`plssem_pipeline.steps.permutation_chunk.main`."""
from plssem_pipeline.steps import permutation_chunk
from plssem_pipeline.steps.runner import run

run(permutation_chunk.main, snakemake)  # noqa: F821 (injected by Snakemake)
