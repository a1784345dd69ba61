"""Snakemake script of rule `predict_chunk`: :func:`plssem_pipeline.steps.predict_chunk.main`."""
from plssem_pipeline.steps import predict_chunk
from plssem_pipeline.steps.runner import run

run(predict_chunk.main, snakemake)  # noqa: F821 (injected by Snakemake)
