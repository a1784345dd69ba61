"""How a generated paper is laid out: the same blocks written in one of four layouts.

``markdown``
    Markdown headings, bold captions, tables as tab-separated lines, group and total rows in ``<b>``,
    inequalities in ``$...$`` (as the shared paper's transcript).
``plain``
    Plain text, headings as lines, tables with space-aligned columns.
``flat``
    As PDF text extraction leaves a paper: paragraphs wrapped at ~90 characters, table cells
    separated by single spaces, running heads and page numbers, the longest table broken across
    a page.
``pdf``
    A real PDF typeset by LuaLaTeX (built in the paper's directory; fixed dates and trailer ID, so the
    same blocks give the same bytes).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

LAYOUTS = ("markdown", "plain", "flat", "pdf")
SUFFIX = {"markdown": ".md", "plain": ".txt", "flat": ".txt", "pdf": ".pdf"}
RUNNING_HEAD = "Jurnal Riset Manajemen dan Bisnis, Vol. 5 No. 1 (2026)"


@dataclass
class Table:
    """A numbered table: a one-cell row is a group heading (a block of the respondent profile)."""

    number: int
    caption: str
    header: list[str]
    rows: list[list[str]]
    note: str
    kind: str


def _markdown(blocks) -> str:
    """Markdown as converted from a journal PDF: group and total rows in ``<b>``, inequalities in ``$...$``."""
    out = []
    bold = lambda row: [f"<b>{c}</b>" for c in row] if len(row) == 1 or row[0] == "Total" else row  # noqa: E731
    for block in blocks:
        if isinstance(block, Table):
            number, _, rest = block.caption.partition(". ")
            out += [f"**{number}.** {rest}", "", "\t".join(block.header)]
            out += ["\t".join(bold(row)) for row in block.rows] + ["", block.note]
        elif block[0] == "h":
            out.append("#" * (block[1] + 0) + " " + block[2])
        else:
            out.append(re.sub(r"\((\d[.,]\d+ [<>] 0[.,]05)\)", r"( $\1$ )", block[1]))
        out.append("")
    return "\n".join(out)


def _aligned(table: Table) -> list[str]:
    width = [max(len(row[i]) for row in [table.header, *table.rows] if len(row) > i and len(row) > 1)
             for i in range(len(table.header))]
    lines = []
    for row in [table.header, *table.rows]:
        if len(row) == 1:
            lines.append(row[0])
            continue
        cells = [cell.ljust(width[i]) if i == 0 else cell.rjust(width[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _plain(blocks) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Table):
            out += [block.caption, *_aligned(block), block.note]
        elif block[0] == "h":
            out.append(block[2].upper() if block[1] <= 2 else block[2])
        else:
            out.append(block[1])
        out.append("")
    return "\n".join(out)


def _flat(blocks, rng) -> str:
    longest = max((b for b in blocks if isinstance(b, Table)), key=lambda t: len(t.rows))
    out, page = [], rng.randrange(1070, 1090)

    def page_break():
        nonlocal page
        out.extend([str(page), "\f" + RUNNING_HEAD])
        page += 1

    for block in blocks:
        if isinstance(block, Table):
            out += [block.caption, " ".join(block.header)]
            for i, row in enumerate(block.rows):
                if block is longest and i == len(block.rows) // 2:
                    page_break()
                out.append(" ".join(cell for cell in row if cell))
            out.append(block.note)
        elif block[0] == "h":
            out.append(block[2])
        else:
            out += textwrap.wrap(block[1], 90)
    page_break()
    return "\n".join(out) + "\n"


def _tex_escape(text: str) -> str:
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#"),
                 ("|", r"\textbar{}"), ("<", r"\textless{}"), (">", r"\textgreater{}")):
        text = text.replace(a, b)
    return text


def _latex(blocks) -> str:
    out = [r"\pdfvariable trailerid {[<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]}",
           r"\documentclass[11pt]{article}", r"\usepackage{fontspec}", r"\setmainfont{DejaVu Serif}",
           r"\usepackage[margin=2cm]{geometry}", r"\usepackage{longtable}", r"\setlength{\parindent}{0pt}",
           r"\begin{document}", r"\raggedright\hyphenpenalty=10000\exhyphenpenalty=10000"]
    for block in blocks:
        if isinstance(block, Table):
            cols = "l" + "r" * (len(block.header) - 1)
            out += [r"\begin{longtable}{" + cols + "}", _tex_escape(block.caption) + r"\\",
                    " & ".join(_tex_escape(h) for h in block.header) + r"\\ \hline"]
            for row in block.rows:
                cells = row if len(row) > 1 else row + [""] * (len(block.header) - 1)
                out.append(" & ".join(_tex_escape(c) for c in cells) + r"\\")
            out += [r"\hline", r"\end{longtable}", _tex_escape(block.note), ""]
        elif block[0] == "h":
            out.append([r"\section*{", r"\section*{", r"\subsection*{", r"\subsubsection*{"][block[1]]
                       + _tex_escape(block[2]) + "}")
        else:
            out += [_tex_escape(block[1]), ""]
    return "\n".join(out + [r"\end{document}"]) + "\n"


def render(blocks, layout: str, stem: Path, rng) -> Path:
    """Write ``blocks`` in ``layout`` to ``stem`` + the layout's suffix; the file's path."""
    path = stem.with_suffix(SUFFIX[layout])
    if layout == "pdf":
        build = stem.parent / (stem.name + "-tex")
        build.mkdir(parents=True, exist_ok=True)
        (build / "paper.tex").write_text(_latex(blocks), encoding="utf-8")
        subprocess.run(["lualatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"], cwd=build,
                       check=True, capture_output=True, timeout=120,
                       env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "FORCE_SOURCE_DATE": "1"})
        shutil.copy(build / "paper.pdf", path)
        return path
    text = {"markdown": _markdown, "plain": _plain}.get(layout)
    path.write_text(text(blocks) if text else _flat(blocks, rng), encoding="utf-8")
    return path


def locate(path: Path, snippet: str) -> str:
    """Where ``snippet`` first occurs in the written paper: "line N" (text) or "p. N" (PDF)."""
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                if snippet in " ".join((page.extract_text() or "").split()):
                    return f"p. {number}"
        return "p. ?"
    text = path.read_text(encoding="utf-8")
    at = text.find(snippet)
    if at < 0:  # wrapped across lines (flat layout)
        at = " ".join(text.split("\n")).find(snippet)
    return f"line {text.count(chr(10), 0, at) + 1}" if at >= 0 else "line ?"
