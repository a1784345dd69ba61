"""What a language is to the pipeline: a catalogue of its sentences, and how it writes numbers.

Every text the pipeline writes for a reader (the report, the audit's
explanations) comes from per-language catalogues: a folder of
``<language>.yaml`` files (``en.yaml``, ``id.yaml``), each a mapping of key ->
text read with the project's strict safe YAML loader (:func:`load_strings`),
and the same keys in every file (tests check it). :class:`Catalogue` fills a
text's ``{name}`` fields with :meth:`str.format`.

Numbers inside sentences go through :func:`number_text`, which writes them in
the language's conventions (:data:`SEPARATORS`): English ``1,234.5``,
Indonesian ``1.234,5`` (decimal comma, thousands point).
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .study.safety import load_yaml

__all__ = ["SEPARATORS", "Catalogue", "load_strings", "number_text"]

#: Language -> (decimal separator, thousands separator).
SEPARATORS = {"en": (".", ","), "id": (",", ".")}


def load_strings(directory: Path, *, what: str) -> dict[str, dict[str, str]]:
    """Every translation in ``directory``: language (file stem) -> key -> text, keys in file order.

    Parameters
    ----------
    directory : Path
        A folder of ``<language>.yaml`` files.
    what : str
        What the files are, for the loader's error messages (``"report strings file"``).

    Returns
    -------
    dict
        ``{"en": {...}, "id": {...}}``, languages sorted by name.

    Raises
    ------
    plssem_pipeline.errors.UserError
        For a file that is not a safe YAML mapping (:func:`plssem_pipeline.study.safety.load_yaml`).
    """
    return {path.stem: load_yaml(path, what=what) for path in sorted(directory.glob("*.yaml"))}


def number_text(value, language: str, spec: str = "g") -> str:
    """``value`` formatted with the format ``spec``, in the separators of ``language``.

    Parameters
    ----------
    value : float or int
        The number.
    language : str
        A key of :data:`SEPARATORS` (``"en"``, ``"id"``).
    spec : str
        A Python format specification as written for English (``".4f"``, ``".3g"``, ``","`` for a
        count with thousands separators).

    Returns
    -------
    str
        The English text with its decimal point and thousands commas swapped for the language's.

    Raises
    ------
    ValueError
        For a language without separators in :data:`SEPARATORS`.

    Examples
    --------
    >>> number_text(0.6618, "id", ".4f"), number_text(5000, "id", ","), number_text(1234.5, "en", ",.1f")
    ('0,6618', '5.000', '1,234.5')
    """
    if language not in SEPARATORS:
        raise ValueError(f"no number separators for language {language!r} (one of {', '.join(SEPARATORS)})")
    decimal, thousands = SEPARATORS[language]
    return format(value, spec).translate(str.maketrans({".": decimal, ",": thousands}))


class Catalogue:
    """The texts of one language: ``t("key", name=value)``.

    A subclass names its texts: :attr:`STRINGS` (:func:`load_strings` of its folder) and :attr:`WHAT`
    (:class:`plssem_pipeline.report.catalogue.Catalogue`, :class:`plssem_pipeline.audit.catalogue.AuditCatalogue`).

    Parameters
    ----------
    language : str
        One of the languages of :attr:`STRINGS` (``"en"``, ``"id"``).

    Raises
    ------
    ValueError
        For a language without texts.
    """

    #: Language -> key -> text.
    STRINGS: Mapping[str, Mapping[str, str]] = {}
    #: Whose texts these are, for the error on an unknown language (``"report"``).
    WHAT = "text"

    def __init__(self, language: str = "en") -> None:
        if language not in self.STRINGS:
            raise ValueError(f"{self.WHAT} language {language!r} is not one of {', '.join(self.STRINGS)}")
        self.language = language
        self.strings = self.STRINGS[language]

    def __call__(self, key: str, **values) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def __getitem__(self, key: str) -> str:
        return self.strings[key]
