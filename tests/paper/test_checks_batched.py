"""The consistency checks' rows are the same whether the rounding box's corners are evaluated in one batch
(``value_range(..., batched=True)``, the structural and reliability checks) or one corner at a time.

Corner by corner is the reference: each batched function called on one corner (a batch of one) through the
looping path of :func:`~plssem_pipeline.audit.consistency.rounding.value_range`. Papers: the example paper's hand
transcription with the study's model, and the generator's papers (every study: English clean, Indonesian with
an AVE or adjusted R² planted wrong) as a perfect extraction would read them.
"""
import math
from pathlib import Path

import pytest
import yaml

from plssem_pipeline.audit.consistency import ConsistencyOptions, reliability, rounding, run_checks, structural
from plssem_pipeline.audit.published import load_published, parse_published
from plssem_pipeline.study import model_from_config

from generator import PaperSpec, expected
from generator_model import STUDIES

ROOT = Path(__file__).resolve().parents[2]
PAPER = ROOT / "data" / "published" / "nafia-komaryatin-2026.yaml"


def _rows(pub, model, language):
    return run_checks(pub, model, ConsistencyOptions(tails="auto", language=language))


def _corner_by_corner(monkeypatch):
    batched_value_range = rounding.value_range

    def looped(function, printed, *, batched=False):
        if batched:
            return batched_value_range(lambda x: function(x[None])[0], printed)
        return batched_value_range(function, printed)

    for module in (rounding, structural, reliability):
        monkeypatch.setattr(module, "value_range", looped)


def _same(batched, looped):
    assert len(batched) == len(looped) > 0
    for a, b in zip(batched, looped):
        assert (a.check, a.table, a.item, a.verdict, a.explanation, a.location) == \
            (b.check, b.table, b.item, b.verdict, b.explanation, b.location)
        for x, y in ((a.published, b.published), (a.recomputed, b.recomputed)):
            assert (x is None and y is None) or math.isclose(x, y, rel_tol=0, abs_tol=1e-12)


def _paper():
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    return load_published(PAPER), model_from_config(config["constructs"], config["paths"]), "id"


def _generated(study, language, plant):
    published, model = expected(PaperSpec(study, language, "markdown", plant=plant, seed=3))
    return parse_published(published, file=f"{study}-{language}"), model, language


CASES = [("paper",)] + [(study, *variant) for study in sorted(STUDIES)
                        for variant in (("en", None), ("id", "ave_from_loadings"), ("id", "adjusted_r2"))]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(str(p) for p in c))
def test_batched_rows_equal_corner_by_corner(case, monkeypatch):
    pub, model, language = _paper() if case == ("paper",) else _generated(*case)
    batched = _rows(pub, model, language)
    assert any(row.check.startswith("structural") for row in batched)
    _corner_by_corner(monkeypatch)
    _same(batched, _rows(pub, model, language))
