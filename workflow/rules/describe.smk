# Step 2: the respondent profile and the indicator descriptives.


rule describe:
    input:
        validated="results/clean/validated.csv",
        categories="results/clean/categories.csv",  # the profile variables: config or the file's value labels
    output:
        respondents="results/describe/respondents.csv",
        indicators="results/describe/indicators.csv",
        summary="results/describe/summary.json",
    params:
        respondents=config["respondents"],
        indicators=study.indicator_lists(config["constructs"], config["controls"]),  # control variables too
        scales=study.indicator_scales(config["data"], config["constructs"]),  # scale_min, scale_max columns
        pipeline=PIPELINE,
    log:
        "results/logs/describe.log",
    benchmark:
        "results/benchmarks/describe.tsv"
    script:
        "../scripts/describe.py"
