"""Rule `report`: the results section as one self-contained HTML file.

The LaTeX source and the PDF are rules of their own (:mod:`.report_tex`, :mod:`.report_pdf`), so that a PDF
LaTeX cannot build never costs the HTML or the ``.tex`` (Snakemake deletes a failed job's outputs).
:func:`report_context` is what the HTML and the LaTeX rule both render.
"""
from __future__ import annotations

from pathlib import Path

from ..report import build_context, render_html
from ..report.catalogue import Catalogue
from ..report.context import REQUIRED_FILES
from ..report.inputs import KEYED_FILES, OPTIONAL_FILES
from ..study.safety import load_yaml

FIGURES = ("loadings", "htmt", "structural_model", "bootstrap_paths", "bootstrap_indirect", "simple_slopes",
           "prediction_errors", "ipma", "power_curve")
AUDIT = ("published_vs_reproduced", "consistency")


def report_context(smk, report_dir: str = "report") -> dict:
    """The report's context (:func:`plssem_pipeline.report.build_context`) from a report rule's inputs and params.

    The PDF's state (requested; the engine found when the workflow was parsed, or why none) is the rule's
    ``tex_engine`` param, so the HTML and the ``.tex`` say the same about the PDF whether or not it builds.
    """
    inputs = smk.input.keys()
    config = smk.params.config
    files = {name: smk.input[name] for name in REQUIRED_FILES + OPTIONAL_FILES if name in inputs}
    files.update({name: smk.input[name] for name in inputs if name.split(":", 1)[0] in KEYED_FILES})  # in order
    figures = {name: {"png": smk.input[f"{name}_png"], "pdf": smk.input[f"{name}_pdf"]} for name in FIGURES
               if f"{name}_png" in inputs}   # the IPMA map only when the study configures ipma
    audit = ({name: smk.input[name] for name in AUDIT if name in inputs} if smk.params.audit_rule else None)
    published = None
    if "published" in inputs:
        published = load_yaml(smk.input.published, what="published tables")  # duplicate keys refused
    formats = config["report"]["formats"]
    engine = smk.params.tex_engine if "pdf" in formats else None
    t = Catalogue(config["report"]["language"])
    reason = t("no_tex") if "pdf" in formats and engine is None else None
    source = smk.params.config_source + (" " + t("p_config_overridden") if smk.params.config_overridden else "")
    return build_context(
        files=files, config=config, figures=figures, audit=audit, published=published,
        config_source=source, pdf={"requested": "pdf" in formats, "engine": engine, "reason": reason},
        report_dir=report_dir,
        inputs=[p for name in inputs if not name.startswith("template") for p in [smk.input[name]]],
    )


def main(smk, log):
    context = report_context(smk, str(Path(smk.output.html).parent))
    Path(smk.output.html).write_text(render_html(context, Path(smk.input.template).parent), encoding="utf-8")
    log.info("wrote %s", smk.output.html)
