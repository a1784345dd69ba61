"""Section "Multi-group analysis": the groups, their bootstrap results, and per compared pair MICOM and the MGA.

Only when the study compares groups (config ``groups``; the report is then given the files of
:mod:`.group_pairs`); a study without them has no such section. In order:

* a sentence naming the groups (the categories of ``groups.variable``, their labels and sizes), the
  respondents without a value of the variable, who belong to no group, and the groups below the ten-times rule
  of thumb (the clean step's ``recommended_respondents``; the group_data step warns of them too);
* the groups' own bootstrap results of the path coefficients in SmartPLS 4's layout (Original, Mean, STDEV,
  t, p and the interval; SmartPLS "Bootstrap MGA", per-group results), one group of rows per group;
* per compared pair (first − second group): MICOM Step 1 in words, the Step 2 and Step 3 tables and the
  paragraph on what the verdict allows (:mod:`.micom`), then the MGA tables of the path coefficients and, when
  the model has them, the specific indirect effects, each with the sentence naming the significant differences
  (:mod:`.mga`).

:func:`methods_text` is the methods' sentence on the settings (permutations, their seed, the groups' bootstrap).
"""
from __future__ import annotations

import string

from ...study.labels import label_for
from ..blocks import heading, section as make_section, table, text
from ..inputs import ReportInputs
from ..tables import Cell, Row, Table, integer
from .group_pairs import GROUP_FILE, Pair, groups, pairs
from .micom import step1_text, step2_table, step3_table, verdict_text
from .mga import family_records, mga_table, mga_text
from .smartpls import bootstrap_cells, bootstrap_columns

__all__ = ["groups_text", "bootstrap_table", "methods_text", "section", "NUMBER"]

#: The number of the section's tables beside a published paper: 8a, 8b, ... (after the model fit's 7d-7f).
NUMBER = "8"


def _number(k: int) -> str:
    """The ``k``-th table's number (0-based): ``8a`` ... ``8z``, then ``8.27``, ``8.28``, ..."""
    return NUMBER + string.ascii_lowercase[k] if k < 26 else f"{NUMBER}.{k + 1}"


def groups_text(inputs: ReportInputs, compared: list[Pair]) -> str:
    """The sentence naming the groups, their sizes and the respondents who belong to none.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``groups.variable`` and its label (``respondents.<variable>.label``), and the ten-times rule of
        thumb (``clean_summary``'s ``recommended_respondents``).
    compared : list of Pair
        Their groups' sizes and the respondents without a value (the mga step's ``without_group``).

    Returns
    -------
    str
    """
    t, language = inputs.t, inputs.language
    variable = str(inputs.config["groups"]["variable"])
    label = label_for(((inputs.config.get("respondents") or {}).get(variable) or {}).get("label"), language, variable)
    shown = "; ".join(g.text(language) for g in groups(compared))
    out = t("groups_intro", variable=label, variable_key=variable, groups=shown)
    unassigned = int(compared[0].details.get("without_group", 0))   # the mga step's count, the same for every pair
    if unassigned:
        out += " " + t("groups_unassigned", count=integer(unassigned, language))
    need = inputs.summaries["clean_summary"]["details"].get("recommended_respondents")
    small = [g.text(language) for g in groups(compared) if need and g.n < int(need)]
    if small:
        out += " " + t("groups_below_ten_times", groups="; ".join(small), need=integer(need, language))
    return out


def bootstrap_table(inputs: ReportInputs, compared: list[Pair], number: str) -> Table:
    """The groups' bootstrap results of the path coefficients, one group of rows per group.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``group_bootstrap:<code>`` of every compared group (the rows of family ``paths``).
    compared : list of Pair
    number : str

    Returns
    -------
    Table
        SmartPLS 4's bootstrapping layout (:mod:`.smartpls`): O, M, STDEV, T (|O/STDEV|), P values and the
        interval, each group's estimates on its own data with its own subsamples.
    """
    t = inputs.t
    rows, sources = [], []
    for group in groups(compared):
        name = f"{GROUP_FILE}:{group.code}"
        sources.append(name)
        rows.append(Row(group=group.text(inputs.language)))
        for record in inputs.records(name):
            if str(record["family"]) != "paths":
                continue
            path = str(record["statistic"])
            rows.append(Row([Cell(path)] + bootstrap_cells(inputs, record), keys=(f"{group.code} {path}",)))
    notes = [t("n_group_bootstrap", samples=integer(inputs.config["bootstrap"]["samples"], "en"),
               ci=inputs.ci_method, level=inputs.level)]
    return Table("table-group-bootstrap", number, t("t_group_bootstrap"), bootstrap_columns(inputs, t("c_path")),
                 rows, notes=notes, sources=inputs.source(*sources), keep_groups=True)   # PDF: a group per page


def methods_text(inputs: ReportInputs) -> str | None:
    """The methods' sentence on the group comparison: the variable, the permutations and their seed, the groups'
    bootstrap; None when the study compares no groups."""
    compared = pairs(inputs)
    if not compared:
        return None
    t, language = inputs.t, inputs.language
    details = compared[0].details
    failed = sum(int(p.details.get("failed_permutations", 0)) for p in compared)
    out = t("m_groups", variable=str(inputs.config["groups"]["variable"]),
            pairs="; ".join(f"{p.first.label} − {p.second.label}" for p in compared),
            permutations=integer(details["permutations"], language), seed=str(details["seed"]),
            samples=integer(inputs.config["bootstrap"]["samples"], language))
    if failed:
        out += " " + t("m_groups_failed", count=integer(failed, language))
    return out


def section(inputs: ReportInputs) -> dict | None:
    """Section "Multi-group analysis"; None when the report is given no compared pair (config ``groups`` null)."""
    compared = pairs(inputs)
    if not compared:
        return None
    t = inputs.t
    count = iter(range(10_000))
    blocks = [text(groups_text(inputs, compared)), table(bootstrap_table(inputs, compared, _number(next(count))))]
    for pair in compared:
        names = dict(first=pair.first.label, second=pair.second.label)
        micom2 = step2_table(inputs, pair, _number(next(count)))
        micom3 = step3_table(inputs, pair, _number(next(count)))
        paths = mga_table(inputs, pair, "paths", _number(next(count)))
        indirect = (mga_table(inputs, pair, "specific_indirect", _number(next(count)))
                    if family_records(inputs, pair, "specific_indirect") else None)
        blocks += [heading(t("sec_micom", **names)), text(step1_text(inputs, pair)), table(micom2), table(micom3),
                   text(verdict_text(inputs, pair, paths.id)),
                   heading(t("sec_mga", **names)), table(paths), text(mga_text(inputs, pair)),
                   table(indirect) if indirect is not None else None,
                   text(mga_text(inputs, pair, "specific_indirect")) if indirect is not None else None]
    return make_section("groups", t("sec_groups"), blocks)
