"""The structural-model figure of models with interaction terms, quadratic terms, higher-order constructs and
control variables (issue 13), drawn from the engine's estimates of a small simulated survey.

Each model is configured as a study would be (``study.model_spec``, ``study.roles``), estimated with
``plssem.estimate`` and tabulated as the pipeline does (``analysis.tables``); the figure is then read
back: its circles, boxes and arrows (by ``gid``) against the model's tables, the colours of the kinds of
construct, where the interaction terms, controls and dimensions stand, every overlap (figure_helpers'
matplotlib-measured check), and the printed font sizes of its PDF.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from figure_helpers import printed_font_sizes, structural_collisions, type3_fonts
from matplotlib.colors import to_hex
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle
from matplotlib.path import Path as MplPath

import plssem
from plssem_pipeline import study
from plssem_pipeline.analysis import tables
from plssem_pipeline.language import number_text
from plssem_pipeline.report.catalogue import Catalogue
from plssem_pipeline.report.figures import charts, print_size
from plssem_pipeline.report.figures.drawing import pyplot
from plssem_pipeline.report.figures.structural_model import FILLS, draw, legend_features

BLOCKS = {"X": ["x1", "x2", "x3"], "W": ["w1", "w2", "w3"], "M": ["m1", "m2", "m3"], "Y": ["y1", "y2", "y3"],
          "Q1": ["q1a", "q1b", "q1c"], "Q2": ["q2a", "q2b", "q2c"]}
CHAIN = ["X -> M", "W -> M", "M -> Y", "X -> Y"]
#: Long construct names measured by the blocks of X, W and M: a term's name on two lines in its circle.
ALIAS = {"ENGAGEMENT": "X", "ECOMMERCE": "W", "PERFORMANCE": "M"}
#: name -> (config sections beyond the blocks, legend features expected).
MODELS = {
    "two-stage interaction": ({"paths": CHAIN + ["X x W -> M"]}, ["interaction"]),
    "product-indicator interaction": ({"paths": CHAIN + ["X x W -> M"],
                                       "moderation": {"method": "product_indicator"}}, ["interaction"]),
    "quadratic term": ({"paths": CHAIN + ["M x M -> Y"]}, ["interaction"]),
    "two-stage higher-order construct": ({"paths": CHAIN + ["Q -> Y"], "hoc": {"approach": "two_stage"}},
                                         ["dimensions"]),
    "embedded two-stage (Mode B)": ({"paths": CHAIN + ["Q -> Y"],
                                     "hoc": {"approach": "repeated_indicators", "mode": "B"}}, ["dimensions"]),
    "repeated indicators (Mode A)": ({"paths": CHAIN + ["Q -> Y"], "hoc": {"approach": "repeated_indicators"}},
                                     ["measurement"]),
    "endogenous repeated indicators": ({"paths": CHAIN + ["X -> Q", "Q -> Y"],
                                        "hoc": {"approach": "repeated_indicators"}}, ["measurement"]),
    "control variables": ({"paths": CHAIN, "controls": {"age": ["Y"], "size": ["M", "Y"]}}, ["control"]),
    "all together": ({"paths": CHAIN + ["X x W -> M", "Q -> Y"], "hoc": {"approach": "two_stage"},
                      "controls": {"age": ["Y"]}}, ["interaction", "control", "dimensions"]),
    "long names": ({"paths": ["ENGAGEMENT -> PERFORMANCE", "ECOMMERCE -> PERFORMANCE",
                              "ENGAGEMENT x ECOMMERCE -> PERFORMANCE"]}, ["interaction"]),
}


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    """250 simulated respondents: W moderates X -> M, Q1 and Q2 reflect one G, age and size explain Y."""
    rng = np.random.default_rng(1313)
    n = 250
    x, g, age, size = rng.standard_normal((4, n))
    w = 0.3 * x + 0.95 * rng.standard_normal(n)
    m = 0.4 * x + 0.2 * w + 0.25 * x * w + 0.8 * rng.standard_normal(n)
    y = 0.35 * m + 0.15 * x + 0.3 * g - 0.1 * age + 0.1 * size + 0.7 * rng.standard_normal(n)
    latent = {"X": x, "W": w, "M": m, "Y": y, "Q1": 0.8 * g + 0.6 * rng.standard_normal(n),
              "Q2": 0.8 * g + 0.6 * rng.standard_normal(n)}
    frame = pd.DataFrame({"age": 40 + 11 * age, "size": np.exp(size)})
    for name, items in BLOCKS.items():
        z = (latent[name] - latent[name].mean()) / latent[name].std()
        for item in items:
            frame[item] = 0.85 * z + 0.53 * rng.standard_normal(n)
    return frame


def _config(name) -> dict:
    sections, _ = MODELS[name]
    used = {c for path in sections["paths"] for end in path.split(" -> ") for c in end.split(" x ")}
    constructs = {c: {"indicators": BLOCKS[ALIAS.get(c, c)]} for c in [*BLOCKS, *ALIAS] if c in used}
    if "hoc" in sections:
        constructs.update({"Q1": {"indicators": BLOCKS["Q1"]}, "Q2": {"indicators": BLOCKS["Q2"]},
                           "Q": {"dimensions": ["Q1", "Q2"], "mode": "A", **sections["hoc"]}})
    return {"constructs": constructs, "paths": sections["paths"], "controls": sections.get("controls"),
            "moderation": sections.get("moderation")}


def _frames(survey, name):
    """The figure's inputs as the pipeline writes them (outer/loadings, bootstrap/paths with 100 subsamples,
    inner/r2) and the roles."""
    config = _config(name)
    model = study.model_from_spec(study.model_spec(config))
    result = plssem.estimate(survey, model)
    observed = result.data if result.observed is None else result.observed
    draws = plssem.bootstrap(observed.standardized, model, seed=13, stop=100)
    paths = tables.bootstrap_tables(result, draws)["paths"]
    return tables.outer_tables(result)["loadings"], paths, tables.inner_tables(result)["r2"], study.roles(config)


def _modes(name) -> dict:
    """Construct -> mode, as the figures rule passes them (``params.modes``)."""
    return {c: spec.get("mode", "A") for c, spec in _config(name)["constructs"].items()}


#: The model drawn in Indonesian, with the legend the figures step writes.
INDONESIAN = "all together"


@pytest.fixture(scope="module")
def drawn(survey):
    """name -> (loadings, paths, r2, roles, figure, scene) of every model (figures closed at the end)."""
    out = {}
    for name in MODELS:
        loadings, paths, r2, roles = _frames(survey, name)
        language = "id" if name == INDONESIAN else "en"
        legend = "; ".join(Catalogue(language)(f"fig_structural_legend{f and '_'}{f}")
                           for f in ["", *legend_features(loadings, paths, roles)])
        fig, scene = draw(loadings, paths, r2, roles=roles, legend=legend, language=language, modes=_modes(name))
        out[name] = (loadings, paths, r2, roles, fig, scene)
    yield out
    for *_, fig, _ in out.values():
        pyplot().close(fig)


def _items(fig, kind):
    """gid -> patch of the figure's circles, boxes or arrows."""
    return {p.get_gid(): p for p in fig.axes[0].patches if isinstance(p, kind)}


def _centre(fig, c) -> tuple[float, float]:
    return _items(fig, Circle)[f"construct:{c}"].center


def _columns(fig) -> list[float]:
    return sorted({round(circle.center[0], 6) for circle in _items(fig, Circle).values()})


@pytest.mark.parametrize("name", list(MODELS))
def test_drawn_nodes_and_edges_are_the_models(drawn, name):
    loadings, paths, r2, roles, fig, scene = drawn[name]
    constructs = set(loadings["construct"])
    assert set(_items(fig, Circle)) == {f"construct:{c}" for c in constructs}
    bare = {c for c in constructs if roles.get(c) in ("interaction", "control")}     # drawn without indicators
    bare |= {s for s, t in zip(paths["source"], paths["target"]) if roles.get(t) == "lower_order"}
    shown = {f"box:{c}/{i}" for c, i in zip(loadings["construct"], loadings["indicator"]) if c not in bare}
    assert set(_items(fig, Rectangle)) == shown
    arrows = {f"path:{s}->{t}" for s, t in zip(paths["source"], paths["target"])}
    connectors = {f"ind:{g[len('box:'):]}" for g in shown}
    assert set(_items(fig, FancyArrowPatch)) == arrows | connectors
    dashed = {g for g, arrow in _items(fig, FancyArrowPatch).items() if g in arrows and arrow.get_linestyle() != "-"}
    assert dashed == {f"path:{s}->{t}" for s, t, p in zip(paths["source"], paths["target"], paths["p"])
                      if p >= 0.05 and roles.get(t) != "lower_order"}      # a dimension's path: measurement
    assert structural_collisions(fig) == []
    assert scene.unresolved == 0


@pytest.mark.parametrize("name", list(MODELS))
def test_kinds_of_construct_are_coloured_apart(drawn, name):
    loadings, _, _, roles, fig, _ = drawn[name]
    kind = {"interaction": "interaction", "control": "control"}
    for gid, circle in _items(fig, Circle).items():
        c = gid[len("construct:"):]
        assert to_hex(circle.get_facecolor()) == FILLS[kind.get(roles[c], "construct")][0], c
    dimensions = {c for c, role in roles.items() if role == "lower_order"}
    for gid, box in _items(fig, Rectangle).items():
        indicator = gid.split("/")[1]
        assert to_hex(box.get_facecolor()) == FILLS["dimension" if indicator in dimensions else "indicator"][0]
    assert len({FILLS[k][0] for k in ("construct", "interaction", "control")}) == 3
    assert FILLS["dimension"][0] != FILLS["indicator"][0]


@pytest.mark.parametrize("name", list(MODELS))
def test_terms_and_controls_stand_in_the_column_before_their_target(drawn, name):
    _, paths, _, roles, fig, _ = drawn[name]
    columns = _columns(fig)
    for source, target in zip(paths["source"], paths["target"]):
        if roles[source] in ("interaction", "control"):
            left = _centre(fig, source)[0]
            right = min(_centre(fig, t)[0] for s, t in zip(paths["source"], paths["target"]) if s == source)
            assert left < right and not [x for x in columns if left + 1e-6 < x < right - 1e-6], source


def test_repeated_indicators_draw_the_dimensions_beside_the_higher_order_construct(drawn):
    for name, side in (("repeated indicators (Mode A)", -1), ("endogenous repeated indicators", 1)):
        _, paths, _, _, fig, _ = drawn[name]
        hoc, dimensions = _centre(fig, "Q")[0], [_centre(fig, d)[0] for d in ("Q1", "Q2")]
        assert all(side * (x - hoc) > 0 for x in dimensions), name     # before an exogenous one, else after
        arrows, texts = _items(fig, FancyArrowPatch), {t.get_gid(): t.get_text() for t in fig.axes[0].texts}
        coefficient = dict(zip(zip(paths["source"], paths["target"]), paths["original"]))
        for d in ("Q1", "Q2"):
            assert arrows[f"path:Q->{d}"].get_linestyle() == "-"          # measurement, never dashed
            assert texts[f"path:Q->{d}"] == number_text(coefficient[("Q", d)], "en", ".3f")   # no p


def test_a_formative_higher_order_construct_points_from_its_dimensions(drawn):
    for name, mode in (("embedded two-stage (Mode B)", "B"), ("two-stage higher-order construct", "A")):
        fig = drawn[name][4]
        centre = np.array(_centre(fig, "Q"))
        for d in ("Q1", "Q2"):
            path = _items(fig, FancyArrowPatch)[f"ind:Q/{d}"].get_path()     # the line, then its head
            head = int(np.flatnonzero(path.codes == MplPath.MOVETO)[1]) - 1
            near = [np.hypot(*(path.vertices[k] - centre)) for k in (0, head)]  # tail and tip, data inches
            assert (near[1] < near[0]) == (mode == "B"), (name, d)   # Mode B: the head at the circle


def test_interaction_names_are_written_in_their_circles(drawn):
    fig = drawn["two-stage interaction"][4]
    names = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "construct:X x W"]
    assert names == ["X × W"]                                          # no R²: the term is exogenous
    fig = drawn["quadratic term"][4]
    assert [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "construct:M x M"] == ["M × M"]
    fig = drawn["long names"][4]              # on two lines, inside its circle (test_drawn_nodes_and_edges...)
    assert [t.get_text() for t in fig.axes[0].texts
            if t.get_gid() == "construct:ENGAGEMENT x ECOMMERCE"] == ["ENGAGEMENT ×\nECOMMERCE"]


@pytest.mark.parametrize("name", list(MODELS))
def test_legend_features_and_their_wording(drawn, name):
    loadings, paths, _, roles, _, _ = drawn[name]
    assert legend_features(loadings, paths, roles) == MODELS[name][1]
    assert legend_features(loadings, paths, None) == []
    for language in ("en", "id"):
        assert Catalogue(language)(f"fig_structural_legend_{MODELS[name][1][0]}")


def test_all_together_prints_at_7pt_without_type3_fonts_in_indonesian(drawn, tmp_path):
    loadings, paths, r2, roles, fig, _ = drawn[INDONESIAN]
    legend = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts if t.get_gid() == "legend"][0]
    charts.structural_model(loadings, paths, r2, tmp_path / "m.png", pdf=tmp_path / "m.pdf", roles=roles,
                            legend=legend, language="id", modes=_modes(INDONESIAN))
    sizes = printed_font_sizes(tmp_path / "m.pdf", wide=True)
    assert len(sizes) > 200
    assert min(size for _, size in sizes) >= print_size.MIN_FONT
    assert type3_fonts(tmp_path / "m.pdf") == []
    text = "".join(char for char, _ in sizes).replace(" ", "")
    assert "X×W" in text and "sukuinteraksi" in text and "abu-abu" in text
    coefficient = paths["original"].iloc[0]
    assert number_text(coefficient, "id", ".3f") in text and "," in number_text(coefficient, "id", ".3f")
