"""A paper as text: its lines, their pages and sections, and its language.

Everything in :mod:`plssem_pipeline.paper` reads the paper through a :class:`Document`:
the text exactly as read (Markdown bits such as ``**``, ``<b>`` or ``$`` are kept, so every
offset indexes the original), cut into :class:`Line` s that know their page (PDF) and the
headings above them. :func:`read_document` reads Markdown or plain text (UTF-8) and PDF
(the text layer, through pdfplumber); :func:`parse_text` builds a document from a string.

Headings are Markdown ``#`` lines; a line that is bold and nothing else (``**Mediation
Test**``) is a heading one level below the last ``#`` heading; in plain text and PDF text a
short line in capitals with a word of four letters or more (``HASIL DAN PEMBAHASAN``, ``4. RESULTS``;
not a table header of abbreviations such as ``KL KPL LP``) is a top-level heading.
Table and figure captions (``Tabel 4. R-Square``) are never headings. The paper's title (its first
heading, of five words or more, when every other ``#`` heading is deeper: ``# A Title of the Paper`` above
``## 4. Results``) is no section: it would open every location.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError

__all__ = ["Line", "Document", "read_document", "parse_text", "plain", "TEXT_SUFFIXES", "PAGE_BREAK"]

#: Suffixes read as UTF-8 text.
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
#: What joins the pages of a PDF's text layer (a form feed on a line of its own).
PAGE_BREAK = "\n\f\n"
#: Signatures of files that hold no paper's text (a file renamed .md, .txt or .pdf): magic bytes, what it is.
_SIGNATURES = ((b"\xd0\xcf\x11\xe0", "an old Office document (Word 97-2003 .doc or similar)"),
               (b"{\\rtf", "a Rich Text Format document (.rtf)"),
               (b"%PDF-", "a PDF"))

_MARKUP = re.compile(r"</?(?:b|strong|i|em|sup|sub|u)>|\*\*|__|\$|\\(?=[*_#])")
_CAPTION = re.compile(r"^\W*(?:tabel|table|gambar|figure|fig\.)\s*\d", re.IGNORECASE)
_FUNCTION_WORDS = {
    "id": {"yang", "dan", "dengan", "untuk", "adalah", "dari", "pada", "ini", "tidak", "terhadap", "dalam", "bahwa"},
    "en": {"the", "of", "and", "to", "is", "with", "that", "for", "are", "this", "was", "were"},
}


def plain(text: str) -> str:
    """``text`` without Markdown/HTML emphasis and math dollars (for reading a line, never for spans).

    >>> plain("<b>Total</b>\\t**140** $p<0,05$")
    'Total\\t140 p<0,05'
    """
    return _MARKUP.sub("", text)


@dataclass(frozen=True)
class Line:
    """One line of the text as read.

    Attributes
    ----------
    number : int
        1-based line number (Markdown/plain text: the file's line; PDF: the line of the joined text layer).
    page : int or None
        1-based PDF page; None for Markdown and plain text.
    section : str
        The headings above, outermost first, joined by ``" > "`` (empty before the first heading).
    start : int
        Offset of the line's first character in :attr:`Document.text`.
    text : str
        The line, without its newline.
    """

    number: int
    page: int | None
    section: str
    start: int
    text: str

    @property
    def end(self) -> int:
        """Offset just past the line's last character."""
        return self.start + len(self.text)


@dataclass
class Document:
    """A paper's text and its lines.

    Attributes
    ----------
    path : str
        The file read (or ``"<text>"``).
    text : str
        The whole text, as read (every offset in the package indexes it).
    lines : list of Line
        Every line, in order (``lines[i].number == i + 1``).
    language : str
        ``"en"`` or ``"id"``, guessed from function words (:func:`guess_language`).
    """

    path: str
    text: str
    lines: list[Line]
    language: str
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = [line.start for line in self.lines]

    def line_at(self, start: int) -> Line:
        """The line that holds offset ``start``.

        Raises
        ------
        IndexError
            If ``start`` is outside the text.
        """
        if not 0 <= start <= len(self.text) or not self.lines:
            raise IndexError(f"offset {start} is outside the text ({len(self.text)} characters)")
        return self.lines[bisect.bisect_right(self._starts, start) - 1]

    def where(self, start: int) -> str:
        """Where offset ``start`` is, for a reader: ``"p. 3, line 214"`` or ``"HASIL > Hasil, line 214"``."""
        line = self.line_at(start)
        if line.page is not None:
            return f"p. {line.page}, line {line.number}"
        return f"{line.section}, line {line.number}" if line.section else f"line {line.number}"


def guess_language(text: str) -> str:
    """``"id"`` or ``"en"``: the language whose function words are more frequent (English on a tie).

    >>> guess_language("Hasil analisis ini menunjukkan bahwa ada pengaruh yang signifikan")
    'id'
    """
    words = re.findall(r"[a-z]+", text.lower())
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    return "id" if counts["id"] > counts["en"] else "en"


def _heading(text: str) -> tuple[int, str] | None:
    """``(level, title)`` if the line is a heading (see the module docstring), else None."""
    stripped = text.strip()
    markdown = re.match(r"^(#{1,6})\s+(.*)$", stripped)
    if markdown:
        title = plain(markdown.group(2)).strip()
        return (len(markdown.group(1)), title) if title else None
    if not stripped or "\t" in text or _CAPTION.match(plain(stripped)):
        return None
    bold = re.fullmatch(r"(?:\*\*|<b>)([^*<>]{2,80})(?:\*\*|</b>)", stripped)
    if bold:
        return 99, bold.group(1).strip()  # one level below the current heading
    title = plain(stripped)
    if (4 <= len(title) <= 60 and title.upper() == title and re.search(r"[A-Z]{4}", title)
            and not re.search(r"[.:;,]$|\t|\d\.\d", title) and len(re.findall(r"[A-Z]", title)) >= 0.5 * len(
                re.sub(r"\W", "", title))):
        return 1, re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", title)
    return None


def parse_text(text: str, path: str = "<text>", pages: list[int] | None = None) -> Document:
    """A document from a string.

    Parameters
    ----------
    text : str
        The paper's text; lines end with ``"\\n"`` (a ``"\\r\\n"`` leaves the ``"\\r"`` in the line).
    path : str
        Its file, for messages and :meth:`Document.where`.
    pages : list of int, optional
        The page of every line (``len(pages)`` = number of lines). When None and the text holds
        form feeds (``"\\f"``, as :data:`PAGE_BREAK` joins PDF pages), a form feed starts the next
        page; otherwise lines have no page.

    Returns
    -------
    Document

    Raises
    ------
    ValueError
        If ``pages`` does not give one page per line.
    """
    raw = text.split("\n")
    if pages is not None and len(pages) != len(raw):
        raise ValueError(f"pages gives {len(pages)} pages for {len(raw)} lines")
    if pages is None and "\f" in text:
        pages, page = [], 1
        for line in raw:
            page += line.count("\f")
            pages.append(page)
    heads = [_heading(line) for line in raw]
    levels = [h[0] for h in heads if h is not None and h[0] != 99]
    title = next((i for i, h in enumerate(heads) if h is not None and h[0] != 99), None)
    if title is not None and (not levels[1:] or min(levels[1:]) <= levels[0] or len(heads[title][1].split()) < 5):
        title = None   # alone, with peers, or short ("# RESULTS" above "## Reliability"): a section, not the title
    lines, stack, start, top = [], [], 0, 0
    for i, line in enumerate(raw):
        head = heads[i]
        if head is not None and i == title:
            top = head[0]
        elif head is not None:
            level, title = head
            if level == 99:  # bold line: below the last '#' heading
                level = top + 1
            else:
                top = level
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
        section = " > ".join(title for _, title in stack)
        lines.append(Line(i + 1, None if pages is None else pages[i], section, start, line))
        start += len(line) + 1
    return Document(path, text, lines, guess_language(text))


def read_document(path) -> Document:
    """Read a paper: ``.md``/``.markdown``/``.txt`` as UTF-8 (a BOM is dropped), ``.pdf`` by its text layer.

    Parameters
    ----------
    path : str or Path
        The paper.

    Returns
    -------
    Document

    Raises
    ------
    UserError
        Naming the file: it does not exist; its suffix is none of the above; it is empty; it is another
        format renamed (a Word document, an RTF file, a PDF named .md, text named .pdf: named from its
        signature); the text is not UTF-8; the PDF cannot be read or has no text layer (a scan: run OCR
        first).
    """
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise UserError("no such file; expected a paper as Markdown (.md), plain text (.txt) or PDF (.pdf)",
                        file=name)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + (".pdf",):
        raise UserError(f"cannot read a '{suffix or 'suffix-less'}' file; expected a paper as "
                        ".md, .markdown, .txt (UTF-8) or .pdf", file=name)
    data = path.read_bytes()
    if not data.strip():
        raise UserError("the file is empty" + (" (white space only)" if data else "") + "; expected the paper's "
                        "text", file=name)
    if suffix == ".pdf":
        if b"%PDF-" not in data[:1024]:   # PDF 1.7 (ISO 32000-1, 7.5.2): the header within the first 1024 bytes
            other = _other_format(path, data)
            raise UserError(f"not a PDF: this is {other or 'text (it does not start with %PDF-)'}; "
                            + ("name it .md or .txt" if other is None else "save the paper as PDF or text"),
                            file=name)
        return _read_pdf(path)
    other = _other_format(path, data)
    if other is not None:
        raise UserError(f"this is {other}, not {suffix} text; "
                        + ("name it .pdf" if other == "a PDF" else "save the paper as PDF or plain text"), file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
                        "expected the paper saved as UTF-8", file=name) from None
    if "\x00" in text:
        raise UserError("holds NUL bytes, so it is not a text file; expected the paper as UTF-8 text or PDF",
                        file=name)
    return parse_text(text.replace("\r\n", "\n"), name)


def _other_format(path: Path, data: bytes) -> str | None:
    """What a file is by its signature (:data:`_SIGNATURES`, zip containers by their content), None for text."""
    if data.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            names = set()
        if "word/document.xml" in names:
            return "a Word document (.docx)"
        return "an OpenDocument text (.odt)" if "content.xml" in names else "a zip archive"
    return next((what for magic, what in _SIGNATURES if data.startswith(magic)), None)


def _read_pdf(path: Path) -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    name = str(path)
    try:
        with pdfplumber.open(path) as pdf:
            texts = [page.extract_text() or "" for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise UserError(f"not a readable PDF ({type(error).__name__}): it may be damaged or incompletely "
                        "copied; expected a PDF with a text layer",
                        file=name) from None
    if not any(t.strip() for t in texts):
        raise UserError(f"no text layer (scanned?) on any of its {len(texts)} pages; expected a PDF with "
                        "selectable text (run OCR first)", file=name)
    return parse_text(PAGE_BREAK.join(texts), name)
