"""Rule `clean`: read and validate the survey, write the cleaned data and the exclusions log."""
from __future__ import annotations

from .. import io
from ..audit import provenance
from ..ingest.cleaning import clean_survey
from ..ingest.formats import settings_not_applied
from ..ingest.labels import category_table, profile_variables
from ..ingest.spec import SurveySpec
from ..ingest.survey import read_survey


def main(smk, log):
    data = smk.params.data
    constructs = {name: {"indicators": items, "mode": smk.params.modes[name],
                         "redundancy": smk.params.redundancy.get(name)}   # a global item is read and cleaned too
                  for name, items in smk.params.indicators.items()}
    raw = read_survey(smk.input.survey, delimiter=data["delimiter"], encoding=data["encoding"], sheet=data.get("sheet"))
    log.info("read %s: %s", smk.input.survey, raw.format)
    respondents, sources = profile_variables(smk.params.respondents, raw)
    spec = SurveySpec.from_config(data, respondents, constructs, smk.params.paths,
                                  scales=smk.params.scales, controls=smk.params.controls)
    cleaned = clean_survey(raw, spec)
    io.write_csv(cleaned.survey, smk.output.survey)
    io.write_csv(cleaned.validated, smk.output.validated)
    io.write_csv(cleaned.exclusions, smk.output.exclusions)
    io.write_csv(category_table(respondents, sources), smk.output.categories)
    cleaned.details["warnings"] = settings_not_applied(data, raw.file_format) + cleaned.details["warnings"]
    details = {"format": raw.format, **cleaned.details,
               "categories_from_value_labels": [name for name, source in sources.items() if source != "config"]}
    for warning in details["warnings"]:
        log.warning(warning)
    log.info("%d respondents kept of %d; %d row(s) in the exclusions log", details["respondents_kept"],
             details["rows_read"], details["exclusion_rows"])
    provenance.write_json(provenance.step_summary(
        "clean", inputs=[smk.input.survey],
        outputs=[smk.output.survey, smk.output.validated, smk.output.exclusions, smk.output.categories],
        config={"data": data, "respondents": smk.params.respondents, "indicators": smk.params.indicators,
                "paths": smk.params.paths, "scales": smk.params.scales, "controls": smk.params.controls},
        fingerprints={"pipeline": smk.params.pipeline}, details=details,
    ), smk.output.summary)
