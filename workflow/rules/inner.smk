# Step 4: the structural (inner) model.


rule inner:
    input:
        survey="results/clean/survey.csv",
    output:
        paths="results/inner/paths.csv",
        r2="results/inner/r2.csv",
        f2="results/inner/f2.csv",
        vif="results/inner/vif.csv",
        effects="results/inner/effects.csv",
        specific_indirect="results/inner/specific_indirect.csv",
        fit="results/inner/fit.csv",
        summary="results/inner/summary.json",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        constructs=config["constructs"],
        paths=config["paths"],
        algorithm=config["algorithm"],
        engine=ENGINE,
        pipeline=PIPELINE,
    log:
        "results/logs/inner.log",
    benchmark:
        "results/benchmarks/inner.tsv"
    script:
        "../scripts/inner.py"
