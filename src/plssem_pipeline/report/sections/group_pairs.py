"""The compared groups of the multi-group analysis, as the report names them: :func:`pairs`, :func:`group_label`.

The report is given, per compared pair ``<pair>`` (``"2-vs-1"``: the first group's code, ``-vs-``, the second's),
the files ``mga:<pair>`` (``results/mga/<pair>/mga.csv``), ``micom:<pair>`` (``micom.csv``) and
``mga_summary:<pair>`` (``summary.json``), and per group code ``group_bootstrap:<code>``
(``results/groups/<code>/bootstrap.csv``); the pairs are those names, in the order given. A group is named by its
category's label in config ``respondents.<groups.variable>.categories`` in the report's language, else by the
label the mga step wrote, else by its code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...study.labels import label_for
from ..inputs import KEYED_FILES, ReportInputs
from ..tables import integer

__all__ = ["Group", "Pair", "pairs", "group_label", "groups", "slug", "PAIR_FILES", "GROUP_FILE"]

#: The prefixes of the per-pair input names (``mga:2-vs-1``, ...).
PAIR_FILES = KEYED_FILES[:3]
#: The prefix of the per-group input name (``group_bootstrap:2``).
GROUP_FILE = KEYED_FILES[3]


@dataclass(frozen=True)
class Group:
    """One group: its category code (text), its label in the report's language and its respondents."""

    code: str
    label: str
    n: int

    def text(self, language: str) -> str:
        """``"Contract plan (n = 219)"``."""
        return f"{self.label} (n = {integer(self.n, language)})"


@dataclass(frozen=True)
class Pair:
    """A compared pair: its name in the results' paths, the two groups (first − second) and the mga step's details
    (``permutations``, ``failed_permutations``, ``micom_excluded``, ``seed``)."""

    name: str
    first: Group
    second: Group
    details: dict

    def file(self, kind: str) -> str:
        """The input name of one of the pair's files (``kind`` one of :data:`PAIR_FILES`)."""
        return f"{kind}:{self.name}"

    @property
    def slug(self) -> str:
        """The pair's name as the id of a table may carry it."""
        return slug(self.name)


def slug(name: str) -> str:
    """``name`` with any character other than letters, digits, ``_``, ``.`` and ``-`` replaced by ``_`` (an id
    of a table or section: HTML anchors, LaTeX labels).

    Examples
    --------
    >>> slug("2-vs-1"), slug("a b-vs-c/d")
    ('2-vs-1', 'a_b-vs-c_d')
    """
    return re.sub(r"[^A-Za-z0-9_.-]", "_", str(name))


def _variable(inputs: ReportInputs) -> str:
    return str((inputs.config.get("groups") or {}).get("variable", ""))


def group_label(inputs: ReportInputs, code, fallback: str | None = None) -> str:
    """A group's label in the report's language.

    Parameters
    ----------
    inputs : ReportInputs
        Reads ``groups.variable`` and ``respondents.<variable>.categories``.
    code : object
        The category code (compared as text: ``2`` and ``"2"`` are one code).
    fallback : str, optional
        The label the mga step wrote (``summary.json`` ``groups[].label``), used when the config gives none.

    Returns
    -------
    str
        The configured label, else ``fallback``, else the code.
    """
    categories = ((inputs.config.get("respondents") or {}).get(_variable(inputs)) or {}).get("categories") or {}
    configured = {str(key): value for key, value in categories.items()}.get(str(code))
    return label_for(configured, inputs.language, fallback or str(code))


def pairs(inputs: ReportInputs) -> list[Pair]:
    """The compared pairs the report is given, in order.

    Parameters
    ----------
    inputs : ReportInputs
        Its ``files``: the names ``mga_summary:<pair>`` (and the pair's other files).

    Returns
    -------
    list of Pair
        None when the study compares no groups (config ``groups`` null).

    Raises
    ------
    KeyError
        When a pair's ``mga:<pair>`` or ``micom:<pair>`` file is missing.
    """
    out = []
    for name in inputs.files:
        if not name.startswith("mga_summary:"):
            continue
        pair = name.split(":", 1)[1]
        missing = [f"{kind}:{pair}" for kind in PAIR_FILES if f"{kind}:{pair}" not in inputs.files]
        if missing:
            raise KeyError(f"the report needs the multi-group files {', '.join(missing)}")
        details = inputs.optional_json(name)["details"]
        first, second = (Group(str(g["code"]), group_label(inputs, g["code"], g.get("label")), int(g["n"]))
                         for g in details["groups"])
        out.append(Pair(pair, first, second, details))
    return out


def groups(compared: list[Pair]) -> list[Group]:
    """Every group of the compared pairs, once, in the order they first appear."""
    return list({g.code: g for pair in compared for g in (pair.first, pair.second)}.values())
