"""Audit a PLS-SEM paper from its text: read it, extract its tables and prose, check them (issue 16).

The parts, in the order :func:`audit_paper` runs them: :mod:`.document` (read a Markdown, plain-text or
PDF paper), :mod:`.numbers` (the numbers in a text), :mod:`.tables` and :mod:`.prose` (what the tables
and the text say), :mod:`.extract` (the published-tables mapping with the place of every number),
:mod:`.model` (the model the tables imply), :mod:`.audit` (the consistency checks on it); many papers:
:mod:`.corpus` and the command line ``python -m plssem_pipeline.paper`` (:mod:`.__main__`).
"""
from .audit import PaperAudit, audit_paper
from .document import read_document
from .extract import extract

__all__ = ["read_document", "extract", "audit_paper", "PaperAudit"]
