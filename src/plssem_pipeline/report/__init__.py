"""The report: the study's results section regenerated in HTML and LaTeX/PDF.

* :mod:`.context` — :func:`build_context`: runs the sections in order and adds the front matter;
  the result is plain data for both templates, so both formats say exactly the same thing;
* :mod:`.sections` — the ordered list of sections (methods, respondents, measurement model,
  structural model with its mediation and hypotheses parts, audit, provenance), one module each; a
  section with nothing to show is left out whole;
* :mod:`.inputs` — :class:`~.inputs.ReportInputs`, the results files, config and audit files read
  once and shared by the sections; :mod:`.tables` and :mod:`.blocks` — what a section is made of
  (tables, cells, figures; headings, text, code);
* :mod:`.catalogue` — every label and sentence, from one data file per language (``strings/``);
* :mod:`.figures` — the figures (matplotlib) and the structural model's layout;
* :mod:`.render` — the Jinja2 environments (HTML autoescaped; LaTeX through
  :func:`latex_escape`) and the templates in ``workflow/templates/``;
* :mod:`.symbols` — which ``_`` of the text is a symbol's subscript (``ρ_C``, ``R²_adj``; never
  a user's name such as ``KP_1``), typeset by the templates' ``text`` / ``latex_text`` filters;
  :mod:`.metadata` — author, keywords and date of the PDF and the HTML; :mod:`.dates` — the report's
  date (``SOURCE_DATE_EPOCH``, else today's UTC day);
* :mod:`.latex` — :func:`build_pdf`: LuaLaTeX (any Unicode text; else pdfLaTeX/latexmk) in a
  temporary directory, no shell escape, reproducible; :mod:`.latex_log` names what a failed run
  could not typeset.

The rules ``report`` (HTML), ``report_tex`` and ``report_pdf`` (``workflow/rules/report.smk``,
:mod:`plssem_pipeline.steps.report` and its siblings) tie them together, one rule per format.
"""
from .context import build_context
from .latex import build_pdf, find_engine, report_outputs
from .render import latex_escape, render_html, render_latex

__all__ = ["build_context", "build_pdf", "find_engine", "report_outputs", "latex_escape", "render_html",
           "render_latex"]
