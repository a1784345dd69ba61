"""What every section of the report reads from: :class:`ReportInputs`, made once per report.

It holds the results contract's files, the configuration, the figures, the
audit's files and the published tables, and the reading and formatting state
the sections share: the language's catalogue, the construct labels, the
significance rule, the audit's criteria, the three ``summary.json`` files and
the audit's published-against-reproduced rows.
"""
from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..analysis.mediation import is_significant
from ..study.extensions import roles
from ..study.labels import construct_labels
from .catalogue import Catalogue
from .tables import Figure, integer, number, prose

__all__ = ["ReportInputs", "REQUIRED_FILES", "OPTIONAL_FILES", "KEYED_FILES", "read_csv"]

#: Keys of ``files`` that :func:`~plssem_pipeline.report.context.build_context` needs (results contract files).
REQUIRED_FILES = (
    "respondents", "clean_summary", "loadings", "reliability", "fornell_larcker", "htmt", "outer_vif", "redundancy",
    "formative",
    "outer_summary", "r2", "f2", "inner_vif", "fit", "boot_paths", "boot_indirect", "boot_htmt",
    "boot_summary", "mediation", "hypotheses",
    "clean_survey", "indicators", "cross_loadings", "boot_loadings", "boot_weights", "boot_r2", "boot_reliability",
    "boot_total_effects", "boot_total_indirect",
    "htmt_signed", "full_collinearity_vif",
)

#: Keys of ``files`` a report reads when given (issue 13): the moderation step's files and the lower-order
#: measurement model of higher-order constructs; a part whose file is not given or has no row is left out.
OPTIONAL_FILES = ("interactions", "simple_slopes", "moderated_mediation", "lower_order_loadings",
                  "lower_order_reliability", "lower_order_htmt",
                  # issue 14: PLSpredict and CVPAT (results/predict/), model fit and information criteria (results/fit/)
                  "predict_items", "predict_constructs", "predict_cvpat", "predict_summary",
                  "model_fit", "fit_criteria", "model_comparison", "fit_summary",
                  # issue 15: the importance-performance map (results/ipma/)
                  "ipma_constructs", "ipma_indicators", "ipma_summary",
                  # issue 17: the Monte Carlo power analysis (results/power/)
                  "power_table", "power_minimum_n", "power_summary")

#: Kinds of ``files`` given once per compared pair or group (issue 15), named ``<kind>:<pair or group code>``:
#: ``mga:2-vs-1`` (results/mga/2-vs-1/mga.csv), ``micom:``, ``mga_summary:`` (summary.json) and
#: ``group_bootstrap:2`` (results/groups/2/bootstrap.csv); see :mod:`.sections.group_pairs`.
KEYED_FILES = ("mga", "micom", "mga_summary", "group_bootstrap")

#: The schema's defaults of ``audit.criteria`` (workflow/schemas/config.schema.yaml), for a
#: context built from a config that has not been through the schema (tests, notebooks).
_SCHEMA_CRITERIA = {"loading": 0.70, "ave": 0.50, "reliability": 0.70, "htmt": 0.90, "full_collinearity_vif": 3.3}

_SUMMARIES = ("clean_summary", "outer_summary", "boot_summary")


def read_csv(path, **kwargs):
    """A CSV file as a pandas DataFrame (:func:`plssem_pipeline.io.read_csv`).

    Parameters
    ----------
    path : str or Path
    **kwargs
        Passed to :func:`pandas.read_csv` (``dtype=str, keep_default_na=False`` for the audit's files).

    Returns
    -------
    pandas.DataFrame
    """
    from ..io import read_csv as read

    return read(path, **kwargs)


def _read_json(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _within(record) -> bool | None:
    """The audit's ``within`` column: True, False, or None when not judged (no tolerance, or not a verdict)."""
    within = str(record.get("within", "")).strip().lower()
    if not str(record.get("tolerance", "")).strip():
        within = ""  # no tolerance (a published O or M without its STDEV): not judged, shown as n/a
    return True if within in ("true", "1", "yes") else False if within in ("false", "0", "no") else None


def read_comparisons(audit: Mapping | None) -> list | None:
    """The audit's comparison of published and reproduced values, row by row.

    Parameters
    ----------
    audit : mapping or None
        The audit's files by name (``published_vs_reproduced``), as given to ``build_context``.

    Returns
    -------
    list of dict or None
        Rows with ``table``, ``row``, ``statistic``, ``published``, ``reproduced``,
        ``difference``, ``tolerance`` (text as written) and ``within`` (True,
        False, or None when not judged); None without the file.
    """
    if not audit or "published_vs_reproduced" not in audit:
        return None
    frame = read_csv(audit["published_vs_reproduced"], dtype=str, keep_default_na=False)
    names = ("table", "row", "statistic")
    return [{**{name: str(record.get(name, "")) for name in names},
             **{name: record.get(name, "") for name in ("published", "reproduced", "difference", "tolerance")},
             "within": _within(record)} for record in frame.to_dict("records")]


@dataclass(eq=False)
class ReportInputs:
    """The files and settings a report is made from, read once, and the helpers the sections share.

    The arguments are those of :func:`~plssem_pipeline.report.context.build_context`;
    ``inputs`` None means ``files`` and the figures.
    """

    files: Mapping
    config: Mapping
    figures: Mapping | None = None
    audit: Mapping | None = None
    published: Mapping | None = None
    config_source: str = "config.yaml"
    pdf: Mapping | None = None
    report_dir: str = "report"
    inputs: list | None = None
    language: str = field(init=False)
    t: Catalogue = field(init=False)
    summaries: dict = field(init=False)
    comparisons: list | None = field(init=False)

    def __post_init__(self) -> None:
        missing = [name for name in REQUIRED_FILES if name not in self.files]
        if missing:
            raise KeyError(f"build_context needs the results files {', '.join(missing)}")
        self.figures = self.figures or {}
        self.pdf = self.pdf or {}
        if self.inputs is None:
            self.inputs = list(self.files.values()) + [p for f in self.figures.values() for p in f.values() if p]
        self.language = self.config.get("report", {}).get("language", "en")
        self.t = Catalogue(self.language)
        self.summaries = {name: _read_json(self.files[name]) for name in _SUMMARIES}
        self.comparisons = read_comparisons(self.audit)

    # -- settings --
    @property
    def labels(self) -> dict:
        """Construct and control variable -> its label in the report's language
        (:func:`~plssem_pipeline.study.labels.construct_labels`; the name when the config gives none)."""
        return construct_labels(self.config, self.language)

    @property
    def alpha(self) -> float:
        """``bootstrap.alpha``."""
        return float(self.config["bootstrap"]["alpha"])

    @property
    def significance(self) -> str:
        """``mediation.significance``: ``"confidence_interval"`` (the schema's default) or ``"p_value"``."""
        return str((self.config.get("mediation") or {}).get("significance", "confidence_interval"))

    @property
    def criteria(self) -> dict:
        """The thresholds of the measurement model's verdicts (Tables 2, 3, 3b and the full-collinearity check): the
        audit's (config ``audit.criteria``)."""
        return {**_SCHEMA_CRITERIA, **((self.config.get("audit") or {}).get("criteria") or {})}

    @property
    def level(self) -> str:
        """The confidence level in percent, English digits (``"95"``)."""
        return prose(100 * (1 - self.alpha), "en")

    @property
    def ci_bounds(self) -> tuple:
        """Headers of the interval's bounds: ``("2.5%", "97.5%")``."""
        return f"{100 * self.alpha / 2:g}%", f"{100 * (1 - self.alpha / 2):g}%"

    @property
    def ci_method(self) -> str:
        """The bootstrap interval's name in the report's language (``bootstrap.ci``)."""
        return self.t("ci_" + self.config["bootstrap"]["ci"])

    @property
    def subsamples(self) -> str:
        """The number of bootstrap subsamples, formatted for the report's language."""
        return integer(self.summaries["boot_summary"]["details"]["subsamples"], self.language)

    @property
    def subsamples_neutral(self) -> str:
        """The number of bootstrap subsamples as a table's note names it, neutrally (``5,000``): the notes are
        written in the report's language once, with the table (:func:`~.localize.localize_tables`)."""
        return integer(self.summaries["boot_summary"]["details"]["subsamples"], "en")

    # -- reading --
    def records(self, name: str, **kwargs) -> list:
        """The rows of a results file, each as a dict.

        Parameters
        ----------
        name : str
            One of :data:`REQUIRED_FILES` (``"boot_paths"``, ...).
        **kwargs
            Passed to :func:`read_csv`.

        Returns
        -------
        list of dict
        """
        return read_csv(self.files[name], **kwargs).to_dict("records")

    def frame(self, name: str, **kwargs):
        """A results file as a table, for grouping or indexing by a column.

        Parameters
        ----------
        name : str
            One of :data:`REQUIRED_FILES`.
        **kwargs
            Passed to :func:`read_csv` (``dtype=`` of a column of codes, ...).

        Returns
        -------
        pandas.DataFrame
        """
        return read_csv(self.files[name], **kwargs)

    def optional_records(self, name: str) -> list:
        """The rows of one of :data:`OPTIONAL_FILES`, each as a dict; none when the file is not given.

        Parameters
        ----------
        name : str
            One of :data:`OPTIONAL_FILES` (``"interactions"``, ...).

        Returns
        -------
        list of dict
        """
        return self.records(name) if name in self.files else []

    def optional_json(self, name: str) -> dict | None:
        """One of the ``summary.json`` files of :data:`OPTIONAL_FILES` (``"predict_summary"``, ``"fit_summary"``),
        or None when it is not given."""
        return _read_json(self.files[name]) if name in self.files else None

    @cached_property
    def roles(self) -> dict:
        """Construct of the final model -> its role (:func:`plssem_pipeline.study.roles`): ``"control"``,
        ``"interaction"``, ``"higher_order"``, ``"lower_order"`` or ``"construct"``."""
        return roles(self.config)

    # -- judging and wording --
    def significant(self, record) -> bool:
        """Whether a bootstrap row is significant: the pipeline's one rule, ``mediation.is_significant``.

        Parameters
        ----------
        record : mapping
            A row of the bootstrap's or the mediation's results (``p``, ``ci_low``, ``ci_high``).

        Returns
        -------
        bool
            Under ``mediation.significance`` (p value or interval) and ``bootstrap.alpha``.
        """
        return is_significant(number(record.get("p")), number(record.get("ci_low")), number(record.get("ci_high")),
                              alpha=self.alpha, method=self.significance)

    def construct_text(self, construct) -> str:
        """A construct as the tables name it.

        Parameters
        ----------
        construct : str
            The construct's name in the model (``"KP"``).

        Returns
        -------
        str
            ``"KP — Kualitas produk"``, or the bare name when the config gives no other label.
        """
        label = self.labels.get(construct, construct)
        return construct if label == construct else f"{construct} — {label}"

    # -- links --
    def link(self, path) -> str:
        """Where a file is seen from the report: the target of a link, the path LaTeX includes.

        Parameters
        ----------
        path : str or Path
            Relative to the working directory (the project's root in the workflow).

        Returns
        -------
        str
            ``path`` relative to the report's directory, with forward slashes.
        """
        return os.path.relpath(str(path), self.report_dir).replace(os.sep, "/")

    def file(self, path) -> dict:
        """A file named under a table (its sources) or in the audit's sentences, with its link.

        Parameters
        ----------
        path : str or Path

        Returns
        -------
        dict
            ``{"path": path as text, "link": :meth:`link` of it}``.
        """
        return {"path": str(path), "link": self.link(path)}

    def source(self, *names) -> list:
        """The sources of a table: the results files it was made from.

        Parameters
        ----------
        *names : str
            Keys of ``files`` (:data:`REQUIRED_FILES`).

        Returns
        -------
        list of dict
            One :meth:`file` entry a name.
        """
        return [self.file(self.files[name]) for name in names]

    def figure(self, name, number, caption, *, wide=False) -> Figure | None:
        """One of the workflow's figures, its PNG embedded as a data URI (HTML), its PDF for LaTeX.

        Parameters
        ----------
        name : str
            Key of ``figures`` (``"loadings"``, ``"structural_model"``, ...).
        number : str
            The figure's number in the report.
        caption : str
        wide : bool
            A full page (LaTeX: landscape) rather than a text-width figure.

        Returns
        -------
        Figure or None
            None when the workflow drew no such figure.
        """
        paths = self.figures.get(name)
        if not paths:
            return None
        with open(paths["png"], "rb") as handle:
            data = base64.b64encode(handle.read()).decode("ascii")
        pdf = paths.get("pdf")
        return Figure(id=f"figure-{name}", number=number, caption=caption, png=str(paths["png"]), pdf=pdf,
                      data_uri="data:image/png;base64," + data, link=self.link(paths["png"]),
                      tex_path=self.link(pdf) if pdf else "", wide=wide)
