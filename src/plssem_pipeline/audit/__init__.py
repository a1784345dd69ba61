"""The audit: what was published, checked against the reproduced results and against itself; provenance.

* :mod:`.published` — the published tables (``data/published/*.yaml``) read and checked;
* :mod:`.compare` — published beside reproduced, with tolerances;
* :mod:`.consistency` — the paper against itself (no data);
* :mod:`.provenance` — each step's ``summary.json`` (hashes, config slice, seed, versions);
* :mod:`.fingerprint` — the code fingerprints that make results follow code changes;
* :mod:`.manifest` — the run's ``results/provenance.json`` and its verification.
* :mod:`.chain` — each step's inputs against what their producers recorded (edited intermediates).
"""
