"""PDFs for the paper tests, typeset by LuaLaTeX from generated LaTeX (no binary fixtures).

:func:`pdf_from_latex` compiles a body into a one-column article and returns the PDF; the tests
skip when ``lualatex`` is not installed. :func:`tabular` writes a table as LaTeX ``tabular``.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage{fontspec}
\usepackage[margin=2cm]{geometry}
\pagestyle{empty}
\begin{document}
"""


def latex_escape(text: str) -> str:
    """``text`` with LaTeX's special characters escaped (``&``, ``%``, ``_``, ``#``, ``$``, ``|``, ``>``)."""
    out = text
    for char, repl in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#"),
                       ("$", r"\$"), ("|", r"\textbar{}"), (">", r"\textgreater{}"), ("<", r"\textless{}")):
        out = out.replace(char, repl)
    return out


def tabular(header: list[str], rows: list[list[str]]) -> str:
    """A LaTeX ``tabular`` (left column text, the others right-aligned), cells escaped."""
    spec = "l" + "r" * (len(header) - 1)
    lines = [" & ".join(latex_escape(c) for c in header) + r" \\ \hline"]
    lines += [" & ".join(latex_escape(c) for c in row) + r" \\" for row in rows]
    return "\\begin{tabular}{" + spec + "}\n\\hline\n" + "\n".join(lines) + "\n\\hline\n\\end{tabular}\n"


def pdf_from_latex(body: str, directory: Path, name: str = "paper") -> Path:
    """Typeset ``body`` (LaTeX between ``\\begin{document}`` and ``\\end{document}``) to ``directory/name.pdf``."""
    if shutil.which("lualatex") is None:
        pytest.skip("lualatex is not installed: the PDF tests typeset their input")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.tex").write_text(PREAMBLE + body + "\n\\end{document}\n", encoding="utf-8")
    result = subprocess.run(["lualatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                            cwd=directory, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    return directory / f"{name}.pdf"
