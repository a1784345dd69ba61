"""Rule `prediction_errors`: the figure of PLSpredict's out-of-sample prediction errors (PNG and PDF), drawn by
:func:`plssem_pipeline.report.figures.prediction_errors.prediction_errors_chart` from ``results/predict/errors.csv``.

A model PLSpredict does not apply to (``results/predict/summary.json``: ``applicable`` false) has an errors file
without columns: the figure then says that there is nothing to draw, and the report leaves it out.
"""
from __future__ import annotations

import json

from .. import io
from ..report.catalogue import Catalogue
from ..report.figures.drawing import message_figure
from ..report.figures.prediction_errors import prediction_errors_chart


def main(smk, log):
    t = Catalogue(smk.params.language)
    out = smk.output
    with open(smk.input.summary, encoding="utf-8") as handle:
        applicable = json.load(handle)["details"]["applicable"]      # the predict step's summary
    items = io.read_csv(smk.input.indicators)
    if not applicable or items.empty:
        message_figure(t("fig_errors_none"), out.png, out.pdf)
        log.info("PLSpredict does not apply to this model: an empty prediction-error figure")
        return
    constructs = dict(zip(items["indicator"].astype(str), items["construct"].astype(str)))
    prediction_errors_chart(io.read_csv(smk.input.errors), constructs, out.png, pdf=out.pdf,
                            title=t("fig_errors_title"), axis_label=t("fig_errors_axis"),
                            count_label=t("fig_errors_respondents"), boxes=t("fig_errors_boxes"),
                            by_construct=t("fig_errors_by_construct"), language=smk.params.language)
    log.info("prediction-error figure written: %s, %s", out.png, out.pdf)
