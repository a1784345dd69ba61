"""Rule `paper_corpus` (workflow/corpus.smk): the corpus's findings.csv and overview.html from the papers' folders."""
from __future__ import annotations

from pathlib import Path

from ..paper import corpus


def main(smk, log):
    folders = [Path(summary).parent for summary in smk.input.statuses]
    out = Path(smk.output.findings).parent
    written = corpus.combine(folders, out)
    if written["overview"] != Path(smk.output.overview):
        raise RuntimeError(f"rule paper_corpus: overview at {written['overview']}, expected {smk.output.overview}")
    unread = [s for s in map(corpus.read_status, folders) if s["status"] != "audited"]
    for summary in unread:
        log.warning("%s not audited: %s", summary["paper"], summary["message"])
    log.info("%d papers, %d not audited -> %s, %s", len(folders), len(unread), written["findings"],
             written["overview"])
