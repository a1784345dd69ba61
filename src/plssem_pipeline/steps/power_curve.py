"""Rule `power_curve`: power against the sample size (PNG and PDF), drawn by
:func:`plssem_pipeline.report.figures.power_curve.power_chart` from ``results/power/power.csv``, the target power
and the hypothesised effects from ``results/power/summary.json``."""
from __future__ import annotations

import json

from .. import io
from ..report.catalogue import Catalogue
from ..report.figures.power_curve import power_chart


def main(smk, log):
    t = Catalogue(smk.params.language)
    with open(smk.input.summary, encoding="utf-8") as handle:
        details = json.load(handle)["details"]      # the power step's summary
    out = smk.output
    power_chart(io.read_csv(smk.input.power), out.png, pdf=out.pdf, target=details["target"],
                hypothesised=details["hypothesised"], title=t("fig_power_title"), n_label=t("fig_power_n"),
                power_label=t("fig_power_power"), target_label=t("fig_power_target"),
                rest_label=t("fig_power_rest"), language=smk.params.language)
    log.info("power curve written: %s, %s", out.png, out.pdf)
