"""Helpers of the pipeline tests: a simulated survey and runs of the real Snakemake DAG.

The end-to-end tests run ``snakemake`` as a subprocess, exactly as a user
would, on a temporary copy of the project (Snakefile, config.yaml, workflow/,
workflow/scripts/ and data/published/), never on the working tree itself. The survey
they use is simulated here from a latent model with a fixed seed, so these
tests do not depend on the embedded default survey; the tests that check the
default survey against the published tables live in test_default_study.py.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

import run_pool_helpers

ROOT = Path(__file__).resolve().parents[2]
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))

#: Bootstrap subsamples in test runs (the default study uses 5000).
TEST_SAMPLES = 200

BLOCKS = {"KP": 6, "EC": 7, "IP": 9, "KU": 6}
PATHS = ["KP -> IP", "EC -> IP", "KP -> KU", "EC -> KU", "IP -> KU"]
PROFILE = {
    "business_type": [1, 2, 3, 4],
    "years_established": [1, 2, 3, 4],
    "revenue": [1, 2, 3],
    "ecommerce_platform": [1, 2, 3, 4, 5, 6],
}


def simulate_survey(n: int = 140, seed: int = 20260130) -> pd.DataFrame:
    """A survey in the default study's layout, simulated from a latent model.

    KP and EC are correlated exogenous constructs; IP = 0.48 KP + 0.59 EC + e;
    KU = 0.57 KP + 0.41 EC + 0.30 IP + e (the paper's rough magnitudes); each
    item is a loading-0.85 indicator of its construct, cut into 1-5 Likert
    categories. The Bukalapak category (5) of ecommerce_platform is never drawn,
    as in the paper's Table 1.
    """
    rng = np.random.default_rng(seed)
    kp = rng.standard_normal(n)
    ec = 0.3 * kp + np.sqrt(1 - 0.09) * rng.standard_normal(n)
    ip = 0.48 * kp + 0.59 * ec + 0.55 * rng.standard_normal(n)
    ku = 0.37 * kp + 0.31 * ec + 0.30 * ip + 0.6 * rng.standard_normal(n)
    latent = {"KP": kp, "EC": ec, "IP": ip, "KU": ku}
    frame = pd.DataFrame({"respondent_id": [f"S{i:03d}" for i in range(1, n + 1)]})
    for name, codes in PROFILE.items():
        allowed = [c for c in codes if not (name == "ecommerce_platform" and c == 5)]
        frame[name] = rng.choice(allowed, size=n)
    for name, k in BLOCKS.items():
        eta = latent[name] / latent[name].std()
        for i in range(1, k + 1):
            x = 0.85 * eta + np.sqrt(1 - 0.85**2) * rng.standard_normal(n)
            frame[f"{name}{i}"] = np.digitize(x, [-1.6, -0.7, 0.2, 1.1]) + 1
    return frame


def study_config(survey: str, *, samples: int = TEST_SAMPLES, chunks: int = 2, **changes) -> dict:
    """The default config.yaml, pointed at ``survey``, with a small bootstrap and no PDF.

    The PDF (LuaLaTeX, some 15 s a run) is built by the runs whose tests read it: the default study
    (``default_study_run``), the Unicode and hostile-label studies and the formative study ask for it.
    """
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["data"]["survey"] = survey
    config["bootstrap"].update(samples=samples, chunks=chunks)
    config["report"]["formats"] = ["html", "tex"]
    for key, value in changes.items():
        config[key] = value
    return config


def make_project(directory: Path, *, survey: pd.DataFrame | None = None, config: dict | None = None,
                 real_data: bool = False) -> Path:
    """Copy the project's workflow files into ``directory``; write a survey and config.yaml there.

    With ``real_data`` the embedded default survey and config.yaml are copied unchanged.
    """
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "Snakefile", directory / "Snakefile")
    for folder in ("workflow",):
        shutil.copytree(ROOT / folder, directory / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / "data" / "published").is_dir():
        shutil.copytree(ROOT / "data" / "published", directory / "data" / "published")
    if real_data:
        shutil.copytree(ROOT / "data" / "raw", directory / "data" / "raw")
        shutil.copy(ROOT / "config.yaml", directory / "config.yaml")
        return directory
    (directory / "data" / "raw").mkdir(parents=True, exist_ok=True)
    if survey is not None:
        survey.to_csv(directory / "data" / "raw" / "survey.csv", index=False, lineterminator="\n")
    config = config or study_config("data/raw/survey.csv")
    (directory / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                           encoding="utf-8")
    return directory


def _default_study(directory: Path) -> Path:
    snakemake(make_project(directory, real_data=True), "--cores", "2")
    return directory


#: The default study, shared by tests/pipeline/test_default_study.py, tests/audit/ and tests/report/.
run_pool_helpers.register("default_study", _default_study, "default_study", "study_run")


#: The steps that write results/ (each step's summary.json a target): what the chunked run is compared on.
RESULT_STEPS = ("clean", "describe", "outer", "inner", "bootstrap", "hypotheses", "mediation", "moderation", "predict",
                "fit", "audit")
#: The chunked run's bootstrap chunks and PLSpredict jobs.
CHUNKS = 3
#: The targets of the chunked run: results/ only (no figures, report, export or manifest).
RESULT_TARGETS = tuple(f"results/{step}/summary.json" for step in RESULT_STEPS)


def chunked_project(directory: Path, chunks: int = CHUNKS) -> Path:
    """A project on the simulated survey with ``chunks`` bootstrap chunks and as many PLSpredict jobs
    (``predict.chunks``): the chunked run's unless given."""
    return make_project(directory, survey=simulate_survey(),
                        config=study_config("data/raw/survey.csv", chunks=chunks, predict={"chunks": chunks}))


def _run(chunks: int, cores: int, targets: tuple[str, ...] = ()):
    """The DAG of :func:`chunked_project` in a fresh directory: ``targets``, or the whole DAG."""
    def build(directory: Path) -> Path:
        snakemake(chunked_project(directory, chunks), *targets, "--cores", str(cores))
        return directory
    return build


# The default run and the chunked run: tests/pipeline's fixtures default_run and chunked_run, tests/cluster's
# chunked_run (registered here, where every folder's tests reach them).
run_pool_helpers.register("default_run", _run(chunks=1, cores=1), "default_run")
run_pool_helpers.register("chunked_run", _run(chunks=CHUNKS, cores=2, targets=RESULT_TARGETS), "chunked_run")


def default_study_run(tmp_path_factory) -> Path:
    """The default study, unchanged (embedded survey, config.yaml: 5,000 subsamples in 4 chunks), on 2 cores.

    Run once per pytest session (``run_pool_helpers``), whichever folder's fixture asks first.
    """
    return run_pool_helpers.result("default_study", tmp_path_factory)


#: The environment of the session's start: runs made in the background do not see a test's monkeypatching.
ENVIRONMENT = dict(os.environ)


def snakemake(directory: Path, *args: str, check: bool = True, timeout: int = 900,
              path: str | None = None) -> subprocess.CompletedProcess:
    """Run the real ``snakemake`` CLI in ``directory``; targets must come before ``--configfile``.

    The environment is the session's :data:`ENVIRONMENT`, with ``path`` for ``PATH`` if given. The
    ``timeout`` (seconds) only stops a hung run: runs share the cores with the suite's background runs.
    """
    env = dict(ENVIRONMENT)
    env.pop("PYTHONPATH", None)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{path if path is not None else env.get('PATH', '')}"
    command = [SNAKEMAKE, "--directory", str(directory), "--snakefile", str(directory / "Snakefile"), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=directory)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-4000:]}\n"
                             f"{done.stderr[-6000:]}")
    return done


#: The study configuration's JSON Schema.
SCHEMA_PATH = ROOT / "workflow" / "schemas" / "config.schema.yaml"


def minimal_config(directory: Path) -> dict:
    """A three-construct study (X -> M -> Y and X -> Y; M a single item) with its survey file in ``directory``."""
    survey = directory / "data" / "raw" / "survey.csv"
    survey.parent.mkdir(parents=True)
    survey.write_text("x\n1\n")
    return {"data": {"survey": "data/raw/survey.csv"},
            "constructs": {"X": {"indicators": ["x1", "x2"]}, "M": {"indicators": ["m1"]},
                           "Y": {"indicators": ["y1", "y2"]}},
            "paths": ["X -> M", "M -> Y", "X -> Y"]}


def filled_config(config: dict) -> dict:
    """A copy of ``config`` with the schema's defaults filled in (``snakemake.utils.validate``)."""
    import copy

    from snakemake.utils import validate

    config = copy.deepcopy(config)
    validate(config, str(SCHEMA_PATH))
    return config


def two_construct_sample(n: int, seed: int = 1):
    """``(model, z)``: X -> Y, two indicators each, ``n`` standardised rows (SD with n - 1)."""
    import plssem

    model = plssem.Model.from_spec({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, ["X -> Y"])
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 1))
    data = np.hstack([x + rng.standard_normal((n, 2)), x + rng.standard_normal((n, 2))])
    return model, (data - data.mean(0)) / data.std(0, ddof=1)


def assert_measurement_and_paths_equal(run: Path, result, atol: float = 1e-12) -> None:
    """The run's loadings, weights, reliability, paths and R² equal the engine's ``result`` to ``atol``."""
    def read(name):
        return pd.read_csv(run / "results" / name)

    np.testing.assert_allclose(read("outer/loadings.csv")["loading"], result.outer_loadings, rtol=0, atol=atol)
    np.testing.assert_allclose(read("outer/loadings.csv")["weight"], result.outer_weights, rtol=0, atol=atol)
    np.testing.assert_allclose(read("outer/reliability.csv").set_index("construct"), result.reliability,
                               rtol=0, atol=atol)
    np.testing.assert_allclose(read("inner/paths.csv")["coefficient"], result.paths, rtol=0, atol=atol)
    np.testing.assert_allclose(read("inner/r2.csv").set_index("construct"), result.r2, rtol=0, atol=atol)
