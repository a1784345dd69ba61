"""The report's sections, in order: :data:`SECTIONS`.

Each entry is a function ``section(inputs)`` of one module here: it reads what
it needs from the :class:`~plssem_pipeline.report.inputs.ReportInputs`, and
returns the section (:func:`plssem_pipeline.report.blocks.section`: an id, a
title and a list of blocks) or None when it has nothing to show; a section
left out is left out whole, in the HTML's contents and in LaTeX's table of
contents too. Both templates number and lay out whatever this list gives them.

Adding a section is one module with a ``section(inputs)`` and one line below.

The other modules are parts of the sections: :mod:`.comparison` (the audit's
published-against-reproduced rows beside each table), :mod:`.smartpls` (the
bootstrapping layout of Tables 5 and 6), :mod:`.mediation` and
:mod:`.hypotheses` (subsections of the structural model).
"""
from __future__ import annotations

from . import (appendix, audit, fit, groups, ipma, measurement, methods, power, predictive, provenance, respondents,
               structural)

__all__ = ["SECTIONS"]

#: The report after its front matter, in order.
SECTIONS = (
    methods.section,        # Method and settings (paragraphs)
    respondents.section,    # Table 1
    measurement.section,    # Tables 2, 3, 3a, 3b, 3c; Figures 1, 2
    structural.section,     # Tables 4, 4a, 5, 6, 7; Figures 3, 4, 5
    predictive.section,     # Tables 7a, 7b, 7c: PLSpredict and CVPAT; the prediction-error figure
    fit.section,            # Tables 7d, 7e, 7f: model fit, information criteria, model comparison
    groups.section,         # Tables 8a, ...: the groups' bootstrap, per compared pair MICOM and the MGA
    ipma.section,           # Tables 9a, 9b: the importance-performance map; its figure
    power.section,          # Tables 10a, 10b: the Monte Carlo power analysis; the power curve
    audit.section,          # Table C1 and the comparison rows of no numbered table
    provenance.section,     # Tables P1, P2, P3; the configuration
    appendix.section,       # Tables A1-A6: indicator data, cross-loadings, bootstrap of loadings, weights, R², α..AVE
)
