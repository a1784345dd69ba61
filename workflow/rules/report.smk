# Step 9: the report (issue 4): the results section regenerated as one
# self-contained HTML file (rule report) and a LaTeX source (rule report_tex),
# compiled to PDF (rule report_pdf) where a TeX engine (lualatex with fontspec,
# else latexmk or pdflatex) is installed. One rule per format (issue 11): when
# LaTeX fails, Snakemake deletes only the failed job's output, so the HTML and
# the .tex are kept, and the error names the text LaTeX could not typeset.
# Their outputs are REPORT (workflow/Snakefile): the PDF is an output only where
# TeX was found when the workflow was parsed, so without TeX the run still
# succeeds and says so in report_tex's log and in the report. When the workflow
# has an `audit` rule, its two CSVs are inputs and the report shows them
# (published beside reproduced, the paper's consistency checks); without one,
# the report says the audit did not run.

REPORT_TEMPLATES = Path(str(workflow.current_basedir)).parent / "templates"
REPORT_FIGURES = ["loadings", "htmt", "structural_model", "bootstrap_paths", "bootstrap_indirect", "simple_slopes",
                  "prediction_errors"] + (["ipma"] if IPMA else []) + (["power_curve"] if POWER else [])
# The results files behind the report, the figures (PNG for HTML, PDF for LaTeX) and the published
# tables; each rule adds its template, and the audit's CSVs when the workflow has an `audit` rule.
REPORT_INPUTS = {
    "respondents": "results/describe/respondents.csv",
    "clean_summary": "results/clean/summary.json",
    "loadings": "results/outer/loadings.csv",
    "reliability": "results/outer/reliability.csv",
    "fornell_larcker": "results/outer/fornell_larcker.csv",
    "htmt": "results/outer/htmt.csv",
    "outer_vif": "results/outer/vif.csv",
    "htmt_signed": "results/outer/htmt_signed.csv",
    "full_collinearity_vif": "results/outer/full_collinearity_vif.csv",
    "redundancy": "results/outer/redundancy.csv",
    "formative": "results/bootstrap/formative.csv",
    "outer_summary": "results/outer/summary.json",
    "r2": "results/inner/r2.csv",
    "f2": "results/inner/f2.csv",
    "inner_vif": "results/inner/vif.csv",
    "fit": "results/inner/fit.csv",
    "boot_paths": "results/bootstrap/paths.csv",
    "boot_indirect": "results/bootstrap/specific_indirect.csv",
    "boot_htmt": "results/bootstrap/htmt.csv",
    "boot_summary": "results/bootstrap/summary.json",
    "mediation": "results/mediation/indirect.csv",
    "hypotheses": "results/hypotheses/hypotheses.csv",
    "boot_total_effects": "results/bootstrap/total_effects.csv",
    "boot_total_indirect": "results/bootstrap/total_indirect.csv",
    # the provenance's data analysed and the appendix (issue 12)
    "clean_survey": "results/clean/survey.csv",
    "indicators": "results/describe/indicators.csv",
    "cross_loadings": "results/outer/cross_loadings.csv",
    "boot_loadings": "results/bootstrap/loadings.csv",
    "boot_weights": "results/bootstrap/weights.csv",
    "boot_r2": "results/bootstrap/r2.csv",
    "boot_reliability": "results/bootstrap/reliability.csv",
    # moderation and higher-order constructs (issue 13): parts of the report only when the model has them
    "interactions": "results/moderation/interactions.csv",
    "simple_slopes": "results/moderation/simple_slopes.csv",
    "moderated_mediation": "results/moderation/moderated_mediation.csv",
    "lower_order_loadings": "results/outer/lower_order_loadings.csv",
    "lower_order_reliability": "results/outer/lower_order_reliability.csv",
    "lower_order_htmt": "results/outer/lower_order_htmt.csv",
    # predictive power (PLSpredict, CVPAT) and model fit, information criteria, model comparison (issue 14)
    "predict_items": "results/predict/items.csv",
    "predict_constructs": "results/predict/constructs.csv",
    "predict_cvpat": "results/predict/cvpat.csv",
    "predict_summary": "results/predict/summary.json",
    "model_fit": "results/fit/fit.csv",
    "fit_criteria": "results/fit/criteria.csv",
    "model_comparison": "results/fit/model_comparison.csv",
    "fit_summary": "results/fit/summary.json",
    # groups and IPMA (issue 15), only when configured: per compared pair "<kind>:<pair>", per group
    # "group_bootstrap:<code>" (plssem_pipeline.report.inputs.KEYED_FILES), the IPMA's three files
    **{f"{kind}:{pair}": f"results/mga/{pair}/{name}" for pair in PAIRS
       for kind, name in (("mga", "mga.csv"), ("micom", "micom.csv"), ("mga_summary", "summary.json"))},
    **{f"group_bootstrap:{code}": f"results/groups/{code}/bootstrap.csv" for code in (GROUPS or {}).get("groups", [])},
    **({f"ipma_{name}": f"results/ipma/{name}.{kind}" for name, kind in
        (("constructs", "csv"), ("indicators", "csv"), ("summary", "json"))} if IPMA else {}),
    # the Monte Carlo power analysis (issue 17), only when configured
    **({"power_table": "results/power/power.csv", "power_minimum_n": "results/power/minimum_n.csv",
        "power_summary": "results/power/summary.json"} if POWER else {}),
    **{f"{name}_{kind}": f"report/figures/{name}.{kind}" for name in REPORT_FIGURES for kind in ("png", "pdf")},
    **({"published": config["published"]} if config["published"] else {}),
}
REPORT_PARAMS = dict(config=config, config_source=CONFIG_FILES, config_overridden=CONFIG_OVERRIDDEN,
                     tex_engine=REPORT_TEX_ENGINE, pipeline=PIPELINE)


rule report:
    input:
        unpack(report_audit_inputs),
        **REPORT_INPUTS,
        template=str(REPORT_TEMPLATES / "results.html.j2"),
    output:
        html=report_output("html"),
    params:
        **REPORT_PARAMS,
        audit_rule=lambda wildcards: hasattr(rules, "audit"),
    log:
        "results/logs/report.log",
    benchmark:
        "results/benchmarks/report.tsv"
    script:
        "../scripts/report.py"


rule report_tex:
    input:
        unpack(report_audit_inputs),
        **REPORT_INPUTS,
        template=str(REPORT_TEMPLATES / "results.tex.j2"),
    output:
        tex=report_output("tex"),
    params:
        **REPORT_PARAMS,
        audit_rule=lambda wildcards: hasattr(rules, "audit"),
    log:
        "results/logs/report_tex.log",
    benchmark:
        "results/benchmarks/report_tex.tsv"
    script:
        "../scripts/report_tex.py"


rule report_pdf:
    input:
        tex="report/results.tex",
        # the HTML first: a PDF LaTeX cannot build then stops the run only after the HTML is written
        **({"html": REPORT["html"]} if "html" in REPORT else {}),
        **{f"{name}_pdf": f"report/figures/{name}.pdf" for name in REPORT_FIGURES},
    output:
        pdf=report_output("pdf"),
    params:
        **REPORT_PARAMS,
    log:
        "results/logs/report_pdf.log",
    benchmark:
        "results/benchmarks/report_pdf.tsv"
    script:
        "../scripts/report_pdf.py"
