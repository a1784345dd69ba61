"""Section "Provenance": the SHA-256 of every file the report was made from (Table P1), the versions
(Table P2), the seed, the code fingerprint, how the PDF was made and the configuration."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..blocks import code, heading, section as make_section, table, text
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table

__all__ = ["files_table", "summary", "section"]


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


def files_table(inputs: ReportInputs) -> Table:
    """Table P1: every file the report was made from, with its SHA-256 and the step that wrote it.

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
    return Table("table-p1", "P1", t("files_caption"), columns, rows, font="scriptsize")


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
        ``intro``, ``files`` (Table P1), ``versions`` (Table P2),
        ``config_title``, ``config`` (YAML), ``seed``, ``code``, ``pdf``
        (sentences) and ``links`` (the results files, linked).
    """
    import yaml

    t = inputs.t
    boot = inputs.summaries["boot_summary"]
    versions = Table("table-p2", "P2", t("versions_caption"),
                     [Column(t("c_package"), "l"), Column(t("c_version"), "l")],
                     [Row([Cell(k), Cell(str(v))]) for k, v in boot.get("versions", {}).items()], font="footnotesize")
    fingerprint = boot.get("code", {})
    return {
        "intro": t("p_intro"), "files": files_table(inputs), "versions": versions,
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
        text(p["intro"]), text(" ".join((p["seed"], p["code"], p["pdf"]))),
        table(p["files"]), table(p["versions"]),
        heading(p["config_title"], keep=False), code(p["config"]),
    ], results=False, data=p)
