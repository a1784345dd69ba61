"""Snakemake script of rule `power_curve`: :func:`plssem_pipeline.steps.power_curve.main`."""
from plssem_pipeline.steps import power_curve
from plssem_pipeline.steps.runner import run

run(power_curve.main, snakemake)  # noqa: F821 (injected by Snakemake)
