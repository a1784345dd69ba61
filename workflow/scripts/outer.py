"""Snakemake script of rule `outer`: :func:`plssem_pipeline.steps.outer.main`."""
from plssem_pipeline.steps import outer
from plssem_pipeline.steps.runner import run

run(outer.main, snakemake)  # noqa: F821 (injected by Snakemake)
