"""Rule `ipma`: the importance–performance map of config ``ipma.target`` (Ringle & Sarstedt 2016).

The model estimated on ``results/clean/survey.csv``; :func:`plssem.ipma.ipma` with each indicator's response
scale (``constructs.<C>.scale``, else ``data.scale``; :func:`plssem_pipeline.study.indicator_scales`) and
``ipma.weights``. Writes ``results/ipma/constructs.csv`` (construct, importance, importance_standardized,
performance, negative_weights), ``indicators.csv`` (construct, indicator, rescaled_weight, importance,
performance) and ``summary.json`` (target, target_performance, weights, scales).

The engine's errors name the config key to fix (:func:`importance_map`): a scale that does not fit the data
``constructs.<C>.scale`` / ``data.scale`` with the survey and the indicator's column, a common factor
``constructs.<C>.model``, weights summing to a non-positive number ``constructs.<C>.indicators`` (reverse-code
them), anything else about the target ``ipma.target``.
"""
from __future__ import annotations

from plssem.ipma import CommonFactorError, ScaleError, WeightSumError, ipma

from .. import io, study
from ..analysis import numerics
from ..audit import provenance
from ..errors import UserError


def importance_map(result, settings, scales, *, source: str, controls=()):
    """:func:`plssem.ipma.ipma` of ``settings`` (``target``, ``weights``); its refusals as :class:`UserError`.

    Parameters
    ----------
    result : plssem.PLSResult
    settings : mapping
        :func:`plssem_pipeline.study.ipma_settings`.
    scales : mapping
        Indicator -> its scale (:func:`plssem_pipeline.study.indicator_scales`: ``scale_min``, ``scale_max``,
        ``scale_key``).
    source : str
        The survey file the model was estimated on.
    controls : iterable of str
        The control variables (config ``controls``): left out of the map, as interaction terms are.

    Raises
    ------
    UserError
        Naming ``scale_key`` of the first indicator, ``source`` and its column (:class:`plssem.ipma.ScaleError`);
        ``constructs.<C>.model`` (:class:`~plssem.ipma.CommonFactorError`); ``constructs.<C>.indicators`` with
        the reverse-coding key (:class:`~plssem.ipma.WeightSumError`); else ``ipma.target``.
    """
    bounds = {name: [scale["scale_min"], scale["scale_max"]] for name, scale in scales.items()}
    try:
        return ipma(result, settings["target"], bounds, weights=settings["weights"], controls=controls)
    except ScaleError as error:
        first = error.indicators[0] if error.indicators else None
        key = scales[first]["scale_key"] if first in scales else "data.scale"
        raise UserError(str(error), file=source, column=first, key=key) from None
    except CommonFactorError as error:
        raise UserError(str(error), key=f"constructs.{error.constructs[0]}.model") from None
    except WeightSumError as error:
        raise UserError(f"{error} (list them under constructs.{error.construct}.reverse)",
                        key=f"constructs.{error.construct}.indicators") from None
    except ValueError as error:
        raise UserError(str(error), key="ipma.target") from None


def main(smk, log):
    settings = smk.params.ipma
    model = study.model_from_spec(smk.params.model)
    result = numerics.estimate(io.read_csv(smk.input.survey), model, smk.params.algorithm, source=smk.input.survey)
    scales = {name: [scale["scale_min"], scale["scale_max"]] for name, scale in smk.params.scales.items()}
    found = importance_map(result, settings, smk.params.scales, source=smk.input.survey,
                           controls=smk.params.model["controls"])
    io.write_csv(found.constructs.reset_index(), smk.output.constructs)
    io.write_csv(found.indicators[["construct", "indicator", "rescaled_weight", "importance", "performance"]],
                 smk.output.indicators)
    flagged = found.constructs.index[found.constructs["negative_weights"]].tolist()
    warnings = [f"construct {name} has a negative rescaled outer weight; IPMA assumes positive weights (Ringle & "
                "Sarstedt 2016): read its importance and performance with care" for name in flagged]
    for warning in warnings:
        log.warning(warning)
    log.info("IPMA of %s: %d constructs, target performance %.3f", found.target, len(found.constructs),
             found.target_performance)
    used = sorted(set(found.indicators["indicator"]) | set(model.constructs[model.index(found.target)].indicators))
    provenance.write_json(provenance.step_summary(
        "ipma", inputs=[smk.input.survey], outputs=[smk.output.constructs, smk.output.indicators],
        config={"ipma": settings, "model": smk.params.model, "algorithm": smk.params.algorithm},
        fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        details={"target": found.target, "target_performance": found.target_performance, "weights": found.weights,
                 "scales": {name: scales[name] for name in used if name in scales}, "warnings": warnings},
    ), smk.output.summary)
