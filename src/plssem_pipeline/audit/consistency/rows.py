"""What every consistency check shares: the row it returns, its settings, and its language.

* :class:`Check`, one row of ``results/audit/consistency.csv`` (columns :data:`COLUMNS`);
* :class:`ConsistencyOptions`, the ``audit:`` settings the checks read (and the
  list of checks that could not run);
* :class:`CheckFunction`, the signature every check has;
* how explanations name effects (:func:`effect_label`); their sentences and
  numbers come from :class:`~plssem_pipeline.audit.catalogue.AuditCatalogue`
  in the language of ``ConsistencyOptions.language``;
* :func:`predecessors`, the configured model's arrows into each construct.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..catalogue import AuditCatalogue
from ..published import Published

#: Columns of ``results/audit/consistency.csv``.
COLUMNS = ["check", "table", "item", "published", "recomputed", "difference", "verdict", "explanation", "location"]
#: Verdicts, in the order the CSV lists them (failures first).
VERDICTS = ("fail", "warn", "pass")


@dataclass
class Check:
    """One row of ``consistency.csv``; ``difference`` = recomputed − published.

    ``location`` names the places in the paper the row compares ("Tabel 5, line 297; Pembahasan,
    line 336"), from the published file's ``location`` hints or the text extractor
    (:mod:`plssem_pipeline.paper`); empty when the file gives none.
    """

    check: str
    table: str
    item: str
    published: float | None
    recomputed: float | None
    verdict: str
    explanation: str
    location: str = ""

    @property
    def difference(self) -> float | None:
        """``recomputed − published``; None when either is missing."""
        if self.published is None or self.recomputed is None:
            return None
        return self.recomputed - self.published

    def row(self) -> dict:
        """The row as the CSV writes it.

        Returns
        -------
        dict
            :data:`COLUMNS` → value.
        """
        return {"check": self.check, "table": self.table, "item": self.item, "published": self.published,
                "recomputed": self.recomputed, "difference": self.difference, "verdict": self.verdict,
                "explanation": self.explanation, "location": self.location}


@dataclass
class ConsistencyOptions:
    """Settings of the checks (``audit:`` in config.yaml).

    Attributes
    ----------
    alpha : float
        Significance level of the paper's verdicts.
    bootstrap_samples : int
        B assumed for the paper's p values when the published file gives no ``bootstrap_samples``
        (SmartPLS's default, 5000): the Student t reference has B − 1 degrees of freedom.
    loading_threshold, ave_threshold, reliability_threshold : float
        Criteria of the verdict checks (Hair et al. 2022: loading > 0.70, AVE ≥ 0.50, reliability > 0.70).
    language : str
        Language of the explanations (the study's ``report.language``; one of
        the files in :data:`plssem_pipeline.audit.catalogue.STRINGS_DIR`). Every other column is the same in every language.
    tails : str
        Whether the paper's p values are two- or one-tailed: ``"two"``, ``"one"``, or ``"auto"`` (the
        paper's stated tails, ``prose.tails``; else one-tailed when its printed p values fit the one-tailed
        p of their t and not the two-tailed one; :func:`.bootstrap.paper_tails`). ``"two"`` in the pipeline
        (``audit.tails``), ``"auto"`` in paper mode.
    skipped : list of tuple
        Filled by the checks: ``(check, item, reason)`` for every check that could not run (English: a
        diagnostic for ``summary.json``, like the log).
    """

    alpha: float = 0.05
    bootstrap_samples: int = 5000
    loading_threshold: float = 0.70
    ave_threshold: float = 0.50
    reliability_threshold: float = 0.70
    language: str = "en"
    tails: str = "two"
    skipped: list = field(default_factory=list)

    @property
    def words(self) -> AuditCatalogue:
        """The texts and number formatting of :attr:`language`."""
        return AuditCatalogue(self.language)


class CheckFunction(Protocol):
    """The signature of every check (an entry of :data:`plssem_pipeline.audit.consistency.CHECKS`)."""

    def __call__(self, pub: Published, model, options: ConsistencyOptions) -> list[Check]:
        """Recompute printed numbers from other printed numbers.

        Parameters
        ----------
        pub : Published
            The published tables (:func:`plssem_pipeline.audit.published.load_published`).
        model : plssem.Model
            The configured model (constructs, indicators, modes, paths).
        options : ConsistencyOptions
            The settings; a check appends to ``options.skipped`` what it could not check, and why.

        Returns
        -------
        list of Check
            The check's rows, in the order of the published file.
        """


# ----------------------------------------------------------------------------- text
def effect_label(row) -> str:
    """``"A -> B"`` or ``"A -> M -> B"`` for a published path or indirect-effect row.

    Parameters
    ----------
    row
        A published effect row (its ``nodes``).

    Returns
    -------
    str
    """
    return " -> ".join(row.nodes)


def table_location(pub: Published, table: str) -> str:
    """Where the paper prints the table(s) a row names: each one's caption and ``location`` hint.

    Parameters
    ----------
    pub : Published
        Its ``captions`` and ``locations`` (table id -> text).
    table : str
        A row's ``table`` column: one table id, or several joined by ``+``
        (``"table4_r_squared+table5_path_coefficients"``).

    Returns
    -------
    str
        ``"Tabel 4. R-Square, HASIL ... (markdown line 281); Tabel 5. ..."``: the tables with a caption or a
        hint, joined by ``"; "``; empty when the file gives neither.
    """
    places = []
    for name in str(table).split("+"):
        parts = [pub.captions.get(name, ""), pub.locations.get(name, "")]
        if any(parts):
            places.append(", ".join(p for p in parts if p))
    return "; ".join(places)


# ----------------------------------------------------------------------------- the model
def predecessors(model) -> dict[str, list[str]]:
    """Construct name → the names of the constructs with a path into it.

    Parameters
    ----------
    model : plssem.Model
        The configured model.

    Returns
    -------
    dict of str to list of str
        Every construct, exogenous ones with an empty list.
    """
    names = model.construct_names
    return {names[j]: [names[i] for i in model.predecessors(j)] for j in range(len(names))}
