"""Labels per language in the study configuration (plssem_pipeline.study.labels): schema, semantic check, fallback."""

import copy

import pytest

from plssem_pipeline.ingest.labels import category_table
from plssem_pipeline.report.catalogue import LANGUAGES
from plssem_pipeline.study import ConfigError, check_semantics, load_schema, schema_problems
from plssem_pipeline.study.labels import RESULTS_LANGUAGE, label_for, missing_translations

from pipeline_helpers import SCHEMA_PATH, filled_config, minimal_config

X_LABEL = {"en": "Customer engagement", "id": "Keterlibatan pelanggan"}
SIZE_LABEL = {"en": "Firm size"}                      # no Indonesian text: shown in English, listed once
CATEGORIES = {1: {"en": "Micro", "id": "Mikro"}, 2: "Small"}   # a plain text is every language's
TITLE = {"en": "A study", "id": "Sebuah studi"}


@pytest.fixture
def config(tmp_path):
    config = minimal_config(tmp_path)
    config["constructs"]["X"]["label"] = X_LABEL
    config["constructs"]["Y"]["label"] = "Y plain"
    config["respondents"] = {"size": {"label": SIZE_LABEL, "categories": CATEGORIES}}
    config["report"] = {"title": TITLE, "language": "id"}
    return copy.deepcopy(config)


def test_labels_per_language_or_plain_are_valid(config, tmp_path):
    assert schema_problems(config, load_schema(SCHEMA_PATH)) == []
    check_semantics(filled_config(config), root=tmp_path)


def test_label_for_picks_the_language_then_english_then_plain(config):
    for language in LANGUAGES:
        assert label_for(X_LABEL, language) == X_LABEL[language]
        assert label_for(TITLE, language) == TITLE[language]
        assert label_for(SIZE_LABEL, language) == SIZE_LABEL["en"]          # the English fallback
        assert label_for("Y plain", language) == "Y plain"
        assert label_for(None, language, "X") == "X" and label_for("", language, "X") == "X"
    assert label_for({"id": "Hanya Indonesia"}, "en") == "Hanya Indonesia"  # no English: the text there is


def test_missing_translations_are_the_per_language_labels_without_that_language(config):
    assert missing_translations(config, "id") == ["respondents.size.label"]
    assert missing_translations(config, "en") == []
    config["respondents"]["size"]["categories"][3] = {"en": "Medium"}
    assert missing_translations(config, "id") == ["respondents.size.label", "respondents.size.categories.3"]


@pytest.mark.parametrize("where", ["constructs", "respondents", "categories", "title"])
def test_a_language_the_report_does_not_have_names_the_key(config, tmp_path, where):
    label = {"en": "Text", "fr": "Texte"}
    key = {"constructs": "constructs.X.label", "respondents": "respondents.size.label",
           "categories": "respondents.size.categories.1", "title": "report.title"}[where]
    if where == "constructs":
        config["constructs"]["X"]["label"] = label
    elif where == "respondents":
        config["respondents"]["size"]["label"] = label
    elif where == "categories":
        config["respondents"]["size"]["categories"][1] = label
    else:
        config["report"]["title"] = label
    assert schema_problems(config, load_schema(SCHEMA_PATH)) == []     # any language key is a mapping's key ...
    with pytest.raises(ConfigError) as info:                          # ... but only a report language is one
        check_semantics(filled_config(config), root=tmp_path, file="study.yaml")
    assert info.value.problems == [f"config key {key}.fr: 'fr' is not a report language (one of "
                                   f"{', '.join(LANGUAGES)}); give the label as "
                                   f"{{{', '.join(f'{x}: ...' for x in LANGUAGES)}}} or as one text for every language"]


def test_schema_refuses_an_empty_or_non_text_label(config):
    schema = load_schema(SCHEMA_PATH)
    config["constructs"]["X"]["label"] = {}
    config["constructs"]["Y"]["label"] = {"en": 3}
    config["respondents"]["size"]["categories"][2] = False        # YAML 1.1 reads an unquoted No so
    problems = "\n".join(schema_problems(config, schema))
    assert "config key constructs.X.label: {} should be non-empty" in problems
    assert "config key constructs.Y.label.en: expected string, got 3" in problems
    assert ("config key respondents.size.categories[2]: expected string, got False (YAML 1.1 reads" in problems
            and "(or one text per report language: {en: ..., id: ...})" in problems)


def test_results_files_keep_the_english_label(config):
    table = category_table(config["respondents"], {"size": "config"})
    assert RESULTS_LANGUAGE == "en"
    assert set(table["label"]) == {SIZE_LABEL["en"]}
    assert list(table["category"]) == [CATEGORIES[1]["en"], CATEGORIES[2]]
