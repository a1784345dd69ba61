"""Audit a PLS-SEM paper from its text: read it, extract its tables and prose, check them (issue 16).

Re-exports are added by the package's entry points (:mod:`.audit`); the reader is :mod:`.document`.
"""
