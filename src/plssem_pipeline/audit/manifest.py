"""The run manifest, ``results/provenance.json``, and its verification.

The last rule of the DAG (``provenance``) writes one manifest for the whole
run: the SHA-256 of every input (survey, config files, published tables), of
the workflow code (Snakefile, rules, schema, scripts), of every file under
``results/`` and ``report/``; the full resolved configuration, the seed, the
package versions and code fingerprints, the git commit and whether the working
tree had uncommitted changes, and the platform. Paths are relative to the
project directory (the manifest's ``root``, relative to the manifest itself),
so a results folder copied elsewhere with its project still verifies.

:func:`verify_manifest` re-hashes everything and names each file that
changed, is missing, or is new under the walked folders, and checks the steps'
chain (:func:`plssem_pipeline.audit.chain.verify_chain`: each results file
against its producer's summary, each step's inputs against what their
producers wrote), which a rerun after a hand edit cannot launder;
``python -m plssem_pipeline.verify results/provenance.json`` is its command
line. Like the step summaries, the manifest has no timestamps: the same files
give the same manifest.
"""
from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .provenance import _plain, package_versions, sha256_file

__all__ = ["MANIFEST_VERSION", "MANIFEST_PATH", "FILE_GROUPS", "WALKED", "verify_command", "git_state",
           "platform_info", "hash_files", "walk", "build_manifest",
           "Verification", "verify_manifest"]

MANIFEST_VERSION = 1
#: Where the workflow writes the manifest (``rules/provenance.smk``), relative to the project directory.
MANIFEST_PATH = "results/provenance.json"
#: The groups of ``files`` in a manifest.
FILE_GROUPS = ("inputs", "code", "outputs", "other")
#: Folders whose every file the manifest lists (and in which verification looks for new files).
WALKED = ("results", "report")
#: Workflow code hashed into the manifest (globs relative to the project directory).
CODE_GLOBS = ("Snakefile", "workflow/Snakefile", "workflow/rules/*.smk", "workflow/schemas/*", "workflow/templates/**/*",
              "workflow/scripts/*.py")


def verify_command(manifest: str = MANIFEST_PATH) -> str:
    """The command line that verifies a manifest (:mod:`plssem_pipeline.verify`), as manifest and report print it.

    Parameters
    ----------
    manifest : str
        The manifest's path relative to the project directory.

    Returns
    -------
    str
        ``python -m plssem_pipeline.verify results/provenance.json`` by default.
    """
    return f"python -m plssem_pipeline.verify {manifest}"


def git_state(root) -> dict:
    """Commit and dirtiness of the git work tree containing ``root``; says why when there is none.

    ``dirty`` is true when tracked files differ from the commit (``git status
    --porcelain --untracked-files=no``; generated folders are untracked and
    ignored); ``changed`` lists up to 50 of them.
    """
    def git(*args):
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)

    try:
        top = git("rev-parse", "--show-toplevel")
    except (OSError, subprocess.SubprocessError) as error:
        return {"available": False, "reason": f"git not usable: {error}", "commit": None, "dirty": None}
    if top.returncode != 0:
        reason = (top.stderr.strip().splitlines() or ["not a git repository"])[-1]
        reason = reason.removeprefix("fatal: ")
        return {"available": False, "reason": reason, "commit": None, "dirty": None}
    head = git("rev-parse", "HEAD")
    if head.returncode != 0:
        return {"available": False, "reason": "git repository without commits", "commit": None, "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=no")
    changed = [line[3:] for line in status.stdout.splitlines() if line.strip()]
    return {"available": True, "commit": head.stdout.strip(), "dirty": bool(changed), "changed": changed[:50],
            "branch": (git("rev-parse", "--abbrev-ref", "HEAD").stdout.strip() or None)}


def platform_info() -> dict:
    """Operating system, machine and Python build."""
    return {"system": platform.system(), "release": platform.release(), "platform": platform.platform(),
            "machine": platform.machine(), "python_implementation": platform.python_implementation(),
            "python_build": " ".join(platform.python_build()), "cpu_count": os.cpu_count()}


def _relative(path, root: Path) -> str:
    path = Path(path)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def hash_files(paths: Iterable, root) -> dict[str, str]:
    """``relative path -> SHA-256`` of existing files, sorted by path."""
    root = Path(root)
    out = {}
    for path in paths:
        full = path if Path(path).is_absolute() else root / path
        if Path(full).is_file():
            out[_relative(full, root)] = sha256_file(full)
    return dict(sorted(out.items()))


def walk(root, folders: Sequence[str] = WALKED, exclude: Iterable[str] = ()) -> list[str]:
    """Every file under ``folders`` of ``root`` (relative POSIX paths, sorted), less ``exclude``."""
    root = Path(root)
    skip = set(exclude)
    found = []
    for folder in folders:
        base = root / folder
        if base.is_dir():
            found += [p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()]
    return sorted(f for f in found if f not in skip)


def code_files(root) -> list[str]:
    """The workflow code files that exist under ``root`` (:data:`CODE_GLOBS`)."""
    root = Path(root)
    files = {p.relative_to(root).as_posix() for pattern in CODE_GLOBS for p in root.glob(pattern) if p.is_file()}
    return sorted(f for f in files if "__pycache__" not in f)


def build_manifest(*, root, manifest_path, inputs: Iterable, declared_outputs: Iterable, config: Mapping,
                   config_files: Sequence[str], seed, fingerprints: Mapping[str, str], exclude: Iterable[str] = ()) -> dict:
    """The run manifest (see the module docstring).

    Parameters
    ----------
    root : path
        Project directory (the working directory of the run).
    manifest_path : path
        Where the manifest will be written (left out of the hashes, as are ``exclude``).
    inputs : iterable of path
        The run's input files (survey, config files, published tables).
    declared_outputs : iterable of path
        The files ``rule all`` asks for; every other file found under results/ and report/ is listed under
        ``files.other`` (logs, benchmarks, bootstrap chunks, files of earlier runs).
    """
    root = Path(root)
    manifest_rel = _relative(manifest_path, root)
    skip = {manifest_rel, *(_relative(p, root) for p in exclude)}
    declared = {_relative(p, root) for p in declared_outputs} - skip
    found = walk(root, WALKED, skip)
    outputs = hash_files(sorted(declared | {f for f in found if f in declared}), root)
    other = hash_files([f for f in found if f not in declared], root)
    return {
        "manifest_version": MANIFEST_VERSION,
        "root": os.path.relpath(root.resolve(), Path(manifest_path).resolve().parent).replace(os.sep, "/"),
        "walked": list(WALKED),
        "excluded": sorted(skip),
        "files": {
            "inputs": hash_files(inputs, root),
            "code": hash_files(code_files(root), root),
            "outputs": outputs,
            "other": other,
        },
        "missing_outputs": sorted(declared - set(outputs)),
        "config": _plain(config),
        "config_files": [str(c) for c in config_files],
        "seed": seed,
        "versions": package_versions(),
        "code_fingerprints": _plain(fingerprints),
        "git": git_state(root),
        "platform": platform_info(),
        "verify": verify_command(manifest_rel),
    }


@dataclass
class Verification:
    """What :func:`verify_manifest` found; ``ok`` when nothing differs."""

    root: Path
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)   # breaks in the steps' chain (:mod:`.chain`)

    @property
    def ok(self) -> bool:
        """No file changed, went missing or appeared, and the chain holds (notes do not count)."""
        return not (self.changed or self.missing or self.new or self.chain)

    def report(self, manifest: str) -> str:
        """Human-readable lines: one per difference, then notes."""
        lines = []
        for kind, names in (("changed", self.changed), ("missing", self.missing), ("new", self.new)):
            lines += [f"  {kind:<8} {name}" for name in names]
        lines += [f"  {line}" for line in self.chain]
        head = (f"{manifest}: all {self.checked} files match (root {self.root})" if self.ok else
                f"{manifest}: {len(lines)} difference(s) in {self.checked} files (root {self.root}):")
        notes = [f"  note     {line}" for line in self.notes]
        return "\n".join([head, *lines, *notes])


def verify_manifest(manifest: Mapping, manifest_path, *, root=None) -> Verification:
    """Re-hash every file of ``manifest`` and look for new files under its walked folders.

    Differences are files that changed, are missing or are new; the installed
    packages' code fingerprints and versions are compared too, as notes (they
    live outside the project, and a changed engine does not change the files).

    Parameters
    ----------
    manifest : mapping
        The parsed ``provenance.json``.
    manifest_path : path
        Its location (its ``root`` is relative to it).
    root : path, optional
        Project directory, overriding the manifest's.
    """
    from .chain import verify_chain
    from .fingerprint import package_fingerprint

    manifest_path = Path(manifest_path)
    root = Path(root) if root is not None else (manifest_path.parent / manifest.get("root", "..")).resolve()
    result = Verification(root=root)
    listed: dict[str, str] = {}
    for group in FILE_GROUPS:
        listed.update(manifest.get("files", {}).get(group, {}))
    result.checked = len(listed)
    for name, digest in sorted(listed.items()):
        path = root / name
        if not path.is_file():
            result.missing.append(name)
        elif sha256_file(path) != digest:
            result.changed.append(name)
    skip = set(manifest.get("excluded", [])) | {_relative(manifest_path, root)}
    result.new = [f for f in walk(root, manifest.get("walked", WALKED), skip) if f not in listed]
    result.chain = verify_chain(root)   # each step's inputs against what their producers recorded
    for package, recorded in (manifest.get("code_fingerprints") or {}).items():
        name = {"engine": "plssem", "pipeline": "plssem_pipeline"}.get(package, package)
        try:
            current = package_fingerprint(name)
        except (ValueError, ImportError):
            current = None
        if current != recorded:
            result.notes.append(f"package {name} code {recorded} at the run, {current or 'not importable'} now")
    now = package_versions()
    for package, version in (manifest.get("versions") or {}).items():
        if now.get(package) != version:
            result.notes.append(f"{package} {version} at the run, {now.get(package, 'not installed')} now")
    return result
