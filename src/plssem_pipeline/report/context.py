"""The report's content, built once from the results files, for both templates.

:func:`build_context` reads the results contract's files (``results/<step>/``),
the configuration, the published tables and, when the audit step exists, its
two CSVs (:class:`~.inputs.ReportInputs`), and returns one plain dictionary:
the front matter and the ordered sections of :data:`.sections.SECTIONS`. The
HTML and LaTeX templates only lay them out: every number is formatted, every
verdict decided and every sentence worded in the sections (in the language of
:mod:`.catalogue`), so both formats say exactly the same thing.

The content follows the "Hasil" section of the reference paper and Hair et
al. (2022, ch. 4–7)'s reporting guidelines:

* Tables 1–6 carry the paper's numbers and captions (Table 5 and 6 in
  SmartPLS 4's bootstrapping layout: O, M, STDEV, |O/STDEV|, P values, plus the
  confidence interval);
* the tables the paper omits and the guidelines ask for are lettered after
  the paper table they belong with (3a Fornell–Larcker, 3b HTMT with bootstrap
  CI, 3c indicator VIF, 4a f² and inner VIF); Table 7 lists the hypotheses as
  the paper numbers them;
* wherever the audit compared a published value with the reproduced one, the
  table's cell is marked when the difference is beyond the audit's tolerance,
  and a comparison table follows it;
* the Audit section lists the audit's checks of the paper against itself,
  failures first; the Provenance section lists the SHA-256 of every file the
  report was made from, the configuration, the seed and the versions.

Every value in the context is plain text (or numbers, lists, dicts and the
small dataclasses of :mod:`.tables`): escaping is the templates' job.
"""
from __future__ import annotations

from collections.abc import Mapping

from . import numbering
from ..study.labels import label_for
from .inputs import REQUIRED_FILES, ReportInputs
from .localize import localize_tables
from .metadata import document_info
from .sections import SECTIONS
from .tables import Cell, Column, Figure, Row, Table, fmt

__all__ = ["Cell", "Column", "Row", "Table", "Figure", "ReportInputs", "build_context", "fmt", "REQUIRED_FILES"]


def _front_matter(inputs: ReportInputs) -> dict:
    """Title, subtitle, the citation of the reproduced paper and the synthetic-data banner."""
    t, config, published = inputs.t, inputs.config, inputs.published
    citation = None
    if published and isinstance(published, Mapping):
        citation = (published.get("source") or {}).get("citation")
    banner = [t("synthetic_banner", survey=str(config["data"]["survey"]))]
    if config.get("published"):
        banner.append(t("synthetic_banner_published"))
    return {
        "language": inputs.language,
        "t": dict(t.strings),
        "title": label_for((config.get("report") or {}).get("title"), inputs.language, t("title_default")),
        "subtitle": t("subtitle"),
        "citation": t("reproduces", citation=citation) if citation else None,
        "synthetic": bool(config.get("data", {}).get("synthetic", False)),
        "synthetic_text": " ".join(banner),
        **document_info(inputs),   # author, keywords, date, verbatim_symbols
    }


def build_context(*, files: Mapping[str, str], config: Mapping, figures: Mapping | None = None,
                  audit: Mapping | None = None, published: Mapping | None = None, config_source: str = "config.yaml",
                  pdf: Mapping | None = None, report_dir: str = "report", inputs=None) -> dict:
    """Everything the report says, as plain data for the HTML and LaTeX templates.

    Parameters
    ----------
    files : mapping
        Results contract files by name; see :data:`REQUIRED_FILES`
        (``respondents`` = ``results/describe/respondents.csv``, ``boot_paths``
        = ``results/bootstrap/paths.csv``, ...).
    config : mapping
        The study's configuration, defaults filled in.
    figures : mapping, optional
        Figure name -> ``{"png": path, "pdf": path}``; names ``loadings``,
        ``htmt``, ``structural_model``, ``bootstrap_paths``, ``bootstrap_indirect``.
    audit : mapping or None
        ``None`` when the workflow has no audit step; else the audit's files by
        name: ``published_vs_reproduced`` (columns table, row, statistic,
        published, reproduced, difference, tolerance, within) and/or
        ``consistency`` (check, table, item, published, recomputed,
        difference, verdict, explanation).
    published : mapping, optional
        The published tables (``data/published/*.yaml``), for the citation and the hypotheses.
    config_source : str
        Which config file(s) the study came from, for the provenance.
    pdf : mapping, optional
        ``{"requested": bool, "engine": str or None, "reason": str or None}``.
    report_dir : str
        Directory of the rendered report; links to results files are relative to it.
    inputs : sequence of path, optional
        Every file the report was made from, hashed in the provenance table
        (default: ``files`` and the figures).

    Returns
    -------
    dict
        ``language``, ``t`` (the catalogue's strings), ``title``,
        ``subtitle``, ``citation``, ``synthetic``, ``synthetic_text``, ``author``,
        ``keywords``, ``date``, ``verbatim_symbols`` (the front matter;
        :func:`.metadata.document_info`); ``sections``: everything after it, in order (each with
        ``id``, ``title``, ``blocks`` of kind heading, table, figure, text or
        code; see :mod:`.blocks`); ``methods`` (paragraphs), ``audit`` and
        ``provenance``: those sections' content as data; ``tables``: the
        tables of the result sections (Tables 1–7, not the audit's or the
        provenance's).

    Raises
    ------
    KeyError
        When ``files`` lacks one of :data:`REQUIRED_FILES`.
    """
    state = ReportInputs(files=files, config=config, figures=figures, audit=audit, published=published,
                         config_source=config_source, pdf=pdf, report_dir=report_dir, inputs=inputs)
    sections = [s for s in (build(state) for build in SECTIONS) if s is not None]
    localize_tables(sections, state.language)  # the tables' numbers in the report's language, in one place
    sections = numbering.number(sections, published=bool(config.get("published")),
                                comparison=state.t("comparison_number"))
    data = {s["id"]: s["data"] for s in sections}
    return {
        **_front_matter(state),
        "methods": data.get("methods"),
        "sections": sections,
        "audit": data.get("audit"),
        "provenance": data.get("provenance"),
        "tables": [block["table"] for s in sections if s["results"] for block in s["blocks"]
                   if block["kind"] == "table"],
    }
