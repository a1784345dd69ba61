"""Snakemake script of rule `moderation`: :func:`plssem_pipeline.steps.moderation.main`."""
from plssem_pipeline.steps import moderation
from plssem_pipeline.steps.runner import run

run(moderation.main, snakemake)  # noqa: F821 (injected by Snakemake)
