# Step 1: read, validate and clean the survey; log every change.


rule clean:
    input:
        survey=config["data"]["survey"],
    output:
        survey="results/clean/survey.csv",
        validated="results/clean/validated.csv",
        exclusions="results/clean/exclusions.csv",
        categories="results/clean/categories.csv",
        summary="results/clean/summary.json",
    params:
        data=config["data"],
        respondents=config["respondents"],
        indicators=study.indicator_lists(config["constructs"]),
        modes={name: spec.get("mode", "A") for name, spec in config["constructs"].items()},
        redundancy=study.redundancy_items(config["constructs"]),  # global single items (constructs.<C>.redundancy)
        paths=MODEL_SPEC["paths"],  # the model (control paths included) sets the minimum number of respondents
        controls=config["controls"],  # control variables: read as numbers on no scale
        scales=study.indicator_scales(config["data"], config["constructs"]),  # each item's scale, reverse coding
        pipeline=PIPELINE,
    log:
        "results/logs/clean.log",
    benchmark:
        "results/benchmarks/clean.tsv"
    script:
        "../scripts/clean.py"
