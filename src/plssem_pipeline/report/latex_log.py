"""What went wrong in a LaTeX run, said in terms of the report's text.

:func:`explain_failure` reads the LaTeX log of a failed run and the ``.tex``
it compiled, and names the offending text: a character no installed font has
(LuaLaTeX's ``Missing character: There is no ... (U+XXXX)``, raised as an
error by ``\\tracinglostchars=3``; pdfLaTeX's ``Unicode character ... (U+XXXX)
not set up``), with its Unicode name and the line of ``results.tex`` where it
stands, or else the first error with the source line it points to
(``-file-line-error``: ``./results.tex:123: ...``; or TeX's ``l.123``).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["explain_failure", "first_error"]

_MISSING = re.compile(r"(?:Missing character: There is no|Unicode character)\s.*?\(U\+([0-9A-Fa-f]{4,6})\)", re.S)
_FILE_LINE = re.compile(r"^\S*results\.tex:(\d+):", re.M)
_TEX_LINE = re.compile(r"^l\.(\d+) ", re.M)
_COMMAND = re.compile(r"\\[A-Za-z]+\*?|[{}]")


def first_error(log_text: str) -> str:
    """The first error of a LaTeX log with the five lines after it (the log's last 15 lines if none is found)."""
    lines = log_text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!") or re.match(r"^\S+\.tex:\d+:", line):
            return "\n".join(lines[i:i + 6])
    return "\n".join(lines[-15:])


def _readable(line: str, char: str | None = None, width: int = 160) -> str:
    """Roughly the text a line of the .tex prints: commands, braces and options removed.

    With ``char``, only the piece of text holding it: the innermost brace group, table cell or line.
    """
    line = re.sub(r"\\plsU\{[0-9A-F]+\}\{(.*?)\}", r"\1", line)
    if char is not None and char in line:
        at = line.index(char)
        starts = [m.end() for m in re.finditer(r"(?<!\\)[{&]|\\\\\*?", line[:at])]
        start = starts[-1] if starts else 0
        end = re.search(r"(?<!\\)[}&]|\\\\", line[at:])
        line = line[start:at + end.start() if end else len(line)]
    line = re.sub(r"(\\[A-Za-z]+\*?)\[[^\]]*\]", r"\1", line).replace("---", "\u2014").replace("--", "\u2013")
    text = _COMMAND.sub(" ", line.replace(r"\_", "_").replace(r"\&", "&").replace(r"\%", "%"))
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def _source_line(tex_text: str, number: int) -> str:
    lines = tex_text.splitlines()
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def explain_failure(log_text: str, tex_text: str, tex_name: str = "report/results.tex") -> str:
    """Name what the failed LaTeX run could not typeset.

    Parameters
    ----------
    log_text : str
        The LaTeX log (``results.log``) or the engine's output.
    tex_text : str
        The source that was compiled.
    tex_name : str
        The source's name in the message.

    Returns
    -------
    str
        One paragraph: the character (``'Ж' U+0416 CYRILLIC CAPITAL LETTER ZHE``) and the text around it
        with the line of the source, or the first error and the source line it points to, followed by the
        log's own lines (:func:`first_error`).
    """
    error = first_error(log_text)
    missing = _MISSING.search(log_text)
    if missing:
        char = chr(int(missing.group(1), 16))
        name = unicodedata.name(char, "unnamed character")
        where = [i + 1 for i, line in enumerate(tex_text.splitlines()) if char in line]
        said = f"the character {char!r} (U+{ord(char):04X} {name}) has no glyph in any installed font"
        if where:
            said += (f"; it is in the text \"{_readable(_source_line(tex_text, where[0]), char)}\" "
                     f"({tex_name}, line {where[0]}" + (f", and {len(where) - 1} more line(s)" if len(where) > 1
                                                       else "") + ")")
        return (f"{said}. Install a font that has it (Debian: fonts-noto-core, fonts-wqy-microhei, fonts-symbola), "
                f"or change that text in the config or the data.")
    found = _FILE_LINE.search(log_text) or _TEX_LINE.search(log_text)
    if found:
        number = int(found.group(1))
        return (f"LaTeX stopped at {tex_name}, line {number}, in the text "
                f"\"{_readable(_source_line(tex_text, number))}\":\n{error}")
    return error
