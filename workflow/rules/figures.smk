# Step 7: figures (PNG, matplotlib Agg). The report rule (issue 4) adds the
# structural-model drawing and PDF/PGF versions for LaTeX.


rule figures:
    input:
        loadings="results/outer/loadings.csv",
        htmt="results/outer/htmt.csv",
        paths="results/bootstrap/paths.csv",
        specific_indirect="results/bootstrap/specific_indirect.csv",
        draws="results/bootstrap/draws.npz",
    output:
        loadings="report/figures/loadings.png",
        bootstrap_paths="report/figures/bootstrap_paths.png",
        bootstrap_indirect="report/figures/bootstrap_indirect.png",
        htmt="report/figures/htmt.png",
    params:
        labels={name: spec.get("label", name) for name, spec in config["constructs"].items()},
        pipeline=PIPELINE,
    log:
        "results/logs/figures.log",
    benchmark:
        "results/benchmarks/figures.tsv"
    script:
        "../../scripts/figures.py"
