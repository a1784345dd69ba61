"""The report context of the groups run (tests/pipeline/groups_study.py) with issue 15's inputs, as
rules/report.smk names them."""
from __future__ import annotations

from pathlib import Path

from plssem_pipeline.report import build_context

from report_helpers import FIGURES, FILES, resolved_config

#: The compared pair of the groups study.
PAIR = "2-vs-1"


def group_files(run: Path) -> dict:
    """The report's inputs of the run as rules/report.smk names them (report_helpers.FILES and issue 15's)."""
    files = {k: str(run / v) for k, v in FILES.items()}
    for kind, name in (("mga", "mga.csv"), ("micom", "micom.csv"), ("mga_summary", "summary.json")):
        files[f"{kind}:{PAIR}"] = str(run / f"results/mga/{PAIR}/{name}")
    for code in ("1", "2"):
        files[f"group_bootstrap:{code}"] = str(run / f"results/groups/{code}/bootstrap.csv")
    for name, kind in (("constructs", "csv"), ("indicators", "csv"), ("summary", "json")):
        files[f"ipma_{name}"] = str(run / f"results/ipma/{name}.{kind}")
    return files


def group_context(run: Path, language: str = "en", config: dict | None = None, files: dict | None = None) -> dict:
    """The report context of ``run`` in ``language``; ``files`` replaces inputs of :func:`group_files` by name."""
    config = config or resolved_config(run)
    config["report"]["language"] = language
    figures = {name: {kind: str(run / f"report/figures/{name}.{kind}") for kind in ("png", "pdf")}
               for name in FIGURES + ("ipma",)}
    return build_context(files={**group_files(run), **(files or {})}, config=config, figures=figures,
                         report_dir=str(run / "report"))
