"""Helpers of the report tests (a module name no other test folder uses)."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATES = ROOT / "workflow" / "templates"

#: A construct label carrying every character HTML or TeX could treat as markup.
HOSTILE = r"<script>alert('x')</script> R&D 50% \input{/etc/passwd} \write18{touch pwned} a_b $x$ #1 ^ ~ {}"

FILES = {
    "respondents": "results/describe/respondents.csv",
    "clean_summary": "results/clean/summary.json",
    "loadings": "results/outer/loadings.csv",
    "reliability": "results/outer/reliability.csv",
    "fornell_larcker": "results/outer/fornell_larcker.csv",
    "htmt": "results/outer/htmt.csv",
    "outer_vif": "results/outer/vif.csv",
    "htmt_signed": "results/outer/htmt_signed.csv",
    "full_collinearity_vif": "results/outer/full_collinearity_vif.csv",
    "redundancy": "results/outer/redundancy.csv",
    "formative": "results/bootstrap/formative.csv",
    "outer_summary": "results/outer/summary.json",
    "r2": "results/inner/r2.csv",
    "f2": "results/inner/f2.csv",
    "inner_vif": "results/inner/vif.csv",
    "fit": "results/inner/fit.csv",
    "boot_paths": "results/bootstrap/paths.csv",
    "boot_indirect": "results/bootstrap/specific_indirect.csv",
    "boot_htmt": "results/bootstrap/htmt.csv",
    "boot_summary": "results/bootstrap/summary.json",
    "mediation": "results/mediation/indirect.csv",
    "hypotheses": "results/hypotheses/hypotheses.csv",
    "clean_survey": "results/clean/survey.csv",
    "indicators": "results/describe/indicators.csv",
    "cross_loadings": "results/outer/cross_loadings.csv",
    "boot_loadings": "results/bootstrap/loadings.csv",
    "boot_weights": "results/bootstrap/weights.csv",
    "boot_r2": "results/bootstrap/r2.csv",
    "boot_reliability": "results/bootstrap/reliability.csv",
    "boot_total_effects": "results/bootstrap/total_effects.csv",
    "boot_total_indirect": "results/bootstrap/total_indirect.csv",
    "predict_items": "results/predict/items.csv",
    "predict_constructs": "results/predict/constructs.csv",
    "predict_cvpat": "results/predict/cvpat.csv",
    "predict_summary": "results/predict/summary.json",
    "model_fit": "results/fit/fit.csv",
    "fit_criteria": "results/fit/criteria.csv",
    "model_comparison": "results/fit/model_comparison.csv",
    "fit_summary": "results/fit/summary.json",
}
FIGURES = ("loadings", "htmt", "structural_model", "bootstrap_paths", "bootstrap_indirect", "prediction_errors")


def tool(name: str) -> str | None:
    return shutil.which(name)


def csv_rows(path) -> list[dict]:
    """The rows of a results CSV as :class:`csv.DictReader` reads them (every cell text)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def resolved_config(run: Path) -> dict:
    """The run's config with the schema defaults filled in (as the workflow passes it to the report rule)."""
    from snakemake.utils import validate

    config = yaml.safe_load((run / "config.yaml").read_text(encoding="utf-8"))
    validate(config, str(ROOT / "workflow" / "schemas" / "config.schema.yaml"))
    return config


def context_for(run: Path, *, config: dict | None = None, audit="fixtures", language: str | None = None,
                report_dir: Path | None = None, files: dict | None = None) -> dict:
    """The report context of a finished run, built through the report package's public function.

    ``audit="fixtures"`` uses the fixture CSVs in tests/report/fixtures/ (the audit step's columns);
    ``audit=None`` is a workflow without an audit step; ``audit="run"`` the run's own results/audit/.
    ``files`` replaces some of the run's results files.
    """
    from plssem_pipeline.report import build_context

    config = config or resolved_config(run)
    if language:
        config.setdefault("report", {})["language"] = language
    files = {**{name: str(run / path) for name, path in FILES.items()}, **{k: str(v) for k, v in (files or {}).items()}}
    figures = {name: {"png": str(run / f"report/figures/{name}.png"), "pdf": str(run / f"report/figures/{name}.pdf")}
               for name in FIGURES}
    if audit == "fixtures":
        audit = {"published_vs_reproduced": str(FIXTURES / "published_vs_reproduced.csv"),
                 "consistency": str(FIXTURES / "consistency.csv")}
    elif audit == "run":
        audit = {"published_vs_reproduced": str(run / "results/audit/published_vs_reproduced.csv"),
                 "consistency": str(run / "results/audit/consistency.csv")}
    if report_dir is not None and Path(report_dir) != run / "report":   # the figures live beside the report
        (Path(report_dir) / "figures").mkdir(parents=True, exist_ok=True)
        for name in FIGURES:
            for kind in ("png", "pdf"):
                target = Path(report_dir) / "figures" / f"{name}.{kind}"
                shutil.copy(figures[name][kind], target)
                figures[name][kind] = str(target)
    published = None
    if config.get("published"):
        published = yaml.safe_load((run / config["published"]).read_text(encoding="utf-8"))
    return build_context(files=files, config=config, figures=figures, audit=audit, published=published,
                         pdf={"requested": True, "engine": "latexmk", "reason": None},
                         report_dir=str(report_dir or run / "report"))


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def summary(run: Path, step: str) -> dict:
    return json.loads((run / "results" / step / "summary.json").read_text())
