"""Hypotheses: as stated ("H1: ..."), as later sections name them ("hipotesis pertama", "the third
hypothesis", "H2"), and the tables' ``hypotheses`` and ``mediation_claims`` built from them.

A stated hypothesis is a sentence starting "H<n>:" (or "H<n>." / "H<n>)"); its path is the one its
wording names, read in the text's order ("A berpengaruh ... terhadap B": A -> B), else the one its
heading names when the wording names no other construct. A mention's path is its sentence's
(:meth:`ProseContext.sentence_path`); a sentence naming two hypotheses gets none.
"""
from __future__ import annotations

import re
from collections import Counter

from ..document import plain
from .context import ProseContext
from .paths import MEDIATION
from .statements import hypothesis_reference
from .words import verdict_at, verdict_of

__all__ = ["read_hypotheses", "read_mentions", "claims_tables"]

_STATED = re.compile(r"^\W*(?P<id>H\d+[a-z]?)\s*[:.)]\s*(?P<text>\S.*?)\W*$", re.DOTALL)
_CLAIM = re.compile(r"\b(?:sehingga|artinya|menunjukkan\s+bahwa|membuktikan\s+bahwa|so\s+that|thus|hence|"
                    r"showing\s+that|indicating\s+that|which\s+means\s+that|meaning\s+that)\s+", re.IGNORECASE)


def read_hypotheses(ctx: ProseContext) -> list[dict]:
    """The stated hypotheses: ``{id, path, statement, section, location, line}`` (path None when unresolved)."""
    out = []
    for s in ctx.sentences:
        m = _STATED.match(s.text)
        if not m:
            continue
        start, end = s.start + m.start("text"), s.start + m.end("text")
        path = ctx.path_of(start, end, directed=True)
        if path is None:
            named = {abbr for _, _, abbr in ctx.mentions(start, end)}
            heading = ctx.heading_path(s.section)
            path = heading if heading and named <= set(heading) else None
        if path is None:
            ctx.skip(f"hypothesis {m.group('id')}", s.start, s.end, "no path named")
        out.append({"id": m.group("id"), "path": None if path is None else " -> ".join(path),
                    "statement": plain(m.group("text")).strip(), "section": s.section, **ctx.place(s.start)})
    return out


def read_mentions(ctx: ProseContext) -> list[dict]:
    """Hypotheses named after they are stated: ``{ordinal, id, path, verdict, text, section, location, line}``
    (``text``: the reference as printed, "hipotesis keempat", "H2")."""
    out = []
    for index, s in enumerate(ctx.sentences):
        if _STATED.match(s.text):
            continue
        refs = hypothesis_reference(s.text)
        for start, end, ordinal, hid in refs:
            path = ctx.sentence_path(index) if len(refs) == 1 else None
            out.append({"ordinal": ordinal, "id": hid, "path": None if path is None else " -> ".join(path),
                        "verdict": verdict_at(s.text, start), "text": plain(s.text[start:end]), "section": s.section,
                        **ctx.place(s.start + start)})
    return out


def _verdict(values) -> str | None:
    ranked = Counter(v for v in values if v).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def claims_tables(ctx: ProseContext, prose: dict) -> dict:
    """``hypotheses`` and ``mediation_claims`` in the shapes of the published-tables YAML.

    Each stated hypothesis with a path gets the verdict the prose gives its path most often (statements
    and mentions); an indirect effect of the tables that no hypothesis states but the prose calls
    mediating with a verdict becomes a mediation claim: its claim is the clause after "sehingga"/"so
    that" ... of the last such sentence, its ``prose_values`` the statistics quoted in that sentence's
    paragraph (``beta`` as ``original``).

    Parameters
    ----------
    ctx : ProseContext
    prose : dict
        The ``prose:`` section (:func:`~.extract.extract_prose`).

    Returns
    -------
    dict
        ``{"hypotheses": {...}, "mediation_claims": [...]}`` (keys left out when empty).
    """
    verdicts: dict[str, list] = {}
    for entry in [*prose["statements"], *prose["hypothesis_mentions"]]:
        if entry.get("path"):
            verdicts.setdefault(entry["path"], []).append(entry.get("verdict"))
    out: dict = {}
    hypotheses = {}
    for h in prose["hypotheses_stated"]:
        if h["path"] is None:
            continue
        entry = {"path": h["path"], "statement": h["statement"]}
        verdict = _verdict(verdicts.get(h["path"], []))
        if verdict:
            entry["verdict_published"] = verdict
        hypotheses[h["id"]] = entry
    if hypotheses:
        out["hypotheses"] = hypotheses
    stated = {h["path"] for h in prose["hypotheses_stated"]}
    unstated = {nodes for nodes in ctx.paths.indirect if " -> ".join(nodes) not in stated}
    last_of = {}   # indirect effect -> its last sentence calling it mediating with a verdict (one pass)
    for index, s in enumerate(ctx.sentences if unstated else []):
        nodes = ctx.sentence_path(index)
        if nodes in unstated and MEDIATION.search(s.text) and verdict_of(s.text):
            last_of[nodes] = index
    found = [(last, nodes, " -> ".join(nodes)) for nodes, last in last_of.items()]
    claims = []
    for last, nodes, path in sorted(found):
        s = ctx.sentences[last]
        clause = [m.end() for m in _CLAIM.finditer(s.text)]
        claim = plain(s.text[clause[-1]:] if clause else s.text).strip().rstrip(".").strip()
        values = {}
        lo = ctx.document.line_at(min(x.start for x in ctx.sentences if x.paragraph == s.paragraph)).number
        hi = ctx.document.line_at(max(x.end for x in ctx.sentences if x.paragraph == s.paragraph)).number
        for k, st in enumerate(prose["statements"]):
            if st["path"] == path and lo <= st["line"] <= hi:
                name = "original" if st["statistic"] == "beta" else st["statistic"]
                if name in ("p", "t", "original") and name not in values:
                    values[name] = st["value"]
                    if f"prose.statements[{k}].value" in ctx.provenance:
                        ctx.provenance[f"tables.mediation_claims[{len(claims)}].prose_values.{name}"] = \
                            ctx.provenance[f"prose.statements[{k}].value"]
        entry = {"path": path, "claim": claim, "verdict_published": verdict_of(s.text)}
        if values:
            entry["prose_values"] = values
        claims.append(entry)
    if claims:
        out["mediation_claims"] = claims
    return out
