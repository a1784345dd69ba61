"""Snakemake script of rule `ipma`: :func:`plssem_pipeline.steps.ipma.main`."""
from plssem_pipeline.steps import ipma
from plssem_pipeline.steps.runner import run

run(ipma.main, snakemake)  # noqa: F821 (injected by Snakemake)
