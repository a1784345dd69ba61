"""Snakemake script of rule `fit`: :func:`plssem_pipeline.steps.fit.main`."""
from plssem_pipeline.steps import fit
from plssem_pipeline.steps.runner import run

run(fit.main, snakemake)  # noqa: F821 (injected by Snakemake)
