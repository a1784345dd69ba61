"""Higher-order constructs in the report: which the config defines, how each is measured, and the notes saying so.

A higher-order construct (config ``constructs.<Q>.dimensions``; Sarstedt et al. 2019) is measured
either by its dimensions' scores (the disjoint two-stage approach, and the embedded two-stage approach
of a formative one with repeated indicators: *staged*), or, with repeated indicators in Mode A, by its
dimensions' indicators again, with paths to its dimensions. A staged construct's dimensions are assessed
first, in the lower-order measurement model (:mod:`.lower_order`); the construct itself then appears in
the ordinary measurement tables with its dimensions as its indicators, which the tables' notes say
(:func:`hoc_notes`): the reflective tables for Mode A, Table 3e for Mode B.
"""
from __future__ import annotations

from collections.abc import Mapping

from ...study.extensions import is_higher_order
from ..inputs import ReportInputs

__all__ = ["higher_order", "is_staged", "staged_dimensions", "repeated_dimensions", "by_design", "hoc_notes"]


def higher_order(config: Mapping) -> dict:
    """The higher-order constructs of the config: name -> its entry (``dimensions``, ``mode``, ``approach``)."""
    return {str(name): spec for name, spec in config["constructs"].items() if is_higher_order(spec)}


def is_staged(spec: Mapping) -> bool:
    """Whether a higher-order construct is measured by its dimensions' scores: the disjoint two-stage approach,
    or repeated indicators in Mode B (the embedded two-stage approach)."""
    return spec.get("approach", "two_stage") == "two_stage" or spec.get("mode", "A") == "B"


def staged_dimensions(config: Mapping) -> set:
    """The dimensions of the staged higher-order constructs: constructs of the first stage only, absent from the
    final model's results files."""
    return {str(d) for spec in higher_order(config).values() if is_staged(spec) for d in spec["dimensions"]}


def repeated_dimensions(config: Mapping) -> dict:
    """The dimensions of the higher-order constructs measured by repeated indicators in Mode A (not staged): dimension
    -> its higher-order construct. In the final model each is explained by its higher-order construct (a path
    that is part of that construct's measurement), so its R² and that path's f² are no structural results."""
    return {str(d): name for name, spec in higher_order(config).items() if not is_staged(spec)
            for d in spec["dimensions"]}


def by_design(config: Mapping, first: str, second: str) -> bool:
    """Whether a pair of constructs is a repeated-indicators higher-order construct and one of its own dimensions,
    whose correlation is high by design (they share indicators): no discriminant-validity criterion applies to
    the pair (Sarstedt et al. 2019)."""
    dimensions = repeated_dimensions(config)
    return dimensions.get(str(first)) == str(second) or dimensions.get(str(second)) == str(first)


def hoc_notes(inputs: ReportInputs, mode: str) -> list:
    """The notes of a measurement table about the higher-order constructs of one mode it lists.

    Parameters
    ----------
    inputs : ReportInputs
    mode : {"A", "B"}
        ``"A"``: the reflective tables (2, 3); ``"B"``: the formative indicators' table (3e).

    Returns
    -------
    list of str
        One note per higher-order construct of ``mode``: what its indicators are, by which approach
        (Sarstedt et al. 2019), and where its dimensions are assessed; none without one.
    """
    t = inputs.t
    notes = []
    for name, spec in higher_order(inputs.config).items():
        if spec.get("mode", "A") != mode:
            continue
        fields = dict(hoc=name, dimensions=", ".join(map(str, spec["dimensions"])))
        if not is_staged(spec):
            notes.append(t("n_hoc_repeated", **fields))
        else:
            approach = "hoc_two_stage" if spec.get("approach", "two_stage") == "two_stage" else "hoc_embedded"
            notes.append(t("n_hoc_staged", approach=t(approach), part=t("sec_lower_order"), **fields))
    return notes
