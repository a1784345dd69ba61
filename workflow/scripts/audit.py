"""Snakemake script of rule `audit`: :func:`plssem_pipeline.steps.audit.main`."""
from plssem_pipeline.steps import audit
from plssem_pipeline.steps.runner import run

run(audit.main, snakemake)  # noqa: F821 (injected by Snakemake)
