"""Rule `report_pdf`: ``report/results.tex`` compiled to PDF (:func:`plssem_pipeline.report.build_pdf`).

Its own rule, so that when LaTeX fails (the message names the text it could not typeset) the HTML and the
``.tex`` of rules `report` and `report_tex` are kept.
"""
from __future__ import annotations

from ..report import build_pdf
from .report import FIGURES


def main(smk, log):
    given = smk.input.keys()   # the IPMA map only when the study configures ipma
    build_pdf(smk.input.tex, smk.output.pdf, figures=[smk.input[f"{name}_pdf"] for name in FIGURES
                                                      if f"{name}_pdf" in given],
              engine=smk.params.tex_engine, log=log)
