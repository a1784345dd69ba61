"""Snakemake script of rule `provenance`: :func:`plssem_pipeline.steps.provenance.main`."""
from plssem_pipeline.steps import provenance
from plssem_pipeline.steps.runner import run

run(provenance.main, snakemake)  # noqa: F821 (injected by Snakemake)
