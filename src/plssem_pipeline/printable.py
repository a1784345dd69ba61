"""User text made safe to print: control characters and terminal escape sequences shown escaped.

A survey header, a config key or a cell can hold an ESC character (``\\x1b[2J``
clears the terminal), a carriage return that overwrites the line before it, or
a right-to-left override that reorders what the reader sees. Messages printed
on the terminal and written to logs show such characters as Python escapes
(``\\x1b``, ``\\r``, ``\\u202e``), so the reader sees exactly what the file holds.
"""
from __future__ import annotations

import unicodedata

__all__ = ["printable"]

#: Invisible format characters that reorder or hide text (Unicode bidirectional controls, line separators).
REORDERING = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character (Unicode category Cc) and bidi control escaped.

    Parameters
    ----------
    text : object
        Converted with ``str``.
    keep_newlines : bool
        Keep ``\\n`` and ``\\t`` (the layout of a whole message); False for a name inside a message,
        where a line break is part of the name and is shown as ``\\n``.

    Returns
    -------
    str

    Examples
    --------
    >>> printable("KP1\\x1b[31m")
    'KP1\\\\x1b[31m'
    >>> printable("a\\nb"), printable("a\\nb", keep_newlines=False)
    ('a\\nb', 'a\\\\nb')
    """
    text = str(text)
    kept = "\n\t" if keep_newlines else ""
    if text.isprintable() or all(c.isprintable() or c in kept for c in text):
        return text
    return "".join(c if (c in kept or (unicodedata.category(c) != "Cc" and c not in REORDERING))
                   else {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(c) or _escape(c) for c in text)
