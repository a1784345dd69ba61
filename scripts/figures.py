"""Rule `figures`: loadings chart, bootstrap histograms and HTMT heatmap (PNG)."""
from plssem_pipeline.runner import run


def main(smk, log):
    import numpy as np
    from plssem_pipeline import figures, io

    loadings = io.read_csv(smk.input.loadings)
    figures.loadings_chart(loadings, smk.output.loadings, labels=smk.params.labels)
    with np.load(smk.input.draws) as draws:
        paths = io.read_csv(smk.input.paths)
        names = [f"{s} -> {t}" for s, t in zip(paths["source"], paths["target"])]
        figures.bootstrap_histograms(draws["paths"], paths, names, smk.output.bootstrap_paths,
                                     title="Path coefficients")
        indirect = io.read_csv(smk.input.specific_indirect)
        figures.bootstrap_histograms(draws["specific_indirect"], indirect, list(indirect["path"]),
                                     smk.output.bootstrap_indirect, title="Specific indirect effects")
    figures.htmt_heatmap(io.read_csv(smk.input.htmt), smk.output.htmt)


run(main, snakemake)  # noqa: F821
