"""Snakemake script of rule `report_pdf`: :func:`plssem_pipeline.steps.report_pdf.main`."""
from plssem_pipeline.steps import report_pdf
from plssem_pipeline.steps.runner import run

run(report_pdf.main, snakemake)  # noqa: F821 (injected by Snakemake)
