"""Snakemake script of rule `report_tex`: :func:`plssem_pipeline.steps.report_tex.main`."""
from plssem_pipeline.steps import report_tex
from plssem_pipeline.steps.runner import run

run(report_tex.main, snakemake)  # noqa: F821 (injected by Snakemake)
