"""Rule `inner`: estimate the model and write the structural-model tables."""
from plssem_pipeline.runner import run


def main(smk, log):
    from plssem_pipeline.estimation_step import run_step

    run_step("inner", smk, log)


run(main, snakemake)  # noqa: F821
