"""What the moderation part's words say (issue 13, tester's items 6, 12, 16, 17, 21): the Johnson–Neyman
sentence's sign in each region, the quadratic effect's name, the term's scale by method, the simple-slope
figure's labels and language, the indirect-effects figure's routes and the total effects' note.

The Johnson–Neyman regions are made by :func:`plssem.moderation.johnson_neyman` from chosen numbers and their
signs found again here by scanning the moderator on a fine grid with the t statistic of ``b₁ + b₃·w`` (no DAG).
The rest reads the moderation test study's one run (``tests/pipeline/moderation_study.py``, shared with
test_moderation_section.py); the expected words come from the catalogues (report/strings), never typed here.
"""
from __future__ import annotations

import csv
import subprocess

import numpy as np
import pandas as pd
import plssem
import pytest
from plssem.moderation import johnson_neyman

from plssem_pipeline.report.catalogue import STRINGS, Catalogue
from plssem_pipeline.report.figures import charts
from plssem_pipeline.report.inputs import ReportInputs
from plssem_pipeline.report.sections import methods, moderation
from plssem_pipeline.report.sections.moderation import (interactions_table, johnson_neyman_sentence,
                                                         slopes_table)

import moderation_study
from report_helpers import FILES, resolved_config, tool
from test_moderation_section import OPTIONAL, _context, _table

#: (b₁, b₃, covariance of (b₁, b₃), quadratic): one case of each region kind, and a quadratic term's.
CASES = {"outside": (0.3, -0.25, [[0.01, 0.002], [0.002, 0.004]], False),
         "inside": (0.4, 0.05, [[0.01, 0.0], [0.0, 0.01]], False),
         "everywhere": (-0.5, 0.0, [[0.01, 0.0], [0.0, 0.0]], False),
         "nowhere": (0.05, 0.01, [[0.01, 0.0], [0.0, 0.01]], False),
         "quadratic": (0.5, -0.15, [[0.004, 0.001], [0.001, 0.004]], True)}
CRITICAL = 1.97


def _scanned_signs(b1, slope, cov, lower, upper) -> dict:
    """The signs of the significant conditional effects b₁ + slope·w, by region, on a grid of w (|t| > critical)."""
    w = np.linspace(-8, 8, 160001)
    effect = b1 + slope * w
    se = np.sqrt(cov[0][0] + 2 * w * cov[0][1] * (slope != 0) + w * w * cov[1][1])
    significant = np.abs(effect) > CRITICAL * np.where(se > 0, se, 1e-300)
    regions = {"below": w < lower, "between": (w > lower) & (w < upper), "above": w > upper, "all": w == w}
    return {name: set(np.sign(effect[mask & significant]).astype(int)) for name, mask in regions.items()}


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_johnson_neyman_sentence_gives_each_region_its_sign(case, language):
    b1, b3, cov, quadratic = CASES[case]
    slope = 2 * b3 if quadratic else b3           # the engine passes 2·b₃ for a quadratic term
    lower, upper, region = johnson_neyman(b1, slope, np.array(cov), CRITICAL)
    assert region == ("outside" if quadratic else case)
    term, moderator = ("X x X", "X") if quadratic else ("X x W", "W")
    record = {"term": term, "iv": "X", "moderator": moderator, "target": "M", "raw_coefficient": b3,
              "jn_lower": lower, "jn_upper": upper, "jn_region": region, "moderator_min": -2.5, "moderator_max": 2.5}
    t = Catalogue(language)
    sentence = johnson_neyman_sentence(t, language, record, b1, t("med_rule_confidence_interval"))
    strings = STRINGS[language]
    signs = _scanned_signs(b1, slope, cov, lower if np.isfinite(lower) else 0, upper if np.isfinite(upper) else 0)
    word = {1: strings["sign_positive"], -1: strings["sign_negative"]}
    said = [w for w in (word[1], word[-1]) if f" {w} " in sentence]
    if region == "outside":
        assert len(signs["below"]) == len(signs["above"]) == 1 and signs["below"] != signs["above"]
        first, second = (word[next(iter(signs[k]))] for k in ("below", "above"))
        assert sentence.index(f" {first} ") < sentence.index(f" {second} ") and sorted(said) == sorted(word.values())
    elif region == "inside":
        assert not signs["below"] and not signs["above"] and len(signs["between"]) == 1
        assert said == [word[next(iter(signs["between"]))]]
    elif region == "everywhere":
        assert len(signs["all"]) == 1 and said == [word[next(iter(signs["all"]))]]
    else:
        assert not signs["all"] and said == []
    assert sentence.startswith(f"Johnson–Neyman ({term})")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return moderation_study.moderation_study_run(tmp_path_factory)


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _inputs(run, tmp_path, *, moderation=None, quadratic=False, language="en"):
    """The run's report inputs; ``quadratic``: a copy of its interaction files with the term X x W also written
    as the quadratic term X x X (its numbers kept: only the words are checked) and ``X x X -> M`` in the paths."""
    config = resolved_config(run)
    config["report"]["language"] = language
    files = {k: str(run / v) for k, v in {**FILES, **OPTIONAL}.items()}
    if moderation:
        config["moderation"].update(moderation)
    if quadratic:
        config["paths"] = [*config["paths"], "X x X -> M"]
        for name in ("interactions", "simple_slopes"):
            frame = pd.read_csv(run / OPTIONAL[name], dtype={"level": str})
            twin = frame.assign(term="X x X", moderator="X")
            files[name] = str(tmp_path / f"{name}.csv")
            pd.concat([frame, twin]).to_csv(files[name], index=False)
    return ReportInputs(files=files, config=config)


@pytest.mark.parametrize("language", ["en", "id"])
def test_quadratic_term_is_named_a_quadratic_effect(run, tmp_path, language):
    inputs = _inputs(run, tmp_path, quadratic=True, language=language)
    strings = STRINGS[language]
    table = interactions_table(inputs)
    paths = [row.cells[0].text for row in table.rows]
    assert paths == ["X x W -> M", strings["mod_quadratic_path"].format(path="X x X -> M")]
    assert table.notes[0].startswith(strings["mod_subject_both"] + " ")
    groups = [row.group for row in slopes_table(inputs).rows if row.group]
    assert groups == [strings["slopes_group"].format(iv="X", target="M", term="X x W"),
                      strings["slopes_group_quadratic"].format(iv="X", target="M", term="X x X")]
    model = " ".join(methods.paragraphs(inputs))
    assert strings["m_subject_both"].format(terms="X x W", quadratic="X x X") in model


@pytest.mark.parametrize("method", ["two_stage", "product_indicator", "orthogonal"])
@pytest.mark.parametrize("standardize", [True, False])
def test_term_scale_sentence_fits_the_method(run, tmp_path, method, standardize):
    """With product indicators there is no product of construct scores: the unstandardised term keeps the
    loading-weighted SD of its product indicators (Henseler & Chin 2010, seminr's adjustment)."""
    inputs = _inputs(run, tmp_path, moderation={"method": method, "standardize_term": standardize})
    strings = STRINGS["en"]
    scale = strings["mod_scale_two_stage" if method == "two_stage" else "mod_scale_indicators"]
    other = strings["mod_scale_indicators" if method == "two_stage" else "mod_scale_two_stage"]
    note = interactions_table(inputs).notes[0]
    model = " ".join(methods.paragraphs(inputs))      # its moderation sentence, up to the higher-order constructs'
    model = model[model.index(strings["mod_subject_interaction"]):].split(strings["m_hoc"].split("{")[0])[0]
    for text in (note, model):
        assert scale in text and other not in text and "SmartPLS" not in text
        assert "product of the standardised construct scores" not in text or method == "two_stage"
    assert strings["mod_subject_interaction"] in note and strings["mod_method_" + method] in note


def test_johnson_neyman_sentence_of_the_run_gives_the_signs(run, context_en):
    record = _rows(run / OPTIONAL["interactions"])[0]
    slope = next(r for r in _rows(run / OPTIONAL["simple_slopes"]) if r["term"] == record["term"])
    sentence = next(b["text"] for s in context_en["sections"] for b in s["blocks"]
                    if b["kind"] == "text" and b["text"].startswith("Johnson–Neyman (X x W)"))
    b1, b3 = float(slope["iv_effect"]), float(record["raw_coefficient"])
    lower, upper = (float(record[k] or "nan") for k in ("jn_lower", "jn_upper"))
    points = {"outside": (lower - 1, upper + 1), "inside": ((lower + upper) / 2,), "everywhere": (0.0,),
              "nowhere": ()}[record["jn_region"]]
    words = [STRINGS["en"]["sign_positive" if b1 + b3 * w > 0 else "sign_negative"] for w in points]
    assert [w for w in sentence.split() if w in ("positive", "negative")] == words


@pytest.fixture(scope="module")
def context_en(run):
    return _context(run)


def test_indirect_effects_figure_shows_only_the_mediation_table_routes(run, context_en):
    """Figure 5 and Table 6 list the same routes: none from the interaction term or the control (tester's item 6)."""
    if not tool("pdftotext"):
        pytest.skip("pdftotext not installed")
    routes = [r["path"] for r in _rows(run / "results/mediation/indirect.csv")]
    every = [r["path"] for r in _rows(run / "results/bootstrap/specific_indirect.csv")]
    assert set(routes) < set(every) and any(p.startswith("X x W") for p in every)
    text = subprocess.run(["pdftotext", "-raw", str(run / "report/figures/bootstrap_indirect.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    drawn = [p for p in every if p in text]
    assert drawn == routes
    assert [r.cells[0].text for r in _table(context_en, "table-6").rows] == routes


def test_total_effects_keep_the_term_rows_with_a_note(run, context_en):
    """Tables 6a-6b keep the interaction term's rows, as SmartPLS lists them, and say that its effect is the
    moderation of the interaction effects table, whose displayed number the note names."""
    number = _table(context_en, "table-moderation").number
    expected = STRINGS["en"]["n_total_terms"].format(terms="X x W").replace("[[table-moderation]]", number)
    expected = expected.replace("[[table-6]]", _table(context_en, "table-6").number)
    for table_id, name in (("table-6a", "total_effects"), ("table-6b", "total_indirect")):
        table = _table(context_en, table_id)
        sources = {r["source"] for r in _rows(run / f"results/bootstrap/{name}.csv")}
        assert "X x W" in sources
        assert [r.cells[0].text for r in table.rows if r.cells[0].text.startswith("X x W ->")]
        assert table.notes[-1] == expected


@pytest.mark.parametrize("language", ["en", "id"])
def test_simple_slopes_figure_names_constructs_by_label_in_the_report_language(tmp_path, language):
    """Panel titles and axes carry the labels, '×' and '→'; a quadratic curve's marks have a legend entry; the
    title is the catalogue's (tester's item 16). The coefficients are the engine's, on the study's survey."""
    if not tool("pdftotext"):
        pytest.skip("pdftotext not installed")
    data = moderation_study.simulate_survey()
    blocks = {name: moderation_study.BLOCKS[name] for name in ("X", "W", "M")}
    model = plssem.Model.from_spec(blocks, ["X -> M", "W -> M", "X x W -> M", "X x X -> M"])
    result = plssem.estimate(data, model)
    paths, sd = result.path_matrix, result.term_sd
    rows = [dict(term=term, iv="X", moderator=moderator, target="M", level=level,
                 iv_effect=paths.loc["X", "M"], moderator_effect=paths.loc[moderator, "M"] if moderator == "W" else 0.0,
                 raw_coefficient=paths.loc[term, "M"] / sd[term])
            for term, moderator in (("X x W", "W"), ("X x X", "X")) for level in ("-1", "0", "+1")]
    t = Catalogue(language)
    labels = {"X": {"en": "Exposure", "id": "Paparan"}[language], "W": "Warmth", "M": "Motive"}
    pdf = tmp_path / "slopes.pdf"
    charts.simple_slopes_chart(pd.DataFrame(rows), tmp_path / "slopes.png", pdf=pdf, labels=labels,
                               level_names=tuple(t("fig_slopes_levels").split("|")), title=t("fig_slopes_title"),
                               x_label=t("fig_slopes_x"), y_label=t("fig_slopes_y"),
                               moderator_label=t("fig_slopes_moderator"), language=language,
                               panel=t("fig_slopes_panel"), quadratic_panel=t("fig_slopes_panel_quadratic"),
                               points=t("fig_slopes_points"))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    names = {"iv": labels["X"], "moderator": labels["W"], "target": labels["M"]}
    for key in ("fig_slopes_title", "fig_slopes_panel", "fig_slopes_points"):
        assert t(key, **names) in text, key
    assert t("fig_slopes_panel_quadratic", **names) in text and t("fig_slopes_moderator", **names) in text
    assert " x " not in text and "X x" not in text


def test_moderated_mediation_part_is_left_out_without_rows(run, tmp_path):
    """The engine writes no moderated mediation row for a quadratic term (its indirect effect is an instantaneous
    one, Hayes & Preacher 2010): with no row left the part is left out, heading included."""
    def headings(inputs):
        return [b["text"] for b in moderation.blocks(inputs) if b and b["kind"] == "heading"]   # None: no figure
    inputs = _inputs(run, tmp_path)
    assert _rows(run / OPTIONAL["moderated_mediation"])       # the study's own term does moderate a route
    assert STRINGS["en"]["sec_moderated_mediation"] in headings(inputs)
    frame = pd.read_csv(run / OPTIONAL["moderated_mediation"]).iloc[:0]
    inputs.files["moderated_mediation"] = str(tmp_path / "moderated_mediation.csv")
    frame.to_csv(inputs.files["moderated_mediation"], index=False)
    assert headings(inputs) == [STRINGS["en"]["sec_moderation"]]
