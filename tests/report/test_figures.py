"""Figures: the structural model's automatic layout (paper's 4 constructs and an 8-construct model), PNG + PDF."""
import pytest
from figure_helpers import BIG, BIG_LABELS, BIG_PATHS, PAPER, PAPER_PATHS, indicators, model_frames

from plssem_pipeline.report.figures import charts as figures
from plssem_pipeline.report.figures.layout import depths, layout_model


def assert_readable(layout, edges):
    assert layout.problems["overlaps"] == 0
    assert layout.problems["paths_through_constructs"] == 0
    assert layout.problems["paths_through_blocks"] == 0
    assert all(layout.x[t] > layout.x[s] for s, t in edges)           # every path points rightwards
    rects = [r for rs in layout.footprints.values() for r in rs]
    assert all(r[0] < r[2] and r[1] < r[3] for r in rects)


def test_depths_are_longest_paths():
    assert depths(list(PAPER), PAPER_PATHS) == {"KP": 0, "EC": 0, "IP": 1, "KU": 2}
    assert depths(list(BIG), BIG_PATHS)["LOY"] == 6
    with pytest.raises(ValueError):
        depths(["A", "B"], [("A", "B"), ("B", "A")])


def test_paper_model_layout():
    layout = layout_model(list(PAPER), PAPER_PATHS, indicators(PAPER))
    assert [sorted(c) for c in layout.columns] == [["EC", "KP"], ["IP"], ["KU"]]
    assert layout.side["KP"] == layout.side["EC"] == "left" and layout.side["KU"] == "right"
    assert layout.side["IP"] in ("above", "below")
    assert_readable(layout, PAPER_PATHS)
    assert layout.problems["crossings"] <= 1


def test_eight_construct_model_layout_and_drawing(tmp_path):
    layout = layout_model(list(BIG), BIG_PATHS, indicators(BIG), labels=BIG_LABELS)
    assert len(layout.columns) == 7
    assert_readable(layout, BIG_PATHS)
    loadings, paths, r2 = model_frames(BIG, BIG_PATHS)
    png = figures.structural_model(loadings, paths, r2, tmp_path / "big.png", pdf=tmp_path / "big.pdf",
                                   labels=BIG_LABELS)
    x0, y0, x1, y1 = layout.bounds()
    assert x1 - x0 < 30 and y1 - y0 < 16                               # inches: fonts keep their size
    assert open(png, "rb").read(4) == b"\x89PNG" and (tmp_path / "big.pdf").read_bytes().startswith(b"%PDF")


def test_paper_model_drawing_is_deterministic(tmp_path):
    loadings, paths, r2 = model_frames(PAPER, PAPER_PATHS)
    for k in (1, 2):
        figures.structural_model(loadings, paths, r2, tmp_path / f"m{k}.png", pdf=tmp_path / f"m{k}.pdf",
                                 labels={"KP": "Customer engagement"}, stars=k == 2)
    assert (tmp_path / "m1.png").stat().st_size > 50000
    figures.structural_model(loadings, paths, r2, tmp_path / "m3.png", pdf=tmp_path / "m3.pdf",
                             labels={"KP": "Customer engagement"})
    assert (tmp_path / "m1.png").read_bytes() == (tmp_path / "m3.png").read_bytes()
    assert (tmp_path / "m1.pdf").read_bytes() == (tmp_path / "m3.pdf").read_bytes()


def test_path_labels():
    assert figures.path_label(0.52818, 0.00002) == "0.528 (p < .001)"      # the report's p convention
    assert figures.path_label(-0.2066, 0.0376) == "-0.207 (p = .038)"
    assert figures.path_label(0.2, 0.004, stars=True) == "0.200**"
    assert figures.path_label(0.2, 0.3, stars=True) == "0.200"
    assert figures.path_label(0.2) == "0.200"


def test_the_run_draws_every_figure_as_png_and_pdf(study_run):
    for name in ("loadings", "htmt", "structural_model", "bootstrap_paths", "bootstrap_indirect"):
        assert (study_run / f"report/figures/{name}.png").read_bytes()[:4] == b"\x89PNG", name
        assert (study_run / f"report/figures/{name}.pdf").read_bytes()[:4] == b"%PDF", name
