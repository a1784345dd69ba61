"""Snakemake script of rule `group_data`: :func:`plssem_pipeline.steps.group_data.main`."""
from plssem_pipeline.steps import group_data
from plssem_pipeline.steps.runner import run

run(group_data.main, snakemake)  # noqa: F821 (injected by Snakemake)
