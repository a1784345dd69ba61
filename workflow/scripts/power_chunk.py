"""Snakemake script of rule `power_chunk`: :func:`plssem_pipeline.steps.power_chunk.main`."""
from plssem_pipeline.steps import power_chunk
from plssem_pipeline.steps.runner import run

run(power_chunk.main, snakemake)  # noqa: F821 (injected by Snakemake)
