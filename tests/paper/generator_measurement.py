"""The measurement-model section of a generated paper, and the errors planted in its tables.

:func:`measurement` writes, for :class:`generator._Writer`, the outer loadings and AVE, the reliability
table (ρ_A and ρ_C, or one "composite reliability" column, which SmartPLS's ρ_C is), the Fornell-Larcker
and/or HTMT tables with the sentence concluding on them (the HTMT one states its bound: 0.85, or "the
conservative threshold value of 0.90" / "nilai ambang 0,90"), the cross-loadings and the outer VIF.
An error planted here (:data:`PLANTS`) changes one printed number: an AVE (``ave_from_loadings``), a
Fornell-Larcker diagonal, the largest HTMT pushed above the stated bound (``discriminant_verdict``), an
indicator's cross-loading on its own construct, a VIF below 1, a "composite reliability" below its
construct's Cronbach's alpha (neither ρ_C nor ρ_A: ``composite_reliability_variant``).
"""
from __future__ import annotations

#: The checks whose errors this section plants.
PLANTS = ("ave_from_loadings", "fornell_larcker_diagonal", "discriminant_verdict", "cross_loading_equals_loading",
          "vif_at_least_one", "composite_reliability_variant")


def measurement(writer) -> None:
    """Append the measurement model's paragraphs and tables to ``writer`` (planting its spec's error here)."""
    w, tw, e, pr, rng, plant = writer.w, writer.tw, writer.e, writer.pr, writer.rng, writer.spec.plant
    if plant == "ave_from_loadings":
        c = rng.choice(e.constructs)
        pr["ave"][c] = round(pr["ave"][c] + 0.061, 3)
        writer._plant("ave_from_loadings", c, [], writer.tn(pr["ave"][c]))
    writer.head(3, w["measurement"])
    rows, middle = [], rng.random() < 0.5
    for c in e.constructs:
        items = e.indicators[c]
        at = len(items) // 2 if middle else 0
        for i, ind in enumerate(items):
            row = [ind, writer.tn(pr["loadings"][ind]), writer.tn(pr["ave"][c]) if i == at else ""]
            rows.append(row + (["Valid"] if writer.lang == "id" else []))
    header = [tw["indicator"], tw["loading"], "AVE"] + ([tw["result"]] if writer.lang == "id" else [])
    writer.para(w["loadings_text"].format(t=writer.tables + 1))
    writer.table(tw["loadings"], header, rows, "convergent_validity")
    _reliability(writer)
    _discriminant(writer)
    _cross_loadings_and_vif(writer)


def _reliability(writer) -> None:
    w, tw, e, pr, rng, plant = writer.w, writer.tw, writer.e, writer.pr, writer.rng, writer.spec.plant
    writer.para(w["reliability_text"].format(t=writer.tables + 1))
    writer.reliability_columns = rng.choice([("rho_a", "rho_c"), ("rho_c",)])
    if plant == "composite_reliability_variant":  # one "composite reliability" column, one value below alpha
        writer.reliability_columns = ("rho_c",)
        c = rng.choice(e.constructs)
        pr["rho_c"][c] = round(pr["cronbach_alpha"][c] - 0.05, 3)
        writer._plant(plant, c, [], writer.tn(pr["rho_c"][c]))
    names = {"rho_a": "Composite reliability (rho_a)", "rho_c": "Composite reliability (rho_c)"}
    if len(writer.reliability_columns) == 1:  # a single "composite reliability": SmartPLS's rho_c
        names["rho_c"] = "Composite reliability"
    rows = [[c] + [writer.tn(pr[k][c]) for k in ("cronbach_alpha", *writer.reliability_columns)]
            for c in e.constructs]
    writer.table(tw["reliability"], [tw["construct"], "Cronbach's alpha"]
                 + [names[k] for k in writer.reliability_columns], rows, "reliability")


def _discriminant(writer) -> None:
    w, tw, e, pr, rng, plant = writer.w, writer.tw, writer.e, writer.pr, writer.rng, writer.spec.plant
    choice = rng.choice(["fl", "htmt", "both"])
    bound = rng.choice(w["htmt_bounds"])
    if plant == "fornell_larcker_diagonal":
        choice = "both" if choice == "htmt" else choice
        c = rng.choice(e.constructs)
        pr["fl"].loc[c, c] = round(pr["fl"].loc[c, c] + 0.04, 3)
        writer._plant(plant, c, [], writer.tn(pr["fl"].loc[c, c]))
    if plant == "discriminant_verdict":  # the largest ratio printed above the bound the sentence states
        choice = "both" if choice == "fl" else choice
        a, b = max(((a, b) for i, a in enumerate(e.constructs) for b in e.constructs[:i]),
                   key=lambda ab: pr["htmt"].loc[ab])
        pr["htmt"].loc[a, b] = round(float(bound.split()[-1].replace(",", ".")) + 0.06, 3)
        writer._plant(plant, "HTMT", [], writer.tn(pr["htmt"].loc[a, b]))
    for kind in ("fl", "htmt"):
        if choice not in (kind, "both"):
            continue
        matrix = pr[kind]
        writer.para(w[f"{kind}_text"].format(t=writer.tables + 1, bound=bound))
        rows = [[a] + [writer.tn(matrix.loc[a, b]) if j < i or (kind == "fl" and j == i) else ""
                       for j, b in enumerate(e.constructs)] for i, a in enumerate(e.constructs)]
        writer.table(tw[kind], [""] + e.constructs, rows, kind)


def _cross_loadings_and_vif(writer) -> None:
    w, tw, e, pr, rng, plant = writer.w, writer.tw, writer.e, writer.pr, writer.rng, writer.spec.plant
    if plant in ("cross_loading_equals_loading", "vif_at_least_one"):
        c = rng.choice(e.constructs)
        item = rng.choice(e.indicators[c])
        if plant == "vif_at_least_one":
            pr["vif"][item] = round(1 / pr["vif"][item], 3)
        else:
            pr["cross"].loc[item, c] = round(pr["cross"].loc[item, c] + 0.05, 3)
        writer._plant(plant, item, [], writer.tn(pr["vif"][item] if plant == "vif_at_least_one"
                                                 else pr["cross"].loc[item, c]))
    writer.para(w["cross_text"].format(t=writer.tables + 1))
    writer.table(tw["cross"], [""] + e.constructs,
                 [[i] + [writer.tn(pr["cross"].loc[i, c]) for c in e.constructs] for i in pr["cross"].index],
                 "cross_loadings")
    writer.para(w["vif_text"].format(t=writer.tables + 1))
    writer.table(tw["vif"], [tw["indicator"], "VIF"], [[i, writer.tn(v)] for i, v in pr["vif"].items()], "vif")
