"""Rule `group_data`: one group's respondents, missing values treated within the group.

Reads ``results/clean/validated.csv`` (the respondents the clean step kept, before its missing-value treatment)
and writes ``results/groups/{group}/survey.csv`` (:func:`plssem_pipeline.analysis.groups.group_survey`) and
``summary.json`` (n, values replaced, the group's label, respondents in no group, and a warning when the group
is below the ten-times rule of thumb, also logged as the clean step logs it for the whole sample).
"""
from __future__ import annotations

from itertools import combinations

from .. import io
from ..analysis.groups import group_survey
from ..audit import provenance
from ..ingest.spec import SurveySpec
from ..study.labels import label_for


def main(smk, log):
    variable, code = smk.params.variable, str(smk.wildcards.group)
    constructs = {name: {"indicators": items, "mode": smk.params.modes[name]}
                  for name, items in smk.params.indicators.items()}
    spec = SurveySpec.from_config(smk.params.data, {}, constructs, smk.params.paths, scales=smk.params.scales,
                                  controls=smk.params.controls)
    validated = io.read_csv(smk.input.validated, dtype={variable: str})
    label = label_for(smk.params.label, smk.params.language, code)
    others = [str(c) for c in smk.params.groups if str(c) != code]
    survey, details = group_survey(validated, spec, variable=variable, code=code, label=label,
                                   source=smk.input.validated, pairs=list(combinations(others, 2)))
    io.write_csv(survey, smk.output.survey)
    details.update(code=code, label=label, variable=variable,
                   without_group=int(validated[variable].isna().sum()))
    for warning in details["warnings"]:
        log.warning(warning)
    log.info("group %s (%s): %d respondents, %d values replaced; %d respondents without a value of %s", code,
             label, details["n"], details["replaced"], details["without_group"], variable)
    provenance.write_json(provenance.step_summary(
        "group_data", inputs=[smk.input.validated], outputs=[smk.output.survey],
        config={"groups": {"variable": variable, "label": smk.params.label, "groups": list(smk.params.groups)},
                "data": smk.params.data, "indicators": smk.params.indicators},
        fingerprints={"pipeline": smk.params.pipeline}, details=details,
    ), smk.output.summary)
