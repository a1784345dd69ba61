"""Rule `describe`: the respondent profile and the indicator descriptives."""
from __future__ import annotations

from .. import io
from ..analysis import describe
from ..audit import provenance


def main(smk, log):
    frame = io.read_csv(smk.input.validated, keep_default_na=False, na_values=[""])
    respondents = describe.respondent_profile(frame, smk.params.respondents)
    indicators = describe.indicator_descriptives(frame, smk.params.indicators, smk.params.scales)
    io.write_csv(respondents, smk.output.respondents)
    io.write_csv(indicators, smk.output.indicators)
    provenance.write_json(provenance.step_summary(
        "describe", inputs=[smk.input.validated], outputs=[smk.output.respondents, smk.output.indicators],
        config={"respondents": smk.params.respondents, "indicators": smk.params.indicators,
                "scales": smk.params.scales},
        fingerprints={"pipeline": smk.params.pipeline}, details={"respondents": len(frame)},
    ), smk.output.summary)
