"""The study's hypotheses (config ``hypotheses``) and what the schema cannot check about them.

A hypothesis names a structural path (``"KP -> IP"``) or a specific indirect
effect of the model (``"KP -> IP -> KU"``), optionally a sign (``positive`` or
``negative``) and the statement in words (one text, or one per language: its English text is
written to ``hypotheses.csv``, the report shows the report language's). Without the key (null,
the default) every structural path is a hypothesis, H1, H2, ... in the order of
config ``paths``, without a sign: an interaction term's path (``"A x B -> C"``) too, written ``"A x B"`` whichever
separator the config used (``A*B``, ``A × B``). A control variable's path (config ``controls``), a higher-order
construct's path to its own dimension and a specific indirect effect that is no mediation route
(:func:`.extensions.is_mediation_route`) are never hypotheses. ``bootstrap.tails: 1`` tests every hypothesis
one-tailed in its stated direction; a one-tailed test of a hypothesis without a
direction is not defined, so an unsigned hypothesis under ``tails: 1`` is
refused, not silently tested two-tailed (Hair et al. 2022, ch. 6: a one-tailed
test only for a direction stated before the analysis).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .extensions import canonical_node, is_mediation_route, roles
from .labels import RESULTS_LANGUAGE, label_for, unknown_construct

__all__ = ["Hypothesis", "hypotheses_from_config", "hypothesis_problems", "split_path"]


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis: its name, the effect's constructs in order, its sign and its statement."""

    name: str
    nodes: tuple
    sign: str | None = None
    statement: str = ""

    @property
    def path(self) -> str:
        """The effect as ``"A -> B"`` or ``"A -> M -> B"``."""
        return " -> ".join(self.nodes)

    @property
    def kind(self) -> str:
        """``"direct"`` (a structural path) or ``"indirect"`` (a specific indirect effect)."""
        return "direct" if len(self.nodes) == 2 else "indirect"


def split_path(text) -> tuple:
    """``"A -> M -> B"`` as ``("A", "M", "B")`` (spaces around the arrows ignored; an interaction term as
    ``"A x B"``, :func:`.extensions.canonical_node`)."""
    from plssem import ModelError

    parts = tuple(part.strip() for part in str(text).split("->"))
    try:
        return tuple(canonical_node(part) for part in parts)
    except ModelError:  # a malformed term: left as written, named by hypothesis_problems
        return parts


def hypotheses_from_config(config: Mapping) -> list:
    """The study's hypotheses in order: config ``hypotheses``, or one per path of config ``paths``.

    Parameters
    ----------
    config : mapping
        A configuration with ``paths`` and, optionally, ``hypotheses``.

    Returns
    -------
    list of Hypothesis
    """
    listed = config.get("hypotheses")
    if not listed:
        return [Hypothesis(f"H{k}", split_path(path)) for k, path in enumerate(config["paths"], start=1)]
    return [Hypothesis(str(name), split_path((spec or {}).get("path", "")), (spec or {}).get("sign"),
                       label_for((spec or {}).get("statement"), RESULTS_LANGUAGE, "")) for name, spec in listed.items()]


def hypothesis_problems(config: Mapping, effects: set) -> list:
    """Hypotheses naming an effect the model does not have, repeated, or unsigned under one-tailed tests.

    Parameters
    ----------
    config : mapping
        A schema-valid configuration (defaults filled in).
    effects : set of str
        The model's structural paths and specific indirect effects, ``"A -> B"`` and ``"A -> M -> B"``.

    Returns
    -------
    list of str
        One message per problem, each naming its config key.
    """
    problems: list[str] = []
    listed = config.get("hypotheses")
    tails = config["bootstrap"].get("tails", 2)
    alpha = config["bootstrap"]["alpha"]
    if tails == 1 and not alpha < 0.5:
        problems.append(f"config key bootstrap.alpha: {alpha} with bootstrap.tails: 1; a one-tailed test at "
                        "alpha uses the 1 - 2 alpha interval, so alpha must be below 0.5")
    if not listed:
        if tails == 1:
            problems.append("config key bootstrap.tails: 1 (one-tailed tests) needs hypotheses with a stated "
                            "direction, but config key hypotheses is not set (every path is then an unsigned "
                            "hypothesis); list them under hypotheses with sign: positive or negative, "
                            "or set bootstrap.tails: 2")
        return problems
    seen: dict[str, str] = {}
    study_roles = roles(config)
    for hypothesis in hypotheses_from_config(config):
        key = f"hypotheses.{hypothesis.name}"
        if len(hypothesis.nodes) < 2 or not all(hypothesis.nodes):
            problems.append(f"config key {key}.path: {listed[hypothesis.name].get('path')!r} is not a path "
                            "like 'A -> B' or 'A -> M -> B'")
            continue
        named = [f"config key {key}.path ({hypothesis.path!r}): {problem}" for node in dict.fromkeys(hypothesis.nodes)
                 for problem in _node_problems(node, study_roles, config["constructs"])]
        why = _never_hypothesis(hypothesis.nodes, study_roles)
        problems += named + ([f"config key {key}.path: {hypothesis.path!r} {why}"] if why else [])
        if not (named or why) and hypothesis.path not in effects:
            what = "structural path (config key paths)" if hypothesis.kind == "direct" else \
                "specific indirect effect of the model (a chain of config key paths)"
            problems.append(f"config key {key}.path: {hypothesis.path!r} is not a {what}; the model's effects: "
                            + ", ".join(sorted(effects)))
        elif not (named or why) and hypothesis.path in seen:
            problems.append(f"config key {key}.path: {hypothesis.path!r} is already hypothesis "
                            f"{seen[hypothesis.path]} (hypotheses.{seen[hypothesis.path]})")
        seen.setdefault(hypothesis.path, hypothesis.name)
        if tails == 1 and hypothesis.sign is None:
            problems.append(f"config key {key}.sign: bootstrap.tails is 1 (one-tailed tests), which needs the "
                            f"hypothesised direction; give {key}.sign: positive or negative, "
                            "or set bootstrap.tails: 2")
    return problems


def _node_problems(node: str, study_roles: Mapping[str, str], constructs: Mapping) -> list[str]:
    """Why a construct a hypothesis names is none of the model's (``[]`` when it is one): unknown (with
    :func:`.labels.unknown_construct`'s hint), a malformed interaction term, or a term the model writes the
    other way round."""
    from plssem import ModelError
    from plssem.specification import parse_term, term_name

    if node in study_roles:
        return []
    try:
        term = parse_term(node)
    except ModelError as error:
        return [str(error)]
    if term is None:
        return [unknown_construct(node, constructs)]
    unknown = [unknown_construct(part, constructs) for part in dict.fromkeys(term) if part not in study_roles]
    reverse = term_name(term[1], term[0])
    if not unknown and study_roles.get(reverse) == "interaction":
        return [f"the model writes the interaction term {node!r} as {reverse!r} (config key paths); use that "
                "spelling"]
    return unknown


def _never_hypothesis(nodes: tuple, study_roles: dict) -> str:
    """Why the effect of ``nodes`` can never be a hypothesis (``""`` when it can)."""
    first = study_roles.get(nodes[0])
    if first == "control":
        return (f"is the path of the control variable {nodes[0]!r} (config key controls.{nodes[0]}); a control "
                "variable is never a hypothesis")
    if len(nodes) == 2 and first == "higher_order" and study_roles.get(nodes[1]) == "lower_order":
        return (f"is part of the measurement of the higher-order construct {nodes[0]!r} (its dimension "
                f"{nodes[1]!r}), not a structural effect")
    if len(nodes) > 2 and study_roles.get(nodes[0]) == "interaction":
        return (f"starts at the interaction term {nodes[0]!r}: an indirect effect of an interaction is a moderated "
                "mediation, which the moderation step reports (index of moderated mediation, conditional indirect "
                "effects); hypothesise the interaction's path or the mediation of its first construct instead")
    if len(nodes) > 2 and not is_mediation_route(nodes, study_roles):
        return ("runs through a path from a higher-order construct to its own dimension, which is part of its "
                "measurement, not a structural effect")
    return ""
