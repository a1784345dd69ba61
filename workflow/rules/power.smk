# Monte Carlo power analysis (issue 17; config power): data sets of each sample size n simulated from the population
# model (estimated on the survey, or given in the config), the model estimated and every path and specific indirect
# effect tested in each. The replications of each n are split into power.chunks jobs over ranges [start, stop);
# replication r depends on (seed, n, r) alone, so the merged results are byte-identical for any chunking. With
# power.population given, `snakemake power` needs no survey (a study being planned has none). Without config power
# the rules have no job.

# The survey only when the population is the model estimated on it.
POWER_SURVEY = {"survey": "results/clean/survey.csv"} if POWER and POWER["population"] == "estimated" else {}


rule power_chunk:
    input:
        **POWER_SURVEY,
    output:
        draws="results/power/chunks/n{n}_{start}-{stop}.npz",
    params:
        # only the settings the draws depend on (study.power.drawn_with): a changed grid, chunking, target or set of
        # hypotheses re-runs no chunk
        power=study.power.drawn_with(POWER) if POWER else None,
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        engine=ENGINE,
        pipeline=PIPELINE,
    wildcard_constraints:
        n=r"\d+",
    # One BLAS thread per chunk job, as bootstrap_chunk: the same floating-point order whatever --cores is.
    threads: 1
    resources:
        mem_mb=2000,
        runtime=120,  # minutes: 1000 replications x 500 subsamples at n = 300 in 10 chunks take well under it
    log:
        "results/logs/power_chunk/n{n}_{start}-{stop}.log",
    benchmark:
        "results/benchmarks/power_chunk/n{n}_{start}-{stop}.tsv"
    script:
        "../scripts/power_chunk.py"


rule power:
    input:
        chunks=[f"results/power/chunks/n{n}_{start}-{stop}.npz" for n, start, stop in POWER_CHUNKS],
    output:
        power="results/power/power.csv",
        minimum_n="results/power/minimum_n.csv",
        summary="results/power/summary.json",
    params:
        power=POWER,
        engine=ENGINE,
        pipeline=PIPELINE,
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        "results/logs/power.log",
    benchmark:
        "results/benchmarks/power.tsv"
    script:
        "../scripts/power.py"


rule power_curve:
    input:
        power="results/power/power.csv",
        summary="results/power/summary.json",  # the target power, the hypothesised effects
    output:
        png="report/figures/power_curve.png",
        pdf="report/figures/power_curve.pdf",
    params:
        language=config["report"]["language"],
        pipeline=PIPELINE,
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    log:
        "results/logs/power_curve.log",
    benchmark:
        "results/benchmarks/power_curve.tsv"
    script:
        "../scripts/power_curve.py"
