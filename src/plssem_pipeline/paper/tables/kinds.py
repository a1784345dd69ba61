"""What a table is, and what its columns are, from its caption and header (English and Indonesian).

:func:`classify` gives a table's kind, one of :data:`KINDS`, from its caption and header text
(SmartPLS 4 export names, the Indonesian ones papers print, and common misspellings such as
"Compoiste Reability"); None for a table that is not a PLS-SEM results table (an
introduction's statistics). :func:`columns` gives the statistic of each value column, in print
order, from the header: for a one-line header the order of the names in it; for a header split
over several lines (a PDF's wrapped header cells) SmartPLS's order (:data:`COLUMNS`).
"""
from __future__ import annotations

import re

__all__ = ["KINDS", "COLUMNS", "classify", "columns", "is_header_text"]

KINDS = ("respondents", "convergent_validity", "reliability", "r_squared", "path_coefficients",
         "specific_indirect", "total_indirect", "total_effects", "fornell_larcker", "htmt", "f_square", "vif",
         "cross_loadings")

#: Column name -> pattern in the header (lower case), in SmartPLS's order of columns. A name's match is
#: blanked before the next names are looked for (the T header "(|O/STDEV|)" is no STDEV column).
COLUMNS = {
    "effects": [
        ("t", r"t[ -]?(?:statisti[a-z]*|values?|hitung|stat)\b\s*(?:\([^)]*\))?|\bt\b"),
        ("p", r"p[ -]?(?:values?|nilai)|\bsig(?:nifi[a-z]*|\.)|\bp\b"),
        ("original", r"original|\(o\)|sampel asli|koefisien|coefficient|(?:std\.?\s*)?\bbeta\b|β|\bo\b"),
        ("sd", r"standard deviation|standar deviasi|stdev|std\.?\s*err(?:or)?|\bs\.?d\.?\b|\bs\.?e\.?\b|std\.?"),
        ("mean", r"sample mean|rata|\(m\)|\bmean\b"),
    ],
    "construct": [
        ("r2_adj", r"r[ -]?(?:square|squared|²|2)\s*(?:adjusted|adj\.?)|adjusted\s*r[ -]?(?:square|squared|²|2)"),
        ("r2", r"r[ -]?(?:square|squared|²|2)\b|r²"),
        ("cronbach_alpha", r"cronbach[’'`s]*\s*(?:alpha|α)?|\balpha\b|α"),
        ("rho_a", r"(?:composite\s*reliability\s*)?\(?\s*(?:rho|ρ)[ _]?a\b\s*\)?"),
        ("rho_c", r"(?:composite\s*reliability\s*)?\(?\s*(?:rho|ρ)[ _]?c\b\s*\)?"),
        ("composite_reliability", r"compo[a-z]*\s*re(?:li)?ab[a-z]*|reliabilitas komposit|\bc\.?r\.?\b"),
        ("ave", r"average\s*variance\s*extracted\s*(?:\(ave\))?|\bave\b"),
        ("loading", r"(?:outer|factor|faktor)?\s*loadings?(?:\s*factor)?|muatan faktor"),
        ("vif", r"\bvif\b"),
    ],
}

#: SmartPLS's order of columns, for a header whose names are wrapped over several lines.
_CANONICAL = {"effects": ["original", "mean", "sd", "t", "p"],
              "construct": ["loading", "cronbach_alpha", "rho_a", "rho_c", "composite_reliability", "ave", "vif",
                            "r2", "r2_adj"]}

_KIND_PATTERNS = [
    ("cross_loadings", r"cross[ -]?loading"),
    ("htmt", r"htmt|heterotrait"),
    ("fornell_larcker", r"fornell|larcker"),
    ("f_square", r"\bf[ -]?(?:square|squared|²|2)\b|effect size"),
    ("vif", r"\bvif\b|variance inflation|collinearity|kolinearitas|multikolinear"),
    ("respondents", r"respond[ea]n|demogra|profil|karakteristik|characteristics of (?:the )?sample"),
    ("total_indirect", r"total indirect|total pengaruh tidak langsung"),
    ("specific_indirect", r"specific indirect|indirect|tidak langsung|mediasi|mediation"),
    ("total_effects", r"total effects?|pengaruh total"),
    ("r_squared", r"r[ -]?(?:square|squared|²|2)\b|r²|coefficient of determination|koefisien determinasi"),
    ("path_coefficients", r"path|jalur|hypothes|hipotesis|bootstrap|direct effect|pengaruh langsung"),
    ("reliability", r"reliab|cronbach|reabilit"),
    ("convergent_validity", r"loading|convergent|konvergen|\bave\b"),
]


_COMPILED = {family: [(name, re.compile(pattern)) for name, pattern in patterns] for family, patterns in COLUMNS.items()}
_LOADINGS_CAPTION = re.compile(r"loading|muatan faktor", re.IGNORECASE)
_KINDS_COMPILED = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _KIND_PATTERNS}
#: The kinds whose name in the caption or header decides the kind whatever the columns (matrices, VIF,
#: respondents), in the order they are tried.
_NAMED_KINDS = tuple(kind for kind, _ in _KIND_PATTERNS[:6])


def classify(caption: str, header: str) -> str | None:
    """The table's kind (one of :data:`KINDS`) or None when it is not a PLS-SEM results table.

    The header decides what the columns allow (O/M/STDEV/T/P: an effects table; α, ρ, AVE,
    loadings, R²); the caption decides between kinds with the same columns (path coefficients,
    specific or total indirect effects, total effects) and names the matrices.

    >>> classify("Tabel 5. Path Coeffisien", "Variabel Original sample (O) Sample mean (M) P values")
    'path_coefficients'
    >>> classify("Tabel 1. Data UMKM di Indonesia", "Tahun Jumlah UMKM (Juta) Pertumbuhan (%)") is None
    True
    """
    both = f"{caption} {header}"
    cols = set(columns(header, 1))
    if {"t", "p"} <= cols or {"original", "t"} <= cols or {"original", "p"} <= cols:
        for kind in ("total_indirect", "specific_indirect", "total_effects"):
            if _KINDS_COMPILED[kind].search(caption):
                return kind
        return "path_coefficients"
    for kind in _NAMED_KINDS:
        if _KINDS_COMPILED[kind].search(both):
            return kind
    if cols & {"r2", "r2_adj"}:
        return "r_squared"
    if "loading" in cols:
        return "convergent_validity"
    if cols & {"cronbach_alpha", "rho_a", "rho_c", "composite_reliability", "ave"}:
        return "reliability"
    if not cols and _LOADINGS_CAPTION.search(caption):
        return "convergent_validity"  # SmartPLS 4's "Outer loadings - Matrix": the header names the constructs
    return None


def columns(header: str, header_lines: int) -> list[str]:
    """The statistics of the value columns, in print order.

    Parameters
    ----------
    header : str
        The header's text (its lines joined by spaces, markup removed).
    header_lines : int
        How many lines the header took: with more than one, the names' positions do not give the
        order (wrapped cells), and SmartPLS's order is taken.

    Returns
    -------
    list of str
        Effects columns (``original, mean, sd, t, p``) or construct/indicator statistics
        (``cronbach_alpha, rho_a, rho_c, composite_reliability, ave, loading, vif, r2, r2_adj``).

    >>> columns("Variabel Original sample (O) Sample mean (M) Standard deviation (STDEV) "
    ...         "T statistics (|O/STDEV|) P values", 1)
    ['original', 'mean', 'sd', 't', 'p']
    """
    found = []
    for family in ("effects", "construct"):
        text = header.lower()
        hits = []
        for name, pattern in _COMPILED[family]:
            match = pattern.search(text)
            if match and match.group(0).strip():  # its position: its first printed character, not a space before
                hits.append((match.start() + len(match.group(0)) - len(match.group(0).lstrip()), name))
                text = text[:match.start()] + " " * (match.end() - match.start()) + text[match.end():]
        names = [name for _, name in hits]
        if family == "effects" and not ({"t", "p"} & set(names) or {"original", "mean"} <= set(names)):
            continue
        if header_lines > 1:
            found += [name for name in _CANONICAL[family] if name in names]
        else:
            found += [name for _, name in sorted(hits)]
        if found:
            break
    return found


def is_header_text(text: str) -> bool:
    """Whether a line names table columns (any column name of :data:`COLUMNS`, or a kind's name)."""
    return bool(columns(text, 1)) or any(_KINDS_COMPILED[k].search(text) for k in _NAMED_KINDS)
