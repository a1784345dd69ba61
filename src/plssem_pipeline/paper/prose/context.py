"""The prose with what every reader of it needs: sentences, construct names, paths, and context.

:class:`ProseContext` answers "which path is this piece of a sentence about": the constructs
named in the piece (:class:`~.paths.Paths`), else the whole sentence; when the sentence names no
construct at all, the path of the paragraph's previous sentence, else the path its heading names
("Pengaruh keterlibatan pelanggan terhadap inovasi produk"). A sentence that names constructs
but no path stays unresolved.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from ..document import Document
from ..numbers import Number, numbers_in
from .names import Names
from .paths import Paths
from .text import Sentence, place, sentences, span

__all__ = ["ProseContext"]


class ProseContext:
    """A document's prose, its construct names and the tables' paths.

    Parameters
    ----------
    document : Document
    tables : mapping
        The extracted tables.
    names : Names
    provenance : dict, optional
        Filled with ``key path -> span`` by :meth:`record`.
    skipped : list, optional
        Filled with ``(what, text, reason)`` for prose that could not be used.
    """

    def __init__(self, document: Document, tables: Mapping, names: Names, provenance: dict | None = None,
                 skipped: list | None = None):
        self.document = document
        self.tables = tables
        self.names = names
        self.paths = Paths(tables)
        self.sentences: list[Sentence] = sentences(document)
        self.provenance = provenance if provenance is not None else {}
        self.skipped = skipped if skipped is not None else []
        self._heading_paths: dict[str, tuple[str, ...] | None] = {}
        self._sentence_paths: dict[int, tuple[str, ...] | None] = {}
        self._starts = [s.start for s in self.sentences]
        self._mentions: dict[int, list[tuple[int, int, str]]] = {}
        self._numbers: dict[int, list[Number]] = {}

    def numbers(self, index: int) -> list[Number]:
        """The numbers of sentence ``index`` (:func:`~plssem_pipeline.paper.numbers.numbers_in`, read once)."""
        if index not in self._numbers:
            s = self.sentences[index]
            self._numbers[index] = numbers_in(s.text, s.start)
        return self._numbers[index]

    def mentions(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Constructs named in ``document.text[start:end]`` (document offsets).

        Within one sentence, its names (read once) that lie inside the range; elsewhere the range read afresh.
        """
        index = bisect_right(self._starts, start) - 1
        if index < 0 or end > self.sentences[index].end:
            return self.names.mentions(self.document.text[start:end], start)
        if index not in self._mentions:
            s = self.sentences[index]
            self._mentions[index] = self.names.mentions(s.text, s.start)
        return [m for m in self._mentions[index] if m[0] >= start and m[1] <= end]

    def path_of(self, start: int, end: int, *, directed: bool = False) -> tuple[str, ...] | None:
        """The path named in ``document.text[start:end]`` alone (None if none or ambiguous)."""
        return self.paths.resolve(self.document.text[start:end], self.mentions(start, end), offset=start,
                                  directed=directed)

    def heading_path(self, section: str) -> tuple[str, ...] | None:
        """The path the innermost heading of ``section`` names, if any."""
        if section not in self._heading_paths:
            title = section.rsplit(" > ", 1)[-1]
            self._heading_paths[section] = self.paths.resolve(title, self.names.mentions(title))
        return self._heading_paths[section]

    def sentence_path(self, index: int) -> tuple[str, ...] | None:
        """The path of sentence ``index``: its own, else (naming no construct) the paragraph's or heading's."""
        if index not in self._sentence_paths:
            s = self.sentences[index]
            path = self.path_of(s.start, s.end)
            if path is None and not self.mentions(s.start, s.end):
                before = index - 1
                if before >= 0 and self.sentences[before].paragraph == s.paragraph:
                    path = self.sentence_path(before)
                else:
                    path = self.heading_path(s.section)
            self._sentence_paths[index] = path
        return self._sentence_paths[index]

    def path_at(self, index: int, start: int, since: int | None = None) -> tuple[str, ...] | None:
        """The path of a statistic at ``start`` in sentence ``index``.

        Named between ``since`` (the end of the previous statistics, default the sentence's start) and
        ``start``, else between the sentence's start and ``start``, else the sentence's (:meth:`sentence_path`).
        """
        s = self.sentences[index]
        return ((since is not None and self.path_of(since, start)) or self.path_of(s.start, start)
                or self.sentence_path(index))

    def place(self, start: int) -> dict:
        """``{location, line}`` of an offset."""
        return place(self.document, start)

    def record(self, key: str, start: int, end: int) -> None:
        """Provenance of one recorded number (``key`` = its YAML key path)."""
        self.provenance[key] = span(self.document, start, end)

    def skip(self, what: str, start: int, end: int, reason: str) -> None:
        """Prose not used, and why (the extraction's ``skipped``)."""
        self.skipped.append((what, f"{self.document.where(start)}: {self.document.text[start:end][:120]}", reason))
