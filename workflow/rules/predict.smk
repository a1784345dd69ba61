# Step 4b: predictive power (issue 14): PLSpredict (Shmueli et al. 2016, 2019) by k-fold cross-validation,
# its repetitions split into config["predict"]["chunks"] jobs over ranges [start, stop) and merged, and
# CVPAT (Liengaard et al. 2021; Sharma et al. 2023) against the indicator average and the linear model.
# The folds of repetition r depend on (seed, r) alone (plssem.folds), so the merged results are
# byte-identical for any number of chunks. A model PLSpredict cannot take (an interaction term, a
# higher-order construct) gets header-only tables and summary.json "applicable": false.


rule predict_chunk:
    input:
        survey="results/clean/survey.csv",
    output:
        draws="results/predict/chunks/repetitions_{start}-{stop}.npz",
    params:
        model=MODEL_SPEC,  # the model (study.model_spec): study.model_from_spec in the step
        algorithm=config["algorithm"],
        predict=PREDICT,  # study.predict_settings: seed and loo resolved
        engine=ENGINE,
        pipeline=PIPELINE,
    # One BLAS thread per chunk job, as bootstrap_chunk: the same floating-point order whatever --cores is.
    threads: 1
    log:
        "results/logs/predict_chunk/repetitions_{start}-{stop}.log",
    benchmark:
        "results/benchmarks/predict_chunk/repetitions_{start}-{stop}.tsv"
    script:
        "../scripts/predict_chunk.py"


rule predict:
    input:
        survey="results/clean/survey.csv",
        chunks=[f"results/predict/chunks/repetitions_{start}-{stop}.npz" for start, stop in PREDICT_CHUNKS],
    output:
        indicators="results/predict/items.csv",  # `items` is a name Snakemake reserves
        constructs="results/predict/constructs.csv",
        cvpat="results/predict/cvpat.csv",
        errors="results/predict/errors.csv",
        summary="results/predict/summary.json",
    params:
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        predict=PREDICT,
        engine=ENGINE,
        pipeline=PIPELINE,
    threads: 1
    log:
        "results/logs/predict.log",
    benchmark:
        "results/benchmarks/predict.tsv"
    script:
        "../scripts/predict.py"
