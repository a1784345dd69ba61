"""The Monte Carlo power analysis (config ``power``): its settings and their checks.

* :func:`power_settings` — the ``power`` section as the rules and steps use it (defaults filled in, the sample
  sizes sorted, ``alpha``/``seed`` from ``bootstrap`` when null, the significance rule of ``mediation``);
* :func:`power_problems` — what the schema cannot say about it, each message naming its key.

The population is ``estimated`` (the model-implied correlations of the model estimated on the survey:
:func:`plssem.population.from_estimates`) or given as paths and loadings (a study being planned has no data:
:func:`plssem.population.from_parameters`). Replications are split into ``chunks`` jobs per sample size;
replication r of sample size n depends on (seed, n, r) alone, so the results are identical for any chunking.
"""
from __future__ import annotations

from collections.abc import Mapping

__all__ = ["POWER_DEFAULTS", "REPLICATIONS_PER_CHUNK", "DRAWN_WITH", "chunk_count", "power_settings", "drawn_with", "power_problems", "population_parameters"]

#: Defaults of the keys of config ``power`` (the schema cannot fill them in: its defaults would be written into
#: the section left null, its default). ``alpha`` and ``seed`` null take ``bootstrap.alpha`` / ``bootstrap.seed``.
POWER_DEFAULTS = {"n": [50, 100, 150, 200, 300], "replications": 1000, "alpha": None, "target": 0.8,
                  "test": "bootstrap", "samples": 500, "population": "estimated", "seed": None, "chunks": None}

#: ``power.chunks: null`` (the default) gives one job per this many replications of a sample size, rounded up: the
#: issue's 5 × 1000 replications are 20 jobs (enough to keep a node's cores or a few nodes busy), each about 250 ×
#: 501 estimations (some 10 CPU seconds on the example model at n = 200, benchmarks/README.md: a job's start-up of a
#: second or two is then small), and a small local run (up to 250 replications) one job per sample size.
REPLICATIONS_PER_CHUNK = 250


#: The settings a replication's draws depend on: rule power_chunk's (not the grid, the chunking, the target or the
#: hypotheses, so that changing those re-runs no chunk). The bootstrap's ``samples`` and ``significance`` only for
#: ``test: bootstrap``.
DRAWN_WITH = ("replications", "alpha", "tails", "test", "samples", "significance", "population", "seed")
BOOTSTRAP_ONLY = ("samples", "significance")


def chunk_count(power: Mapping) -> int:
    """Jobs per sample size: ``power.chunks``, or one per :data:`REPLICATIONS_PER_CHUNK` replications when null."""
    replications = int(power["replications"])
    if power["chunks"] is None:
        return -(-replications // REPLICATIONS_PER_CHUNK)
    return int(power["chunks"])


def drawn_with(settings: Mapping) -> dict:
    """The :func:`power_settings` of :data:`DRAWN_WITH`, as rule power_chunk gets them and a chunk records them
    (without :data:`BOOTSTRAP_ONLY` for ``test: normal``, so that changing them re-runs no normal-test chunk)."""
    return {key: settings[key] for key in DRAWN_WITH
            if settings["test"] == "bootstrap" or key not in BOOTSTRAP_ONLY}


def _canonical_path(text) -> str:
    """``"A->B"`` / ``" A ->  B "`` as ``"A -> B"``; a correlation ``"A <-> B"`` likewise."""
    arrow = "<->" if "<->" in str(text) else "->"
    return f" {arrow} ".join(part.strip() for part in str(text).split(arrow))


def population_parameters(population: Mapping) -> dict:
    """A given population (config ``power.population``) as :func:`plssem.population.from_parameters`' keywords.

    Paths and correlations are written ``"A -> B"`` / ``"A <-> B"`` with single spaces; loadings as given
    (a construct's one loading, or indicator -> loading).
    """
    return {"paths": {_canonical_path(k): float(v) for k, v in (population.get("paths") or {}).items()},
            "loadings": {str(k): (float(v) if not isinstance(v, Mapping) else {str(i): float(x) for i, x in v.items()})
                         for k, v in (population.get("loadings") or {}).items()},
            "correlations": {_canonical_path(k): float(v) for k, v in (population.get("correlations") or {}).items()}}


def power_settings(config: Mapping) -> dict | None:
    """The ``power`` section as the steps use it (plain data, a Snakemake ``params`` value); None without it.

    Returns
    -------
    dict or None
        ``n`` (sorted ascending), ``replications``, ``alpha`` (``bootstrap.alpha`` when null), ``tails``
        (``bootstrap.tails``), ``target``, ``test``, ``samples``, ``significance`` (``"interval"`` or
        ``"p_value"``, from ``mediation.significance``), ``population`` (``"estimated"`` or
        :func:`population_parameters`), ``seed`` (``bootstrap.seed`` when null), ``chunks`` (:func:`chunk_count`; at most
        ``replications``), ``hypothesised`` (the effects of the study's hypotheses, ``"A -> B"``), ``study_ci``
        and ``study_sign_change`` (``bootstrap.ci``/``sign_change``: the power analysis decides by the percentile
        interval with no sign change whatever they are) and ``survey`` (``data.survey`` for an estimated
        population, else None).
    """
    from .hypotheses import hypotheses_from_config

    if config.get("power") is None:
        return None
    power = {**POWER_DEFAULTS, **config["power"]}
    boot = config["bootstrap"]
    significance = (config.get("mediation") or {}).get("significance", "confidence_interval")
    population = power["population"]
    replications = int(power["replications"])
    return {"n": sorted(int(n) for n in power["n"]), "replications": replications,
            "alpha": float(power["alpha"] if power["alpha"] is not None else boot["alpha"]),
            "tails": int(boot.get("tails", 2)), "target": float(power["target"]), "test": str(power["test"]),
            "samples": int(power["samples"]),
            "significance": "p_value" if significance == "p_value" else "interval",
            "population": population_parameters(population) if isinstance(population, Mapping) else "estimated",
            "seed": int(power["seed"] if power["seed"] is not None else boot["seed"]),
            "chunks": max(1, min(chunk_count(power), replications)),
            "hypothesised": [h.path for h in hypotheses_from_config(config)],
            # what the study's own bootstrap decides with, beside the power analysis' percentile interval and no
            # sign change (a BCa interval would need each replication's jackknife): stated, not simulated
            "study_ci": str(boot.get("ci", "percentile")), "study_sign_change": str(boot.get("sign_change", "none")),
            "survey": str(config["data"]["survey"]) if not isinstance(population, Mapping) else None}


def _grid_problems(power: Mapping, need: int, why: str) -> list[str]:
    problems, seen = [], set()
    for i, n in enumerate(power["n"]):
        if n in seen:
            problems.append(f"config key power.n[{i}]: sample size {n} is listed twice; list each once")
        seen.add(n)
        if n < need:
            problems.append(f"config key power.n[{i}]: sample size {n} is below the {need} respondents the model "
                            f"needs ({why})")
    return problems


def _count_problems(power: Mapping, max_samples: int, max_chunks: int) -> list[str]:
    problems = []
    if power["chunks"] is not None and power["chunks"] > power["replications"]:
        problems.append(f"config key power.chunks: {power['chunks']} chunks for {power['replications']} replications "
                        "(power.replications); use at most one chunk per replication")
    jobs = chunk_count(power) * len(power["n"])
    if jobs > max_chunks:
        problems.append(f"config key power.chunks: {power['chunks']} chunks for each of {len(power['n'])} sample "
                        f"sizes are {jobs} jobs; at most {max_chunks} in all")
    if power["replications"] > max_samples:
        problems.append(f"config key power.replications: {power['replications']} replications; at most "
                        f"{max_samples:,}")
    return problems


def _alpha_problems(power: Mapping, boot: Mapping) -> list[str]:
    """A one-tailed test (``bootstrap.tails: 1``) decides on the ``1 - 2α`` interval, so needs α < 0.5
    (:func:`plssem.power.power_chunk` raises a bare ValueError otherwise)."""
    if power["alpha"] is not None and int(boot.get("tails", 2)) == 1 and not power["alpha"] < 0.5:
        return [f"config key power.alpha: a one-tailed test (bootstrap.tails: 1) needs alpha below 0.5, got "
                f"{power['alpha']}"]
    return []      # a null power.alpha takes bootstrap.alpha, which its own check holds below 0.5 one-tailed


def _named_problems(kind: str, given, known, key: str, what: str) -> list[str]:
    return [f"config key {key}: {kind} {name!r} is not {what} (known: {', '.join(known) or 'none'})"
            for name in given if name not in known]


def _population_problems(population: Mapping, model, algorithm: Mapping) -> list[str]:
    """Paths, loadings and correlations of a given population that do not match ``model``; then the engine's
    refusals (:func:`plssem.population.from_parameters`: a loading of 1 or more, an R² of 1 or more, a population
    that is not positive definite) under ``power.population``."""
    from plssem import ModelError
    from plssem.population import from_parameters

    from .model import algorithm_options

    given = population_parameters(population)
    paths = [f"{s} -> {t}" for s, t in model.paths]
    constructs = [c.name for c in model.constructs]
    problems = _named_problems("path", given["paths"], paths, "power.population.paths", "a path of the model")
    missing = [path for path in paths if path not in given["paths"]]
    if missing:
        problems.append(f"config key power.population.paths: no population value for {', '.join(missing)}; give "
                        "every path of the model one (0 for none)")
    problems += _named_problems("construct", given["loadings"], constructs, "power.population.loadings",
                                "a construct of the model")
    problems += [f"config key power.population.loadings: construct {name!r} has no loading; give one for all its "
                 "indicators or one per indicator" for name in constructs if name not in given["loadings"]]
    for construct in model.constructs:
        value = given["loadings"].get(construct.name)
        if isinstance(value, Mapping):
            key = f"power.population.loadings.{construct.name}"
            problems += _named_problems("indicator", value, list(construct.indicators), key,
                                        f"an indicator of {construct.name}")
            missing = [item for item in construct.indicators if item not in value]
            if missing:
                problems.append(f"config key {key}: no loading for indicator(s) {', '.join(missing)}; give each "
                                f"indicator of {construct.name} one, or one number for them all")
    for pair in given["correlations"]:
        ends = [part.strip() for part in pair.split("<->")]
        if len(ends) != 2 or not all(end in constructs for end in ends):
            problems.append(f"config key power.population.correlations: {pair!r} is not \"A <-> B\" of two "
                            f"constructs of the model (known: {', '.join(constructs)})")
    if problems:
        return problems
    try:
        from_parameters(model, **given, scheme=algorithm_options(algorithm)["scheme"])
    except ModelError as error:
        return [f"config key power.population: {error}"]
    return []


def power_problems(config: Mapping, model, *, max_samples: int, max_chunks: int) -> list[str]:
    """What the schema cannot say about config ``power``.

    Parameters
    ----------
    config : mapping
        A schema-valid configuration with defaults filled in.
    model : plssem.Model or None
        The study's model; None when it has problems (the population's checks then wait for them).
    max_samples, max_chunks : int
        The most replications and jobs a run may ask for.

    Returns
    -------
    list of str
        One message per problem, each naming its key: a sample size listed twice or below the respondents the
        model needs (:func:`.sample_size.minimum_respondents`), more chunks than replications or jobs than
        ``max_chunks``, a model with interaction terms or higher-order constructs, a given population whose paths, constructs, indicators or correlations are not the
        model's (named) or that the engine refuses.
    """
    from .model import indicator_lists
    from .sample_size import minimum_respondents

    if config.get("power") is None:
        return []
    power = {**POWER_DEFAULTS, **config["power"]}
    need, why = minimum_respondents(indicator_lists(config["constructs"]), config["paths"])
    problems = _grid_problems(power, need, why) + _count_problems(power, max_samples, max_chunks)
    problems += _alpha_problems(power, config["bootstrap"])
    if model is not None and (model.interactions or model.higher_order):
        return problems + ["config key power: the power analysis simulates models without interaction terms or "
                           "higher-order constructs (their generated indicators have no population correlation "
                           "matrix); leave power out of this study's config, or simulate the model without them"]
    if isinstance(power["population"], Mapping) and model is not None:
        problems += _population_problems(power["population"], model, config["algorithm"])
    return problems
