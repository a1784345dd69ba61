"""Snakemake script of rule `group_bootstrap`: :func:`plssem_pipeline.steps.group_bootstrap.main`."""
from plssem_pipeline.steps import group_bootstrap
from plssem_pipeline.steps.runner import run

run(group_bootstrap.main, snakemake)  # noqa: F821 (injected by Snakemake)
