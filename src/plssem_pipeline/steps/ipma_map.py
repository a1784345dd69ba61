"""Rule `ipma_map`: the importance–performance map (PNG and PDF), drawn by
:func:`plssem_pipeline.report.figures.ipma.ipma_chart` from ``results/ipma/constructs.csv``, the target named from
``results/ipma/summary.json``."""
from __future__ import annotations

import json

from .. import io
from ..report.catalogue import Catalogue
from ..report.figures.ipma import ipma_chart


def main(smk, log):
    t = Catalogue(smk.params.language)
    with open(smk.input.summary, encoding="utf-8") as handle:
        target = json.load(handle)["details"]["target"]      # the ipma step's summary
    out = smk.output
    ipma_chart(io.read_csv(smk.input.constructs), out.png, pdf=out.pdf, title=t("fig_ipma_title", target=target),
               importance_label=t("fig_ipma_importance"), performance_label=t("fig_ipma_performance"),
               language=smk.params.language)
    log.info("importance-performance map written: %s, %s", out.png, out.pdf)
