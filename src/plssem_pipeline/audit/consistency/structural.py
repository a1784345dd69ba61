"""The structural model: adjusted R², the paper's R² labels, and whether the printed paths and R² hold together.

Sources as in ``docs/pipeline.md``, section "Audit".

``adjusted_r2``
    R²_adj = 1 − (1 − R²)(n − 1)/(n − k − 1), k = the construct's predictors in
    the configured model (SmartPLS's definition, Theil's adjustment).
``r2_label``
    The paper's word for each R² ("moderate", "strong") against the thresholds
    the paper itself states; a ``warn`` when R²'s rounding interval contains a
    threshold.
``structural_r2``, ``structural_correlation_matrix``
    Whether the published paths and R² can come from one estimation (Wright's
    path tracing, :func:`.path_tracing.implied_correlations`). With standardised construct
    scores R²_j = b_j′ R b_j, and in a recursive model the paths fix every
    construct correlation once the correlations φ among the exogenous
    constructs are known: corr(η_j, η_k) = Σ_i b_ij corr(η_i, η_k) for every k
    before j (exact from the least-squares normal equations where j's
    predictors include every construct before it; otherwise the usual
    path-analysis assumption that j's disturbance is uncorrelated with earlier
    constructs, which the explanation then states). Every implied correlation,
    and so every implied R², is affine in φ. In topological order, an R² whose
    equation has exactly one still-unknown φ determines it (``pass`` if that φ
    is in [−1, 1]); one with none is a prediction, compared with the printed R²
    over the rounding box of every printed path and R² used; one with several
    is solved jointly by least squares. Then the implied correlation matrix
    must be positive semi-definite (smallest eigenvalue ≥ 0, over the same
    rounding box), equivalently every implied R² ≤ 1 and the exogenous block a
    correlation matrix; a linear programme finds the φ in [−1, 1] that misses
    the printed R² values least (the smallest largest miss): if even that
    misses, no correlation among the exogenous constructs reconciles the
    published paths with the published R². One row per finding: a predicted
    R² above 1 (a negative residual variance) is a symptom of the matrix's
    failure, so its arithmetic opens the matrix's row instead of a row of its
    own; an R² row stays for a determined φ and for a prediction that misses
    within [0, 1].
"""
from __future__ import annotations

import itertools

import numpy as np

from ..published import Published
from .path_tracing import PathTracing, RSquareSystem
from .rounding import EPS, agreement_verdict, rounding_check, rounding_verdict, value_range
from .rows import Check, ConsistencyOptions, predecessors


# ----------------------------------------------------------------------------- R² on its own
def check_adjusted_r2(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each printed adjusted R² against the adjustment of its printed R² (n and k from the file and model).

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``n``, ``r2`` and ``r2_adj``, and
        each construct's predictors from the model.

    Returns
    -------
    list of Check
        One ``adjusted_r2`` row per printed adjusted R² with a printed R²; none without n.
    """
    rows = []
    w = options.words
    preds = predecessors(model)
    if pub.n is None:
        if pub.stat("r2_adj"):
            options.skipped.append(("adjusted_r2", "all", "the published file gives no n"))
        return rows
    n = pub.n
    for construct, (table, printed) in pub.stat("r2_adj").items():
        if construct not in pub.stat("r2") or construct not in preds:
            options.skipped.append(("adjusted_r2", construct, "no printed R² or construct not in the model"))
            continue
        r2 = pub.stat("r2")[construct][1]
        k = len(preds[construct])
        rows.append(rounding_check(
            "adjusted_r2", table, construct, printed, lambda x: 1 - (1 - x[0]) * (n - 1) / (n - k - 1), [r2],
            what="R²_adj", words=w,
            arithmetic=lambda value: w("adjusted_r2", r2=w.text(r2), n=w.count(n), k=k,
                                       predictors=", ".join(preds[construct]), one_minus_r2=w.num(1 - r2.value, 3),
                                       n_1=w.count(n - 1), n_k_1=w.count(n - k - 1), value=w.num(value))))
    return rows


def check_r2_labels(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """The paper's word for each R² against the thresholds the paper states.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads ``r2`` and each table's
        ``interpretation_published`` and ``thresholds_stated``.

    Returns
    -------
    list of Check
        One ``r2_label`` row per labelled R² (``recomputed`` empty).
    """
    rows = []
    w = options.words
    for table, construct, label, thresholds in pub.interpretations:
        if construct not in pub.stat("r2"):
            continue
        r2 = pub.stat("r2")[construct][1]
        ordered = sorted(thresholds.items(), key=lambda kv: kv[1], reverse=True)

        def band(x):
            return next((name for name, bound in ordered if x >= bound - EPS), w("r2_below", band=ordered[-1][0]))

        expected = band(r2.value)
        sure = band(r2.low) == band(r2.high)
        verdict = agreement_verdict(expected.lower() == label.strip().lower(), sure)
        bands = w.join(w("r2_band", name=name, bound=w.num(bound, "g")) for name, bound in ordered)
        rows.append(Check("r2_label", table, construct, r2.value, None, verdict,
                          w("r2_label", bands=bands, r2=w.text(r2), expected=expected, label=label)
                          + ("" if sure else " " + w("r2_label_threshold_inside"))))
    return rows


# ----------------------------------------------------------------------------- can the paths and R² hold together?
def _expansion(w, preds: list[str], paths: dict, R: np.ndarray, index: dict, target: str) -> str:
    squares = " + ".join(f"{w.num(paths[(i, target)], 3)}²" for i in preds)
    cross = [f"{w.num(paths[(a, target)], 3)}·{w.num(paths[(b, target)], 3)}·{w.num(R[index[a], index[b]])}"
             for a, b in itertools.combinations(preds, 2)]
    return squares + (f" + 2·({' + '.join(cross)})" if cross else "")


def check_structural(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Whether the published paths and R² can come from one estimation.

    Parameters
    ----------
    pub, model, options
        As for every check (:class:`~.rows.CheckFunction`); reads the ``original`` of every path of
        the model and ``r2``.

    Returns
    -------
    list of Check
        One ``structural_r2`` row per endogenous construct with a printed R², in topological order, then
        one ``structural_correlation_matrix`` row; none when a path or every R² is not published.
    """
    names = list(model.construct_names)
    index = {n: i for i, n in enumerate(names)}
    order = [names[j] for j in model.topological_order]
    preds = predecessors(model)
    endogenous = [j for j in order if preds[j]]
    r2_pub = pub.stat("r2")
    links = [(s, t) for t in endogenous for s in preds[t]]
    missing = [f"{s} -> {t}" for s, t in links if (s, t) not in pub.effects or "original" not in pub.effects[(s, t)].values]
    if missing:
        options.skipped.append(("structural_consistency", "model", f"path(s) {', '.join(missing)} not published"))
        return []
    targets = [j for j in endogenous if j in r2_pub]
    if not targets:
        options.skipped.append(("structural_consistency", "model", "no R² published"))
        return []
    exogenous = [j for j in order if not preds[j]]
    unknowns = list(itertools.combinations(exogenous, 2))
    path_printed = [pub.effects[link].values["original"] for link in links]
    r2_printed = [r2_pub[j][1] for j in targets]
    table_r2 = r2_pub[targets[0]][0]
    table_paths = pub.effects[links[0]].table

    tracing = PathTracing(names, order, preds, links)
    solve = RSquareSystem(tracing, unknowns, targets)

    points = [p.value for p in path_printed]
    r2_points = [p.value for p in r2_printed]
    phi, roles, R, r2_all, c0, C = solve(np.array([points]), np.array([r2_points]))
    phi, R, c0, C = phi[0], R[0], c0[0], C[0]
    r2_implied = {j: float(r2_all[0, e]) for e, j in enumerate(tracing.endogenous)}
    eigenvalues = np.linalg.eigvalsh(R)
    inputs = path_printed + r2_printed

    def output(x, what):
        phi_x, _, R_x, r2_x, _, _ = solve(x[:, :len(links)], x[:, len(links):])
        return what(phi_x, R_x, r2_x)

    def phi_name(u):
        a, b = unknowns[u]
        return f"corr({a}, {b})"

    w = options.words
    equations = []
    for row, j in enumerate(targets):
        terms = " ".join(f"{'+' if C[row, u] >= 0 else '−'} {w.num(abs(C[row, u]))}·{phi_name(u)}"
                         for u in range(len(unknowns)) if abs(C[row, u]) > 1e-12)
        equations.append(f"R²({j}) = {w.num(c0[row])} {terms}".strip())
    setting = w("structural_setting", count=len(unknowns), exogenous=", ".join(exogenous),
                equations="; ".join(equations)) + " "
    assumption = _assumption_note(w, preds, order)
    rows = []
    above_one = []   # the R² rows whose implied R² exceeds 1: symptoms of the matrix's finding
    for row, j in enumerate(targets):
        role, u = roles[j]
        printed = r2_printed[row]
        expansion = _expansion(w, preds[j], dict(zip(links, points)), R, index, j)
        if role == "determines":
            inside = -1 - EPS <= phi[u] <= 1 + EPS
            rest = c0[row] + (C[row] @ phi - C[row, u] * phi[u])
            rows.append(Check(
                "structural_r2", table_r2, j, printed.value, r2_implied[j], "pass" if inside else "fail",
                setting + w("structural_determines", construct=j, printed=w.text(printed), phi=phi_name(u),
                            rest=w.num(rest), coefficient=w.num(C[row, u]), value=w.num(phi[u])) + ", "
                + w("structural_possible" if inside else "structural_impossible", construct=j)
                + " " + w("structural_check", expansion=expansion, implied=w.num(r2_implied[j])) + " " + assumption))
            continue
        e = tracing.endogenous.index(j)
        value, low, high = value_range(lambda x, e=e: output(x, lambda ph, Rx, r2x: r2x[:, e]), inputs, batched=True)
        verdict, why = rounding_verdict(low, high, printed, what=w("structural_what_implied", construct=j), words=w)
        fixed = w.join(f"{phi_name(v)} = {w.num(phi[v])}" for v in range(len(unknowns))) or w("structural_no_unknown")
        text = w("structural_predicted_joint" if role == "joint" else "structural_predicted", fixed=fixed,
                 construct=j, expansion=expansion, implied=w.num(r2_implied[j]), printed=w.text(printed))
        if r2_implied[j] > 1:
            text += ": " + w("structural_negative_residual", residual=w.num(1 - r2_implied[j]))
            above_one.append((len(rows), text + "; " + why + "."))
        text += "; " + why + "."
        rows.append(Check("structural_r2", table_r2, j, printed.value, r2_implied[j], verdict,
                          setting + text + " " + assumption))

    # the implied correlation matrix
    value, low, high = value_range(lambda x: output(x, lambda ph, Rx, r2x: np.linalg.eigvalsh(Rx)[:, 0]), inputs,
                                   batched=True)
    smallest = float(eigenvalues[0])
    verdict = "pass" if low >= -1e-10 else ("fail" if high < -1e-10 else "warn")
    correlations = w.join(f"{a}–{b} {w.num(R[index[a], index[b]])}" for a, b in itertools.combinations(order, 2))
    text = (w("matrix_correlations", correlations=correlations, eigenvalues=w.join(w.num(e) for e in eigenvalues))
            + ": " + (w("matrix_valid") if smallest >= -1e-10 else w("matrix_invalid", smallest=w.num(smallest)))
            + "; " + w("matrix_rounding", interval=w.interval(low, high))
            + ("" if verdict != "fail" else ", " + w("matrix_always_negative")))
    if unknowns:
        best = _minimax(c0, C, np.array(r2_points), np.array([p.half for p in r2_printed]))
        if best is not None:
            phi_best, miss = best
            fitted = c0 + C @ phi_best
            text += "; " + w(
                "matrix_best", correlations=w.join(phi_name(u) for u in range(len(unknowns))),
                best=w.join(f"{phi_name(u)} = {w.num(phi_best[u])}" for u in range(len(unknowns))),
                fitted=w.join(w("matrix_fitted", construct=j, value=w.num(fitted[r]), printed=w.text(r2_printed[r]))
                              for r, j in enumerate(targets)))
            text += ": " + (w("matrix_reachable") if miss <= 1e-9 else w("matrix_unreachable", miss=w.num(miss)))
    if verdict != "pass" and above_one:
        # an implied R² above 1 is a negative residual variance, i.e. this matrix not positive semi-definite:
        # one finding, stated once (the R² arithmetic first, then the matrix's)
        text = setting + " ".join(part for _, part in above_one) + " " + w("matrix_so") + " " + text + ". " + assumption
        rows = [r for k, r in enumerate(rows) if k not in dict(above_one)]
    rows.append(Check("structural_correlation_matrix", f"{table_r2}+{table_paths}", w("matrix_item"),
                      None, smallest, verdict, text))
    return rows


def _assumption_note(w, preds: dict[str, list[str]], order: list[str]) -> str:
    """Whether any R² uses a correlation the normal equations do not fix (then the path-analysis assumption)."""
    position = {n: i for i, n in enumerate(order)}
    for target, p in preds.items():
        for a, b in itertools.combinations(p, 2):
            late, early = (a, b) if position[a] > position[b] else (b, a)
            if preds[late] and early not in preds[late]:
                return w("assumption_needed", late=late, early=early)
    return w("assumption_none")


def _minimax(c0, C, r2, half):
    """min over φ ∈ [−1, 1]^u of max_j (|c0_j + C_j φ − r2_j| − half_j)⁺, as a linear programme."""
    from scipy.optimize import linprog

    m, u = C.shape
    cost = np.zeros(u + 1)
    cost[-1] = 1.0
    A, b = [], []
    for j in range(m):
        A.append([*C[j], -1.0])
        b.append(r2[j] + half[j] - c0[j])
        A.append([*(-C[j]), -1.0])
        b.append(-(r2[j] - half[j] - c0[j]))
    result = linprog(cost, A_ub=np.array(A), b_ub=np.array(b), bounds=[(-1, 1)] * u + [(0, None)], method="highs")
    if not result.success:
        return None
    return result.x[:u], float(result.x[-1])

