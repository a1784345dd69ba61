"""The report: the study's results section regenerated in HTML and LaTeX/PDF.

* :mod:`.catalogue` — every label and sentence, in English and Indonesian;
* :mod:`.context` — :func:`build_context`: the results files read, formatted and
  judged once, for both formats;
* :mod:`.render` — the Jinja2 environments (HTML autoescaped; LaTeX through
  :func:`latex_escape`) and the templates in ``workflow/templates/``;
* :mod:`.latex` — :func:`build_pdf`: pdfLaTeX/latexmk in a temporary directory,
  no shell escape, reproducible.

The rule ``report`` (``workflow/rules/report.smk``, ``scripts/report.py``) ties them together.
"""
from .context import build_context
from .latex import build_pdf, find_engine, report_outputs
from .render import latex_escape, render_html, render_latex

__all__ = ["build_context", "build_pdf", "find_engine", "report_outputs", "latex_escape", "render_html",
           "render_latex"]
