"""The study: its configuration checked and turned into a model.

* :mod:`.safety` — safe loading of YAML (no Python tags, no duplicate keys) and project-relative paths;
* :mod:`.config` — JSON Schema problems worded for the user, the semantic checks, the
  :class:`plssem.Model` built from ``constructs`` and ``paths``, the algorithm options.
"""
