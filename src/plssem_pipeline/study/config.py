"""The study configuration: schema problems in plain words, semantic checks, the model.

``config.yaml`` (or a user's ``--configfile``) describes one study. The
workflow checks it in three steps before any rule runs:

1. :func:`schema_problems` — JSON Schema validation (``workflow/schemas/``),
   reported as one line per problem naming the dotted config key, what was
   found and what the key expects (its schema description);
2. ``snakemake.utils.validate`` — the same schema, filling in defaults;
3. :func:`check_semantics` — what a schema cannot say: a path naming an
   unknown construct, a cycle, an indicator in two constructs, a missing
   survey file, a relative path that leaves the project (``../``), a
   published-tables file that is not plain YAML data, a NaN or infinite
   number, more bootstrap chunks than subsamples. It returns the validated
   :class:`plssem.Model`.

Every problem is reported at once (not only the first), as a
:class:`ConfigError`.
"""
from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import UserError
from .safety import load_yaml, project_path_problem

__all__ = [
    "ConfigError", "format_key", "load_schema", "schema_problems", "check_semantics", "typed_overrides",
    "model_from_config", "algorithm_options", "indicator_lists", "chunk_ranges", "abort",
]


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
    """Read the YAML JSON Schema with a safe loader."""
    import yaml

    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


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
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        message = f"expected {expected}, got {_describe(error.instance)}"
        if isinstance(error.instance, str) and expected in ("number", "integer", "number or null") \
                and _number(error.instance) is not None:
            message += " (text, not a number: YAML reads 1e-7 as text, write 1.0e-7; remove quotes)"
    elif kind == "enum":
        message = f"expected one of {', '.join(map(repr, schema['enum']))}, got {_describe(error.instance)}"
    else:
        message = error.message
    return f"config key {key}: {message}" + (f" — {description}" if description else "")


def schema_problems(config: Mapping, schema: Mapping) -> list[str]:
    """Every JSON Schema violation of ``config``, one readable line each (empty if valid).

    Uses the Draft 2020-12 validator, as ``snakemake.utils.validate`` does, but
    reports all problems with their dotted keys instead of the first one.
    """
    from jsonschema import Draft202012Validator

    huge = [f"config key {key}: {_number_text(value)} is far too large a number"
            for key, value in _non_finite(config) if isinstance(value, int)]
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


def indicator_lists(constructs: Mapping) -> dict[str, list[str]]:
    """``construct -> [indicators]`` from the ``constructs`` config section."""
    return {str(name): [str(i) for i in spec["indicators"]] for name, spec in constructs.items()}


def model_from_config(constructs: Mapping, paths: Sequence[str]):
    """Build the :class:`plssem.Model` of the ``constructs`` and ``paths`` config sections."""
    from plssem import Model

    spec = {str(name): {"indicators": [str(i) for i in c["indicators"]], "mode": c.get("mode", "A")}
            for name, c in constructs.items()}
    return Model.from_spec(spec, list(paths))


def algorithm_options(algorithm: Mapping) -> dict:
    """Keyword arguments of :func:`plssem.estimate` from the ``algorithm`` section."""
    return {"scheme": algorithm.get("weighting", "path"), "max_iter": int(algorithm.get("max_iter", 300)),
            "tol": float(algorithm.get("tol", 1e-7))}


def chunk_ranges(samples: int, chunks: int) -> list[tuple[int, int]]:
    """Split subsamples ``0 .. samples-1`` into ``chunks`` contiguous ranges of near-equal size.

    >>> chunk_ranges(10, 3)
    [(0, 3), (3, 6), (6, 10)]
    """
    chunks = max(1, min(int(chunks), int(samples)))
    bounds = [i * samples // chunks for i in range(chunks + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(chunks)]


#: Upper bounds that keep a run feasible (memory for the draws, number of Snakemake jobs).
MAX_SAMPLES = 1_000_000
MAX_CHUNKS = 1000


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a path the OS cannot even look up (too long, NUL byte)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _number_text(value) -> str:
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"an integer of {len(str(value)) if value.bit_length() < 13000 else 'thousands of'} digits"
    return repr(value)


def _non_finite(value, key=()):
    """``(dotted key, value)`` of every NaN or infinite number in a config (YAML reads ``.nan``, ``.inf``)."""
    import math

    if isinstance(value, Mapping):
        for name, sub in value.items():
            yield from _non_finite(sub, (*key, name))
    elif isinstance(value, (list, tuple)):
        for i, sub in enumerate(value):
            yield from _non_finite(sub, (*key, i))
    elif isinstance(value, float) and not math.isfinite(value):
        yield format_key(list(key)), value
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        yield format_key(list(key)), value


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def check_semantics(config: Mapping, *, root: Path | str = ".", file: str | None = None):
    """Check what the schema cannot; return the :class:`plssem.Model` or raise :class:`ConfigError`.

    Parameters
    ----------
    config : mapping
        A schema-valid configuration with defaults filled in.
    root : path
        Directory that relative paths in the config are relative to (the working directory).
    file : str, optional
        The config file(s), named in the error.
    """
    from plssem import ModelError, parse_path

    problems: list[str] = []
    constructs = config["constructs"]
    names = [str(n) for n in constructs]
    owner: dict[str, str] = {}
    for name, spec in constructs.items():
        seen_here: set[str] = set()
        for j, indicator in enumerate(spec["indicators"]):
            indicator = str(indicator)
            key = f"constructs.{name}.indicators[{j}]"
            if indicator in seen_here:
                problems.append(f"config key {key}: indicator {indicator!r} is listed twice in construct {name!r}")
            elif indicator in owner:
                problems.append(f"config key {key}: indicator {indicator!r} is already in construct "
                                f"{owner[indicator]!r} (constructs.{owner[indicator]}.indicators); "
                                "an indicator measures one construct")
            seen_here.add(indicator)
            owner.setdefault(indicator, str(name))
    used: set[str] = set()
    seen_paths: dict[tuple[str, str], int] = {}
    for i, text in enumerate(config["paths"]):
        key = f"paths[{i}]"
        try:
            source, target = parse_path(text)
        except ModelError as error:
            problems.append(f"config key {key}: {error}")
            continue
        for end in (source, target):
            if end not in names:
                hint = difflib.get_close_matches(end, names, n=1)
                problems.append(f"config key {key} ({text!r}): unknown construct {end!r}"
                                + (f" (did you mean {hint[0]!r}?)" if hint else "")
                                + f"; constructs defined under constructs: {', '.join(names)}")
        if source == target:
            problems.append(f"config key {key} ({text!r}): a construct cannot point to itself")
        if (source, target) in seen_paths:
            problems.append(f"config key {key} ({text!r}): same path as paths[{seen_paths[(source, target)]}]")
        seen_paths.setdefault((source, target), i)
        used.update((source, target))
    for name in names:
        if name not in used:
            problems.append(f"config key constructs.{name}: construct {name!r} is in no path; "
                            "every construct must take part in the structural model (config key paths)")

    data = config["data"]
    scale = data["scale"]
    if not scale["min"] < scale["max"]:
        problems.append(f"config key data.scale: min ({scale['min']}) must be below max ({scale['max']})")
    for i, code in enumerate(data["missing_codes"]):
        number = _number(code)
        if number is not None and scale["min"] <= number <= scale["max"]:
            problems.append(f"config key data.missing_codes[{i}]: {code!r} is a valid answer on the scale "
                            f"{scale['min']}–{scale['max']} (data.scale), so it cannot also mean 'missing'")
    id_column = data.get("id_column")
    respondents = config.get("respondents") or {}
    if id_column is not None and str(id_column) in owner:
        problems.append(f"config key data.id_column: {id_column!r} is also an indicator "
                        f"(constructs.{owner[str(id_column)]}.indicators)")
    for variable in respondents:
        if str(variable) in owner:
            problems.append(f"config key respondents.{variable}: {variable!r} is also an indicator "
                            f"(constructs.{owner[str(variable)]}.indicators)")
        if id_column is not None and str(variable) == str(id_column):
            problems.append(f"config key respondents.{variable}: {variable!r} is the id column (data.id_column)")

    root = Path(root)
    escape = project_path_problem(data["survey"], "data.survey", root)
    if escape:
        problems.append(escape)
    elif not _is_file(root / str(data["survey"])):
        problems.append(f"config key data.survey: survey file {str(data['survey'])!r} not found "
                        f"(relative paths are relative to the project directory {root.resolve()})")
    published = config.get("published")
    escape = project_path_problem(published, "published", root) if published else None
    if escape:
        problems.append(escape)
    elif published and not _is_file(root / str(published)):
        problems.append(f"config key published: file {str(published)!r} not found "
                        "(set published: null if the study has no published tables)")
    elif published:
        try:  # read safely now, so that a Python tag in it stops the run before any job
            load_yaml(root / str(published), what="published-tables file")
        except UserError as error:
            problems.append(f"config key published: {error}")
    problems += [f"config key {key}: {_number_text(value)} is not a finite number" for key, value in _non_finite(config)]

    boot = config["bootstrap"]
    if boot["samples"] > MAX_SAMPLES:
        problems.append(f"config key bootstrap.samples: {boot['samples']} subsamples; at most {MAX_SAMPLES:,} "
                        "(the draws are held in memory; SmartPLS's default is 5000)")
    if boot["chunks"] > MAX_CHUNKS:
        problems.append(f"config key bootstrap.chunks: {boot['chunks']} chunks; at most {MAX_CHUNKS} "
                        "(each chunk is one Snakemake job)")
    if boot["chunks"] > boot["samples"]:
        problems.append(f"config key bootstrap.chunks: {boot['chunks']} chunks for {boot['samples']} "
                        "subsamples (bootstrap.samples); use at most one chunk per subsample")

    model = None
    if not problems:
        try:
            model = model_from_config(constructs, config["paths"])
        except ModelError as error:  # e.g. a cycle
            problems.append(f"config keys constructs / paths: {error}")
    if problems:
        raise ConfigError(problems, file=file)
    return model


def abort(error: UserError, *, stream=None) -> None:
    """Print ``error`` for the user (no traceback) and exit with status 1."""
    print(f"Error: {error}", file=stream or sys.stderr)
    sys.exit(1)
