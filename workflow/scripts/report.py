"""Snakemake script of rule `report`: :func:`plssem_pipeline.steps.report.main`."""
from plssem_pipeline.steps import report
from plssem_pipeline.steps.runner import run

run(report.main, snakemake)  # noqa: F821 (injected by Snakemake)
