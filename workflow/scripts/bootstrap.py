"""Snakemake script of rule `bootstrap`: :func:`plssem_pipeline.steps.bootstrap.main`."""
from plssem_pipeline.steps import bootstrap
from plssem_pipeline.steps.runner import run

run(bootstrap.main, snakemake)  # noqa: F821 (injected by Snakemake)
