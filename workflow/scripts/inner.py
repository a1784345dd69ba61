"""Snakemake script of rule `inner`: :func:`plssem_pipeline.steps.inner.main`."""
from plssem_pipeline.steps import inner
from plssem_pipeline.steps.runner import run

run(inner.main, snakemake)  # noqa: F821 (injected by Snakemake)
