"""results/provenance.json and ``python -m plssem_pipeline.verify`` on the real default run.

The run directory is a temporary copy of the project, not a git repository;
tampering happens on a further copy so the shared run stays intact.
"""
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plssem_pipeline.audit.manifest import git_state


@pytest.fixture(scope="module")
def manifest(default_study):
    return json.loads((default_study / "results/provenance.json").read_text(encoding="utf-8"))


def verify(directory: Path, *args):
    return subprocess.run([sys.executable, "-m", "plssem_pipeline.verify", "results/provenance.json", *args],
                          capture_output=True, text=True, cwd=directory, timeout=120)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_hashes_every_input_and_output(default_study, manifest):
    files = manifest["files"]
    assert set(files["inputs"]) == {"data/raw/survey.csv", "config.yaml", "data/published/nafia-komaryatin-2026.yaml"}
    assert {"Snakefile", "workflow/Snakefile", "workflow/rules/audit.smk", "workflow/rules/provenance.smk",
            "workflow/scripts/audit.py", "workflow/schemas/config.schema.yaml"} <= set(files["code"])
    on_disk = {p.relative_to(default_study).as_posix() for folder in ("results", "report")
               for p in (default_study / folder).rglob("*") if p.is_file()}
    listed = set(files["outputs"]) | set(files["other"])
    assert on_disk - listed == set(manifest["excluded"]) & on_disk
    assert "results/provenance.json" in manifest["excluded"] and "results/provenance.json" not in listed
    for group in files.values():
        for name, digest in group.items():
            assert sha256(default_study / name) == digest, name
    assert {"results/audit/consistency.csv", "results/audit/published_vs_reproduced.csv",
            "report/figures/loadings.png"} <= set(files["outputs"])
    assert any(name.startswith("results/bootstrap/chunks/") for name in files["other"])
    assert manifest["missing_outputs"] == []


def test_manifest_records_config_seed_versions_git_platform(default_study, manifest):
    from snakemake.utils import validate

    config = yaml.safe_load((default_study / "config.yaml").read_text(encoding="utf-8"))
    resolved = yaml.safe_load((default_study / "config.yaml").read_text(encoding="utf-8"))
    validate(resolved, str(default_study / "workflow" / "schemas" / "config.schema.yaml"))   # the schema's defaults
    assert manifest["config"]["constructs"] == resolved["constructs"]
    assert manifest["config"]["audit"]["tolerances"]["r2"] == 0.03          # resolved: defaults filled in
    assert manifest["config"]["algorithm"] == {"weighting": "path", "max_iter": 300, "tol": 1e-7}
    assert manifest["seed"] == config["bootstrap"]["seed"] and manifest["config_files"] == ["config.yaml"]
    assert {"python", "numpy", "pandas", "scipy", "snakemake", "plssem", "plssem_pipeline"} <= set(manifest["versions"])
    assert manifest["git"] == {"available": False, "commit": None, "dirty": None,
                               "reason": manifest["git"]["reason"]}
    assert "not a git repository" in manifest["git"]["reason"]
    assert manifest["platform"]["system"] and manifest["code_fingerprints"]["engine"].startswith("0.")
    assert manifest["root"] == ".."


def test_provenance_runs_last(default_study, manifest):
    stamp = (default_study / "results/provenance.json").stat().st_mtime
    for name in manifest["files"]["outputs"]:
        assert (default_study / name).stat().st_mtime <= stamp, name


def test_verify_passes_then_names_every_change(default_study, tmp_path):
    copy = shutil.copytree(default_study, tmp_path / "copy", symlinks=True)
    done = verify(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all" in done.stdout and "files match" in done.stdout
    (copy / "results/inner/r2.csv").write_text("construct,r2,r2_adj\nIP,0.9,0.9\n")     # tampered
    (copy / "results/outer/htmt.csv").unlink()                                           # missing
    (copy / "report/figures/extra.png").write_bytes(b"\x89PNG")                         # new
    (copy / "data/raw/survey.csv").write_bytes((copy / "data/raw/survey.csv").read_bytes() + b"\n")  # input
    done = verify(copy)
    assert done.returncode == 1
    lines = [line.split() for line in done.stdout.splitlines()[1:] if not line.strip().startswith("note")]
    assert sorted(line[:2] for line in lines) == [
        ["changed", "data/raw/survey.csv"], ["changed", "results/inner/r2.csv"],
        ["edited", "results/inner/r2.csv"],        # the chain: differs from what rule inner recorded
        ["missing", "results/outer/htmt.csv"], ["new", "report/figures/extra.png"]]
    assert "5 difference(s)" in done.stdout


def test_verify_root_option_and_bad_manifest(default_study, tmp_path):
    done = subprocess.run([sys.executable, "-m", "plssem_pipeline.verify",
                           str(default_study / "results/provenance.json"), "--root", str(default_study)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout
    (tmp_path / "results").mkdir()
    (tmp_path / "results/provenance.json").write_text("{not json")
    done = verify(tmp_path)
    assert done.returncode == 2 and "not a JSON manifest" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "plssem_pipeline.verify", str(tmp_path / "nothing.json")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "cannot read the manifest" in done.stderr


def test_git_state_in_a_repository(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    run = lambda *a: subprocess.run(["git", *env, "-C", str(tmp_path), *a], check=True,  # noqa: E731
                                    capture_output=True, text=True)
    run("init", "-q")
    (tmp_path / "config.yaml").write_text("a: 1\n")
    run("add", "config.yaml")
    run("commit", "-q", "-m", "first")
    state = git_state(tmp_path)
    assert state["available"] and len(state["commit"]) == 40 and state["dirty"] is False
    (tmp_path / "results").mkdir()
    (tmp_path / "results/new.csv").write_text("x\n")          # untracked (generated) files do not count
    assert git_state(tmp_path)["dirty"] is False
    (tmp_path / "config.yaml").write_text("a: 2\n")
    state = git_state(tmp_path)
    assert state["dirty"] is True and state["changed"] == ["config.yaml"]
