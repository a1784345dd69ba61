"""The paper against itself: published numbers recomputed from other published numbers.

No data is used. Every check reads the published tables
(:mod:`plssem_pipeline.audit.published`) and the model from the study configuration,
recomputes a printed quantity from other printed quantities, and compares the
two **honouring the printed rounding**: every printed input may lie anywhere
in its rounding interval (``0.662`` stands for ``[0.6615, 0.6625]``), which
gives an interval for the recomputed value; the check is consistent when that
interval overlaps the printed value's own rounding interval. The explanation
of every row shows the arithmetic with the printed numbers.

Each check returns :class:`Check` rows with a verdict:

``fail``
    the printed numbers cannot all be right (even allowing for rounding);
``warn``
    they hold only under an assumption the paper does not state, an
    approximation, or a rule's weaker reading (said in the explanation);
``pass``
    consistent within rounding.

Checks (formulas and sources in ``docs/pipeline.md``, section "Audit"):
respondent blocks against n (and printed percents); AVE, ρ_C and Cronbach's α
from the loadings; which composite reliability the paper printed; verdicts
against the criteria; adjusted R² from R², n and k; the paper's own R²
labels; t = |O|/STDEV; p from t (two-tailed, normal and Student t with B − 1
df); each indirect effect against the product of its paths; whether the
published paths and R² can hold together (implied construct correlations,
eigenvalues, implied R²); each claim's verdict against its p value and the
values quoted in the prose; the sample-size rules (10-times rule, 5 and 10 per
indicator, Kock & Hadaya's 2018 inverse square root method).
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .published import NEGATIVE_VERDICTS, Printed, Published

__all__ = ["Check", "ConsistencyOptions", "COLUMNS", "VERDICTS", "value_range", "overlaps", "run_checks",
           "checks_table", "implied_correlations", "INVERSE_SQUARE_ROOT_CONSTANT"]

#: Columns of ``results/audit/consistency.csv``.
COLUMNS = ["check", "table", "item", "published", "recomputed", "difference", "verdict", "explanation"]
#: Verdicts, in the order the CSV lists them (failures first).
VERDICTS = ("fail", "warn", "pass")
#: Kock & Hadaya (2018): n_min > (2.486 / |β_min|)² at 5 % significance and 80 % power
#: (2.486 ≈ z_0.95 + z_0.80 = 1.645 + 0.842; their test is one-tailed).
INVERSE_SQUARE_ROOT_CONSTANT = 2.486
_EPS = 1e-9


@dataclass
class Check:
    """One row of ``consistency.csv``; ``difference`` = recomputed − published."""

    check: str
    table: str
    item: str
    published: float | None
    recomputed: float | None
    verdict: str
    explanation: str

    @property
    def difference(self) -> float | None:
        if self.published is None or self.recomputed is None:
            return None
        return self.recomputed - self.published

    def row(self) -> dict:
        return {"check": self.check, "table": self.table, "item": self.item, "published": self.published,
                "recomputed": self.recomputed, "difference": self.difference, "verdict": self.verdict,
                "explanation": self.explanation}


@dataclass
class ConsistencyOptions:
    """Settings of the checks (``audit:`` in config.yaml).

    Attributes
    ----------
    alpha : float
        Significance level of the paper's verdicts (two-tailed).
    bootstrap_samples : int
        B assumed for the paper's p values when the published file gives no ``bootstrap_samples``
        (SmartPLS's default, 5000): the Student t reference has B − 1 degrees of freedom.
    loading_threshold, ave_threshold, reliability_threshold : float
        Criteria of the verdict checks (Hair et al. 2022: loading > 0.70, AVE ≥ 0.50, reliability > 0.70).
    """

    alpha: float = 0.05
    bootstrap_samples: int = 5000
    loading_threshold: float = 0.70
    ave_threshold: float = 0.50
    reliability_threshold: float = 0.70
    skipped: list = field(default_factory=list)


# ----------------------------------------------------------------------------- rounding
def value_range(function: Callable[[np.ndarray], float], printed: Sequence[Printed]) -> tuple[float, float, float]:
    """``(value, low, high)`` of ``function`` with every input anywhere in its rounding interval.

    ``value`` is at the printed values. With up to 10 rounded inputs every
    corner of the box is evaluated; with more, the two corners that the signs
    of the central differences point to. Both are exact for functions monotone
    in each input (every function the checks use but the eigenvalue) and
    first-order exact otherwise, the box being ±0.0005 wide.
    """
    x0 = np.array([p.value for p in printed], dtype=float)
    half = np.array([p.half for p in printed], dtype=float)
    value = float(function(x0))
    free = np.flatnonzero(half > 0)
    values = [value]
    if free.size == 0:
        return value, value, value
    if free.size <= 10:
        for signs in itertools.product((-1.0, 1.0), repeat=free.size):
            x = x0.copy()
            x[free] += np.array(signs) * half[free]
            values.append(float(function(x)))
    else:
        step = np.zeros_like(x0)
        slope = np.zeros_like(x0)
        for i in free:
            step[:] = 0
            step[i] = half[i]
            slope[i] = float(function(x0 + step)) - float(function(x0 - step))
        values += [float(function(x0 + np.sign(slope) * half)), float(function(x0 - np.sign(slope) * half))]
    return value, min(values), max(values)


def overlaps(low: float, high: float, printed: Printed) -> bool:
    """Whether ``[low, high]`` meets the printed value's rounding interval."""
    return low <= printed.high + _EPS and high >= printed.low - _EPS


def _f(x: float, digits: int = 4) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:.{digits}f}"


def _range_text(low: float, high: float, digits: int = 4) -> str:
    return f"[{_f(low, digits)}, {_f(high, digits)}]"


def _printed_text(p: Printed, *, probability: bool = False) -> str:
    if p.decimals is None:
        return p.text
    low = max(p.low, 0.0) if probability else p.low
    return f"{p.text} (i.e. {_range_text(low, p.high, p.decimals + 1)})"


def _rounding_verdict(low: float, high: float, printed: Printed, *, what: str) -> tuple[str, str]:
    """pass/fail and the sentence that says why, for an interval against a printed value."""
    if overlaps(low, high, printed):
        return "pass", (f"with every input anywhere in its printed rounding interval {what} lies in "
                        f"{_range_text(low, high)}, which meets printed {_printed_text(printed)}: "
                        "consistent within rounding")
    gap = printed.low - high if high < printed.low else low - printed.high
    return "fail", (f"with every input anywhere in its printed rounding interval {what} lies in "
                    f"{_range_text(low, high)}, which misses printed {_printed_text(printed)} by {_f(gap)}: "
                    "rounding cannot explain the difference")


# ----------------------------------------------------------------------------- model helpers
def _constructs(model) -> dict[str, tuple[str, ...]]:
    return {c.name: tuple(c.indicators) for c in model.constructs}


def _modes(model) -> dict[str, str]:
    return {c.name: c.mode for c in model.constructs}


def _predecessors(model) -> dict[str, list[str]]:
    names = model.construct_names
    return {names[j]: [names[i] for i in model.predecessors(j)] for j in range(len(names))}


# ----------------------------------------------------------------------------- Table 1
def check_respondents(pub: Published, model, options: ConsistencyOptions) -> list[Check]:
    """Each block of the respondent table sums to its printed total and to n; printed percents = 100·count/n."""
    rows = []
    for block in pub.respondents:
        counts = [c[2].value for c in block.categories]
        total = sum(counts)
        targets = []
        if block.total is not None:
            targets.append(("its printed total", block.total.value))
        if pub.n is not None:
            targets.append(("n", pub.n))
        sums = " + ".join(f"{c:g}" for c in counts) + f" = {total:g}"
        if not targets:
            options.skipped.append(("respondent_blocks", block.variable, "no printed total and no n"))
            continue
        bad = [f"{name} {value:g}" for name, value in targets if abs(total - value) > _EPS]
        ok = [f"{name} {value:g}" for name, value in targets if abs(total - value) <= _EPS]
        verdict = "fail" if bad else "pass"
        text = f"{block.label}: {sums}"
        text += (f"; differs from {', '.join(bad)}" if bad else "") + (f"; equals {', '.join(ok)}" if ok else "")
        text += " (counts are exact, no rounding)"
        rows.append(Check("respondent_block_sum", block.table, block.variable, float(targets[0][1]), float(total),
                          verdict, text))
        base = block.total.value if block.total is not None else pub.n
        for code, label, count, percent in block.categories:
            if percent is None or not base:
                continue
            value = 100.0 * count.value / base
            verdict, why = _rounding_verdict(value, value, percent, what="the percent")
            rows.append(Check("respondent_percent", block.table, f"{block.variable} = {code} ({label})",
                              percent.value, value, verdict,
                              f"100 · {count.value:g} / {base:g} = {_f(value)}; " + why))
    return rows


# ----------------------------------------------------------------------------- measurement model
def _block_loadings(pub: Published, model, construct: str, check: str, options) -> list[Printed] | None:
    indicators = _constructs(model).get(construct)
    if indicators is None:
        options.skipped.append((check, construct, "construct not in the configured model"))
        return None
    if _modes(model)[construct] != "A":
        options.skipped.append((check, construct, "Mode B (formative) block: AVE and composite reliability "
                                                  "do not apply"))
        return None
    missing = [i for i in indicators if i not in pub.loadings]
    if missing:
        options.skipped.append((check, construct, f"loadings of {', '.join(missing)} not published"))
        return None
    return [pub.loadings[i][1] for i in indicators]


def _block_function(function, model, construct):
    """``x -> function(loadings, model)[0, j]`` for the loadings ``x`` of ``construct``'s block (block order).

    ``function`` is an engine quality criterion on a ``(b, p)`` batch of loadings
    (:func:`plssem.quality.average_variance_extracted`, :func:`plssem.quality.composite_reliability`);
    the other blocks' loadings are 0 and do not enter the block's value.
    """
    j = model.index(construct)
    block = model.blocks[j]
    width = model.block_mask.shape[0]

    def value(x):
        loadings = np.zeros((1, width))
        loadings[0, block] = x
        return float(function(loadings, model)[0, j])

    return value


def _ave(model, construct):
    from plssem.quality import average_variance_extracted

    return _block_function(average_variance_extracted, model, construct)


def _rho_c(model, construct):
    from plssem.quality import composite_reliability

    return _block_function(composite_reliability, model, construct)


def _alpha(x):
    m = len(x)
    s = float(np.sum(x))
    return m / (m - 1) * (1 - m / (s * s))


def _list(values: Sequence[Printed], square: bool = False) -> str:
    return " + ".join(f"{p.text}²" if square else p.text for p in values)


def check_ave(pub: Published, model, options) -> list[Check]:
    """AVE = mean squared loading (Fornell & Larcker 1981; Hair et al. 2022, ch. 4)."""
    rows = []
    for construct, (table, printed) in pub.stat("ave").items():
        loadings = _block_loadings(pub, model, construct, "ave_from_loadings", options)
        if loadings is None:
            continue
        value, low, high = value_range(_ave(model, construct), loadings)
        squares = float(np.sum(np.square([p.value for p in loadings])))
        verdict, why = _rounding_verdict(low, high, printed, what="AVE")
        rows.append(Check("ave_from_loadings", table, construct, printed.value, value, verdict,
                          f"AVE = mean of the squared loadings = ({_list(loadings, True)}) / {len(loadings)} = "
                          f"{_f(squares)} / {len(loadings)} = {_f(value)}; " + why))
    return rows


def check_rho_c(pub: Published, model, options) -> list[Check]:
    """ρ_C = (Σλ)² / ((Σλ)² + Σ(1 − λ²)) against the printed composite reliability (and a printed ρ_C)."""
    rows = []
    for statistic in ("composite_reliability", "rho_c"):
        for construct, (table, printed) in pub.stat(statistic).items():
            loadings = _block_loadings(pub, model, construct, "rho_c_from_loadings", options)
            if loadings is None:
                continue
            value, low, high = value_range(_rho_c(model, construct), loadings)
            x = np.array([p.value for p in loadings])
            s, e = float(x.sum()), float((1 - x * x).sum())
            verdict, why = _rounding_verdict(low, high, printed, what="ρ_C")
            label = "printed composite reliability" if statistic == "composite_reliability" else "printed ρ_C"
            text = (f"ρ_C (Jöreskog 1971) = (Σλ)² / ((Σλ)² + Σ(1 − λ²)) with Σλ = {_list(loadings)} = {_f(s)}, "
                    f"Σ(1 − λ²) = {_f(e)}: {_f(s * s)} / ({_f(s * s)} + {_f(e)}) = {_f(value)} against the "
                    f"{label} {printed.text}; " + why)
            if verdict == "fail" and statistic == "composite_reliability":
                text += " (so the printed column is not ρ_C of the printed loadings; see composite_reliability_variant)"
            rows.append(Check("rho_c_from_loadings", table, construct, printed.value, value, verdict, text))
    return rows


def check_alpha(pub: Published, model, options) -> list[Check]:
    """Cronbach's α from the loadings, α = m/(m − 1)·(1 − m/(Σλ)²) (exact for equal weights)."""
    rows = []
    for construct, (table, printed) in pub.stat("cronbach_alpha").items():
        loadings = _block_loadings(pub, model, construct, "alpha_from_loadings", options)
        if loadings is None or len(loadings) < 2:
            continue
        value, low, high = value_range(_alpha, loadings)
        m = len(loadings)
        s = float(np.sum([p.value for p in loadings]))
        verdict, why = _rounding_verdict(low, high, printed, what="α")
        if verdict == "fail":
            verdict = "warn"
            why += ("; the formula is exact only for equal outer weights, so a small difference can come from "
                    "unequal weights rather than an error")
        rows.append(Check(
            "alpha_from_loadings", table, construct, printed.value, value, verdict,
            f"for standardised items and a composite with equal weights, the loadings are λ_i = corr(x_i, Σx) "
            f"and Σλ = sd(Σx), so α = m/(m − 1)·(1 − m/(Σλ)²) exactly; PLS Mode A weights are nearly equal, so "
            f"it is an approximation here: m = {m}, Σλ = {_f(s)}, α = {m}/{m - 1}·(1 − {m}/{_f(s * s)}) = "
            f"{_f(value)}; " + why))
    return rows


def check_composite_reliability_variant(pub: Published, model, options) -> list[Check]:
    """Which coefficient the printed "composite reliability" is: ρ_C, or between α and ρ_C (ρ_A)."""
    rows = []
    alphas = pub.stat("cronbach_alpha")
    for construct, (table, printed) in pub.stat("composite_reliability").items():
        loadings = _block_loadings(pub, model, construct, "composite_reliability_variant", options)
        if loadings is None:
            continue
        value, low, high = value_range(_rho_c(model, construct), loadings)
        if overlaps(low, high, printed):
            rows.append(Check("composite_reliability_variant", table, construct, printed.value, None, "pass",
                              f"the printed composite reliability {printed.text} agrees with ρ_C from the loadings "
                              f"({_range_text(low, high)} within rounding): it is ρ_C"))
            continue
        alpha = alphas.get(construct, (None, None))[1]
        if alpha is not None and alpha.low - _EPS <= printed.high and printed.low <= high + _EPS:
            rows.append(Check(
                "composite_reliability_variant", table, construct, printed.value, None, "warn",
                f"the printed composite reliability {printed.text} is not ρ_C of the printed loadings "
                f"({_f(value)}) but lies between the printed Cronbach's α {alpha.text} and that ρ_C, "
                f"{_f(printed.value - alpha.value, 3)} above α: where Dijkstra & Henseler's (2015) ρ_A lies "
                "(SmartPLS 4 'Composite reliability (rho_a)'). ρ_A needs the weights and item correlations, so it "
                "cannot be recomputed here; the paper does not say which coefficient it printed"))
        else:
            where = "below α" if alpha is not None and printed.high < alpha.low else "outside [α, ρ_C]"
            rows.append(Check("composite_reliability_variant", table, construct, printed.value, None, "fail",
                              f"the printed composite reliability {printed.text} is neither ρ_C of the printed "
                              f"loadings ({_f(value)}) nor in the range where ρ_A lies ({where})"))
    return rows


def _positive(word: str) -> bool:
    return word.strip().lower() not in NEGATIVE_VERDICTS


def check_verdicts(pub: Published, model, options) -> list[Check]:
    """The paper's "Valid"/"Reliable" verdicts against the criteria it states (Hair et al. 2022, ch. 4)."""
    rows = []
    owner = {i: c for c, inds in _constructs(model).items() for i in inds}
    items: dict[tuple[str, str], list] = {}
    reliability = ("cronbach_alpha", "composite_reliability", "rho_a", "rho_c")
    for table, item, word in pub.verdicts:
        if item in pub.loadings:
            items.setdefault((table, owner.get(item, "?")), []).append((item, word))
            continue
        stats = [(s, pub.stat(s)[item][1]) for s in reliability if item in pub.stat(s) and pub.stat(s)[item][0] == table]
        stats += [("ave", pub.stat("ave")[item][1])] if item in pub.stat("ave") and pub.stat("ave")[item][0] == table else []
        if not stats:
            options.skipped.append(("criterion_verdict", f"{table}: {item}", "no printed statistic to judge"))
            continue
        ok, sure, parts = True, True, []
        for name, p in stats:
            bound = options.ave_threshold if name == "ave" else options.reliability_threshold
            sign = "≥" if name == "ave" else ">"
            meets = p.value >= bound if name == "ave" else p.value > bound
            sure &= not (p.low <= bound <= p.high)
            ok &= meets
            parts.append(f"{name} {p.text} {sign if meets else 'not ' + sign} {bound:.2f}")
        rows.append(_verdict_row("criterion_verdict", table, item, _positive(word), ok, sure, word, parts))
    for (table, construct), entries in items.items():
        words = {w for _, w in entries}
        bound = options.loading_threshold
        meets = {i: pub.loadings[i][1].value > bound for i, _ in entries}
        sure = all(not (pub.loadings[i][1].low <= bound <= pub.loadings[i][1].high) for i, _ in entries)
        disagree = [i for i, w in entries if _positive(w) != meets[i]]
        values = [pub.loadings[i][1] for i, _ in entries]
        low = min(values, key=lambda p: p.value)
        high = max(values, key=lambda p: p.value)
        parts = [f"{len(entries)} items printed {' / '.join(sorted(words))}",
                 f"loadings {low.text}–{high.text}",
                 "all > " + f"{bound:.2f}" if all(meets.values())
                 else f"{sum(meets.values())} of {len(entries)} > {bound:.2f}"]
        if disagree:
            parts.append("verdict contradicts the criterion for " + ", ".join(disagree))
        rows.append(Check("criterion_verdict", table, f"{construct} loadings",
                          float(sum(_positive(w) for _, w in entries)), float(sum(meets.values())),
                          "fail" if disagree else ("pass" if sure else "warn"),
                          "; ".join(parts) + f" (criterion: outer loading > {bound:.2f}; published = items the paper "
                          "calls valid, recomputed = items meeting the criterion)"))
    return rows


def _verdict_row(check, table, item, said: bool, ok: bool, sure: bool, word: str, parts) -> Check:
    verdict = "pass" if said == ok else "fail"
    if not sure and verdict == "pass":
        verdict = "warn"
    return Check(check, table, item, float(said), float(ok), verdict,
                 f"printed '{word}'; " + "; ".join(parts)
                 + ("" if sure else " (a printed value's rounding interval contains the threshold)")
                 + " (1 = meets the criteria / valid, 0 = not)")


# ----------------------------------------------------------------------------- structural model
def check_adjusted_r2(pub: Published, model, options) -> list[Check]:
    """R²_adj = 1 − (1 − R²)(n − 1)/(n − k − 1), k = the construct's predictors (SmartPLS's definition)."""
    rows = []
    preds = _predecessors(model)
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
        value, low, high = value_range(lambda x: 1 - (1 - x[0]) * (n - 1) / (n - k - 1), [r2])
        verdict, why = _rounding_verdict(low, high, printed, what="R²_adj")
        rows.append(Check("adjusted_r2", table, construct, printed.value, value, verdict,
                          f"R²_adj = 1 − (1 − R²)(n − 1)/(n − k − 1) with R² = {r2.text}, n = {n}, k = {k} "
                          f"predictors ({', '.join(preds[construct])}): 1 − {_f(1 - r2.value, 3)} · {n - 1}/"
                          f"{n - k - 1} = {_f(value)}; " + why))
    return rows


def check_r2_labels(pub: Published, model, options) -> list[Check]:
    """The paper's words for each R² ("moderate", "strong") against the thresholds it states."""
    rows = []
    for table, construct, label, thresholds in pub.interpretations:
        if construct not in pub.stat("r2"):
            continue
        r2 = pub.stat("r2")[construct][1]
        ordered = sorted(thresholds.items(), key=lambda kv: kv[1], reverse=True)

        def band(x):
            return next((name for name, bound in ordered if x >= bound - _EPS), "below " + ordered[-1][0])

        expected = band(r2.value)
        sure = band(r2.low) == band(r2.high)
        said = label.strip().lower()
        verdict = "pass" if expected.lower() == said else "fail"
        if verdict == "pass" and not sure:
            verdict = "warn"
        bands = ", ".join(f"{name} ≥ {bound:g}" for name, bound in ordered)
        rows.append(Check("r2_label", table, construct, r2.value, None, verdict,
                          f"the paper's own thresholds: {bands}; R² = {r2.text} is '{expected}' by them, "
                          f"the paper calls it '{label}'"
                          + ("" if sure else " (the rounding interval of R² contains a threshold)")))
    return rows


def _effect_label(row) -> str:
    return " -> ".join(row.nodes)


def check_t_statistics(pub: Published, model, options) -> list[Check]:
    """t = |O| / STDEV (SmartPLS's "T statistics (|O/STDEV|)") for every path and indirect-effect row."""
    rows = []
    for row in [*pub.effects.values(), *pub.indirect.values()]:
        v = row.values
        if not {"original", "sd", "t"} <= set(v):
            continue
        value, low, high = value_range(lambda x: abs(x[0]) / x[1], [v["original"], v["sd"]])
        verdict, why = _rounding_verdict(low, high, v["t"], what="|O|/STDEV")
        rows.append(Check("t_equals_o_over_sd", row.table, _effect_label(row), v["t"].value, value, verdict,
                          f"|O| / STDEV = {v['original'].text} / {v['sd'].text} = {_f(value, 3)}; " + why))
    return rows


def _p_values(t: float, df: int) -> tuple[float, float]:
    from scipy import stats

    return 2 * float(stats.norm.sf(abs(t))), 2 * float(stats.t.sf(abs(t), df))


def check_p_values(pub: Published, model, options) -> list[Check]:
    """Two-tailed p from the printed t: normal reference and Student t with B − 1 df."""
    rows = []
    b = pub.bootstrap_samples or options.bootstrap_samples
    source = "the published file's bootstrap_samples" if pub.bootstrap_samples else "assumed (audit.published_bootstrap_samples; the paper does not say)"
    for row in [*pub.effects.values(), *pub.indirect.values()]:
        v = row.values
        if not {"t", "p"} <= set(v):
            continue
        t, p = v["t"], v["p"]
        point = _p_values(t.value, b - 1)  # (normal, Student t)
        # p decreases in |t|: the high end of t gives the low end of p
        n_low, n_high = _p_values(t.high, b - 1)[0], _p_values(max(t.low, 0.0), b - 1)[0]
        t_low, t_high = _p_values(t.high, b - 1)[1], _p_values(max(t.low, 0.0), b - 1)[1]
        ok_normal, ok_t = overlaps(n_low, n_high, p), overlaps(t_low, t_high, p)
        verdict = "pass" if ok_normal and ok_t else ("warn" if ok_normal or ok_t else "fail")
        rows.append(Check(
            "p_from_t", row.table, _effect_label(row), p.value, point[1], verdict,
            f"two-tailed p for printed t = {_printed_text(t)}: Student t with B − 1 = {b - 1} df (B = {b}: {source}) "
            f"p = 2·P(T > |t|) = {point[1]:.3g} (over the t interval [{t_low:.3g}, {t_high:.3g}]); normal "
            f"p = 2·(1 − Φ(|t|)) = {point[0]:.3g} ([{n_low:.3g}, {n_high:.3g}]); printed p = "
            f"{_printed_text(p, probability=True)}: " + ("both references agree with it" if ok_normal and ok_t else
                                       "only the normal reference agrees" if ok_normal else
                                       "only the t reference agrees" if ok_t else
                                       "neither reference agrees; rounding cannot explain it")))
    return rows


def check_indirect_products(pub: Published, model, options) -> list[Check]:
    """A specific indirect effect a → m → … → b equals the product of its path coefficients."""
    rows = []
    for row in pub.indirect.values():
        if "original" not in row.values:
            continue
        links = list(zip(row.nodes[:-1], row.nodes[1:]))
        missing = [f"{a} -> {b}" for a, b in links if (a, b) not in pub.effects or "original" not in pub.effects[(a, b)].values]
        if missing:
            options.skipped.append(("indirect_equals_product", _effect_label(row),
                                    f"path(s) {', '.join(missing)} not published"))
            continue
        factors = [pub.effects[link].values["original"] for link in links]
        value, low, high = value_range(lambda x: float(np.prod(x)), factors)
        verdict, why = _rounding_verdict(low, high, row.values["original"], what="the product")
        tables = sorted({pub.effects[link].table for link in links})
        rows.append(Check("indirect_equals_product", row.table, _effect_label(row), row.values["original"].value,
                          value, verdict,
                          " · ".join(f"{a} -> {b} {f.text}" for (a, b), f in zip(links, factors))
                          + f" = {_f(value)} (paths from {', '.join(tables)}); " + why))
    return rows


# ----------------------------------------------------------------------------- can the paths and R² hold together?
def implied_correlations(names: Sequence[str], order: Sequence[str], predecessors: dict[str, list[str]],
                         paths: dict[tuple[str, str], float], exogenous_correlations: dict[tuple[str, str], float]):
    """Construct correlations implied by standardised path coefficients (Wright's path tracing).

    For a recursive model with standardised constructs, η_j = Σ_i b_ij η_i + ζ_j
    with ζ_j uncorrelated with the constructs before j, every correlation
    follows from the exogenous constructs' correlations:
    corr(η_j, η_k) = Σ_i b_ij corr(η_i, η_k) for every k before j, and
    R²_j = b_j′ R_PP b_j. Where j's predictors are all the constructs before it
    (as with OLS on every prior construct), this needs no assumption about ζ:
    the normal equations give it.

    The path tracing is the engine's :func:`plssem.quality.implied_construct_correlations`, on a
    :class:`plssem.Model` of ``names`` and ``predecessors`` (one placeholder indicator per construct)
    and arrays with a leading batch axis of 1. ``order`` must be a topological order of that model;
    the engine takes its own (Kahn's algorithm), which gives the same correlations.

    Returns
    -------
    R : ndarray (k, k)
        Unit diagonal, in ``names`` order.
    r2 : dict
        Implied R² of every endogenous construct.
    """
    from plssem import Model
    from plssem.quality import implied_construct_correlations

    names = list(names)
    index = {n: i for i, n in enumerate(names)}
    links = [(i, j) for j in names for i in predecessors[j]]
    position = {n: k for k, n in enumerate(order)}
    if any(position[i] >= position[j] for i, j in links):
        raise ValueError("order is not a topological order of the paths")
    model = Model.from_spec({n: {"indicators": [f"{n} (score)"]} for n in names}, [f"{i} -> {j}" for i, j in links])
    R = np.eye(len(names))
    for (a, b), value in exogenous_correlations.items():
        R[index[a], index[b]] = R[index[b], index[a]] = value
    B = np.zeros((1, len(names), len(names)))
    for (i, j) in links:
        B[0, index[i], index[j]] = paths[(i, j)]
    R = implied_construct_correlations(R[None], B, model)[0]
    r2 = {}
    for j in names:
        preds = [index[i] for i in predecessors[j]]
        if preds:
            b = B[0, preds, index[j]]
            r2[j] = float(b @ R[np.ix_(preds, preds)] @ b)
    return R, r2


def _expansion(preds: list[str], paths: dict, R: np.ndarray, index: dict, target: str) -> str:
    squares = " + ".join(f"{paths[(i, target)]:.3f}²" for i in preds)
    cross = [f"{paths[(a, target)]:.3f}·{paths[(b, target)]:.3f}·{R[index[a], index[b]]:.4f}"
             for a, b in itertools.combinations(preds, 2)]
    return squares + (f" + 2·({' + '.join(cross)})" if cross else "")


def check_structural(pub: Published, model, options) -> list[Check]:
    """Whether the published paths and R² can come from one estimation.

    Every implied correlation, and so every implied R², is affine in the
    unknown correlations φ among exogenous constructs (the paths are fixed).
    In topological order, an R² whose equation has exactly one still-unknown φ
    determines it; one with none is a prediction, compared with the printed
    R² within rounding; one with several is solved jointly by least squares.
    Then the implied correlation matrix must be positive semi-definite (its
    smallest eigenvalue ≥ 0), equivalently every implied R² ≤ 1 and the
    exogenous block a correlation matrix. A linear programme also finds the
    φ that misses the printed R² values least (the smallest largest miss).
    """
    names = list(model.construct_names)
    index = {n: i for i, n in enumerate(names)}
    order = [names[j] for j in model.topological_order]
    preds = _predecessors(model)
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

    def affine(path_values):
        """R²_j = c0_j + C_j · φ for the given path values."""
        paths = dict(zip(links, path_values))
        base = implied_correlations(names, order, preds, paths, {u: 0.0 for u in unknowns})[1]
        c0 = np.array([base[j] for j in targets])
        C = np.zeros((len(targets), len(unknowns)))
        for u, pair in enumerate(unknowns):
            unit = {p: (1.0 if p == pair else 0.0) for p in unknowns}
            r2 = implied_correlations(names, order, preds, paths, unit)[1]
            C[:, u] = [r2[j] - base[j] for j in targets]
        return paths, c0, C

    def solve(path_values, r2_values):
        """φ by sequential pinning (then least squares); returns φ, roles, implied R, implied R²."""
        paths, c0, C = affine(path_values)
        phi = np.zeros(len(unknowns))
        known = np.zeros(len(unknowns), dtype=bool)
        roles: dict[str, tuple[str, int | None]] = {}
        deferred = []
        for row, j in enumerate(targets):
            free = [u for u in range(len(unknowns)) if not known[u] and abs(C[row, u]) > 1e-12]
            if len(free) == 1:
                u = free[0]
                rest = c0[row] + C[row, known] @ phi[known]
                phi[u] = (r2_values[row] - rest) / C[row, u]
                known[u] = True
                roles[j] = ("determines", u)
            elif not free:
                roles[j] = ("predicted", None)
            else:
                deferred.append(row)
                roles[targets[row]] = ("joint", None)
        if deferred and not known.all():
            free = np.flatnonzero(~known)
            A = C[np.ix_(deferred, free)]
            y = np.array([r2_values[r] - c0[r] - C[r, known] @ phi[known] for r in deferred])
            phi[free] = np.linalg.lstsq(A, y, rcond=None)[0]
            known[free] = True
        R, r2 = implied_correlations(names, order, preds, paths, {p: phi[u] for u, p in enumerate(unknowns)})
        return phi, roles, R, r2, c0, C

    points = [p.value for p in path_printed]
    r2_points = [p.value for p in r2_printed]
    phi, roles, R, r2_implied, c0, C = solve(points, r2_points)
    eigenvalues = np.linalg.eigvalsh(R)
    inputs = path_printed + r2_printed

    def output(x, what):
        phi_x, _, R_x, r2_x, _, _ = solve(list(x[:len(links)]), list(x[len(links):]))
        return what(phi_x, R_x, r2_x)

    def phi_name(u):
        a, b = unknowns[u]
        return f"corr({a}, {b})"

    equations = []
    for row, j in enumerate(targets):
        terms = " ".join(f"{'+' if C[row, u] >= 0 else '−'} {abs(C[row, u]):.4f}·{phi_name(u)}"
                         for u in range(len(unknowns)) if abs(C[row, u]) > 1e-12)
        equations.append(f"R²({j}) = {c0[row]:.4f} {terms}".strip())
    setting = (f"With standardised construct scores, R²_j = b_j′ R b_j, and the paths fix every construct "
               f"correlation given the {len(unknowns)} correlation(s) among the exogenous constructs "
               f"({', '.join(exogenous)}); each R² is affine in them: " + "; ".join(equations) + ". ")
    assumption = _assumption_note(preds, order)
    rows = []
    for row, j in enumerate(targets):
        role, u = roles[j]
        printed = r2_printed[row]
        expansion = _expansion(preds[j], dict(zip(links, points)), R, index, j)
        if role == "determines":
            inside = -1 - _EPS <= phi[u] <= 1 + _EPS
            rows.append(Check(
                "structural_r2", table_r2, j, printed.value, r2_implied[j], "pass" if inside else "fail",
                setting + f"R²({j}) = {printed.text} determines {phi_name(u)} = ({printed.text} − "
                f"{c0[row] + (C[row] @ phi - C[row, u] * phi[u]):.4f}) / {C[row, u]:.4f} = {phi[u]:.4f}"
                + (f", a possible correlation; so R²({j}) alone is attainable" if inside else
                   ", outside [−1, 1]: no correlation can give this R² with these paths")
                + f" (check: {expansion} = {r2_implied[j]:.4f}). " + assumption))
            continue
        value, low, high = value_range(lambda x, j=j: output(x, lambda ph, Rx, r2x: r2x[j]), inputs)
        verdict, why = _rounding_verdict(low, high, printed, what=f"the implied R²({j})")
        fixed = ", ".join(f"{phi_name(v)} = {phi[v]:.4f}" for v in range(len(unknowns))) or "no unknown correlation"
        text = (setting + f"With {fixed} (from the R² above{' and least squares' if role == 'joint' else ''}), "
                f"the published paths give R²({j}) = {expansion} = {r2_implied[j]:.4f}, printed {printed.text}")
        if r2_implied[j] > 1:
            text += f": the residual variance 1 − R² = {1 - r2_implied[j]:.4f} is negative, impossible"
        text += "; " + why + ". " + assumption
        rows.append(Check("structural_r2", table_r2, j, printed.value, r2_implied[j], verdict, text))

    # the implied correlation matrix
    value, low, high = value_range(lambda x: output(x, lambda ph, Rx, r2x: float(np.linalg.eigvalsh(Rx)[0])), inputs)
    smallest = float(eigenvalues[0])
    verdict = "pass" if low >= -1e-10 else ("fail" if high < -1e-10 else "warn")
    corr_text = ", ".join(f"{a}–{b} {R[index[a], index[b]]:.4f}" for a, b in itertools.combinations(order, 2))
    text = (f"implied construct correlations ({corr_text}); eigenvalues {', '.join(f'{e:.4f}' for e in eigenvalues)}: "
            + ("all ≥ 0, a valid correlation matrix" if smallest >= -1e-10 else
               f"the smallest, {smallest:.4f}, is negative, so this is not a correlation matrix: no data set has it")
            + f"; with every printed path and R² anywhere in its rounding interval the smallest eigenvalue lies in "
            f"{_range_text(low, high)}" + ("" if verdict != "fail" else ", always negative: rounding cannot explain it"))
    if unknowns:
        best = _minimax(c0, C, np.array(r2_points), np.array([p.half for p in r2_printed]))
        if best is not None:
            phi_best, miss = best
            fitted = c0 + C @ phi_best
            text += ("; allowing any " + ", ".join(phi_name(u) for u in range(len(unknowns))) + " in [−1, 1], the "
                     "value(s) that miss the printed R² least are " + ", ".join(f"{phi_name(u)} = {phi_best[u]:.4f}"
                                                                       for u in range(len(unknowns)))
                     + ", giving " + ", ".join(f"R²({j}) = {fitted[r]:.4f} (printed {r2_printed[r].text})"
                                               for r, j in enumerate(targets))
                     + (f": every printed R² reachable within rounding" if miss <= 1e-9 else
                        f": at least one misses its rounding interval by {miss:.4f}, so no correlation among the "
                        "exogenous constructs reconciles the published paths with the published R²"))
    rows.append(Check("structural_correlation_matrix", f"{table_r2}+{table_paths}", "implied construct correlations",
                      None, smallest, verdict, text))
    return rows


def _assumption_note(preds: dict[str, list[str]], order: list[str]) -> str:
    """Whether any R² uses a correlation the normal equations do not fix (then the path-analysis assumption)."""
    position = {n: i for i, n in enumerate(order)}
    for target, p in preds.items():
        for a, b in itertools.combinations(p, 2):
            late, early = (a, b) if position[a] > position[b] else (b, a)
            if preds[late] and early not in preds[late]:
                return (f"(Assumption: corr({late}, {early}) follows from the disturbance of {late} being "
                        f"uncorrelated with {early}, the usual path-analysis assumption; PLS does not impose it.)")
    return ("(No assumption about disturbances is needed: every correlation entering an R² is fixed by the "
            "least-squares normal equations of the paths.)")


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


# ----------------------------------------------------------------------------- claims
def check_claims(pub: Published, model, options) -> list[Check]:
    """Each hypothesis' or claim's verdict against its p value; values quoted in the prose against the table."""
    rows = []
    alpha = options.alpha
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
        sign = "" if o is None else f", O = {o.text} ({'positive' if o.value > 0 else 'negative'})"
        verdict = "pass" if significant == claim.supported else "fail"
        if verdict == "pass" and not sure:
            verdict = "warn"
        rows.append(Check(
            "claim_verdict", claim.table, f"{claim.id} ({claim.path})", float(claim.supported), float(significant),
            verdict,
            f"printed p = {_printed_text(p, probability=True)} in {row.table}{sign}; p {'<' if significant else '≥'} α = {alpha} "
            f"(two-tailed), so the test {'supports' if significant else 'does not support'} it; the paper says "
            f"'{claim.verdict}'" + ("" if sure else "; the rounding interval of p contains α")
            + " (1 = supported, 0 = not)"))
        for statistic, quoted in claim.prose_values.items():
            if statistic not in row.values:
                continue
            printed = row.values[statistic]
            ok = overlaps(quoted.low, quoted.high, printed)
            rows.append(Check(
                "prose_vs_table", claim.table, f"{claim.id} ({claim.path}): {statistic}", printed.value, quoted.value,
                "pass" if ok else "fail",
                f"the text quotes {statistic} = {quoted.text} for {claim.path}; {row.table} prints {printed.text}"
                + (": the same within rounding" if ok else ": they differ (published = table, recomputed = prose)")))
    return rows


# ----------------------------------------------------------------------------- sample size
def check_sample_size(pub: Published, model, options) -> list[Check]:
    """10-times rule, 5 and 10 per indicator, and Kock & Hadaya's (2018) inverse square root method."""
    rows = []
    if pub.n is None:
        options.skipped.append(("sample_size", "all", "the published file gives no n"))
        return rows
    n = pub.n
    table = "n"
    preds = _predecessors(model)
    inbound = max(len(p) for p in preds.values())
    formative = max([len(c.indicators) for c in model.constructs if c.mode == "B"], default=0)
    need = 10 * max(inbound, formative)
    target = max(preds, key=lambda k: len(preds[k]))
    rows.append(Check(
        "sample_size_10_times_rule", table, "10 × the largest number of arrows at a construct", float(n), float(need),
        "pass" if n >= need else "fail",
        f"10-times rule (Barclay, Higgins & Thompson 1995; Hair et al. 2022, ch. 1): n ≥ 10 × max(largest number of "
        f"structural paths into a construct = {inbound} ({target}), largest formative block = {formative}) = {need}; "
        f"n = {n} {'meets' if n >= need else 'does not meet'} it"))
    m = len(model.indicator_names)
    for factor, fail_verdict in ((5, "fail"), (10, "warn")):
        need = factor * m
        rows.append(Check(
            f"sample_size_{factor}_per_indicator", table, f"{factor} × {m} indicators", float(n), float(need),
            "pass" if n >= need else fail_verdict,
            f"'5–10 respondents per indicator' (the rule of thumb the paper attributes to Hair et al.): "
            f"{factor} × {m} = {need}; n = {n} {'meets' if n >= need else 'falls short of'} the "
            f"{'lower' if factor == 5 else 'upper'} end"
            + ("" if n >= need or factor == 5 else " (a warning: the lower end is the rule's minimum)")))
    paths = [(link, row.values["original"]) for link, row in pub.effects.items()
             if "original" in row.values and link in set(model.paths)]
    if paths:
        link, weakest = min(paths, key=lambda kv: abs(kv[1].value))
        z = INVERSE_SQUARE_ROOT_CONSTANT
        value, low, high = value_range(lambda x: (z / abs(x[0])) ** 2, [weakest])
        need_high = math.floor(high) + 1
        verdict = "pass" if n > high else ("fail" if n <= low else "warn")
        rows.append(Check(
            "sample_size_inverse_square_root", pub.effects[link].table,
            f"weakest path {link[0]} -> {link[1]}", float(n), value, verdict,
            f"inverse square root method (Kock & Hadaya 2018), 5 % significance and 80 % power: n_min > "
            f"(2.486 / |β_min|)² with the weakest published path |β_min| = {weakest.text} ({link[0]} -> {link[1]}): "
            f"(2.486 / {weakest.text})² = {value:.2f}, {_range_text(low, high, 2)} over its rounding, so at least "
            f"{need_high} respondents; n = {n} {'meets' if n > high else 'does not meet'} it"))
    return rows


#: Every check, in the order the CSV lists them within a verdict.
CHECKS = (check_respondents, check_ave, check_rho_c, check_composite_reliability_variant, check_alpha,
          check_verdicts, check_adjusted_r2, check_r2_labels, check_structural, check_t_statistics,
          check_p_values, check_indirect_products, check_claims, check_sample_size)


def run_checks(pub: Published, model, options: ConsistencyOptions | None = None) -> list[Check]:
    """All checks, failures first (then warnings, then passes; stable within each)."""
    options = options or ConsistencyOptions()
    rows = [row for check in CHECKS for row in check(pub, model, options)]
    return sorted(rows, key=lambda r: VERDICTS.index(r.verdict))


def checks_table(rows: Sequence[Check]):
    """The checks as the ``consistency.csv`` DataFrame (columns :data:`COLUMNS`)."""
    import pandas as pd

    return pd.DataFrame([r.row() for r in rows], columns=COLUMNS)
