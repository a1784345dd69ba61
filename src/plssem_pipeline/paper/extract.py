"""A paper's published-tables mapping, read from its text: tables, sample size, prose, provenance.

:func:`extract` gives an :class:`Extraction` whose ``published`` is the mapping the audit reads
(:func:`plssem_pipeline.audit.published.parse_published`; the keys of ``data/published/*.yaml``,
``docs/pipeline.md`` "Audit") with ``source: {file, language, extracted_by}``, the prose section
(:func:`plssem_pipeline.paper.prose.read_prose`), a verdict column's claims (:mod:`.decisions`), the conclusion on each discriminant-validity
table (:mod:`.discriminant_text`) and ``provenance`` (key path -> span, :mod:`.provenance`).

The sample size ``n`` is the respondent table's block total (the most frequent, when blocks
differ), else the one the text states (:mod:`.prose.sample`: "n = 140", "a sample of 140", "230 valid
responses", "sebanyak 140 responden"; never a population, none when statements differ).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import UserError
from .decisions import add_decision_claims
from .discriminant_text import discriminant_verdicts
from .document import Document
from .prose import read_prose
from .provenance import key_path, span
from .tables import Table, read_tables

__all__ = ["Extraction", "extract", "EXTRACTED_BY"]

EXTRACTED_BY = "plssem_pipeline.paper"


@dataclass
class Extraction:
    """What :func:`extract` read.

    Attributes
    ----------
    document : Document
    published : dict
        The published-tables mapping (``source``, ``n``, ``tables``, ``prose``, ``provenance``).
    tables : list of Table
        The results tables found (their regions and parsed rows).
    provenance : dict
        ``published["provenance"]``: key path -> ``{line, page, start, end, text}``.
    skipped : list of tuple
        ``(what, where, reason)`` for everything read but not used (a row that did not fit its columns,
        a prose path that could not be resolved).
    """

    document: Document
    published: dict
    tables: list[Table]
    provenance: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)


def _sample_size(document: Document, tables: list[Table], provenance: dict, stated: dict):
    """The respondent table's total, else the sample size the prose states (``prose.sample_size``)."""
    totals = [(t, keys, number) for t in tables if t.region.kind == "respondents"
              for keys, number in t.parsed.numbers.items() if keys[-1] == "total"]
    if totals:
        value = Counter(t.parsed.data["blocks"][keys[1]]["total"] for t, keys, _ in totals).most_common(1)[0][0]
        number = next(n for t, keys, n in totals if t.parsed.data["blocks"][keys[1]]["total"] == value)
        provenance["n"] = span(document, number)
        return value
    if stated.get("n") is not None:
        provenance["n"] = provenance["prose.sample_size.n"]
    return stated.get("n")


def extract(document: Document) -> Extraction:
    """Read a paper's results tables and prose into the published-tables mapping.

    Parameters
    ----------
    document : Document
        The paper (:func:`plssem_pipeline.paper.document.read_document`).

    Returns
    -------
    Extraction

    Raises
    ------
    UserError
        Naming the file, when no PLS-SEM results table is found.
    """
    tables = read_tables(document)
    if not tables:
        raise UserError("no PLS-SEM results table found; expected tables captioned like 'Table 5. Path "
                        "coefficients' / 'Tabel 2. Outer loading', or with SmartPLS headers such as 'Original "
                        "sample (O) ... T statistics (|O/STDEV|) P values', 'Outer loadings', 'Cronbach's alpha', "
                        "'Average variance extracted (AVE)', 'R-square'", file=document.path)
    provenance, skipped = {}, []
    for table, entry, numbers in discriminant_verdicts(document, tables):
        table.parsed.data["discriminant_verdict"] = entry
        table.parsed.numbers.update(numbers)
    for table in tables:
        for keys, number in table.parsed.numbers.items():
            provenance[key_path(("tables", table.id) + keys)] = span(document, number)
        skipped += [("table", f"{table.id}, line {line}", reason) for line, reason in table.parsed.skipped]
    published = {"source": {"file": document.path, "language": document.language, "extracted_by": EXTRACTED_BY}}
    data = {table.id: table.parsed.data for table in tables}
    prose = read_prose(document, data, provenance=provenance, skipped=skipped)  # also adds hypotheses, mediation
    n = _sample_size(document, tables, provenance, prose["sample_size"])
    if n is not None:
        published["n"] = n
    published["tables"] = data
    published["prose"] = prose
    skipped += add_decision_claims(published["tables"])
    published["provenance"] = provenance
    return Extraction(document, published, tables, provenance, skipped)
