"""Snakemake script of rule `paper_corpus` (workflow/corpus.smk): :func:`plssem_pipeline.steps.paper_corpus.main`."""
from plssem_pipeline.steps import paper_corpus
from plssem_pipeline.steps.runner import run

run(paper_corpus.main, snakemake)  # noqa: F821 (injected by Snakemake)
