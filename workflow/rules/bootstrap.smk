# Step 5: the bootstrap, split into config["bootstrap"]["chunks"] jobs over
# subsample ranges [start, stop) and merged. Subsample i depends on (seed, i)
# alone, so the merged results are byte-identical for any number of chunks.


rule bootstrap_chunk:
    input:
        survey="results/clean/survey.csv",
    output:
        draws="results/bootstrap/chunks/subsamples_{start}-{stop}.npz",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        constructs=config["constructs"],
        paths=config["paths"],
        algorithm=config["algorithm"],
        seed=config["bootstrap"]["seed"],
        sign_change=config["bootstrap"]["sign_change"],
        engine=ENGINE,
        pipeline=PIPELINE,
    # One BLAS thread per chunk job: the chunks are the parallelism, and a
    # fixed thread count keeps every floating-point reduction in the same
    # order whatever --cores is (byte-identical results).
    threads: 1
    log:
        "results/logs/bootstrap_chunk/subsamples_{start}-{stop}.log",
    benchmark:
        "results/benchmarks/bootstrap_chunk/subsamples_{start}-{stop}.tsv"
    script:
        "../scripts/bootstrap_chunk.py"


rule bootstrap:
    input:
        survey="results/clean/survey.csv",
        chunks=[f"results/bootstrap/chunks/subsamples_{start}-{stop}.npz" for start, stop in BOOTSTRAP_CHUNKS],
    output:
        paths="results/bootstrap/paths.csv",
        specific_indirect="results/bootstrap/specific_indirect.csv",
        total_indirect="results/bootstrap/total_indirect.csv",
        total_effects="results/bootstrap/total_effects.csv",
        loadings="results/bootstrap/loadings.csv",
        weights="results/bootstrap/weights.csv",
        r2="results/bootstrap/r2.csv",
        htmt="results/bootstrap/htmt.csv",
        reliability="results/bootstrap/reliability.csv",
        moderation="results/bootstrap/moderation.csv",
        moderated_mediation="results/bootstrap/moderated_mediation.csv",
        formative="results/bootstrap/formative.csv",
        subsamples="results/bootstrap/subsamples.csv",
        draws="results/bootstrap/draws.npz",
        summary="results/bootstrap/summary.json",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        constructs=config["constructs"],
        paths=config["paths"],
        algorithm=config["algorithm"],
        bootstrap=config["bootstrap"],
        significance=config["mediation"]["significance"],  # the one significance rule, for formative weights
        engine=ENGINE,
        pipeline=PIPELINE,
    threads: 1
    log:
        "results/logs/bootstrap.log",
    benchmark:
        "results/benchmarks/bootstrap.tsv"
    script:
        "../scripts/bootstrap.py"
