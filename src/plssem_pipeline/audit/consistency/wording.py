"""Wording: what the paper says of each hypothesis or claim, against its printed p value and table.

Claims are the published file's entries with ``path`` and ``verdict_published``
(hypotheses, mediation claims; ``docs/pipeline.md``, section "Audit").

``claim_verdict``
    The paper's "supported"/"rejected" against the decision of the printed p:
    supported when p < α (the level the paper states, else ``audit.alpha``; :func:`.bootstrap.paper_alpha`),
    the p being two- or one-tailed as
    :func:`.bootstrap.paper_tails` decides (the explanation says which and
    why). A ``warn`` when the rounding interval of p contains α. ``location``: the table
    printing the p, the hypothesis as stated, and every sentence giving a verdict on its path
    (from ``prose:`` when the published file has it).
(The values the text quotes for a claim, ``prose_values``, are checked with the other quoted
values by :func:`.prose.check_prose_vs_table`.)
"""
from __future__ import annotations

from ..published import Published
from .bootstrap import paper_alpha, paper_tails
from .rounding import agreement_verdict
from .rows import Check, ConsistencyOptions, table_location


def _claim_location(pub: Published, claim, table: str) -> str:
    """A claim's places: its own table, its p's, the hypothesis as stated, each sentence with a verdict on its path."""
    places = [table_location(pub, claim.table), table_location(pub, table)]
    if pub.prose is not None:
        places += [h.location for h in pub.prose.hypotheses if h.id == claim.id]
        places += [s.location for s in pub.prose.statements
                   if s.verdict is not None and (s.hypothesis == claim.id or s.nodes == claim.nodes)]
    return "; ".join(dict.fromkeys(place for place in places if place))


def check_claims(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each claim's verdict against its printed p.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads the claims and the ``p`` (and
        ``original``) of each claim's path or indirect-effect row; α from :func:`.bootstrap.paper_alpha`.

    Returns
    -------
    list of Check
        For each claim with a printed p: its ``claim_verdict`` row (1 = supported, 0 = not).
    """
    rows = []
    w = options.words
    alpha, alpha_source = paper_alpha(pub, options)
    alpha_text = w.num(alpha, "g") + (f" ({alpha_source})" if alpha_source else "")
    tails, reason = paper_tails(pub, options)
    tails = w(f"tails_{'one' if tails == 1 else 'two'}")
    for claim in pub.claims:
        source = pub.effects if len(claim.nodes) == 2 else pub.indirect
        row = source.get(claim.nodes)
        if row is None or "p" not in row.values:
            options.skipped.append(("claim_verdict", f"{claim.id} ({claim.path})", "no published p for this path"))
            continue
        p = row.values["p"]
        significant = p.value < alpha
        sure = p.high < alpha or p.low >= alpha
        o = row.values.get("original")
        sign = "" if o is None else ", " + w("claim_sign", original=w.text(o),
                                             sign=w("claim_positive" if o.value > 0 else "claim_negative"))
        rows.append(Check(
            "claim_verdict", claim.table, f"{claim.id} ({claim.path})", float(claim.supported), float(significant),
            agreement_verdict(significant == claim.supported, sure),  # α inside p's interval: a warn
            w("claim_supported" if significant else "claim_not_supported", p=w.printed(p, probability=True),
              table=row.table, sign=sign, alpha=alpha_text, verdict=claim.verdict, tails=tails, reason=reason)
            + ("" if sure else "; " + w("claim_alpha_inside")) + " " + w("claim_scale"),
            _claim_location(pub, claim, row.table)))
    return rows
