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

from ..study.safety import load_yaml

__all__ = ["LANGUAGES", "STRINGS", "STRINGS_DIR", "Catalogue"]

#: The folder of the translations, one ``<language>.yaml`` per language (installed with the package).
STRINGS_DIR = Path(__file__).with_name("strings")


def _load(directory: Path) -> dict[str, dict[str, str]]:
    """Every translation in ``directory``: language (file stem) -> key -> text, keys in file order."""
    return {path.stem: load_yaml(path, what="report strings file") for path in sorted(directory.glob("*.yaml"))}


STRINGS: dict[str, dict[str, str]] = _load(STRINGS_DIR)

#: The report's languages: the names of the files in :data:`STRINGS_DIR`, e.g. ``("en", "id")``.
LANGUAGES = tuple(STRINGS)


class Catalogue:
    """The strings of one language: ``t("key", name=value)``.

    Parameters
    ----------
    language : str
        One of :data:`LANGUAGES` (``"en"``, ``"id"``).

    Raises
    ------
    ValueError
        For a language without a file in :data:`STRINGS_DIR`.
    """

    def __init__(self, language: str = "en") -> None:
        if language not in STRINGS:
            raise ValueError(f"report language {language!r} is not one of {', '.join(LANGUAGES)}")
        self.language = language
        self.strings = STRINGS[language]

    def __call__(self, key: str, **values) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def __getitem__(self, key: str) -> str:
        return self.strings[key]
