# The last rule: results/provenance.json, the SHA-256 of every input, workflow
# code file and file under results/ and report/, with the resolved config,
# seed, versions, git commit and platform. It depends on every file `rule all`
# lists except itself, so whatever is added to `rule all` (RESULTS, FIGURES or
# a new list in workflow/Snakefile) is finished before it runs. No rule may read
# results/provenance.json (that would be a cycle). Verify a results folder with
#     python -m plssem_pipeline.verify results/provenance.json

PROVENANCE = "results/provenance.json"
CONFIG_FILES = [str(f) for f in workflow.overwrite_configfiles] or ["config.yaml"]


rule provenance:
    input:
        # everything `rule all` builds, except the manifest itself
        lambda wildcards: [f for f in rules.all.input if f != PROVENANCE],
    output:
        manifest=PROVENANCE,
    params:
        config=config,
        config_files=CONFIG_FILES,
        inputs=[config["data"]["survey"], *CONFIG_FILES] + ([config["published"]] if config["published"] else []),
        seed=config["bootstrap"]["seed"],
        exclude=["results/logs/provenance.log", "results/benchmarks/provenance.tsv"],
        engine=ENGINE,
        pipeline=PIPELINE,
    log:
        "results/logs/provenance.log",
    benchmark:
        "results/benchmarks/provenance.tsv"
    script:
        "../scripts/provenance.py"
