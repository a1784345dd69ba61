"""The text against itself and the method: hypothesis numbers, decision rules, counts.

``hypothesis_numbering``
    Every later mention of a hypothesis by number ("hipotesis pertama", "the third hypothesis", "H2")
    must be about the path of the hypothesis stated with that number ("H1: ..."); without stated
    hypotheses, the first section that numbers them is the reference. One row per section that
    numbers hypotheses, listing every mention that points to another path; its ``item`` names each path
    renumbered with its number in both places.
``decision_rule``
    A decision rule the text states must be the method's: p < α means significant, p ≥ α not (the
    p value says nothing about the sign of an effect, which is the sign of the coefficient); for t,
    |t| above the critical value means significant (Hair et al. 2022, ch. 6).
``prose_count``
    A count the text gives a category of the respondent profile equals the table's count (counts are exact).
"""
from __future__ import annotations

from ..published import Published
from .prose import quoted_places
from .rows import Check, ConsistencyOptions, table_location

__all__ = ["check_hypothesis_numbering", "check_decision_rules", "check_prose_counts"]


def _path(nodes) -> str:
    return " -> ".join(nodes)


def _heading(section: str, outer: bool = False) -> str:
    """The innermost heading of a section ("... > Mediation Test"), or the outermost ("Perumusan Hipotesis")."""
    return section.split(" > ", 1)[0] if outer else section.rsplit(" > ", 1)[-1]


def _renumbered(m, reference: dict) -> str:
    """What one wrong mention renumbers: ``"KP -> IP: H1 in Perumusan Hipotesis, 'keempat' in Hasil"``."""
    named = next((label for nodes, _, label in reference.values() if nodes == m.nodes), None)
    here = f"'{m.text or m.id or m.ordinal}' in {_heading(m.section)}"
    return f"{_path(m.nodes)}: {named}, {here}" if named else f"{_path(m.nodes)}: {here}"


def check_hypothesis_numbering(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each section's hypothesis numbers against the stated hypotheses (see the module docstring).

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`).

    Returns
    -------
    list of Check
        One ``hypothesis_numbering`` row per section that numbers hypotheses (``published`` = mentions,
        ``recomputed`` = mentions that agree with the reference); a failing row's ``item`` names each path
        renumbered with its number in both places ("KP -> IP: H1 in Perumusan Hipotesis, 'keempat' in
        Hasil"), a passing row's the section.
    """
    if pub.prose is None:
        return []
    w = options.words
    mentions = [m for m in pub.prose.mentions if m.nodes is not None]
    reference = {int(h.id[1:]) if h.id[1:].isdigit() else h.id:
                 (h.nodes, h.location, f"{h.id} in {_heading(h.section, outer=True)}" if h.section else f"{h.id} ({h.location})")
                 for h in pub.prose.hypotheses if h.nodes is not None}
    by_section: dict[str, list] = {}
    for m in mentions:
        by_section.setdefault(m.section, []).append(m)
    if not reference and by_section:
        first = next(iter(by_section))
        reference = {m.ordinal: (m.nodes, m.location, f"'{m.text or m.ordinal}' in {_heading(m.section)}")
                     for m in by_section.pop(first)}
        if not by_section:
            return []
    stated = w.join(f"H{k} = {_path(nodes)}" for k, (nodes, _, _) in sorted(reference.items(), key=lambda x: str(x[0]))
                    if isinstance(k, int))
    rows = []
    for section, items in by_section.items():
        wrong = [m for m in items if m.ordinal in reference and reference[m.ordinal][0] != m.nodes]
        listed = w.join(w("numbering_item", ordinal=m.ordinal, path=_path(m.nodes), line=m.line,
                          stated=_path(reference[m.ordinal][0])) for m in wrong)
        text = w("numbering", section=section, count=len(items), stated=stated) + "; " + (
            w("numbering_differs", wrong=len(wrong), items=listed) if wrong else w("numbering_same"))
        places = [reference[m.ordinal][1] for m in wrong] + [m.location for m in (wrong or items)]
        item = "; ".join(dict.fromkeys(_renumbered(m, reference) for m in wrong)) or section
        rows.append(Check("hypothesis_numbering", "prose", item, float(len(items)),
                          float(len(items) - len(wrong)), "fail" if wrong else "pass", text, quoted_places(places)))
    return rows


def check_decision_rules(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each decision rule the text states, against the method's.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`).

    Returns
    -------
    list of Check
        One ``decision_rule`` row per sentence stating a rule (``fail`` when it contradicts the method).
    """
    w = options.words
    return [Check("decision_rule", "prose", r.rule, None, None, "fail" if r.contradicts else "pass",
                  w("decision_rule", text=r.text.strip()) + "; " + w(f"decision_rule_{r.rule}" if r.contradicts
                                                                    else "decision_rule_agrees"), r.location)
            for r in (pub.prose.rules if pub.prose else [])]


def check_prose_counts(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each count the text gives a category against the respondent table.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`).

    Returns
    -------
    list of Check
        One ``prose_count`` row per count quoted (``published`` = table, ``recomputed`` = prose).
    """
    w = options.words
    blocks = {b.variable: b for b in pub.respondents}
    rows = []
    for c in (pub.prose.counts if pub.prose else []):
        block = blocks.get(c.block)
        printed = next((cat for cat in block.categories if cat[0] == c.category), None) if block else None
        if printed is None:
            options.skipped.append(("prose_count", f"{c.block} = {c.category}", "not in the respondent table"))
            continue
        n = printed[2].value
        ok = n == c.n
        rows.append(Check("prose_count", block.table, f"{c.block} = {c.category} ({c.label})", n, float(c.n),
                          "pass" if ok else "fail",
                          w("count", label=c.label, n=w.count(c.n), table=block.table, printed=w.count(n)) + ": "
                          + w("prose_same" if ok else "count_differs"),
                          quoted_places([table_location(pub, block.table), c.location])))
    return rows
