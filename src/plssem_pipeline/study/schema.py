"""The study configuration against its JSON Schema, in plain words.

``config.yaml`` (or a user's ``--configfile``) describes one study. The
workflow checks it in three steps before any rule runs:

1. :func:`schema_problems` — JSON Schema validation (``workflow/schemas/``),
   reported as one line per problem naming the dotted config key, what was
   found and what the key expects (its schema description);
2. ``snakemake.utils.validate`` — the same schema, filling in defaults;
3. :func:`plssem_pipeline.study.semantics.check_semantics` — what a schema
   cannot say.

Every problem is reported at once (not only the first), as a :class:`ConfigError`.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from ..errors import UserError

__all__ = ["ConfigError", "format_key", "load_schema", "schema_problems", "typed_overrides", "non_finite",
           "number_text", "as_number"]


class ConfigError(UserError):
    """One or more problems in the study configuration."""

    def __init__(self, problems: Sequence[str], *, file: str | None = None) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n > 1 else ''} in the study configuration"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems), file=file)


def format_key(path: Sequence) -> str:
    """Dotted config key from a path of keys and list indices.

    >>> format_key(["constructs", "KP", "indicators", 2])
    'constructs.KP.indicators[2]'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def load_schema(path) -> dict:
    """Read the YAML JSON Schema with a safe loader (libyaml's when PyYAML has it: the same data, faster)."""
    from .safety import fast_safe_load

    with open(path, encoding="utf-8") as handle:
        return fast_safe_load(handle)


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _problem(error) -> str:
    """One line for a jsonschema ``ValidationError``."""
    key = format_key(list(error.absolute_path))
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed] if isinstance(error.instance, Mapping) else []
        lines = []
        for name in extra:
            hint = difflib.get_close_matches(str(name), allowed, n=1)
            where = f"{key}.{name}" if error.absolute_path else str(name)
            lines.append(f"config key {where}: unknown key"
                         + (f" (did you mean {hint[0]!r}?)" if hint else "")
                         + (f"; allowed keys here: {', '.join(allowed)}" if allowed else ""))
        return "\n  - ".join(lines) if lines else f"config key {key}: {error.message}"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        sub = schema.get("properties", {}).get(missing, {})
        where = f"{key}.{missing}" if error.absolute_path else missing
        return f"config key {where}: required but missing" + (f" — {sub['description']}" if "description" in sub else "")
    description = schema.get("description")
    if kind == "type":
        expected = schema.get("type")
        label = isinstance(expected, list) and {"string", "object"} <= set(expected)   # a text, or one per language
        if label:
            expected = [kind for kind in expected if kind != "object"]
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        message = f"expected {expected}, got {_describe(error.instance)}"
        if isinstance(error.instance, str) and {"number", "integer"} & set(expected.split(" or ")) \
                and as_number(error.instance) is not None:
            message += " (text, not a number: YAML reads 1e-7 as text, write 1.0e-7; remove quotes)"
        elif isinstance(error.instance, bool) and "string" in expected:
            message += (" (YAML 1.1 reads an unquoted yes, no, on, off, true or false as a boolean: write the "
                        "name in quotes, e.g. 'NO')")
        if label:
            message += " (or one text per report language: {en: ..., id: ...})"
    elif kind == "enum":
        message = f"expected one of {', '.join(map(repr, schema['enum']))}, got {_describe(error.instance)}"
        hint = difflib.get_close_matches(str(error.instance), [str(v) for v in schema["enum"]], n=1)
        message += f" (did you mean {hint[0]!r}?)" if isinstance(error.instance, str) and hint else ""
    elif kind == "pattern":
        message = _pattern_message(error.instance, schema, name="propertyNames" in error.schema_path)
    else:
        message = error.message
    return f"config key {key}: {message}" + (f" — {description}" if description else "")


def _pattern_message(value, schema: Mapping, *, name: bool) -> str:
    """A text (a value, or a key's ``name``) not of the form the schema's ``pattern`` asks, said in words:
    a number in quotes, the right text in other letter case or with spaces around it; else that the form is
    wrong (the key's description, which follows, gives it). Never the regular expression itself."""
    import re

    text = str(value)
    types = schema.get("type", [])
    if {"integer", "number"} & set(types if isinstance(types, list) else [types]) \
            and re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", text.strip()):
        return f"got {_describe(value)}, a number written in quotes (text): write {text.strip()} without quotes"
    for variant, how in ((text.strip(), "without the spaces around it"), (text.lower(), "in lower case"),
                         (text.upper(), "in upper case")):
        if variant != text and re.search(schema["pattern"], variant):
            return f"got {_describe(value)}: write {variant} ({how})"
    return f"{'the name ' if name else ''}{_describe(value)} is not written as expected here"


def schema_problems(config: Mapping, schema: Mapping) -> list[str]:
    """Every JSON Schema violation of ``config``, one readable line each (empty if valid).

    Uses the Draft 2020-12 validator, as ``snakemake.utils.validate`` does, but
    reports all problems with their dotted keys instead of the first one.
    """
    from jsonschema import Draft202012Validator

    huge = [f"config key {key}: {number_text(value)} is far too large a number"
            for key, value in non_finite(config) if isinstance(value, int)]
    if huge:  # such integers cannot even be printed in a validation message
        return huge
    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: [str(p) for p in e.absolute_path])
    return [_problem(e) for e in errors]


def typed_overrides(overrides):
    """``--config`` values with YAML types restored.

    Snakemake parses a nested ``--config`` value such as
    ``bootstrap='{samples: 200}'`` with YAML's *base* loader, which leaves every
    scalar a string (``'200'``), and a top-level ``published=null`` as the
    string ``'null'``. This re-reads each string leaf with the safe loader and
    keeps the result when it is a number, boolean or null, so that such
    overrides validate as the user meant them.

    >>> typed_overrides({"bootstrap": {"samples": "200", "ci": "bca"}, "published": "null"})
    {'bootstrap': {'samples': 200, 'ci': 'bca'}, 'published': None}
    """
    import yaml

    if isinstance(overrides, Mapping):
        return {key: typed_overrides(value) for key, value in overrides.items()}
    if isinstance(overrides, (list, tuple)):
        return [typed_overrides(value) for value in overrides]
    if isinstance(overrides, str):
        try:
            value = yaml.safe_load(overrides)
        except yaml.YAMLError:
            return overrides
        return value if value is None or isinstance(value, (bool, int, float)) else overrides
    return overrides


def number_text(value) -> str:
    """``repr(value)``, or a short description of an integer too long to print."""
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"an integer of {len(str(value)) if value.bit_length() < 13000 else 'thousands of'} digits"
    return repr(value)


def non_finite(value, key=()):
    """``(dotted key, value)`` of every NaN or infinite number in a config (YAML reads ``.nan``, ``.inf``)."""
    import math

    if isinstance(value, Mapping):
        for name, sub in value.items():
            yield from non_finite(sub, (*key, name))
    elif isinstance(value, (list, tuple)):
        for i, sub in enumerate(value):
            yield from non_finite(sub, (*key, i))
    elif isinstance(value, float) and not math.isfinite(value):
        yield format_key(list(key)), value
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        yield format_key(list(key)), value


def as_number(value) -> float | None:
    """``float(value)``, or None when the value is not a number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
