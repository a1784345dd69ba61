# Step 6a: the hypotheses (config key `hypotheses`, else one per path), each effect's bootstrap
# test, two- or one-tailed (`bootstrap.tails`), and its verdict: results/hypotheses/.


rule hypotheses:
    input:
        survey="results/clean/survey.csv",
        draws="results/bootstrap/draws.npz",
    output:
        hypotheses="results/hypotheses/hypotheses.csv",
        summary="results/hypotheses/summary.json",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        constructs=config["constructs"],
        paths=config["paths"],
        algorithm=config["algorithm"],
        bootstrap=config["bootstrap"],
        hypotheses=config["hypotheses"],
        significance=config["mediation"]["significance"],
        engine=ENGINE,
        pipeline=PIPELINE,
    threads: 1
    log:
        "results/logs/hypotheses.log",
    benchmark:
        "results/benchmarks/hypotheses.tsv"
    script:
        "../scripts/hypotheses.py"
