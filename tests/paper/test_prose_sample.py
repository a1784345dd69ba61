"""The sample size read from the text when no respondent table gives it: sample wording, never a population;
two statements that differ give none (recorded in ``skipped``). The sample and population sizes are computed
here (the respondent block of tests/paper/prose_cases.py and a population ten times larger)."""
from __future__ import annotations

import pytest

import prose_cases as pc
from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.extract import extract
from plssem_pipeline.paper.prose.context import ProseContext
from plssem_pipeline.paper.prose.names import Names
from plssem_pipeline.paper.prose.sample import read_sample_size

N = sum(n for _, n in pc.COUNTS.values())
POPULATION = 10 * N + 7


def _n(sentence: str, section: str = "Method"):
    document = parse_text(f"# {section}\n\n{sentence}\n")
    ctx = ProseContext(document, {}, Names({}))
    found = read_sample_size(ctx)
    if found["n"] is not None:
        assert document.text[ctx.provenance["prose.sample_size.n"]["start"]:
                             ctx.provenance["prose.sample_size.n"]["end"]].replace(",", "") == str(found["n"])
    return found["n"], ctx.skipped


@pytest.mark.parametrize("template", [
    "We drew a sample of {n} firms.", "After screening, {n} valid responses were retained for analysis.",
    "A total of {n} valid responses were collected.", "The data come from a sample of {n} MSME owners.",
    "Sampel penelitian sebanyak {n} responden.", "Sampel berjumlah {n} responden yang dipilih secara purposive.",
    "The final sample consisted of {n} respondents (n = {n}).", "The sample comprised {n} respondents.",
    "The population comprised {pop:,} firms (N = {pop:,}); with Slovin's formula the sample is n = {n} firms.",
    "Populasi penelitian berjumlah {pop} UMKM, dan sampel sebanyak {n} responden.",
])
def test_the_sample_is_read_and_never_the_population(template):
    assert _n(template.format(n=N, pop=POPULATION)) == (N, [])


@pytest.mark.parametrize("template", [
    "The population (N = {pop:,}) was surveyed.", "Jumlah populasi sebanyak {pop} responden.",
    "The minimum sample is 5 × 28 = {n} respondents.",
    "Smith et al. (2020) surveyed a sample of {n} firms.",
])
def test_a_population_a_minimum_or_another_study_is_no_sample_size(template):
    assert _n(template.format(n=N, pop=POPULATION)) == (None, [])


def test_two_sample_sizes_that_differ_give_none_and_are_recorded():
    n, skipped = _n(f"The sample comprised {N} respondents. After cleaning, n = {N - 3} cases remained.")
    assert n is None and len(skipped) == 1 and f"{N - 3}, {N}" in skipped[0][2]


def test_extract_reads_n_from_the_sample_wording_without_a_respondent_table():
    v = pc.values()
    header = ("| Path | Original sample (O) | Sample mean (M) | Standard deviation (STDEV) | T statistics (|O/STDEV|) "
              "| P values |")
    rows = [f"| {path} | {r['original']:.3f} | {r['mean']:.3f} | {r['sd']:.3f} | {r['t']:.3f} | {r['p']:.3f} |"
            for path, r in v["rows"].items()]
    text = "\n".join(["# Method", "", f"The population comprised {POPULATION:,} firms (N = {POPULATION:,}); "
                      f"after screening, {N} valid responses were retained.", "", "# Results", "",
                      "Table 4. Path coefficients", "", header, "|---|---|---|---|---|---|", *rows, ""])
    extraction = extract(parse_text(text))
    assert extraction.published["n"] == N
    where = extraction.provenance["n"]
    assert text[where["start"]:where["end"]] == str(N)
