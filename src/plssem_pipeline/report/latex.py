"""Building the PDF from the LaTeX report, safely and reproducibly.

:func:`find_engine` looks for ``latexmk`` (with ``pdflatex``) or ``pdflatex``
alone. :func:`build_pdf` copies the ``.tex`` and the figures' PDFs into a fresh
temporary directory and compiles there, so nothing but the PDF comes back:

* ``-no-shell-escape`` (``\\write18`` cannot run programs), ``-halt-on-error``
  and ``-interaction=nonstopmode`` (an error ends the run instead of waiting
  for input); ``latexmk -norc`` reads no rc file (they are Perl code);
* ``openout_any=p`` and ``openin_any=p`` (kpathsea's paranoid mode: TeX can
  neither write nor read files outside the temporary directory and the TeX
  tree);
* ``SOURCE_DATE_EPOCH=0`` and ``FORCE_SOURCE_DATE=1``: pdfTeX stamps no build
  time, so the same ``.tex`` gives the same PDF.

The report's escaping (:func:`plssem_pipeline.report.render.latex_escape`)
already keeps every piece of user text from becoming a command; these options
are the second line of defence.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UserError

__all__ = ["find_engine", "build_pdf", "pdf_pages", "report_outputs"]

FLAGS = ["-no-shell-escape", "-halt-on-error", "-interaction=nonstopmode", "-file-line-error"]


def find_engine() -> str | None:
    """``"latexmk"`` if latexmk and pdflatex are installed, ``"pdflatex"`` if only pdflatex is, else ``None``."""
    if shutil.which("pdflatex") is None:
        return None
    return "latexmk" if shutil.which("latexmk") else "pdflatex"


def report_outputs(formats=("html", "tex", "pdf"), *, engine: str | None | bool = True) -> dict:
    """The report rule's output files: ``{"html": ..., "tex": ..., "pdf": ...}``.

    The ``.tex`` is always written (it is the PDF's source and readable on its
    own); the HTML when ``formats`` lists it; the PDF when ``formats`` lists it
    and a TeX engine is installed (``engine=True`` looks for one).
    """
    if engine is True:
        engine = find_engine()
    out = {}
    if "html" in formats:
        out["html"] = "report/results.html"
    out["tex"] = "report/results.tex"
    if "pdf" in formats and engine:
        out["pdf"] = "report/results.pdf"
    return out


def _env() -> dict:
    env = dict(os.environ)
    env.update(openout_any="p", openin_any="p", SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1",
               TEXMFOUTPUT="", shell_escape="f")
    return env


def _first_error(log_text: str) -> str:
    lines = log_text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!") or re.match(r"^\S+\.tex:\d+:", line):
            return "\n".join(lines[i:i + 6])
    return "\n".join(lines[-15:])


def build_pdf(tex, pdf, *, figures=(), engine: str | None = None, timeout: int = 300, log=None) -> dict:
    """Compile ``tex`` into ``pdf`` in a temporary directory.

    Parameters
    ----------
    tex : path
        The LaTeX source (``report/results.tex``).
    pdf : path
        Where to put the PDF.
    figures : iterable of path
        Files the source includes, copied beside it under their path relative
        to the source's directory (``figures/structural_model.pdf``).
    engine : {"latexmk", "pdflatex"}, optional
        Default: :func:`find_engine`.
    timeout : int
        Seconds per TeX run.
    log : logging.Logger, optional

    Returns
    -------
    dict
        ``engine`` and ``pages``.

    Raises
    ------
    UserError
        No TeX engine, or LaTeX failed (the message quotes the first error).
    """
    engine = engine or find_engine()
    if engine is None:
        raise UserError("no TeX engine (latexmk or pdflatex) is installed; remove pdf from report.formats "
                        "or install TeX Live", key="report.formats")
    tex, pdf = Path(tex), Path(pdf)
    with tempfile.TemporaryDirectory(prefix="plssem-report-") as work:
        work = Path(work)
        shutil.copy(tex, work / "results.tex")
        for figure in figures:
            relative = os.path.relpath(figure, tex.parent)
            if relative.startswith(".."):
                raise ValueError(f"figure {figure} is not under the report directory {tex.parent}")
            (work / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(figure, work / relative)
        if engine == "latexmk":
            commands = [["latexmk", "-norc", "-pdf", *FLAGS, "results.tex"]]
        else:
            commands = [["pdflatex", *FLAGS, "results.tex"]] * 3
        for k, command in enumerate(commands):
            done = subprocess.run(command, cwd=work, env=_env(), capture_output=True, text=True,
                                  timeout=timeout, stdin=subprocess.DEVNULL)
            log_file = work / "results.log"
            log_text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else done.stdout
            if done.returncode != 0:
                if log is not None:
                    log.error("%s failed:\n%s", " ".join(command), log_text[-6000:])
                raise UserError(f"LaTeX could not build the PDF ({' '.join(command)}):\n{_first_error(log_text)}\n"
                                "  The LaTeX log is in the rule's log; remove pdf from report.formats to skip "
                                "the PDF", file=str(tex))
            if engine == "pdflatex" and k >= 1 and "Rerun" not in log_text:
                break
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "results.pdf", pdf)
    pages = pdf_pages(pdf)
    if log is not None:
        log.info("PDF built with %s: %s (%s pages)", engine, pdf, pages)
    return {"engine": engine, "pages": pages}


def pdf_pages(path) -> int | None:
    """Number of pages of a PDF (``pdfinfo`` where installed, else its page tree; ``None`` if unknown)."""
    if shutil.which("pdfinfo"):
        done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60)
        match = re.search(r"^Pages:\s+(\d+)", done.stdout, flags=re.M)
        if match:
            return int(match.group(1))
    data = Path(path).read_bytes()
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    if not counts:
        counts = [int(m) for m in re.findall(rb"/Count\s+(\d+)", data)]
    return max(counts) if counts else None
