# Entry point: the workflow lives in workflow/Snakefile (where the Snakemake
# workflow catalog looks for it). See docs/pipeline.md.
include: "workflow/Snakefile"


# Snakemake never makes a rule of an included file the default target (it
# restores the default target after every include:), so the default target is
# declared here: a plain `snakemake --cores 4` builds everything `all` builds.
rule default:
    input:
        rules.all.input,
    default_target: True
