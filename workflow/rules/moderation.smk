# Step 7: moderation (Hair et al. 2022, ch. 7; Hayes 2015): the interaction terms with their simple slopes
# and Johnson-Neyman region, and the moderated mediation, from the bootstrap results. Every study runs it;
# without interaction terms its tables are header-only.


rule moderation:
    input:
        survey="results/clean/survey.csv",
        paths="results/bootstrap/paths.csv",
        moderation="results/bootstrap/moderation.csv",
        moderated_mediation="results/bootstrap/moderated_mediation.csv",
        draws="results/bootstrap/draws.npz",
        f2="results/inner/f2.csv",
    output:
        interactions="results/moderation/interactions.csv",
        simple_slopes="results/moderation/simple_slopes.csv",
        moderated_mediation="results/moderation/moderated_mediation.csv",
        summary="results/moderation/summary.json",
    params:
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        alpha=config["bootstrap"]["alpha"],
        significance=config["mediation"]["significance"],
        engine=ENGINE,
        pipeline=PIPELINE,
    log:
        "results/logs/moderation.log",
    benchmark:
        "results/benchmarks/moderation.tsv"
    script:
        "../scripts/moderation.py"
