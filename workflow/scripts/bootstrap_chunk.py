"""Snakemake script of rule `bootstrap_chunk`: :func:`plssem_pipeline.steps.bootstrap_chunk.main`."""
from plssem_pipeline.steps import bootstrap_chunk
from plssem_pipeline.steps.runner import run

run(bootstrap_chunk.main, snakemake)  # noqa: F821 (injected by Snakemake)
