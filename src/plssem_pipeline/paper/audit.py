"""One paper audited from its text: read, extract, infer the model, run the consistency checks.

:func:`audit_paper` chains the parts of :mod:`plssem_pipeline.paper`:

1. :func:`~.document.read_document` (Markdown, plain text, or a PDF's text layer);
2. :func:`~.extract.extract`: the published-tables mapping with the place of every number;
3. :func:`plssem_pipeline.audit.published.parse_published` on that mapping, exactly as the pipeline's
   audit reads a hand transcription (``data/published/*.yaml``);
4. :func:`~.model.infer_model`: the model the tables imply (nothing guessed; when the tables give no
   measurement or structural model, the checks that need one are skipped, see below);
5. :func:`plssem_pipeline.audit.consistency.run_checks` with ``ConsistencyOptions(alpha, tails,
   language)``: the published numbers against each other (statcheck's idea, p against t, carried to
   PLS-SEM's tables and prose), each check isolated (``runs=``): a check that raises on this paper is
   recorded (``runs``, ``skipped``) and the other checks still run.

Without a model (no loadings table, or no path between constructs with loadings) the checks still
run on a model-free stand-in (:class:`_NoModel`): those that read only the published numbers give
their rows, and each check that needs the model is recorded in ``skipped`` with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..audit.consistency import Check, ConsistencyOptions, run_checks
from ..audit.published import parse_published
from .document import Document, read_document
from .extract import Extraction, extract
from .model import infer_model

__all__ = ["PaperAudit", "audit_paper", "TAILS"]

#: Accepted values of ``tails`` (:class:`~plssem_pipeline.audit.consistency.ConsistencyOptions`).
TAILS = ("auto", "two", "one")


@dataclass
class PaperAudit:
    """What :func:`audit_paper` found in one paper.

    Attributes
    ----------
    path : str
        The paper's file (``Document.path``).
    document : Document
        The text as read.
    extraction : Extraction
        The tables, prose and provenance read from it (``extraction.published`` is the YAML mapping).
    findings : list of Check
        The consistency checks' rows, failures first (:func:`~plssem_pipeline.audit.consistency.run_checks`).
    skipped : list of tuple
        ``(what, item, reason)``: what was read but not used (the extraction's), what the model could
        not take (the tables' left-outs), and every check that could not run (places in the text, never
        this machine's paths).
    runs : list of CheckRun
        One per check of :data:`~plssem_pipeline.audit.consistency.CHECKS`: its row count, its skipped
        entries, its error if it raised.
    """

    path: str
    document: Document
    extraction: Extraction
    findings: list[Check]
    skipped: list = field(default_factory=list)
    runs: list = field(default_factory=list)


class _NoModel:
    """The model of a paper whose tables imply none: no constructs, no paths.

    Checks that iterate over the model's constructs or paths then find nothing to check; the reason
    is in ``skipped`` (from :func:`audit_paper`).
    """

    construct_names: tuple = ()
    constructs: tuple = ()
    paths: tuple = ()
    topological_order: tuple = ()
    indicator_names: tuple = ()
    observed_indicators: tuple = ()
    blocks: tuple = ()

    def predecessors(self, j):  # pragma: no cover - no construct to ask about
        return []


def audit_paper(source, *, alpha: float = 0.05, tails: str = "auto", language: str | None = None) -> PaperAudit:
    """Audit one paper from its text.

    Parameters
    ----------
    source : str, Path or Document
        The paper's file (``.md``, ``.markdown``, ``.txt`` as UTF-8; ``.pdf`` by its text layer), or a
        document already read (:func:`~.document.parse_text`).
    alpha : float
        Significance level the paper's verdicts are read against (0 < alpha < 1).
    tails : {"auto", "two", "one"}
        How the paper's p values are tailed; ``"auto"`` takes the paper's statement ("one-tailed",
        "satu arah"), else one-tailed when the printed p fit one-tailed t and not two-tailed.
    language : {"en", "id"} or None
        Language of the findings' explanations; None: the paper's (``Document.language``).

    Returns
    -------
    PaperAudit

    Raises
    ------
    UserError
        Naming the file: it cannot be read (missing, not UTF-8, a PDF without text layer) or holds no
        PLS-SEM results table.
    ValueError
        ``alpha`` outside (0, 1) or ``tails`` not one of :data:`TAILS`.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie between 0 and 1, got {alpha!r}")
    if tails not in TAILS:
        raise ValueError(f"tails must be one of {', '.join(TAILS)}, got {tails!r}")
    document = source if isinstance(source, Document) else read_document(source)
    extraction = extract(document)
    published = parse_published(extraction.published, file=document.path)
    skipped = list(extraction.skipped)
    try:
        model = infer_model(extraction.published, skipped)
    except ValueError as error:
        model = _NoModel()
        skipped.append(("model", Path(document.path).name, f"{error}: the checks that need the model are not run"))
    options = ConsistencyOptions(alpha=alpha, tails=tails, language=language or document.language)
    runs: list = []
    findings = run_checks(published, model, options, runs=runs)
    return PaperAudit(document.path, document, extraction, findings, skipped + list(options.skipped), runs)
