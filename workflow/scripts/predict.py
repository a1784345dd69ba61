"""Snakemake script of rule `predict`: :func:`plssem_pipeline.steps.predict.main`."""
from plssem_pipeline.steps import predict
from plssem_pipeline.steps.runner import run

run(predict.main, snakemake)  # noqa: F821 (injected by Snakemake)
