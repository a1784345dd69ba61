"""The settings of the predictive-power and model-fit steps (config ``predict``, ``fit``, ``alternatives``).

* :func:`predict_settings`, :func:`fit_settings` — the keys as the steps use them: a ``null`` seed or
  sample count resolved to ``bootstrap.seed`` / ``bootstrap.samples``; leave-one-out (``predict.folds:
  loo``) as one repetition in one job, since its folds involve no randomness and a second repetition would
  repeat the first exactly (``predict.repetitions`` is then not used, and the step's summary says so);
* :func:`alternative_spec` — an alternative model (``alternatives.<name>.paths``) as a :func:`.model_spec`
  specification: the study's constructs and control variables with the alternative's paths;
* :func:`assessment_problems` — what the schema cannot say about these keys: more prediction jobs than
  repetitions, counts beyond what a run can hold, and each alternative model's paths checked as config key
  ``paths`` is (unknown constructs, cycles, interaction terms, control targets), named
  ``alternatives.<name>.paths``, plus an alternative equal to the study's model or named ``Model`` (the
  study's own model in ``results/fit/criteria.csv``).

The number of folds against the number of respondents is checked by the ``predict_chunk`` step, once the
cleaned survey's size is known (:func:`fold_count`).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from ..errors import UserError

__all__ = ["STUDY_MODEL", "OVERALL", "predict_settings", "fit_settings", "fold_count", "alternative_spec",
           "assessment_problems"]

#: The name of the study's own model in ``results/fit/criteria.csv`` and ``model_comparison.csv``.
STUDY_MODEL = "Model"
#: The row of ``results/predict/cvpat.csv`` that holds the test over all endogenous constructs.
OVERALL = "Overall"


def predict_settings(config: Mapping) -> dict:
    """The ``predict`` section as the steps use it (plain data, a Snakemake ``params`` value).

    Returns
    -------
    dict
        ``folds`` (an int, or ``"loo"``), ``repetitions`` (1 with ``loo``), ``seed`` (``bootstrap.seed``
        when null), ``chunks`` (1 with ``loo``, else at most ``repetitions``), ``approach``, ``metric``,
        ``cvpat`` (``samples``, ``test``), ``alpha`` (``bootstrap.alpha``, the CVPAT decisions' level).
    """
    predict = config["predict"]
    loo = predict["folds"] == "loo"
    repetitions = 1 if loo else int(predict["repetitions"])
    seed = predict["seed"] if predict["seed"] is not None else config["bootstrap"]["seed"]
    return {"folds": "loo" if loo else int(predict["folds"]), "repetitions": repetitions, "seed": int(seed),
            "chunks": min(int(predict["chunks"]), repetitions), "approach": str(predict["approach"]),
            "metric": str(predict["metric"]), "cvpat": {"samples": int(predict["cvpat"]["samples"]),
                                                        "test": str(predict["cvpat"]["test"])},
            "alpha": float(config["bootstrap"]["alpha"])}


def fit_settings(config: Mapping) -> dict:
    """The ``fit`` section with ``null`` resolved: ``samples`` (``bootstrap.samples``), ``seed``
    (``bootstrap.seed``)."""
    fit, boot = config["fit"], config["bootstrap"]
    return {"samples": int(fit["samples"] if fit["samples"] is not None else boot["samples"]),
            "seed": int(fit["seed"] if fit["seed"] is not None else boot["seed"])}


def fold_count(folds, n: int, repetitions: int) -> int:
    """The number of folds for ``n`` respondents: ``n`` for ``"loo"``, else ``folds``.

    Parameters
    ----------
    folds : int or "loo"
        Config ``predict.folds``.
    n : int
        The number of respondents of the cleaned survey.
    repetitions : int
        The repetitions the run makes (:func:`predict_settings`: 1 with ``"loo"``).

    Raises
    ------
    UserError
        Naming ``predict.folds`` when ``folds`` exceeds ``n`` (a fold would be empty), or equals ``n`` with
        more than one repetition: that is leave-one-out, whose folds involve no randomness, so every
        repetition would repeat the first (write ``loo``, which makes one).
    """
    if folds == "loo":
        return int(n)
    if int(folds) > n:
        raise UserError(f"{folds} folds for {n} respondents (the cleaned survey); a fold holds at least one "
                        "respondent: use at most as many folds as respondents, or loo for leave-one-out",
                        key="predict.folds")
    if int(folds) == n and repetitions > 1:
        raise UserError(f"{folds} folds for {n} respondents (the cleaned survey) is leave-one-out, one respondent "
                        f"per fold: its folds involve no randomness, so the {repetitions} repetitions "
                        "(predict.repetitions) would all be the same; write folds: loo (one repetition), or use "
                        "fewer folds", key="predict.folds")
    return int(folds)


def alternative_spec(config: Mapping, name: str) -> dict:
    """The model specification (:func:`.extensions.model_spec`) of alternative ``name``: the study's
    constructs, control variables and moderation settings with ``alternatives.<name>.paths``."""
    from .extensions import model_spec

    return model_spec({**config, "paths": list(config["alternatives"][name]["paths"])})


def _path_set(paths) -> frozenset | None:
    """The paths as a set of ``(source, target)`` (interaction terms spelled one way); None if one is malformed."""
    from plssem import ModelError, parse_path

    from .extensions import canonical_node

    try:
        return frozenset((canonical_node(s), t) for s, t in map(parse_path, paths))
    except ModelError:
        return None


def _reworded(problem: str, key: str) -> str:
    """A problem another key names (``config key constructs.Y: ...``) as one of alternative ``key``:
    ``config key alternatives.M2.paths (constructs.Y): ...``."""
    other, _, message = problem.removeprefix("config key ").partition(": ")
    return f"{key} ({other}): {message}"


def _alternative_problems(config: Mapping, owner: Mapping[str, str],
                          path_problems: Callable[[Mapping, list, str], list[str]]) -> list[str]:
    """Each alternative's paths checked as config key ``paths`` is, its messages naming
    ``alternatives.<name>.paths``."""
    from plssem import ModelError

    from .extension_checks import extension_problems
    from .extensions import model_from_spec

    problems: list[str] = []
    own = _path_set(config["paths"])
    for name, spec in (config.get("alternatives") or {}).items():
        key = f"config key alternatives.{name}.paths"
        if str(name) == STUDY_MODEL:
            problems.append(f"config key alternatives.{name}: {STUDY_MODEL!r} names the study's own model in "
                            "results/fit/criteria.csv and model_comparison.csv; choose another name")
        alternative = {**config, "paths": list(spec["paths"])}
        found = path_problems(config["constructs"], alternative["paths"], f"alternatives.{name}.paths")
        found += [p.replace("config key paths", key)   # the study's own problems are named once
                  for p in extension_problems(alternative, owner) if "config key paths" in p or "is exogenous" in p]
        problems += [p if p.startswith(key) else _reworded(p, key) for p in found]
        if found:
            continue
        if _path_set(alternative["paths"]) == own:
            problems.append(f"{key}: the same paths as config key paths; an alternative model differs from the "
                            "study's model in its paths")
            continue
        try:
            model_from_spec(alternative_spec({**config, "alternatives": {name: spec}}, name))
        except ModelError as error:   # e.g. a cycle
            problems.append(f"{key}: {error}")
    return problems


def assessment_problems(config: Mapping, owner: Mapping[str, str],
                        path_problems: Callable[[Mapping, list, str], list[str]], *, max_samples: int,
                        max_chunks: int) -> list[str]:
    """What the schema cannot say about config ``predict``, ``fit`` and ``alternatives``.

    Parameters
    ----------
    config : mapping
        A schema-valid configuration with defaults filled in.
    owner : mapping
        Indicator -> its construct.
    path_problems : callable
        ``(constructs, paths, key) -> problems`` of a list of paths, worded for config key ``key``
        (:func:`plssem_pipeline.study.semantics.check_semantics` passes its own).
    max_samples, max_chunks : int
        The largest resample count and number of jobs a run may ask for.

    Returns
    -------
    list of str
        One message per problem, each naming its config key.
    """
    problems = []
    predict = config.get("predict") or {}   # a section left out (a config the schema has not filled) is valid
    if predict and predict["folds"] != "loo" and predict["chunks"] > predict["repetitions"]:
        problems.append(f"config key predict.chunks: {predict['chunks']} chunks for {predict['repetitions']} "
                        "repetitions (predict.repetitions); use at most one chunk per repetition")
    if predict and predict["chunks"] > max_chunks:
        problems.append(f"config key predict.chunks: {predict['chunks']} chunks; at most {max_chunks} "
                        "(each chunk is one Snakemake job)")
    for key, value in (("predict.cvpat.samples", (predict.get("cvpat") or {}).get("samples")),
                       ("fit.samples", (config.get("fit") or {}).get("samples"))):
        if value is not None and value > max_samples:
            problems.append(f"config key {key}: {value} resamples; at most {max_samples:,} (they are held in memory)")
    problems += [f"config key constructs.{name}: a construct cannot be named {OVERALL!r}, the row of "
                 "results/predict/cvpat.csv that holds the test over all endogenous constructs; choose another name"
                 for name in config["constructs"] if str(name) == OVERALL]
    return problems + _alternative_problems(config, owner, path_problems)
