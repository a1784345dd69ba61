"""The model a study describes, with its extensions: interaction terms, higher-order constructs, control variables.

:func:`model_spec` turns the configuration into the one specification every
rule builds its model from (:func:`model_from_spec`): the ``constructs`` (a
higher-order construct as ``{dimensions, mode, approach}``; each control
variable as a single-item construct named after its survey column), the
``paths`` (interaction terms ``"A x B -> C"`` as written; each control's path
to each of its targets) and the ``moderation`` settings. The Snakefile computes
it once, so every step estimates the same model.

:func:`roles` says what each construct of the final model is, and
:func:`is_mediation_route` which specific indirect effects are mediation
routes: a route that starts at an interaction term is a moderated effect (the
moderation step reports moderated mediation instead), one that starts at a
control variable is no hypothesis, and a path from a higher-order construct to
its own dimension (repeated indicators, Mode A) is part of its measurement,
not a structural effect (Sarstedt et al. 2019).

References
----------
Sarstedt, M., Hair, J. F., Cheah, J.-H., Becker, J.-M., & Ringle, C. M. (2019). How to specify, estimate,
and validate higher-order constructs in PLS-SEM. *Australasian Marketing Journal*, 27(3), 197-211.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["ROLES", "measures", "model_spec", "model_from_spec", "roles", "control_targets", "control_paths",
           "canonical_node",
           "is_mediation_route"]

#: Every role :func:`roles` gives a construct.
ROLES = ("construct", "control", "interaction", "higher_order", "lower_order")

#: The ``moderation`` section's defaults (SmartPLS 4: two-stage, standardised interaction term).
MODERATION_DEFAULTS = {"method": "two_stage", "standardize_term": True}


def is_higher_order(spec: Mapping) -> bool:
    """Whether a ``constructs.<C>`` entry is a higher-order construct (it lists ``dimensions``)."""
    return isinstance(spec, Mapping) and spec.get("dimensions") is not None


def measures(spec: Mapping) -> list[str]:
    """What a ``constructs.<C>`` entry lists as its measures: its indicators, or a higher-order construct's
    dimensions (the indicators of a two-stage one in the final model; two or more either way)."""
    return [str(m) for m in (spec.get("dimensions") if is_higher_order(spec) else spec.get("indicators")) or ()]


def control_targets(controls: Mapping | None) -> dict[str, list[str]]:
    """Each control variable's target constructs, from config ``controls`` written either way.

    Parameters
    ----------
    controls : mapping or None
        Column -> its targets (``{age: [KU]}``), or -> ``{targets: [...], label: ...}``.

    Returns
    -------
    dict
        Column -> its target constructs, in config order.
    """
    return {str(column): [str(t) for t in (spec.get("targets") if isinstance(spec, Mapping) else spec) or ()]
            for column, spec in (controls or {}).items()}


def control_paths(controls: Mapping | None) -> list[str]:
    """``"column -> target"`` for each control variable and target, in the order of config ``controls``."""
    return [f"{column} -> {target}" for column, targets in control_targets(controls).items() for target in targets]


def model_spec(config: Mapping) -> dict:
    """The model specification of a study: what :meth:`plssem.Model.from_spec` builds the model from.

    Parameters
    ----------
    config : mapping
        A configuration with ``constructs`` and ``paths``; ``moderation`` and ``controls`` optional.

    Returns
    -------
    dict
        ``{"constructs", "paths", "moderation", "controls"}``, plain data (JSON- and
        Snakemake-params-safe): ``constructs`` maps each configured construct to
        ``{"indicators", "mode", "model"}`` (a higher-order construct to ``{"dimensions",
        "mode", "approach"}``), then each control column to ``{"indicators": [column]}``;
        ``paths`` are config ``paths`` then the control paths (:func:`control_paths`);
        ``controls`` maps each control column to its targets (:func:`control_targets`).
    """
    constructs: dict[str, dict] = {}
    for name, spec in config["constructs"].items():
        if is_higher_order(spec):
            constructs[str(name)] = {"dimensions": [str(d) for d in spec["dimensions"]],
                                     "mode": spec.get("mode", "A"), "approach": spec.get("approach", "two_stage")}
        else:
            constructs[str(name)] = {"indicators": [str(i) for i in spec.get("indicators") or ()],
                                     "mode": spec.get("mode", "A"), "model": spec.get("model", "composite")}
    controls = control_targets(config.get("controls"))
    for column in controls:
        constructs[column] = {"indicators": [column], "mode": "A", "model": "composite"}
    moderation = {**MODERATION_DEFAULTS, **(config.get("moderation") or {})}
    return {"constructs": constructs, "paths": [str(p) for p in config["paths"]] + control_paths(controls),
            "moderation": {"method": str(moderation["method"]), "standardize_term": bool(moderation["standardize_term"])},
            "controls": controls}


def model_from_spec(spec: Mapping):
    """The :class:`plssem.Model` of a :func:`model_spec` specification.

    Raises
    ------
    plssem.ModelError
        When the specification does not describe a valid model (the workflow checks the
        configuration first, :func:`plssem_pipeline.study.check_semantics`).
    """
    from plssem import Model

    return Model.from_spec(spec["constructs"], list(spec["paths"]), moderation=spec.get("moderation"))


def canonical_node(name: str) -> str:
    """A construct name as the results tables write it: an interaction term as ``"A x B"`` (``A*B``, ``A × B``)."""
    from plssem.specification import parse_term, term_name

    term = parse_term(name)
    return str(name).strip() if term is None else term_name(*term)


def roles(config: Mapping) -> dict[str, str]:
    """What each construct of the study is: its role in the report and the hypotheses.

    Parameters
    ----------
    config : mapping
        A configuration, or a :func:`model_spec` specification (``constructs``, ``paths``, ``controls``).

    Returns
    -------
    dict
        Construct name -> ``"construct"`` (an ordinary construct), ``"higher_order"``,
        ``"lower_order"`` (a dimension of a higher-order construct), ``"interaction"`` (an
        interaction or quadratic term, named ``"A x B"``) or ``"control"`` (a control
        variable), in the order: configured constructs, interaction terms in path order,
        control variables.
    """
    from plssem import parse_path
    from plssem.specification import parse_term

    constructs, controls = config["constructs"], [str(c) for c in config.get("controls") or {}]
    dimensions = {str(d) for spec in constructs.values() if is_higher_order(spec) for d in spec["dimensions"]}
    out = {str(name): "higher_order" if is_higher_order(spec) else "lower_order" if str(name) in dimensions
           else "construct" for name, spec in constructs.items() if str(name) not in controls}
    for text in config["paths"]:
        source = parse_path(text)[0] if isinstance(text, str) else str(text[0])
        if parse_term(source) is not None:
            out.setdefault(canonical_node(source), "interaction")
    out.update({column: "control" for column in controls})
    return out


def is_mediation_route(nodes: Sequence[str], roles: Mapping[str, str]) -> bool:
    """Whether a specific indirect effect is a mediation route (a candidate mediation hypothesis).

    Parameters
    ----------
    nodes : sequence of str
        The route's constructs in order, ``("A", "M", "B")``.
    roles : mapping
        :func:`roles` of the study.

    Returns
    -------
    bool
        False when the route starts at an interaction term (a moderated effect: the
        moderation step reports the moderated mediation) or at a control variable, or uses
        a path from a higher-order construct to one of its dimensions (measurement, not a
        structural effect); True otherwise.
    """
    if roles.get(nodes[0]) in ("interaction", "control"):
        return False
    return not any(roles.get(a) == "higher_order" and roles.get(b) == "lower_order" for a, b in zip(nodes, nodes[1:]))
