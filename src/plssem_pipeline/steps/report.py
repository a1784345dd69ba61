"""Rule `report`: the results section as HTML and LaTeX, and as PDF where a TeX engine is installed."""
from __future__ import annotations

from pathlib import Path

from ..report import build_context, build_pdf, render_html, render_latex
from ..report.catalogue import Catalogue
from ..report.context import REQUIRED_FILES
from ..study.safety import load_yaml

FIGURES = ("loadings", "htmt", "structural_model", "bootstrap_paths", "bootstrap_indirect")
AUDIT = ("published_vs_reproduced", "consistency")


def main(smk, log):
    inputs = smk.input.keys()
    config = smk.params.config
    templates = Path(smk.input.template_html).parent
    files = {name: smk.input[name] for name in REQUIRED_FILES}
    figures = {name: {"png": smk.input[f"{name}_png"], "pdf": smk.input[f"{name}_pdf"]} for name in FIGURES}
    audit = ({name: smk.input[name] for name in AUDIT if name in inputs} if smk.params.audit_rule else None)
    published = None
    if "published" in inputs:
        published = load_yaml(smk.input.published, what="published tables")  # duplicate keys refused
    formats = config["report"]["formats"]
    outputs = smk.output.keys()
    engine = smk.params.tex_engine if "pdf" in outputs else None
    reason = None
    if "pdf" in formats and engine is None:
        reason = Catalogue(config["report"]["language"])("no_tex")
    context = build_context(
        files=files, config=config, figures=figures, audit=audit, published=published,
        config_source=smk.params.config_source, pdf={"requested": "pdf" in formats, "engine": engine, "reason": reason},
        report_dir=str(Path(smk.output.tex).parent),
        inputs=[p for name in inputs if not name.startswith("template") for p in [smk.input[name]]],
    )
    if "html" in outputs:
        Path(smk.output.html).write_text(render_html(context, templates), encoding="utf-8")
        log.info("wrote %s", smk.output.html)
    Path(smk.output.tex).write_text(render_latex(context, templates), encoding="utf-8")
    log.info("wrote %s", smk.output.tex)
    if "pdf" in outputs:
        build_pdf(smk.output.tex, smk.output.pdf, figures=[figures[name]["pdf"] for name in FIGURES],
                  engine=engine, log=log)
    elif "pdf" in formats:
        log.warning("PDF skipped: %s; report/results.tex is written, compile it where TeX is installed", reason)
    else:
        log.info("PDF not requested (report.formats: %s)", ", ".join(formats))
