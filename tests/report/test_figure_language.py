"""The figures in the report's language: construct labels and the decimal separator (from the default run's results)."""
from __future__ import annotations

import re
import subprocess

import pytest

from plssem_pipeline import io
from plssem_pipeline.report.figures import charts as figures
from plssem_pipeline.report.figures.structural_model import draw
from plssem_pipeline.report.localize import NUMBER
from plssem_pipeline.study.labels import label_for

from report_helpers import resolved_config, tool

COMMA = re.compile(r"\d,\d")


def figure_texts(fig) -> list:
    from matplotlib.text import Text

    return [artist.get_text() for artist in fig.findobj(Text) if artist.get_text()]


@pytest.mark.parametrize("language", ["en", "id"])
def test_structural_model_labels_and_numbers_in_the_language(study_run, language):
    config = resolved_config(study_run)
    labels = {name: label_for(spec.get("label"), language, name) for name, spec in config["constructs"].items()}
    fig, _ = draw(io.read_csv(study_run / "results/outer/loadings.csv"),
                  io.read_csv(study_run / "results/bootstrap/paths.csv"), io.read_csv(study_run / "results/inner/r2.csv"),
                  labels=labels, language=language)
    drawn = " ".join(figure_texts(fig)).replace("\n", " ")
    other = "en" if language == "id" else "id"
    for name, spec in config["constructs"].items():
        assert label_for(spec["label"], language) in drawn
        assert label_for(spec["label"], other) not in drawn
    if language == "id":      # R², loadings and β with a decimal comma, none with a point
        assert COMMA.search(drawn) and not NUMBER.search(drawn)
    else:
        assert NUMBER.search(drawn) and not COMMA.search(drawn)


@pytest.mark.skipif(tool("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_charts_write_their_numbers_in_the_language(study_run, tmp_path):
    """The loadings chart, the HTMT heatmap and the bootstrap histograms, read back from their PDFs."""
    loadings = io.read_csv(study_run / "results/outer/loadings.csv")
    paths = io.read_csv(study_run / "results/bootstrap/paths.csv")
    draws = io.load_merged_draws(study_run / "results/bootstrap/draws.npz")
    names = [f"{s} -> {t}" for s, t in zip(paths["source"], paths["target"])]
    text = {}
    for language in ("en", "id"):
        drawn = [figures.loadings_chart(loadings, tmp_path / f"loadings-{language}.png", language=language,
                                        pdf=tmp_path / f"loadings-{language}.pdf"),
                 figures.htmt_heatmap(io.read_csv(study_run / "results/outer/htmt.csv"), tmp_path / f"htmt-{language}.png",
                                      ci=io.read_csv(study_run / "results/bootstrap/htmt.csv"), language=language,
                                      pdf=tmp_path / f"htmt-{language}.pdf"),
                 figures.bootstrap_histograms(draws["paths"], paths, names, tmp_path / f"boot-{language}.png",
                                              language=language, pdf=tmp_path / f"boot-{language}.pdf")]
        text[language] = " ".join(
            subprocess.run(["pdftotext", "-layout", png.replace(".png", ".pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout for png in drawn)
    assert not NUMBER.search(text["id"]) and COMMA.search(text["id"])
    assert "0,70" in text["id"] and "0.70" in text["en"]                      # the loadings' threshold
    assert re.search(r"\[\d,\d{3}; \d,\d{3}\]", text["id"])                    # an HTMT interval
    assert not COMMA.search(text["en"].replace(", ", " "))
