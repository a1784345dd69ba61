"""Rule `paper_audit` (workflow/corpus.smk): one paper audited into its folder, as the command line does."""
from __future__ import annotations

from pathlib import Path

from ..paper import corpus


def main(smk, log):
    directory = Path(smk.output.status).parent
    summary, trace = corpus.audit_into(smk.input.paper, directory, alpha=float(smk.params.alpha),
                                       tails=smk.params.tails, language=smk.params.language)
    if trace:
        log.warning("%s", trace)
    if summary["status"] != "audited":
        log.warning("%s not audited: %s", summary["paper"], summary["message"])
    log.info("%s: %s -> %s", summary["paper"], summary["status"], directory)
