"""Snakemake script of rule `group_estimate`: :func:`plssem_pipeline.steps.group_estimate.main`."""
from plssem_pipeline.steps import group_estimate
from plssem_pipeline.steps.runner import run

run(group_estimate.main, snakemake)  # noqa: F821 (injected by Snakemake)
