"""Every label and sentence of the report, one data file per language.

A translation is a data file: ``strings/<language>.yaml`` in this package
(``en.yaml``, ``id.yaml``), a mapping of key -> text read with the project's
strict safe YAML loader. Adding a language means adding a file there, with
the same keys as ``en.yaml`` (a test checks that every file in the folder
defines the same keys); its name (``fr.yaml`` -> ``fr``) is then a valid
:class:`Catalogue` language.

``STRINGS[language][key]`` is a plain string; ``{name}`` fields are filled with
:meth:`str.format` by :meth:`Catalogue.__call__`. The report context
(:mod:`plssem_pipeline.report.context`) and the figures
(:mod:`plssem_pipeline.steps.figures`) take every piece of wording from here,
so translating the report means editing those files only.

Values filled into a sentence (construct labels, file names, numbers) are
user text: the templates escape the finished sentence for HTML or LaTeX, so
no string may contain markup.
"""
from __future__ import annotations

from pathlib import Path

from ..language import Catalogue as LanguageCatalogue, load_strings

__all__ = ["LANGUAGES", "STRINGS", "STRINGS_DIR", "Catalogue"]

#: The folder of the translations, one ``<language>.yaml`` per language (installed with the package).
STRINGS_DIR = Path(__file__).with_name("strings")

STRINGS: dict[str, dict[str, str]] = load_strings(STRINGS_DIR, what="report strings file")

#: The report's languages: the names of the files in :data:`STRINGS_DIR`, e.g. ``("en", "id")``.
LANGUAGES = tuple(STRINGS)


class Catalogue(LanguageCatalogue):
    """The report's strings of one language (one of :data:`LANGUAGES`): ``t("key", name=value)``."""

    STRINGS = STRINGS
    WHAT = "report"
