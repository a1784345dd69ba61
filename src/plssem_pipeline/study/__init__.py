"""The study: its configuration checked and turned into a model.

* :mod:`.names` — names compared in Unicode NFC (the config's texts normalised, file paths left as written);
* :mod:`.safety` — safe loading of YAML (no Python tags, no duplicate keys) and project-relative paths;
* :mod:`.schema` — JSON Schema problems worded for the user, naming the dotted key; ``--config`` types;
* :mod:`.semantics` — what the schema cannot say (unknown constructs, cycles, files, limits);
* :mod:`.model` — the :class:`plssem.Model` from ``constructs`` and ``paths``, the algorithm options,
  the bootstrap's chunk ranges;
* :mod:`.extensions` — the model specification every rule builds its model from (interaction terms,
  higher-order constructs, control variables), each construct's role, the mediation routes;
* :mod:`.extension_checks` — what the schema cannot say about those extensions;
* :mod:`.sample_size` — the respondents the model needs (a floor, and the ten-times rule of thumb);
* :mod:`.scales` — each indicator's response scale and whether it is reverse-coded;
* :mod:`.labels` — labels given per language, each construct's and control variable's label;
* :mod:`.assessment` — the predictive-power and model-fit settings (``predict``, ``fit``), the alternative
  models (``alternatives``) and their checks;
* :mod:`.groups` — the multi-group analysis (``groups``) and IPMA (``ipma``) settings and their checks.
* :mod:`.power` — the Monte Carlo power analysis (``power``) settings and their checks.

The names below are the study's public surface: ``from plssem_pipeline import study``, then
``study.check_semantics(...)``.
"""
from .names import normalize_config
from .extensions import (ROLES, canonical_node, control_paths, control_targets, is_mediation_route, measures,
                         model_from_spec, model_spec, roles)
from .labels import configured_labels, construct_labels
from .assessment import OVERALL, STUDY_MODEL, alternative_spec, fit_settings, fold_count, predict_settings
from .model import algorithm_options, chunk_ranges, indicator_lists, model_from_config, redundancy_items
from .scales import indicator_scales
from .groups import group_pairs, group_settings, ipma_settings, pair_name
from .power import power_settings
from .schema import ConfigError, format_key, load_schema, schema_problems, typed_overrides
from .semantics import MAX_CHUNKS, MAX_SAMPLES, check_semantics

__all__ = ["ROLES", "canonical_node", "control_paths", "control_targets", "is_mediation_route", "measures",
           "model_from_spec", "model_spec", "roles", "configured_labels", "construct_labels",
           "algorithm_options", "chunk_ranges", "indicator_lists", "model_from_config", "redundancy_items",
           "ConfigError", "format_key", "load_schema", "schema_problems", "typed_overrides", "MAX_CHUNKS", "MAX_SAMPLES",
           "check_semantics", "indicator_scales", "normalize_config", "OVERALL", "STUDY_MODEL", "alternative_spec",
           "fit_settings", "fold_count", "predict_settings", "group_pairs", "group_settings", "ipma_settings", "pair_name",
           "power_settings"]
