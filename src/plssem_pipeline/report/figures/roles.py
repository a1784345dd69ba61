"""What the structural-model drawing shows of interaction terms, control variables and higher-order constructs.

The figure step knows each construct's role (``study.roles``: ``"construct"``,
``"interaction"``, ``"control"``, ``"higher_order"``, ``"lower_order"``);
:class:`Roles` turns them into what is drawn, as SmartPLS draws these models
(Hair et al. 2022, ch. 7; Sarstedt et al. 2019):

* an **interaction term** ``"A x B"`` is a construct of its own (green), next to
  its target, with its path into it. Its indicators are not drawn: the
  two-stage term's one indicator is the product of two scores (loading 1), the
  product-indicator terms' are every product ``a_i x b_j``, too many to read;
* a **control variable** is a grey construct next to its target, without its one indicator (itself,
  loading 1);
* a **higher-order construct** measured by its dimensions' scores (the disjoint and
  the embedded two-stage approach) has the dimensions as its indicators: they are
  drawn as boxes in the constructs' blue;
* a **repeated-indicators** higher-order construct (Mode A) is drawn without its
  repeated indicators (its dimensions show them), with its paths to its dimensions
  ("measurement" paths, part of its measurement and not hypotheses) solid in the
  constructs' blue and labelled with their coefficient. The dimensions stand in the
  column before it when it is exogenous, else in the column after it.

Interaction terms and control variables stand in the column just before their
(nearest) target, so that their paths are short; the other constructs in
columns by topological depth (:func:`depths`).
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Roles", "depths", "circle_text"]


def depths(constructs, edges) -> dict:
    """Longest-path depth of each construct from the exogenous ones (0 for them).

    >>> depths(["A", "B", "C"], [("A", "B"), ("B", "C"), ("A", "C")])
    {'A': 0, 'B': 1, 'C': 2}
    """
    preds = {c: [s for s, t in edges if t == c] for c in constructs}
    depth: dict = {}

    def visit(node, stack=()):
        if node in depth:
            return depth[node]
        if node in stack:
            raise ValueError(f"the structural model has a cycle through {node!r}")
        depth[node] = 0 if not preds[node] else 1 + max(visit(p, stack + (node,)) for p in preds[node])
        return depth[node]

    for c in constructs:
        visit(c)
    return {c: depth[c] for c in constructs}


def circle_text(name: str, one_line: int) -> str:
    """The text in an interaction term's circle: ``"A × B"``, on two lines (``"A ×"``, ``"B"``) when longer
    than ``one_line`` characters.

    >>> circle_text("X x W", 5), circle_text("PQ x PIC", 5)
    ('X × W', 'PQ ×\\nPIC')
    """
    from plssem.specification import parse_term

    iv, moderator = parse_term(name) or (name, "")
    text = f"{iv} × {moderator}" if moderator else name
    return text if len(text) <= one_line or not moderator else f"{iv} ×\n{moderator}"


@dataclass(frozen=True)
class Roles:
    """The roles of a model's drawn constructs, and what follows for the drawing.

    Attributes
    ----------
    terms, controls : frozenset
        The interaction terms and control variables drawn.
    measurement : frozenset
        ``(higher-order construct, dimension)`` paths of repeated-indicators (Mode A) constructs.
    dimensions : frozenset
        Names of the dimensions (lower-order constructs): a box of a higher-order
        construct with such a name is a dimension's score.
    """

    terms: frozenset = frozenset()
    controls: frozenset = frozenset()
    measurement: frozenset = frozenset()
    dimensions: frozenset = frozenset()

    @classmethod
    def of(cls, roles, constructs, edges) -> "Roles":
        """The roles of ``constructs`` (those drawn) from ``roles`` (construct -> role; None: all ordinary).

        Parameters
        ----------
        roles : mapping or None
            Construct -> ``"construct"``, ``"interaction"``, ``"control"``, ``"higher_order"`` or
            ``"lower_order"`` (``study.roles``); names not drawn are ignored.
        constructs : sequence of str
        edges : sequence of (source, target)
            The structural paths, those from a higher-order construct to its dimensions included.
        """
        roles = {str(k): str(v) for k, v in (roles or {}).items()}
        drawn = set(constructs)

        def having(role):
            return frozenset(c for c in drawn if roles.get(c) == role)

        measurement = frozenset((s, t) for s, t in edges
                                if roles.get(s) == "higher_order" and roles.get(t) == "lower_order")
        return cls(having("interaction"), having("control"), measurement,
                   frozenset(c for c, role in roles.items() if role == "lower_order"))

    @property
    def repeated(self) -> frozenset:
        """Higher-order constructs drawn with paths to their dimensions (repeated indicators, Mode A)."""
        return frozenset(s for s, _ in self.measurement)

    def kind(self, c) -> str:
        """How construct ``c`` is drawn: ``"interaction"``, ``"control"`` or ``"construct"``."""
        return "interaction" if c in self.terms else "control" if c in self.controls else "construct"

    def shown(self, c, indicators) -> list:
        """The indicators of ``c`` drawn as boxes: none for an interaction term, a control variable or a
        repeated-indicators higher-order construct, else all."""
        return [] if c in self.terms | self.controls | self.repeated else list(indicators)

    def is_dimension_box(self, c, indicator) -> bool:
        """Whether ``c``'s box ``indicator`` is a dimension's score (a two-stage higher-order construct's)."""
        return indicator in self.dimensions and c not in self.dimensions

    def columns(self, constructs, edges) -> dict:
        """Construct -> column (0 = leftmost): the others by :func:`depths`, interaction terms and control
        variables just before their nearest target, dimensions of a repeated-indicators construct before
        it when it is exogenous (as if they pointed at it), else after it."""
        satellites = self.terms | self.controls
        plain = [(s, t) for s, t in edges if s not in satellites and (s, t) not in self.measurement]
        exogenous = {h for h in self.repeated if not any(t == h for _, t in plain)}
        before = [(d, h) for h, d in self.measurement if h in exogenous]
        core = [c for c in constructs if c not in satellites and (c in {d for d, _ in before}
                                                                   or c not in {d for _, d in self.measurement})]
        column = depths(core, plain + before)
        for hoc, dimension in sorted(self.measurement):
            if hoc not in exogenous:
                column[dimension] = column[hoc] + 1
        for c in constructs:
            if c in satellites:
                column[c] = min([column[t] for s, t in edges if s == c and t in column] or [1]) - 1
        low = min(column.values(), default=0)
        return {c: column[c] - low for c in constructs}

    def features(self, indicators) -> list[str]:
        """What the legend should explain, of ``"interaction"``, ``"control"``, ``"dimensions"`` (dimension
        boxes) and ``"measurement"`` (paths to dimensions), in that order; ``indicators``: construct ->
        indicator names."""
        boxes = any(self.is_dimension_box(c, i) for c, items in indicators.items() for i in items
                    if c not in self.repeated)
        present = {"interaction": bool(self.terms), "control": bool(self.controls), "dimensions": boxes,
                   "measurement": bool(self.measurement)}
        return [name for name, shown in present.items() if shown]
