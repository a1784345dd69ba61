"""What the study expects of its survey file, built from the config.

:class:`SurveySpec` gathers, from the ``data``, ``respondents`` and
``constructs`` sections of the config (and the structural paths), everything
:func:`plssem_pipeline.ingest.cleaning.clean_survey` checks the survey
against: the columns, each indicator's response scale and reverse coding, the missing-value codes, the policies
for invalid values, straight-lining and missing values, and the sample size the
model needs.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: The column the clean step adds to ``results/clean/survey.csv``: each respondent's line in the survey
#: file. No survey column the study uses may bear this name (refused by :mod:`plssem_pipeline.study.reserved`).
SOURCE_ROW = "source_row"

__all__ = ["SurveySpec", "SOURCE_ROW"]


@dataclass
class SurveySpec:
    """What the study expects of its survey file (from the ``data``, ``respondents`` and ``constructs`` config).

    Attributes
    ----------
    indicators : list of str
        Indicator columns, in model order.
    respondents : dict
        Profile variable -> ``{"label": str, "categories": {code: label}}``.
    id_column : str or None
    scale_min, scale_max : float
        ``data.scale``: the scale of indicators that have none in ``scales``.
    scales : dict
        Indicator -> ``{"construct", "scale_min", "scale_max", "scale_key", "reverse_coded"}``
        (:func:`plssem_pipeline.study.scales.indicator_scales`); an indicator absent from it is
        added on ``data.scale``, not reverse-coded.
    missing_codes : tuple
    missing_treatment : {"mean_replacement", "casewise_deletion", "none"}
    max_missing_share : float
        ``data.max_missing_share``: an indicator missing for a larger share of the respondents is warned about.
    invalid_values : {"error", "missing"}
    straight_lining : {"flag", "exclude"}
    decimal : {"auto", ".", ","}
    owners : dict
        Indicator -> construct, for messages.
    redundancy : dict
        Global single item (``constructs.<C>.redundancy``) -> its construct. Each is one of
        ``indicators`` (read, validated on its construct's scale and cleaned like them) but
        no indicator of the model.
    controls : dict
        Control variable column (config ``controls``) -> its config key (``controls.<column>``). Each is
        one of ``indicators``, read as a number on no scale (its scale bounds are None), cleaned like
        them but not part of the straight-lining check.
    min_respondents : int
        Fewest respondents the model can be estimated with (3 without paths).
    min_reason : str
        Why, for the message.
    recommended_respondents : int or None
        The ten-times rule of thumb; fewer gives a warning.
    """

    indicators: list[str]
    respondents: dict = field(default_factory=dict)
    id_column: str | None = None
    scale_min: float = 1
    scale_max: float = 5
    missing_codes: tuple = ()
    missing_treatment: str = "mean_replacement"
    max_missing_share: float = 0.15
    invalid_values: str = "error"
    straight_lining: str = "flag"
    decimal: str = "auto"
    owners: dict = field(default_factory=dict)
    min_respondents: int = 3
    min_reason: str = "the PLS algorithm needs at least 3 respondents"
    recommended_respondents: int | None = None
    scales: dict = field(default_factory=dict)
    redundancy: dict = field(default_factory=dict)
    controls: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in self.indicators:  # an indicator not in ``scales`` is on data.scale
            self.scales.setdefault(name, {"construct": self.owners.get(name, ""), "scale_min": self.scale_min,
                                          "scale_max": self.scale_max, "scale_key": "data.scale",
                                          "reverse_coded": False})

    def scale(self, indicator: str) -> tuple[float | None, float | None, str]:
        """``(min, max, config key)`` of ``indicator``'s response scale (``None`` bounds: a control variable)."""
        own = self.scales[indicator]
        return own["scale_min"], own["scale_max"], own["scale_key"]

    @property
    def item_columns(self) -> list[int]:
        """Positions in ``indicators`` of the items: every column but the control variables."""
        return [j for j, name in enumerate(self.indicators) if name not in self.controls]

    @property
    def reverse_coded(self) -> list[str]:
        """The reverse-coded indicators, in model order."""
        return [i for i in self.indicators if self.scales[i]["reverse_coded"]]

    @classmethod
    def from_config(cls, data: Mapping, respondents: Mapping, constructs: Mapping,
                    paths: Sequence[str] = (), scales: Mapping | None = None,
                    controls: Mapping | None = None) -> "SurveySpec":
        """Build from the config sections (defaults filled in by the schema).

        Parameters
        ----------
        data : Mapping
            The ``data`` section.
        respondents : Mapping
            The ``respondents`` section (profile variables), possibly empty.
        constructs : Mapping
            Construct -> ``{"indicators": [...], "mode": "A" | "B", "scale": {...} or None, "reverse": [...],
            "redundancy": global item or None}``.
        paths : sequence of str
            The structural paths; they set the minimum and recommended sample sizes.
        scales : Mapping, optional
            Each indicator's scale, as :func:`plssem_pipeline.study.scales.indicator_scales` gives it;
            computed from ``data`` and ``constructs`` when not given.
        controls : Mapping, optional
            Config ``controls``: control variable column -> its target constructs.

        Returns
        -------
        SurveySpec
        """
        from ..study.sample_size import minimum_respondents, ten_times_rule
        from ..study.scales import indicator_scales

        owners = {str(i): str(c) for c, spec in constructs.items() for i in spec.get("indicators") or ()}
        redundancy = {str(spec["redundancy"]): str(c) for c, spec in constructs.items()
                      if spec.get("redundancy") and str(spec["redundancy"]) not in owners}
        controls = {str(column): f"controls.{column}" for column in controls or {}}
        blocks = {str(c): [str(i) for i in spec.get("indicators") or ()] for c, spec in constructs.items()}
        blocks.update({column: [column] for column in controls})
        modes = {str(c): spec.get("mode", "A") for c, spec in constructs.items()}
        need, why = minimum_respondents(blocks, paths)
        scale = data.get("scale", {})
        return cls(
            indicators=list(owners) + list(redundancy) + list(controls),
            respondents={str(k): dict(v) for k, v in (respondents or {}).items()},
            id_column=data.get("id_column"),
            scale_min=scale.get("min", 1),
            scale_max=scale.get("max", 5),
            missing_codes=tuple(data.get("missing_codes", ())),
            missing_treatment=data.get("missing_treatment", "mean_replacement"),
            max_missing_share=data.get("max_missing_share", 0.15),
            invalid_values=data.get("invalid_values", "error"),
            straight_lining=data.get("straight_lining", "flag"),
            decimal=data.get("decimal", "auto"),
            owners={**owners, **redundancy, **{column: column for column in controls}},
            redundancy=redundancy,
            controls=controls,
            min_respondents=need,
            min_reason=why,
            recommended_respondents=ten_times_rule(blocks, paths, modes) if paths else None,
            scales={**_with_redundancy(dict(scales) if scales is not None else indicator_scales(data, constructs),
                                       constructs, redundancy),
                    **{column: {"construct": column, "scale_min": None, "scale_max": None, "scale_key": key,
                                "reverse_coded": False} for column, key in controls.items()}},
        )


def _with_redundancy(scales: dict, constructs: Mapping, redundancy: Mapping[str, str]) -> dict:
    """``scales`` with each global item on its construct's scale (that of the construct's first indicator)."""
    for item, construct in redundancy.items():
        first = str(constructs[construct]["indicators"][0])
        scales[item] = {**scales[first], "reverse_coded": False}
    return scales
