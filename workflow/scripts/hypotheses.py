"""Snakemake script of rule `hypotheses`: :func:`plssem_pipeline.steps.hypotheses.main`."""
from plssem_pipeline.steps import hypotheses
from plssem_pipeline.steps.runner import run

run(hypotheses.main, snakemake)  # noqa: F821 (injected by Snakemake)
