"""Reading YAML and config paths safely.

Text a user hands to the pipeline (a config file, a published-tables file, a
path in the config) is data, never code, and never reaches outside the project
unless the user says so:

* :func:`load_yaml` reads YAML with PyYAML's *safe* loader only: plain text,
  numbers, booleans, null, lists and mappings. A tag that would build a Python
  object (``!!python/object/apply:os.system``, ``!!python/name:...``) is refused
  with the file, line and tag; so is a config that asks Snakemake to evaluate
  it as a YTE template (``__use_yte__: true``, whose ``?expr`` values are
  Python), a key given twice in one mapping (YAML would silently keep the
  last one), an unquoted key that YAML 1.1 reads as a boolean or null
  (``NO:`` is ``False``), and any alias (``*name``: nested anchors expand
  exponentially, a "billion laughs" bomb).
* :func:`project_path_problem` refuses a relative path that climbs out of the
  project directory (``../elsewhere/survey.csv``); an absolute path is the
  user's deliberate choice and is accepted.
* :func:`input_path_problem` adds what an *input* file may not be: a file in a
  folder the pipeline writes (``results/``, ``report/``, Snakemake's
  ``.snakemake/``), which a run would overwrite or delete; or a path holding a
  brace, which Snakemake reads as a wildcard (``survey{2024}.csv``) in a rule's
  input and which no escape gets past (``{{2024}}`` is read the same way).

Every problem is a :class:`~plssem_pipeline.errors.UserError` (or a problem
line for :class:`~plssem_pipeline.study.schema.ConfigError`) naming the file, line and
what was expected.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePath

from ..errors import UserError

__all__ = ["load_yaml", "check_config_file", "project_path_problem", "input_path_problem", "OUTPUT_FOLDERS",
           "YTE_KEY"]

#: The key with which a YAML file asks Snakemake to evaluate it as a YTE template (Python expressions).
YTE_KEY = "__use_yte__"
#: The project's folders that a run writes: its outputs (results/, report/) and Snakemake's records.
OUTPUT_FOLDERS = ("results", "report", ".snakemake")


def _loader():
    import yaml

    class StrictSafeLoader(yaml.SafeLoader):
        """PyYAML's safe loader, refusing duplicate keys in a mapping, boolean or null keys, and aliases."""

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):  # nested aliases expand exponentially (a "billion laughs" bomb)
                event = self.peek_event()
                raise yaml.constructor.ConstructorError(
                    None, None, f"the alias *{event.anchor} repeats a block marked &{event.anchor}; anchors and "
                    "aliases are not allowed here (nested ones expand without bound): write the values out",
                    event.start_mark)
            return super().compose_node(parent, index)

    def construct_mapping(loader, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            _refuse_typed_name(key_node)
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # the base constructor reports unhashable keys
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping (first at line {seen[key] + 1}); "
                    "YAML would silently keep only the last one", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    StrictSafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return StrictSafeLoader


#: YAML tags of a plain (unquoted) scalar that a key must not resolve to: a key is a name, never a boolean or null.
_NOT_A_NAME = {"tag:yaml.org,2002:bool": "the boolean {value}", "tag:yaml.org,2002:null": "null (no value)"}


def _refuse_typed_name(key_node) -> None:
    """Refuse a mapping key written without quotes that YAML 1.1 reads as a boolean or null (``NO:``, ``on:``, ``~:``)."""
    import yaml

    meaning = _NOT_A_NAME.get(key_node.tag) if isinstance(key_node, yaml.ScalarNode) and key_node.style is None \
        else None
    if meaning:
        value = yaml.SafeLoader.bool_values.get(key_node.value.lower())
        text = key_node.value or "(empty)"
        raise yaml.constructor.ConstructorError(
            None, None, f"the key {text} is read by YAML 1.1 as {meaning.format(value=value)}, not as a name; "
            f"write it in quotes ('{key_node.value}': ...) to use it as a construct, variable or category name",
            key_node.start_mark)


def fast_safe_load(stream):
    """Parse the project's own YAML (the config schema) with libyaml's safe loader when PyYAML has it.

    The same data as ``yaml.safe_load``, about 7x faster; for trusted files only: user files go through
    :func:`load_yaml`, which also refuses duplicate keys and typed names.
    """
    import yaml

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 -- safe loaders


def load_yaml(path, *, what: str = "YAML file"):
    """Read a YAML (or JSON) file with the safe loader; refuse Python tags and duplicate keys.

    Parameters
    ----------
    path : path
    what : str
        What the file is, for messages ("config file", "published tables").

    Raises
    ------
    UserError
        Naming the file and line: unreadable file, invalid YAML, a tag that is
        not plain data, a duplicate key.
    """
    import yaml

    path = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        raise UserError(f"cannot read the {what}: {getattr(error, 'strerror', None) or error}", file=path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise UserError(f"line {line}: byte 0x{data[error.start]:02x} is not valid UTF-8; save the {what} as "
                        "UTF-8 text", file=path) from None
    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 -- a SafeLoader subclass
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if "could not determine a constructor for the tag" in problem:
            tag = problem.split("tag", 1)[1].strip().strip("'").replace("tag:yaml.org,2002:", "!!")
            problem = (f"the YAML tag {tag} is not allowed: a {what} holds plain data only (text, numbers, "
                       "true/false, null, lists and mappings) and is read with a safe loader; tags that build "
                       "Python objects are refused")
        raise UserError(_at(mark) + problem, file=path) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise UserError(f"{_at(mark)}not valid YAML: {problem}", file=path) from None
    except (ValueError, OverflowError, RecursionError) as error:  # e.g. an integer of more than 4300 digits
        raise UserError(f"cannot read the {what}: {error}", file=path) from None


def _at(mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""


def check_config_file(path) -> dict:
    """Read a study config file safely and refuse what would make it code; return its content.

    The workflow calls this on ``config.yaml`` *before* Snakemake's own loader
    sees it, and on every ``--configfile`` (which Snakemake reads before the
    workflow starts, so there it reports what Snakemake has already done).

    Raises
    ------
    UserError
        A Python tag, a duplicate key, invalid YAML, a top level that is not a
        mapping, or ``__use_yte__`` (YTE templates evaluate Python expressions).
    """
    content = load_yaml(path, what="config file")
    if content is None:
        content = {}
    if not isinstance(content, dict):
        raise UserError(f"the config file must be a mapping of keys (data:, constructs:, paths:, ...), "
                        f"not a {type(content).__name__}", file=str(path))
    if YTE_KEY in content:
        raise UserError(f"{YTE_KEY} asks Snakemake to evaluate this file as a YTE template, whose ?-expressions "
                        "are Python code; a study config is plain data: remove the key and write the values out",
                        file=str(path), key=YTE_KEY)
    return content


def project_path_problem(value, key: str, root) -> str | None:
    """A problem line if the config path ``value`` (key ``key``) escapes the project, else ``None``.

    Relative paths are relative to the project directory ``root`` and must stay
    inside it (``../x.csv`` and ``data/../../x.csv`` are refused); an absolute
    path is accepted as the user's deliberate choice. Checked on the text, so
    a symbolic link the user made inside the project is honoured.
    """
    text = str(value)
    if "\x00" in text:
        return f"config key {key}: {text!r} contains a NUL character; expected a file path"
    if PurePath(text).is_absolute():
        return None
    normal = os.path.normpath(text)
    if normal == os.pardir or normal.startswith(os.pardir + os.sep):
        return (f"config key {key}: {text!r} points outside the project directory {Path(root).resolve()}; "
                "relative paths must stay inside the project (copy the file into it, e.g. under data/), "
                "or give an absolute path if you really mean a file elsewhere")
    return None


def input_path_problem(value, key: str, root) -> str | None:
    """A problem line if ``value`` (config key ``key``) cannot be an input file of a run, else ``None``.

    An input must stay inside the project (:func:`project_path_problem`), hold
    no brace (Snakemake formats every input path, including one an input
    function returns, with the rule's wildcards, and has no escape for a
    brace: ``{2024}`` and ``{{2024}}`` both fail as an unknown wildcard) and
    must not lie in a folder of :data:`OUTPUT_FOLDERS` (``results/``,
    ``report/``, ``.snakemake/``): the run writes there, so such an input would
    be overwritten by an output or deleted as one (issue 11). Checked on the
    text and on the path with symbolic links resolved; folder names are
    compared case-insensitively, as macOS and Windows file systems do.
    """
    problem = project_path_problem(value, key, root)
    if problem:
        return problem
    text = str(value)
    if "{" in text or "}" in text:
        return (f"config key {key}: {text!r} contains a brace ({{ or }}), which Snakemake reads as a wildcard "
                "in a file path; rename the file or folder without braces (e.g. survey_2024.csv)")
    base = Path(root).resolve()
    written = _written_folder(Path(os.path.normpath(base / text)), base)
    try:
        written = written or _written_folder((base / text).resolve(), base)
    except (OSError, RuntimeError):  # a symbolic-link loop: the file check reports the path
        pass
    if written:
        return (f"config key {key}: {text!r} lies in {written}/, a folder the pipeline writes (a run overwrites "
                f"or deletes the files there); keep input files elsewhere in the project, e.g. under data/")
    return None


def _written_folder(path: Path, base: Path) -> str | None:
    """The folder of :data:`OUTPUT_FOLDERS` that ``path`` lies in (under ``base``), else ``None``."""
    try:
        parts = path.relative_to(base).parts
    except ValueError:
        return None
    if parts and parts[0].casefold() in OUTPUT_FOLDERS:
        return parts[0]
    return None
