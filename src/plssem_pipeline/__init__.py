"""plssem_pipeline: the non-statistical half of the reproducible PLS-SEM pipeline.

The Snakemake workflow (``workflow/``) runs one step per rule; this package
holds everything that is neither Snakemake glue nor PLS estimation, grouped by
what a reader looks for:

* :mod:`plssem_pipeline.study` — the study's configuration: schema problems in plain words,
  semantic checks, safe YAML loading, the :class:`plssem.Model` built from it;
* :mod:`plssem_pipeline.ingest` — reading the survey file (CSV with its delimiter, decimal comma,
  BOM and encoding; an Excel sheet; an SPSS or Stata file) and cleaning it, with the exclusions log;
* :mod:`plssem_pipeline.analysis` — what the steps compute around the engine: numerical
  faults named for the user, the results contract's tables, descriptives, the mediation typology;
* :mod:`plssem_pipeline.steps` — one module per Snakemake rule, named after it
  (``steps/clean.py`` is rule ``clean``), and the wrapper every rule runs in;
* :mod:`plssem_pipeline.audit` — the published tables, published against reproduced, the
  paper's consistency checks by family, each step's summary and the run's manifest;
* :mod:`plssem_pipeline.report` — the report as an ordered list of sections, the figures,
  the wording per language (data files), HTML/LaTeX rendering and the PDF build;
* :mod:`plssem_pipeline.errors` — :class:`UserError`, a mistake in the user's data or config;
* :mod:`plssem_pipeline.io` — the results files: CSV at full precision, bootstrap draws;
* :mod:`plssem_pipeline.verify` — ``python -m plssem_pipeline.verify``: check a run's manifest.

It may import :mod:`plssem`; :mod:`plssem` never imports it (``tests/test_architecture.py``).
Nothing heavy is imported at package import time.
"""

__version__ = "0.1.0"
