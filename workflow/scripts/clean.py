"""Snakemake script of rule `clean`: :func:`plssem_pipeline.steps.clean.main`."""
from plssem_pipeline.steps import clean
from plssem_pipeline.steps.runner import run

run(clean.main, snakemake)  # noqa: F821 (injected by Snakemake)
