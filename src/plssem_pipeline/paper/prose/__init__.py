"""The prose of a paper: statistics quoted in the text, hypotheses, variance explained, decision rules, counts.

:func:`extract_prose` gives the ``prose:`` section of an extraction; :func:`add_prose_tables` the
tables the prose gives (hypotheses, mediation claims, R² labels); :func:`read_prose` both, reading the
prose once; :class:`Names` links the tables'
construct abbreviations to the names the text uses.
"""
from .extract import add_prose_tables, extract_prose, read_prose
from .names import Names

__all__ = ["extract_prose", "add_prose_tables", "read_prose", "Names"]
