"""What the paper concludes from its Fornell–Larcker or HTMT table: the sentence, its verdict, its HTMT bound.

For each discriminant-validity table the sentence that concludes on it is the nearest sentence
around the table (same section, outside any table) that names discriminant validity
("discriminant validity", "validitas diskriminan") and, when it names a criterion, names the
table's (HTMT; Fornell-Larcker or √AVE). Its verdict is "not established" when a negation governs
the conclusion ("is not established", "tidak terpenuhi", "fails", "lack of"), else "established";
an HTMT bound is a decimal in (0, 1] of the sentence that follows a bound word ("below", "<",
"threshold", "di bawah", "ambang", "batas" ...) with no other number nor clause break (``,;:``) between them:
"below the conservative threshold value of 0.90", "di bawah nilai ambang 0,90", "batas 0,90"; of several, the
one nearest its bound word.
Written as the table's ``discriminant_verdict: {verdict, threshold, threshold_decimals, text, location}``
(:mod:`plssem_pipeline.audit.published_matrices`), the bound with its span.
"""
from __future__ import annotations

import re

from ..audit.verdicts import NEGATOR
from .document import Document, plain
from .numbers import numbers_in
from .prose.text import split
from .prose.words import BELOW
from .tables import Table
from .tables.find import SOURCE

__all__ = ["discriminant_verdicts"]

_NAMES = re.compile(r"discriminant|diskriminan", re.IGNORECASE)
_KIND = {"htmt": re.compile(r"htmt|heterotrait", re.IGNORECASE),
         "fornell_larcker": re.compile(r"fornell|larcker|√|square root|akar", re.IGNORECASE)}
_NEGATIVE = re.compile(
    rf"\b{NEGATOR}\s+(?:\w+\s+){{0,2}}?(?:established|achieved|met|fulfilled|supported|hold|holds|valid|"
    r"terpenuhi|tercapai|memenuhi|terbukti|valid)\b|\bfail(?:s|ed)?\b|\black(?:s|ing)? of\b|\bviolat", re.IGNORECASE)
_BOUND = re.compile(rf"\b(?:{BELOW}|threshold|cut-?off|ambang|batas)\b|[<≤]", re.IGNORECASE)
#: What may stand between a bound word and its number: no digit and no clause break.
_BOUND_GAP = re.compile(r"[^\d,;:]*")
_WINDOW = 12  # lines before the caption and after the table


def _sentences(document: Document, start: int, end: int):
    """``(start, end)`` of the sentences in ``document.text[start:end]`` (the prose's splitter, :func:`.prose.text.split`:
    neither a decimal point nor "et al." ends one)."""
    for a, b in split(document.text[start:end]):
        yield start + a, start + b


def discriminant_verdicts(document: Document, tables: list[Table]) -> list[tuple[Table, dict, dict]]:
    """``(table, discriminant_verdict mapping, {key path suffix: Number})`` for each concluded table.

    Parameters
    ----------
    document : Document
    tables : list of Table
        The extracted tables (their regions' lines are not prose).

    Returns
    -------
    list of tuple
        Only Fornell–Larcker and HTMT tables with a concluding sentence.
    """
    inside = {line.number for t in tables for line in [t.region.caption_line, *t.region.header, *t.region.body,
                                                        t.region.source_line] if line is not None}
    found = []
    for table in tables:
        kind = table.region.kind
        if kind not in _KIND:
            continue
        lines = [line for line in [table.region.caption_line, *table.region.header, *table.region.body] if line]
        first, last = lines[0].number - 1, (table.region.source_line or lines[-1]).number - 1
        window = [line for line in document.lines[max(0, first - _WINDOW):last + _WINDOW + 1]
                  if line.number not in inside and line.section == lines[0].section
                  and not SOURCE.match(plain(line.text))]
        best = None
        for a, b in _blocks(window):
            for start, end in _sentences(document, a, b):
                sentence = document.text[start:end]
                other = [k for k in _KIND if k != kind and _KIND[k].search(sentence)]
                if not _NAMES.search(sentence) or other and not _KIND[kind].search(sentence):
                    continue
                distance = min(abs(document.line_at(start).number - lines[0].number),
                               abs(document.line_at(start).number - last - 1))
                if best is None or distance < best[0]:
                    best = (distance, start, end)
        if best is None:
            continue
        _, start, end = best
        sentence = document.text[start:end]
        entry = {"verdict": "not established" if _NEGATIVE.search(plain(sentence)) else "established",
                 "text": " ".join(plain(sentence).split()), "location": document.where(start)}
        numbers = {}
        bound = _htmt_bound(sentence, start) if kind == "htmt" else None
        if bound is not None:
            entry["threshold"] = bound.value
            entry["threshold_decimals"] = bound.decimals
            numbers[("discriminant_verdict", "threshold")] = bound
        found.append((table, entry, numbers))
    return found


def _htmt_bound(sentence: str, start: int):
    """The HTMT bound the sentence states (a :class:`Number` of the document), or None.

    A decimal in (0, 1] preceded in the sentence by a bound word with only words between them
    (:data:`_BOUND_GAP`); of several, the one nearest its bound word.
    """
    words = [m.end() for m in _BOUND.finditer(sentence)]
    best = None
    for n in numbers_in(sentence, start):
        if not (0 < n.value <= 1 and n.decimals and not n.percent):
            continue
        at = n.start - start
        gaps = [at - end for end in words if end <= at and _BOUND_GAP.fullmatch(sentence, end, at)]
        if gaps and (best is None or min(gaps) < best[0]):
            best = (min(gaps), n)
    return None if best is None else best[1]


def _blocks(lines):
    """Runs of consecutive non-blank lines as ``(start, end)`` offsets (a paragraph wrapped over lines)."""
    run = []
    for line in lines + [None]:
        if line is not None and line.text.strip() and (not run or line.number == run[-1].number + 1):
            run.append(line)
            continue
        if run:
            yield run[0].start, run[-1].end
        run = [line] if line is not None and line.text.strip() else []
