"""Names equal after Unicode normalisation are one name (issue 11, kind 7): config and header in NFC."""
import unicodedata

from plssem_pipeline.ingest.survey import read_survey
from plssem_pipeline.study.names import normalize_config

NAMES = ["Kepuasan_é", "Ü1", "ñandú", "Ångström", "Việt"]   # each has a decomposed form different from it


def _decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_every_name_has_two_spellings():
    assert all(_decomposed(name) != name for name in NAMES)


def test_config_names_normalised_paths_left_as_written():
    config = {"data": {"survey": _decomposed("data/é.csv"), "id_column": _decomposed("nº_é")},
              "published": _decomposed("data/pé.yaml"),
              "constructs": {_decomposed(n): {"label": _decomposed(n), "indicators": [_decomposed(n) + "1"]}
                             for n in NAMES},
              "paths": [f"{_decomposed(NAMES[0])} -> {_decomposed(NAMES[1])}"],
              "respondents": {_decomposed("región"): {"categories": {1: _decomposed("Sí")}}}}
    assert normalize_config(config) == []
    assert list(config["constructs"]) == NAMES
    assert [spec["indicators"] for spec in config["constructs"].values()] == [[n + "1"] for n in NAMES]
    assert config["paths"] == [f"{NAMES[0]} -> {NAMES[1]}"] and list(config["respondents"]) == ["región"]
    assert config["respondents"]["región"]["categories"][1] == "Sí" and config["data"]["id_column"] == "nº_é"
    # file paths: the file system decides their spelling
    assert config["data"]["survey"] == _decomposed("data/é.csv") and config["published"] == _decomposed("data/pé.yaml")


def test_two_spellings_of_one_key_refused():
    config = {"constructs": {"Ü": {"indicators": ["a"]}, _decomposed("Ü"): {"indicators": ["b"]}}}
    problems = normalize_config(config)
    assert problems == [f"config key constructs: 'Ü' (U+00DC) and {_decomposed('Ü')!r} (U+0055 U+0308) are the same "
                        "name once Unicode-normalised (NFC); keep one of them"]
    assert list(config["constructs"]) == ["Ü"]


def test_survey_header_read_in_nfc(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(",".join(_decomposed(n) for n in NAMES) + "\n" + ",".join("1" * len(NAMES)) + "\n",
                    encoding="utf-8")
    raw = read_survey(str(path))
    assert raw.header == NAMES
    assert raw.column(NAMES[0]) == ["1"]


def test_spss_labels_keyed_as_the_normalised_header(tmp_path):
    """A data file's value labels, variable labels and missing values follow its column name into NFC."""
    import pandas as pd
    import pyreadstat

    name = _decomposed("región")
    path = tmp_path / "survey.sav"
    pyreadstat.write_sav(pd.DataFrame({name: [1.0, 2.0, 9.0]}), str(path), column_labels={name: "Región"},
                         variable_value_labels={name: {1.0: "Norte", 2.0: "Sur"}}, missing_ranges={name: [9.0]})
    raw = read_survey(str(path))
    assert raw.header == ["región"]
    assert raw.value_labels["región"] == {"1": "Norte", "2": "Sur"}
    assert raw.variable_labels["región"] == "Región" and "región" in raw.missing
