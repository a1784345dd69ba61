"""Every case of the bad-input corpus through the pipeline's entry points (fast; no Snakemake).

For each case: the outcome is the expected one; an error's message holds the
file, row, column or config key and what was expected; a clean run lists
every recode and exclusion in the exclusions log; nothing raises anything but
a UserError; the raw survey's bytes (SHA-256) are unchanged.
"""
import hashlib

import pytest

from badinput_corpus import BY_NAME, CORPUS, Case, Table, run_entry_points
from pipeline_helpers import make_project
from plssem_pipeline.ingest.cleaning import EXCLUSION_COLUMNS

#: The issue's list, each item mapped to the corpus cases that cover it.
ISSUE_LIST = {
    "empty file": ["empty_file"],
    "header only": ["header_only"],
    "; delimiter and decimal commas": ["semicolon_decimal_comma"],
    "UTF-8 BOM": ["utf8_bom"],
    "Latin-1 bytes in a label": ["latin1_label", "latin1_label_declared"],
    "Excel .xlsx given as the survey": ["xlsx_workbook", "xlsx_survey"],
    "a missing or empty sheet, text in an item column of a workbook": ["xlsx_missing_sheet", "xlsx_empty_sheet",
                                                                       "xlsx_text_in_items"],
    "SPSS user-missing values": ["sav_user_missing"],
    "a configured indicator column missing": ["missing_indicator_column", "renamed_indicator_column"],
    "duplicate column names": ["duplicate_column_names"],
    "duplicate respondent ids": ["duplicate_ids"],
    "values off the scale (0, 6, 99)": ["off_scale", "off_scale_as_missing"],
    "text in an item (empat, '4 ', N/A)": ["text_in_items", "text_in_items_as_missing"],
    "blank cells": ["blank_cells", "blank_cells_casewise"],
    "a missing code not declared": ["undeclared_missing_code", "declared_missing_code"],
    "an all-missing column": ["all_missing_column"],
    "a constant (zero-variance) indicator": ["constant_indicator"],
    "two identical indicators": ["identical_indicators", "reverse_coded_copy"],
    "fewer respondents than needed to estimate": ["too_few_respondents", "too_few_after_exclusions"],
    "a construct whose block makes the inner regression singular": ["singular_inner_regression",
                                                                     "collinear_constructs", "singular_mode_b_block"],
    "unknown construct in a path": ["unknown_construct_in_path"],
    "a cycle": ["cycle"],
    "an indicator in two constructs": ["indicator_in_two_constructs"],
    "a construct with no indicators": ["construct_without_indicators", "construct_without_indicators_key"],
    "negative or zero bootstrap samples": ["zero_bootstrap_samples", "negative_bootstrap_samples"],
    "a non-integer seed": ["non_integer_seed", "text_seed"],
    "an unknown weighting scheme": ["unknown_weighting_scheme"],
    "a survey path outside the project or missing": ["survey_outside_project", "survey_escape_in_middle",
                                                     "survey_missing"],
    "non-convergence": ["not_converged"],
    "failed bootstrap subsamples": ["failed_subsamples"],
    "values off a construct's own scale (constructs.<C>.scale)": ["off_construct_scale"],
    "reverse-coded items (constructs.<C>.reverse), each logged": ["reverse_coded_items"],
    "a reverse-coded item outside its construct": ["reverse_item_of_another_construct", "reverse_item_unknown"],
    "a construct scale with min not below max, or without a bound": ["construct_scale_min_not_below_max",
                                                                      "construct_scale_without_max"],
    "a missing code that is an answer on a construct's scale": ["missing_code_on_construct_scale"],
}


def test_the_corpus_covers_the_issue():
    covered = {name for names in ISSUE_LIST.values() for name in names}
    assert covered <= set(BY_NAME), covered - set(BY_NAME)
    families = {case.family for case in CORPUS}
    assert families == {"config", "survey file", "survey values", "numerical"}
    # the Snakemake subset: one per failure family, plus every numerical fault that reaches estimation
    in_snakemake = [case for case in CORPUS if case.snakemake]
    assert {case.family for case in in_snakemake if case.outcome == "error"} == families
    assert {case.name for case in CORPUS if case.stage in ("estimate", "bootstrap")} <= {c.name for c in in_snakemake}


@pytest.fixture(scope="module")
def base_flags(tmp_path_factory):
    """The exclusions of the unaltered base survey (its straight-lining flags)."""
    case = Case("base", "survey values", "the base survey", "clean")
    directory = make_project(tmp_path_factory.mktemp("base"), config=case.make_config())
    case.write(directory)
    outcome = run_entry_points(case, directory)
    assert outcome.kind == "clean", outcome.message
    return {tuple(r) for r in outcome.exclusions[["row", "column", "raw_value"]].astype(str).values}


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.name)
def test_corpus_case(case, tmp_path, base_flags):
    directory = make_project(tmp_path / "project", config=case.make_config())
    survey = case.write(directory)
    before = _sha256(survey)
    outcome = run_entry_points(case, directory)   # anything but a UserError fails the test
    assert _sha256(survey) == before, "the raw survey was modified"
    said = "\n".join([outcome.message, *outcome.warnings])
    assert "Traceback" not in said
    assert outcome.kind == case.outcome, f"{case.name}: expected {case.outcome}, got {outcome.kind}:\n{said}"
    for fragment in case.expect:
        assert fragment in said, f"{case.name}: {fragment!r} not in:\n{said}"
    if case.outcome == "error":
        assert outcome.stage == case.stage, (outcome.stage, said)
        return
    exclusions = outcome.exclusions
    assert list(exclusions.columns) == EXCLUSION_COLUMNS
    added = exclusions[[(str(r), str(c), str(v)) not in base_flags
                        for r, c, v in exclusions[["row", "column", "raw_value"]].values]]
    assert len(added) == len(case.exclusions), f"{case.name}: unexpected exclusions\n{added.to_string()}"
    for row, column, raw, reason, action in case.exclusions:
        same_row = added["row"].isna() if row is None else added["row"] == row   # None: a whole-column row
        match = added[same_row & (added["column"] == column)]
        assert len(match) == 1, (row, column, added.to_string())
        got = match.iloc[0]
        assert got["raw_value"] == raw and got["reason"].startswith(reason) and got["action"].startswith(action), \
            got.to_dict()
    _assert_every_change_logged(outcome)


def _assert_every_change_logged(outcome):
    """Every indicator value of the analysis data that is not the file's text read as a number, and every
    respondent of the file who is not in the analysis data, has its row in the exclusions log; a
    reverse-coded item (one log row for its column) holds min + max - x for the file's x."""
    from plssem_pipeline.ingest.survey import parse_number

    raw, survey, exclusions = outcome.raw, outcome.survey, outcome.exclusions
    cells = exclusions[exclusions["row"].notna()]
    logged = set(zip(cells["row"].astype(int), cells["column"]))
    whole_columns = set(exclusions.loc[exclusions["row"].isna(), "column"])
    reversed_scales = {name: (s["scale_min"], s["scale_max"]) for name, s in outcome.details["scales"].items()
                       if s["reverse_coded"]}
    assert set(reversed_scales) == whole_columns
    decimal = outcome.details["decimal"]
    kept = set(survey["source_row"])
    for line in raw.lines:
        if line not in kept:
            assert any(r == line and "excluded" in a for r, a in zip(cells["row"], cells["action"])), line
    position = {line: i for i, line in enumerate(raw.lines)}
    indicators = [c for c in survey.columns if c in outcome.indicators]
    for _, row in survey.iterrows():
        cells = raw.rows[position[int(row["source_row"])]]
        for column in indicators:
            text = cells[raw.header.index(column)]
            value = parse_number(text, decimal)
            if value is not None and column in reversed_scales:
                value = reversed_scales[column][0] + reversed_scales[column][1] - value
            if value is None or value != row[column] or text != text.strip():
                assert (int(row["source_row"]), column) in logged, (row["source_row"], column, text, row[column])


def test_base_table_round_trip():
    table = Table.base(3)
    assert table.text().splitlines()[0].startswith("respondent_id,business_type")
    assert len(table.rows) == 3
