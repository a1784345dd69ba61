"""Where things landed on the pages of a built PDF, read back with pdfplumber and poppler (not from the .tex).

:func:`page_lines` gives each page's text lines top to bottom with their font size and whether they are
set in bold; :func:`orphans` names the pages whose last line is a heading or a table caption (nothing of
what the heading or caption announces follows it on that page), :func:`misplaced_continuations` those where
a table's repeated head is not at the top, :func:`outside_page` those with text beyond the page box;
:func:`section_pages` and :func:`figure_pages` say on which page each section starts and each figure's caption is.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pdfplumber

#: Body text is 10 pt; \section is 14.4 pt and \subsection 12 pt, both bold (article class, 10pt option).
SECTION_SIZE, SUBSECTION_SIZE = 14.4, 12.0


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_lines(pdf: Path) -> list[list[dict]]:
    """Per page, its upright text lines top to bottom: ``text``, ``size`` (largest character, pt), ``bold``
    (most of its letters from a bold font); a page's number (a line of digits at its foot) is left out."""
    pages = []
    with pdfplumber.open(str(pdf)) as document:
        for page in document.pages:
            lines = []
            for line in page.extract_text_lines(return_chars=True, layout=False):
                chars = [c for c in line["chars"] if c["text"].strip() and c.get("upright", True)]
                if not chars:
                    continue
                bold = sum("Bold" in c["fontname"] for c in chars) > 0.6 * len(chars)
                lines.append({"text": line["text"].strip(), "top": line["top"], "bold": bold,
                              "size": round(max(c["size"] for c in chars), 1)})
            lines.sort(key=lambda item: item["top"])
            if lines and re.fullmatch(r"\d+", lines[-1]["text"]):
                lines.pop()
            pages.append(lines)
    return pages


def is_heading(line: dict) -> bool:
    """A \\section or \\subsection heading: bold, 12 pt or larger."""
    return line["bold"] and line["size"] >= SUBSECTION_SIZE - 0.2


def orphans(pages: list[list[dict]], captions: list[str], table_word: str = "Table") -> list[tuple[int, str]]:
    """Pages (1-based) whose last line is a heading, or whose last lines are only (the start of) a table's caption.

    ``captions`` are the tables' full captions as printed (``"Table 2. Convergent validity ..."``).
    """
    found = []
    squashed = [_squash(c) for c in captions]
    for number, lines in enumerate(pages, start=1):
        if not lines:
            continue
        if is_heading(lines[-1]):
            found.append((number, lines[-1]["text"]))
            continue
        starts = [k for k, line in enumerate(lines) if line["text"].startswith(f"{table_word} ")]
        if starts:
            tail = _squash(" ".join(line["text"] for line in lines[starts[-1]:]))
            if any(caption.startswith(tail) for caption in squashed):
                found.append((number, lines[starts[-1]]["text"]))
    return found


def misplaced_continuations(pages: list[list[dict]], mark: str = "(…)") -> list[tuple[int, str]]:
    """Pages (1-based) where a table's continuation head (its caption followed by ``mark``, repeated by
    longtable on each new page of the table) is not the page's first line, or stands just above the same
    table's own caption (the table's first page printed as if it were a continued one: the caption follows
    within the head's column header, at most 3 lines, with no row between)."""
    found = []
    for number, lines in enumerate(pages, start=1):
        for k, line in enumerate(lines):
            if not line["text"].endswith(mark):
                continue
            head = _squash(line["text"][:-len(mark)])
            if k > 0 or any(head and head in _squash(later["text"]) for later in lines[k + 1:k + 5]):
                found.append((number, line["text"]))
    return found


def section_pages(pages: list[list[dict]], titles: list[str]) -> list[int]:
    """The page (1-based) on which each section (``titles``, numbered 1, 2, ... in the PDF) starts."""
    out = []
    for k, title in enumerate(titles, start=1):
        want = _squash(f"{k} {title}")
        hits = [n for n, lines in enumerate(pages, start=1) for line in lines
                if line["size"] >= SECTION_SIZE - 0.2 and line["bold"] and _squash(line["text"]) == want]
        assert len(hits) == 1, (title, hits)
        out.append(hits[0])
    return out


def figure_pages(pdf: Path, numbers: list[str], figure_word: str = "Figure") -> dict[str, int]:
    """The page (1-based) of each figure's caption (``"Figure 3."`` at the start of a line; poppler's pdftotext,
    which also reads the rotated text of a landscape page)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    out = {}
    for number in numbers:
        label = re.compile(rf"^\s*{re.escape(figure_word)} {re.escape(number)}\.", flags=re.M)
        hits = [n for n, page in enumerate(pages, start=1) if label.search(page)]
        assert len(hits) == 1, (number, hits)
        out[number] = hits[0]
    return out


def outside_page(pdf: Path) -> list[tuple[int, str]]:
    """Pages (1-based) with text beyond the page box (a character's x0 below 0 or x1 beyond the page's width,
    pdfplumber), each with that text: a table wider than the page, cut off at the paper's edge."""
    found = []
    with pdfplumber.open(str(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            out = [c["text"] for c in page.chars if c["x0"] < 0 or c["x1"] > page.width]
            if out:
                found.append((number, "".join(out)))
    return found
