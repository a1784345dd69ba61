"""Ingest: the user's survey file read (:mod:`.survey`), then validated and cleaned (:mod:`.cleaning`).

:mod:`.formats` tells a CSV from an Excel workbook (:mod:`.workbook`) or an SPSS/Stata file
(:mod:`.spss_stata`) and turns their values into the text a CSV holds; :mod:`.labels` completes
the respondent-profile variables from the file's value labels.

:mod:`.spec` turns the config into what the survey is checked against, :mod:`.values` reads the
cells as values, :mod:`.screening` screens respondents and indicators, and :mod:`.cleaning` runs
these steps in order and writes the exclusions log. The raw file is only ever read; every change
the cleaning makes is one row of the exclusions log.
"""
