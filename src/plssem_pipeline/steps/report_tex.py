"""Rule `report_tex`: the results section as a LaTeX source, the PDF's input and readable on its own."""
from __future__ import annotations

from pathlib import Path

from ..report import render_latex
from ..report.catalogue import Catalogue
from .report import report_context


def main(smk, log):
    context = report_context(smk, str(Path(smk.output.tex).parent))
    Path(smk.output.tex).write_text(render_latex(context, Path(smk.input.template).parent), encoding="utf-8")
    log.info("wrote %s", smk.output.tex)
    formats = smk.params.config["report"]["formats"]
    if "pdf" in formats and smk.params.tex_engine is None:
        log.warning("PDF skipped: %s; %s is written, compile it where TeX is installed",
                    Catalogue(smk.params.config["report"]["language"])("no_tex"), smk.output.tex)
    elif "pdf" not in formats:
        log.info("PDF not requested (report.formats: %s)", ", ".join(formats))
