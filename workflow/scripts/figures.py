"""Snakemake script of rule `figures`: :func:`plssem_pipeline.steps.figures.main`."""
from plssem_pipeline.steps import figures
from plssem_pipeline.steps.runner import run

run(figures.main, snakemake)  # noqa: F821 (injected by Snakemake)
