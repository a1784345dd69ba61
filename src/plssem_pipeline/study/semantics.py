"""What the configuration's schema cannot say, checked before any rule runs.

A path naming an unknown construct, a cycle, an indicator in two constructs,
a missing survey file, a relative path that leaves the project (``../``), an
input file in a folder the pipeline writes (``results/``, ``report/``), a
published-tables file that is not plain YAML data, a NaN or infinite number,
more bootstrap chunks than subsamples, a P value tolerance of the audit not below its α, a scale (``data.scale``, ``constructs.<C>.scale``)
whose min is not below its max, a reverse-coded item outside its construct, a redundancy item
(``constructs.<C>.redundancy``) of a Mode A construct or that is an indicator of the model, a label
given per language (``label: {en: ..., id: ...}``) in a language the report does not have, and
(:mod:`.extension_checks`) the problems of higher-order constructs, interaction terms and control variables,
and (:mod:`.assessment`) those of the ``predict``, ``fit`` and ``alternatives`` keys, and (:mod:`.groups`)
those of ``groups`` and ``ipma``, and (:mod:`.power`) those of ``power``.
:func:`check_semantics` reports every problem at once as a
:class:`~plssem_pipeline.study.schema.ConfigError` and otherwise returns the
validated :class:`plssem.Model`.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import UserError
from .assessment import assessment_problems
from .extension_checks import extension_problems, path_ends, repeated_members
from .extensions import canonical_node, model_from_spec, model_spec, roles
from .groups import group_problems
from .power import power_problems
from .hypotheses import hypothesis_problems
from .labels import label_language_problems, meant_construct, unknown_construct
from .model import model_effects
from .reserved import reserved_name_problems
from .safety import input_path_problem, load_yaml
from .scales import scale_problems
from .schema import ConfigError, non_finite, number_text

__all__ = ["check_semantics", "MAX_SAMPLES", "MAX_CHUNKS"]

#: Upper bounds that keep a run feasible (memory for the draws, number of Snakemake jobs).
MAX_SAMPLES = 1_000_000
MAX_CHUNKS = 1000


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a path the OS cannot even look up (too long, NUL byte)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


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

    Returns
    -------
    plssem.Model
        The model of ``constructs``, ``paths``, ``moderation`` and ``controls`` (:func:`.extensions.model_spec`).

    Raises
    ------
    ConfigError
        Listing every problem found, each naming its config key.
    """
    from plssem import ModelError

    owner, problems = _indicator_problems(config["constructs"])
    problems += _path_problems(config["constructs"], config["paths"])
    problems += extension_problems(config, owner)
    problems += _data_problems(config, owner)
    problems += reserved_name_problems(config)
    problems += _label_problems(config)
    problems += _redundancy_problems(config, owner)
    problems += _common_factor_problems(config["constructs"])
    problems += _file_problems(config, Path(root))
    problems += [f"config key {key}: {number_text(value)} is not a finite number" for key, value in non_finite(config)]
    problems += _bootstrap_problems(config["bootstrap"])
    problems += _audit_problems(config)
    model = None
    if not problems:   # the study's own model, whatever its alternatives' problems (each is named once)
        try:
            model = model_from_spec(model_spec(config))
        except ModelError as error:  # e.g. a cycle
            problems.append(f"config keys constructs / paths: {error}")
        else:
            problems += hypothesis_problems(config, model_effects(model, roles(config)))
    problems += assessment_problems(config, owner, _path_problems, max_samples=MAX_SAMPLES,
                                    max_chunks=MAX_CHUNKS)   # predict, fit, alternatives
    problems += group_problems(config, model_spec(config) if model is not None else None,
                               max_samples=MAX_SAMPLES, max_chunks=MAX_CHUNKS)   # groups, ipma
    problems += power_problems(config, model, max_samples=MAX_SAMPLES, max_chunks=MAX_CHUNKS)
    if problems:
        raise ConfigError(problems, file=file)
    return model


def _indicator_problems(constructs: Mapping) -> tuple[dict[str, str], list[str]]:
    """``(indicator -> construct, problems)``: an indicator listed twice or in two constructs."""
    owner, repeats = repeated_members({name: spec.get("indicators") or () for name, spec in constructs.items()})
    return owner, [f"config key constructs.{name}.indicators[{j}]: indicator {item!r} is listed twice in construct "
                   f"{name!r}" if earlier == name else
                   f"config key constructs.{name}.indicators[{j}]: indicator {item!r} is already in construct "
                   f"{earlier!r} (constructs.{earlier}.indicators); an indicator measures one construct"
                   for name, j, item, earlier in repeats]


def _redundancy_problems(config: Mapping, owner: Mapping[str, str]) -> list[str]:
    """``constructs.<C>.redundancy``: Mode B constructs only; no indicator, id or profile variable."""
    problems: list[str] = []
    others = {str(v): f"respondents.{v}" for v in config.get("respondents") or {}}
    if config["data"].get("id_column") is not None:
        others[str(config["data"]["id_column"])] = "data.id_column"
    for name, spec in config["constructs"].items():
        item = spec.get("redundancy")
        if item is None:
            continue
        key = f"constructs.{name}.redundancy"
        if spec.get("mode", "A") != "B":
            problems.append(f"config key {key}: a redundancy analysis assesses a formative construct, and {name!r} "
                            f"is Mode {spec.get('mode', 'A')} (constructs.{name}.mode); remove the key or set mode: B")
        if str(item) in owner:
            problems.append(f"config key {key}: {item!r} is an indicator of construct {owner[str(item)]!r} "
                            f"(constructs.{owner[str(item)]}.indicators); the global item must be a survey "
                            "column outside the model")
        elif str(item) in others:
            problems.append(f"config key {key}: {item!r} is also {others[str(item)]}")
    return problems


def _common_factor_problems(constructs: Mapping) -> list[str]:
    """``constructs.<C>.model: common_factor`` needs Mode A: PLSc corrects Mode A weights (Dijkstra & Henseler 2015)."""
    return [f"config key constructs.{name}.model: a common factor is estimated with consistent PLS (PLSc) from "
            f"Mode A weights, and {name!r} is Mode B (constructs.{name}.mode); set mode: A, or model: composite "
            "for a formative construct"
            for name, spec in constructs.items()
            if spec.get("model", "composite") == "common_factor" and spec.get("mode", "A") == "B"]


def _path_problems(constructs: Mapping, paths, key: str = "paths") -> list[str]:
    """Paths that cannot be parsed, name unknown constructs (interaction terms' too), loop or repeat;
    constructs in no path (but the dimensions of a higher-order construct, and a construct an unknown name
    already points to: a label or a misspelling); every message names the list as ``key`` (``paths``, or an
    alternative's ``alternatives.<name>.paths``)."""
    from plssem import ModelError, parse_path
    from plssem.specification import parse_term

    problems: list[str] = []
    names = [str(n) for n in constructs]
    used = {str(d) for spec in constructs.values() for d in spec.get("dimensions") or ()}
    seen_paths: dict[tuple[str, str], int] = {}
    terms: dict[frozenset, tuple[str, int]] = {}   # an interaction's two constructs -> its first spelling, where
    for i, text in enumerate(paths):
        where = f"{key}[{i}]"
        try:
            source, target = parse_path(text)
            ends = path_ends(source, target)
        except ModelError as error:
            problems.append(f"config key {where}: {error}")
            continue
        unknown = [end for end in dict.fromkeys(ends) if end not in names]
        problems += [f"config key {where} ({text!r}): {unknown_construct(end, constructs)}" for end in unknown]
        used.update(filter(None, (meant_construct(end, constructs) for end in unknown)))   # absence explained
        if source == target:
            problems.append(f"config key {where} ({text!r}): a construct cannot point to itself")
        source = canonical_node(source)
        if (source, target) in seen_paths:
            problems.append(f"config key {where} ({text!r}): same path as {key}[{seen_paths[(source, target)]}]")
        seen_paths.setdefault((source, target), i)
        term = parse_term(source)
        if term is not None:
            spelling, j = terms.setdefault(frozenset(term), (source, i))
            if spelling != source:
                problems.append(f"config key {where} ({text!r}): the interaction term {source!r} is {spelling!r} of "
                                f"{key}[{j}] written the other way round (the same product); write it as "
                                f"{spelling!r}")
        used.update(ends)
    for name in names:
        if name not in used:
            problems.append(f"config key constructs.{name}: construct {name!r} is in no path; "
                            f"every construct must take part in the structural model (config key {key})")
    return problems


def _data_problems(config: Mapping, owner: Mapping[str, str]) -> list[str]:
    """The scales and reversed items (:func:`.scales.scale_problems`), id and respondent columns that are indicators."""
    from ..ingest.values import category_code_clashes  # deferred: ingest.survey imports study.names

    problems = scale_problems(config)
    data = config["data"]
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
        problems += [f"config key respondents.{variable}.categories: {clash}; a cell would be counted under both: "
                     "keep one code per category"
                     for clash in category_code_clashes((respondents[variable] or {}).get("categories") or {})]
    return problems


def _label_problems(config: Mapping) -> list[str]:
    """Labels given per language (``label: {en: ..., id: ...}``) naming a language the report does not have."""
    from ..report.catalogue import LANGUAGES  # deferred: the report's languages are its strings files

    return label_language_problems(config, LANGUAGES)


def _file_problems(config: Mapping, root: Path) -> list[str]:
    """The survey and published-tables files: inside the project and outside its outputs, present, and
    (published) plain YAML."""
    problems: list[str] = []
    survey = config["data"]["survey"]
    escape = input_path_problem(survey, "data.survey", root)
    if escape:
        problems.append(escape)
    elif not _is_file(root / str(survey)) and not isinstance((config.get("power") or {}).get("population"), Mapping):
        # a study being planned (power.population given) has no survey yet: `snakemake power` needs none
        problems.append(f"config key data.survey: survey file {str(survey)!r} not found "
                        f"(relative paths are relative to the project directory {root.resolve()})")
    published = config.get("published")
    escape = input_path_problem(published, "published", root) if published else None
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
    return problems


def _audit_problems(config: Mapping) -> list[str]:
    """A P value tolerance at or above the audit's α (with published tables): it would call p values that
    lie a whole α apart the same."""
    audit = config.get("audit") or {}
    p, alpha = (audit.get("tolerances") or {}).get("p"), audit.get("alpha")
    if not config.get("published") or p is None or alpha is None or p < alpha:
        return []
    return [f"config key audit.tolerances.p: {number_text(p)} is not below audit.alpha ({number_text(alpha)}); "
            "the tolerance of the P values must be below the significance level (e.g. audit.alpha / 5)"]


def _bootstrap_problems(boot: Mapping) -> list[str]:
    """Subsample and chunk counts beyond what a run can hold, or more chunks than subsamples."""
    problems: list[str] = []
    if boot["samples"] > MAX_SAMPLES:
        problems.append(f"config key bootstrap.samples: {boot['samples']} subsamples; at most {MAX_SAMPLES:,} "
                        "(the draws are held in memory; SmartPLS's default is 5000)")
    if boot["chunks"] > MAX_CHUNKS:
        problems.append(f"config key bootstrap.chunks: {boot['chunks']} chunks; at most {MAX_CHUNKS} "
                        "(each chunk is one Snakemake job)")
    if boot["chunks"] > boot["samples"]:
        problems.append(f"config key bootstrap.chunks: {boot['chunks']} chunks for {boot['samples']} "
                        "subsamples (bootstrap.samples); use at most one chunk per subsample")
    return problems
