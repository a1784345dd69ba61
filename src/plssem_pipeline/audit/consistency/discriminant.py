"""Discriminant validity and collinearity: the printed matrices against each other and their own rules.

Every check reads only printed numbers (:mod:`plssem_pipeline.audit.published_matrices`) and judges
within their rounding (:mod:`.rounding`).

``fornell_larcker_diagonal``
    The Fornell–Larcker table's diagonal is √AVE of its construct (Fornell & Larcker 1981; Hair et
    al. 2022, ch. 4), so it must equal √ of the printed AVE. When it does not, but equals √ of the AVE
    of the construct's printed loadings (AVE = Σλ²/m), the printed AVE is the number that disagrees:
    ``ave_from_loadings`` reports that finding, and this row passes with a note (one row per finding).
``discriminant_verdict``
    The paper's conclusion on discriminant validity against its own table: by Fornell–Larcker,
    established iff every construct's √AVE (the diagonal) exceeds its correlations with the other
    constructs (the off-diagonal, |r|); by HTMT, established iff every printed ratio lies below the
    threshold the paper states. With none stated, a ratio below 0.85 holds and one of 0.90 or more
    fails (Henseler, Ringle & Sarstedt 2015 give both HTMT.85 and HTMT.90), one in between is a
    ``warn``. A ``warn`` also when a printed value's rounding interval contains the bound and the
    verdict turns on it (no other pair decides it), whether or not the printed value agrees.
``cross_loading_equals_loading``
    An indicator's cross-loading on its own construct is its outer loading (both are corr(x, Y);
    Hair et al. 2022, ch. 4): the two printed values must agree within rounding.
``vif_at_least_one``
    VIF = 1 / (1 − R²_j) ≥ 1 for every indicator or predictor (Hair et al. 2022, ch. 5): a printed VIF
    below 1 beyond rounding cannot be a VIF.
``f_square_single_predictor``
    For a construct with a single predictor, excluding it leaves R² = 0, so f² = R² / (1 − R²)
    (Cohen 1988; Hair et al. 2022, ch. 6): the printed f² against the printed R² of the model's
    only predictor of that construct.
"""
from __future__ import annotations

import math

import numpy as np

from ..published import Published
from .rounding import EPS, agreement_verdict, overlaps, rounding_check, value_range
from .rows import Check, ConsistencyOptions, predecessors

#: HTMT thresholds when the paper states none: below the first holds, at or above the second fails, between is
#: a ``warn`` (HTMT.85 and HTMT.90, Henseler, Ringle & Sarstedt 2015).
HTMT_THRESHOLD = 0.85
HTMT_LIBERAL = 0.90

__all__ = ["check_fornell_larcker_diagonal", "check_discriminant_verdict", "check_cross_loadings",
           "check_vif", "check_f_square", "HTMT_THRESHOLD"]


def check_fornell_larcker_diagonal(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed Fornell–Larcker diagonal against √ of the printed AVE.

    Returns
    -------
    list of Check
        One ``fornell_larcker_diagonal`` row per diagonal entry whose construct's AVE is printed.
    """
    rows, w = [], options.words
    ave = pub.stat("ave")
    for (row, column), (table, printed) in pub.matrices.fornell_larcker.items():
        if row != column:
            continue
        if row not in ave:
            options.skipped.append(("fornell_larcker_diagonal", row, "AVE not published"))
            continue
        source = ave[row][1]
        check = rounding_check(
            "fornell_larcker_diagonal", table, row, printed, lambda x: math.sqrt(max(x[0], 0.0)), [source],
            what="√AVE", words=w,
            arithmetic=lambda value: w("fl_diagonal", construct=row, ave=w.text(source), value=w.num(value),
                                       table=ave[row][0]))
        loadings = _loadings(pub, model, row)
        if check.verdict == "fail" and loadings:
            value, low, high = value_range(lambda X: np.sqrt((X * X).mean(axis=1)), loadings, batched=True)
            if overlaps(low, high, printed):
                check.verdict = "pass"
                check.explanation += "; " + w("fl_diagonal_matches_loadings", value=w.num(value),
                                              interval=w.interval(low, high))
        rows.append(check)
    return rows


def _loadings(pub: Published, model, construct: str):
    """The printed loadings of ``construct``'s block in the model's order, or None if one is missing."""
    block = {c.name: c.indicators for c in model.constructs}.get(construct, ())
    if not block or any(i not in pub.loadings for i in block):
        return None
    return [pub.loadings[i][1] for i in block]


def _fornell_larcker(pub: Published, w):
    """(holds at the printed values, surely holds, may hold, explanation parts) of the Fornell–Larcker criterion.

    A pair surely holds when both diagonals exceed |r| over their rounding intervals, and surely fails when one
    diagonal lies below |r| over them; the criterion surely holds when every pair does, and may hold when no pair
    surely fails.
    """
    fl = pub.matrices.fornell_larcker
    ok, every, some, parts = True, True, True, []
    for (a, b), (_, r) in fl.items():
        if a == b or (a, a) not in fl or (b, b) not in fl:
            continue
        da, db = fl[(a, a)][1], fl[(b, b)][1]
        low = min(da, db, key=lambda p: p.value)
        holds = low.value > abs(r.value)
        ok &= holds
        every &= min(da.low, db.low) > abs(r.value) + r.half + EPS
        some &= not min(da.high, db.high) < abs(r.value) - r.half - EPS
        if not holds:
            parts.append(w("fl_pair_fails", a=a, b=b, r=w.text(r), root=w.text(low)))
    return ok, every, some, parts


def _htmt(pub: Published, threshold: float, liberal: float, w):
    """(holds at the printed values, surely holds, may hold, explanation parts) of the HTMT criterion.

    A ratio holds below ``threshold``; it surely holds when its rounding interval lies below ``threshold``,
    and surely fails when it lies at or above ``liberal`` (``threshold`` when the paper states it).
    """
    ok, every, some, parts = True, True, True, []
    for (a, b), (_, value) in pub.matrices.htmt.items():
        if a == b:
            continue
        holds = value.value < threshold
        ok &= holds
        every &= value.high + EPS < threshold
        some &= value.low - EPS < liberal
        if not holds:
            parts.append(w("htmt_pair_fails", a=a, b=b, value=w.text(value), threshold=w.num(threshold, 2)))
    return ok, every, some, parts


def check_discriminant_verdict(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """The paper's stated discriminant-validity verdict against its own Fornell–Larcker or HTMT table.

    Returns
    -------
    list of Check
        One ``discriminant_verdict`` row per stated verdict (``published`` 1 = established, ``recomputed``
        1 when the printed numbers meet the criterion).
    """
    rows, w = [], options.words
    for verdict in pub.matrices.verdicts:
        if verdict.kind == "htmt":
            stated = verdict.threshold is not None
            threshold = verdict.threshold.value if stated else HTMT_THRESHOLD
            ok, every, some, parts = _htmt(pub, threshold, threshold if stated else HTMT_LIBERAL, w)
            rule = w("htmt_rule", threshold=w.num(threshold, 2),
                     source=w("htmt_stated") if stated else w("htmt_default"))
        else:
            ok, every, some, parts = _fornell_larcker(pub, w)
            rule = w("fl_rule")
        said = w("discriminant_said_yes" if verdict.established else "discriminant_said_no", text=verdict.text)
        found = w("discriminant_holds") if ok else w("discriminant_fails", pairs=w.join(parts))
        sure = every == some  # else some ratio's interval (or the HTMT.85-.90 band) decides: a warn either way
        unsure = "" if sure else "; " + w("discriminant_unsure")
        check = Check("discriminant_verdict", verdict.table, w(f"discriminant_item_{verdict.kind}"),
                      float(verdict.established), float(ok),
                      agreement_verdict(verdict.established == ok, sure),
                      f"{rule}; {found}{unsure}; {said}", verdict.location)
        rows.append(check)
    return rows


def check_cross_loadings(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each indicator's printed cross-loading on its own construct against its printed outer loading."""
    rows, w = [], options.words
    owner = {i: c.name for c in model.constructs for i in c.indicators}
    for (indicator, construct), (table, printed) in pub.matrices.cross_loadings.items():
        if owner.get(indicator) != construct or indicator not in pub.loadings:
            continue
        source_table, loading = pub.loadings[indicator]
        rows.append(rounding_check(
            "cross_loading_equals_loading", table, indicator, printed, lambda x: float(x[0]), [loading],
            what=w("cross_loading_what"), words=w,
            arithmetic=lambda value: w("cross_loading", indicator=indicator, construct=construct,
                                       loading=w.text(loading), table=source_table)))
    return rows


def check_vif(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed VIF against its lower bound 1 (a ``fail`` only below 1 beyond rounding; no row for a pass)."""
    rows, w = [], options.words
    for item, (table, printed) in pub.matrices.vif.items():
        if printed.high + EPS < 1.0:
            rows.append(Check("vif_at_least_one", table, item, printed.value, 1.0, "fail",
                              w("vif_below_one", value=w.text(printed))))
    return rows


def check_f_square(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed f² of a construct's only predictor against R² / (1 − R²) of its printed R²."""
    rows, w = [], options.words
    preds = predecessors(model)
    r2 = pub.stat("r2")
    for (source, target), (table, printed) in pub.matrices.f_square.items():
        if preds.get(target) != [source]:
            options.skipped.append(("f_square_single_predictor", f"{source} -> {target}",
                                    "the construct has several predictors: f² needs the R² without the path"))
            continue
        if target not in r2:
            options.skipped.append(("f_square_single_predictor", f"{source} -> {target}", "R² not published"))
            continue
        r2_table, value_r2 = r2[target]
        rows.append(rounding_check(
            "f_square_single_predictor", table, f"{source} -> {target}", printed,
            lambda x: float(x[0] / (1.0 - x[0])), [value_r2], what="f²", words=w,
            arithmetic=lambda value: w("f_square_single", source=source, target=target, r2=w.text(value_r2),
                                       value=w.num(value), table=r2_table)))
    return rows
