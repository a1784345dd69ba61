"""Rule `audit`: the published tables against the reproduced results, and against themselves."""
from __future__ import annotations

from .. import io, study
from ..audit import compare, consistency, provenance
from ..audit.published import load_published


def main(smk, log):
    settings = smk.params.audit
    model = study.model_from_spec(smk.params.model)
    published_file = smk.input.published[0] if len(smk.input.published) else None  # config key `published`
    details = {"published": published_file}
    if published_file:
        published = load_published(published_file, default_decimals=settings["printed_decimals"])
        reproduced = compare.read_reproduced(
            clean_summary=smk.input.clean_summary, respondents=smk.input.respondents,
            loadings=smk.input.loadings, reliability=smk.input.reliability, r2=smk.input.r2,
            paths=smk.input.paths, indirect=smk.input.indirect, hypotheses=smk.input.hypotheses)
        criteria = settings["criteria"]
        options = consistency.ConsistencyOptions(
            alpha=settings["alpha"], bootstrap_samples=settings["published_bootstrap_samples"],
            loading_threshold=criteria["loading"], ave_threshold=criteria["ave"],
            reliability_threshold=criteria["reliability"], language=smk.params.language,
            tails=settings.get("tails", "two"))
        checks = consistency.checks_table(consistency.run_checks(published, model, options))
        # a printed "composite reliability" is compared with the coefficient the consistency check decided it is
        table = compare.published_vs_reproduced(
            published, reproduced, compare.Tolerances.from_config(settings["tolerances"]), alpha=settings["alpha"],
            significance=smk.params.significance,
            variants=consistency.composite_reliability_variants(published, model))
        details.update(compare.audit_details(published, table, checks, options.skipped))
    else:
        log.info("no published tables configured (published: null): writing empty tables")
        table = compare.empty_table()
        checks = consistency.checks_table([])
    io.write_csv(table, smk.output.published_vs_reproduced)
    io.write_csv(checks, smk.output.consistency)
    for line in details.get("failures", []):
        log.info("consistency check failed: %s", line)
    provenance.write_json(provenance.step_summary(
        "audit", inputs=list(smk.input), outputs=[smk.output.published_vs_reproduced, smk.output.consistency],
        config={"audit": settings, "mediation": {"significance": smk.params.significance},
                "report": {"language": smk.params.language},
                "published": published_file, "constructs": smk.params.constructs, "paths": smk.params.paths},
        fingerprints={"pipeline": smk.params.pipeline}, details=details,
    ), smk.output.summary)
