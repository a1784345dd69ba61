"""The ``prose:`` section of an extraction, and the tables built from the prose.

:func:`extract_prose` reads every kind of prose entry (:mod:`.statements`, :mod:`.hypotheses`,
:mod:`.variance`, :mod:`.rules`, :mod:`.counts`, :mod:`.tails`); :func:`add_prose_tables` writes
the tables the prose gives (``hypotheses``, ``mediation_claims``, the R² table's
``interpretation_published`` and ``thresholds_stated``) into the extracted tables.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..document import Document
from .context import ProseContext
from .counts import read_counts
from .hypotheses import claims_tables, read_hypotheses, read_mentions
from .names import Names
from .rules import read_decision_rules
from .sample import read_sample_size
from .statements import read_statements
from .tails import read_alpha, read_bootstrap_samples, read_tails
from .variance import r2_labels, read_variance_explained

__all__ = ["extract_prose", "add_prose_tables", "read_prose"]


def _context(document, tables, names, provenance, skipped, context) -> ProseContext:
    """``context`` (a context of the same document, its sentences' names, numbers and paths already read) with
    these tables, provenance and skipped list; else a new one."""
    if context is None:
        return ProseContext(document, tables, names or Names.from_document(document, tables), provenance, skipped)
    context.tables = tables
    if provenance is not None:
        context.provenance = provenance
    if skipped is not None:
        context.skipped = skipped
    return context


def read_prose(document: Document, tables: dict, names: Names | None = None, *, provenance: dict | None = None,
               skipped: list | None = None) -> dict:
    """:func:`extract_prose` then :func:`add_prose_tables`, reading the prose once (one :class:`ProseContext`).

    Parameters
    ----------
    document, tables, names, provenance, skipped
        As for :func:`extract_prose`; ``tables`` gains the tables the prose gives (:func:`add_prose_tables`).

    Returns
    -------
    dict
        The ``prose:`` section.
    """
    context = _context(document, tables, names, provenance, skipped, None)
    prose = extract_prose(document, tables, context=context)
    add_prose_tables(document, tables, prose, context=context)
    return prose


def extract_prose(document: Document, tables: Mapping, names: Names | None = None, *,
                  provenance: dict | None = None, skipped: list | None = None,
                  context: ProseContext | None = None) -> dict:
    """The ``prose:`` section (contract of issue 16; ``docs/pipeline.md``, "Audit").

    Parameters
    ----------
    document : Document
    tables : mapping
        The extracted tables (``tables:``), whose constructs and paths the prose is resolved against.
    names : Names, optional
        Construct names (default :meth:`Names.from_document`).
    provenance : dict, optional
        Filled with ``"prose.<list>[i].<key>" -> {line, page, start, end, text}`` for every number recorded.
    skipped : list, optional
        Filled with ``(what, where: text, reason)`` for prose not used (an unresolved path).
    context : ProseContext, optional
        The document's prose already read (:func:`read_prose` passes one to both steps); default a new one.

    Returns
    -------
    dict
        ``tails``, ``bootstrap_samples``, ``alpha``, ``sample_size``, ``statements``, ``hypotheses_stated``,
        ``hypothesis_mentions``, ``variance_explained``,
        ``decision_rules``, ``counts``.
    """
    ctx = _context(document, tables, names, provenance, skipped, context)
    rules = read_decision_rules(ctx)
    return {"tails": read_tails(ctx), "bootstrap_samples": read_bootstrap_samples(ctx),
            "alpha": read_alpha(ctx, rules), "sample_size": read_sample_size(ctx), "statements": read_statements(ctx),
            "hypotheses_stated": read_hypotheses(ctx), "hypothesis_mentions": read_mentions(ctx),
            "variance_explained": read_variance_explained(ctx), "decision_rules": rules, "counts": read_counts(ctx)}


def add_prose_tables(document: Document, tables: dict, prose: Mapping, names: Names | None = None, *,
                     provenance: dict | None = None, context: ProseContext | None = None) -> None:
    """Add the tables the prose gives to ``tables`` (in place): hypotheses, mediation claims, R² labels.

    Parameters
    ----------
    document : Document
    tables : dict
        The extracted tables; gains ``hypotheses`` and ``mediation_claims`` (when the prose has them), and
        the table with ``r2`` gains ``interpretation_published`` and ``thresholds_stated`` (when stated).
    prose : mapping
        :func:`extract_prose`'s result for the same document and tables (with the same ``provenance``).
    names : Names, optional
    provenance : dict, optional
        The provenance :func:`extract_prose` filled; gains the keys of the numbers copied into the tables.
    context : ProseContext, optional
        The context :func:`extract_prose` used (its provenance is the one filled), default a new one.
    """
    ctx = _context(document, tables, names, provenance, None, context)
    built = claims_tables(ctx, dict(prose))
    thresholds, labels = r2_labels(ctx)
    r2_table = next((k for k, t in tables.items() if isinstance(t, Mapping) and isinstance(t.get("r2"), Mapping)), None)
    if r2_table and thresholds and labels:
        tables[r2_table]["interpretation_published"] = {k: v for k, v in labels.items() if k in tables[r2_table]["r2"]}
        tables[r2_table]["thresholds_stated"] = thresholds
        for key in [k for k in ctx.provenance if k.startswith("thresholds_stated.")]:
            ctx.provenance[f"tables.{r2_table}.{key}"] = ctx.provenance.pop(key)
    else:
        for key in [k for k in ctx.provenance if k.startswith("thresholds_stated.")]:
            ctx.provenance.pop(key)
    tables.update(built)
