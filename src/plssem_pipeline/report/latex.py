"""Building the PDF from the LaTeX report, safely and reproducibly.

:func:`find_engine` looks for ``lualatex`` with ``fontspec`` and ``luaotfload``
(Debian: texlive-luatex), which typesets any Unicode text in the fonts of
:data:`FALLBACK_FONTS`; else for ``latexmk`` (with ``pdflatex``) or
``pdflatex`` alone, where a character OT1 fonts lack is shown as ``[U+XXXX]``
(see :func:`plssem_pipeline.report.render.latex_escape`). :func:`build_pdf` copies the ``.tex`` and the figures' PDFs into a fresh
temporary directory and compiles there, so nothing but the PDF comes back:

* ``-no-shell-escape`` (``\\write18`` cannot run programs), ``-halt-on-error``
  and ``-interaction=nonstopmode`` (an error ends the run instead of waiting
  for input); ``latexmk -norc`` reads no rc file (they are Perl code);
* ``openout_any=p`` and ``openin_any=p`` (kpathsea's paranoid mode: TeX can
  neither write nor read files outside the temporary directory and the TeX
  tree);
* ``SOURCE_DATE_EPOCH=0`` and ``FORCE_SOURCE_DATE=1``: pdfTeX and LuaTeX stamp
  no build time, so the same ``.tex`` gives the same PDF.

A failed run's message names the text LaTeX could not typeset
(:func:`plssem_pipeline.report.latex_log.explain_failure`).

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
from .latex_log import explain_failure

__all__ = ["find_engine", "build_pdf", "pdf_pages", "report_outputs", "FALLBACK_FONTS"]

#: Fonts LuaLaTeX takes a character from when Latin Modern lacks it, first that has it wins (each only where
#: installed): DejaVu (Cyrillic, Greek, Arabic, Hebrew, emoticons; fonts-dejavu-core), Noto (most other scripts;
#: fonts-noto-core), WenQuanYi Micro Hei (Chinese, Japanese, Korean; fonts-wqy-microhei), Symbola (emoji,
#: symbols; fonts-symbola).
FALLBACK_FONTS = (
    "DejaVu Serif", "DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari",
    "Noto Sans Bengali", "Noto Sans Tamil", "Noto Sans Thai", "Noto Sans Georgian", "Noto Sans Armenian",
    "Noto Sans Ethiopic", "Noto Sans Khmer", "Noto Sans Math", "Noto Sans Symbols", "Noto Sans Symbols2",
    "WenQuanYi Micro Hei", "Symbola",
)

FLAGS = ["-no-shell-escape", "-halt-on-error", "-interaction=nonstopmode", "-file-line-error"]


def _has_tex_file(name: str) -> bool:
    if shutil.which("kpsewhich") is None:
        return False
    done = subprocess.run(["kpsewhich", name], capture_output=True, text=True, timeout=60)
    return done.returncode == 0 and bool(done.stdout.strip())


def find_engine() -> str | None:
    """The TeX engine to build the PDF with, or ``None``.

    ``"lualatex"`` where lualatex, fontspec and luaotfload are installed (any Unicode text); else
    ``"latexmk"`` if latexmk and pdflatex are, ``"pdflatex"`` if only pdflatex is.
    """
    if shutil.which("lualatex") and all(_has_tex_file(name) for name in ("fontspec.sty", "luaotfload.sty")):
        return "lualatex"
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
    engine : {"lualatex", "latexmk", "pdflatex"}, optional
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
        No TeX engine, or LaTeX failed (the message names the text it could not typeset, with its line
        in the ``.tex``, and quotes the first error).
    """
    engine = engine or find_engine()
    if engine is None:
        raise UserError("no TeX engine (lualatex, latexmk or pdflatex) is installed; remove pdf from "
                        "report.formats or install TeX Live", key="report.formats")
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
            commands = [[engine, *FLAGS, "results.tex"]] * 3
        for k, command in enumerate(commands):
            done = subprocess.run(command, cwd=work, env=_env(), capture_output=True, text=True,
                                  timeout=timeout, stdin=subprocess.DEVNULL)
            log_file = work / "results.log"
            log_text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else done.stdout
            if done.returncode != 0:
                if log is not None:
                    log.error("%s failed:\n%s", " ".join(command), log_text[-6000:])
                explained = explain_failure(log_text, tex.read_text(encoding="utf-8", errors="replace"), str(tex))
                raise UserError(f"LaTeX could not build the PDF ({' '.join(command)}): {explained}\n"
                                "  The LaTeX log is in the rule's log; remove pdf from report.formats to skip "
                                "the PDF", file=str(tex))
            if engine != "latexmk" and k >= 1 and "Rerun" not in log_text:
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
