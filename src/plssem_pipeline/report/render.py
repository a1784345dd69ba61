"""Rendering the report context with Jinja2: HTML (autoescaped) and LaTeX (escaped by a filter).

Two environments share one context (:func:`plssem_pipeline.report.context.build_context`):

* **HTML** — ``autoescape=True``: every ``{{ ... }}`` is HTML-escaped, so a
  construct label ``<script>`` is shown as text. No template uses ``|safe``.
* **LaTeX** — delimiters that do not clash with TeX (``((( ... )))`` for
  expressions, ``((* ... *))`` for statements) and the :func:`latex_escape`
  filter, which every expression of the template goes through (a test checks
  the template). It escapes ``\\ { } $ & # ^ _ % ~`` and ``< > | [ ]``, so no text
  from a label, a category, a file name or the config can become a TeX command
  (``\\input``, ``\\write18``, ...), and it turns the Unicode the report uses
  (Greek letters, ², ≥, dashes, accented letters) into commands pdfLaTeX's
  default OT1 fonts can typeset; any other character ``c`` is written
  ``\\plsU{XXXX}{c}``, which the template defines as the character itself
  under LuaLaTeX (fontspec and the fallback fonts typeset any script) and as
  its code point ``[U+XXXX]`` under pdfLaTeX (never a bare ``[`` that a
  preceding ``\\\\`` would read as its optional argument).

Both environments use ``StrictUndefined``: a misspelt name in a template is an
error, not an empty string.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .latex import FALLBACK_FONTS

__all__ = ["latex_escape", "latex_lines", "latex_path", "html_environment", "latex_environment", "render_html",
           "render_latex", "HTML_TEMPLATE", "LATEX_TEMPLATE"]

HTML_TEMPLATE = "results.html.j2"
LATEX_TEMPLATE = "results.tex.j2"

_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    # braced, so that text starting with [ after a \\ (a table row, a line break) is not read as its option
    "[": "{[}", "]": "{]}",
}

_UNICODE = {
    "\u00a0": "~", "–": "--", "—": "---", "‐": "-", "‑": "-", "−": "$-$", "’": "'", "‘": "`", "“": "``",
    "”": "''", "„": ",,", "…": r"\ldots{}", "•": r"\textbullet{}", "·": r"$\cdot$", "×": r"$\times$",
    "÷": r"$\div$", "±": r"$\pm$", "≤": r"$\leq$", "≥": r"$\geq$", "≈": r"$\approx$", "≠": r"$\neq$",
    "→": r"$\rightarrow$", "←": r"$\leftarrow$", "↔": r"$\leftrightarrow$", "√": r"$\surd$", "∞": r"$\infty$",
    "²": r"\textsuperscript{2}", "³": r"\textsuperscript{3}", "¹": r"\textsuperscript{1}",
    "°": r"\textsuperscript{o}", "†": r"\dag{}", "‡": r"\ddag{}", "✓": r"$\surd$", "✗": r"$\times$",
    "€": "EUR", "£": r"\pounds{}", "§": r"\S{}", "¶": r"\P{}", "©": r"\copyright{}", "ß": r"\ss{}",
    "æ": r"\ae{}", "Æ": r"\AE{}", "ø": r"\o{}", "Ø": r"\O{}", "œ": r"\oe{}", "Œ": r"\OE{}", "å": r"\aa{}",
    "Å": r"\AA{}", "ł": r"\l{}", "Ł": r"\L{}", "ı": r"\i{}", "¿": "?`", "¡": "!`", "«": "<<", "»": ">>",
    "α": r"$\alpha$", "β": r"$\beta$", "γ": r"$\gamma$", "δ": r"$\delta$", "Δ": r"$\Delta$",
    "ε": r"$\varepsilon$", "ζ": r"$\zeta$", "η": r"$\eta$", "θ": r"$\theta$", "λ": r"$\lambda$",
    "μ": r"$\mu$", "π": r"$\pi$", "ρ": r"$\rho$", "σ": r"$\sigma$", "Σ": r"$\Sigma$", "τ": r"$\tau$",
    "φ": r"$\phi$", "χ": r"$\chi$", "ψ": r"$\psi$", "ω": r"$\omega$", "Ω": r"$\Omega$",
}

# Combining marks -> the OT1 accent command that typesets them over a letter.
_ACCENTS = {"\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u",
            "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0327": "c",
            "\u0323": "d", "\u0331": "b"}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class LatexText(str):
    """A string already escaped for LaTeX."""


def _char(ch: str) -> str:
    if ch in _SPECIALS:
        return _SPECIALS[ch]
    if ord(ch) < 128:
        return ch
    if ch in _UNICODE:
        return _UNICODE[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if ord(base) < 128 and base.isalpha() and marks and all(m in _ACCENTS for m in marks):
        out = {"i": r"\i{}", "j": r"\j{}"}.get(base, base) if marks else base
        for mark in marks:
            command = _ACCENTS[mark]
            out = f"\\{command}{{{out}}}"
        return out
    return f"\\plsU{{{ord(ch):04X}}}{{{ch}}}"


def latex_escape(value) -> LatexText:
    """Escape any text for LaTeX (the ``latex_escape`` Jinja filter).

    Every character TeX treats specially becomes a command that prints it, so
    the result typesets the text literally and can run nothing. Newlines and
    tabs become spaces; other control characters are removed.

    >>> print(latex_escape(r"50% of A&B_1 cost $5 \\input{x} ~ ^"))
    50\\% of A\\&B\\_1 cost \\$5 \\textbackslash{}input\\{x\\} \\textasciitilde{} \\textasciicircum{}
    >>> print(latex_escape("Café ≥ 0.70, ρ_A, R²"))
    Caf\\'{e} $\\geq$ 0.70, $\\rho$\\_A, R\\textsuperscript{2}
    """
    if value is None:
        return LatexText("")
    if isinstance(value, LatexText):
        return value
    text = _CONTROL.sub("", str(value)).replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    text = unicodedata.normalize("NFC", text)
    return LatexText("".join(_char(ch) for ch in text))


def latex_lines(value) -> LatexText:
    r"""Escape multi-line text for a typewriter block: lines joined by ``\\``, spaces kept (``~``)."""
    lines = []
    for line in str(value or "").splitlines():
        line = line.replace("\t", "    ")
        escaped = "".join("~" if ch == " " else _char(ch) for ch in _CONTROL.sub("", line))
        lines.append(escaped if escaped else r"\mbox{}")
    return LatexText("\\\\\n".join(lines))


_SAFE_PATH = re.compile(r"^[A-Za-z0-9_./-]+$")


def latex_path(value) -> LatexText:
    """A file name or label key for ``\\includegraphics`` / ``\\label``: passed unescaped, so only
    ``[A-Za-z0-9_./-]`` without ``..`` is accepted (anything else raises ``ValueError``).

    >>> print(latex_path("figures/structural_model.pdf"))
    figures/structural_model.pdf
    """
    text = str(value)
    if not _SAFE_PATH.match(text) or ".." in text:
        raise ValueError(f"unsafe name for LaTeX: {text!r}")
    return LatexText(text)


def latex_colspec(columns) -> LatexText:
    """Column specification of a longtable from the context's columns (array package types)."""
    spec = []
    for column in columns:
        if column.width:
            kind = "R" if column.align == "r" else "L"
            spec.append(f"{kind}{{{column.width:.2f}cm}}")
        else:
            spec.append("r" if column.align == "r" else "l")
    return LatexText("".join(spec))


def _template_dir(templates) -> Path:
    if templates is not None:
        return Path(templates)
    return Path(__file__).resolve().parents[3] / "workflow" / "templates"


def html_environment(templates=None):
    """Jinja2 environment for the HTML template: autoescaping on, strict undefined."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_template_dir(templates))), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def latex_environment(templates=None):
    """Jinja2 environment for the LaTeX template: TeX-safe delimiters and the ``latex_escape`` filter."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_template_dir(templates))), autoescape=False,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        block_start_string="((*", block_end_string="*))", variable_start_string="(((",
        variable_end_string=")))", comment_start_string="((=", comment_end_string="=))",
        keep_trailing_newline=True,
    )
    env.filters["latex_escape"] = latex_escape
    env.filters["latex_lines"] = latex_lines
    env.filters["latex_colspec"] = latex_colspec
    env.filters["latex_path"] = latex_path
    return env


def render_html(context: dict, templates=None) -> str:
    """The HTML report (one self-contained file)."""
    return html_environment(templates).get_template(HTML_TEMPLATE).render(**context)


def render_latex(context: dict, templates=None) -> str:
    """The LaTeX report source."""
    return latex_environment(templates).get_template(LATEX_TEMPLATE).render(
        **{"tex_fallback_fonts": FALLBACK_FONTS, **context})
