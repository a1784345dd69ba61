"""MICOM (Henseler, Ringle & Sarstedt 2016) of one compared pair: the tables of Step 2 and Step 3 and the
sentences saying what the verdict allows.

From ``results/mga/<pair>/micom.csv`` (one row per construct, SmartPLS 4's MICOM columns):

* Step 1 (configural invariance) is a sentence: it holds by design, since both groups are estimated with the
  same model, indicators, data treatment and algorithm settings;
* Step 2 (compositional invariance): the correlation c of the composite scores built with the two groups' weights,
  its permutation mean, the 5 % quantile of the permuted c and the permutation p; invariance when c is not below
  the quantile. c lives near 1, so these three are shown with :func:`step2_decimals` decimals (4, or more where
  fewer would print c and its quantile alike);
* Step 3 (equal composite means, Step 3a, and variances, Step 3b, the logarithm of the variance ratio): the
  difference, the 2.5 % and 97.5 % quantiles of the permuted differences and the permutation p; and the verdict
  per construct: full (Steps 2, 3a and 3b), partial (Step 2 only) or none (Step 2 fails);
* a paragraph naming the constructs of each verdict and what it allows: pooling the groups' data (full
  invariance of every construct), comparing the groups' path coefficients (at least partial invariance), or
  neither for the paths of a construct without compositional invariance.
"""
from __future__ import annotations

from dataclasses import replace

from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, integer, pvalue
from .group_pairs import Pair

__all__ = ["step2_table", "step2_decimals", "step3_table", "verdicts", "verdict_text", "step1_text", "true",
           "STEP2_DECIMALS"]

#: The fewest and the most decimals of c, its permutation mean and its 5 % quantile in the Step 2 table.
STEP2_DECIMALS = (4, 8)


def true(value) -> bool:
    """A Boolean column of a results CSV (``True``/``False``, as pandas reads or writes it)."""
    return str(value).strip().lower() in ("true", "1", "1.0", "yes")


def verdicts(inputs: ReportInputs, pair: Pair) -> dict:
    """Construct -> its MICOM verdict (``"full"``, ``"partial"`` or ``"none"``) for ``pair``, in model order."""
    return {str(r["construct"]): str(r["invariance"]) for r in inputs.records(pair.file("micom"))}


def step1_text(inputs: ReportInputs, pair: Pair) -> str:
    """Step 1 of MICOM in words: configural invariance by design (same model, data treatment and settings)."""
    t = inputs.t
    treatment = t("treatment_" + str(inputs.config["data"]["missing_treatment"]))
    return t("micom_step1", first=pair.first.label, second=pair.second.label, treatment=treatment)


def step2_decimals(records: list) -> int:
    """The decimals of c, its permutation mean and its 5 % quantile in the Step 2 table: the fewest, at least 4,
    at which every construct's c and quantile print differently unless they are equal (so the printed numbers show
    the comparison the verdict rests on: c of reflective composites and its quantile often agree to 3 decimals),
    at most 8.

    Parameters
    ----------
    records : list of dict
        ``micom.csv``'s rows (``c``, ``c_q05``).

    Returns
    -------
    int

    Examples
    --------
    >>> step2_decimals([{"c": 0.99784, "c_q05": 0.99836}, {"c": 1.0, "c_q05": 1.0}])
    4
    >>> step2_decimals([{"c": 0.998312, "c_q05": 0.998341}])
    5
    """
    low, high = STEP2_DECIMALS
    pairs = [(float(r["c"]), float(r["c_q05"])) for r in records if float(r["c"]) != float(r["c_q05"])]
    return next((d for d in range(low, high) if all(fmt(c, d) != fmt(q, d) for c, q in pairs)), high)


def step2_table(inputs: ReportInputs, pair: Pair, number: str) -> Table:
    """MICOM Step 2, compositional invariance, of ``pair``.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``micom:<pair>``.
    pair : Pair
    number : str
        The table's number beside a published paper.

    Returns
    -------
    Table
        Per construct: the original correlation c, the permutation mean of c, its 5 % quantile (with
        :func:`step2_decimals` decimals), the permutation p and whether compositional invariance holds (flagged
        when it does not). The note says how to read them: invariance when c is not below the quantile; then
        p >= 0.05, so p < 0.05 always means no invariance, while a p below 0.05 + 1/P (P the permutations used)
        can go either way (:func:`plssem.micom.micom`: p = share of permuted c <= c, the quantile numpy's
        default). The constructs MICOM leaves out (generated indicators) are named in a note with the reason.
    """
    t = inputs.t
    records = inputs.records(pair.file("micom"))
    decimals = step2_decimals(records)
    rows = []
    for record in records:
        holds = true(record["compositional_invariance"])
        cells = [Cell(inputs.construct_text(record["construct"]))]
        cells += [Cell(fmt(record[k], decimals), float(record[k])) for k in ("c", "c_permutation_mean", "c_q05")]
        cells += [Cell(pvalue(record["c_p"], inputs.language), float(record["c_p"])),
                  Cell(t("answer_yes") if holds else t("answer_no"), flag=None if holds else "fail")]
        rows.append(Row(cells, keys=(str(record["construct"]),)))
    columns = [Column(t("c_construct"), "l"), Column(t("c_micom_c")), Column(t("c_micom_c_mean")), Column("5.0%"),
               Column(t("c_permutation_p")), Column(t("c_compositional_invariance"), "l")]
    columns = [replace(column, width=width) for column, width in zip(columns, (3.2, 2.2, 2.4, 1.4, 2.0, 2.6))]
    used = int(pair.details["permutations"]) - int(pair.details.get("failed_permutations", 0))
    notes = [t("n_micom2", permutations=integer(pair.details["permutations"], "en"), decimals=decimals,
               upper=fmt(0.05 + 1 / used, 4))]
    notes += _excluded(inputs, pair)
    return Table(f"table-micom2-{pair.slug}", number, t("t_micom2", first=pair.first.label,
                                                        second=pair.second.label),
                 columns, rows, notes=notes, sources=inputs.source(pair.file("micom")))


def _excluded(inputs: ReportInputs, pair: Pair) -> list:
    excluded = pair.details.get("micom_excluded") or {}
    if not excluded:
        return []
    return [inputs.t("n_micom_excluded", constructs="; ".join(f"{c}: {reason}" for c, reason in excluded.items()))]


def step3_table(inputs: ReportInputs, pair: Pair, number: str) -> Table:
    """MICOM Step 3, equal composite means (3a) and variances (3b), and the verdict per construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``micom:<pair>``.
    pair : Pair
    number : str

    Returns
    -------
    Table
        Per construct: the mean difference (first − second group) with the 2.5 % and 97.5 % quantiles of the
        permuted differences and the permutation p, the same for the logarithm of the variance ratio, and the
        verdict (full, partial, none; flagged unless full). A difference outside its interval is flagged.
    """
    t = inputs.t
    rows = []
    for record in inputs.records(pair.file("micom")):
        cells = [Cell(inputs.construct_text(record["construct"]))]
        for kind, equal in (("mean", "equal_means"), ("variance", "equal_variances")):
            value = float(record[f"{kind}_difference"])
            cells += [Cell(fmt(value), value, flag=None if true(record[equal]) else "warn")]
            cells += [Cell(fmt(record[f"{kind}_{q}"]), float(record[f"{kind}_{q}"])) for q in ("q025", "q975")]
            cells.append(Cell(pvalue(record[f"{kind}_p"], inputs.language), float(record[f"{kind}_p"])))
        verdict = str(record["invariance"])
        cells.append(Cell(t("invariance_" + verdict), flag={"none": "fail", "partial": "warn"}.get(verdict)))
        rows.append(Row(cells, keys=(str(record["construct"]),)))
    # LaTeX (cm), footnotesize: ten columns within the 17 cm text width, the headers wrapping
    widths = (2.2, 1.6, 1.15, 1.15, 1.15, 1.6, 1.15, 1.15, 1.15, 2.1)
    columns = [Column(t("c_construct"), "l"), Column(t("c_micom_mean_difference")), Column("2.5%"),
               Column("97.5%"), Column(t("c_micom_p", step="3a")), Column(t("c_micom_variance_difference")),
               Column("2.5%"), Column("97.5%"), Column(t("c_micom_p", step="3b")), Column(t("c_invariance"), "l")]
    columns = [replace(column, width=width) for column, width in zip(columns, widths)]
    notes = [t("n_micom3", first=pair.first.label, second=pair.second.label,
               permutations=integer(pair.details["permutations"], "en"))] + _excluded(inputs, pair)
    return Table(f"table-micom3-{pair.slug}", number, t("t_micom3", first=pair.first.label,
                                                        second=pair.second.label),
                 columns, rows, notes=notes, sources=inputs.source(pair.file("micom")), font="footnotesize")


def verdict_text(inputs: ReportInputs, pair: Pair, mga_table: str) -> str:
    """The paragraph reading MICOM's verdicts: the constructs of each, then what they allow (Henseler et al. 2016).

    Parameters
    ----------
    inputs : ReportInputs
    pair : Pair
    mga_table : str
        The id of the pair's MGA table of path coefficients, which the paragraph refers to.

    Returns
    -------
    str
        Full invariance of every construct: the data may be pooled and the paths compared; at least partial
        invariance of every construct: the paths may be compared, the data not pooled; a construct without
        compositional invariance: its paths cannot be compared (flagged in the MGA table), the data not pooled.
    """
    t = inputs.t
    by_verdict: dict = {}
    for construct, verdict in verdicts(inputs, pair).items():
        by_verdict.setdefault(verdict, []).append(construct)
    parts = [t("micom_" + verdict, constructs=", ".join(by_verdict[verdict]))
             for verdict in ("full", "partial", "none") if by_verdict.get(verdict)]
    ref = f"[[{mga_table}]]"
    if by_verdict.get("none"):
        parts.append(t("micom_allows_none", constructs=", ".join(by_verdict["none"]), table=ref))
    elif by_verdict.get("partial"):
        parts.append(t("micom_allows_compare", table=ref))
    else:
        parts.append(t("micom_allows_pool", table=ref))
    return " ".join(parts)
