"""Section "Statistical power": the Monte Carlo power analysis (config ``power``; rules power_chunk, power).

Only when the study configures ``power``; from the power step's files (``results/power/``):

* a sentence on what was simulated: the population (estimated or given), the replications per sample size, the
  test (each replication's own bootstrap, or the normal approximation), α, the tails and the seed;
* Table 10a, the power of each effect at each sample size with its Monte Carlo SE (√(P(1 − P)/R)), power at or
  above the target in bold; a model's effects beyond :data:`MAX_EFFECTS` are left to ``results/power/power.csv``
  (the hypothesised effects first, :func:`..figures.power_curve.shown_effects`), as a note says;
* the power curve (:mod:`..figures.power_curve`) and a sentence on which effects reach the target;
* Table 10b, the smallest simulated n reaching the target beside the inverse square root and gamma-exponential
  methods (Kock & Hadaya 2018).
"""
from __future__ import annotations

from plssem.power import AT_SMALLEST

from ..blocks import figure, section as make_section, table, text
from ..figures.power_curve import shown_effects
from ..inputs import ReportInputs
from ..localize import localized
from ..tables import Cell, Column, Row, Table, fmt, integer, prose

__all__ = ["MAX_EFFECTS", "NUMBER", "power_table", "minimum_n_table", "settings_text", "reading_text", "section"]

#: The number of the section's tables and figure: 10a, 10b (after the IPMA's 9a, 9b).
NUMBER = "10"
#: The most effects the report's tables list; the others are in the results files.
MAX_EFFECTS = 20


def _details(inputs: ReportInputs) -> dict:
    return inputs.optional_json("power_summary")["details"]


def _effects(inputs: ReportInputs) -> tuple[list[str], list[str]]:
    """The effects the tables list and those left to the files (:data:`MAX_EFFECTS`)."""
    details = _details(inputs)
    return shown_effects(list(details["effects"]), details["hypothesised"], limit=MAX_EFFECTS)


def _left_out_note(inputs: ReportInputs, rest: list, name: str) -> list[str]:
    return [inputs.t("n_power_left_out", count=len(rest), file=str(inputs.files[name]))] if rest else []


def _stated_key(inputs: ReportInputs) -> str:
    """``estimated`` or ``given``: what the stated values are (the survey's estimates or the config's values)."""
    return _details(inputs)["population"]


def _mc_se(record) -> Cell:
    """The Monte Carlo SE; "< 1/R" when the power is 0 or 1, where √(P(1 − P)/R) is 0 but the error is not."""
    power, se = float(record["power"]), float(record["mc_se"])
    if power in (0.0, 1.0):
        return Cell(f"< {fmt(1 / int(record['replications']))}", se)
    return Cell(fmt(se), se)


def _whole(value, missing: str = "–") -> Cell:
    """A whole number's cell; ``missing`` for an empty one (NaN)."""
    return Cell(str(int(value)), int(value)) if value == value else Cell(missing)


def power_table(inputs: ReportInputs) -> Table:
    """The power of each effect at each simulated sample size (``results/power/power.csv``).

    Returns
    -------
    Table
        Grouped by effect (its true value in the heading), one row per n: Power, MC SE and the failed
        replications; power at or above the target in bold.
    """
    t, details = inputs.t, _details(inputs)
    shown, rest = _effects(inputs)
    by_effect: dict[str, list] = {}
    for record in inputs.optional_records("power_table"):
        by_effect.setdefault(str(record["effect"]), []).append(record)
    rows = []
    for effect in shown:
        records = by_effect[effect]
        # a row-group heading is not localised with the cells (localize.localize_tables): its numbers are, here
        values = {key: localized(fmt(records[0][column]), inputs.language)
                  for key, column in (("value", "true_value"), ("given", "stated_value"))}
        rows.append(Row(group=t("power_group", effect=effect, stated=t("power_stated_" + _stated_key(inputs)),
                                **values)))
        for record in records:
            power = float(record["power"])
            strong = "strong" if power >= details["target"] else None
            rows.append(Row([Cell(str(int(record["n"])), int(record["n"])), Cell(fmt(power), power, flag=strong),
                             _mc_se(record),
                             Cell(str(int(record["failed"])), int(record["failed"]))],
                            keys=(f"{effect} n={int(record['n'])}",)))
    columns = [Column("n", "l"), Column(t("c_power")), Column(t("c_mc_se")), Column(t("c_power_failed"))]
    notes = [t("n_power", target=fmt(details["target"], 2), replications=integer(details["replications"], "en"),
               bound=fmt(1 / details["replications"]))]
    return Table("table-power", NUMBER + "a", t("t_power"), columns, rows,
                 notes=notes + _left_out_note(inputs, rest, "power_table"), sources=inputs.source("power_table"))


def minimum_n_table(inputs: ReportInputs) -> Table:
    """The smallest simulated n reaching the target power beside Kock & Hadaya's (2018) two methods
    (``results/power/minimum_n.csv``)."""
    t, details = inputs.t, _details(inputs)
    shown, rest = _effects(inputs)
    records = {str(r["effect"]): r for r in inputs.optional_records("power_minimum_n")}
    rows = []
    for effect in shown:
        record = records[effect]
        cells = [Cell(effect), Cell(fmt(record["true_value"]), float(record["true_value"])),
                 Cell(fmt(record["stated_value"]), float(record["stated_value"])), _minimum(record, t)]
        cells += [_whole(record[k]) for k in ("inverse_square_root", "gamma_exponential")]   # none for a zero effect
        rows.append(Row(cells, keys=(effect,)))
    columns = [Column(t("c_effect"), "l", nowrap=True), Column(t("c_true_value")),
               Column(t("c_stated_" + _stated_key(inputs))), Column(t("c_minimum_n")),
               Column(t("c_inverse_square_root")), Column(t("c_gamma_exponential"))]
    methods = details["kock_hadaya"]
    notes = [t("n_power_minimum_n", target=fmt(details["target"], 2), largest=str(max(details["n"])),
               smallest=str(min(details["n"])), alpha=fmt(details["alpha"], 2),
               tails=t(f"power_tails_{methods['tails']}"), tails_count=str(methods["tails"]),
               constant=fmt(methods["constant"]), constant_one_tailed=fmt(methods["constant_one_tailed"]))]
    return Table("table-power-minimum-n", NUMBER + "b", t("t_power_minimum_n", target=fmt(details["target"], 2)),
                 columns, rows, notes=notes + _left_out_note(inputs, rest, "power_minimum_n"),
                 sources=inputs.source("power_minimum_n"))


def _minimum(record, t) -> Cell:
    """The simulated minimum n: "≤ n" when the smallest n simulated reaches the target, "not reached" when none."""
    if record["minimum_n"] != record["minimum_n"]:                  # NaN: no n of the grid reaches the target
        return Cell(t("power_not_reached"), flag="warn")
    least = int(record["minimum_n"])
    return Cell(f"≤ {least}" if record["note"] == AT_SMALLEST else str(least), least)


def settings_text(inputs: ReportInputs) -> str:
    """What was simulated: the population, the replications and sample sizes, the test, α, the tails, the seed."""
    t, details, language = inputs.t, _details(inputs), inputs.language
    test = (t("power_test_bootstrap", samples=integer(details["samples"], language),
              rule=t("power_rule_" + details["significance"]))
            if details["test"] == "bootstrap" else t("power_test_normal"))
    grid = ", ".join(integer(n, language) for n in details["n"])
    estimated = details["population"] == "estimated"
    return t("power_settings", replications=integer(details["replications"], language), grid=grid,
             population=t("power_population_" + details["population"], survey=details.get("survey") or ""),
             test=test, stated=t("power_stated_" + details["population"]),
             caution=t("power_posthoc", space=" ") if estimated else "",
             alpha=prose(details["alpha"], language), tails=t(f"power_tails_{details['tails']}"),
             seed=str(inputs.optional_json("power_summary")["seed"]))


def reading_text(inputs: ReportInputs) -> str:
    """Which effects reach the target power at the largest simulated n, and which need more respondents."""
    t, details = inputs.t, _details(inputs)
    target = prose(details["target"], inputs.language)
    missing = details["not_reached"]
    if not missing:
        return t("power_all_reached", target=target, largest=integer(max(details["n"]), inputs.language))
    return t("power_some_not_reached", target=target, largest=integer(max(details["n"]), inputs.language),
             count=len(missing), total=len(details["effects"]),
             effects="; ".join(missing[:MAX_EFFECTS]) + ("; …" if len(missing) > MAX_EFFECTS else ""))


def section(inputs: ReportInputs) -> dict | None:
    """Section "Statistical power"; None without the power step's files."""
    if inputs.optional_json("power_summary") is None:
        return None
    t = inputs.t
    caption = t("f_power", target=prose(_details(inputs)["target"], inputs.language))
    return make_section("power", t("sec_power"), [
        text(settings_text(inputs)), table(power_table(inputs)),
        figure(inputs.figure("power_curve", NUMBER, caption)), text(reading_text(inputs)),
        table(minimum_n_table(inputs)),
    ])
