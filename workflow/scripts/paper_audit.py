"""Snakemake script of rule `paper_audit` (workflow/corpus.smk): :func:`plssem_pipeline.steps.paper_audit.main`."""
from plssem_pipeline.steps import paper_audit
from plssem_pipeline.steps.runner import run

run(paper_audit.main, snakemake)  # noqa: F821 (injected by Snakemake)
