"""Subscripts in the report's text: ``ρ_C`` is typeset ρ with a subscript C, ``R²_adj`` R² with ``adj`` below.

The sentences, column labels and the audit's explanations write a subscript as ``_``, as plain text
(and the results files) must. :func:`symbol_parts` finds those symbols in a text so that the templates
can typeset them (HTML ``<sub>``, LaTeX ``\\textsubscript``). The rule is deliberately narrow, so that no
name of the user's (an indicator ``KP_1`` or ``x_1``, a variable ``business_type``, a file
``results/outer/loadings.csv``, a config key ``bootstrap.ci_low``) is ever changed. A symbol is

* a **Greek letter**, or **R²**, **f²** or **Q²**, then ``_`` and a subscript of one to four ASCII letters
  or digits, or of up to eight letters, digits and commas in braces: ``ρ_C``, ``ρ_A``, ``λ_1``,
  ``β_min``, ``η_{jk}``, ``R²_adj``, ``R²_j``;
* one of the Latin letters **b, n, w, x, y, z**, then ``_`` and one of the index subscripts **i, j, k,
  ij, ik, ji, jk, min, max**: ``b_j``, ``b_ij``, ``x_i``, ``n_min``;
* the discrepancies of model fit **d_ULS** and **d_G** (Dijkstra & Henseler 2015), as SmartPLS writes them;

and it stands on its own: not preceded by a letter, digit, ``_``, ``.``, ``-``, ``/``, ``\\`` or an
apostrophe, and not followed by a letter, digit, ``_``, ``/``, ``\\`` or a ``.`` that continues a name. So
``KP_1``, ``business_type``, ``p_value``, ``rho_c``, ``a_b``, ``d_GH`` and ``loadings_x_i.csv`` are never
symbols.

A symbol that occurs in the study's own text (:func:`verbatim_symbols`: every string of the
configuration, of the published tables and of the respondent profile, keys included) is printed as
written everywhere in that report: an indicator literally named ``ρ_C`` or ``x_i`` stays ``ρ_C`` /
``x_i``, and so does the report's own ``ρ_C`` then (the two cannot be told apart in one text).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["symbol_parts", "verbatim_symbols", "SYMBOL"]

#: A symbol with a subscript (the rule of the module docstring); groups ``base`` and ``sub``.
SYMBOL = re.compile(r"""
    (?<![\w.\-/\\'’])
    (?:
        (?P<gbase>[\u0391-\u03a9\u03b1-\u03c9]|[RfQ]²)_(?P<gsub>\{[A-Za-z0-9,]{1,8}\}|[A-Za-z0-9]{1,4})
      | (?P<lbase>[bnwxyz])_(?P<lsub>ij|ik|ji|jk|min|max|[ijk])
      | (?P<dbase>d)_(?P<dsub>ULS|G)
    )
    (?![\w/\\]|\.\w)
""", re.X)


def symbol_parts(text, verbatim: Iterable[str] = ()) -> list[tuple[str, str | None]]:
    """Split a text into plain runs and symbols with a subscript.

    Parameters
    ----------
    text : object
        Any text (``None`` is the empty text; anything else goes through ``str``).
    verbatim : iterable of str
        Symbols printed as written (:func:`verbatim_symbols`).

    Returns
    -------
    list of (str, str or None)
        ``(run, None)`` for text printed as it is and ``(base, subscript)`` for a symbol, in order; the
        pieces' texts with ``"_" + subscript`` after each base give back ``text`` (braces dropped).

    Examples
    --------
    >>> symbol_parts("ρ_C ≥ 0.70 for KP_1")
    [('ρ', 'C'), (' ≥ 0.70 for KP_1', None)]
    >>> symbol_parts("R²_adj and b_ij", verbatim={"b_ij"})
    [('R²', 'adj'), (' and b_ij', None)]
    """
    text = "" if text is None else str(text)
    verbatim = frozenset(verbatim)
    parts, start = [], 0
    for match in SYMBOL.finditer(text):
        if match.group(0) in verbatim:
            continue
        if match.start() > start:
            parts.append((text[start:match.start()], None))
        sub = match.group("gsub") or match.group("lsub") or match.group("dsub")
        parts.append((match.group("gbase") or match.group("lbase") or match.group("dbase"), sub.strip("{}")))
        start = match.end()
    if start < len(text) or not parts:
        parts.append((text[start:], None))
    return parts


def _strings(value) -> Iterable[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def verbatim_symbols(*sources) -> frozenset[str]:
    """The symbols (:data:`SYMBOL`) that occur in the study's own text, to be printed as written.

    Parameters
    ----------
    *sources : mapping, sequence or str
        The configuration, the published tables, the respondent profile's cells, ...: every string in
        them, mapping keys included, at any depth.

    Returns
    -------
    frozenset of str
        Each symbol's text as matched (``"ρ_C"``, ``"x_i"``).

    >>> sorted(verbatim_symbols({"constructs": {"A": {"indicators": ["x_i", "KP_1"]}}}))
    ['x_i']
    """
    return frozenset(match.group(0) for source in sources for text in _strings(source)
                     for match in SYMBOL.finditer(text))
