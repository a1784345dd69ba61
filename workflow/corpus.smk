# The paper audit for a folder of papers (issue 16): one job per paper, then the corpus's findings and overview.
# A workflow of its own, not part of the default DAG (workflow/Snakefile):
#
#   snakemake -s workflow/corpus.smk --config papers=DIR --cores 2
#   snakemake -s workflow/corpus.smk --config papers=DIR out=results/corpus alpha=0.05 tails=auto language=en --cores 2
#
# DIR's papers (.md, .markdown, .txt, .pdf; not its subfolders) ->
#   <out>/papers/<stem>/{published.yaml, findings.csv, skipped.csv, status.json}   rule paper_audit, one job per paper
#   <out>/findings.csv, <out>/overview.html                            rule paper_corpus
# The same files, byte for byte, as `python -m plssem_pipeline.paper DIR --out <out>/papers` writes per paper,
# for any --cores. A paper that cannot be read is recorded (its status.json and the overview say why) and does
# not stop the other jobs. See docs/pipeline.md, "Auditing papers from their text".
#
# The per-paper job is a `script:` (step plssem_pipeline.steps.paper_audit): a `shell:` job would be a little
# cheaper, but no shell command is built from config values (tests/badinput/test_safe_execution.py); for large
# corpora the command line (python -m plssem_pipeline.paper DIR --jobs N) is the fast way (README).

import sys
from pathlib import Path

from plssem_pipeline.errors import UserError
from plssem_pipeline.paper.audit import TAILS
from plssem_pipeline.paper.corpus import PAPER_FILES, papers_in
from plssem_pipeline.steps.runner import abort

if not config.get("papers"):
    abort(UserError("no papers given: run with --config papers=DIR (a folder of .md, .markdown, .txt or .pdf "
                    "papers)", key="papers"))
OUT = str(config.get("out", "results/corpus")).rstrip("/")
ALPHA = float(config.get("alpha", 0.05))
TAILS_SETTING = str(config.get("tails", "auto"))
LANGUAGE = config.get("language")
if not 0 < ALPHA < 1:
    abort(UserError(f"expected a significance level between 0 and 1, got {ALPHA}", key="alpha"))
if TAILS_SETTING not in TAILS:
    abort(UserError(f"expected one of {', '.join(TAILS)}, got {TAILS_SETTING!r}", key="tails"))
try:
    _notes = []
    PAPERS = {path.stem: str(path) for path in papers_in([config["papers"]], _notes)}
    for _note in _notes:  # subfolders are not searched: say so
        print(f"Note: {_note}", file=sys.stderr)
    for _stem, _path in PAPERS.items():
        if "{" in _stem or "}" in _stem:  # Snakemake would read the braces as a wildcard
            raise UserError("a paper's name with '{' or '}' cannot be a Snakemake output folder; rename it or "
                            "audit it with python -m plssem_pipeline.paper", file=_path)
except UserError as error:
    abort(error)


wildcard_constraints:
    stem="[^/]+",


rule all:
    input:
        f"{OUT}/findings.csv",
        f"{OUT}/overview.html",


rule paper_audit:
    input:
        paper=lambda wildcards: PAPERS[wildcards.stem],
    output:
        **{name.split(".")[0]: f"{OUT}/papers/{{stem}}/{name}" for name in PAPER_FILES},
    params:
        alpha=ALPHA,
        tails=TAILS_SETTING,
        language=LANGUAGE,
    log:
        f"{OUT}/logs/paper_audit/{{stem}}.log",
    script:
        "scripts/paper_audit.py"


rule paper_corpus:
    input:
        statuses=expand(f"{OUT}/papers/{{stem}}/status.json", stem=sorted(PAPERS)),
        findings=expand(f"{OUT}/papers/{{stem}}/findings.csv", stem=sorted(PAPERS)),
    output:
        findings=f"{OUT}/findings.csv",
        overview=f"{OUT}/overview.html",
    log:
        f"{OUT}/logs/paper_corpus.log",
    script:
        "scripts/paper_corpus.py"
