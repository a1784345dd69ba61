"""Snakemake script of rule `describe`: :func:`plssem_pipeline.steps.describe.main`."""
from plssem_pipeline.steps import describe
from plssem_pipeline.steps.runner import run

run(describe.main, snakemake)  # noqa: F821 (injected by Snakemake)
