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

Symbols with a subscript (``ρ_C``, ``R²_adj``, ``b_j``; the narrow rule of
:mod:`.symbols`, which never touches a name like ``KP_1`` or ``business_type``)
are typeset with a real subscript wherever the templates print prose, labels,
captions or cells: the HTML template's ``text`` filter (:func:`html_text`:
escapes every character first, then adds ``<sub>``; a ``Markup``, so the
template still never uses ``|safe``) and the LaTeX template's ``latex_text``
(:func:`latex_text`: :func:`latex_escape`, then ``\\plssub{...}``). File names,
hashes, identifiers (``mono`` columns) and the configuration's code block are
printed as written.

Both environments use ``StrictUndefined``: a misspelt name in a template is an
error, not an empty string.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .latex import FALLBACK_FONTS
from .symbols import symbol_parts

__all__ = ["latex_escape", "latex_text", "html_text", "latex_pdfstring", "latex_lines", "latex_path", "html_environment", "latex_environment", "render_html",
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
    "”": "''", "„": ",,", "…": r"\ldots{}", "•": r"$\bullet$", "·": r"$\cdot$", "×": r"$\times$",
    "÷": r"$\div$", "±": r"$\pm$", "≤": r"$\leq$", "≥": r"$\geq$", "≈": r"$\approx$", "≠": r"$\neq$",
    "→": r"$\rightarrow$", "←": r"$\leftarrow$", "↔": r"$\leftrightarrow$", "√": r"$\surd$", "∞": r"$\infty$",
    "²": r"\textsuperscript{2}", "³": r"\textsuperscript{3}", "¹": r"\textsuperscript{1}",
    "°": r"\textsuperscript{o}", "†": r"$\dagger$", "‡": r"$\ddagger$", "✓": r"$\surd$", "✗": r"$\times$",
    "€": "EUR", "£": "GBP", "§": r"$\S$", "¶": r"$\P$", "©": "(c)", "ß": r"\ss{}",
    "æ": r"\ae{}", "Æ": r"\AE{}", "ø": r"\o{}", "Ø": r"\O{}", "œ": r"\oe{}", "Œ": r"\OE{}", "å": r"\aa{}",
    "Å": r"\AA{}", "ł": r"\l{}", "Ł": r"\L{}", "ı": r"\i{}", "¿": "?`", "¡": "!`", "«": "<<", "»": ">>",
    "α": r"$\alpha$", "β": r"$\beta$", "γ": r"$\gamma$", "δ": r"$\delta$", "Δ": r"$\Delta$",
    "ε": r"$\varepsilon$", "ζ": r"$\zeta$", "η": r"$\eta$", "θ": r"$\theta$", "λ": r"$\lambda$",
    "μ": r"$\mu$", "π": r"$\pi$", "ρ": r"$\rho$", "σ": r"$\sigma$", "Σ": r"$\Sigma$", "τ": r"$\tau$",
    "φ": r"$\phi$", "χ": r"$\chi$", "ψ": r"$\psi$", "ω": r"$\omega$", "Ω": r"$\Omega$",
    "ι": r"$\iota$", "κ": r"$\kappa$", "ν": r"$\nu$", "ξ": r"$\xi$", "ο": "o", "υ": r"$\upsilon$",
    "ϕ": r"$\phi$", "ϑ": r"$\vartheta$", "ϵ": r"$\epsilon$", "Γ": r"$\Gamma$", "Θ": r"$\Theta$",
    "Λ": r"$\Lambda$", "Ξ": r"$\Xi$", "Π": r"$\Pi$", "Υ": r"$\Upsilon$", "Φ": r"$\Phi$", "Ψ": r"$\Psi$",
    "′": r"$'$", "″": r"$''$",
}

# The text companion symbols (TS1: \dag, \textbullet, \S, ...) are math or letters above: pdfLaTeX has them only
# as Type 3 bitmap fonts unless cm-super is installed.
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


#: Dashes in a typewriter block: ``--`` is no ligature in a monospace font, so the dash itself (\plsttdash: the
#: font's glyph under LuaLaTeX; under pdfLaTeX the roman one, since OT1 typewriter fonts have no dashes).
_TT_DASHES = {"–": r"\plsttdash{\textendash}", "—": r"\plsttdash{\textemdash}"}


def latex_lines(value) -> LatexText:
    r"""Escape multi-line text for a typewriter block: lines joined by ``\\``, spaces kept (``~``), en and em
    dashes as the dash (``\plsttdash``)."""
    lines = []
    for line in str(value or "").splitlines():
        line = line.replace("\t", "    ")
        escaped = "".join("~" if ch == " " else _TT_DASHES.get(ch) or _char(ch) for ch in _CONTROL.sub("", line))
        lines.append(escaped if escaped else r"\mbox{}")
    return LatexText("\\\\\n".join(lines))


def latex_text(value, verbatim=()) -> LatexText:
    """Escape text as :func:`latex_escape` does, its symbols' subscripts typeset (the ``latex_text`` filter).

    A symbol of :mod:`.symbols` (``ρ_C``, ``R²_adj``, ``b_j``) gets ``\\plssub{...}``, which the template
    defines as ``\\textsubscript`` (plain text in the PDF's bookmarks); a symbol in ``verbatim`` (the
    study's own names, :func:`.symbols.verbatim_symbols`) and anything else is escaped as it is.

    >>> print(latex_text("ρ_C of KP_1"))
    $\\rho$\\plssub{C} of KP\\_1
    """
    if isinstance(value, LatexText):
        return value
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    return LatexText("".join(latex_escape(run) + ("" if sub is None else f"\\plssub{{{latex_escape(sub)}}}")
                             for run, sub in symbol_parts(text, verbatim)))


def html_text(value, verbatim=()):
    """HTML-escape text, its symbols' subscripts as ``<sub>`` (the HTML template's ``text`` filter).

    Returns a :class:`markupsafe.Markup` (so autoescaping leaves it as it is): every character of
    ``value`` escaped, the only tags the ``<sub>`` of :mod:`.symbols`' symbols not in ``verbatim``.

    >>> print(html_text("ρ_C < 1 & KP_1"))
    ρ<sub>C</sub> &lt; 1 &amp; KP_1
    """
    from markupsafe import Markup, escape

    if isinstance(value, Markup):
        return value
    return Markup("").join(escape(run) if sub is None else Markup("{}<sub>{}</sub>").format(run, sub)
                           for run, sub in symbol_parts(value, verbatim))


def latex_pdfstring(value, ascii_only: bool = False) -> LatexText:
    """Text for the PDF's document information (``\\hypersetup{pdftitle={...}}``, the ``latex_pdfstring`` filter).

    TeX's special characters are escaped as in :func:`latex_escape` (hyperref turns those commands back
    into the characters); every other character is kept (LuaLaTeX reads Unicode), or with ``ascii_only``
    (pdfLaTeX, whose ``inputenc`` knows few characters) accents are dropped and any other non-ASCII
    character is written ``?``.

    >>> print(latex_pdfstring("Café 50% ρ_C", ascii_only=True))
    Cafe 50\\% ?\\_C
    """
    text = " ".join(_CONTROL.sub("", "" if value is None else str(value)).split())
    if ascii_only:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = "".join(c if ord(c) < 128 else "?" for c in text)
    return LatexText("".join(_SPECIALS.get(c, c) for c in unicodedata.normalize("NFC", text)))


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


def _verbatim(ctx) -> tuple:
    """The context's ``verbatim_symbols`` (none in a context without them)."""
    return tuple(ctx.get("verbatim_symbols") or ())


def html_environment(templates=None):
    """Jinja2 environment for the HTML template: autoescaping on, strict undefined, the ``text`` filter
    (:func:`html_text`; ``text(symbols=False)`` only escapes)."""
    import jinja2
    from markupsafe import escape

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_template_dir(templates))), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["text"] = jinja2.pass_context(
        lambda ctx, value, symbols=True: html_text(value, _verbatim(ctx)) if symbols else escape(value))
    return env


def latex_environment(templates=None):
    """Jinja2 environment for the LaTeX template: TeX-safe delimiters and the escaping filters (``latex_escape``,
    ``latex_text`` (``latex_text(symbols=False)`` is ``latex_escape``), ``latex_pdfstring``, ``latex_lines``,
    ``latex_colspec``, ``latex_path``)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_template_dir(templates))), autoescape=False,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        block_start_string="((*", block_end_string="*))", variable_start_string="(((",
        variable_end_string=")))", comment_start_string="((=", comment_end_string="=))",
        keep_trailing_newline=True,
    )
    env.filters["latex_escape"] = latex_escape
    env.filters["latex_text"] = jinja2.pass_context(
        lambda ctx, value, symbols=True: latex_text(value, _verbatim(ctx)) if symbols else latex_escape(value))
    env.filters["latex_pdfstring"] = latex_pdfstring
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
