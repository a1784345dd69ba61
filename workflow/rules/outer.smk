# Step 3: the measurement (outer) model.


rule outer:
    input:
        survey="results/clean/survey.csv",
    output:
        loadings="results/outer/loadings.csv",
        reliability="results/outer/reliability.csv",
        htmt="results/outer/htmt.csv",
        htmt_signed="results/outer/htmt_signed.csv",
        fornell_larcker="results/outer/fornell_larcker.csv",
        cross_loadings="results/outer/cross_loadings.csv",
        vif="results/outer/vif.csv",
        full_collinearity_vif="results/outer/full_collinearity_vif.csv",
        redundancy="results/outer/redundancy.csv",
        lower_order_loadings="results/outer/lower_order_loadings.csv",
        lower_order_reliability="results/outer/lower_order_reliability.csv",
        lower_order_htmt="results/outer/lower_order_htmt.csv",
        summary="results/outer/summary.json",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        constructs=config["constructs"],
        paths=config["paths"],
        algorithm=config["algorithm"],
        engine=ENGINE,
        pipeline=PIPELINE,
    log:
        "results/logs/outer.log",
    benchmark:
        "results/benchmarks/outer.tsv"
    script:
        "../scripts/outer.py"
