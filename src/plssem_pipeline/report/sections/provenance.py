"""Section "Provenance": the run (Table P1: git commit and dirty flag, date, platform, the data analysed and
the command that verifies the results), the SHA-256 of every file the report was made from (Table P2), the
versions (Table P3), the seed, the code fingerprint, how the PDF was made and the configuration."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..blocks import code, heading, section as make_section, table, text
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, integer

__all__ = ["run_table", "files_table", "summary", "section"]


def _plain(value):
    """The configuration as plain YAML-able values (numpy scalars as Python numbers)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    return value


def _step(path: str) -> str:
    """The step that wrote ``path``: ``results/<step>/...``; ``report/...`` is the figures'; else ``—``."""
    parts = Path(path).parts
    if parts and parts[0] == "report":
        return "figures"
    return parts[1] if len(parts) > 2 and parts[0] == "results" else "—"


def project_dir(inputs: ReportInputs) -> Path:
    """The project directory the report was made in: the folder holding ``results/clean/survey.csv``'s ``results/``."""
    return Path(inputs.files["clean_survey"]).parents[2]


def _git_rows(t, git: Mapping) -> list:
    """The commit, branch and working-tree rows of Table P1 (one row saying why, without git)."""
    if not git.get("available"):   # git's reason, in the report's language
        reason = str(git.get("reason", ""))
        why = ("run_not_repo" if "not a git repository" in reason else
               "run_no_commits" if "without commits" in reason else "run_git_unusable")
        return [(t("run_commit"), t("run_no_git", reason=t(why)))]
    changed = list(git.get("changed") or [])
    files = ", ".join(changed[:5]) + (", …" if len(changed) > 5 else "")
    return [(t("run_commit"), git["commit"]), (t("run_branch"), git.get("branch") or "—"),
            (t("run_tree"), t("run_dirty", files=files) if git.get("dirty") else t("run_clean"))]


def run_table(inputs: ReportInputs, root=None) -> Table:
    """Table P1: the run — git commit and dirty flag, date, platform, the data analysed, how to verify.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``clean_survey`` (hashed and counted here) and the cleaning's summary (the raw survey's
        SHA-256 as the cleaning read it).
    root : path, optional
        Where to ask git (:func:`plssem_pipeline.audit.manifest.git_state`); default the project
        directory (:func:`project_dir`).

    Returns
    -------
    Table
        Rows ``(item, value)``: commit, branch and working tree (clean, or dirty with the changed
        tracked files; or why git gave none), the report's date
        (:func:`plssem_pipeline.report.dates.report_date`, ISO 8601), platform and Python, the analysed
        file with its rows, columns and SHA-256, the raw survey with its SHA-256, and the verify command
        (:func:`plssem_pipeline.audit.manifest.verify_command`).
    """
    import platform

    from ...audit.manifest import git_state, platform_info, verify_command
    from ...audit.provenance import sha256_file
    from ..dates import report_date

    t = inputs.t
    system = platform_info()
    clean = inputs.files["clean_survey"]
    shown = Path(clean).relative_to(project_dir(inputs)).as_posix()
    data = inputs.frame("clean_survey")
    raw = inputs.summaries["clean_summary"].get("inputs", {})
    survey = str(inputs.config["data"]["survey"])
    raw_path = survey if survey in raw else next(iter(raw), survey)
    items = _git_rows(t, git_state(project_dir(inputs) if root is None else root)) + [
        (t("run_date"), report_date().isoformat()),
        (t("run_platform"), f"{system['system']} {system['release']} ({system['machine']})"),
        (t("run_python"), f"{platform.python_version()} ({system['python_implementation']})"),
        (t("run_data"), t("run_data_value", path=shown, rows=integer(len(data), inputs.language),
                          columns=integer(len(data.columns), inputs.language))),
        (t("run_data_sha"), sha256_file(clean)),
        (t("run_raw"), raw_path),
        (t("run_raw_sha"), str(raw.get(raw_path, "—"))),
        (t("run_verify"), verify_command()),
    ]
    columns = [Column(t("c_item"), "l", width=4.2), Column(t("c_value"), "l", width=10.4, mono=True)]
    return Table("table-p1", "P1", t("run_caption"), columns, [Row([Cell(k), Cell(str(v))]) for k, v in items],
                 notes=[t("n_run")], font="footnotesize")


def files_table(inputs: ReportInputs) -> Table:
    """Table P2: every file the report was made from, with its SHA-256 and the step that wrote it.

    Parameters
    ----------
    inputs : ReportInputs
        Its ``inputs`` (hashed here) and the cleaning's summary (the survey's files, hashed then).

    Returns
    -------
    Table
        The survey's files first, then the others in the order given, each once.
    """
    from ...audit.provenance import sha256_file

    t = inputs.t
    rows = [Row([Cell(str(path)), Cell(str(digest)), Cell("clean")], keys=(str(path),))
            for path, digest in inputs.summaries["clean_summary"].get("inputs", {}).items()]
    seen = {row.keys[0] for row in rows}
    for path in map(str, inputs.inputs):
        if path not in seen:
            seen.add(path)
            rows.append(Row([Cell(path), Cell(sha256_file(path)), Cell(_step(path))], keys=(path,)))
    columns = [Column(t("c_file"), "l", width=6.0, mono=True), Column(t("c_sha256"), "l", width=8.6, mono=True),
               Column(t("c_step"), "l")]
    return Table("table-p2", "P2", t("files_caption"), columns, rows, font="scriptsize")


def _pdf_text(inputs) -> str:
    t, pdf = inputs.t, inputs.pdf
    if not pdf.get("requested", True):
        return t("p_pdf_not_requested")
    if pdf.get("engine"):
        return t("p_pdf_built", engine=pdf["engine"])
    return t("p_pdf_skipped", reason=pdf.get("reason") or t("no_tex"))


def summary(inputs: ReportInputs) -> dict:
    """The provenance as the context's ``provenance``.

    Parameters
    ----------
    inputs : ReportInputs
        The bootstrap's summary (seed, versions, code fingerprint), ``pdf`` and the configuration.

    Returns
    -------
    dict
        ``intro``, ``run`` (Table P1), ``files`` (Table P2), ``versions`` (Table P3),
        ``config_title``, ``config`` (YAML), ``seed``, ``code``, ``pdf``
        (sentences) and ``links`` (the results files, linked).
    """
    import yaml

    t = inputs.t
    boot = inputs.summaries["boot_summary"]
    versions = Table("table-p3", "P3", t("versions_caption"),
                     [Column(t("c_package"), "l"), Column(t("c_version"), "l", mono=True)],
                     [Row([Cell(k), Cell(str(v))]) for k, v in boot.get("versions", {}).items()], font="footnotesize")
    fingerprint = boot.get("code", {})
    return {
        "intro": t("p_intro"), "run": run_table(inputs), "files": files_table(inputs), "versions": versions,
        "config_title": t("p_config", source=inputs.config_source),
        "config": yaml.safe_dump(_plain(inputs.config), sort_keys=False, allow_unicode=True, width=96,
                                 default_flow_style=None),
        "seed": t("p_seed", seed=boot.get("seed")),
        "code": t("p_code", engine=fingerprint.get("engine", "?"), pipeline=fingerprint.get("pipeline", "?")),
        "pdf": _pdf_text(inputs),
        "links": [inputs.file(p) for p in inputs.inputs if str(p).startswith("results/")],
    }


def section(inputs: ReportInputs) -> dict | None:
    """Section "Provenance", with :func:`summary` as its ``data`` (the context's ``provenance``)."""
    p = summary(inputs)
    return make_section("provenance", inputs.t("sec_provenance"), [
        text(p["intro"]), table(p["run"]), text(" ".join((p["seed"], p["code"], p["pdf"]))),
        table(p["files"]), table(p["versions"]),
        heading(p["config_title"], keep=False), code(p["config"]),
    ], results=False, data=p)
