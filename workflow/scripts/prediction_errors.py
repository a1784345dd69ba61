"""Snakemake script of rule `prediction_errors`: :func:`plssem_pipeline.steps.prediction_errors.main`."""
from plssem_pipeline.steps import prediction_errors
from plssem_pipeline.steps.runner import run

run(prediction_errors.main, snakemake)  # noqa: F821 (injected by Snakemake)
