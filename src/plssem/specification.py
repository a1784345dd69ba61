"""Interaction terms, quadratic terms and higher-order constructs: how they become a :class:`Model`.

A model with these extensions is estimated in stages (Hair et al. 2022, ch. 7-8;
Sarstedt et al. 2019). This module turns the researcher's description into

* the *final* model, the one reported: every construct and path the researcher
  drew, where an interaction term ``"A x B"`` and a two-stage higher-order
  construct are ordinary composites measured by *generated* indicators; and
* the *first-stage* model, when a generated indicator needs first-stage construct
  scores: the model without interaction terms, with every two-stage higher-order
  construct replaced by its dimensions (lower-order constructs), which take over
  its paths; and
* with two-stage interaction terms beside such a higher-order construct, the
  *main-effects* model: the final model without its terms, estimated on the
  dimensions' first-stage scores, whose scores make the terms (as seminr does).

:mod:`plssem.staging` estimates the two on each (sub)sample. Every refusal raises
:class:`~plssem.model.ModelError` naming the term, construct or path.

Interaction methods (Henseler & Chin 2010; Hair et al. 2022, ch. 7; seminr's
``interaction_term``):

``two_stage``
    The default (recommended by Hair et al. 2022, ch. 7; seminr's default). The first
    stage estimates the main-effects model; the
    term has one indicator, the product of the iv's and moderator's standardised
    first-stage scores, named like the term (``"A x B"``).
``product_indicator``
    Every product ``a_i x b_j`` of the standardised indicators of the iv and the
    moderator (iv indicator varying slowest), Mode A; for a quadratic term the
    distinct products ``a_i x a_j``, ``i <= j`` (seminr repeats each cross-product).
``orthogonal``
    Those products, each replaced by its residual from the OLS regression on all
    indicators of the iv and the moderator (Little et al. 2006).

A quadratic term is the interaction of a construct with itself (``"A x A"``).

The interaction term's scale (``standardize_term``; Becker, Ringle & Sarstedt 2018):
standardised like every construct's score, so its path is a standardised coefficient
(``True``, the default; PLS programs such as SmartPLS report standardised construct
scores), or kept at the variance of the unstandardised product, Henseler & Chin's
(2010) adjustment as seminr makes it, so its coefficient is the standardised one
divided by the term's SD (``False``).

Higher-order constructs (Sarstedt et al. 2019; Becker et al. 2012):

``two_stage`` (disjoint)
    First stage: the dimensions replace the higher-order construct in the paths.
    Final model: the higher-order construct measured by the dimensions' scores
    (indicators named after the dimensions), in its ``mode``; the dimensions leave
    the model.
``repeated_indicators``
    Mode A: one stage; the higher-order construct is measured by all the
    dimensions' indicators again and explains each dimension (paths
    ``Q -> Q1``). Mode B: the embedded two-stage approach: the first stage is the
    repeated-indicators model with paths ``Q1 -> Q``, and the final model measures
    ``Q`` by the dimensions' first-stage scores, as in the disjoint approach.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Interaction", "HigherOrder", "Generated", "INTERACTION_METHODS", "HOC_APPROACHES",
           "parse_term", "term_name", "build_model"]

INTERACTION_METHODS = ("two_stage", "product_indicator", "orthogonal")
HOC_APPROACHES = ("two_stage", "repeated_indicators")

#: ``A x B``, ``A × B`` or seminr's ``A*B``: the separator of an interaction term's two constructs.
_TERM = re.compile(r"\s+[x×]\s+|\s*\*\s*")


@dataclass(frozen=True)
class Interaction:
    """An interaction (or quadratic) term of the final model.

    Attributes
    ----------
    name : str
        ``"iv x moderator"``, also the term's construct name.
    iv, moderator : str
        The two constructs multiplied (equal for a quadratic term).
    method : {"two_stage", "product_indicator", "orthogonal"}
    standardize : bool
        ``True``: the term's path is the standardised coefficient (the default);
        ``False``: divided by the unstandardised term's SD (seminr).
    """

    name: str
    iv: str
    moderator: str
    method: str = "two_stage"
    standardize: bool = True

    @property
    def quadratic(self) -> bool:
        """A construct's interaction with itself."""
        return self.iv == self.moderator

    @property
    def slope_factor(self) -> float:
        """How often the raw coefficient enters the conditional effect of the iv: 2 for a quadratic term
        (``d(b₃x²)/dx = 2b₃x``), else 1 (``b₁ + b₃w``)."""
        return 2.0 if self.quadratic else 1.0


@dataclass(frozen=True)
class HigherOrder:
    """A higher-order construct over first-order dimensions."""

    name: str
    dimensions: tuple[str, ...]
    mode: str = "A"
    approach: str = "two_stage"

    @property
    def staged(self) -> bool:
        """Whether the final model measures it by first-stage dimension scores."""
        return self.approach == "two_stage" or self.mode == "B"


@dataclass(frozen=True)
class Generated:
    """An indicator column made on each (sub)sample rather than read from the data.

    ``kind`` is ``"score"`` (``sources = (construct,)``, a first-stage score),
    ``"score_product"`` (``(iv, moderator)``, the product of two first-stage scores) or
    ``"item_product"`` (``(indicator, indicator)``, the product of two standardised indicators).
    """

    name: str
    kind: str
    sources: tuple[str, str] | tuple[str]


def term_name(iv: str, moderator: str) -> str:
    """The name of the interaction term of ``iv`` and ``moderator``: ``"iv x moderator"``."""
    return f"{iv} x {moderator}"


def parse_term(text: str) -> tuple[str, str] | None:
    """``"A x B"`` (or ``"A × B"``, ``"A*B"``) -> ``("A", "B")``; None for a plain construct name."""
    parts = _TERM.split(str(text).strip())
    if len(parts) == 1:
        return None
    if len(parts) != 2 or not all(p.strip() for p in parts):
        from .model import ModelError
        raise ModelError(f"{text!r} is not an interaction term of two constructs ('A x B')")
    return parts[0].strip(), parts[1].strip()


def _hoc_from_spec(name: str, spec: Mapping) -> HigherOrder:
    from .model import ModelError

    approach = str(spec.get("approach", "two_stage"))
    if approach not in HOC_APPROACHES:
        raise ModelError(f"higher-order construct {name!r}: unknown approach {approach!r} "
                         f"(expected one of {', '.join(HOC_APPROACHES)})")
    dims = spec.get("dimensions")
    if isinstance(dims, str) or not dims or len(dims) < 2:
        raise ModelError(f"higher-order construct {name!r}: 'dimensions' must list at least two constructs")
    return HigherOrder(name, tuple(str(d) for d in dims), str(spec.get("mode", "A")), approach)


def build_model(constructs: Mapping[str, Mapping | Sequence[str]], paths: Sequence[str | Sequence[str]], *,
                moderation: Mapping | None = None):
    """Build the final :class:`~plssem.model.Model` (with its first stage) of an extended specification.

    Parameters
    ----------
    constructs : mapping
        As :meth:`Model.from_spec`; a higher-order construct is
        ``{"dimensions": [...], "mode": "A" | "B", "approach": "two_stage" | "repeated_indicators"}``.
    paths : sequence
        ``"A -> B"`` strings or pairs; a source may be an interaction term ``"A x B"``.
    moderation : mapping, optional
        ``{"method": "two_stage" | "product_indicator" | "orthogonal", "standardize_term": bool}``.

    Returns
    -------
    Model

    Raises
    ------
    ModelError
        An unknown method or approach, an interaction of a construct not in the model or
        without both main effects, a dimension with paths of its own, a dimension of two
        higher-order constructs, an interaction involving a higher-order construct, or a
        generated indicator named like a data column.
    """
    from .model import ModelError, construct_from_spec, parse_path

    moderation = dict(moderation or {})
    method = str(moderation.get("method", "two_stage"))
    if method not in INTERACTION_METHODS:
        raise ModelError(f"moderation.method {method!r} is not one of {', '.join(INTERACTION_METHODS)}")
    standardize = bool(moderation.get("standardize_term", True))
    plain: dict = {}
    hocs: dict[str, HigherOrder] = {}
    for name, spec in constructs.items():
        name = str(name)
        if isinstance(spec, Mapping) and "dimensions" in spec:
            hocs[name] = _hoc_from_spec(name, spec)
        else:
            plain[name] = construct_from_spec(name, spec)
    pairs = [parse_path(p) if isinstance(p, str) else tuple(p) for p in paths]
    owner: dict[str, str] = {}
    for hoc in hocs.values():
        for dim in hoc.dimensions:
            if dim not in plain:
                raise ModelError(f"higher-order construct {hoc.name!r}: dimension {dim!r} is not a construct "
                                 "with indicators")
            if dim in owner:
                raise ModelError(f"construct {dim!r} is a dimension of both {owner[dim]!r} and {hoc.name!r}")
            owner[dim] = hoc.name
    for source, target in pairs:
        for end in (source, target):
            if end in owner:
                raise ModelError(f"path '{source} -> {target}': {end!r} is a dimension of the higher-order "
                                 f"construct {owner[end]!r}; draw the path from or to {owner[end]!r}")
    interactions: dict[str, Interaction] = {}
    final_pairs = []
    for source, target in pairs:
        term = parse_term(source)
        if term is not None:
            iv, mod = term
            name = term_name(iv, mod)
            for end in (iv, mod):
                if end in hocs:
                    raise ModelError(f"path '{source} -> {target}': interactions with a higher-order construct "
                                     f"({end!r}) are not supported")
                if end not in plain:
                    raise ModelError(f"path '{source} -> {target}': unknown construct {end!r}")
                if (end, target) not in pairs:
                    raise ModelError(f"path '{source} -> {target}' needs the main effect '{end} -> {target}' in "
                                     "paths (an interaction term is tested beside both main effects; Hair et al. "
                                     "2022, ch. 7)")
            reverse = term_name(mod, iv)
            if reverse != name and reverse in interactions:
                raise ModelError(f"path '{source} -> {target}': the interaction term {name!r} is the term {reverse!r} "
                                 f"written the other way round (the same product); write it as {reverse!r}")
            interactions.setdefault(name, Interaction(name, iv, mod, method, standardize))
            source = name
        if parse_term(target) is not None:
            raise ModelError(f"path '{source} -> {target}': an interaction term can only be a source")
        final_pairs.append((source, target))
    return _assemble(plain, hocs, interactions, final_pairs)


def _generated_for(interaction: Interaction, plain: Mapping) -> tuple[tuple[str, ...], tuple[Generated, ...]]:
    """The term's indicator names and how each is made."""
    if interaction.method == "two_stage":
        return (interaction.name,), (Generated(interaction.name, "score_product",
                                               (interaction.iv, interaction.moderator)),)
    iv, mod = plain[interaction.iv].indicators, plain[interaction.moderator].indicators
    # a quadratic term's products are the distinct ones, a_i x a_j with i <= j (a_j x a_i is the same column)
    made = tuple(Generated(term_name(a, b), "item_product", (a, b)) for i, a in enumerate(iv)
                 for j, b in enumerate(mod) if not interaction.quadratic or i <= j)
    return tuple(g.name for g in made), made


def _assemble(plain: dict, hocs: dict, interactions: dict, pairs: list):
    from .model import Construct, Model, ModelError

    generated: list[Generated] = []
    final: list[Construct] = []
    first: list[Construct] = []
    first_pairs: list[tuple[str, str]] = []
    dims = {d for h in hocs.values() for d in h.dimensions}
    for name, c in plain.items():
        first.append(c)
        if name not in dims:
            final.append(c)
    for hoc in hocs.values():
        repeated = tuple(i for d in hoc.dimensions for i in plain[d].indicators)
        if hoc.approach == "repeated_indicators":
            first.append(Construct(hoc.name, repeated, hoc.mode))
            first_pairs += [(hoc.name, d) if hoc.mode == "A" else (d, hoc.name) for d in hoc.dimensions]
        if hoc.staged:
            final.append(Construct(hoc.name, hoc.dimensions, hoc.mode))
            generated += [Generated(d, "score", (d,)) for d in hoc.dimensions]
        else:
            final += [plain[d] for d in hoc.dimensions]
            final.append(Construct(hoc.name, repeated, hoc.mode))
    for interaction in interactions.values():
        names, made = _generated_for(interaction, plain)
        final.append(Construct(interaction.name, names, "A"))
        generated += made
    final_pairs = list(pairs) + [(h.name, d) if h.mode == "A" else (d, h.name)
                                 for h in hocs.values() if not h.staged for d in h.dimensions]
    for source, target in pairs:
        if source in interactions:
            continue
        sources = hocs[source].dimensions if source in hocs and hocs[source].approach == "two_stage" else (source,)
        targets = hocs[target].dimensions if target in hocs and hocs[target].approach == "two_stage" else (target,)
        first_pairs += [(s, t) for s in sources for t in targets]
    observed = {i for c in plain.values() for i in c.indicators}
    clash = [g.name for g in generated if g.name in observed]
    if clash:
        raise ModelError(f"generated indicator(s) {', '.join(map(repr, clash))} have the name of a data column; "
                         "rename the column or the construct")
    needs_first = any(g.kind != "item_product" for g in generated)
    used = {end for pair in first_pairs for end in pair}
    first = [c for c in first if c.name in used]      # an unused construct is the final model's error to report
    first_model = Model(tuple(first), tuple(first_pairs), higher_order=tuple(
        h for h in hocs.values() if h.approach == "repeated_indicators")) if needs_first else None
    main_effects = None
    if any(i.method == "two_stage" for i in interactions.values()) and any(h.staged for h in hocs.values()):
        # the terms' scores come from the final model without its terms (seminr's order: the dimensions'
        # scores first, then the main-effects model on them), not from the dimensions' first stage
        main_effects = Model(tuple(c for c in final if c.name not in interactions),
                             tuple(p for p in final_pairs if p[0] not in interactions),
                             higher_order=tuple(hocs.values()),
                             generated=tuple(g for g in generated if g.kind == "score"), first_stage=first_model)
    return Model(tuple(final), tuple(final_pairs), interactions=tuple(interactions.values()),
                 higher_order=tuple(hocs.values()), generated=tuple(generated), first_stage=first_model,
                 main_effects=main_effects)
