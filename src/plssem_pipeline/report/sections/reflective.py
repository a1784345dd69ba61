"""The rows of a reflective measurement model's tables, shared by Tables 2 and 3 and by the lower-order
constructs' tables of a higher-order construct (:mod:`.lower_order`): each indicator's loading, its indicator
reliability and its construct's AVE; each construct's Cronbach's α, ρ_A and ρ_C (Hair et al. 2022, ch. 4)."""
from __future__ import annotations

from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, fmt, prose

__all__ = ["LOADING_REMOVE", "RHO_C_REDUNDANT", "convergent_rows", "convergent_columns", "convergent_note",
           "reliability_row", "reliability_columns", "reliability_note"]

#: Hair et al. (2022, ch. 4): an indicator loading below this is removed; one between it and the loading
#: criterion only when its removal raises AVE or composite reliability above their thresholds.
LOADING_REMOVE = 0.40
#: ρ_C above this suggests redundant items (Hair et al. 2022, ch. 4): flagged in Table 3.
RHO_C_REDUNDANT = 0.95


def _indicator_reliability(t, loading: float, threshold: float) -> tuple:
    """``(verdict, flag)`` of an indicator's reliability: its loading against ``threshold`` and 0.40."""
    if loading >= threshold:
        return t("ir_reliable"), None
    if loading >= LOADING_REMOVE:
        return t("ir_weak"), "warn"
    return t("ir_remove"), "fail"


def convergent_rows(inputs: ReportInputs, loadings, reliability, judged) -> list:
    """Rows of convergent validity: a group per construct, a row per indicator, the AVE on its first row.

    Parameters
    ----------
    inputs : ReportInputs
        For the wording and ``audit.criteria`` (loading, AVE).
    loadings, reliability : DataFrame
        ``results/outer/loadings.csv`` and ``reliability.csv`` (or their lower-order counterparts).
    judged : set of str
        The constructs to show (reflective multi-item ones); the others are skipped.

    Returns
    -------
    list of Row
        Each indicator's loading, λ² and verdict (:data:`LOADING_REMOVE`, ``audit.criteria.loading``); the
        AVE flagged below ``audit.criteria.ave``.
    """
    t, criteria = inputs.t, inputs.criteria
    reliability = reliability.set_index("construct")
    rows = []
    for construct, block in loadings.groupby("construct", sort=False):
        if str(construct) not in judged:
            continue
        rows.append(Row(group=inputs.construct_text(construct)))
        ave = float(reliability.loc[construct, "ave"])
        ave_ok = ave >= criteria["ave"]
        for k, record in enumerate(block.to_dict("records")):
            loading = float(record["loading"])
            verdict, flag = _indicator_reliability(t, loading, criteria["loading"])
            ave_cell = Cell(fmt(ave), ave, flag=None if ave_ok else "fail") if k == 0 else Cell("")
            keys = (str(record["indicator"]),) + ((str(construct),) if k == 0 else ())
            rows.append(Row([Cell(str(record["indicator"])), Cell(fmt(loading), loading, flag=flag),
                             Cell(fmt(loading ** 2), loading ** 2), ave_cell, Cell(verdict, flag=flag)], keys=keys))
    return rows


def convergent_columns(t) -> list:
    """The columns of :func:`convergent_rows`."""
    return [Column(t("c_indicator"), "l"), Column(t("c_loading")), Column(t("c_indicator_reliability")),
            Column(t("c_ave")), Column(t("c_result"), "l")]


def convergent_note(inputs: ReportInputs) -> str:
    """The note stating the thresholds of :func:`convergent_rows`."""
    lang, criteria = inputs.language, inputs.criteria
    return inputs.t("n_t2", threshold=prose(criteria["loading"], lang, 2), remove=prose(LOADING_REMOVE, lang, 2),
                    ave=prose(criteria["ave"], lang, 2))


def reliability_row(inputs: ReportInputs, record) -> Row:
    """A construct's α, ρ_A, ρ_C (flagged above :data:`RHO_C_REDUNDANT`) and verdict (``audit.criteria``)."""
    t, threshold = inputs.t, inputs.criteria["reliability"]
    alpha, rho_a, rho_c = (float(record[k]) for k in ("cronbach_alpha", "rho_a", "rho_c"))
    ok = alpha >= threshold and rho_c >= threshold
    return Row([Cell(inputs.construct_text(record["construct"])), Cell(fmt(alpha), alpha),
                Cell(fmt(rho_a), rho_a), Cell(fmt(rho_c), rho_c, flag="warn" if rho_c > RHO_C_REDUNDANT else None),
                Cell(t("reliable") if ok else t("not_reliable"), flag=None if ok else "fail")],
               keys=(str(record["construct"]),))


def reliability_columns(t) -> list:
    """The columns of :func:`reliability_row`."""
    return [Column(t("c_construct"), "l"), Column(t("c_alpha")), Column(t("c_rho_a")), Column(t("c_rho_c")),
            Column(t("c_result"), "l")]


def reliability_note(inputs: ReportInputs) -> str:
    """The note stating the thresholds of :func:`reliability_row`."""
    return inputs.t("n_t3", threshold=prose(inputs.criteria["reliability"], inputs.language, 2),
                    redundant=prose(RHO_C_REDUNDANT, inputs.language, 2))
