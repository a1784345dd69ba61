"""The blocks a report section is made of, and the section itself: plain dictionaries the templates lay out.

A section is ``{"id", "title", "blocks", "results", "data"}``; each block has a
``kind`` the templates render generically:

* ``heading`` — a subsection heading (``text``; ``keep``: LaTeX keeps room for
  what follows it on the same page);
* ``table`` — a :class:`~plssem_pipeline.report.tables.Table` (``table``), with its comparison table if any;
* ``figure`` — a :class:`~plssem_pipeline.report.tables.Figure` (``figure``);
* ``text`` — a paragraph (``text``);
* ``code`` — a preformatted listing (``text``; the configuration).
"""
from __future__ import annotations

__all__ = ["heading", "table", "figure", "text", "code", "section"]


def heading(text: str, *, keep: bool = True) -> dict:
    """A subsection heading.

    Parameters
    ----------
    text : str
    keep : bool
        Keep room for what follows on the same page (LaTeX ``\\needspace``);
        False lets LaTeX leave the heading at the foot of a page.

    Returns
    -------
    dict
        ``{"kind": "heading", "text", "keep"}``.
    """
    return {"kind": "heading", "text": text, "keep": keep}


def table(table) -> dict:
    """A table, laid out with its notes, its sources and its comparison table if it has one.

    Parameters
    ----------
    table : Table
        One of the report's tables (:mod:`plssem_pipeline.report.tables`).

    Returns
    -------
    dict
        ``{"kind": "table", "table"}``.
    """
    return {"kind": "table", "table": table}


def figure(figure) -> dict | None:
    """A figure, or nothing for a figure not drawn.

    Parameters
    ----------
    figure : Figure or None
        None (the workflow drew no such figure) leaves the block out of its section.

    Returns
    -------
    dict or None
        ``{"kind": "figure", "figure"}``.
    """
    return None if figure is None else {"kind": "figure", "figure": figure}


def text(text: str) -> dict:
    """A paragraph of prose.

    Parameters
    ----------
    text : str
        Plain text; the templates escape it.

    Returns
    -------
    dict
        ``{"kind": "text", "text"}``.
    """
    return {"kind": "text", "text": text}


def code(text: str) -> dict:
    """A preformatted listing (the configuration as YAML), its lines and spaces kept.

    Parameters
    ----------
    text : str
        Lines separated by newlines.

    Returns
    -------
    dict
        ``{"kind": "code", "text"}``.
    """
    return {"kind": "code", "text": text}


def section(id: str, title: str, blocks, *, results: bool = True, data=None) -> dict | None:
    """A section of the report, or None when none of its blocks has anything to show.

    Parameters
    ----------
    id : str
        Anchor of the section (HTML ``id``, LaTeX ``\\label``): letters, digits, ``_./-`` only.
    title : str
        The section's heading, also its line in the table of contents.
    blocks : iterable of dict or None
        The section's blocks in order; None entries (a figure not drawn) are left out.
    results : bool
        Whether its tables are results of the study (the context's ``tables``),
        not the report's own bookkeeping (audit, provenance).
    data : object, optional
        The section's content as structured data, for callers of
        :func:`~plssem_pipeline.report.context.build_context` (the methods'
        paragraphs, the audit's summary, the provenance).

    Returns
    -------
    dict or None
    """
    kept = [block for block in blocks if block is not None]
    if not kept:
        return None
    return {"id": id, "title": title, "blocks": kept, "results": results, "data": data}
