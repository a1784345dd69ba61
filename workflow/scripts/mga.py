"""Snakemake script of rule `mga`: :func:`plssem_pipeline.steps.mga.main`."""
from plssem_pipeline.steps import mga
from plssem_pipeline.steps.runner import run

run(mga.main, snakemake)  # noqa: F821 (injected by Snakemake)
