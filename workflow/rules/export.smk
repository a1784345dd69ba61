# Step 10: the results tables as one Excel workbook, report/results.xlsx: a "Contents" sheet, then one
# sheet per results CSV under its SmartPLS 4 name, numbers at full precision (docs/pipeline.md).


rule export:
    input:
        respondents="results/describe/respondents.csv",
        indicators="results/describe/indicators.csv",
        loadings="results/outer/loadings.csv",
        reliability="results/outer/reliability.csv",
        fornell_larcker="results/outer/fornell_larcker.csv",
        htmt="results/outer/htmt.csv",
        htmt_signed="results/outer/htmt_signed.csv",
        boot_htmt="results/bootstrap/htmt.csv",
        cross_loadings="results/outer/cross_loadings.csv",
        outer_vif="results/outer/vif.csv",
        full_collinearity_vif="results/outer/full_collinearity_vif.csv",
        redundancy="results/outer/redundancy.csv",
        formative="results/bootstrap/formative.csv",
        boot_loadings="results/bootstrap/loadings.csv",
        boot_weights="results/bootstrap/weights.csv",
        boot_reliability="results/bootstrap/reliability.csv",
        r2="results/inner/r2.csv",
        boot_r2="results/bootstrap/r2.csv",
        f2="results/inner/f2.csv",
        inner_vif="results/inner/vif.csv",
        fit="results/fit/fit.csv",  # the model fit of the saturated and estimated models (issue 14)
        paths="results/bootstrap/paths.csv",
        specific_indirect="results/bootstrap/specific_indirect.csv",
        total_indirect="results/bootstrap/total_indirect.csv",
        total_effects="results/bootstrap/total_effects.csv",
        mediation="results/mediation/indirect.csv",
        hypotheses="results/hypotheses/hypotheses.csv",
        interactions="results/moderation/interactions.csv",
        simple_slopes="results/moderation/simple_slopes.csv",
        moderated_mediation="results/moderation/moderated_mediation.csv",
        lower_order_loadings="results/outer/lower_order_loadings.csv",
        lower_order_reliability="results/outer/lower_order_reliability.csv",
        lower_order_htmt="results/outer/lower_order_htmt.csv",
        # predictive power and the model comparison (issue 14)
        predict_items="results/predict/items.csv",
        predict_constructs="results/predict/constructs.csv",
        predict_cvpat="results/predict/cvpat.csv",
        fit_criteria="results/fit/criteria.csv",
        model_comparison="results/fit/model_comparison.csv",
        # groups and IPMA (issue 15), only when configured: per group and per compared pair, named <kind>:<key>
        **{f"group_bootstrap:{code}": f"results/groups/{code}/bootstrap.csv" for code in (GROUPS or {}).get("groups", [])},
        **{f"{kind}:{pair}": f"results/mga/{pair}/{kind}.csv" for kind in ("micom", "mga") for pair in PAIRS},
        **({"ipma_constructs": "results/ipma/constructs.csv", "ipma_indicators": "results/ipma/indicators.csv"}
           if IPMA else {}),
        # the Monte Carlo power analysis (issue 17), only when configured
        **({"power_table": "results/power/power.csv", "power_minimum_n": "results/power/minimum_n.csv"}
           if POWER else {}),
    output:
        workbook=report("report/results.xlsx", caption="../report/results_xlsx.rst", category="Report"),
    params:
        language=config["report"]["language"],
        # formative (Mode B) constructs of two or more indicators: left out of the reflective criteria's sheets
        formative=[str(name) for name, spec in config["constructs"].items()
                   if spec.get("mode", "A") == "B" and len(study.measures(spec)) > 1],
        # interaction terms and control variables: no measurement criterion applies, left out of those sheets too
        unassessed=[name for name, role in study.roles(config).items() if role in ("interaction", "control")],
        pairs=PAIRS,  # pair name -> its two codes, the key columns of the MICOM sheet
        pipeline=PIPELINE,
    log:
        "results/logs/export.log",
    benchmark:
        "results/benchmarks/export.tsv"
    script:
        "../scripts/export.py"
