# Importance-performance map analysis (issue 15; config ipma): the total effects of ipma.target's predecessors on
# it (importance) against their mean scores on 0-100 (performance), constructs and indicators (Ringle & Sarstedt
# 2016). Without config ipma the rule has no job.


rule ipma:
    input:
        survey="results/clean/survey.csv",
    output:
        constructs="results/ipma/constructs.csv",
        indicators="results/ipma/indicators.csv",
        summary="results/ipma/summary.json",
    params:
        ipma=IPMA,  # study.ipma_settings: target, weights
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        scales=study.indicator_scales(config["data"], config["constructs"]),  # each indicator's [min, max]
        engine=ENGINE,
        pipeline=PIPELINE,
    threads: 1
    log:
        "results/logs/ipma.log",
    benchmark:
        "results/benchmarks/ipma.tsv"
    script:
        "../scripts/ipma.py"
