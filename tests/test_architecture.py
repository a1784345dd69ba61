"""The shape of the code: what the layout promises a reader (README, "What is where").

* no source file over 400 lines;
* the engine (``src/plssem``) imports neither Snakemake nor the pipeline;
* the pipeline package has no import cycles (module-level or deferred imports alike);
* every Snakemake rule that runs a script (the default workflow's, and those of ``workflow/corpus.smk``) has its
  step module ``plssem_pipeline.steps.<rule>`` and its script ``workflow/scripts/<rule>.py``, and every step
  module is a rule's;
* every Python file under ``tests/`` has a name no other test folder uses (the folders are not packages: pytest
  imports each file by its base name, and a second ``test_corpus.py`` stops the collection of the whole suite).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
MAX_LINES = 400
#: Modules of plssem_pipeline.steps that are shared by the step modules, not steps themselves.
STEP_HELPERS = {"__init__", "runner", "estimation_step"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (``from . import x`` resolved to ``pkg.x`` when x is one)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _sources(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


@pytest.mark.parametrize("path", _sources("plssem") + _sources("plssem_pipeline"),
                         ids=lambda p: str(p.relative_to(SRC)))
def test_no_source_file_over_the_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines (limit {MAX_LINES}): split it"


def test_engine_imports_neither_snakemake_nor_the_pipeline():
    offending = {str(p.relative_to(SRC)): sorted(m for m in _imports(p) if m.split(".")[0] in
                                                 ("snakemake", "plssem_pipeline"))
                 for p in _sources("plssem")}
    assert not {k: v for k, v in offending.items() if v}


def test_pipeline_has_no_import_cycles():
    modules = {_module_name(p): p for p in _sources("plssem_pipeline")}
    graph = {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}
    # a package's __init__ importing its own submodules is how a package exposes them, not a cycle
    graph = {name: {m for m in deps if not (modules[name].name == "__init__.py" and m.startswith(name + "."))}
             for name, deps in graph.items()}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


#: Workflows beside the default one (workflow/Snakefile and its rules/): their script rules follow the same triple.
OTHER_WORKFLOWS = ("corpus.smk",)


def _script_rules(smk: Path) -> list[tuple[str, str]]:
    """``(rule, script)`` of every rule of ``smk`` with a ``script:`` directive (a rule with ``shell:`` has none)."""
    found = []
    for chunk in re.split(r"^(?=rule \w+:)", smk.read_text(encoding="utf-8"), flags=re.M):
        rule = re.match(r"rule (\w+):", chunk)
        script = re.search(r"^    script:\s*\n\s*\"(?:\.\./)?scripts/(\w+)\.py\"", chunk, flags=re.M)
        if rule and script:
            found.append((rule.group(1), script.group(1)))
    return found


def test_every_rule_has_its_step_module_and_script():
    rules = set()
    workflows = sorted((ROOT / "workflow" / "rules").glob("*.smk")) + [ROOT / "workflow" / w for w in OTHER_WORKFLOWS]
    for smk in workflows:
        for rule, script in _script_rules(smk):
            assert rule == script, f"{smk.name}: rule {rule} runs workflow/scripts/{script}.py"
            rules.add(rule)
    steps = {p.stem for p in (SRC / "plssem_pipeline" / "steps").glob("*.py")} - STEP_HELPERS
    scripts = {p.stem for p in (ROOT / "workflow" / "scripts").glob("*.py")}
    assert rules == steps == scripts, (rules, steps, scripts)
    for rule in rules:
        script = (ROOT / "workflow" / "scripts" / f"{rule}.py").read_text(encoding="utf-8")
        assert f"from plssem_pipeline.steps import {rule}\n" in script and f"run({rule}.main, snakemake)" in script


def test_test_file_names_are_unique_across_folders():
    names: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name != "conftest.py" and "fixtures" not in path.relative_to(ROOT).parts:
            names.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert {name: where for name, where in names.items() if len(where) > 1} == {}
