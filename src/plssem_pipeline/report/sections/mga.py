"""The multi-group analysis (MGA) of one compared pair: every test of a difference side by side, as SmartPLS 4
reports them.

From ``results/mga/<pair>/mga.csv``, per statistic of a family (path coefficients; specific indirect effects when
the model has them): the two groups' original estimates, the difference (first − second group) and the p values of

* the permutation test (Chin & Dibbern 2010; SmartPLS "Permutation"),
* Bootstrap MGA (Henseler et al. 2009; SmartPLS "Bootstrap MGA"), one-tailed (H1: first group > second) and
  two-tailed,
* the parametric test (Keil et al. 2000; SmartPLS "Parametric test"), equal variances assumed,
* the Welch–Satterthwaite test (SmartPLS "Welch-Satterthwaite test"), unequal variances.

A p value of a two-tailed test below ``bootstrap.alpha`` is in bold. The one-tailed Bootstrap MGA p is not: it
reads only against a directional group hypothesis stated beforehand (p < α: the first group larger; p > 1 − α: the
second larger), which the study does not state; read in whichever direction the data point, it is a two-tailed test
at 2α (the note says so). A row of a statistic involving a construct without compositional invariance (MICOM Step 2)
is flagged: its difference cannot be interpreted. Under each table a sentence names the statistics whose difference
is significant by each two-tailed test, marking those that cannot be interpreted.
"""
from __future__ import annotations

from dataclasses import replace

from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, integer, prose, pvalue
from .group_pairs import Pair
from .micom import verdicts

__all__ = ["TESTS", "ONE_TAILED", "family_records", "mga_table", "mga_text", "constructs_of"]

#: The tests of a difference: (mga.csv column of the p value, catalogue key of its column header).
TESTS = (("permutation_p", "c_mga_permutation"), ("bootstrap_mga_p_one_tailed", "c_mga_bootstrap_one"),
         ("bootstrap_mga_p", "c_mga_bootstrap_two"), ("parametric_p", "c_mga_parametric"),
         ("welch_p", "c_mga_welch"))
#: The column of the one-tailed Bootstrap MGA p (H1: first group > second), shown but never in bold nor in the text.
ONE_TAILED = "bootstrap_mga_p_one_tailed"


def family_records(inputs: ReportInputs, pair: Pair, family: str) -> list:
    """The rows of ``mga:<pair>`` of one family (``"paths"``, ``"specific_indirect"``), in the file's order."""
    return [r for r in inputs.records(pair.file("mga")) if str(r["family"]) == family]


def constructs_of(statistic: str) -> list[str]:
    """The constructs a statistic's label names: ``"A -> M -> B"`` gives A, M, B.

    Examples
    --------
    >>> constructs_of("COMP -> CUSA -> CUSL")
    ['COMP', 'CUSA', 'CUSL']
    """
    return [part.strip() for part in str(statistic).split("->")]


def _not_invariant(inputs: ReportInputs, pair: Pair) -> list:
    """The constructs without compositional invariance (MICOM verdict ``"none"``), in model order."""
    return [c for c, verdict in verdicts(inputs, pair).items() if verdict == "none"]


def mga_table(inputs: ReportInputs, pair: Pair, family: str, number: str) -> Table | None:
    """The MGA table of one family for ``pair``: originals, difference and the five p values side by side.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``mga:<pair>``, ``micom:<pair>`` (the constructs without compositional invariance) and
        ``bootstrap.alpha``.
    pair : Pair
    family : {"paths", "specific_indirect"}
    number : str
        The table's number beside a published paper.

    Returns
    -------
    Table or None
        None when the family has no row (a model without specific indirect effects).
    """
    records = family_records(inputs, pair, family)
    if not records:
        return None
    t, alpha = inputs.t, inputs.alpha
    failed = _not_invariant(inputs, pair)
    rows = []
    for record in records:
        statistic = str(record["statistic"])
        flagged = bool(set(failed).intersection(constructs_of(statistic)))
        cells = [Cell(statistic, flag="warn" if flagged else None)]
        cells += [Cell(fmt(record[k]), float(record[k])) for k in ("original_1", "original_2", "difference")]
        for column, _ in TESTS:
            p = float(record[column])
            strong = p < alpha and column != ONE_TAILED
            cells.append(Cell(pvalue(p, inputs.language), p, flag="strong" if strong else None))
        rows.append(Row(cells, keys=(statistic,)))
    first, second = pair.first.label, pair.second.label
    # LaTeX (cm), footnotesize: the path and the eight numbers within the 17 cm text width; "Satterthwaite" on one line
    widths = ((2.95, 1.25, 1.25, 1.15, 1.4, 1.4, 1.4, 1.65, 2.1) if family == "paths"     # a longer indirect path
              else (3.45, 1.2, 1.2, 1.1, 1.35, 1.35, 1.35, 1.65, 2.05))
    columns = [Column(t("c_path" if family == "paths" else "c_indirect_path"), "l", nowrap=True),   # HTML: one line
               Column(t("c_mga_original", group=first)), Column(t("c_mga_original", group=second)),
               Column(t("c_mga_difference"))] + [Column(t(key)) for _, key in TESTS]
    columns = [replace(column, width=width) for column, width in zip(columns, widths)]
    notes = [t("n_mga", first=first, second=second, alpha=prose(alpha, "en"), upper=prose(1 - alpha, "en"),
               permutations=integer(pair.details["permutations"], "en"),
               samples=integer(inputs.config["bootstrap"]["samples"], "en"))]
    if any(row.cells[0].flag for row in rows):
        notes.append(t("n_mga_not_invariant", constructs=", ".join(failed)))
    caption = t("t_mga_paths" if family == "paths" else "t_mga_indirect", first=first, second=second)
    return Table(f"table-mga-{family}-{pair.slug}", number, caption, columns, rows, notes=notes,
                 sources=inputs.source(pair.file("mga")), font="footnotesize")


def mga_text(inputs: ReportInputs, pair: Pair, family: str = "paths") -> str:
    """The sentence naming the statistics of a family whose difference is significant, two-tailed test by test.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``mga:<pair>``, ``micom:<pair>`` and ``bootstrap.alpha``.
    pair : Pair
    family : {"paths", "specific_indirect"}

    Returns
    -------
    str
        For each two-tailed test (permutation, Bootstrap MGA, parametric, Welch–Satterthwaite) the statistics with
        p below α, or a sentence that none differs by any of them. The one-tailed Bootstrap MGA p is left out (no
        directional group hypothesis is stated; in both directions it is a two-tailed test at 2α). A statistic
        involving a construct without compositional invariance is marked as not interpretable, and a sentence
        names those constructs.
    """
    t, alpha = inputs.t, inputs.alpha
    records = family_records(inputs, pair, family)
    failed = _not_invariant(inputs, pair)

    marked: list = []           # the constructs without invariance of the statistics named, in model order

    def named(statistic: str) -> str:
        lacking = [c for c in constructs_of(statistic) if c in failed]
        marked.extend(c for c in lacking if c not in marked)
        return t("mga_not_interpretable", path=statistic) if lacking else statistic

    names = dict(first=pair.first.label, second=pair.second.label, alpha=prose(alpha, inputs.language))
    found = []
    for column, key in TESTS:
        if column == ONE_TAILED:
            continue
        significant = [named(str(r["statistic"])) for r in records if float(r[column]) < alpha]
        if significant:
            found.append(t("mga_significant_by", test=t(key + "_name"), paths=", ".join(significant)))
    suffix = "" if family == "paths" else "_indirect"
    if not found:
        return t("mga_none_significant" + suffix, **names)
    out = t("mga_significant" + suffix, tests="; ".join(found), **names)
    if marked:
        out += " " + t("mga_not_interpretable_why", constructs=", ".join(c for c in failed if c in marked))
    return out
