"""One sentence splitter for the prose and the discriminant-validity conclusions: "et al.", "e.g.", initials
and decimals end no sentence (the conclusion that cites Henseler et al. is read whole)."""
from __future__ import annotations

import pytest

from plssem_pipeline.paper.discriminant_text import discriminant_verdicts
from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.prose.text import split
from plssem_pipeline.paper.tables import read_tables
from test_extract_discriminant import _paper, study  # noqa: F401 (a fixture)


@pytest.mark.parametrize("sentence", [
    "Following Henseler et al. (2015), discriminant validity holds.", "Values (e.g. 0.85) are below the bound.",
    "As J. Hair notes, loadings of 0.708 suffice.", "Menurut Hair dkk. (2019), validitas diskriminan terpenuhi.",
])
def test_split_keeps_a_sentence_whole(sentence):
    text = f"{sentence} Next one."
    assert split(text) == [(0, len(sentence)), (len(sentence) + 1, len(text))]


def test_a_conclusion_citing_et_al_is_read_whole(study):
    says = "Following Henseler et al. (2015), every HTMT ratio is below 0.90 (Table 5), so discriminant validity holds."
    document = parse_text(_paper(study, htmt_says=says)[0])
    found = {t.region.kind: entry for t, entry, _ in discriminant_verdicts(document, read_tables(document))}
    assert found["htmt"]["text"] == says and found["htmt"]["threshold"] == pytest.approx(0.90)
