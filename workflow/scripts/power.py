"""Snakemake script of rule `power`: :func:`plssem_pipeline.steps.power.main`."""
from plssem_pipeline.steps import power
from plssem_pipeline.steps.runner import run

run(power.main, snakemake)  # noqa: F821 (injected by Snakemake)
