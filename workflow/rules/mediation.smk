# Step 6: mediation analysis (Zhao, Lynch & Chen 2010) from the bootstrap results; an effect stated
# as a hypothesis is judged by its test in results/hypotheses/hypotheses.csv.


rule mediation:
    input:
        specific_indirect="results/bootstrap/specific_indirect.csv",
        paths="results/bootstrap/paths.csv",
        total_effects="results/bootstrap/total_effects.csv",
        total_indirect="results/bootstrap/total_indirect.csv",
        hypotheses="results/hypotheses/hypotheses.csv",
    output:
        indirect="results/mediation/indirect.csv",
        summary="results/mediation/summary.json",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        alpha=config["bootstrap"]["alpha"],
        mediation=config["mediation"],
        pipeline=PIPELINE,
    log:
        "results/logs/mediation.log",
    benchmark:
        "results/benchmarks/mediation.tsv"
    script:
        "../scripts/mediation.py"
