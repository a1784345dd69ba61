# Step 8: the audit. The published tables (config key `published`) against the
# reproduced results, and against themselves (no data): results/audit/.


rule audit:
    input:
        clean_summary="results/clean/summary.json",
        respondents="results/describe/respondents.csv",
        loadings="results/outer/loadings.csv",
        reliability="results/outer/reliability.csv",
        r2="results/inner/r2.csv",
        paths="results/bootstrap/paths.csv",
        indirect="results/bootstrap/specific_indirect.csv",
        hypotheses="results/hypotheses/hypotheses.csv",
        published=[config["published"]] if config["published"] else [],
    output:
        published_vs_reproduced="results/audit/published_vs_reproduced.csv",
        consistency="results/audit/consistency.csv",
        summary="results/audit/summary.json",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        audit=config["audit"],
        significance=config["mediation"]["significance"],
        language=config["report"]["language"],
        constructs=config["constructs"],
        paths=config["paths"],
        pipeline=PIPELINE,
    log:
        "results/logs/audit.log",
    benchmark:
        "results/benchmarks/audit.tsv"
    script:
        "../scripts/audit.py"
