"""The response scale of each indicator, and which indicators are reverse-coded.

An indicator is answered on its construct's scale, ``constructs.<C>.scale``
(``{min, max}``), or, when the construct sets none, on the study's
``data.scale``. An indicator listed in ``constructs.<C>.reverse`` is
reverse-coded before estimation, on its own scale: ``x -> min + max - x``
(Hair et al. 2022, ch. 2, "Data collection and examination": negatively
worded items are recoded so that all items of a reflective block point the
same way). The scales are recorded by the clean step (``results/clean/summary.json``,
``details.scales``) and the describe step (``results/describe/indicators.csv``,
``scale_min`` and ``scale_max``), where later steps (e.g. the importance-performance
map, whose performance scores rescale each indicator from its scale to 0-100)
read them.

References
----------
Hair, J. F., Hult, G. T. M., Ringle, C. M., & Sarstedt, M. (2022). *A Primer
on Partial Least Squares Structural Equation Modeling (PLS-SEM)* (3rd ed.).
Sage.
"""
from __future__ import annotations

from collections.abc import Mapping

__all__ = ["indicator_scales", "scale_problems"]


def _bound(value) -> int | float:
    """A scale bound as a plain int when it is whole (``1``, not ``1.0``), else a float."""
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def indicator_scales(data: Mapping, constructs: Mapping) -> dict[str, dict]:
    """The response scale of every indicator, in model order.

    Parameters
    ----------
    data : Mapping
        The ``data`` config section; its ``scale`` (default ``{min: 1, max: 5}``) applies to
        the constructs that set no scale of their own.
    constructs : Mapping
        Construct -> ``{"indicators": [...], "scale": {"min", "max"} or None, "reverse": [...]}``.

    Returns
    -------
    dict
        Indicator -> ``{"construct", "scale_min", "scale_max", "scale_key", "reverse_coded"}``:
        ``scale_key`` is the config key the scale comes from (``constructs.<C>.scale`` or
        ``data.scale``); ``reverse_coded`` whether the item is in ``constructs.<C>.reverse``.
        Plain Python values (JSON- and Snakemake-params-safe).
    """
    default = data.get("scale") or {}
    out: dict[str, dict] = {}
    for name, spec in constructs.items():
        own = spec.get("scale")
        scale, key = (own, f"constructs.{name}.scale") if own else (default, "data.scale")
        reverse = {str(i) for i in spec.get("reverse") or ()}
        for indicator in spec.get("indicators") or ():
            out[str(indicator)] = {"construct": str(name), "scale_min": _bound(scale.get("min", 1)),
                                   "scale_max": _bound(scale.get("max", 5)), "scale_key": key,
                                   "reverse_coded": str(indicator) in reverse}
    return out


def scale_problems(config: Mapping) -> list[str]:
    """Scales whose min is not below their max, reversed items outside their construct, and
    missing-value codes that are a valid answer on a scale in use.

    Parameters
    ----------
    config : Mapping
        A schema-valid configuration (``data``, ``constructs``).

    Returns
    -------
    list of str
        One line per problem, naming its config key (``data.scale``, ``constructs.<C>.scale``,
        ``constructs.<C>.reverse[j]``, ``data.missing_codes[i]``).
    """
    data, constructs = config["data"], config["constructs"]
    problems: list[str] = []
    own = [(f"constructs.{name}.scale", spec["scale"]) for name, spec in constructs.items() if spec.get("scale")]
    for key, scale in [("data.scale", data["scale"]), *own]:
        if not scale["min"] < scale["max"]:
            problems.append(f"config key {key}: min ({scale['min']}) must be below max ({scale['max']})")
    # the scales some indicator is answered on: data.scale only if a construct has no scale of its own
    in_use = own if all(spec.get("scale") for spec in constructs.values()) else [("data.scale", data["scale"]), *own]
    return problems + _missing_code_problems(data["missing_codes"], in_use) + _reverse_problems(constructs)


def _missing_code_problems(codes, scales: list) -> list[str]:
    """Missing-value codes that are a valid answer on one of ``scales`` (``(config key, scale)`` pairs)."""
    from .schema import as_number

    problems = []
    for i, code in enumerate(codes):
        number = as_number(code)
        for key, scale in scales:
            if number is not None and scale["min"] <= number <= scale["max"]:
                problems.append(f"config key data.missing_codes[{i}]: {code!r} is a valid answer on the scale "
                                f"{scale['min']}–{scale['max']} ({key}), so it cannot also mean 'missing'")
    return problems


def _reverse_problems(constructs: Mapping) -> list[str]:
    """Reverse-coded items listed twice, or not among their construct's indicators."""
    problems = []
    owner = {str(i): str(c) for c, spec in constructs.items() for i in spec.get("indicators") or ()}
    for name, spec in constructs.items():
        if spec.get("dimensions") is not None:
            continue  # a higher-order construct has no items of its own (study.extension_checks says so)
        items = [str(i) for i in spec.get("indicators") or ()]
        seen: set[str] = set()
        for j, item in enumerate(spec.get("reverse") or ()):
            item, key = str(item), f"constructs.{name}.reverse[{j}]"
            if item in seen:
                problems.append(f"config key {key}: {item!r} is listed twice")
            elif item not in items:
                where = (f"it is an indicator of construct {owner[item]!r} (list it under "
                         f"constructs.{owner[item]}.reverse)" if item in owner else "no construct has it")
                problems.append(f"config key {key}: {item!r} is not an indicator of construct {name!r} "
                                f"(constructs.{name}.indicators: {', '.join(items)}); {where}")
            seen.add(item)
    return problems
