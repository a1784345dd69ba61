"""Snakemake script of rule `export`: :func:`plssem_pipeline.steps.export.main`."""
from plssem_pipeline.steps import export
from plssem_pipeline.steps.runner import run

run(export.main, snakemake)  # noqa: F821 (injected by Snakemake)
