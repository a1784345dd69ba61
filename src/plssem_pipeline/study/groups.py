"""The group comparison (config ``groups``) and IPMA (config ``ipma``) settings, and their checks.

* :func:`group_settings` — the ``groups`` section as the rules and steps use it: the groups compared (the
  category codes, as text), the pairs, the permutations and their seed and chunks;
* :func:`group_pairs` — the compared pairs (codes as text), for the report's inputs;
* :func:`pair_name` — a pair's folder name under ``results/mga/`` (``"2-vs-1"``);
* :func:`ipma_settings` — the ``ipma`` section;
* :func:`group_problems` — what the schema cannot say about either key, each message naming it.

A group is one category of a respondent variable (config ``respondents.<variable>.categories``). Each
pair ``[first, second]`` compares ``first − second`` (Henseler, Ringle & Sarstedt 2016, MICOM; Sarstedt
et al. 2011, multi-group analysis); with ``groups.compare: null`` every unordered pair of categories is
compared once, the lower code first.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import combinations

__all__ = ["GROUP_DEFAULTS", "IPMA_DEFAULTS", "group_settings", "group_pairs", "pair_name", "ipma_settings",
           "group_problems", "category_codes"]

#: Defaults of the keys of config ``groups`` and ``ipma`` (the schema cannot fill them in: its defaults would be
#: written into a section left null, the default of both).
GROUP_DEFAULTS = {"compare": None, "permutations": 5000, "seed": None, "chunks": 2}
IPMA_DEFAULTS = {"weights": "unstandardized"}
#: A category code that names a folder and cannot be mistaken for part of a pair's ``-vs-``: letters, digits,
#: ``_`` and ``.``, not dots alone (``.``/``..`` are folders already).
CODE_PATTERN = re.compile(r"(?!\.+$)[A-Za-z0-9_.]+")


def _section(config: Mapping, key: str, defaults: Mapping) -> dict | None:
    """Config section ``key`` with its defaults filled in; None when it is null or left out."""
    section = config.get(key)
    return {**defaults, **section} if section else None


def _code_order(code: str):
    """Codes in numeric order where they are numbers, then the others as written."""
    try:
        return (0, float(code), code)
    except ValueError:
        return (1, 0.0, code)


def category_codes(config: Mapping, variable: str) -> list[str]:
    """The categories of respondent variable ``variable`` as text, in code order (empty when it has none)."""
    categories = ((config.get("respondents") or {}).get(variable) or {}).get("categories") or {}
    return sorted((str(code) for code in categories), key=_code_order)


def pair_name(pair) -> str:
    """The folder of pair ``(first, second)`` under ``results/mga/``: ``"first-vs-second"``.

    >>> pair_name(("2", "1"))
    '2-vs-1'
    """
    return f"{pair[0]}-vs-{pair[1]}"


def group_settings(config: Mapping) -> dict | None:
    """The ``groups`` section as the steps use it (plain data, a Snakemake ``params`` value); None without it.

    Returns
    -------
    dict or None
        ``variable``; ``pairs`` (list of ``[first, second]`` codes as text: ``groups.compare``, or every
        unordered pair of the variable's categories in code order, the lower code first); ``groups`` (the
        codes in some pair, in code order); ``labels`` (code -> the configured label, a text or one per
        language); ``permutations``; ``seed`` (``bootstrap.seed`` when null); ``chunks`` (at most
        ``permutations``).
    """
    groups = _section(config, "groups", GROUP_DEFAULTS)
    if not groups:
        return None
    variable = str(groups["variable"])
    codes = category_codes(config, variable)
    compare = groups["compare"]
    pairs = ([[str(a), str(b)] for a, b in compare] if compare is not None
             else [[a, b] for a, b in combinations(codes, 2)])
    used = sorted({code for pair in pairs for code in pair}, key=_code_order)
    categories = config["respondents"][variable]["categories"]
    labels = {str(code): label for code, label in categories.items()}
    seed = groups["seed"]
    permutations = int(groups["permutations"])
    return {"variable": variable, "pairs": pairs, "groups": used, "labels": {c: labels[c] for c in used},
            "permutations": permutations,
            "seed": int(seed if seed is not None else config["bootstrap"]["seed"]),
            "chunks": max(1, min(int(groups["chunks"]), permutations))}


def ipma_settings(config: Mapping) -> dict | None:
    """The ``ipma`` section as the step uses it: ``target``, ``weights``; None without it."""
    ipma = _section(config, "ipma", IPMA_DEFAULTS)
    if not ipma:
        return None
    return {"target": str(ipma["target"]), "weights": str(ipma["weights"])}


def _variable_problems(config: Mapping, variable: str) -> list[str]:
    respondents = config.get("respondents") or {}
    if variable not in respondents:
        known = ", ".join(map(str, respondents)) or "none is configured"
        return [f"config key groups.variable: {variable!r} is not a respondent variable (config respondents: "
                f"{known}); the groups are the categories of a profile variable described under respondents"]
    codes = category_codes(config, variable)
    if len(codes) < 2:
        return [f"config key groups.variable: respondent variable {variable!r} has fewer than two categories in "
                f"config respondents.{variable}.categories; the groups compared are its categories, so list them "
                "(code -> label) there"]
    compare = config["groups"].get("compare", GROUP_DEFAULTS["compare"])
    if compare is not None:                 # only the compared groups get folders
        codes = [code for code in codes if code in {str(c) for pair in compare for c in pair}]
    bad = [code for code in codes if not CODE_PATTERN.fullmatch(code)]
    if bad:
        return [f"config key respondents.{variable}.categories: category code(s) {', '.join(map(repr, bad))} cannot "
                "name a group's folder (results/groups/<code>, results/mga/<first>-vs-<second>); the groups compared "
                "need codes of letters, digits, '_' and '.' (not only dots)"]
    return []


def _category_of_label(config: Mapping, variable: str, name: str) -> str | None:
    """The code of the category of ``variable`` whose label (any language, case aside) ``name`` is, or None."""
    from .labels import label_texts

    categories = ((config.get("respondents") or {}).get(variable) or {}).get("categories") or {}
    return next((str(code) for code, label in categories.items()
                 if str(name).casefold() in {text.casefold() for text in label_texts(label)}), None)


def _compare_problems(config: Mapping, variable: str) -> list[str]:
    compare = config["groups"].get("compare", GROUP_DEFAULTS["compare"])
    if compare is None:
        return []
    codes = category_codes(config, variable)
    problems, seen = [], {}
    for i, pair in enumerate(compare):
        pair = [str(code) for code in pair]
        for j, code in enumerate(pair):
            owner = None if code in codes else _category_of_label(config, variable, code)
            if owner is not None:   # a label written for its code, as a construct's label for its name
                meant = ", ".join(c if c in codes else _category_of_label(config, variable, c) or c for c in pair)
                problems.append(f"config key groups.compare[{i}][{j}]: {code!r} is the label of category {owner} of "
                                f"{variable}; groups.compare uses the codes (config respondents.{variable}."
                                f"categories), e.g. [[{meant}]]")
            elif code not in codes:
                problems.append(f"config key groups.compare[{i}][{j}]: {code!r} is not a category of {variable} "
                                f"(config respondents.{variable}.categories: {', '.join(codes)})")
        if pair[0] == pair[1]:
            problems.append(f"config key groups.compare[{i}]: [{pair[0]}, {pair[1]}] compares group {pair[0]} "
                            "with itself; a pair is two different categories")
        elif frozenset(pair) in seen:
            problems.append(f"config key groups.compare[{i}]: the same two groups as groups.compare"
                            f"[{seen[frozenset(pair)]}]; compare each pair once")
        else:
            seen[frozenset(pair)] = i
    return problems


def _count_problems(groups: Mapping, max_samples: int, max_chunks: int) -> list[str]:
    problems = []
    if groups["chunks"] > groups["permutations"]:
        problems.append(f"config key groups.chunks: {groups['chunks']} chunks for {groups['permutations']} "
                        "permutations (groups.permutations); use at most one chunk per permutation")
    if groups["chunks"] > max_chunks:
        problems.append(f"config key groups.chunks: {groups['chunks']} chunks; at most {max_chunks} (each chunk "
                        "is one Snakemake job per pair)")
    if groups["permutations"] > max_samples:
        problems.append(f"config key groups.permutations: {groups['permutations']} permutations; at most "
                        f"{max_samples:,} (they are held in memory)")
    return problems


def _predecessors(paths, target: str) -> list[str]:
    """Every construct with a directed route to ``target`` (interaction terms left out)."""
    from plssem import parse_path

    sources: dict[str, set[str]] = {}
    for source, end in map(parse_path, paths):
        sources.setdefault(end, set()).add(source)
    found: set[str] = set()
    todo = [target]
    while todo:
        for source in sources.get(todo.pop(), ()):
            if source not in found:
                found.add(source)
                todo.append(source)
    return sorted(found)


def _ipma_problems(config: Mapping, spec: Mapping) -> list[str]:
    from plssem.specification import parse_term

    from .labels import unknown_construct

    target = str(config["ipma"]["target"])
    if target not in config["constructs"]:
        return [f"config key ipma.target: {unknown_construct(target, config['constructs'])}"]
    controls = spec.get("controls") or {}       # left out of the map, as interaction terms (plssem.ipma)
    found = [c for c in _predecessors(spec["paths"], target) if parse_term(c) is None and c not in controls]
    if not found:
        return [f"config key ipma.target: construct {target!r} has no predecessors (no path leads to it), interaction "
                "terms and control variables left out; the importance-performance map needs a target that other "
                "constructs explain"]
    return []


def group_problems(config: Mapping, spec: Mapping | None, *, max_samples: int, max_chunks: int) -> list[str]:
    """What the schema cannot say about config ``groups`` and ``ipma``.

    Parameters
    ----------
    config : mapping
        A schema-valid configuration with defaults filled in.
    spec : mapping or None
        The study's model specification (:func:`.extensions.model_spec`), None when the model itself has
        problems (the ``ipma`` checks then wait for them to be fixed).
    max_samples, max_chunks : int
        The largest permutation count and number of jobs a run may ask for.

    Returns
    -------
    list of str
        One message per problem, each naming its config key: a ``groups.variable`` that is not a respondent
        variable or has fewer than two categories, compared category codes that cannot name a folder
        (``respondents.<variable>.categories``, :data:`CODE_PATTERN`), a code in
        ``groups.compare`` that is not a category, a pair
        of equal codes or a pair given twice, more chunks than permutations; an ``ipma.target`` that is not a
        construct or has no predecessors but interaction terms and control variables.
    """
    problems: list[str] = []
    groups = _section(config, "groups", GROUP_DEFAULTS)
    if groups:
        variable = str(groups["variable"])
        found = _variable_problems(config, variable)
        problems += found or _compare_problems(config, variable)
        problems += _count_problems(groups, max_samples, max_chunks)
    if config.get("ipma") and spec is not None:
        problems += _ipma_problems(config, spec)
    return problems


def group_pairs(config: Mapping) -> list[tuple[str, str]]:
    """Every compared pair ``(first, second)``, codes as text, in :func:`group_settings` order; [] without groups."""
    settings = group_settings(config)
    return [(first, second) for first, second in settings["pairs"]] if settings else []
