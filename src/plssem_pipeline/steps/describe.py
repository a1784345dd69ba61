"""Rule `describe`: the respondent profile and the indicator descriptives."""
from __future__ import annotations

from .. import io
from ..analysis import describe
from ..audit import provenance
from ..ingest.labels import variables_from_table


def main(smk, log):
    frame = io.read_csv(smk.input.validated, keep_default_na=False, na_values=[""])
    variables = variables_from_table(io.read_csv(smk.input.categories, dtype=str, keep_default_na=False))
    respondents = describe.respondent_profile(frame, variables)
    indicators = describe.indicator_descriptives(frame, smk.params.indicators, smk.params.scales)
    io.write_csv(respondents, smk.output.respondents)
    io.write_csv(indicators, smk.output.indicators)
    provenance.write_json(provenance.step_summary(
        "describe", inputs=[smk.input.validated, smk.input.categories],
        outputs=[smk.output.respondents, smk.output.indicators],
        config={"respondents": smk.params.respondents, "indicators": smk.params.indicators,
                "scales": smk.params.scales},
        fingerprints={"pipeline": smk.params.pipeline}, details={"respondents": len(frame)},
    ), smk.output.summary)
