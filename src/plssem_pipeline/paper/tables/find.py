"""Where the tables are: a caption ("Tabel 5.", "Table 5:") or a header row, then its header and body lines.

A table starts at a caption line (``Tabel N``/``Table N``, emphasis allowed) or, without a
caption, at a line of column names (:func:`.kinds.is_header_text`) followed by a row of
numbers. Its header is the lines of column names before the first row of numbers (a header
wrapped over two lines gives two); its body runs to the first source line ("Sumber:",
"Source:", "Note:"), caption, Markdown heading or line of running text (:func:`.cells.is_prose`).
Blank lines and stray words inside the body are kept (a page break inside a table leaves both); page
furniture (:func:`furniture`) and the header repeated after a page break are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Line, plain
from .cells import RULE, cells_of, is_prose, split_row
from .kinds import classify, columns, is_header_text

__all__ = ["Region", "find_regions", "furniture", "CAPTION", "SOURCE"]

CAPTION = re.compile(r"^\s*(?:tabel|table)\s*(\d+)\s*(?P<mark>[.:\-–—]|$)?", re.IGNORECASE)
#: A caption without a mark after its number ("Table 5 Path coefficients") has at most this many words.
_BARE_CAPTION_WORDS = 8
_OTHER_CAPTION = re.compile(r"^\s*(?:gambar|figure|fig\.)\s*\d", re.IGNORECASE)
SOURCE = re.compile(r"^\s*(?:sumber|source|note|notes|catatan|keterangan\s*:)", re.IGNORECASE)
_FURNITURE_LINES = 2  # lines on each side of a page break that may be running heads, feet or page numbers
_HEADER_CHARS = 300  # a header row of column names is no longer than this
_MATRICES = ("fornell_larcker", "htmt", "cross_loadings", "f_square")
_TEXT_WORDS = 10  # a body line with this many words of letters may be running text ...
_VERDICT_WORDS = 3  # ... when more words than this follow its numbers (a row ends with a verdict, "Tidak Signifikan")
_SENTENCE_LABEL_WORDS = 8  # ... or when its only number comes after this many words
_LETTER = re.compile(r"[^\W\d_]")
#: A numbered section heading of a PDF's text ("4.2 Structural model"), which ends a table.
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z][a-z]+(?:\s+[A-Za-z-]+){0,6}\s*$")


@dataclass
class Region:
    """A table's lines: ``caption_line`` (None without caption), ``header`` lines and ``body`` lines."""

    number: int | None
    caption: str
    caption_line: Line | None
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    source_line: Line | None = None
    kind: str | None = None

    @property
    def header_text(self) -> str:
        return " ".join(plain(line.text).strip() for line in self.header)

    @property
    def columns(self) -> list[str]:
        return columns(self.header_text, len(self.header))


def _caption(line: Line):
    """The caption match of a line, or None (a sentence that starts "Table 7 supports ..." is none)."""
    text = plain(line.text).strip()
    match = CAPTION.match(text)
    if not match or is_prose(line.text):
        return None
    if match.group("mark") is None and (len(text.split()) > _BARE_CAPTION_WORDS or text.endswith(".")):
        return None  # "Tabel 1 menyajikan karakteristik 230 responden."
    return match


def furniture(lines: list[Line]) -> set[int]:
    """Line numbers of page furniture: page-break lines, and around each break page numbers and running heads.

    Walking away from a break over at most :data:`_FURNITURE_LINES` non-blank lines on either side, a line
    is furniture while it is a bare number (a page number) or a text that (digits aside) recurs near another
    break (a running head or foot) and is no source line or caption; the walk stops at the first other line.
    """
    breaks = [i for i, line in enumerate(lines) if "\f" in line.text]
    sides = []
    for i in breaks:
        for step in (-1, 1):
            side, j = [], i + step
            while 0 <= j < len(lines) and len(side) < _FURNITURE_LINES:
                if lines[j].text.strip():
                    side.append(j)
                j += step
            sides.append(side)
    key = lambda j: re.sub(r"\d+", "#", plain(lines[j].text).strip().strip("\f"))  # noqa: E731
    counts = {}
    for j in {j for side in sides for j in side}:
        counts[key(j)] = counts.get(key(j), 0) + 1
    heads = {key(i) for i in breaks if key(i)}
    found = {lines[i].number for i in breaks}
    for side in sides:
        for j in side:
            text = plain(lines[j].text).strip()
            if SOURCE.match(text) or CAPTION.match(text) or not (
                    re.fullmatch(r"\d{1,4}", text) or counts[key(j)] > 1 or key(j) in heads):
                break
            found.add(lines[j].number)
    return found


def _ends(line: Line) -> bool:
    text = plain(line.text).strip()
    return bool(_caption(line) or _OTHER_CAPTION.match(text) or line.text.lstrip().startswith("#")
                or _NUMBERED_HEADING.match(text) or is_prose(line.text))


def _running_text(line: Line) -> bool:
    """Whether a body line is a line of a paragraph after the table, not a row.

    A line without cells with :data:`_TEXT_WORDS`+ words of letters whose numbers, if any, are followed by
    more than :data:`_VERDICT_WORDS` words, or whose only number follows :data:`_SENTENCE_LABEL_WORDS`+ words
    (a PDF's wrapped paragraph line, a paragraph in a plain-text file after a blank line; "H1 Brand trust
    ... satisfaction 0.436 9.057 0.000 Supported" is a row).
    """
    if len(cells_of(line)) > 1:
        return False
    if len([w for w in plain(line.text).split() if _LETTER.search(w)]) < _TEXT_WORDS:
        return False
    row = split_row(line)
    if len([v for v in row.values if v is not None]) == 1 and len(row.label.split()) >= _SENTENCE_LABEL_WORDS:
        return True  # "... all inner VIF values are well below 3": a sentence ending in its only number
    return not row.values or len(row.words) > _VERDICT_WORDS


def _has_values(line: Line) -> bool:
    return bool([v for v in split_row(line).values if v is not None])


def _read(lines: list[Line], i: int, region: Region, skip: set[int]) -> int:
    """Fill ``region``'s header and body from line index ``i`` (page furniture ``skip`` left out); the index after."""
    caption_kind = classify(region.caption, "")
    while i < len(lines) and (not lines[i].text.strip() or lines[i].number in skip):
        i += 1
    while i < len(lines) and lines[i].text.strip() and not _ends(lines[i]):
        line = lines[i]
        if line.number in skip or RULE.match(line.text):
            i += 1
            continue
        text = plain(line.text)
        header = is_header_text(text) and (not _has_values(line) or caption_kind == "respondents" and not region.header)
        matrix = (not region.header and caption_kind in _MATRICES + ("convergent_validity",)
                  and not _has_values(line))  # a matrix's header of names (loadings: SmartPLS's "Matrix" view)
        if not (header or matrix):
            break
        region.header.append(line)
        i += 1
    repeated = {" ".join(plain(line.text).split()) for line in region.header}
    while i < len(lines):
        line = lines[i]
        if line.number in skip or RULE.match(line.text) or " ".join(plain(line.text).split()) in repeated:
            i += 1  # page furniture, a Markdown rule, the header repeated on the next page
            continue
        if SOURCE.match(plain(line.text)):
            region.source_line = line
            return i + 1
        if _ends(line) or _running_text(line):
            return i
        region.body.append(line)
        i += 1
    return i


def find_regions(document: Document) -> list[Region]:
    """Every table of the document, captioned or not, classified (``kind`` None: not a results table).

    Parameters
    ----------
    document : Document
        The paper.

    Returns
    -------
    list of Region
        In document order; blank body lines at the end are dropped.
    """
    lines, regions, i = document.lines, [], 0
    skip = furniture(lines)
    while i < len(lines):
        line = lines[i]
        text = plain(line.text).strip()
        caption = _caption(line)
        if caption:
            region = Region(int(caption.group(1)), text, line)
            i = _read(lines, i + 1, region, skip)
        elif (len(text) <= _HEADER_CHARS and not is_prose(line.text) and len(columns(text, 1)) >= 2
              and not _has_values(line) and i + 1 < len(lines) and _has_values(lines[i + 1])):
            region = Region(None, "", None)
            i = _read(lines, i, region, skip)
        else:
            i += 1
            continue
        while region.body and not region.body[-1].text.strip():
            region.body.pop()
        region.kind = classify(region.caption, region.header_text) if region.body else None
        regions.append(region)
    return regions
