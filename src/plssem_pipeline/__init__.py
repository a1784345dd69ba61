"""plssem_pipeline: the non-statistical half of the reproducible PLS-SEM pipeline.

The Snakemake workflow (``workflow/``) calls one thin script per rule
(``scripts/``); the scripts read their inputs, call this package and the
:mod:`plssem` engine, and write their outputs. This package holds everything
that is neither Snakemake glue nor PLS estimation, one topic per module:

* :mod:`plssem_pipeline.errors` — :class:`UserError`, a mistake in the user's data or config.
* :mod:`plssem_pipeline.steps.runner` — the wrapper every script runs in (logging, clean errors).
* :mod:`plssem_pipeline.study.config` — the study configuration: schema errors, semantic checks, the model.
* :mod:`plssem_pipeline.steps.fingerprint` — code fingerprints that make results follow code changes.
* :mod:`plssem_pipeline.ingest.survey` — reading the survey file (delimiter, decimal comma, BOM, encoding).
* :mod:`plssem_pipeline.ingest.cleaning` — validating and cleaning it; the exclusions log.
* :mod:`plssem_pipeline.analysis.describe` — the respondent profile and SmartPLS-style indicator descriptives.
* :mod:`plssem_pipeline.analysis.tables` — the engine's results laid out as the results contract's tables.
* :mod:`plssem_pipeline.analysis.mediation` — Zhao, Lynch & Chen (2010) mediation typology and VAF.
* :mod:`plssem_pipeline.report.figures.charts` — matplotlib figures (Agg backend), PNG and PDF.
* :mod:`plssem_pipeline.report.figures.layout` — automatic layout of the structural-model drawing.
* :mod:`plssem_pipeline.report` — the report: context, HTML/LaTeX templates, PDF build, wording (en/id).
* :mod:`plssem_pipeline.io` — CSV with full precision, bootstrap chunk files.
* :mod:`plssem_pipeline.audit.provenance` — the per-step JSON summary (hashes, config, seed, versions).

It may import :mod:`plssem`; :mod:`plssem` never imports it. Nothing heavy is
imported at package import time.
"""

__version__ = "0.1.0"
