# Step 9: the report (issue 4): the results section regenerated as one
# self-contained HTML file and a LaTeX source, compiled to PDF where a TeX
# engine (latexmk or pdflatex) is installed. Its outputs are REPORT
# (workflow/Snakefile): the PDF is an output only where TeX was found when the
# workflow was parsed, so without TeX the rule still succeeds and says so in
# its log and in the report. When the workflow has an `audit` rule, its two
# CSVs are inputs and the report shows them (published beside reproduced, the
# paper's consistency checks); without one, the report says the audit did not run.

REPORT_TEMPLATES = Path(str(workflow.current_basedir)).parent / "templates"
REPORT_FIGURES = ["loadings", "htmt", "structural_model", "bootstrap_paths", "bootstrap_indirect"]
REPORT_AUDIT = {"published_vs_reproduced.csv": "published_vs_reproduced", "consistency.csv": "consistency"}
# The results files behind the report, the figures (PNG for HTML, PDF for LaTeX), the published
# tables and the templates; the audit's CSVs are added below when the workflow has an `audit` rule.
REPORT_INPUTS = {
    "respondents": "results/describe/respondents.csv",
    "clean_summary": "results/clean/summary.json",
    "loadings": "results/outer/loadings.csv",
    "reliability": "results/outer/reliability.csv",
    "fornell_larcker": "results/outer/fornell_larcker.csv",
    "htmt": "results/outer/htmt.csv",
    "outer_vif": "results/outer/vif.csv",
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
    **{f"{name}_{kind}": f"report/figures/{name}.{kind}" for name in REPORT_FIGURES for kind in ("png", "pdf")},
    **({"published": config["published"]} if config["published"] else {}),
    "template_html": str(REPORT_TEMPLATES / "results.html.j2"),
    "template_tex": str(REPORT_TEMPLATES / "results.tex.j2"),
}


rule report:
    input:
        # the audit rule's CSVs, looked up when the DAG is built (whatever the include order)
        unpack(lambda wildcards: {REPORT_AUDIT[Path(f).name]: f for f in (rules.audit.output if hasattr(rules, "audit")
                                                                           else []) if Path(f).name in REPORT_AUDIT}),
        **REPORT_INPUTS,
    output:
        **{name: report(path, caption=f"../report/results_{name}.rst", category="Report")
           for name, path in REPORT.items()},
    params:
        config=config,
        config_source=CONFIG_SOURCE,
        tex_engine=REPORT_TEX_ENGINE,
        audit_rule=lambda wildcards: hasattr(rules, "audit"),
        pipeline=PIPELINE,
    log:
        "results/logs/report.log",
    benchmark:
        "results/benchmarks/report.tsv"
    script:
        "../scripts/report.py"
