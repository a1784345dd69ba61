"""Ingest: the user's survey file read (:mod:`.survey`) and validated and cleaned (:mod:`.cleaning`).

The raw file is only ever read; every change the cleaning makes is one row of the exclusions log.
"""
