# Step 4c: model fit and model comparison (issue 14). Rule `alternative` estimates each competing model of
# config["alternatives"] on the same cleaned survey (one job per name) and writes its information criteria;
# rule `fit` writes the fit indices of the saturated and the estimated model with the bootstrap test of
# exact fit (Bollen-Stine transformed data; Dijkstra & Henseler 2015), the information criteria of the
# study's model and of every alternative, and their BIC and Akaike weights side by side (Sharma et al. 2019).


rule alternative:
    input:
        survey="results/clean/survey.csv",
    output:
        criteria="results/alternatives/{name}/criteria.csv",
        summary="results/alternatives/{name}/summary.json",
    params:
        model=lambda wildcards: ALTERNATIVES[wildcards.name],  # study.alternative_spec
        algorithm=config["algorithm"],
        engine=ENGINE,
        pipeline=PIPELINE,
    wildcard_constraints:
        name="|".join(map(re.escape, ALTERNATIVES)) or "(?!)",  # a configured alternative, nothing else
    log:
        "results/logs/alternative/{name}.log",
    benchmark:
        "results/benchmarks/alternative/{name}.tsv"
    script:
        "../scripts/alternative.py"


rule fit:
    input:
        survey="results/clean/survey.csv",
        alternatives=[f"results/alternatives/{name}/criteria.csv" for name in ALTERNATIVES],
    output:
        fit="results/fit/fit.csv",
        criteria="results/fit/criteria.csv",
        model_comparison="results/fit/model_comparison.csv",
        summary="results/fit/summary.json",
    params:
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        fit=FIT,  # study.fit_settings: samples and seed resolved
        alternatives=list(ALTERNATIVES),
        engine=ENGINE,
        pipeline=PIPELINE,
    # One BLAS thread: the same floating-point order whatever --cores is (byte-identical results).
    threads: 1
    log:
        "results/logs/fit.log",
    benchmark:
        "results/benchmarks/fit.tsv"
    script:
        "../scripts/fit.py"
