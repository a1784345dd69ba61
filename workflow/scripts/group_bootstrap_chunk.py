"""Snakemake script of rule `group_bootstrap_chunk`: :func:`plssem_pipeline.steps.group_bootstrap_chunk.main`."""
from plssem_pipeline.steps import group_bootstrap_chunk
from plssem_pipeline.steps.runner import run

run(group_bootstrap_chunk.main, snakemake)  # noqa: F821 (injected by Snakemake)
