"""Snakemake script of rule `alternative`: :func:`plssem_pipeline.steps.alternative.main`."""
from plssem_pipeline.steps import alternative
from plssem_pipeline.steps.runner import run

run(alternative.main, snakemake)  # noqa: F821 (injected by Snakemake)
