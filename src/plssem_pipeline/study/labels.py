"""Labels the configuration gives per language: ``label: {en: ..., id: ...}`` or one text for every language.

Wherever the configuration gives a text the report shows (``constructs.<C>.label``, ``controls.<column>.label``,
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

import difflib
import re
from collections.abc import Mapping

__all__ = ["FALLBACK_LANGUAGE", "RESULTS_LANGUAGE", "label_for", "label_keys", "missing_translations",
           "label_language_problems", "label_texts", "meant_construct", "unknown_construct", "configured_labels",
           "construct_labels"]

#: Interaction syntax of other tools that :func:`plssem.specification.parse_term` does not read: ``A X B``, ``A:B``.
_FOREIGN_TERM = re.compile(r"\s+X\s+|:")

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
    for name, spec in (config.get("controls") or {}).items():
        if isinstance(spec, Mapping) and spec.get("label") is not None:
            yield f"controls.{name}.label", spec["label"]
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


def configured_labels(config: Mapping) -> dict:
    """Each construct's and control variable's configured label, as written (None when not given).

    Parameters
    ----------
    config : mapping
        The study configuration (``constructs``; ``controls`` optional, written ``{age: [KU]}`` or
        ``{age: {targets: [KU], label: ...}}``).

    Returns
    -------
    dict
        Construct, then control column -> its ``label`` value (a text, a mapping per language, or None), in
        config order; :func:`label_for` picks a language's text.
    """
    out = {str(name): spec.get("label") if isinstance(spec, Mapping) else None
           for name, spec in (config.get("constructs") or {}).items()}
    out.update({str(column): spec.get("label") if isinstance(spec, Mapping) else None
                for column, spec in (config.get("controls") or {}).items()})
    return out


def construct_labels(config: Mapping, language: str) -> dict[str, str]:
    """Construct and control variable -> its label in ``language`` (:func:`label_for`; its name when none is given).

    >>> construct_labels({"constructs": {"KP": {"label": {"en": "Price", "id": "Harga"}}},
    ...                   "controls": {"age": {"targets": ["KP"], "label": "Age (years)"}, "size": ["KP"]}}, "id")
    {'KP': 'Harga', 'age': 'Age (years)', 'size': 'size'}
    """
    return {name: label_for(label, language, name) for name, label in configured_labels(config).items()}


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


def label_texts(value) -> list[str]:
    """Every text of a configured label: the plain text, or each language's (``[]`` when none is given)."""
    texts = value.values() if isinstance(value, Mapping) else [value]
    return [str(text) for text in texts if text not in (None, "")]


def _label_owner(name: str, constructs: Mapping) -> str | None:
    """The construct whose label (any language, case aside) ``name`` is, or None."""
    for construct, spec in constructs.items():
        texts = label_texts(spec.get("label")) if isinstance(spec, Mapping) else []
        if str(name).casefold() in {text.casefold() for text in texts}:
            return str(construct)
    return None


def meant_construct(name: str, constructs: Mapping) -> str | None:
    """The construct an unknown ``name`` most likely means, or None.

    The construct whose label ``name`` is (any language, case aside), else the nearest construct name with
    letter case ignored (``'tr'`` -> ``'TR'``, ``'LOYAL'`` -> ``'LOY'``; :func:`difflib.get_close_matches`).

    Examples
    --------
    >>> meant_construct("tr", {"SQ": {}, "TR": {}})
    'TR'
    """
    owner = _label_owner(name, constructs)
    if owner is not None:
        return owner
    folded: dict[str, str] = {}
    for construct in constructs:
        folded.setdefault(str(construct).casefold(), str(construct))
    hint = difflib.get_close_matches(str(name).casefold(), list(folded), n=1)
    return folded[hint[0]] if hint else None


def unknown_construct(name: str, constructs: Mapping) -> str:
    """Why ``name`` (a construct in a path or a hypothesis) is not a construct of ``constructs``, with a hint.

    Parameters
    ----------
    name : str
        The name as written.
    constructs : mapping
        Config ``constructs``: construct -> its entry (``label`` read).

    Returns
    -------
    str
        ``"'Satisfaction' is the label of construct 'SAT'; ..."`` when ``name`` is a construct's label (any
        language, case aside); a pointer to the interaction syntax (``'A x B'``, ``'A × B'``, ``'A*B'``) when
        it is written ``A X B`` or ``A:B``; else ``"unknown construct ..."`` with :func:`meant_construct`'s
        name, if any.

    Examples
    --------
    >>> unknown_construct("Satisfaction", {"SAT": {"label": {"en": "Satisfaction", "id": "Kepuasan"}}})
    "'Satisfaction' is the label of construct 'SAT'; paths and hypotheses use construct names (the keys under constructs)"
    """
    names = [str(n) for n in constructs]
    owner = _label_owner(name, constructs)
    if owner is not None:
        return (f"{name!r} is the label of construct {owner!r}; paths and hypotheses use construct names "
                "(the keys under constructs)")
    if _FOREIGN_TERM.search(str(name)):
        return (f"unknown construct {name!r}: an interaction term is written 'A x B' (a lower-case x between "
                "spaces), 'A × B' or 'A*B'")
    meant = meant_construct(name, constructs)
    return (f"unknown construct {name!r}" + (f" (did you mean {meant!r}?)" if meant else "")
            + f"; constructs defined under constructs: {', '.join(names)}")
