"""Snakemake script of rule `ipma_map`: :func:`plssem_pipeline.steps.ipma_map.main`."""
from plssem_pipeline.steps import ipma_map
from plssem_pipeline.steps.runner import run

run(ipma_map.main, snakemake)  # noqa: F821 (injected by Snakemake)
