"""The prose of a paper as sentences: paragraphs of text lines (not tables, not headings), cut into sentences.

Every sentence keeps its offsets in :attr:`Document.text`, so whatever the prose readers record
traces back to the characters it came from. A line is prose when it is not a heading, holds no
tab (a Markdown table row) nor two numbers side by side (a table row as PDF text extraction
flattens it) and has more words than numbers or continues an unfinished prose line; consecutive
prose lines form a paragraph (a PDF text layer wraps a paragraph over many lines); a blank or
non-prose line ends it. A stated hypothesis ("H1: ...") is a paragraph of its own: a PDF text layer
leaves it without a blank line around and often without a final period, so it ends before the next
line that opens with a capital letter (its wrapped words continue in lower case).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, plain

__all__ = ["Sentence", "sentences", "split", "place", "span"]

_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBER_TOKEN = re.compile(r"(?=\d)(?<![\w.,])\d+(?:[.,]\d+)*")
#: A line that states a hypothesis ("H1: ...", "H2a. ...", "**H3)** ...").
_HYPOTHESIS_LINE = re.compile(r"^\W*H\d+[a-z]?\W{0,3}\s*[:.)]")
_CAPITAL = re.compile(r"^\W*[^\W\d_a-z]")
#: A sentence ends at . ! ? followed by space, unless the dot ends an abbreviation or initial (the lookahead
#: first, so that the lookbehinds are tried at the punctuation only).
_END = re.compile(r"(?=[.!?])(?<!\bal)(?<!\bdkk)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\b[A-Za-z])[.!?](?=\s+\S)")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the prose.

    Attributes
    ----------
    start, end : int
        Offsets in ``Document.text`` (``text == document.text[start:end]``).
    text : str
        The sentence as printed (Markdown kept).
    paragraph : int
        Index of its paragraph (sentences of one paragraph share it).
    section : str
        The headings above it (:attr:`Line.section`).
    """

    start: int
    end: int
    text: str
    paragraph: int
    section: str


_NUMBER_RUN = re.compile(r"(?=\d)(?<![\w.,])\d+(?:[.,]\d+)*%?\s+[-\u2212]?\d+(?:[.,]\d+)*(?![\w.,])")


_BOLD_LINE = re.compile(r"(?:\*\*|<b>)[^*<>]{1,80}(?:\*\*|</b>)")
_UNFINISHED = re.compile(r"[.!?:]\W*$")


def _could_be_prose(line) -> bool:
    """Not a heading, a Markdown table row, or a row of numbers (two numbers side by side)."""
    text = plain(line.text).strip()
    if not text or "\t" in line.text or line.text.lstrip().startswith("#") or _NUMBER_RUN.search(text):
        return False
    return not _BOLD_LINE.fullmatch(line.text.strip())


def _is_prose(line, previous) -> bool:
    """A prose line: more words than numbers, or the continuation of an unfinished prose line (a PDF wraps
    "(β =" / "0.417, t = 7.238, ...")."""
    if not _could_be_prose(line):
        return False
    text = plain(line.text).strip()
    words = len(_WORD.findall(text))
    if words >= 3 and words > len(_NUMBER_TOKEN.findall(text)):
        return True
    return previous is not None and not _UNFINISHED.search(plain(previous.text).strip())


def _opens_paragraph(line, block) -> bool:
    """A stated hypothesis opens a paragraph; the line after one that opens with a capital letter too."""
    if not block:
        return False
    text = plain(line.text)
    return bool(_HYPOTHESIS_LINE.match(text) or (_HYPOTHESIS_LINE.match(plain(block[0].text))
                                                 and _CAPITAL.match(text) and not text[:1].isspace()))


def sentences(document: Document) -> list[Sentence]:
    """Every sentence of the document's prose, in order.

    Parameters
    ----------
    document : Document

    Returns
    -------
    list of Sentence
    """
    out, blocks, block = [], [], []
    for line in document.lines:
        prose = _is_prose(line, block[-1] if block else None)
        if block and (not prose or _opens_paragraph(line, block)):
            blocks.append(block)
            block = []
        if prose:
            block.append(line)
    for paragraph, block in enumerate([*blocks, block] if block else blocks):
        start = block[0].start
        for a, b in split(document.text[start:block[-1].end]):
            out.append(_sentence(document, start + a, start + b, paragraph, block[0].section))
    return out


def split(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of a paragraph: cut at . ! ? followed by space, not after an abbreviation
    or initial ("et al.", "e.g.", "dkk.", "J. Smith"), nor at a decimal point; leading spaces skipped.

    >>> split("Henseler et al. (2015) propose HTMT. It is below 0.85.")
    [(0, 36), (37, 54)]
    """
    out, cut = [], 0
    for match in _END.finditer(text):
        out.append((cut, match.end()))
        cut = match.end()
        while cut < len(text) and text[cut].isspace():
            cut += 1
    if cut < len(text):
        out.append((cut, len(text)))
    return out


def _sentence(document: Document, start: int, end: int, paragraph: int, section: str) -> Sentence:
    return Sentence(start, end, document.text[start:end], paragraph, document.line_at(start).section or section)


def place(document: Document, start: int) -> dict:
    """``{location, line}`` of an offset, as every prose entry records it."""
    return {"location": document.where(start), "line": document.line_at(start).number}


def span(document: Document, start: int, end: int) -> dict:
    """The provenance of the characters ``start:end``: ``{line, page, start, end, text}``."""
    line = document.line_at(start)
    return {"line": line.number, "page": line.page, "start": start, "end": end, "text": document.text[start:end]}
