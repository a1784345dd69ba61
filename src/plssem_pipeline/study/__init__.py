"""The study: its configuration checked and turned into a model.

* :mod:`.names` — names compared in Unicode NFC (the config's texts normalised, file paths left as written);
* :mod:`.safety` — safe loading of YAML (no Python tags, no duplicate keys) and project-relative paths;
* :mod:`.schema` — JSON Schema problems worded for the user, naming the dotted key; ``--config`` types;
* :mod:`.semantics` — what the schema cannot say (unknown constructs, cycles, files, limits);
* :mod:`.model` — the :class:`plssem.Model` from ``constructs`` and ``paths``, the algorithm options,
  the bootstrap's chunk ranges;
* :mod:`.sample_size` — the respondents the model needs (a floor, and the ten-times rule of thumb);
* :mod:`.scales` — each indicator's response scale and whether it is reverse-coded.

The names below are the study's public surface: ``from plssem_pipeline import study``, then
``study.check_semantics(...)``.
"""
from .names import normalize_config
from .model import algorithm_options, chunk_ranges, indicator_lists, model_from_config, redundancy_items
from .scales import indicator_scales
from .schema import ConfigError, format_key, load_schema, schema_problems, typed_overrides
from .semantics import MAX_CHUNKS, MAX_SAMPLES, check_semantics

__all__ = ["algorithm_options", "chunk_ranges", "indicator_lists", "model_from_config", "redundancy_items",
           "ConfigError", "format_key", "load_schema", "schema_problems", "typed_overrides", "MAX_CHUNKS", "MAX_SAMPLES",
           "check_semantics", "indicator_scales", "normalize_config"]
