"""Safe execution: config and data are data, never code, and config paths stay in the project.

* YAML is read with a safe loader everywhere (the code is grepped for any
  other loader) and a ``!!python/...`` tag, a YTE template or a duplicate key
  in a config or published-tables file is refused with the file and line;
* no shell command is built from config values (no ``shell:`` rule
  interpolates config or params; no ``shell=True``/``os.system`` in the code);
* relative config paths that climb out of the project are refused naming the
  key; an absolute path is the user's deliberate choice and is accepted.
"""
import re
from pathlib import Path

import pytest

from pipeline_helpers import ROOT
from plssem_pipeline.study import safety
from plssem_pipeline.errors import UserError

CODE = [p for folder in ("src", "workflow") for p in (ROOT / folder).rglob("*")
        if p.is_file() and (p.suffix in (".py", ".smk") or p.name == "Snakefile")] + [ROOT / "Snakefile"]


# ----------------------------------------------------------------------------- YAML


@pytest.mark.parametrize("text, message", [
    ("a: 1\nb: !!python/object/apply:os.system ['touch x']\n",
     "line 2, column 4: the YAML tag !!python/object/apply:os.system is not allowed"),
    ("a: !!python/object/new:os.system ['touch x']\n", "the YAML tag !!python/object/new:os.system is not allowed"),
    ("a: !!python/object:argparse.Namespace {x: 1}\n", "the YAML tag !!python/object:argparse.Namespace"),
    ("a: !!python/name:os.system\n", "the YAML tag !!python/name:os.system is not allowed"),
    ("a: !!python/tuple [1, 2]\n", "the YAML tag !!python/tuple is not allowed"),
    ("a: 1\nb: {c: 1, c: 2}\n", "line 2, column 11: key 'c' appears twice in one mapping (first at line 2)"),
    ("a: [1\n", "not valid YAML"),
    # issue 11 (4): YAML 1.1 reads these keys as booleans or null; a key is a name
    ("constructs:\n  NO: {label: x}\n", "line 2, column 3: the key NO is read by YAML 1.1 as the boolean False, "
     "not as a name; write it in quotes ('NO': ...)"),
    ("respondents:\n  owner:\n    categories: {yes: Owner, Off: Manager}\n",
     "line 3, column 18: the key yes is read by YAML 1.1 as the boolean True"),
    ("constructs:\n  ~: {label: x}\n", "the key ~ is read by YAML 1.1 as null (no value)"),
    ("a: {null: 1}\n", "the key null is read by YAML 1.1 as null"),
    # aliases: nested ones expand exponentially ("billion laughs"); refused at the first one
    ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "line 2, column 8: the alias *a repeats a block "
     "marked &a; anchors and aliases are not allowed here"),
    ("base: &base {min: 1, max: 5}\nscale: *base\n", "the alias *base repeats a block marked &base"),
    ("a: 1\n\xff\n", "line 2: byte 0xc3"),
])
def test_load_yaml_refuses_code_and_ambiguity(tmp_path, text, message):
    path = tmp_path / "file.yaml"
    path.write_bytes(text.encode("utf-8") if "\xff" not in text else b"a: 1\n\xc3\x28\n")
    with pytest.raises(UserError) as info:
        safety.load_yaml(path, what="config file")
    assert message in str(info.value) and str(info.value).startswith(str(path))


def test_load_yaml_reads_plain_data(tmp_path):
    path = tmp_path / "file.yaml"
    path.write_text("a: 1\nb: [x, 2.5, null, true]\nc: {1: Food, '2': Fashion}\nd: {'NO': 1, \"on\": 2, 'null': 3}\n",
                    encoding="utf-8")
    assert safety.load_yaml(path) == {"a": 1, "b": ["x", 2.5, None, True], "c": {1: "Food", "2": "Fashion"},
                                      "d": {"NO": 1, "on": 2, "null": 3}}


def test_alias_bomb_refused_quickly(tmp_path):
    """Nine levels of nine aliases would expand to 9**9 items; refused at the first alias, in well under a second."""
    import time

    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"] + [
        f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 9)}]" for k in range(1, 10)]
    path = tmp_path / "config.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(UserError, match=re.escape("the alias *l0 repeats a block marked &l0")):
        safety.check_config_file(path)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("text, message", [
    ("__use_yte__: true\na: ?__import__('os').getcwd()\n", "config key __use_yte__: __use_yte__ asks Snakemake"),
    ("- 1\n- 2\n", "must be a mapping of keys"),
])
def test_config_file_refused(tmp_path, text, message):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=re.escape(message)):
        safety.check_config_file(path)


def test_the_project_config_and_published_tables_read_safely():
    config = safety.check_config_file(ROOT / "config.yaml")
    assert "constructs" in config
    if config.get("published"):
        assert safety.load_yaml(ROOT / config["published"]) is not None


def _calls(pattern):
    return [(p.relative_to(ROOT), i + 1, line.strip()) for p in CODE
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()) if re.search(pattern, line)]


def test_no_unsafe_yaml_loader_in_the_code():
    assert _calls(r"yaml\.(unsafe_load|full_load|load_all)\b|Loader\s*=\s*yaml\.(Loader|FullLoader|UnsafeLoader)"
                  r"|\bUnsafeLoader\b|\bFullLoader\b") == []
    # yaml.load itself only in safety.py: with the SafeLoader subclass (user files) or, for the project's own
    # schema (fast_safe_load), libyaml's CSafeLoader with PyYAML's SafeLoader as the fallback
    assert [c for c in _calls(r"yaml\.load\(") if c[0].name != "safety.py"] == []
    safe = ("Loader=_loader()", 'Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)')
    assert all(any(loader in line for loader in safe) for _, _, line in _calls(r"yaml\.load\("))


# ----------------------------------------------------------------------------- shell


def _directive_blocks(text: str, directive: str):
    """The text of every ``directive:`` block of a Snakefile (up to the next directive or rule)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"\s+{directive}:", line):
            indent = len(line) - len(line.lstrip())
            block = [line]
            for following in lines[i + 1:]:
                if following.strip() and len(following) - len(following.lstrip()) <= indent:
                    break
                block.append(following)
            yield "\n".join(block)


def test_no_shell_rule_interpolates_config():
    snakefiles = [p for p in CODE if p.suffix == ".smk" or p.name == "Snakefile"]
    assert len(snakefiles) >= 8
    for path in snakefiles:
        for block in _directive_blocks(path.read_text(encoding="utf-8"), "shell"):
            assert not re.search(r"\{(config|params)", block), f"{path}: {block}"
            assert "config[" not in block and "format(" not in block, f"{path}: {block}"


def test_no_shell_in_python_code():
    assert _calls(r"shell\s*=\s*True|os\.system\(|os\.popen\(|subprocess\.getoutput|commands\.getoutput") == []
    # every subprocess call passes an argument list, never a command string
    for path, number, line in _calls(r"subprocess\.(run|Popen|call|check_call|check_output)\("):
        assert not re.search(r"subprocess\.\w+\(\s*f?[\"']", line), f"{path}:{number}: {line}"


# ----------------------------------------------------------------------------- paths


@pytest.mark.parametrize("value, refused", [
    ("../survey.csv", True), ("data/../../survey.csv", True), ("..", True), ("data/raw/../../../etc/passwd", True),
    ("data/raw/survey.csv", False), ("./data/raw/survey.csv", False), ("data/raw/../raw/survey.csv", False),
    ("/srv/surveys/survey.csv", False), ("survey..csv", False), ("a\x00b", True),
])
def test_project_paths(value, refused, tmp_path):
    problem = safety.project_path_problem(value, "data.survey", tmp_path)
    assert (problem is not None) == refused, problem
    if refused:
        assert problem.startswith("config key data.survey: ")


@pytest.mark.parametrize("value, folder", [
    ("results/clean/survey.csv", "results"), ("results/outer/loadings.csv", "results"), ("report/results.html", "report"),
    ("./results/../report/figures/htmt.png", "report"), ("Results/clean/survey.csv", "Results"),
    (".snakemake/log/x.csv", ".snakemake"), ("data/raw/survey.csv", None), ("data/results/survey.csv", None),
    ("results_2024.csv", None), ("data/../results/x.csv", "results"),
])
def test_input_paths_outside_the_outputs(value, folder, tmp_path):
    """Issue 11 (1): an input in a folder the run writes is refused naming the key and the folder."""
    problem = safety.input_path_problem(value, "data.survey", tmp_path)
    assert (problem is not None) == (folder is not None), problem
    if folder:
        assert problem.startswith(f"config key data.survey: {value!r} lies in {folder}/, a folder the pipeline writes")
    # an absolute path into the project's outputs, and a symbolic link to one, are refused as well
    if folder == "results":
        assert safety.input_path_problem(str(tmp_path / value), "published", tmp_path) is not None
        (tmp_path / "results").mkdir(exist_ok=True)
        (tmp_path / "link.csv").symlink_to(tmp_path / "results" / "x.csv")
        assert "lies in results/" in safety.input_path_problem("link.csv", "published", tmp_path)


@pytest.mark.parametrize("value", ["data/raw/survey{2024}.csv", "data/{{2024}}/survey.csv", "data/a}b.csv",
                                   "data/{x,\\d+}.csv", "/srv/{study}/survey.csv"])
def test_input_paths_without_braces(value, tmp_path):
    """Issue 11 (3): Snakemake reads a brace in an input path as a wildcard, escaped or not: refused naming the key."""
    problem = safety.input_path_problem(value, "data.survey", tmp_path)
    assert problem == (f"config key data.survey: {value!r} contains a brace ({{ or }}), which Snakemake reads as a "
                       "wildcard in a file path; rename the file or folder without braces (e.g. survey_2024.csv)")


# ----------------------------------------------------------------------------- the real workflow


def test_hostile_config_files_are_refused_before_anything_runs(snakemake_runs):
    expected = {
        "python_tag_in_config_yaml": re.compile(r"Error: config\.yaml: line \d+, column 8: the YAML tag "
                                                r"!!python/object/apply:os\.system is not allowed"),
        "yte_template_in_config_yaml": "Error: config.yaml, config key __use_yte__: __use_yte__ asks Snakemake "
                                       "to evaluate this file as a YTE template",
        # Snakemake itself reads a --configfile, with a loader that refuses python/object tags
        "python_tag_in_configfile": "Config file is not valid JSON or YAML",
        "python_tag_in_published": "config key published: data/published/evil.yaml: line 1, column 9: the YAML "
                                   "tag !!python/object/apply:os.system is not allowed",
        "boolean_construct_key": re.compile(r"Error: config\.yaml: line \d+, column 3: the key NO is read by YAML 1\.1 "
                                            r"as the boolean False, not as a name; write it in quotes \('NO': \.\.\.\)"),
        "alias_bomb_in_configfile": re.compile(r"Error: \S*study\.yaml: line \d+, column \d+: the alias \*lol0 repeats a "
                                               r"block marked &lol0; anchors and aliases are not allowed here"),
        "mapping_bomb_in_config_yaml": re.compile(r"Error: config\.yaml: line \d+, column \d+: the alias \*m0 repeats "
                                                  r"a block marked &m0; anchors and aliases are not allowed here"),
    }
    for name, message in expected.items():
        done = snakemake_runs[name]
        assert done.process.returncode == 1, (name, done.output[-2000:])
        said = done.output if name == "python_tag_in_configfile" else done.process.stderr  # Snakemake: stdout
        found = message.search(said) if isinstance(message, re.Pattern) else message in said
        assert found, (name, said[-2000:])
        assert "Traceback" not in done.output, name
        assert not done.marker_exists, f"{name}: the hostile YAML ran code"
        assert not (done.directory / "results").exists(), name


def test_absolute_survey_path_is_the_users_choice(tmp_path):
    """An absolute path outside the project passes the config checks (the user's deliberate choice)."""
    import copy

    from snakemake.utils import validate

    from badinput_corpus import SCHEMA_PATH, Table
    from pipeline_helpers import study_config
    from plssem_pipeline import study

    outside = tmp_path / "elsewhere" / "survey.csv"
    outside.parent.mkdir()
    outside.write_bytes(Table.base().bytes())
    (tmp_path / "project").mkdir()
    config = study_config(str(outside), samples=20, chunks=1)
    config["published"] = None
    assert study.schema_problems(config, study.load_schema(SCHEMA_PATH)) == []
    validate(config, str(SCHEMA_PATH))
    model = study.check_semantics(copy.deepcopy(config), root=tmp_path / "project")
    assert model.construct_names == ("KP", "EC", "IP", "KU")


def test_config_paths_escaping_the_project_are_refused_by_the_workflow(snakemake_runs):
    done = snakemake_runs["survey_outside_project"]
    assert "config key data.survey: '../survey.csv' points outside the project directory" in done.process.stderr
