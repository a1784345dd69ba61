"""Model specification: constructs, their indicators and modes, and structural paths.

A PLS path model has two parts (Lohmöller 1989, ch. 2; Hair et al. 2022, ch. 2):

* the *outer* (measurement) model: each construct is measured by a block of
  indicators, estimated in Mode A (reflective, correlation weights) or Mode B
  (formative, regression weights), and as a *composite* (the score is the
  construct; the default) or a *common factor* (the indicators reflect a latent
  variable that the score measures with error; estimated consistently by PLSc,
  Dijkstra & Henseler 2015; see :mod:`plssem.consistent`);
* the *inner* (structural) model: a recursive set of directed paths between
  constructs, written ``"EC -> IP"``.

:class:`Model` validates the specification once, so that everything downstream
can rely on a well-formed, acyclic, connected graph. Every refusal raises
:class:`ModelError` with a message that names the offending construct,
indicator or path.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["Construct", "Model", "ModelError", "parse_path"]

MODES = ("A", "B")
#: What a construct is taken to be: a weighted composite of its indicators (PLS) or a
#: common factor behind them (corrected for attenuation by PLSc).
MEASUREMENT_MODELS = ("composite", "common_factor")


class ModelError(ValueError):
    """An invalid model specification; the message names the offender."""


@dataclass(frozen=True)
class Construct:
    """One construct and its block of indicators.

    Parameters
    ----------
    name : str
        Construct name, e.g. ``"KP"``.
    indicators : tuple of str
        Indicator (column) names of the block, in order.
    mode : {"A", "B"}
        Outer estimation mode: ``"A"`` for reflective/correlation weights,
        ``"B"`` for formative/regression weights.
    measurement : {"composite", "common_factor"}
        ``"common_factor"`` estimates the construct with consistent PLS (PLSc);
        it needs Mode A. The spec key (as in ``config.yaml``) is ``model``.
    """

    name: str
    indicators: tuple[str, ...]
    mode: str = "A"
    measurement: str = "composite"


def parse_path(text: str) -> tuple[str, str]:
    """Parse ``"SOURCE -> TARGET"`` into ``(source, target)``.

    Raises
    ------
    ModelError
        If the text is not of the form ``"A -> B"`` with two non-empty names.
    """
    parts = [p.strip() for p in str(text).split("->")]
    if len(parts) != 2 or not all(parts):
        raise ModelError(f"path {text!r} is not of the form 'SOURCE -> TARGET'")
    return parts[0], parts[1]


def construct_from_spec(name: str, spec: Sequence[str] | Mapping[str, object]) -> Construct:
    """One construct of a :meth:`Model.from_spec` mapping: ``[indicators]`` or ``{"indicators": ..., "mode": ...}``.

    Raises
    ------
    ModelError
        If the indicators are given as one string instead of a list.
    """
    if isinstance(spec, Mapping):
        indicators = spec.get("indicators", ())
        mode = spec.get("mode", "A")
        measurement = spec.get("model", "composite")
    else:
        indicators, mode, measurement = spec, "A", "composite"
    if isinstance(indicators, str):
        raise ModelError(f"construct {name!r}: indicators must be a list, got {indicators!r}")
    return Construct(str(name), tuple(str(i) for i in indicators or ()), str(mode), str(measurement))


@dataclass(frozen=True)
class Model:
    """A validated PLS path model.

    Build it with :meth:`from_spec` (dictionaries, as in ``config.yaml``) or
    directly from :class:`Construct` objects and ``(source, target)`` pairs.

    Attributes
    ----------
    constructs : tuple of Construct
        In the order given; this order indexes every construct-level array.
    paths : tuple of (str, str)
        Structural paths ``(source, target)`` in the order given.
    interactions : tuple of plssem.specification.Interaction
        Interaction and quadratic terms; each is also a construct of the model.
    higher_order : tuple of plssem.specification.HigherOrder
        Higher-order constructs; a repeated-indicators one shares its dimensions' indicators.
    generated : tuple of plssem.specification.Generated
        Indicators made on each (sub)sample (products, first-stage scores), not read from the data.
    first_stage : Model or None
        The model whose scores the generated indicators need (see :mod:`plssem.specification`).
    main_effects : Model or None
        With two-stage interaction terms beside a staged higher-order construct: the final model
        without its terms, whose scores make the terms (the first stage gives the dimensions' scores).
    """

    constructs: tuple[Construct, ...]
    paths: tuple[tuple[str, str], ...]
    interactions: tuple[Any, ...] = ()
    higher_order: tuple[Any, ...] = ()
    generated: tuple[Any, ...] = ()
    first_stage: "Model | None" = None
    main_effects: "Model | None" = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "constructs", tuple(self.constructs))
        object.__setattr__(self, "paths", tuple(tuple(p) for p in self.paths))
        for name in ("interactions", "higher_order", "generated"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        self._validate()

    # ------------------------------------------------------------------ build
    @classmethod
    def from_spec(
        cls,
        constructs: Mapping[str, Sequence[str] | Mapping[str, object]],
        paths: Iterable[str | Sequence[str]],
        *,
        moderation: Mapping | None = None,
    ) -> "Model":
        """Build a model from plain data.

        Parameters
        ----------
        constructs : mapping
            ``name -> [indicators]`` or
            ``name -> {"indicators": [...], "mode": "A", "model": "common_factor"}``
            (``model`` defaults to ``"composite"``); a higher-order construct is
            ``name -> {"dimensions": [...], "mode": ..., "approach": ...}``
            (:func:`plssem.specification.build_model`).
        paths : iterable
            ``"A -> B"`` strings or ``(A, B)`` pairs; a source may be an interaction
            term ``"A x B"`` (quadratic: ``"A x A"``).
        moderation : mapping, optional
            How interaction terms are built: ``{"method": ..., "standardize_term": ...}``.

        Examples
        --------
        >>> m = Model.from_spec({"X": ["x1", "x2"], "Y": {"indicators": ["y1"], "mode": "A"}},
        ...                     ["X -> Y"])
        >>> m.construct_names
        ('X', 'Y')
        """
        from . import specification

        paths = list(paths)
        extended = any(isinstance(s, Mapping) and "dimensions" in s for s in constructs.values()) or any(
            specification.parse_term(parse_path(p)[0] if isinstance(p, str) else p[0]) for p in paths)
        if extended:
            return specification.build_model(constructs, paths, moderation=moderation)
        built = [construct_from_spec(name, spec) for name, spec in constructs.items()]
        parsed = [parse_path(p) if isinstance(p, str) else tuple(p) for p in paths]
        return cls(tuple(built), tuple(parsed))

    # ------------------------------------------------------------- validation
    def _validate(self) -> None:
        names = [c.name for c in self.constructs]
        if not names:
            raise ModelError("the model has no constructs")
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise ModelError(f"construct {name!r} is defined twice")
            seen.add(name)
        owner: dict[str, str] = {}
        shared = {(h.name, d) for h in self.higher_order for d in h.dimensions}
        shared |= {(d, h) for h, d in shared}
        for c in self.constructs:
            if c.mode not in MODES:
                raise ModelError(f"construct {c.name!r}: unknown mode {c.mode!r} (expected 'A' or 'B')")
            if c.measurement not in MEASUREMENT_MODELS:
                raise ModelError(f"construct {c.name!r}: unknown model {c.measurement!r} "
                                 "(expected 'composite' or 'common_factor')")
            if c.measurement == "common_factor" and c.mode == "B":
                raise ModelError(f"construct {c.name!r}: a common factor (model: common_factor) is estimated "
                                 "with Mode A weights in PLSc; use mode: A, or model: composite for Mode B")
            if not c.indicators:
                raise ModelError(f"construct {c.name!r} has no indicators (empty block)")
            for ind in c.indicators:
                if ind in owner and (owner[ind], c.name) not in shared:
                    where = "twice in" if owner[ind] == c.name else f"in both {owner[ind]!r} and"
                    raise ModelError(f"indicator {ind!r} is {where} construct {c.name!r}")
                owner[ind] = c.name
        if not self.paths:
            raise ModelError("the model has no structural paths")
        seen_paths: set[tuple[str, str]] = set()
        for source, target in self.paths:
            for end in (source, target):
                if end not in seen:
                    raise ModelError(f"path '{source} -> {target}': unknown construct {end!r}")
            if source == target:
                raise ModelError(f"path '{source} -> {target}' points a construct to itself")
            if (source, target) in seen_paths:
                raise ModelError(f"path '{source} -> {target}' is given twice")
            seen_paths.add((source, target))
        connected = {end for p in self.paths for end in p}
        for name in names:
            if name not in connected:
                raise ModelError(f"construct {name!r} is isolated: no structural path uses it")
        self.topological_order  # raises on a cycle
        if (self.interactions or self.higher_order) and self.common_factors:
            raise ModelError("common factors (model: common_factor) cannot yet be combined with interaction "
                             "terms or higher-order constructs; declare the constructs model: composite")

    @property
    def topological_order(self) -> tuple[int, ...]:
        """Construct indices, every source before its targets (Kahn's algorithm).

        Raises :class:`ModelError` naming the constructs on a cycle.
        """
        k = len(self.constructs)
        adj = self.path_matrix
        indegree = adj.sum(axis=0).astype(int)
        ready = [j for j in range(k) if indegree[j] == 0]
        order = []
        while ready:
            i = ready.pop(0)
            order.append(i)
            for j in np.flatnonzero(adj[i]):
                indegree[j] -= 1
                if indegree[j] == 0:
                    ready.append(int(j))
        if len(order) < k:
            # Kahn leaves the cycles *and* everything downstream of them; peel off, repeatedly,
            # the leftovers with no successor among the leftovers, so only constructs on a
            # cycle (or between two cycles) are named.
            left = set(range(k)) - set(order)
            while sinks := {j for j in left if not any(adj[j, i] for i in left)}:
                left -= sinks
            in_cycle = [self.construct_names[j] for j in sorted(left)]
            raise ModelError(
                "the structural model has a cycle among " + ", ".join(in_cycle)
                + " (only recursive models are supported)"
            )
        return tuple(order)

    # ------------------------------------------------------------ properties
    @property
    def construct_names(self) -> tuple[str, ...]:
        """Construct names in model order."""
        return tuple(c.name for c in self.constructs)

    @property
    def common_factors(self) -> tuple[int, ...]:
        """Indices of the constructs declared common factors (estimated with PLSc)."""
        return tuple(j for j, c in enumerate(self.constructs) if c.measurement == "common_factor")

    @property
    def indicator_names(self) -> tuple[str, ...]:
        """All indicators, block by block in construct order."""
        return tuple(i for c in self.constructs for i in c.indicators)

    @property
    def observed_indicators(self) -> tuple[str, ...]:
        """The data columns the model reads, each once: its own non-generated indicators, then the
        first stage's (a two-stage higher-order construct's dimensions are measured only there)."""
        made = {g.name for g in self.generated}
        own = [i for i in self.indicator_names if i not in made]
        extra = list(self.first_stage.observed_indicators) if self.first_stage is not None else []
        return tuple(dict.fromkeys(own + extra))

    @property
    def indicator_construct(self) -> np.ndarray:
        """Index of each indicator's construct, shape ``(p,)``."""
        return np.repeat(np.arange(len(self.constructs)), [len(c.indicators) for c in self.constructs])

    @property
    def block_mask(self) -> np.ndarray:
        """Boolean outer-model matrix, shape ``(p, k)``: indicator ``i`` belongs to construct ``j``."""
        mask = np.zeros((len(self.indicator_names), len(self.constructs)), dtype=bool)
        mask[np.arange(mask.shape[0]), self.indicator_construct] = True
        return mask

    @property
    def blocks(self) -> tuple[np.ndarray, ...]:
        """Indicator positions of each construct's block."""
        ic = self.indicator_construct
        return tuple(np.flatnonzero(ic == j) for j in range(len(self.constructs)))

    @property
    def path_matrix(self) -> np.ndarray:
        """Inner adjacency matrix ``(k, k)`` of 0/1: ``[i, j] = 1`` if construct i -> construct j."""
        index = {n: j for j, n in enumerate(self.construct_names)}
        adj = np.zeros((len(self.constructs),) * 2, dtype=np.int8)
        for source, target in self.paths:
            adj[index[source], index[target]] = 1
        return adj

    @property
    def endogenous(self) -> tuple[int, ...]:
        """Indices of constructs with at least one predecessor, in topological order."""
        adj = self.path_matrix
        return tuple(j for j in self.topological_order if adj[:, j].any())

    def predecessors(self, j: int) -> np.ndarray:
        """Indices of the constructs with a path into construct ``j``."""
        return np.flatnonzero(self.path_matrix[:, j])

    def index(self, name: str) -> int:
        """Position of construct ``name``."""
        try:
            return self.construct_names.index(name)
        except ValueError:
            raise ModelError(f"unknown construct {name!r}") from None

    def mediated_paths(self) -> tuple[tuple[int, ...], ...]:
        """Every directed path of length two or more through the inner model.

        Found by depth-first search from every construct; each returned tuple of
        construct indices ``(a, m1, ..., b)`` is one *specific indirect effect*
        of ``a`` on ``b`` (Preacher & Hayes 2008; Hair et al. 2022, ch. 7).
        Ordered by source, target, then path, in model order.
        """
        adj = self.path_matrix
        found: list[tuple[int, ...]] = []

        def walk(route: tuple[int, ...]) -> None:
            for nxt in np.flatnonzero(adj[route[-1]]):
                longer = route + (int(nxt),)
                if len(longer) >= 3:
                    found.append(longer)
                walk(longer)

        for start in range(len(self.constructs)):
            walk((start,))
        return tuple(sorted(found, key=lambda r: (r[0], r[-1], r)))
