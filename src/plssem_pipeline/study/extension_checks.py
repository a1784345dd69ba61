"""What the schema cannot say about interaction terms, higher-order constructs and control variables.

* ``constructs.<C>``: a name that reads as an interaction term (``"A x B"``); indicators or dimensions
  (not both, not neither); the keys of a
  construct with indicators (``approach``, ``scale``, ``reverse``, ``redundancy``,
  ``model: common_factor``) not on a higher-order construct, nor ``approach`` on one without dimensions;
* ``constructs.<C>.dimensions``: constructs with indicators, listed once, each of one
  higher-order construct only;
* ``paths``: a dimension in a path (the path goes from or to its higher-order construct),
  an interaction term without both main effects, with a higher-order construct, or as a target;
* ``controls``: a column that is also an indicator, a construct, the id column or a redundancy item
  (a respondent-profile variable may be a control too: the control reads the column's numbers, the
  profile table its categories); a target that is not an endogenous construct.

Unknown constructs in a path, interaction terms' included, are named by
:func:`plssem_pipeline.study.semantics.check_semantics`; a control column missing from the
survey or not numeric, by the clean step.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from .extensions import control_targets, is_higher_order

__all__ = ["path_ends", "repeated_members", "extension_problems"]

#: Keys of a construct measured by its own indicators, meaningless for a higher-order construct.
_INDICATOR_KEYS = ("scale", "reverse", "redundancy")


def path_ends(source: str, target: str) -> tuple[str, ...]:
    """The constructs a path names: ``(source, target)``, an interaction term's two constructs in its place
    (``"A x B -> C"``: ``("A", "B", "C")``).

    Raises
    ------
    plssem.ModelError
        A malformed interaction term (``"A x B x C"``).
    """
    from plssem.specification import parse_term

    return tuple(part for end in (source, target) for part in (parse_term(end) or (end,)))


def repeated_members(lists: Mapping[str, Sequence]) -> tuple[dict[str, str], list[tuple[str, int, str, str]]]:
    """Members listed twice in one list, or in two lists (an indicator in two constructs, a dimension in two
    higher-order constructs).

    Parameters
    ----------
    lists : mapping
        Owner -> its members, in order.

    Returns
    -------
    owner : dict
        Member -> the first owner listing it.
    repeats : list of (owner, position, member, earlier owner)
        Each listing after the first; the earlier owner is ``owner`` itself for a member listed twice in one list.
    """
    owner: dict[str, str] = {}
    repeats = []
    for name, members in lists.items():
        for j, member in enumerate(members):
            member = str(member)
            if member in owner:
                repeats.append((str(name), j, member, owner[member]))
            owner.setdefault(member, str(name))
    return owner, repeats


def _hint(name: str, names) -> str:
    found = difflib.get_close_matches(str(name), [str(n) for n in names], n=1)
    return f" (did you mean {found[0]!r}?)" if found else ""


def _term_like(key: str, name: str) -> list[str]:
    """A construct name that a path would read as an interaction term (``"A x B"``, ``"A*B"``)."""
    from plssem import ModelError
    from plssem.specification import parse_term

    try:
        term = parse_term(str(name))
    except ModelError:   # "A x B x C": no term either, but a name the paths cannot hold
        term = True
    return [f"config key {key}: a construct name cannot contain ' x ', ' × ' or '*', which write an interaction "
            f"term in config key paths ('A x B -> C'); rename {name!r}"] if term else []


def _construct_problems(constructs: Mapping) -> list[str]:
    """Each construct's indicators or dimensions, and its keys that do not fit its kind."""
    problems = []
    for name, spec in constructs.items():
        key = f"constructs.{name}"
        problems += _term_like(key, name)
        if is_higher_order(spec):
            if spec.get("indicators") is not None:
                problems.append(f"config key {key}: lists both indicators and dimensions; a higher-order construct "
                                "is measured through its dimensions (constructs.<dimension>.indicators): remove one")
            problems += [f"config key {key}.{extra}: applies to a construct measured by its own indicators, and "
                         f"{name!r} is a higher-order construct ({key}.dimensions); set it on its dimensions"
                         for extra in _INDICATOR_KEYS if spec.get(extra)]
            if spec.get("model", "composite") == "common_factor":
                problems.append(f"config key {key}.model: a higher-order construct is a composite of its "
                                "dimensions here; remove model: common_factor")
        else:
            if spec.get("indicators") is None:
                problems.append(f"config key {key}.indicators: required but missing — survey columns measuring "
                                "the construct (a higher-order construct lists dimensions instead)")
            if spec.get("approach") is not None:
                problems.append(f"config key {key}.approach: only for a higher-order construct (one with "
                                f"{key}.dimensions)")
    return problems


def _dimension_problems(constructs: Mapping) -> tuple[dict[str, str], list[str]]:
    """``(dimension -> its higher-order construct, problems)``."""
    problems: list[str] = []
    names = [str(n) for n in constructs]
    lists = {str(name): [str(d) for d in spec["dimensions"]] for name, spec in constructs.items()
             if is_higher_order(spec)}
    for name, dims in lists.items():
        for j, dim in enumerate(dims):
            key = f"config key constructs.{name}.dimensions[{j}]"
            if dim == name:
                problems.append(f"{key}: {name!r} cannot be a dimension of itself")
            elif dim not in names:
                problems.append(f"{key}: unknown construct {dim!r}{_hint(dim, names)}; a dimension is a construct "
                                "with indicators under constructs")
            elif is_higher_order(constructs[dim]):
                problems.append(f"{key}: {dim!r} is itself a higher-order construct; only second-order "
                                "constructs are supported (dimensions measured by indicators)")
    owner, repeats = repeated_members(lists)
    problems += [f"config key constructs.{name}.dimensions[{j}]: {dim!r} is listed twice" if earlier == name else
                 f"config key constructs.{name}.dimensions[{j}]: {dim!r} is already a dimension of {earlier!r} "
                 f"(constructs.{earlier}.dimensions); a dimension belongs to one higher-order construct"
                 for name, j, dim, earlier in repeats]
    return owner, problems


def _term_problems(i: int, text: str, term: tuple[str, str], target: str, pairs: set,
                   constructs: Mapping) -> list[str]:
    """An interaction term's path: both main effects, no higher-order construct."""
    problems = []
    for end in dict.fromkeys(term):
        if end in constructs and is_higher_order(constructs[end]):
            problems.append(f"config key paths[{i}] ({text!r}): interaction terms with a higher-order construct "
                            f"({end!r}) are not supported; use one of its dimensions' scores as a construct")
        elif end in constructs and target in constructs and (end, target) not in pairs:   # an unknown target: once
            problems.append(f"config key paths[{i}] ({text!r}): the interaction term needs the main effect "
                            f"'{end} -> {target}' in config key paths (Hair et al. 2022, ch. 7)")
    return problems


def _path_extension_problems(config: Mapping, owner: Mapping[str, str]) -> list[str]:
    """Dimensions in paths; interaction terms as targets, without main effects or with a higher-order construct."""
    from plssem import ModelError, parse_path
    from plssem.specification import parse_term

    problems: list[str] = []
    parsed = []
    for i, text in enumerate(config["paths"]):
        try:
            source, target = parse_path(text)
            parsed.append((i, text, source, target, parse_term(source)))
            if parse_term(target) is not None:
                problems.append(f"config key paths[{i}] ({text!r}): an interaction term can only be the source of "
                                "a path")
        except ModelError:
            continue  # named by check_semantics
    pairs = {(s, t) for _, _, s, t, _ in parsed}
    for i, text, source, target, term in parsed:
        for end in path_ends(source, target):
            if end in owner:
                problems.append(f"config key paths[{i}] ({text!r}): {end!r} is a dimension of the higher-order "
                                f"construct {owner[end]!r} (constructs.{owner[end]}.dimensions); draw the path from "
                                f"or to {owner[end]!r}")
        if term is not None:
            problems += _term_problems(i, text, term, target, pairs, config["constructs"])
    return problems


def _control_problems(config: Mapping, owner: Mapping[str, str], indicators: Mapping[str, str]) -> list[str]:
    """Control columns that are other things of the study; targets that are not endogenous constructs."""
    from plssem import ModelError, parse_path

    constructs = config["constructs"]
    others = {str(spec["redundancy"]): f"constructs.{c}.redundancy" for c, spec in constructs.items()
              if spec.get("redundancy")}
    if config["data"].get("id_column") is not None:
        others[str(config["data"]["id_column"])] = "data.id_column"
    endogenous = set()
    for text in config["paths"]:
        try:
            endogenous.add(parse_path(text)[1])
        except ModelError:
            continue
    problems = []
    written = {str(column): spec for column, spec in (config.get("controls") or {}).items()}
    for column, targets in control_targets(written).items():
        key = f"config key controls.{column}"
        listed = key + (".targets" if isinstance(written[column], Mapping) else "")
        problems += _term_like(f"controls.{column}", column)
        if column in constructs:
            problems.append(f"{key}: {column!r} is also a construct (constructs.{column}); a control variable is a "
                            "single-item construct of its own: rename one")
        elif column in indicators:
            problems.append(f"{key}: {column!r} is also an indicator of construct {indicators[column]!r} "
                            f"(constructs.{indicators[column]}.indicators); a control variable is a survey column "
                            "outside the constructs")
        elif column in others:
            problems.append(f"{key}: {column!r} is also {others[column]}")
        for j, target in enumerate(targets):
            if target not in constructs:
                problems.append(f"{listed}[{j}]: unknown construct {target!r}{_hint(target, constructs)}; a control "
                                "variable points at constructs defined under constructs")
            elif target in owner:
                problems.append(f"{listed}[{j}]: {target!r} is a dimension of {owner[target]!r}; point the control "
                                f"at {owner[target]!r}")
            elif target not in endogenous:
                problems.append(f"{listed}[{j}]: {target!r} is exogenous (no path in config key paths points at it); "
                                "a control variable explains the variance of an endogenous construct")
    return problems


def extension_problems(config: Mapping, indicators: Mapping[str, str]) -> list[str]:
    """Every problem of the study's higher-order constructs, interaction terms and control variables.

    Parameters
    ----------
    config : mapping
        A schema-valid configuration (defaults filled in).
    indicators : mapping
        Indicator -> its construct (of every construct with indicators).

    Returns
    -------
    list of str
        One message per problem, each naming its config key.
    """
    owner, problems = _dimension_problems(config["constructs"])
    return (_construct_problems(config["constructs"]) + problems + _path_extension_problems(config, owner)
            + _control_problems(config, owner, indicators))
