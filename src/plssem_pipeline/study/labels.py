"""Labels the configuration gives per language: ``label: {en: ..., id: ...}`` or one text for every language.

Wherever the configuration gives a text the report shows (``constructs.<C>.label``,
``respondents.<variable>.label``, each of ``respondents.<variable>.categories``,
``report.title``), it may be a plain string, used in every language, or a mapping
of report language -> text. :func:`label_for` is the one place that picks the text
of a language; a mapping without that language falls back to English (``en``),
then to its first text, and :func:`missing_translations` lists the keys where
that happened, so that the report can say so once (its methods section).

The results files keep one text per label, the English one (:data:`RESULTS_LANGUAGE`):
they are the same whatever ``report.language`` is, so changing the report's
language redraws only the report and its figures.
"""
from __future__ import annotations

from collections.abc import Mapping

__all__ = ["FALLBACK_LANGUAGE", "RESULTS_LANGUAGE", "label_for", "label_keys", "missing_translations",
           "label_language_problems"]

#: The language a label falls back to when it has no text in the report's language.
FALLBACK_LANGUAGE = "en"

#: The language of the labels written into the results files (``results/clean/categories.csv``,
#: ``results/describe/respondents.csv``).
RESULTS_LANGUAGE = "en"


def label_for(value, language: str, default: str | None = None) -> str | None:
    """The text of a configured label in ``language``.

    Parameters
    ----------
    value : str, mapping or None
        A plain text (every language), or language -> text (``{"en": "Business type", "id": "Jenis usaha"}``).
    language : str
        A report language (``"en"``, ``"id"``).
    default : str, optional
        Returned for a label not given (None or empty).

    Returns
    -------
    str or None
        The mapping's text in ``language``, else its English text, else its first text; a plain value
        as text; ``default`` when nothing is given.

    Examples
    --------
    >>> label_for({"en": "Revenue", "id": "Omzet"}, "id"), label_for({"en": "Revenue"}, "id")
    ('Omzet', 'Revenue')
    >>> label_for("Shopee", "id"), label_for(None, "id", "KP")
    ('Shopee', 'KP')
    """
    if isinstance(value, Mapping):
        texts = [value.get(language), value.get(FALLBACK_LANGUAGE), *value.values()]
        value = next((text for text in texts if text not in (None, "")), None)
    if value is None or value == "":
        return default
    return str(value)


def label_keys(config: Mapping):
    """Every label the configuration gives, with its dotted key.

    Parameters
    ----------
    config : mapping
        The study configuration.

    Yields
    ------
    tuple
        ``(key, value)``, e.g. ``("constructs.KP.label", {"en": ..., "id": ...})``; labels left out are skipped.
    """
    for name, spec in (config.get("constructs") or {}).items():
        if isinstance(spec, Mapping) and spec.get("label") is not None:
            yield f"constructs.{name}.label", spec["label"]
    for name, spec in (config.get("respondents") or {}).items():
        spec = spec if isinstance(spec, Mapping) else {}
        if spec.get("label") is not None:
            yield f"respondents.{name}.label", spec["label"]
        for code, category in (spec.get("categories") or {}).items():
            yield f"respondents.{name}.categories.{code}", category
    title = (config.get("report") or {}).get("title")
    if title is not None:
        yield "report.title", title
    for name, spec in (config.get("hypotheses") or {}).items():
        if isinstance(spec, Mapping) and spec.get("statement") is not None:
            yield f"hypotheses.{name}.statement", spec["statement"]


def missing_translations(config: Mapping, language: str) -> list[str]:
    """The keys whose label is given per language but not in ``language`` (shown in their fallback).

    Parameters
    ----------
    config : mapping
    language : str
        The report's language.

    Returns
    -------
    list of str
        Dotted config keys in config order; a plain-text label is never missing (it is every language's).
    """
    return [key for key, value in label_keys(config)
            if isinstance(value, Mapping) and value.get(language) in (None, "")]


def label_language_problems(config: Mapping, languages) -> list[str]:
    """Per-language labels naming a language the report does not have.

    Parameters
    ----------
    config : mapping
    languages : sequence of str
        The report's languages (:data:`plssem_pipeline.report.catalogue.LANGUAGES`).

    Returns
    -------
    list of str
        One problem per unknown language, naming the config key (``config key constructs.KP.label.fr: ...``).
    """
    problems = []
    for key, value in label_keys(config):
        if isinstance(value, Mapping):
            problems += [f"config key {key}.{lang}: {lang!r} is not a report language (one of "
                         f"{', '.join(languages)}); give the label as {{{', '.join(f'{x}: ...' for x in languages)}}}"
                         " or as one text for every language" for lang in value if str(lang) not in languages]
    return problems
