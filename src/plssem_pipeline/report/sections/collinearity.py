"""Part of the section "Measurement model": collinearity, Tables 3c (indicator VIF) and 3f (full collinearity).

Table 3c lists the outer VIF of every indicator, as SmartPLS does, but judges only
formative (Mode B) indicators: a formative block's indicators should not be
redundant, whereas a reflective block's are meant to correlate highly (Hair et al.
2022, chs. 4–5). Table 3f, shown when ``report.common_method_bias`` is true, is Kock's
(2015) full-collinearity test for common method bias: each construct's score
regressed on all the other constructs' scores, VIF = 1/(1 − R²), against
``audit.criteria.full_collinearity_vif`` (3.3).
"""
from __future__ import annotations

from ...analysis.formative import collinearity
from ..inputs import ReportInputs
from ..tables import Cell, Column, Row, Table, fmt, isnan, prose
from .formative import dash, kinds

__all__ = ["vif_verdict", "table3c", "table3f"]


#: :func:`plssem_pipeline.analysis.formative.collinearity`'s level -> (key of its wording, cell flag).
_VERDICTS = {"critical": ("vif_critical", "fail"), "possible": ("vif_possible", "warn"), "none": ("vif_ok", None)}


def vif_verdict(t, vif: float) -> tuple:
    """Judge a VIF (Hair et al. 2022): critical collinearity from 5, possible from 3.

    The rule is :func:`plssem_pipeline.analysis.formative.collinearity`'s, the one that writes the
    ``collinearity`` column of ``results/bootstrap/formative.csv``.

    Parameters
    ----------
    t : Catalogue
        The report's strings.
    vif : float

    Returns
    -------
    tuple
        ``(verdict, flag)``: the verdict's text and the cell flag (``"fail"``, ``"warn"`` or None).
    """
    key, flag = _VERDICTS[collinearity(vif)]
    return t(key), flag


def _indicator_row(t, record, *, formative: bool, verdicts: bool) -> Row:
    """One indicator of Table 3c: its VIF, judged when ``formative``; the verdict's cell when ``verdicts``."""
    vif = float(record["vif"])
    verdict, flag = vif_verdict(t, vif) if formative else (t("vif_not_judged"), None)
    cells = [Cell(str(record["indicator"])), Cell(fmt(vif), vif, flag=flag)]
    return Row(cells + ([Cell(verdict, flag=flag)] if verdicts else []), keys=(str(record["indicator"]),))


def table3c(inputs: ReportInputs) -> Table:
    """Table 3c, indicator collinearity: the outer VIF of each indicator, grouped by construct.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``outer_vif`` (``results/outer/vif.csv``, the step ``outer``'s) and the constructs' modes.

    Returns
    -------
    Table
        Every indicator's VIF, as SmartPLS lists them; a formative (Mode B) indicator's judged by
        :func:`vif_verdict`, any other's marked as not judged. Without formative constructs there is no
        verdict column, and a note says why.
    """
    t = inputs.t
    formative = set(kinds(inputs)["formative"])
    rows = []
    for construct, block in inputs.frame("outer_vif").groupby("construct", sort=False):
        rows.append(Row(group=inputs.construct_text(construct)))
        rows += [_indicator_row(t, record, formative=str(construct) in formative, verdicts=bool(formative))
                 for record in block.to_dict("records")]
    columns = [Column(t("c_indicator"), "l"), Column(t("c_vif"))] + ([Column(t("c_result"), "l")] if formative else [])
    return Table("table-3c", "3c", t("t3c"), columns, rows, notes=[t("n_t3c")], sources=inputs.source("outer_vif"),
                 font="footnotesize")


def table3f(inputs: ReportInputs) -> Table | None:
    """Table 3f, full collinearity for common method bias (Kock & Lynn 2012; Kock 2015).

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``full_collinearity_vif`` (``results/outer/full_collinearity_vif.csv``); the threshold is
        ``audit.criteria.full_collinearity_vif``.

    Returns
    -------
    Table or None
        One row per construct, a VIF above the threshold flagged; None unless ``report.common_method_bias``
        is true.
    """
    if not (inputs.config.get("report") or {}).get("common_method_bias"):
        return None
    t, threshold = inputs.t, float(inputs.criteria["full_collinearity_vif"])
    rows = []
    for record in inputs.records("full_collinearity_vif"):
        vif = float(record["vif"])
        ok = not isnan(vif) and vif <= threshold
        flag = None if ok else "fail"
        rows.append(Row([Cell(inputs.construct_text(record["construct"])), Cell(dash(vif), vif, flag=flag),
                         Cell(t("cmb_ok") if ok else t("cmb_problem"), flag=flag)],
                        keys=(str(record["construct"]),)))
    columns = [Column(t("c_construct"), "l"), Column(t("c_vif")), Column(t("c_result"), "l")]
    return Table("table-3f", "3f", t("t3f"), columns, rows,
                 notes=[t("n_t3f", threshold=prose(threshold, inputs.language))],
                 sources=inputs.source("full_collinearity_vif"))
