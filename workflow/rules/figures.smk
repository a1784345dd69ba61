# Step 7: figures (matplotlib Agg), each as PNG (embedded in the HTML report)
# and PDF (included by the LaTeX report): loadings, bootstrap distributions,
# HTMT heatmap and the structural model drawn as SmartPLS draws it.


rule figures:
    input:
        loadings="results/outer/loadings.csv",
        htmt="results/outer/htmt.csv",
        htmt_ci="results/bootstrap/htmt.csv",
        r2="results/inner/r2.csv",
        paths="results/bootstrap/paths.csv",
        specific_indirect="results/bootstrap/specific_indirect.csv",
        draws="results/bootstrap/draws.npz",
        hypotheses="results/hypotheses/hypotheses.csv",  # the figure dashes what Table 7 does not support
        simple_slopes="results/moderation/simple_slopes.csv",  # the moderation's simple-slope figure
    output:
        loadings=report("report/figures/loadings.png", caption="../report/loadings.rst", category="Figures"),
        bootstrap_paths=report("report/figures/bootstrap_paths.png", caption="../report/bootstrap.rst",
                               category="Figures"),
        bootstrap_indirect=report("report/figures/bootstrap_indirect.png", caption="../report/bootstrap.rst",
                                  category="Figures"),
        htmt=report("report/figures/htmt.png", caption="../report/htmt.rst", category="Figures"),
        structural_model=report("report/figures/structural_model.png", caption="../report/structural_model.rst",
                                category="Figures"),
        loadings_pdf="report/figures/loadings.pdf",
        bootstrap_paths_pdf="report/figures/bootstrap_paths.pdf",
        bootstrap_indirect_pdf="report/figures/bootstrap_indirect.pdf",
        htmt_pdf="report/figures/htmt.pdf",
        structural_model_pdf="report/figures/structural_model.pdf",
        simple_slopes="report/figures/simple_slopes.png",
        simple_slopes_pdf="report/figures/simple_slopes.pdf",
    params:
        roles=study.roles(config),  # construct -> construct | control | interaction | higher_order | lower_order
        labels=study.configured_labels(config),  # constructs and control variables (None: the name)
        modes={name: spec.get("mode", "A") for name, spec in config["constructs"].items()},
        alpha=config["bootstrap"]["alpha"],
        significance=config["mediation"]["significance"],
        loading_threshold=config["audit"]["criteria"]["loading"],  # the audit's loading criterion
        htmt_threshold=config["audit"]["criteria"]["htmt"],  # Table 3b's threshold
        language=config["report"]["language"],
        pipeline=PIPELINE,
    log:
        "results/logs/figures.log",
    benchmark:
        "results/benchmarks/figures.tsv"
    script:
        "../scripts/figures.py"


# The distribution of PLSpredict's out-of-sample prediction errors (issue 14), a rule of its own so that the
# other figures need not wait for the predict step.
rule prediction_errors:
    input:
        errors="results/predict/errors.csv",
        indicators="results/predict/items.csv",  # each indicator's construct (`items` is reserved)
        summary="results/predict/summary.json",  # applicable false: nothing to draw
    output:
        png="report/figures/prediction_errors.png",
        pdf="report/figures/prediction_errors.pdf",
    params:
        language=config["report"]["language"],
        pipeline=PIPELINE,
    log:
        "results/logs/prediction_errors.log",
    benchmark:
        "results/benchmarks/prediction_errors.tsv"
    script:
        "../scripts/prediction_errors.py"


# The importance-performance map (issue 15), only when the study configures ipma (the Snakefile's FIGURES and
# report.smk's REPORT_FIGURES name it then).
rule ipma_map:
    input:
        constructs="results/ipma/constructs.csv",
        summary="results/ipma/summary.json",  # the target's name for the title
    output:
        png="report/figures/ipma.png",
        pdf="report/figures/ipma.pdf",
    params:
        language=config["report"]["language"],
        pipeline=PIPELINE,
    log:
        "results/logs/ipma_map.log",
    benchmark:
        "results/benchmarks/ipma_map.tsv"
    script:
        "../scripts/ipma_map.py"
