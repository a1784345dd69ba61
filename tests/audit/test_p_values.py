"""The p of a printed t, from scipy.special, equals scipy.stats' survival functions (the reference)."""
import numpy as np
import pytest
from scipy import stats

from plssem_pipeline.audit.consistency.bootstrap import _p_values


@pytest.mark.parametrize("df", [1, 139, 499, 4999])
@pytest.mark.parametrize("tails", [1, 2])
def test_p_values_equal_scipy_stats(df, tails):
    for t in np.concatenate([np.linspace(-12, 40, 521), [0.0005, 1e-9, 1e3]]):
        assert _p_values(float(t), df, tails) == (tails * float(stats.norm.sf(abs(t))),
                                                  tails * float(stats.t.sf(abs(t), df)))
