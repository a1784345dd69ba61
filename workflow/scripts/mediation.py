"""Snakemake script of rule `mediation`: :func:`plssem_pipeline.steps.mediation.main`."""
from plssem_pipeline.steps import mediation
from plssem_pipeline.steps.runner import run

run(mediation.main, snakemake)  # noqa: F821 (injected by Snakemake)
