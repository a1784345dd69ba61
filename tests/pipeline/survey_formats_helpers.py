"""One simulated survey written in every format users have, each by that format's own writer.

``labelled_survey`` is the simulated survey of ``pipeline_helpers`` with a blank
cell, a ``-99`` ("no answer") code in an item and a ``9`` ("no answer") code in a
profile variable. ``write_survey`` saves it as CSV (pandas), Excel (pandas with
openpyxl, the responses on the second sheet), SPSS ``.sav``/``.zsav`` (pyreadstat,
with value labels, variable labels and the user-missing values -99..-90 and 9) or
Stata ``.dta`` (pyreadstat, with value labels).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from plssem_pipeline.study.labels import label_for

from pipeline_helpers import ROOT, simulate_survey

#: The cells changed from the simulated survey: (file row, column, value); row 1 is the header.
EDITS = ((4, "KP2", None), (7, "EC3", -99), (12, "KU1", -99), (9, "revenue", 9))
#: The SPSS user-missing values declared per column.
USER_MISSING = {"EC3": [{"lo": -99, "hi": -90}], "KU1": [{"lo": -99, "hi": -90}], "revenue": [9]}
EXTENSIONS = {"csv": ".csv", "xlsx": ".xlsx", "sav": ".sav", "zsav": ".zsav", "dta": ".dta"}
SHEET = "Responses"


def profile_config() -> dict:
    """The default study's ``respondents`` config (labels and categories), each label in English (the
    text a survey file's variable and value labels carry; the config may give one per language)."""
    respondents = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["respondents"]
    return {name: {"label": label_for(spec["label"], "en"),
                   "categories": {code: label_for(text, "en") for code, text in spec["categories"].items()}}
            for name, spec in respondents.items()}


def labelled_survey(n: int = 140) -> pd.DataFrame:
    """The simulated survey with the :data:`EDITS`; numeric columns as nullable integers."""
    frame = simulate_survey(n)
    for column in frame.columns[1:]:
        frame[column] = frame[column].astype("Int64")
    for row, column, value in EDITS:
        frame.loc[row - 2, column] = pd.NA if value is None else value
    return frame


def write_survey(frame: pd.DataFrame, kind: str, path: Path) -> Path:
    """Write ``frame`` as ``kind`` (a key of :data:`EXTENSIONS`) at ``path`` with that format's own writer."""
    import pyreadstat

    path.parent.mkdir(parents=True, exist_ok=True)
    respondents = profile_config()
    if kind == "csv":
        frame.to_csv(path, index=False, lineterminator="\n")
    elif kind == "xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            pd.DataFrame({"note": ["simulated survey; responses on the next sheet"]}).to_excel(
                writer, sheet_name="Notes", index=False)
            frame.to_excel(writer, sheet_name=SHEET, index=False)
    else:
        numeric = frame.copy()
        for column in frame.columns[1:]:
            numeric[column] = frame[column].astype("float64")
        labels = {name: {float(code): label for code, label in spec["categories"].items()}
                  for name, spec in respondents.items()}
        labels["revenue"][9.0] = "No answer"
        if kind == "dta":
            pyreadstat.write_dta(numeric, path, variable_value_labels=labels,
                                 column_labels={name: spec["label"] for name, spec in respondents.items()})
        else:
            pyreadstat.write_sav(numeric, path, compress=kind == "zsav", variable_value_labels=labels,
                                 missing_ranges=USER_MISSING,
                                 column_labels={name: spec["label"] for name, spec in respondents.items()})
    return path


def as_float_text(frame: pd.DataFrame) -> list[list[str]]:
    """The cells of ``frame`` as a CSV export holds them ("" for missing), to compare with a ``RawSurvey``."""
    return [["" if pd.isna(v) else str(v) for v in row] for row in frame.astype(object).itertuples(index=False)]


__all__ = ["EDITS", "USER_MISSING", "EXTENSIONS", "SHEET", "labelled_survey", "write_survey", "profile_config",
           "as_float_text"]
